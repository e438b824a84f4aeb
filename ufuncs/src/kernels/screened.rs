//! The vectorisable path of the inner loops: contiguous (or broadcast) operands, values computed
//! with the flags discarded, then screened for the flags afterwards.
//!
//! A kernel opts in with a *screen* (`Binary::quiet` / `Unary::quiet`): a cheap, branch-free
//! test on the operands and the result that is true only when the reference kernel raises no
//! flag for them. The loop computes a tile of results with the same kernel function (the flag
//! bookkeeping is dead code there, so LLVM vectorises the arithmetic; the values are the
//! reference's by construction) and screens every element. A tile where any element fails the
//! screen is recomputed by the reference loop, which writes the same values and NumPy's exact
//! flags. Screens are conservative: a false "not quiet" only costs time.
//!
//! Each loop is also compiled for AVX2 and picked at run time when the CPU has it.
//!
//! Taken only when the output is contiguous and each input (contiguous, a broadcast scalar, or
//! any other byte step) is either disjoint from the output or exactly the output's elements (in
//! place: results are staged in a tile so the inputs survive a recomputation). Anything else —
//! a strided output, partially overlapping operands, a zero output step (NumPy's reduce
//! convention), fewer than `MIN_LEN` elements — runs the reference loop.

use std::mem::{size_of, MaybeUninit};

use dtypes::Element;

use super::elem::{Calc, Cplx, Float};
use super::{binary_reference, unary_reference, Binary, Unary};
use crate::FpFlags;

/// Elements per tile: computed, screened, then kept or recomputed together.
const TILE: usize = 256;

/// Shorter loops run the reference loop (so `Loop::call_scalar`, one element, always does).
pub(crate) const MIN_LEN: usize = 16;

/// The CPU has AVX2 and FMA: the vectorised loops run their AVX2 builds (same operations,
/// wider registers; a fused multiply-add is one rounding either way).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn avx2() -> bool {
    std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
}

/// One operand of an inner-loop call: pointer, byte step, itemsize.
type Operand = (*mut u8, isize, usize);

/// Whether the layout suits the fast path; `Some(in_place)` says whether an input is the
/// output itself.
fn fast_layout(inputs: &[Operand], out: Operand, n: usize) -> Option<bool> {
    let (op, os, osize) = out;
    if os != osize as isize {
        return None;
    }
    let (o0, o1) = (op as usize, op as usize + n * osize);
    let mut in_place = false;
    for &(p, s, size) in inputs {
        let last = (p as isize).wrapping_add((n as isize - 1).wrapping_mul(s)) as usize;
        let (p0, p1) = ((p as usize).min(last), (p as usize).max(last) + size);
        if p1 <= o0 || o1 <= p0 {
            continue;
        }
        if p == op && s == os {
            in_place = true;
            continue;
        }
        return None;
    }
    Some(in_place)
}

/// How an input is laid out: contiguous, one broadcast value, or any byte step.
const CONTIG: u8 = 0;
const SCALAR: u8 = 1;
const STRIDED: u8 = 2;

fn mode(step: isize, size: usize) -> u8 {
    match step {
        0 => SCALAR,
        s if s == size as isize => CONTIG,
        _ => STRIDED,
    }
}

/// Element `i` of an input laid out as `M` (`step` is its byte step).
#[inline(always)]
unsafe fn elem<T, const M: u8>(base: *const T, i: usize, step: isize) -> *const T {
    match M {
        CONTIG => base.add(i),
        SCALAR => base,
        _ => (base as *const u8).offset(i as isize * step) as *const T,
    }
}

/// The fast path of `binary_loop`; false when the layout does not suit it (nothing was done).
///
/// # Safety
/// As for `binary_loop`.
#[inline(always)]
pub(crate) unsafe fn binary<A: Element, B: Element, K: Binary<A, B>>(
    args: &[*mut u8],
    steps: &[isize],
    n: usize,
    fl: &mut FpFlags,
) -> bool {
    let ins = [(args[0], steps[0], size_of::<A>()), (args[1], steps[1], size_of::<B>())];
    let Some(in_place) = fast_layout(&ins, (args[2], steps[2], size_of::<K::Out>()), n) else {
        return false;
    };
    match (mode(steps[0], size_of::<A>()), mode(steps[1], size_of::<B>())) {
        (CONTIG, CONTIG) => binary_tiles::<A, B, K, CONTIG, CONTIG>(args, steps, n, in_place, fl),
        (CONTIG, SCALAR) => binary_tiles::<A, B, K, CONTIG, SCALAR>(args, steps, n, in_place, fl),
        (SCALAR, CONTIG) => binary_tiles::<A, B, K, SCALAR, CONTIG>(args, steps, n, in_place, fl),
        (SCALAR, SCALAR) => binary_tiles::<A, B, K, SCALAR, SCALAR>(args, steps, n, in_place, fl),
        _ => binary_tiles::<A, B, K, STRIDED, STRIDED>(args, steps, n, in_place, fl),
    }
    true
}

