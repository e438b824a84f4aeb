//! Arithmetic kernels: add, subtract, multiply, true_divide, floor_divide, remainder, fmod,
//! power, negative, positive, absolute, sign, square, reciprocal.
//!
//! Integers wrap; integer division by zero gives 0 with DIVIDE, `MIN // -1` gives MIN with
//! OVERFLOW (NumPy's `floor_div`); floor division and remainder follow Python's sign rules;
//! an integer power with a negative exponent reports `FpFlags::NEGATIVE_POWER` (NumPy raises
//! ValueError). Float kernels follow NumPy's C code operation by operation (see `ieee`).

use dtypes::{c128, c64, f16, Wide};

use super::elem::{Calc, Cplx, Float, Int};
use super::screened::{any_order, finite_parts, finite_result, no_flags, no_flags1, normal_product, normal_quotient, normal_reciprocal, normal_square};
use super::{binary_op, ieee, unary_op};
use crate::FpFlags;

// ---------------------------------------------------------------------------------------------
// bool
// ---------------------------------------------------------------------------------------------

fn b_or(a: bool, b: bool, _: &mut FpFlags) -> bool {
    a | b
}
fn b_and(a: bool, b: bool, _: &mut FpFlags) -> bool {
    a & b
}
fn b_same(x: bool, _: &mut FpFlags) -> bool {
    x
}

// ---------------------------------------------------------------------------------------------
// integers
// ---------------------------------------------------------------------------------------------

fn i_add<T: Int>(a: T, b: T, _: &mut FpFlags) -> T {
    a.wadd(b)
}
fn i_sub<T: Int>(a: T, b: T, _: &mut FpFlags) -> T {
    a.wsub(b)
}
fn i_mul<T: Int>(a: T, b: T, _: &mut FpFlags) -> T {
    a.wmul(b)
}

/// `MIN / -1`, the one quotient that overflows.
#[inline(always)]
fn min_by_minus_one<T: Int>(a: T, b: T) -> bool {
    T::SIGNED && a == T::MIN && b.wneg() == T::ONE
}

fn i_floor_divide<T: Int>(a: T, b: T, fl: &mut FpFlags) -> T {
    if b == T::ZERO {
        fl.set(FpFlags::DIVIDE);
        return T::ZERO;
    }
    if min_by_minus_one(a, b) {
        fl.set(FpFlags::OVERFLOW);
        return T::MIN;
    }
    let q = a.tdiv(b);
    if ((a > T::ZERO) != (b > T::ZERO)) && q.wmul(b) != a {
        q.wsub(T::ONE)
    } else {
        q
    }
}

fn i_remainder<T: Int>(a: T, b: T, fl: &mut FpFlags) -> T {
    if b == T::ZERO {
        fl.set(FpFlags::DIVIDE);
        return T::ZERO;
    }
    if min_by_minus_one(a, b) {
        return T::ZERO;
    }
    let rem = a.trem(b);
    if (a > T::ZERO) == (b > T::ZERO) || rem == T::ZERO {
        rem
    } else {
        rem.wadd(b)
    }
}

fn i_fmod<T: Int>(a: T, b: T, fl: &mut FpFlags) -> T {
    if b == T::ZERO {
        fl.set(FpFlags::DIVIDE);
        return T::ZERO;
    }
    if min_by_minus_one(a, b) {
        return T::ZERO;
    }
    a.trem(b)
}

/// NumPy's integer power: exponentiation by squaring with wrap-around.
fn i_power<T: Int>(a: T, b: T, fl: &mut FpFlags) -> T {
    if b.is_negative() {
        fl.set(FpFlags::NEGATIVE_POWER);
        return T::ZERO;
    }
    if b == T::ZERO || a == T::ONE {
        return T::ONE;
    }
    let (mut base, mut exp) = (a, b);
    let mut out = if exp.and(T::ONE) != T::ZERO { base } else { T::ONE };
    exp = exp.shr(1);
    while exp > T::ZERO {
        base = base.wmul(base);
        if exp.and(T::ONE) != T::ZERO {
            out = out.wmul(base);
        }
        exp = exp.shr(1);
    }
    out
}

