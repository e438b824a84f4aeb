//! Property tests of the fast paths of the inner loops against `Loop::call_scalar` (the
//! reference kernel on one element), values and flags:
//! - the vectorised path (`kernels/screened.rs`): every loop over a contiguous output and
//!   contiguous, broadcast, strided, reversed, unaligned or in-place inputs long enough to take
//!   it (several tiles);
//! - the reduce convention (output = first input, both with step 0): a running fold kept in a
//!   register;
//! - the accumulate convention (first input = the output one step back): a running scan.
//!
//! Inputs are mostly ordinary values with, depending on the case, none, a few or many special
//! ones (edge values and random bit patterns: NaN, inf, subnormals, huge), so both quiet tiles
//! and tiles recomputed by the reference loop are exercised.

use dtypes::{c128, c64, f16, DType, Scalar};
use proptest::prelude::*;
use ufuncs::FpFlags;

/// A small deterministic generator (proptest picks the seed).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let x = self.0;
        (x ^ (x >> 29)).wrapping_mul(0xBF58476D1CE4E5B9) ^ (x >> 32)
    }
}

/// Any bit pattern of `dt`.
fn from_bits(dt: DType, bits: u64) -> Scalar {
    match dt {
        DType::Bool => Scalar::Bool(bits & 1 == 1),
        DType::Float16 => Scalar::Float16(f16::from_bits(bits as u16)),
        DType::Float32 => Scalar::Float32(f32::from_bits(bits as u32)),
        DType::Float64 => Scalar::Float64(f64::from_bits(bits)),
        DType::Complex64 => Scalar::Complex64(c64::new(f32::from_bits(bits as u32), f32::from_bits((bits >> 32) as u32))),
        DType::Complex128 => Scalar::Complex128(c128::new(f64::from_bits(bits), f64::from_bits(bits.rotate_left(17)))),
        d => Scalar::UInt64(bits).cast(d),
    }
}

/// An ordinary value: a small number with a fractional part (zero now and then).
fn ordinary(dt: DType, bits: u64) -> Scalar {
    let v = ((bits % 4001) as f64 - 2000.0) / 16.0;
    match dt {
        DType::Bool => Scalar::Bool(bits & 1 == 1),
        d if d.kind() == dtypes::Kind::Float || d.kind() == dtypes::Kind::Complex => Scalar::Float64(v).cast(d),
        d => Scalar::Int64((bits % 200) as i64 - 100).cast(d),
    }
}

/// Values at the edges of the flag rules (zeros, normal limits, products that underflow or
/// overflow in float32 or float64, infinities, NaN).
const EDGES: [f64; 18] = [
    0.0, -0.0, 1.0, -1.0, f64::MIN_POSITIVE, 5e-324, 1e-160, -1e-160, 1e160, f64::MAX,
    f32::MIN_POSITIVE as f64, 1e-23, 1e-20, 1e20, f32::MAX as f64, f64::INFINITY, f64::NEG_INFINITY, f64::NAN,
];

/// An input value: special with probability 1/`rarity` (never when `rarity` is 0) — three in
/// four of them edge values, the others random bit patterns. Sparse specials matter: a tile
/// with one non-quiet element is recomputed whole, so a wrong screen shows only when the
/// element it misjudges is the tile's only special one.
fn value(dt: DType, rng: &mut Rng, rarity: u64) -> Scalar {
    let bits = rng.next();
    if rarity == 0 || !rng.next().is_multiple_of(rarity) {
        ordinary(dt, bits)
    } else if bits & 3 != 0 {
        Scalar::Float64(EDGES[(bits >> 2) as usize % EDGES.len()]).cast(dt)
    } else {
        from_bits(dt, bits >> 2)
    }
}

