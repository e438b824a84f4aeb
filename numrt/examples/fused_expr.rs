//! The core engine's main job until the Python module and demos exist: evaluate
//! `2*a + 3*b - c*d` lazily on 10^7 float64 with the fused blocked evaluator (threads on), then
//! one op at a time with full-size temporaries, check both agree bit for bit, and print times.
//!
//! Run: `cargo run --release -p numrt --example fused_expr [n]`.

use std::time::Instant;

use dtypes::{Casting, DType};
use numrt::creation::linspace;
use numrt::eval::naive::evaluate_naive;
use numrt::{Array, ArrayOrScalar, NumrtError, PyScalar};

fn input(n: usize, lo: f64, hi: f64) -> Result<Array, NumrtError> {
    let v = linspace(PyScalar::Float(lo), PyScalar::Float(hi), n as i64, true, Some(DType::Float64))?;
    Ok(Array::from_view(v))
}

fn binary(name: &str, x: ArrayOrScalar, y: ArrayOrScalar) -> Result<Array, NumrtError> {
    Array::ufunc(name, &[x, y], None, None, None, Casting::SameKind)
}

/// `2*a + 3*b - c*d`, built lazily.
fn expression(a: &Array, b: &Array, c: &Array, d: &Array) -> Result<Array, NumrtError> {
    use ArrayOrScalar::{Array as A, PyFloat};
    let t1 = binary("multiply", PyFloat(2.0), A(a))?;
    let t2 = binary("multiply", PyFloat(3.0), A(b))?;
    let t3 = binary("add", A(&t1), A(&t2))?;
    let t4 = binary("multiply", A(c), A(d))?;
    binary("subtract", A(&t3), A(&t4))
}

fn best_of<T>(runs: usize, mut f: impl FnMut() -> Result<T, NumrtError>) -> Result<(f64, T), NumrtError> {
    let mut best = f64::INFINITY;
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let r = f()?;
        best = best.min(t.elapsed().as_secs_f64() * 1e3);
        last = Some(r);
    }
    Ok((best, last.unwrap()))
}

/// Bit-for-bit equality of two C-contiguous float64 results.
fn same_bits(x: &numrt::View, y: &numrt::View) -> bool {
    let n = x.size();
    if x.shape != y.shape || !x.flags.c_contiguous || !y.flags.c_contiguous {
        return false;
    }
    // SAFETY: both views are C-contiguous with `n` float64 elements.
    let (xs, ys) = unsafe {
        (std::slice::from_raw_parts(x.data_ptr() as *const u64, n), std::slice::from_raw_parts(y.data_ptr() as *const u64, n))
    };
    xs == ys
}

fn main() -> Result<(), NumrtError> {
    let n: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(10_000_000);
    let (a, b, c, d) = (input(n, 0.0, 1.0)?, input(n, 1.0, 2.0)?, input(n, -1.0, 1.0)?, input(n, 3.0, -3.0)?);
    let (blocked_ms, fused) = best_of(5, || expression(&a, &b, &c, &d)?.force())?;
    let (naive_ms, (naive, _)) = best_of(5, || evaluate_naive(&expression(&a, &b, &c, &d)?.node()))?;
    let same = same_bits(&fused, &naive);
    let gb = (5 * n * 8) as f64 / 1e9;
    println!("2*a + 3*b - c*d on {n} float64 (best of 5, {} threads)", rayon::current_num_threads());
    println!("  blocked fused evaluator : {blocked_ms:8.2} ms  {:6.2} GB/s", gb / (blocked_ms / 1e3));
    println!("  naive one op at a time  : {naive_ms:8.2} ms  {:6.2} GB/s", gb / (naive_ms / 1e3));
    println!("  speed-up {:.2}x, results identical: {same}", naive_ms / blocked_ms);
    if !same {
        return Err(NumrtError::Internal("blocked and naive results differ".into()));
    }
    Ok(())
}
