//! `2*a + 3*b - c*d` on 10^7 float64: the blocked (fused) evaluator against the naive
//! one-op-at-a-time evaluator (full-size temporaries). Throughput counts the bytes the
//! expression must move: four inputs read and one output written.
//!
//! Run: cargo bench -p numrt --bench blocked_eval -- --warm-up-time 1 --measurement-time 5
//! NumPy's times for the same cases: `.venv/bin/python numrt/benches/numpy_side.py` (run both
//! in the same minutes; the machine is shared). `RAYON_NUM_THREADS=1` gives one-thread times.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dtypes::{Casting, DType, Scalar};
use numrt::eval::{allocate_like, evaluate_into, evaluate_naive, materialise};
use numrt::{reduce, Array, ArrayOrScalar as A, Axes, View};

const N: usize = 10_000_000;

fn input(seed: u64) -> Array {
    let v = View::zeros(&[N], DType::Float64).unwrap();
    let p = v.data_ptr() as *mut f64;
    for i in 0..N {
        let h = (i as u64 ^ seed).wrapping_mul(0x9E3779B97F4A7C15);
        unsafe { *p.add(i) = (h >> 11) as f64 / (1u64 << 53) as f64 };
    }
    let _ = Scalar::zero(DType::Float64);
    Array::from_view(v)
}

fn call(name: &str, args: &[A]) -> Array {
    Array::ufunc(name, args, None, None, None, Casting::SameKind).unwrap()
}

fn bench(c: &mut Criterion) {
    let (a, b, cc, d) = (input(1), input(2), input(3), input(4));
    let two_a = call("multiply", &[A::PyInt(2), A::Array(&a)]);
    let three_b = call("multiply", &[A::PyInt(3), A::Array(&b)]);
    let cd = call("multiply", &[A::Array(&cc), A::Array(&d)]);
    let sum = call("add", &[A::Array(&two_a), A::Array(&three_b)]);
    let expr = call("subtract", &[A::Array(&sum), A::Array(&cd)]);
    let node = expr.node();
    let mut group = c.benchmark_group("2a+3b-cd f64 1e7");
    group.throughput(Throughput::Bytes((5 * N * 8) as u64));
    group.sample_size(10);
    group.bench_function("blocked", |bench| bench.iter(|| materialise(&node).unwrap()));
    // The same into an output allocated once: compute without the new pages' faults.
    let out = allocate_like(&node).unwrap();
    group.bench_function("blocked into existing", |bench| bench.iter(|| evaluate_into(&node, &out).unwrap()));
    group.bench_function("naive", |bench| bench.iter(|| evaluate_naive(&node).unwrap()));
    group.finish();
    drop((expr, sum, two_a, three_b, cd, a, b, cc, d, out));

    // Short inner runs: a (10^6, 3) matrix plus a broadcast row cannot coalesce into long runs.
    let m = Array::from_view(View::zeros(&[N / 10, 3], DType::Float64).unwrap());
    let row = Array::from_view(View::zeros(&[3], DType::Float64).unwrap());
    let short = call("add", &[A::Array(&m), A::Array(&row)]);
    let node = short.node();
    let mut group = c.benchmark_group("matrix+row f64 1e6x3");
    group.throughput(Throughput::Bytes((2 * N / 10 * 3 * 8) as u64));
    group.sample_size(10);
    group.bench_function("blocked", |bench| bench.iter(|| materialise(&node).unwrap()));
    group.bench_function("naive", |bench| bench.iter(|| evaluate_naive(&node).unwrap()));
    group.finish();
    drop((short, m, row));

    // Reductions: a full pairwise sum, sums over the short and the long axis of a 10^6 x 3
    // matrix (10^6 inner-loop calls of 3 elements, as in NumPy's iteration), a full max and an
    // int64 sum (NumPy's reduce convention: one running value).
    let big = input(5);
    let part = big.getitem(&[numrt::IndexItem::Slice { start: None, stop: Some((N / 10 * 3) as i64), step: None }]).unwrap();
    let m = part.reshape(&[(N / 10) as isize, 3]).unwrap();
    let mut group = c.benchmark_group("reductions f64");
    group.sample_size(10);
    group.throughput(Throughput::Bytes((N * 8) as u64));
    let full = big.sum(&Axes::All, false, None).unwrap().node();
    group.bench_function("sum 1e7", |bench| bench.iter(|| reduce::evaluate_for_tests(&full).unwrap()));
    group.throughput(Throughput::Bytes((N / 10 * 3 * 8) as u64));
    let rows = m.sum(&Axes::One(1), false, None).unwrap().node();
    group.bench_function("sum axis=1 of 1e6x3", |bench| bench.iter(|| reduce::evaluate_for_tests(&rows).unwrap()));
    let cols = m.sum(&Axes::One(0), false, None).unwrap().node();
    group.bench_function("sum axis=0 of 1e6x3", |bench| bench.iter(|| reduce::evaluate_for_tests(&cols).unwrap()));
    group.throughput(Throughput::Bytes((N * 8) as u64));
    let max = big.max(&Axes::All, false).unwrap().node();
    group.bench_function("max 1e7", |bench| bench.iter(|| reduce::evaluate_for_tests(&max).unwrap()));
    let ints = Array::from_view(big.astype(DType::Int64).unwrap().force().unwrap());
    let isum = ints.sum(&Axes::All, false, None).unwrap().node();
    group.bench_function("sum int64 1e7", |bench| bench.iter(|| reduce::evaluate_for_tests(&isum).unwrap()));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