/// Equal values with equal bits (so -0.0 differs from 0.0); any NaN equals any NaN (LLVM may
/// commute an operation, which picks the other NaN payload).
fn same(a: Scalar, b: Scalar) -> bool {
    let key = |s: Scalar| -> (Vec<u64>, bool) {
        match s {
            Scalar::Float16(x) => (vec![x.to_bits() as u64], x.is_nan()),
            Scalar::Float32(x) => (vec![x.to_bits() as u64], x.is_nan()),
            Scalar::Float64(x) => (vec![x.to_bits()], x.is_nan()),
            Scalar::Complex64(z) => (vec![z.re.to_bits() as u64, z.im.to_bits() as u64], z.re.is_nan() || z.im.is_nan()),
            Scalar::Complex128(z) => (vec![z.re.to_bits(), z.im.to_bits()], z.re.is_nan() || z.im.is_nan()),
            _ => (vec![], false),
        }
    };
    let ((ka, na), (kb, nb)) = (key(a), key(b));
    (na && nb) || (a == b && ka == kb)
}

/// How an input is laid out: its byte step is `k * itemsize` (0: broadcast, negative:
/// reversed), plus one byte per element when `skew` (unaligned elements).
#[derive(Clone, Copy, Debug)]
struct InLayout {
    k: isize,
    skew: bool,
}

fn in_layout() -> impl Strategy<Value = InLayout> {
    (prop_oneof![4 => Just(1isize), 2 => Just(0), 1 => Just(2), 1 => Just(-1), 1 => Just(-3)], prop_oneof![5 => Just(false), 1 => Just(true)])
        .prop_map(|(k, skew)| InLayout { k, skew })
}

/// One loop over a contiguous output and inputs laid out as `layouts` (the output written over
/// input 0 when `in_place` and the dtypes allow: input 0 is then contiguous), checked against
/// `call_scalar`.
fn check_loop(uf: &ufuncs::Ufunc, lp: &ufuncs::Loop, n: usize, layouts: &[InLayout], in_place: bool, rarity: u64, rng: &mut Rng) -> Result<(), TestCaseError> {
    let in_place = in_place && uf.nout == 1 && lp.inputs()[0] == lp.outputs()[0];
    let mut inputs: Vec<Vec<Scalar>> = vec![];
    let mut bufs: Vec<(Vec<u8>, usize)> = vec![];
    let mut steps: Vec<isize> = vec![];
    for (a, &dt) in lp.inputs().iter().enumerate() {
        let l = if in_place && a == 0 { InLayout { k: 1, skew: false } } else { layouts[a] };
        let step = l.k * (dt.itemsize() + l.skew as usize) as isize;
        let len = if l.k == 0 { 1 } else { n };
        let span = n.max(1).saturating_sub(1) * step.unsigned_abs();
        let start = if step < 0 { span } else { 0 } + l.skew as usize;
        let vals: Vec<Scalar> = (0..len).map(|_| value(dt, rng, rarity)).collect();
        let mut buf = vec![0u8; span + dt.itemsize() + 2];
        for (i, v) in vals.iter().enumerate() {
            let at = (start as isize + i as isize * step) as usize;
            unsafe { v.write_to(buf[at..].as_mut_ptr()) };
        }
        inputs.push(if l.k == 0 { vec![vals[0]; n] } else { vals });
        bufs.push((buf, start));
        steps.push(step);
    }
    for &dt in lp.outputs() {
        bufs.push((vec![0u8; n.max(1) * dt.itemsize()], 0));
        steps.push(dt.itemsize() as isize);
    }
    let mut ptrs: Vec<*mut u8> = bufs.iter_mut().map(|(b, start)| unsafe { b.as_mut_ptr().add(*start) }).collect();
    if in_place {
        ptrs[uf.nin] = ptrs[0];
    }
    let mut flags = FpFlags::default();
    unsafe { (lp.inner)(&ptrs, &steps, n, &mut flags) };
    let mut want_flags = FpFlags::default();
    for i in 0..n {
        let args: Vec<Scalar> = inputs.iter().map(|v| v[i]).collect();
        let (want, fl) = lp.call_scalar(&args);
        want_flags.merge(fl);
        for (o, w) in want.iter().enumerate() {
            let dt = lp.outputs()[o];
            let got = unsafe { Scalar::read_from(dt, ptrs[uf.nin + o].add(i * dt.itemsize())) };
            prop_assert!(same(got, *w), "{} {} element {}: {:?} vs {:?} (args {:?})", uf.name, lp.signature(), i, got, w, args);
        }
    }
    prop_assert_eq!(flags, want_flags, "{} {}", uf.name, lp.signature());
    Ok(())
}