fn i_negative<T: Int>(x: T, _: &mut FpFlags) -> T {
    x.wneg()
}
fn i_same<T: Int>(x: T, _: &mut FpFlags) -> T {
    x
}
fn i_absolute<T: Int>(x: T, _: &mut FpFlags) -> T {
    if x.is_negative() {
        x.wneg()
    } else {
        x
    }
}
fn i_sign<T: Int>(x: T, _: &mut FpFlags) -> T {
    if x > T::ZERO {
        T::ONE
    } else if x < T::ZERO {
        T::ONE.wneg()
    } else {
        T::ZERO
    }
}
fn i_square<T: Int>(x: T, _: &mut FpFlags) -> T {
    x.wmul(x)
}

/// NumPy computes `1.0 / x` in double and converts back with C's conversion.
fn i_reciprocal<T: Int>(x: T, fl: &mut FpFlags) -> T {
    if x == T::ZERO {
        fl.set(FpFlags::DIVIDE | FpFlags::INVALID);
    }
    T::from_wide(Wide::Float(1.0 / x.as_f64()))
}

// ---------------------------------------------------------------------------------------------
// floats (computed in `Calc`, float16 rounded back with NumPy's flags)
// ---------------------------------------------------------------------------------------------

macro_rules! float_binary {
    ($($name:ident => $f:path),* $(,)?) => {$(
        fn $name<T: Float>(a: T, b: T, fl: &mut FpFlags) -> T {
            let r = $f(a.to_c(), b.to_c(), fl);
            T::from_c(r, fl)
        }
    )*};
}

float_binary!(f_add => ieee::add, f_sub => ieee::sub, f_mul => ieee::mul, f_div => ieee::div,
    f_floor_divide => ieee::floor_divide, f_remainder => ieee::remainder, f_fmod => ieee::fmod,
    f_power => c_pow_flags);

/// C `pow` with the C library's flags: DIVIDE for `0 ** negative finite`, INVALID for a NaN
/// from non-NaN operands, OVERFLOW and UNDERFLOW for results out of range of finite operands.
fn c_pow_flags<C: Calc>(x: C, y: C, fl: &mut FpFlags) -> C {
    let r = C::pow(x, y);
    if r.is_nan() {
        if !x.is_nan() && !y.is_nan() {
            fl.set(FpFlags::INVALID);
        }
    } else if r.is_infinite() && x == C::ZERO && y < C::ZERO && y.is_finite() {
        fl.set(FpFlags::DIVIDE);
    } else if r.is_infinite() && x.is_finite() && y.is_finite() {
        fl.set(FpFlags::OVERFLOW);
    } else if r.abs() < C::MIN_POSITIVE && x.is_finite() && y.is_finite() && x != C::ZERO {
        let exact = y == C::ONE || (r != C::ZERO && y == C::TWO && C::product_is(x, x, r));
        if !exact {
            fl.set(FpFlags::UNDERFLOW);
        }
    }
    r
}

fn f_negative<T: Float>(x: T, fl: &mut FpFlags) -> T {
    T::from_c(-x.to_c(), fl)
}
fn f_same<T: Float>(x: T, _: &mut FpFlags) -> T {
    x
}
fn f_absolute<T: Float>(x: T, fl: &mut FpFlags) -> T {
    T::from_c(x.to_c().abs(), fl)
}
/// `x > 0 ? 1 : (x < 0 ? -1 : (x == 0 ? 0 : x))`: +0 for both zeros, NaN stays NaN.
fn f_sign<T: Float>(x: T, fl: &mut FpFlags) -> T {
    let c = x.to_c();
    let r = if c > T::C::ZERO {
        T::C::ONE
    } else if c < T::C::ZERO {
        -T::C::ONE
    } else if c == T::C::ZERO {
        T::C::ZERO
    } else {
        return x;
    };
    T::from_c(r, fl)
}
fn f_square<T: Float>(x: T, fl: &mut FpFlags) -> T {
    let c = x.to_c();
    T::from_c(ieee::mul(c, c, fl), fl)
}
fn f_reciprocal<T: Float>(x: T, fl: &mut FpFlags) -> T {
    T::from_c(ieee::div(T::C::ONE, x.to_c(), fl), fl)
}

