//! Element categories the reference kernels are generic over.
//!
//! - `Int`: the eight integer types (wrapping arithmetic, NumPy's shift and division rules).
//! - `Float`: float16/32/64 as stored; each computes in its `Calc` type (float16 in float32,
//!   as NumPy's half loops do) and rounds back with NumPy's conversion flags.
//! - `Calc`: f32/f64 arithmetic and the C math library functions NumPy calls.
//! - `Cplx`: complex64/128 with their real component type.
//!
//! Implementations are generated per type by small macros; the kernels only see the traits.

use std::fmt::Debug;
use std::ops::{Add, Div, Mul, Neg, Rem, Sub};

use dtypes::{c128, c64, f16, Element};
use num_complex::Complex;

use super::libm;
use crate::FpFlags;

/// An integer element type.
pub(crate) trait Int: Element + Ord {
    const SIGNED: bool;
    const BITS: u32;
    const MIN: Self;
    const ZERO: Self;
    const ONE: Self;
    fn wadd(self, o: Self) -> Self;
    fn wsub(self, o: Self) -> Self;
    fn wmul(self, o: Self) -> Self;
    fn wneg(self) -> Self;
    /// Truncating division; the caller excludes `o == 0` and `MIN / -1`.
    fn tdiv(self, o: Self) -> Self;
    /// Truncating remainder (C `%`); the caller excludes `o == 0` and `MIN % -1`.
    fn trem(self, o: Self) -> Self;
    fn is_negative(self) -> bool;
    /// `self << n` for `n < BITS`.
    fn shl(self, n: u32) -> Self;
    /// `self >> n` for `n < BITS` (arithmetic for signed types).
    fn shr(self, n: u32) -> Self;
    fn and(self, o: Self) -> Self;
    fn or(self, o: Self) -> Self;
    fn xor(self, o: Self) -> Self;
    fn not(self) -> Self;
    /// The value as C's `size_t` would see it (negative values become huge).
    fn as_size(self) -> u64;
    /// The value converted to double (C's implicit conversion).
    fn as_f64(self) -> f64;
}

macro_rules! impl_int {
    ($($t:ty => $signed:expr),* $(,)?) => {$(
        impl Int for $t {
            const SIGNED: bool = $signed;
            const BITS: u32 = <$t>::BITS;
            const MIN: Self = <$t>::MIN;
            const ZERO: Self = 0;
            const ONE: Self = 1;
            #[inline(always)]
            fn wadd(self, o: Self) -> Self { self.wrapping_add(o) }
            #[inline(always)]
            fn wsub(self, o: Self) -> Self { self.wrapping_sub(o) }
            #[inline(always)]
            fn wmul(self, o: Self) -> Self { self.wrapping_mul(o) }
            #[inline(always)]
            fn wneg(self) -> Self { self.wrapping_neg() }
            #[inline(always)]
            fn tdiv(self, o: Self) -> Self { self.wrapping_div(o) }
            #[inline(always)]
            fn trem(self, o: Self) -> Self { self.wrapping_rem(o) }
            #[inline(always)]
            #[allow(unused_comparisons)]
            fn is_negative(self) -> bool { self < 0 }
            #[inline(always)]
            fn shl(self, n: u32) -> Self { self << n }
            #[inline(always)]
            fn shr(self, n: u32) -> Self { self >> n }
            #[inline(always)]
            fn and(self, o: Self) -> Self { self & o }
            #[inline(always)]
            fn or(self, o: Self) -> Self { self | o }
            #[inline(always)]
            fn xor(self, o: Self) -> Self { self ^ o }
            #[inline(always)]
            fn not(self) -> Self { !self }
            #[inline(always)]
            fn as_size(self) -> u64 { self as i128 as u64 }
            #[inline(always)]
            fn as_f64(self) -> f64 { self as f64 }
        }
    )*};
}

impl_int!(i8 => true, u8 => false, i16 => true, u16 => false, i32 => true, u32 => false,
    i64 => true, u64 => false);

