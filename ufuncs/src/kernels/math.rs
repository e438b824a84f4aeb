//! Math kernels: sqrt, exp/log families, trigonometric and hyperbolic functions and their
//! inverses, arctan2, hypot, floor/ceil/trunc/rint, copysign.
//!
//! Real functions call the C library (as NumPy's scalar loops do; NumPy's SIMD loops may differ
//! by a few ULP). float16 computes in float32. Flags follow C99 Annex F: INVALID for a NaN from
//! a non-NaN argument, DIVIDE at a pole (log(0), log1p(-1), arctanh(±1)), OVERFLOW for an
//! infinite result from a finite argument, UNDERFLOW for a result below the normal range.
//! Complex functions are the C99 ones NumPy calls (`cexp`, `clog`, ...) or NumPy's own
//! formulas where NumPy has them (exp2, expm1, log2, log10, log1p).

use dtypes::{c128, c64, f16};

use super::elem::{Calc, Cplx, Float, Math};
use super::screened::{no_flags, no_flags1, not_negative};
use super::{binary_op, fenv, ieee, unary_op};
use crate::FpFlags;

/// A C math function used by a kernel, with its pole rule.
pub(crate) trait MathFn {
    const F: Math;
    /// The function reaches zero by underflow (exp, exp2), not only at an exact zero.
    const UNDERFLOWS_TO_ZERO: bool = false;
    /// An infinite result from a finite argument is a pole (DIVIDE), not an overflow.
    fn pole<C: Calc>(_x: C) -> bool {
        false
    }
}

fn math_flags<C: Calc, M: MathFn>(x: C, r: C, fl: &mut FpFlags) {
    if r.is_nan() {
        if !x.is_nan() {
            fl.set(FpFlags::INVALID);
        }
    } else if r.is_infinite() {
        if x.is_finite() {
            fl.set(if M::pole(x) { FpFlags::DIVIDE } else { FpFlags::OVERFLOW });
        }
    } else if r.abs() < C::MIN_POSITIVE
        && (r != C::ZERO || (M::UNDERFLOWS_TO_ZERO && x.is_finite()))
    {
        fl.set(FpFlags::UNDERFLOW);
    }
}

fn f_math<T: Float, M: MathFn>(x: T, fl: &mut FpFlags) -> T {
    let c = x.to_c();
    let r = T::C::math(M::F, c);
    math_flags::<_, M>(c, r, fl);
    T::from_c(r, fl)
}

fn c_math<T: Cplx, M: MathFn>(z: T, fl: &mut FpFlags) -> T {
    fenv::c_call(z, fl, |z| T::cmath(M::F, z))
}

/// A real C math function inside one of NumPy's complex formulas, with its flags.
fn m<C: Calc, M: MathFn>(x: C, fl: &mut FpFlags) -> C {
    let r = C::math(M::F, x);
    math_flags::<C, M>(x, r, fl);
    r
}

/// NumPy's `nc_exp2`: `cexp(z * ln 2)`.
fn c_exp2<T: Cplx>(z: T, fl: &mut FpFlags) -> T {
    let ln2 = T::R::LN_2;
    let a = T::new(ieee::mul(z.re(), ln2, fl), ieee::mul(z.im(), ln2, fl));
    c_math::<T, Exp>(a, fl)
}

/// NumPy's `nc_expm1`: `(expm1(x) cos(y) - 2 sin(y/2)^2, exp(x) sin(y))`.
fn c_expm1<T: Cplx>(z: T, fl: &mut FpFlags) -> T {
    use ieee::{div, mul, sub};
    let (x, y) = (z.re(), z.im());
    let a = m::<_, Sin>(div(y, T::R::TWO, fl), fl);
    let em1_cos = mul(m::<_, Expm1>(x, fl), m::<_, Cos>(y, fl), fl);
    let re = sub(em1_cos, mul(mul(T::R::TWO, a, fl), a, fl), fl);
    let im = mul(m::<_, Exp>(x, fl), m::<_, Sin>(y, fl), fl);
    T::new(re, im)
}