// ---------------------------------------------------------------------------------------------
// complex
// ---------------------------------------------------------------------------------------------

fn c_add<T: Cplx>(a: T, b: T, fl: &mut FpFlags) -> T {
    T::new(ieee::add(a.re(), b.re(), fl), ieee::add(a.im(), b.im(), fl))
}
fn c_sub<T: Cplx>(a: T, b: T, fl: &mut FpFlags) -> T {
    T::new(ieee::sub(a.re(), b.re(), fl), ieee::sub(a.im(), b.im(), fl))
}

/// NumPy's SIMD complex multiply: `(fma(ar, br, -(ai*bi)), fma(ar, bi, ai*br))` (the
/// products with `a`'s real part are fused, which decides inf/NaN results near overflow).
pub(crate) fn c_mul<T: Cplx>(a: T, b: T, fl: &mut FpFlags) -> T {
    use ieee::{fma, mul};
    let (ar, ai, br, bi) = (a.re(), a.im(), b.re(), b.im());
    T::new(fma(ar, br, -mul(ai, bi, fl), fl), fma(ar, bi, mul(ai, br, fl), fl))
}

/// npymath's `cmul` (plain products), used by `npy_cpow`.
fn c_mul_plain<T: Cplx>(a: T, b: T, fl: &mut FpFlags) -> T {
    use ieee::{add, mul, sub};
    let (ar, ai, br, bi) = (a.re(), a.im(), b.re(), b.im());
    T::new(
        sub(mul(ar, br, fl), mul(ai, bi, fl), fl),
        add(mul(ar, bi, fl), mul(ai, br, fl), fl),
    )
}

/// NumPy's complex division loop: Smith's method; a zero divisor gives `a / |0|` per part.
fn c_div<T: Cplx>(a: T, b: T, fl: &mut FpFlags) -> T {
    let (ar, ai, br, bi) = (a.re(), a.im(), b.re(), b.im());
    let (br_abs, bi_abs) = (br.abs(), bi.abs());
    if ieee::ge(br_abs, bi_abs, fl) {
        if br_abs == T::R::ZERO && bi_abs == T::R::ZERO {
            return T::new(ieee::div(ar, br_abs, fl), ieee::div(ai, bi_abs, fl));
        }
        smith_real(a, b, fl)
    } else {
        smith_imag(a, b, fl)
    }
}

/// Smith's division with `|br| >= |bi|`, in NumPy's order of operations.
fn smith_real<T: Cplx>(a: T, b: T, fl: &mut FpFlags) -> T {
    use ieee::{add, div, mul, sub};
    let (ar, ai, br, bi) = (a.re(), a.im(), b.re(), b.im());
    let rat = div(bi, br, fl);
    let scl = div(T::R::ONE, add(br, mul(bi, rat, fl), fl), fl);
    let re = mul(add(ar, mul(ai, rat, fl), fl), scl, fl);
    let im = mul(sub(ai, mul(ar, rat, fl), fl), scl, fl);
    T::new(re, im)
}

/// Smith's division with `|br| < |bi|`, in NumPy's order of operations.
fn smith_imag<T: Cplx>(a: T, b: T, fl: &mut FpFlags) -> T {
    use ieee::{add, div, mul, sub};
    let (ar, ai, br, bi) = (a.re(), a.im(), b.re(), b.im());
    let rat = div(br, bi, fl);
    let scl = div(T::R::ONE, add(bi, mul(br, rat, fl), fl), fl);
    let re = mul(add(mul(ar, rat, fl), ai, fl), scl, fl);
    let im = mul(sub(mul(ai, rat, fl), ar, fl), scl, fl);
    T::new(re, im)
}