/// f32/f64: the types NumPy's float loops compute in.
pub(crate) trait Calc:
    Copy
    + Debug
    + PartialOrd
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Rem<Output = Self>
    + Neg<Output = Self>
{
    const ZERO: Self;
    const ONE: Self;
    const HALF: Self;
    const TWO: Self;
    const NAN: Self;
    const INFINITY: Self;
    /// Smallest positive normal value.
    const MIN_POSITIVE: Self;
    const LN_2: Self;
    const LOG2_E: Self;
    const LOG10_E: Self;
    fn from_f64(x: f64) -> Self;
    fn to_f64(self) -> f64;
    fn is_nan(self) -> bool;
    fn is_infinite(self) -> bool;
    fn is_finite(self) -> bool;
    fn signbit(self) -> bool;
    fn abs(self) -> Self;
    fn floor(self) -> Self;
    fn ceil(self) -> Self;
    fn trunc(self) -> Self;
    /// Round half to even (C `rint` in the default rounding mode).
    fn rint(self) -> Self;
    fn sqrt(self) -> Self;
    fn copysign(self, sign: Self) -> Self;
    /// `a * b + c` rounded once.
    fn fma(a: Self, b: Self, c: Self) -> Self;
    /// `true` when the exact product `a * b` equals `r` (no rounding happened).
    fn product_is(a: Self, b: Self, r: Self) -> bool;
    /// The C math library function `name` (NumPy's scalar loops call the same functions).
    fn math(f: Math, x: Self) -> Self;
    fn atan2(y: Self, x: Self) -> Self;
    fn hypot(x: Self, y: Self) -> Self;
    fn pow(x: Self, y: Self) -> Self;
    /// C `fmod`.
    fn fmod(x: Self, y: Self) -> Self;
    fn fmin(x: Self, y: Self) -> Self;
    fn fmax(x: Self, y: Self) -> Self;
}

/// The one-argument C math functions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Math {
    Exp,
    Exp2,
    Expm1,
    Log,
    Log2,
    Log10,
    Log1p,
    Sin,
    Cos,
    Tan,
    Asin,
    Acos,
    Atan,
    Sinh,
    Cosh,
    Tanh,
    Asinh,
    Acosh,
    Atanh,
}

macro_rules! impl_calc {
    ($t:ident, $bits:ident, $wide:ident, $($f:ident = $cf:ident),* ; $atan2:ident $hypot:ident $pow:ident $fmod:ident $fmin:ident $fmax:ident) => {
        impl Calc for $t {
            const ZERO: Self = 0.0;
            const ONE: Self = 1.0;
            const HALF: Self = 0.5;
            const TWO: Self = 2.0;
            const NAN: Self = $t::NAN;
            const INFINITY: Self = $t::INFINITY;
            const MIN_POSITIVE: Self = $t::MIN_POSITIVE;
            const LN_2: Self = std::$t::consts::LN_2;
            const LOG2_E: Self = std::$t::consts::LOG2_E;
            const LOG10_E: Self = std::$t::consts::LOG10_E;
            #[inline(always)]
            fn from_f64(x: f64) -> Self { x as $t }
            #[inline(always)]
            fn to_f64(self) -> f64 { self as f64 }
            #[inline(always)]
            fn is_nan(self) -> bool { $t::is_nan(self) }
            #[inline(always)]
            fn is_infinite(self) -> bool { $t::is_infinite(self) }
            #[inline(always)]
            fn is_finite(self) -> bool { $t::is_finite(self) }
            #[inline(always)]
            fn signbit(self) -> bool { self.is_sign_negative() }
            #[inline(always)]
            fn abs(self) -> Self { $t::abs(self) }
            #[inline(always)]
            fn floor(self) -> Self { $t::floor(self) }
            #[inline(always)]
            fn ceil(self) -> Self { $t::ceil(self) }
            #[inline(always)]
            fn trunc(self) -> Self { $t::trunc(self) }
            #[inline(always)]
            fn rint(self) -> Self { self.round_ties_even() }
            #[inline(always)]
            fn sqrt(self) -> Self { $t::sqrt(self) }
            #[inline(always)]
            fn copysign(self, sign: Self) -> Self { $t::copysign(self, sign) }
            #[inline(always)]
            fn fma(a: Self, b: Self, c: Self) -> Self { a.mul_add(b, c) }
            #[inline]
            fn product_is(a: Self, b: Self, r: Self) -> bool { $wide(a, b, r) }
            #[inline]
            fn math(f: Math, x: Self) -> Self {
                // SAFETY: plain C math library calls on a value.
                unsafe {
                    match f {
                        $(Math::$f => libm::$cf(x),)*
                    }
                }
            }
            #[inline]
            fn atan2(y: Self, x: Self) -> Self { unsafe { libm::$atan2(y, x) } }
            #[inline]
            fn hypot(x: Self, y: Self) -> Self { unsafe { libm::$hypot(x, y) } }
            #[inline]
            fn pow(x: Self, y: Self) -> Self { unsafe { libm::$pow(x, y) } }
            #[inline]
            fn fmod(x: Self, y: Self) -> Self { unsafe { libm::$fmod(x, y) } }
            #[inline]
            fn fmin(x: Self, y: Self) -> Self { unsafe { libm::$fmin(x, y) } }
            #[inline]
            fn fmax(x: Self, y: Self) -> Self { unsafe { libm::$fmax(x, y) } }
        }
    };
}