/// NumPy's `nc_log2`/`nc_log10`: `clog(z)` scaled.
fn c_log_scaled<T: Cplx>(z: T, scale: T::R, fl: &mut FpFlags) -> T {
    let l = c_math::<T, Log>(z, fl);
    T::new(ieee::mul(l.re(), scale, fl), ieee::mul(l.im(), scale, fl))
}
fn c_log2<T: Cplx>(z: T, fl: &mut FpFlags) -> T {
    c_log_scaled(z, T::R::LOG2_E, fl)
}
fn c_log10<T: Cplx>(z: T, fl: &mut FpFlags) -> T {
    c_log_scaled(z, T::R::LOG10_E, fl)
}

/// NumPy's `nc_log1p`: `(log(hypot(x + 1, y)), atan2(y, x + 1))`.
fn c_log1p<T: Cplx>(z: T, fl: &mut FpFlags) -> T {
    let xp1 = ieee::add(z.re(), T::R::ONE, fl);
    let l = ieee::hypot(xp1, z.im(), fl);
    T::new(m::<_, Log>(l, fl), atan2(z.im(), xp1, fl))
}

fn c_sqrt<T: Cplx>(z: T, fl: &mut FpFlags) -> T {
    fenv::c_call(z, fl, T::csqrt)
}

fn f_sqrt<T: Float>(x: T, fl: &mut FpFlags) -> T {
    T::from_c(ieee::sqrt(x.to_c(), fl), fl)
}

macro_rules! math_fn {
    ($($op:ident => $f:ident $(, to_zero $z:literal)? $(, pole $pole:expr)?;)*) => {$(
        impl MathFn for $op {
            const F: Math = Math::$f;
            $(const UNDERFLOWS_TO_ZERO: bool = $z;)?
            $(fn pole<C: Calc>(x: C) -> bool { ($pole)(x) })?
        }
    )*};
}

fn at_zero<C: Calc>(x: C) -> bool {
    x == C::ZERO
}
fn at_minus_one<C: Calc>(x: C) -> bool {
    x == -C::ONE
}
fn at_unit<C: Calc>(x: C) -> bool {
    x.abs() == C::ONE
}

math_fn! {
    Exp => Exp, to_zero true;
    Exp2 => Exp2, to_zero true;
    Expm1 => Expm1;
    Log => Log, pole at_zero;
    Log2 => Log2, pole at_zero;
    Log10 => Log10, pole at_zero;
    Log1p => Log1p, pole at_minus_one;
    Sin => Sin;
    Cos => Cos;
    Tan => Tan;
    Arcsin => Asin;
    Arccos => Acos;
    Arctan => Atan;
    Sinh => Sinh;
    Cosh => Cosh;
    Tanh => Tanh;
    Arcsinh => Asinh;
    Arccosh => Acosh;
    Arctanh => Atanh, pole at_unit;
}

unary_op!(Sqrt {
    [f16] -> Same => f_sqrt;
    [f32, f64] -> Same => f_sqrt, quiet = not_negative;
    [c64, c128] -> Same => c_sqrt;
});

/// Real functions from the C library; complex ones from C99 or NumPy's formulas.
macro_rules! math_ops {
    ($($op:ident: $complex:expr;)*) => {$(
        unary_op!($op {
            [f16, f32, f64] -> Same => f_math::<_, $op>;
            [c64, c128] -> Same => $complex;
        });
    )*};
}

math_ops! {
    Exp: c_math::<_, Exp>;
    Exp2: c_exp2;
    Expm1: c_expm1;
    Log: c_math::<_, Log>;
    Log2: c_log2;
    Log10: c_log10;
    Log1p: c_log1p;
    Sin: c_math::<_, Sin>;
    Cos: c_math::<_, Cos>;
    Tan: c_math::<_, Tan>;
    Arcsin: c_math::<_, Arcsin>;
    Arccos: c_math::<_, Arccos>;
    Arctan: c_math::<_, Arctan>;
    Sinh: c_math::<_, Sinh>;
    Cosh: c_math::<_, Cosh>;
    Tanh: c_math::<_, Tanh>;
    Arcsinh: c_math::<_, Arcsinh>;
    Arccosh: c_math::<_, Arccosh>;
    Arctanh: c_math::<_, Arctanh>;
}