fn c_negative<T: Cplx>(x: T, _: &mut FpFlags) -> T {
    T::new(-x.re(), -x.im())
}
fn c_same<T: Cplx>(x: T, _: &mut FpFlags) -> T {
    x
}
/// NumPy's SIMD complex absolute value: `larger * sqrt(1 + (smaller/larger)^2)` (one fused
/// multiply-add), with inf winning over NaN.
fn c_absolute<T: Cplx>(x: T, _: &mut FpFlags) -> T::R {
    // NumPy's loop clears the floating-point status: no flags, not even for an overflow.
    let fl = &mut FpFlags::default();
    let (zero, one, inf, nan) = (T::R::ZERO, T::R::ONE, T::R::INFINITY, T::R::NAN);
    let (mut re, mut im) = (x.re().abs(), x.im().abs());
    if re == inf || im == inf {
        return inf;
    }
    if re.is_nan() || im.is_nan() {
        (re, im) = (nan, nan);
    }
    let (larger, smaller) = if re >= im || re.is_nan() { (re, im) } else { (im, re) };
    let ratio = if larger == zero || smaller == inf { zero } else { ieee::div(smaller, larger, fl) };
    let root = ieee::fma(ratio, ratio, one, fl).sqrt();
    ieee::mul(root, larger, fl)
}

/// NumPy 2's complex sign: z / |z| (0 for 0, NaN for NaN, unit direction for infinities).
fn c_sign<T: Cplx>(x: T, fl: &mut FpFlags) -> T {
    let (re, im) = (x.re(), x.im());
    let abs = T::R::hypot(re, im);
    let (zero, one, nan) = (T::R::ZERO, T::R::ONE, T::R::NAN);
    let unit = |v: T::R| if v > zero { one } else { -one };
    if abs.is_nan() {
        T::new(nan, nan)
    } else if abs.is_infinite() {
        match (re.is_infinite(), im.is_infinite()) {
            (true, true) => T::new(nan, nan),
            (true, false) => T::new(unit(re), zero),
            _ => T::new(zero, unit(im)),
        }
    } else if abs == zero {
        T::new(zero, zero)
    } else {
        T::new(ieee::div(re, abs, fl), ieee::div(im, abs, fl))
    }
}

fn c_square<T: Cplx>(x: T, fl: &mut FpFlags) -> T {
    c_mul(x, x, fl)
}

fn c_reciprocal<T: Cplx>(x: T, fl: &mut FpFlags) -> T {
    use ieee::{add, div, mul};
    let (r, i) = (x.re(), x.im());
    let one = T::R::ONE;
    if ieee::le(i.abs(), r.abs(), fl) {
        let q = div(i, r, fl);
        let d = add(r, mul(i, q, fl), fl);
        T::new(div(one, d, fl), div(-q, d, fl))
    } else {
        let q = div(r, i, fl);
        let d = add(mul(r, q, fl), i, fl);
        T::new(div(q, d, fl), div(-one, d, fl))
    }
}

/// NumPy's `npy_cpow`: exact small integer powers by repeated multiplication, else C's `cpow`.
fn c_power<T: Cplx>(a: T, b: T, fl: &mut FpFlags) -> T {
    let (ar, ai, br, bi) = (a.re(), a.im(), b.re(), b.im());
    let (zero, one) = (T::R::ZERO, T::R::ONE);
    if br == zero && bi == zero {
        return T::new(one, zero);
    }
    if ar == zero && ai == zero {
        if br > zero {
            return T::new(zero, zero);
        }
        fl.set(FpFlags::INVALID);
        return T::new(T::R::NAN, T::R::NAN);
    }
    let hundred = T::R::from_f64(100.0);
    if bi == zero && br > -hundred && br < hundred && br.trunc() == br {
        let n = br.to_f64() as i64;
        return match n {
            1 => a,
            2 => c_mul_plain(a, a, fl),
            3 => c_mul_plain(a, c_mul_plain(a, a, fl), fl),
            _ => c_int_power(a, n, fl),
        };
    }
    super::fenv::c_call((a, b), fl, |(a, b)| T::cpow(a, b))
}