impl_calc!(f32, u32, product_is_f32,
    Exp = expf, Exp2 = exp2f, Expm1 = expm1f, Log = logf, Log2 = log2f, Log10 = log10f,
    Log1p = log1pf, Sin = sinf, Cos = cosf, Tan = tanf, Asin = asinf, Acos = acosf,
    Atan = atanf, Sinh = sinhf, Cosh = coshf, Tanh = tanhf, Asinh = asinhf, Acosh = acoshf,
    Atanh = atanhf; atan2f hypotf powf fmodf fminf fmaxf);
impl_calc!(f64, u64, product_is_f64,
    Exp = exp, Exp2 = exp2, Expm1 = expm1, Log = log, Log2 = log2, Log10 = log10,
    Log1p = log1p, Sin = sin, Cos = cos, Tan = tan, Asin = asin, Acos = acos, Atan = atan,
    Sinh = sinh, Cosh = cosh, Tanh = tanh, Asinh = asinh, Acosh = acosh, Atanh = atanh;
    atan2 hypot pow fmod fmin fmax);

/// The product of two f32 is exact in f64.
#[inline]
fn product_is_f32(a: f32, b: f32, r: f32) -> bool {
    (a as f64) * (b as f64) == r as f64
}

/// Exact comparison of `a * b` with `r` for f64, on integer significands.
fn product_is_f64(a: f64, b: f64, r: f64) -> bool {
    if !(a.is_finite() && b.is_finite() && r.is_finite()) {
        return a * b == r;
    }
    let (ma, ea) = significand(a);
    let (mb, eb) = significand(b);
    let (mr, er) = significand(r);
    let prod = ma as u128 * mb as u128;
    if prod == 0 || mr == 0 {
        return prod == 0 && mr == 0;
    }
    if (a.is_sign_negative() ^ b.is_sign_negative()) != r.is_sign_negative() {
        return false;
    }
    let (p, ep) = strip(prod, ea + eb);
    let (q, eq) = strip(mr as u128, er);
    p == q && ep == eq
}

/// `|x| = m * 2^e` with an integer significand.
fn significand(x: f64) -> (u64, i32) {
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1 << 52) - 1);
    if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1 << 52), exp - 1075)
    }
}

fn strip(m: u128, e: i32) -> (u128, i32) {
    let tz = m.trailing_zeros();
    (m >> tz, e + tz as i32)
}

/// A float element type as stored in an array.
pub(crate) trait Float: Element {
    type C: Calc;
    fn to_c(self) -> Self::C;
    /// Round a computed value to this type, raising NumPy's conversion flags (float16 only).
    fn from_c(c: Self::C, fl: &mut FpFlags) -> Self;
}

impl Float for f32 {
    type C = f32;
    #[inline(always)]
    fn to_c(self) -> f32 {
        self
    }
    #[inline(always)]
    fn from_c(c: f32, _fl: &mut FpFlags) -> f32 {
        c
    }
}

impl Float for f64 {
    type C = f64;
    #[inline(always)]
    fn to_c(self) -> f64 {
        self
    }
    #[inline(always)]
    fn from_c(c: f64, _fl: &mut FpFlags) -> f64 {
        c
    }
}