/// C `atan2`: exact at the axes; UNDERFLOW for a result below the normal range.
pub(crate) fn atan2<C: Calc>(y: C, x: C, fl: &mut FpFlags) -> C {
    let r = C::atan2(y, x);
    if r.abs() < C::MIN_POSITIVE && (r != C::ZERO || (y != C::ZERO && x.is_finite())) {
        fl.set(FpFlags::UNDERFLOW);
    }
    r
}

fn f_arctan2<T: Float>(y: T, x: T, fl: &mut FpFlags) -> T {
    T::from_c(atan2(y.to_c(), x.to_c(), fl), fl)
}

fn f_hypot<T: Float>(a: T, b: T, fl: &mut FpFlags) -> T {
    T::from_c(ieee::hypot(a.to_c(), b.to_c(), fl), fl)
}

fn f_copysign<T: Float>(a: T, b: T, fl: &mut FpFlags) -> T {
    T::from_c(a.to_c().copysign(b.to_c()), fl)
}

binary_op!(Arctan2 {
    [f16, f32, f64] -> Same => f_arctan2;
});

binary_op!(Hypot {
    [f16, f32, f64] -> Same => f_hypot;
});

binary_op!(Copysign {
    [f16] -> Same => f_copysign;
    [f32, f64] -> Same => f_copysign, quiet = no_flags;
});

fn same<T>(x: T, _: &mut FpFlags) -> T {
    x
}

macro_rules! rounding_ops {
    ($($op:ident => $fname:ident, $method:ident;)*) => {$(
        fn $fname<T: Float>(x: T, fl: &mut FpFlags) -> T {
            T::from_c(x.to_c().$method(), fl)
        }
        unary_op!($op {
            [bool, i8, u8, i16, u16, i32, u32, i64, u64] -> Same => same, quiet = no_flags1;
            [f16] -> Same => $fname;
            [f32, f64] -> Same => $fname, quiet = no_flags1;
        });
    )*};
}

rounding_ops! {
    Floor => f_floor, floor;
    Ceil => f_ceil, ceil;
    Trunc => f_trunc, trunc;
}

fn f_rint<T: Float>(x: T, fl: &mut FpFlags) -> T {
    T::from_c(x.to_c().rint(), fl)
}

fn c_rint<T: Cplx>(z: T, _: &mut FpFlags) -> T {
    T::new(z.re().rint(), z.im().rint())
}

unary_op!(Rint {
    [f16] -> Same => f_rint;
    [f32, f64] -> Same => f_rint, quiet = no_flags1;
    [c64, c128] -> Same => c_rint;
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernels::Unary;

    fn un<K: Unary<f64, Out = f64>>(x: f64) -> (f64, u8) {
        let mut fl = FpFlags::default();
        let r = K::call(x, &mut fl);
        (r, fl.0)
    }

    #[test]
    fn pole_and_domain_flags() {
        assert_eq!(un::<Log>(0.0), (f64::NEG_INFINITY, FpFlags::DIVIDE));
        assert_eq!(un::<Log>(-1.0).1, FpFlags::INVALID);
        assert_eq!(un::<Exp>(1000.0), (f64::INFINITY, FpFlags::OVERFLOW));
        assert_eq!(un::<Exp>(-1000.0), (0.0, FpFlags::UNDERFLOW));
        assert_eq!(un::<Arctanh>(1.0), (f64::INFINITY, FpFlags::DIVIDE));
        assert_eq!(un::<Sqrt>(-1.0).1, FpFlags::INVALID);
        assert_eq!(un::<Log>(1.0), (0.0, 0));
        assert_eq!(un::<Rint>(2.5), (2.0, 0));
    }

    #[test]
    fn complex_sqrt_branch_cut() {
        let mut fl = FpFlags::default();
        let r = <Sqrt as Unary<c128>>::call(c128::new(-1.0, -0.0), &mut fl);
        assert_eq!((r.re, r.im), (0.0, -1.0));
    }
}