/// A fixed seed keeps `cargo test` reproducible; set UFUNCS_PROPTEST_SEED to explore others.
fn config(cases: u32) -> ProptestConfig {
    let seed = std::env::var("UFUNCS_PROPTEST_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5C4EE7);
    ProptestConfig {
        cases,
        rng_seed: proptest::test_runner::RngSeed::Fixed(seed),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(40))]

    #[test]
    fn loops_into_contiguous_outputs_match_call_scalar(
        n in 0usize..600,
        layouts in proptest::collection::vec(in_layout(), 2),
        in_place in any::<bool>(),
        rarity in prop_oneof![Just(0u64), Just(2), Just(8), Just(40), Just(300)],
        seed in any::<u64>(),
    ) {
        let mut rng = Rng(seed);
        for uf in ufuncs::all() {
            for lp in &uf.loops {
                check_loop(uf, lp, n, &layouts, in_place, rarity, &mut rng)?;
            }
        }
    }

    #[test]
    fn reduce_convention_matches_call_scalar(
        n in 0usize..300,
        stride in prop_oneof![Just(1isize), Just(-1), Just(3)],
        rarity in prop_oneof![Just(0u64), Just(8), Just(300)],
        zeros in prop_oneof![Just(Zeros::None), Just(Zeros::Both), Just(Zeros::One(0.0)), Just(Zeros::One(-0.0))],
        negate in any::<bool>(),
        seed in any::<u64>(),
    ) {
        let mut rng = Rng(seed);
        for uf in ufuncs::all().iter().filter(|u| u.nin == 2 && u.nout == 1) {
            for lp in uf.loops.iter().filter(|lp| lp.inputs()[0] == lp.outputs()[0]) {
                check_fold(uf, lp, n, stride, rarity, (zeros, negate), &mut rng)?;
                if lp.inputs()[1] == lp.outputs()[0] {
                    check_scan(uf, lp, n, stride, rarity, &mut rng)?;
                }
            }
        }
    }
}

/// `x[i] = op(x[i-1], x[i])` in place through the loop (NumPy's accumulate convention: input 0
/// is the output one step back), against the same scan by `call_scalar`.
fn check_scan(uf: &ufuncs::Ufunc, lp: &ufuncs::Loop, n: usize, stride: isize, rarity: u64, rng: &mut Rng) -> Result<(), TestCaseError> {
    let dt = lp.outputs()[0];
    let size = dt.itemsize();
    let xs: Vec<Scalar> = (0..n).map(|_| value(dt, rng, rarity)).collect();
    let step = stride * size as isize;
    let span = n.max(1) * size * stride.unsigned_abs();
    let first = if step < 0 { span - size * stride.unsigned_abs() } else { 0 };
    let mut buf = vec![0u8; span + size];
    let at = |i: usize| (first as isize + i as isize * step) as usize;
    for (i, v) in xs.iter().enumerate() {
        unsafe { v.write_to(buf[at(i)..].as_mut_ptr()) };
    }
    let mut flags = FpFlags::default();
    if n > 1 {
        let base = unsafe { buf.as_mut_ptr().add(first) };
        let cur = base.wrapping_offset(step);
        unsafe { (lp.inner)(&[base, cur, cur], &[step, step, step], n - 1, &mut flags) };
    }
    let mut want_flags = FpFlags::default();
    let mut prev = xs.first().copied();
    for (i, &x) in xs.iter().enumerate().skip(1) {
        let (out, fl) = lp.call_scalar(&[prev.unwrap(), x]);
        want_flags.merge(fl);
        let got = unsafe { Scalar::read_from(dt, buf[at(i)..].as_ptr()) };
        prop_assert!(same(got, out[0]), "{} {} scan element {}: {:?} vs {:?}", uf.name, lp.signature(), i, got, out[0]);
        prev = Some(out[0]);
    }
    prop_assert_eq!(flags, want_flags, "{} {}", uf.name, lp.signature());
    Ok(())
}

/// Zeros mixed into the values of a fold (a quarter of them): none, of both signs, or of one.
/// With the other values made non-positive (or non-negative), the maximum (or minimum) is then
/// often zero, and with zeros of both signs which zero it is depends on the order.
#[derive(Clone, Copy, Debug)]
enum Zeros {
    None,
    Both,
    One(f64),
}