impl Float for f16 {
    type C = f32;
    #[inline(always)]
    fn to_c(self) -> f32 {
        self.to_f32()
    }
    /// NumPy's `npy_float_to_half`: round to nearest even; OVERFLOW when a finite value becomes
    /// inf, UNDERFLOW when a nonzero value loses bits in the subnormal range or becomes zero.
    #[inline]
    fn from_c(c: f32, fl: &mut FpFlags) -> f16 {
        let h = f16::from_f32(c);
        if h.is_infinite() && c.is_finite() {
            fl.set(FpFlags::OVERFLOW);
        } else if c != 0.0 && c.abs() < f16::MIN_POSITIVE.to_f32() && h.to_f32() != c {
            fl.set(FpFlags::UNDERFLOW);
        }
        h
    }
}

/// A complex element type.
pub(crate) trait Cplx: Element {
    type R: Calc + Float<C = Self::R>;
    fn re(self) -> Self::R;
    fn im(self) -> Self::R;
    fn new(re: Self::R, im: Self::R) -> Self;
    /// A C99 complex function of the C library (what NumPy's npy_c* functions call).
    fn cmath(f: Math, z: Self) -> Self;
    /// C99 `csqrt`.
    fn csqrt(z: Self) -> Self;
    /// C99 `cpow`.
    fn cpow(a: Self, b: Self) -> Self;
}

macro_rules! impl_cplx {
    ($t:ty, $r:ty, $($f:ident = $cf:ident),* ; $sqrt:ident $pow:ident) => {
        impl Cplx for $t {
            type R = $r;
            #[inline(always)]
            fn re(self) -> $r { self.re }
            #[inline(always)]
            fn im(self) -> $r { self.im }
            #[inline(always)]
            fn new(re: $r, im: $r) -> Self { Complex::new(re, im) }
            fn cmath(f: Math, z: Self) -> Self {
                // SAFETY: C library calls on a value; num_complex::Complex is repr(C) and has the
                // layout and calling convention of C's `_Complex` of the same component type.
                unsafe {
                    match f {
                        $(Math::$f => libm::$cf(z),)*
                        _ => Complex::new(<$r>::NAN, <$r>::NAN),
                    }
                }
            }
            fn csqrt(z: Self) -> Self { unsafe { libm::$sqrt(z) } }
            fn cpow(a: Self, b: Self) -> Self { unsafe { libm::$pow(a, b) } }
        }
    };
}

impl_cplx!(c64, f32, Exp = cexpf, Log = clogf, Sin = csinf, Cos = ccosf, Tan = ctanf,
    Asin = casinf, Acos = cacosf, Atan = catanf, Sinh = csinhf, Cosh = ccoshf, Tanh = ctanhf,
    Asinh = casinhf, Acosh = cacoshf, Atanh = catanhf; csqrtf cpowf);
impl_cplx!(c128, f64, Exp = cexp, Log = clog, Sin = csin, Cos = ccos, Tan = ctan,
    Asin = casin, Acos = cacos, Atan = catan, Sinh = csinh, Cosh = ccosh, Tanh = ctanh,
    Asinh = casinh, Acosh = cacosh, Atanh = catanh; csqrt cpow);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_products() {
        assert!(f64::product_is(3.0, 0.5, 1.5));
        assert!(!f64::product_is(0.1, 0.1, 0.1 * 0.1));
        let tiny = f64::MIN_POSITIVE;
        assert!(f64::product_is(tiny, 0.5, tiny * 0.5));
        assert!(!f64::product_is(tiny, 1.0 / 3.0, tiny / 3.0));
        assert!(!f64::product_is(1e-300, 1e-300, 0.0));
        assert!(!f32::product_is(0.1, 0.1, 0.1 * 0.1));
    }

    #[test]
    fn half_rounding_flags() {
        let mut fl = FpFlags::default();
        assert!(f16::from_c(70000.0, &mut fl).is_infinite());
        assert!(fl.has(FpFlags::OVERFLOW));
        let mut fl = FpFlags::default();
        f16::from_c(1e-8, &mut fl);
        assert!(fl.has(FpFlags::UNDERFLOW));
        let mut fl = FpFlags::default();
        f16::from_c(0.25, &mut fl);
        assert_eq!(fl, FpFlags::default());
    }
}