fn c_int_power<T: Cplx>(a: T, n: i64, fl: &mut FpFlags) -> T {
    let (zero, one) = (T::R::ZERO, T::R::ONE);
    let m = n.unsigned_abs();
    let mut acc = T::new(one, zero);
    let mut p = a;
    let mut mask = 1u64;
    loop {
        if m & mask != 0 {
            acc = c_mul_plain(acc, p, fl);
        }
        mask <<= 1;
        if m < mask {
            break;
        }
        p = c_mul_plain(p, p, fl);
    }
    if n < 0 {
        simple_cdiv(T::new(one, zero), acc, fl)
    } else {
        acc
    }
}

/// npymath's `cdiv` (plain Smith's method), used by `npy_cpow`.
fn simple_cdiv<T: Cplx>(a: T, b: T, fl: &mut FpFlags) -> T {
    let (ar, ai, br, bi) = (a.re(), a.im(), b.re(), b.im());
    let (abs_br, abs_bi) = (br.abs(), bi.abs());
    if abs_br >= abs_bi {
        if abs_br == T::R::ZERO && abs_bi == T::R::ZERO {
            return T::new(ieee::div(ar, abs_br, fl), ieee::div(ai, abs_bi, fl));
        }
        smith_real(a, b, fl)
    } else {
        smith_imag(a, b, fl)
    }
}

// ---------------------------------------------------------------------------------------------
// kernels
// ---------------------------------------------------------------------------------------------

binary_op!(Add {
    [bool] -> Same => b_or, quiet = no_flags, fold = any_order;
    [i8, u8, i16, u16, i32, u32, i64, u64] -> Same => i_add, quiet = no_flags, fold = any_order;
    [f16] -> Same => f_add;
    [f32, f64] -> Same => f_add, quiet = finite_result;
    [c64, c128] -> Same => c_add, quiet = finite_parts;
});

binary_op!(Subtract {
    [i8, u8, i16, u16, i32, u32, i64, u64] -> Same => i_sub, quiet = no_flags;
    [f16] -> Same => f_sub;
    [f32, f64] -> Same => f_sub, quiet = finite_result;
    [c64, c128] -> Same => c_sub, quiet = finite_parts;
});

binary_op!(Multiply {
    [bool] -> Same => b_and, quiet = no_flags, fold = any_order;
    [i8, u8, i16, u16, i32, u32, i64, u64] -> Same => i_mul, quiet = no_flags, fold = any_order;
    [f16] -> Same => f_mul;
    [f32, f64] -> Same => f_mul, quiet = normal_product;
    [c64, c128] -> Same => c_mul;
});

binary_op!(TrueDivide {
    [f16] -> Same => f_div;
    [f32, f64] -> Same => f_div, quiet = normal_quotient;
    [c64, c128] -> Same => c_div;
});

binary_op!(FloorDivide {
    [i8, u8, i16, u16, i32, u32, i64, u64] -> Same => i_floor_divide;
    [f16, f32, f64] -> Same => f_floor_divide;
});

binary_op!(Remainder {
    [i8, u8, i16, u16, i32, u32, i64, u64] -> Same => i_remainder;
    [f16, f32, f64] -> Same => f_remainder;
});

binary_op!(Fmod {
    [i8, u8, i16, u16, i32, u32, i64, u64] -> Same => i_fmod;
    [f16, f32, f64] -> Same => f_fmod;
});

binary_op!(Power {
    [i8, u8, i16, u16, i32, u32, i64, u64] -> Same => i_power;
    [f16, f32, f64] -> Same => f_power;
    [c64, c128] -> Same => c_power;
});

unary_op!(Negative {
    [i8, u8, i16, u16, i32, u32, i64, u64] -> Same => i_negative, quiet = no_flags1;
    [f16, f32, f64] -> Same => f_negative, quiet = no_flags1;
    [c64, c128] -> Same => c_negative;
});

unary_op!(Positive {
    [i8, u8, i16, u16, i32, u32, i64, u64] -> Same => i_same, quiet = no_flags1;
    [f16, f32, f64] -> Same => f_same, quiet = no_flags1;
    [c64, c128] -> Same => c_same;
});

