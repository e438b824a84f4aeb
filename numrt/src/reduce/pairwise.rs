//! NumPy's pairwise summation (`@TYPE@_pairwise_sum` in `loops_utils.h.src`), over a stream of
//! values so that a lazily computed input needs no full-size temporary.
//!
//! Real: fewer than 8 values are added in order starting from -0.0; up to 128 use eight
//! accumulators combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)) then the tail; longer runs
//! split at n2 = n/2 - (n/2)%8. float16 accumulates in float32. Complex runs the same
//! recursion over the interleaved (re, im) floats, with four complex accumulators.
//! Leaves are consumed left to right, so the stream is read once, in order.

use std::ops::{Add, Mul};

use dtypes::{c128, c64, f16};
use ufuncs::FpFlags;

/// A source of values, consumed in order: `take(k)` returns the next `k` (k <= 128).
pub trait ValueSource<T> {
    fn take(&mut self, k: usize) -> &[T];
}

/// The float types sums accumulate in; additions report NumPy's errstate flags as the FPU
/// would (invalid: a NaN made from non-NaNs, e.g. inf + -inf; overflow: an infinity made from
/// finite values).
pub trait AccFloat: Copy + Add<Output = Self> + Mul<Output = Self> + 'static {
    fn is_nan(self) -> bool;
    fn is_infinite(self) -> bool;
    fn is_finite(self) -> bool {
        !self.is_nan() && !self.is_infinite()
    }
    #[inline(always)]
    fn add_fl(self, b: Self, fl: &mut FpFlags) -> Self {
        let r = self + b;
        check(self, b, r, fl);
        r
    }
    #[inline(always)]
    fn mul_fl(self, b: Self, fl: &mut FpFlags) -> Self {
        let r = self * b;
        check(self, b, r, fl);
        r
    }
}

#[inline(always)]
fn check<A: AccFloat>(a: A, b: A, r: A, fl: &mut FpFlags) {
    if r.is_nan() {
        if !a.is_nan() && !b.is_nan() {
            fl.set(FpFlags::INVALID);
        }
    } else if r.is_infinite() && !a.is_infinite() && !b.is_infinite() {
        fl.set(FpFlags::OVERFLOW);
    }
}

impl AccFloat for f32 {
    fn is_nan(self) -> bool {
        f32::is_nan(self)
    }
    fn is_infinite(self) -> bool {
        f32::is_infinite(self)
    }
}

impl AccFloat for f64 {
    fn is_nan(self) -> bool {
        f64::is_nan(self)
    }
    fn is_infinite(self) -> bool {
        f64::is_infinite(self)
    }
}

/// A float element summed pairwise: its accumulator type and NumPy's final update
/// `out = out + sum` (done in the accumulator type, rounded once).
pub trait PairwiseReal: Copy + 'static {
    type Acc: AccFloat;
    const NEG_ZERO: Self::Acc;
    fn widen(self) -> Self::Acc;
    /// `out + sum`, rounded to the element type (flags for the addition and the rounding).
    fn add_to(self, sum: Self::Acc, fl: &mut FpFlags) -> Self;
}

impl PairwiseReal for f32 {
    type Acc = f32;
    const NEG_ZERO: f32 = -0.0;
    fn widen(self) -> f32 {
        self
    }
    fn add_to(self, sum: f32, fl: &mut FpFlags) -> f32 {
        self.add_fl(sum, fl)
    }
}

impl PairwiseReal for f64 {
    type Acc = f64;
    const NEG_ZERO: f64 = -0.0;
    fn widen(self) -> f64 {
        self
    }
    fn add_to(self, sum: f64, fl: &mut FpFlags) -> f64 {
        self.add_fl(sum, fl)
    }
}

impl PairwiseReal for f16 {
    type Acc = f32;
    const NEG_ZERO: f32 = -0.0;
    fn widen(self) -> f32 {
        self.to_f32()
    }
    fn add_to(self, sum: f32, fl: &mut FpFlags) -> f16 {
        let wide = self.to_f32().add_fl(sum, fl);
        narrow_half(wide, fl)
    }
}

/// A float32 rounded to float16 (overflow to inf raises OVERFLOW, as NumPy's conversion does).
pub fn narrow_half(x: f32, fl: &mut FpFlags) -> f16 {
    let h = f16::from_f32(x);
    if h.is_infinite() && x.is_finite() {
        fl.set(FpFlags::OVERFLOW);
    }
    h
}

/// Pairwise sum of the next `n` values of `src`.
pub fn pairwise_real<T: PairwiseReal>(n: usize, src: &mut impl ValueSource<T>, fl: &mut FpFlags) -> T::Acc {
    if n <= 128 {
        let v = src.take(n);
        let sum = real_leaf(v, &mut NoFlags);
        // inf and NaN absorb every later addition: a finite sum had only finite partial sums,
        // hence no flag. Otherwise the leaf is summed again, reporting flags.
        if sum.is_finite() {
            sum
        } else {
            real_leaf(v, &mut Flags(fl))
        }
    } else {
        let n2 = n / 2;
        let n2 = n2 - n2 % 8;
        let a = pairwise_real::<T>(n2, src, fl);
        a.add_fl(pairwise_real::<T>(n - n2, src, fl), fl)
    }
}

