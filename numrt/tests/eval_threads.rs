//! Results do not depend on the number of threads: large elementwise expressions and
//! reductions give the same bits in rayon pools of 1 and 4 threads.

mod eval_support;

use dtypes::DType;
use eval_support::*;
use numrt::{Array, ArrayOrScalar as A, Axes, View};

fn in_pool<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap().install(f)
}

fn bytes(v: &View) -> Vec<u8> {
    let mut out = vec![];
    for s in v.to_scalars() {
        let mut b = [0u8; 16];
        unsafe { s.write_to(b.as_mut_ptr()) };
        out.extend_from_slice(&b[..v.dtype.itemsize()]);
    }
    out
}

fn data(n: usize, seed: u64) -> Vec<f64> {
    (0..n)
        .map(|i| {
            let h = (i as u64 ^ seed).wrapping_mul(0x9E3779B97F4A7C15);
            ((h >> 11) as f64 / (1u64 << 53) as f64 - 0.5) * (1 << ((h >> 3) % 20)) as f64
        })
        .collect()
}

/// Build a fresh expression graph over the inputs and force it (twins of earlier graphs are
/// dropped by then, so each pool really computes).
fn compute(threads: usize, inputs: &[Array], build: &(dyn Fn(&[Array]) -> Array + Sync)) -> Vec<u8> {
    in_pool(threads, || bytes(&build(inputs).force().unwrap()))
}

fn check(inputs: &[Array], build: &(dyn Fn(&[Array]) -> Array + Sync)) {
    let one = compute(1, inputs, build);
    let four = compute(4, inputs, build);
    assert!(one == four, "results differ between 1 and 4 threads");
}

fn expr(x: &[Array]) -> Array {
    let two_a = ufunc("multiply", &[A::PyInt(2), A::Array(&x[0])]);
    let three_b = ufunc("multiply", &[A::PyInt(3), A::Array(&x[1])]);
    let cd = ufunc("multiply", &[A::Array(&x[2]), A::Array(&x[3])]);
    ufunc("subtract", &[A::Array(&add(&two_a, &three_b)), A::Array(&cd)])
}

#[test]
fn elementwise_is_thread_count_independent() {
    let n = 300_000;
    let inputs: Vec<Array> = (0..4).map(|k| array(&data(n, k), &[n], DType::Float64)).collect();
    check(&inputs, &expr);
    // Strided and transposed operands, float16 arithmetic.
    let m: Vec<Array> = (0..4).map(|k| array(&data(n, k + 9), &[500, 600], DType::Float16)).collect();
    let sl = |start: Option<i64>, stop: Option<i64>, step: Option<i64>| numrt::IndexItem::Slice { start, stop, step };
    let views: Vec<Array> = vec![
        m[0].getitem(&[sl(None, None, None), sl(None, Some(500), None)]).unwrap(),
        m[1].getitem(&[sl(None, None, None), sl(Some(100), None, None)]).unwrap().transpose(None).unwrap(),
        m[2].getitem(&[sl(None, None, Some(-1)), sl(None, Some(500), None)]).unwrap(),
        m[3].getitem(&[sl(None, None, None), sl(None, None, Some(-1))]).unwrap().getitem(&[sl(None, None, None), sl(None, Some(500), None)]).unwrap().transpose(None).unwrap(),
    ];
    check(&views, &expr);
}

#[test]
fn reductions_are_thread_count_independent() {
    let n = 1_000_000;
    let f32s = array(&data(n, 77), &[1000, 1000], DType::Float32);
    let inputs = vec![f32s];
    let sum_all = |x: &[Array]| x[0].sum(&Axes::All, false, None).unwrap();
    let sum0 = |x: &[Array]| x[0].sum(&Axes::One(0), false, None).unwrap();
    let sum1 = |x: &[Array]| x[0].sum(&Axes::One(1), false, None).unwrap();
    let sum_t = |x: &[Array]| x[0].transpose(None).unwrap().sum(&Axes::One(1), false, None).unwrap();
    let lazy_sum = |x: &[Array]| ufunc("multiply", &[A::Array(&x[0]), A::PyFloat(1.5)]).sum(&Axes::All, false, None).unwrap();
    let var = |x: &[Array]| x[0].var(&Axes::One(0), false, 1.0, None).unwrap();
    let argmax = |x: &[Array]| x[0].argmax(Some(1), false).unwrap();
    let prod = |x: &[Array]| x[0].max(&Axes::One(0), false).unwrap();
    let cumsum = |x: &[Array]| x[0].cumsum(Some(0), None).unwrap();
    for f in [&sum_all as &(dyn Fn(&[Array]) -> Array + Sync), &sum0, &sum1, &sum_t, &lazy_sum, &var, &argmax, &prod, &cumsum] {
        check(&inputs, f);
    }
}