unary_op!(Absolute {
    [bool] -> Same => b_same, quiet = no_flags1;
    [i8, u8, i16, u16, i32, u32, i64, u64] -> Same => i_absolute, quiet = no_flags1;
    [f16, f32, f64] -> Same => f_absolute, quiet = no_flags1;
    [c64, c128] -> Real => c_absolute;
});

unary_op!(Sign {
    [i8, u8, i16, u16, i32, u32, i64, u64] -> Same => i_sign, quiet = no_flags1;
    [f16, f32, f64] -> Same => f_sign, quiet = no_flags1;
    [c64, c128] -> Same => c_sign;
});

unary_op!(Square {
    [i8, u8, i16, u16, i32, u32, i64, u64] -> Same => i_square, quiet = no_flags1;
    [f16] -> Same => f_square;
    [f32, f64] -> Same => f_square, quiet = normal_square;
    [c64, c128] -> Same => c_square;
});

unary_op!(Reciprocal {
    [i8, u8, i16, u16, i32, u32, i64, u64] -> Same => i_reciprocal;
    [f16] -> Same => f_reciprocal;
    [f32, f64] -> Same => f_reciprocal, quiet = normal_reciprocal;
    [c64, c128] -> Same => c_reciprocal;
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernels::{Binary, Unary};
    use dtypes::Element;

    fn bin<K: Binary<T, T>, T: Element>(a: T, b: T) -> (K::Out, u8) {
        let mut fl = FpFlags::default();
        let r = K::call(a, b, &mut fl);
        (r, fl.0)
    }

    #[test]
    fn integer_division_rules() {
        assert_eq!(bin::<FloorDivide, i8>(7, -2), (-4, 0));
        assert_eq!(bin::<FloorDivide, i8>(-128, -1), (-128, FpFlags::OVERFLOW));
        assert_eq!(bin::<FloorDivide, i8>(5, 0), (0, FpFlags::DIVIDE));
        assert_eq!(bin::<Remainder, i8>(7, -2), (-1, 0));
        assert_eq!(bin::<Remainder, i8>(-128, -1), (0, 0));
        assert_eq!(bin::<Remainder, u8>(7, 0), (0, FpFlags::DIVIDE));
        assert_eq!(bin::<Fmod, i16>(-7, 2), (-1, 0));
        assert_eq!(bin::<FloorDivide, u64>(u64::MAX, 2), (u64::MAX / 2, 0));
    }

    #[test]
    fn integer_power() {
        assert_eq!(bin::<Power, i8>(2, 7), (-128, 0));
        assert_eq!(bin::<Power, i32>(3, 0), (1, 0));
        assert_eq!(bin::<Power, i64>(-1, -1).1, FpFlags::NEGATIVE_POWER);
        assert_eq!(bin::<Power, u8>(3, 5), (243, 0));
    }

    #[test]
    fn wrapping_unary() {
        let mut fl = FpFlags::default();
        assert_eq!(<Absolute as Unary<i8>>::call(-128, &mut fl), -128);
        assert_eq!(<Negative as Unary<u8>>::call(1, &mut fl), 255);
        assert_eq!(<Sign as Unary<f64>>::call(-0.0, &mut fl).to_bits(), 0);
        assert!(<Sign as Unary<f64>>::call(f64::NAN, &mut fl).is_nan());
        assert_eq!(fl, FpFlags::default());
    }

    #[test]
    fn complex_division_and_sign() {
        let mut fl = FpFlags::default();
        let q = <TrueDivide as Binary<c128, c128>>::call(c128::new(1.0, 1.0), c128::new(0.0, 2.0), &mut fl);
        assert_eq!((q.re, q.im), (0.5, -0.5));
        let s = <Sign as Unary<c128>>::call(c128::new(3.0, 4.0), &mut fl);
        assert_eq!((s.re, s.im), (0.6, 0.8));
        let p = <Power as Binary<c128, c128>>::call(c128::new(0.0, 1.0), c128::new(2.0, 0.0), &mut fl);
        assert_eq!((p.re, p.im), (-1.0, 0.0));
        assert_eq!(fl, FpFlags::default());
    }
}