/// How a leaf adds: with NumPy's flags, or plainly (vectorisable; same values).
trait LeafAdd<A: AccFloat> {
    fn add(&mut self, a: A, b: A) -> A;
}

struct NoFlags;
struct Flags<'f>(&'f mut FpFlags);

impl<A: AccFloat> LeafAdd<A> for NoFlags {
    #[inline(always)]
    fn add(&mut self, a: A, b: A) -> A {
        a + b
    }
}

impl<A: AccFloat> LeafAdd<A> for Flags<'_> {
    #[inline(always)]
    fn add(&mut self, a: A, b: A) -> A {
        a.add_fl(b, self.0)
    }
}

/// A leaf of NumPy's recursion (at most 128 values): in order from -0.0 below 8 values, else
/// eight accumulators combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)), then the tail.
#[inline(always)]
fn real_leaf<T: PairwiseReal>(v: &[T], add: &mut impl LeafAdd<T::Acc>) -> T::Acc {
    let n = v.len();
    if n < 8 {
        let mut res = T::NEG_ZERO;
        for &x in v {
            res = add.add(res, x.widen());
        }
        return res;
    }
    let mut r: [T::Acc; 8] = std::array::from_fn(|k| v[k].widen());
    let body = n - n % 8;
    for chunk in v[8..body].chunks_exact(8) {
        let c: [T::Acc; 8] = std::array::from_fn(|k| chunk[k].widen());
        r = std::array::from_fn(|k| add.add(r[k], c[k]));
    }
    let (r01, r23, r45, r67) = (add.add(r[0], r[1]), add.add(r[2], r[3]), add.add(r[4], r[5]), add.add(r[6], r[7]));
    let (lo, hi) = (add.add(r01, r23), add.add(r45, r67));
    let mut res = add.add(lo, hi);
    for x in &v[body..] {
        res = add.add(res, x.widen());
    }
    res
}

/// A complex element summed pairwise: its component float.
pub trait PairwiseComplex: Copy + 'static {
    type F: AccFloat;
    const NEG_ZERO: Self::F;
    fn parts(self) -> (Self::F, Self::F);
    fn add_to(self, sum: (Self::F, Self::F), fl: &mut FpFlags) -> Self;
}

impl PairwiseComplex for c64 {
    type F = f32;
    const NEG_ZERO: f32 = -0.0;
    fn parts(self) -> (f32, f32) {
        (self.re, self.im)
    }
    fn add_to(self, s: (f32, f32), fl: &mut FpFlags) -> c64 {
        c64::new(self.re.add_fl(s.0, fl), self.im.add_fl(s.1, fl))
    }
}

impl PairwiseComplex for c128 {
    type F = f64;
    const NEG_ZERO: f64 = -0.0;
    fn parts(self) -> (f64, f64) {
        (self.re, self.im)
    }
    fn add_to(self, s: (f64, f64), fl: &mut FpFlags) -> c128 {
        c128::new(self.re.add_fl(s.0, fl), self.im.add_fl(s.1, fl))
    }
}

/// Pairwise sum of the next `count` complex values (NumPy's recursion counts floats: n = 2*count).
pub fn pairwise_complex<T: PairwiseComplex>(count: usize, src: &mut impl ValueSource<T>, fl: &mut FpFlags) -> (T::F, T::F) {
    complex_rec::<T>(2 * count, src, fl)
}

fn complex_rec<T: PairwiseComplex>(n: usize, src: &mut impl ValueSource<T>, fl: &mut FpFlags) -> (T::F, T::F) {
    if n < 8 {
        let (mut rr, mut ri) = (T::NEG_ZERO, T::NEG_ZERO);
        for &z in src.take(n / 2) {
            let (re, im) = z.parts();
            rr = rr.add_fl(re, fl);
            ri = ri.add_fl(im, fl);
        }
        (rr, ri)
    } else if n <= 128 {
        let v = src.take(n / 2);
        // r[2k] / r[2k+1]: real / imaginary accumulators of complex lane k (4 lanes).
        let mut r: [T::F; 8] = std::array::from_fn(|k| if k % 2 == 0 { v[k / 2].parts().0 } else { v[k / 2].parts().1 });
        let mut i = 8;
        while i < n - n % 8 {
            for lane in 0..4 {
                let (re, im) = v[i / 2 + lane].parts();
                r[2 * lane] = r[2 * lane].add_fl(re, fl);
                r[2 * lane + 1] = r[2 * lane + 1].add_fl(im, fl);
            }
            i += 8;
        }
        let mut rr = r[0].add_fl(r[2], fl).add_fl(r[4].add_fl(r[6], fl), fl);
        let mut ri = r[1].add_fl(r[3], fl).add_fl(r[5].add_fl(r[7], fl), fl);
        while i < n {
            let (re, im) = v[i / 2].parts();
            rr = rr.add_fl(re, fl);
            ri = ri.add_fl(im, fl);
            i += 2;
        }
        (rr, ri)
    } else {
        let n2 = n / 2;
        let n2 = n2 - n2 % 8;
        let a = complex_rec::<T>(n2, src, fl);
        let b = complex_rec::<T>(n - n2, src, fl);
        (a.0.add_fl(b.0, fl), a.1.add_fl(b.1, fl))
    }
}