#[test]
fn regrouped_reductions_are_thread_count_independent() {
    // Long single calls by regroupable loops: max/min of floats, integer sums and products,
    // all/any. Non-positive data with zeros of both signs makes which zero the float max gives
    // depend on the order (chunks combined in order keep it), and a NaN result is refused (the
    // call is then reduced in order).
    let n = 600_000;
    let plain = data(n, 5);
    let mut zeros: Vec<f64> = plain.iter().map(|x| -x.abs()).collect();
    for (i, z) in zeros.iter_mut().enumerate().step_by(1000) {
        *z = if i % 3000 == 0 { 0.0 } else { -0.0 };
    }
    let mut nans = plain.clone();
    nans[n / 3] = f64::NAN;
    nans[2 * n / 3] = -f64::NAN;
    for values in [plain, zeros, nans] {
        let inputs = vec![array(&values, &[n], DType::Float64)];
        let max = |x: &[Array]| x[0].max(&Axes::All, false).unwrap();
        let min = |x: &[Array]| x[0].min(&Axes::All, false).unwrap();
        let lazy_max = |x: &[Array]| ufunc("multiply", &[A::Array(&x[0]), A::PyFloat(0.5)]).max(&Axes::All, false).unwrap();
        let ints = |x: &[Array]| x[0].astype(DType::Int64).unwrap();
        let int_sum = |x: &[Array]| ints(x).sum(&Axes::All, false, None).unwrap();
        let int_max = |x: &[Array]| ints(x).max(&Axes::All, false).unwrap();
        let any = |x: &[Array]| x[0].reduce(numrt::ReduceKind::Any, &Axes::All, false, None).unwrap();
        for f in [&max as &(dyn Fn(&[Array]) -> Array + Sync), &min, &lazy_max, &int_sum, &int_max, &any] {
            check(&inputs, f);
        }
    }
}

/// NumPy's argmax/argmin of one row: the first NaN, else the first extreme (-0.0 equals 0.0).
fn brute_arg(row: &[f64], max: bool) -> i64 {
    if let Some(i) = row.iter().position(|x| x.is_nan()) {
        return i as i64;
    }
    let mut best = 0;
    for (i, &x) in row.iter().enumerate() {
        if (max && x > row[best]) || (!max && x < row[best]) {
            best = i;
        }
    }
    best as i64
}

#[test]
fn arg_reductions_match_a_brute_force_scan() {
    // Few distinct values (the extreme repeats), zeros of both signs, and a variant with NaNs;
    // a flattened row long enough to be split across threads, and rows along an axis.
    let n = 300_000;
    let coarse: Vec<f64> = data(n, 11).iter().map(|x| (x * 3.0).round() / 3.0).collect();
    let mut with_nans = coarse.clone();
    with_nans[200_001] = f64::NAN;
    with_nans[250_000] = f64::NAN;
    let non_negative: Vec<f64> = coarse.iter().enumerate().map(|(i, x)| if i % 7 == 3 { -0.0 } else { x.abs() }).collect();
    for values in [coarse, with_nans, non_negative] {
        let flat = array(&values, &[n], DType::Float64);
        let rows = array(&values, &[300, 1000], DType::Float64);
        for max in [true, false] {
            let kind = if max { numrt::ReduceKind::ArgMax } else { numrt::ReduceKind::ArgMin };
            for threads in [1, 4] {
                let got = in_pool(threads, || flat.arg_reduce(kind, None, false).unwrap().force().unwrap().to_scalars());
                assert_eq!(got[0], dtypes::Scalar::Int64(brute_arg(&values, max)), "flat, max={max}, {threads} threads");
                let got = in_pool(threads, || rows.arg_reduce(kind, Some(1), false).unwrap().force().unwrap().to_scalars());
                for (r, g) in got.iter().enumerate() {
                    assert_eq!(*g, dtypes::Scalar::Int64(brute_arg(&values[r * 1000..(r + 1) * 1000], max)), "row {r}, max={max}");
                }
            }
        }
    }
}