/// `binary_tiles_body` compiled for the widest instruction set the CPU has.
#[inline(always)]
unsafe fn binary_tiles<A: Element, B: Element, K: Binary<A, B>, const MA: u8, const MB: u8>(
    args: &[*mut u8],
    steps: &[isize],
    n: usize,
    in_place: bool,
    fl: &mut FpFlags,
) {
    #[cfg(target_arch = "x86_64")]
    if avx2() {
        return binary_tiles_avx2::<A, B, K, MA, MB>(args, steps, n, in_place, fl);
    }
    binary_tiles_body::<A, B, K, MA, MB>(args, steps, n, in_place, fl)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn binary_tiles_avx2<A: Element, B: Element, K: Binary<A, B>, const MA: u8, const MB: u8>(
    args: &[*mut u8],
    steps: &[isize],
    n: usize,
    in_place: bool,
    fl: &mut FpFlags,
) {
    binary_tiles_body::<A, B, K, MA, MB>(args, steps, n, in_place, fl)
}

#[inline(always)]
unsafe fn binary_tiles_body<A: Element, B: Element, K: Binary<A, B>, const MA: u8, const MB: u8>(
    args: &[*mut u8],
    steps: &[isize],
    n: usize,
    in_place: bool,
    fl: &mut FpFlags,
) {
    let (ap, bp, op) = (args[0] as *const A, args[1] as *const B, args[2] as *mut K::Out);
    let mut stage = [const { MaybeUninit::<K::Out>::uninit() }; TILE];
    let mut start = 0;
    while start < n {
        let m = TILE.min(n - start);
        let (a, b, o) = (elem::<A, MA>(ap, start, steps[0]), elem::<B, MB>(bp, start, steps[1]), op.add(start));
        let dst = if in_place { stage.as_mut_ptr() as *mut K::Out } else { o };
        let mut loud = 0u64;
        for i in 0..m {
            let x = elem::<A, MA>(a, i, steps[0]).read_unaligned();
            let y = elem::<B, MB>(b, i, steps[1]).read_unaligned();
            let r = K::call(x, y, &mut FpFlags::default());
            loud |= !K::quiet(x, y, r) as u64;
            dst.add(i).write_unaligned(r);
        }
        if loud != 0 {
            binary_reference::<A, B, K>(&[a as *mut u8, b as *mut u8, o as *mut u8], steps, m, fl);
        } else if in_place {
            std::ptr::copy_nonoverlapping(dst as *const u8, o as *mut u8, m * size_of::<K::Out>());
        }
        start += m;
    }
}

/// The fast path of `unary_loop`; false when the layout does not suit it (nothing was done).
///
/// # Safety
/// As for `unary_loop`.
#[inline(always)]
pub(crate) unsafe fn unary<T: Element, K: Unary<T>>(args: &[*mut u8], steps: &[isize], n: usize, fl: &mut FpFlags) -> bool {
    let ins = [(args[0], steps[0], size_of::<T>())];
    let Some(in_place) = fast_layout(&ins, (args[1], steps[1], size_of::<K::Out>()), n) else {
        return false;
    };
    match mode(steps[0], size_of::<T>()) {
        CONTIG => unary_tiles::<T, K, CONTIG>(args, steps, n, in_place, fl),
        SCALAR => unary_tiles::<T, K, SCALAR>(args, steps, n, in_place, fl),
        _ => unary_tiles::<T, K, STRIDED>(args, steps, n, in_place, fl),
    }
    true
}

/// `unary_tiles_body` compiled for the widest instruction set the CPU has.
#[inline(always)]
unsafe fn unary_tiles<T: Element, K: Unary<T>, const M: u8>(
    args: &[*mut u8],
    steps: &[isize],
    n: usize,
    in_place: bool,
    fl: &mut FpFlags,
) {
    #[cfg(target_arch = "x86_64")]
    if avx2() {
        return unary_tiles_avx2::<T, K, M>(args, steps, n, in_place, fl);
    }
    unary_tiles_body::<T, K, M>(args, steps, n, in_place, fl)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn unary_tiles_avx2<T: Element, K: Unary<T>, const M: u8>(
    args: &[*mut u8],
    steps: &[isize],
    n: usize,
    in_place: bool,
    fl: &mut FpFlags,
) {
    unary_tiles_body::<T, K, M>(args, steps, n, in_place, fl)
}

#[inline(always)]
unsafe fn unary_tiles_body<T: Element, K: Unary<T>, const M: u8>(
    args: &[*mut u8],
    steps: &[isize],
    n: usize,
    in_place: bool,
    fl: &mut FpFlags,
) {
    let (ip, op) = (args[0] as *const T, args[1] as *mut K::Out);
    let mut stage = [const { MaybeUninit::<K::Out>::uninit() }; TILE];
    let mut start = 0;
    while start < n {
        let m = TILE.min(n - start);
        let (x, o) = (elem::<T, M>(ip, start, steps[0]), op.add(start));
        let dst = if in_place { stage.as_mut_ptr() as *mut K::Out } else { o };
        let mut loud = 0u64;
        for i in 0..m {
            let v = elem::<T, M>(x, i, steps[0]).read_unaligned();
            let r = K::call(v, &mut FpFlags::default());
            loud |= !K::quiet(v, r) as u64;
            dst.add(i).write_unaligned(r);
        }
        if loud != 0 {
            unary_reference::<T, K>(&[x as *mut u8, o as *mut u8], steps, m, fl);
        } else if in_place {
            std::ptr::copy_nonoverlapping(dst as *const u8, o as *mut u8, m * size_of::<K::Out>());
        }
        start += m;
    }
}

/// A reduce-convention fold of `n` contiguous values into `acc` by an order-free kernel, in
/// interleaved lanes combined at the end (vectorisable). `None` when the kernel's
/// `fold_ok` rejects the result: the caller then folds in order.
///
/// # Safety
/// `values` holds `n` elements; `A`, `B` and the kernel's output are one type (the caller
/// checked their dtypes are equal; each dtype has one element type).
pub(crate) unsafe fn fold_lanes<A: Element, B: Element, K: Binary<A, B>>(acc: A, values: *const B, n: usize) -> Option<A> {
    #[cfg(target_arch = "x86_64")]
    if avx2() {
        return fold_lanes_avx2::<A, B, K>(acc, values, n);
    }
    fold_lanes_body::<A, B, K>(acc, values, n)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn fold_lanes_avx2<A: Element, B: Element, K: Binary<A, B>>(acc: A, values: *const B, n: usize) -> Option<A> {
    fold_lanes_body::<A, B, K>(acc, values, n)
}

#[inline(always)]
unsafe fn fold_lanes_body<A: Element, B: Element, K: Binary<A, B>>(acc: A, values: *const B, n: usize) -> Option<A> {
    use std::mem::transmute_copy as same;
    let op = |a: A, b: A| same::<K::Out, A>(&K::call(a, same::<A, B>(&b), &mut FpFlags::default()));
    let value = |i: usize| same::<B, A>(&values.add(i).read_unaligned());
    if n < 2 * FOLD_LANES {
        return None;
    }
    let mut lanes: [A; FOLD_LANES] = std::array::from_fn(value);
    let body = n - n % FOLD_LANES;
    let mut i = FOLD_LANES;
    while i < body {
        let chunk: [A; FOLD_LANES] = std::array::from_fn(|k| value(i + k));
        lanes = std::array::from_fn(|k| op(lanes[k], chunk[k]));
        i += FOLD_LANES;
    }
    let mut r = lanes.into_iter().reduce(op).unwrap_or(acc);
    for k in body..n {
        r = op(r, value(k));
    }
    let r = op(acc, r);
    if K::fold_ok(same::<A, K::Out>(&r)) {
        return Some(r);
    }
    // Refused (NaN or zero). A NaN result is left to the in-order fold (the first NaN wins).
    // Otherwise the order only matters among candidates equal to the result with other bits
    // (-0.0 for 0.0); with none, the lanes' result is the in-order one.
    #[allow(clippy::eq_op)]
    let nan = r != r;
    let differs = |x: A| x == r && !bits_equal(&x, &r);
    if nan || differs(acc) || (0..n).any(|i| differs(value(i))) {
        return None;
    }
    Some(r)
}

/// Same bytes.
#[inline(always)]
fn bits_equal<A>(x: &A, y: &A) -> bool {
    // SAFETY: both are plain values of `size_of::<A>()` bytes without padding (element types).
    unsafe {
        std::slice::from_raw_parts(x as *const A as *const u8, size_of::<A>())
            == std::slice::from_raw_parts(y as *const A as *const u8, size_of::<A>())
    }
}

/// Independent running values of `fold_lanes` (enough to hide the latency of a select).
const FOLD_LANES: usize = 16;

// ---------------------------------------------------------------------------------------------
// Screens: true only when the reference kernel raises no flag (see `ieee` for the flag rules).
// Non-short-circuit `&`/`|` keep them branch-free.
// ---------------------------------------------------------------------------------------------

/// A flag-free kernel.
#[inline(always)]
pub(crate) fn no_flags<A, B, R>(_: A, _: B, _: R) -> bool {
    true
}

/// Fold screen of an exactly associative and commutative kernel (integer add, multiply,
/// min, max, bitwise and logical operations): any order gives the same result.
#[inline(always)]
pub(crate) fn any_order<R>(_: R) -> bool {
    true
}

/// Fold screen of float min/max: the extreme value is order-free unless it is NaN (the first
/// NaN wins) or zero (which of -0.0 and +0.0 wins depends on the order).
#[inline(always)]
pub(crate) fn nonzero_number<T: Float>(r: T) -> bool {
    let c = r.to_c();
    !c.is_nan() & (c != T::C::ZERO)
}

/// Chunk screen of float min/max: selecting with a fixed rule for ties (the earlier or the later
/// operand) and NaNs is associative, so consecutive chunks combined in order give the in-order
/// zero; only a NaN result is refused (its payload, for the C library's fmin/fmax).
#[inline(always)]
pub(crate) fn not_nan<T: Float>(r: T) -> bool {
    !r.to_c().is_nan()
}

/// A flag-free one-input kernel.
#[inline(always)]
pub(crate) fn no_flags1<A, R>(_: A, _: R) -> bool {
    true
}

/// A finite value of at least the smallest normal magnitude (false for NaN).
#[inline(always)]
fn normal<C: Calc>(r: C) -> bool {
    let m = r.abs();
    (m >= C::MIN_POSITIVE) & (m < C::INFINITY)
}

/// `a + b`, `a - b` (float32/64): flags only come with a NaN or infinite result.
#[inline(always)]
pub(crate) fn finite_result<T: Float>(_: T, _: T, r: T) -> bool {
    r.to_c().is_finite()
}

/// Complex `a + b`, `a - b`: each part is a real addition, flagged only for a NaN or
/// infinite part.
#[inline(always)]
pub(crate) fn finite_parts<T: Cplx>(_: T, _: T, r: T) -> bool {
    r.re().is_finite() & r.im().is_finite()
}

/// `a * b` (float32/64): a normal result, or an exact zero from a zero operand.
#[inline(always)]
pub(crate) fn normal_product<T: Float>(a: T, b: T, r: T) -> bool {
    let (a, b, r, zero) = (a.to_c(), b.to_c(), r.to_c(), T::C::ZERO);
    normal(r) | ((r == zero) & ((a == zero) | (b == zero)))
}

/// `a / b` (float32/64): a normal result, or zero divided by a nonzero number.
#[inline(always)]
pub(crate) fn normal_quotient<T: Float>(a: T, _: T, r: T) -> bool {
    let (a, r, zero) = (a.to_c(), r.to_c(), T::C::ZERO);
    normal(r) | ((r == zero) & (a == zero))
}

/// `x * x` (float32/64): a normal result or a zero square of zero.
#[inline(always)]
pub(crate) fn normal_square<T: Float>(x: T, r: T) -> bool {
    normal_product(x, x, r)
}

/// `1 / x` (float32/64): a normal result.
#[inline(always)]
pub(crate) fn normal_reciprocal<T: Float>(_: T, r: T) -> bool {
    normal(r.to_c())
}

/// `sqrt(x)` (float32/64): INVALID only below zero.
#[inline(always)]
pub(crate) fn not_negative<T: Float>(x: T, _: T) -> bool {
    let x = x.to_c();
    (x >= T::C::ZERO) | x.is_nan()
}

#[cfg(test)]
mod tests {
    //! Every screen against its kernel on all pairs of a value set rich in edge cases: a
    //! "quiet" verdict must never hide a flag.

    use super::*;
    use crate::kernels::arith::*;
    use crate::kernels::compare::*;
    use crate::kernels::math::*;
    use dtypes::f16;

    /// Edge values (zeros, limits of the normal range, products and quotients that underflow or
    /// overflow in float32 or float64, infinities, NaN), values that make inexact subnormals,
    /// and pseudo-random bit patterns.
    fn values() -> Vec<f64> {
        let mut v = vec![
            0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 3.0, 1.0 / 3.0, -7.25, 2.0f64.powi(-537), 1.4916681462400413e-154,
            f64::MIN_POSITIVE, f64::MIN_POSITIVE * 1.0000001, f64::MIN_POSITIVE * 0.75, 5e-324, 1e-310, 1e-160,
            -1e-160, 1e160, 1.3407807929942596e154, f64::MAX, -f64::MAX, f32::MIN_POSITIVE as f64, 1e-45, 1e-23,
            1e-20, 1e20, 1.8446744e19, f32::MAX as f64, 3.4028235677973366e38, 65504.0, 6.1e-5, 6e-8,
            f64::INFINITY, f64::NEG_INFINITY, f64::NAN,
        ];
        let mut x = 0x9E3779B97F4A7C15u64;
        for _ in 0..150 {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            v.push(f64::from_bits(x ^ (x >> 31)));
            v.push(f32::from_bits((x >> 32) as u32) as f64);
        }
        v
    }

    fn check_binary<T: Element, K: Binary<T, T>>(name: &str, vals: &[T]) {
        assert!(K::SCREENED, "{name}");
        for &a in vals {
            for &b in vals {
                let mut fl = FpFlags::default();
                let r = K::call(a, b, &mut fl);
                assert!(!K::quiet(a, b, r) || fl.is_empty(), "{name}({a:?}, {b:?}) = {r:?} is not quiet: {fl:?}");
            }
        }
    }

    fn check_unary<T: Element, K: Unary<T>>(name: &str, vals: &[T]) {
        assert!(K::SCREENED, "{name}");
        for &x in vals {
            let mut fl = FpFlags::default();
            let r = K::call(x, &mut fl);
            assert!(!K::quiet(x, r) || fl.is_empty(), "{name}({x:?}) = {r:?} is not quiet: {fl:?}");
        }
    }

    macro_rules! screens {
        ($vals:expr, $t:ty; binary: $($b:ident)*; unary: $($u:ident)*) => {{
            let vals: Vec<$t> = $vals;
            $(check_binary::<$t, $b>(stringify!($b), &vals);)*
            $(check_unary::<$t, $u>(stringify!($u), &vals);)*
        }};
    }

    #[test]
    fn float_screens_never_hide_a_flag() {
        let v = values();
        screens!(v.clone(), f64;
            binary: Add Subtract Multiply TrueDivide Minimum Maximum Fmin Fmax Copysign Less Equal;
            unary: Negative Absolute Sign Square Reciprocal Sqrt Floor Ceil Trunc Rint IsNan Signbit);
        screens!(v.iter().map(|&x| x as f32).collect(), f32;
            binary: Add Subtract Multiply TrueDivide Minimum Maximum Fmin Fmax Copysign GreaterEqual NotEqual;
            unary: Negative Absolute Sign Square Reciprocal Sqrt Floor Ceil Trunc Rint IsInf IsFinite);
        let parts: Vec<f64> = v.iter().step_by(6).copied().collect();
        let complex: Vec<dtypes::c128> = parts.iter().flat_map(|&re| parts.iter().map(move |&im| dtypes::c128::new(re, im))).collect();
        screens!(complex.clone(), dtypes::c128; binary: Add Subtract; unary: );
        screens!(complex.iter().map(|z| dtypes::c64::new(z.re as f32, z.im as f32)).collect(), dtypes::c64; binary: Add Subtract; unary: );
        screens!(v.iter().map(|&x| f16::from_f64(x)).collect(), f16;
            binary: Minimum Maximum Fmin Fmax LessEqual Greater;
            unary: Negative Absolute Sign IsNan);
    }
}