/// Where NumPy's recursion splits a run of `n` values (real) — used to cut a long sum into
/// subtrees that threads can compute independently without changing the result.
pub fn real_split(n: usize) -> Option<usize> {
    (n > 128).then(|| n / 2 - (n / 2) % 8)
}

/// The same for a run of `count` complex values (returns a count).
pub fn complex_split(count: usize) -> Option<usize> {
    let n = 2 * count;
    (n > 128).then(|| (n / 2 - (n / 2) % 8) / 2)
}

/// A slice as a value source (tests, materialised inputs).
pub struct SliceSource<'a, T> {
    pub data: &'a [T],
    pub pos: usize,
}

impl<T> ValueSource<T> for SliceSource<'_, T> {
    fn take(&mut self, k: usize) -> &[T] {
        let s = &self.data[self.pos..self.pos + k];
        self.pos += k;
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(a: &[f32]) -> f32 {
        // The C code, recursively on slices.
        let n = a.len();
        if n < 8 {
            a.iter().fold(-0.0f32, |r, &x| r + x)
        } else if n <= 128 {
            let mut r: [f32; 8] = std::array::from_fn(|k| a[k]);
            let mut i = 8;
            while i < n - n % 8 {
                for k in 0..8 {
                    r[k] += a[i + k];
                }
                i += 8;
            }
            let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for &x in &a[i..] {
                res += x;
            }
            res
        } else {
            let n2 = n / 2 - (n / 2) % 8;
            reference(&a[..n2]) + reference(&a[n2..])
        }
    }

    #[test]
    fn streaming_equals_recursive() {
        let data: Vec<f32> = (0..5000).map(|i| ((i * 7919) % 1000) as f32 * 0.37 - 150.0).collect();
        for n in [0, 1, 7, 8, 9, 127, 128, 129, 1000, 5000] {
            let mut src = SliceSource { data: &data, pos: 0 };
            assert_eq!(pairwise_real::<f32>(n, &mut src, &mut FpFlags(0)).to_bits(), reference(&data[..n]).to_bits(), "n={n}");
        }
    }

    #[test]
    fn float16_sum_does_not_saturate() {
        let ones = vec![f16::ONE; 5000];
        let s = pairwise_real::<f16>(5000, &mut SliceSource { data: &ones, pos: 0 }, &mut FpFlags(0));
        assert_eq!(f16::ZERO.add_to(s, &mut FpFlags(0)), f16::from_f32(5000.0));
    }

    #[test]
    fn negative_zero_is_kept_by_the_leaf_but_not_by_the_identity() {
        let z = [-0.0f64];
        let s = pairwise_real::<f64>(1, &mut SliceSource { data: &z, pos: 0 }, &mut FpFlags(0));
        assert!(s.is_sign_negative());
        assert!(!0.0f64.add_to(s, &mut FpFlags(0)).is_sign_negative());
    }

    #[test]
    fn flags_like_the_fpu() {
        let mut fl = FpFlags(0);
        let v = [f64::INFINITY, f64::NEG_INFINITY];
        assert!(pairwise_real::<f64>(2, &mut SliceSource { data: &v, pos: 0 }, &mut fl).is_nan());
        assert!(fl.has(FpFlags::INVALID));
        let mut fl = FpFlags(0);
        let nan = [f64::NAN, 1.0];
        pairwise_real::<f64>(2, &mut SliceSource { data: &nan, pos: 0 }, &mut fl);
        assert!(fl.is_empty(), "NaN inputs propagate quietly");
        let mut fl = FpFlags(0);
        let big = [f32::MAX, f32::MAX];
        pairwise_real::<f32>(2, &mut SliceSource { data: &big, pos: 0 }, &mut fl);
        assert!(fl.has(FpFlags::OVERFLOW));
    }

    #[test]
    fn complex_splits() {
        let data: Vec<c64> = (0..300).map(|i| c64::new(i as f32 * 0.5, -(i as f32))).collect();
        let (re, im) = pairwise_complex::<c64>(300, &mut SliceSource { data: &data, pos: 0 }, &mut FpFlags(0));
        assert_eq!((re, im), ((0..300).map(|i| i as f32 * 0.5).sum::<f32>(), -(0..300).map(|i| i as f32).sum::<f32>()));
        assert_eq!(complex_split(300), Some(148));
    }
}