/// `-|x|` (or `|x|`) for nonzero floats, zeros kept with their sign.
fn one_sided(s: Scalar, negate: bool) -> Scalar {
    let f = |x: f64| if x == 0.0 { x } else if negate { -x.abs() } else { x.abs() };
    match s {
        Scalar::Float16(x) => Scalar::Float16(f16::from_f64(f(x.to_f64()))),
        Scalar::Float32(x) => Scalar::Float32(f(x as f64) as f32),
        Scalar::Float64(x) => Scalar::Float64(f(x)),
        s => s,
    }
}

/// `acc = op(acc, x[i])` through the loop with the accumulator as input 0 and output (step 0),
/// against the same fold by `call_scalar`.
fn check_fold(uf: &ufuncs::Ufunc, lp: &ufuncs::Loop, n: usize, stride: isize, rarity: u64, (zeros, negate): (Zeros, bool), rng: &mut Rng) -> Result<(), TestCaseError> {
    let (at, xt) = (lp.inputs()[0], lp.inputs()[1]);
    let pick = |dt: DType, rng: &mut Rng| match (zeros, rng.next() % 8) {
        (Zeros::None, _) => value(dt, rng, rarity),
        (Zeros::Both, 0) => Scalar::Float64(0.0).cast(dt),
        (Zeros::Both, 1) => Scalar::Float64(-0.0).cast(dt),
        (Zeros::One(z), 0 | 1) => Scalar::Float64(z).cast(dt),
        _ => one_sided(value(dt, rng, rarity), negate),
    };
    let init = pick(at, rng);
    let xs: Vec<Scalar> = (0..n).map(|_| pick(xt, rng)).collect();
    let size = xt.itemsize();
    let span = n.max(1) * size * stride.unsigned_abs();
    let mut xbuf = vec![0u8; span + size];
    let first = if stride < 0 { span - size * stride.unsigned_abs() } else { 0 };
    for (i, v) in xs.iter().enumerate() {
        let at_byte = (first as isize + i as isize * stride * size as isize) as usize;
        unsafe { v.write_to(xbuf[at_byte..].as_mut_ptr()) };
    }
    let mut acc = [0u8; 16];
    unsafe { init.write_to(acc.as_mut_ptr()) };
    let ptrs = [acc.as_mut_ptr(), unsafe { xbuf.as_mut_ptr().add(first) }, acc.as_mut_ptr()];
    let mut flags = FpFlags::default();
    unsafe { (lp.inner)(&ptrs, &[0, stride * size as isize, 0], n, &mut flags) };
    let (mut want, mut want_flags) = (init, FpFlags::default());
    for &x in &xs {
        let (out, fl) = lp.call_scalar(&[want, x]);
        want = out[0];
        want_flags.merge(fl);
    }
    let got = unsafe { Scalar::read_from(at, acc.as_ptr()) };
    prop_assert!(same(got, want), "{} {} fold of {}: {:?} vs {:?}", uf.name, lp.signature(), n, got, want);
    prop_assert_eq!(flags, want_flags, "{} {}", uf.name, lp.signature());
    if let (Some(check), true) = (lp.regroup, n > 1) {
        // Regrouped: the second half folded on its own, then combined with the first.
        let fold = |acc: Scalar, xs: &[Scalar]| xs.iter().fold(acc, |a, &x| lp.call_scalar(&[a, x]).0[0]);
        let k = (rng.next() % n as u64) as usize;
        let combined = lp.call_scalar(&[fold(init, &xs[..k]), fold(xs[k], &xs[k + 1..])]).0[0];
        let mut bytes = [0u8; 16];
        unsafe { combined.write_to(bytes.as_mut_ptr()) };
        if unsafe { check(bytes.as_ptr()) } {
            prop_assert!(same(combined, want), "{} {} regrouped at {}: {:?} vs {:?}", uf.name, lp.signature(), k, combined, want);
        }
        prop_assert!(want_flags.is_empty(), "{} {} regroupable but raised {:?}", uf.name, lp.signature(), want_flags);
    }
    Ok(())
}
