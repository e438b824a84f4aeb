//! Comparison and selection kernels: equal ... greater_equal (int64/uint64 mixed loops
//! compare exactly), logical_and/or/xor/not, minimum/maximum (NaN propagates), fmin/fmax (NaN
//! ignored), isnan/isinf/isfinite/signbit.
//!
//! Complex values compare lexicographically with NumPy's NaN rules (`CLT`, `CGE`, ... in
//! NumPy's loops). None of these kernels raises a flag: NumPy clears or never sets them here.

use dtypes::{c128, c64, f16, Element};

use super::elem::{Calc, Cplx, Float};
use super::screened::{any_order, no_flags, no_flags1, nonzero_number, not_nan};
use super::{binary_op, ieee, unary_op, Binary};
use crate::FpFlags;

/// C truthiness: nonzero (NaN is true; a complex value is true if either part is).
#[inline(always)]
fn truthy<T: Element>(x: T) -> bool {
    bool::from_wide(x.to_wide())
}

// Ordered comparisons for bool, integers and floats (float16's PartialOrd is IEEE's).
fn eq<T: PartialOrd>(a: T, b: T, _: &mut FpFlags) -> bool {
    a == b
}
fn ne<T: PartialOrd>(a: T, b: T, _: &mut FpFlags) -> bool {
    a != b
}
fn lt<T: PartialOrd>(a: T, b: T, _: &mut FpFlags) -> bool {
    a < b
}
fn le<T: PartialOrd>(a: T, b: T, _: &mut FpFlags) -> bool {
    a <= b
}
fn gt<T: PartialOrd>(a: T, b: T, _: &mut FpFlags) -> bool {
    a > b
}
fn ge<T: PartialOrd>(a: T, b: T, _: &mut FpFlags) -> bool {
    a >= b
}

// Lexicographic complex comparisons, NumPy's `CLT`, `CGE`, ... macros. C's ordered
// comparisons signal INVALID on NaN, in the order the macros evaluate them.
fn no_nan_imag<T: Cplx>(a: T, b: T) -> bool {
    !a.im().is_nan() && !b.im().is_nan()
}
fn c_eq<T: Cplx>(a: T, b: T, _: &mut FpFlags) -> bool {
    a.re() == b.re() && a.im() == b.im()
}
fn c_ne<T: Cplx>(a: T, b: T, _: &mut FpFlags) -> bool {
    a.re() != b.re() || a.im() != b.im()
}
fn c_lt<T: Cplx>(a: T, b: T, fl: &mut FpFlags) -> bool {
    (ieee::lt(a.re(), b.re(), fl) && no_nan_imag(a, b))
        || (a.re() == b.re() && ieee::lt(a.im(), b.im(), fl))
}
fn c_le<T: Cplx>(a: T, b: T, fl: &mut FpFlags) -> bool {
    (ieee::lt(a.re(), b.re(), fl) && no_nan_imag(a, b))
        || (a.re() == b.re() && ieee::le(a.im(), b.im(), fl))
}
fn c_gt<T: Cplx>(a: T, b: T, fl: &mut FpFlags) -> bool {
    (ieee::gt(a.re(), b.re(), fl) && no_nan_imag(a, b))
        || (a.re() == b.re() && ieee::gt(a.im(), b.im(), fl))
}
fn c_ge<T: Cplx>(a: T, b: T, fl: &mut FpFlags) -> bool {
    (ieee::gt(a.re(), b.re(), fl) && no_nan_imag(a, b))
        || (a.re() == b.re() && ieee::ge(a.im(), b.im(), fl))
}

macro_rules! comparisons {
    ($($op:ident => $f:ident, $cf:ident;)*) => {$(
        binary_op!($op {
            [bool, i8, u8, i16, u16, i32, u32, i64, u64, f16, f32, f64] -> Bool => $f, quiet = no_flags;
            [c64, c128] -> Bool => $cf;
        });
        impl Binary<i64, u64> for $op {
            type Out = bool;
            #[inline(always)]
            fn call(a: i64, b: u64, fl: &mut FpFlags) -> bool {
                $f(a as i128, b as i128, fl)
            }
        }
        impl Binary<u64, i64> for $op {
            type Out = bool;
            #[inline(always)]
            fn call(a: u64, b: i64, fl: &mut FpFlags) -> bool {
                $f(a as i128, b as i128, fl)
            }
        }
    )*};
}

comparisons! {
    Equal => eq, c_eq;
    NotEqual => ne, c_ne;
    Less => lt, c_lt;
    LessEqual => le, c_le;
    Greater => gt, c_gt;
    GreaterEqual => ge, c_ge;
}

fn l_and<T: Element>(a: T, b: T, _: &mut FpFlags) -> bool {
    truthy(a) && truthy(b)
}
fn l_or<T: Element>(a: T, b: T, _: &mut FpFlags) -> bool {
    truthy(a) || truthy(b)
}
fn l_xor<T: Element>(a: T, b: T, _: &mut FpFlags) -> bool {
    truthy(a) != truthy(b)
}
fn l_not<T: Element>(x: T, _: &mut FpFlags) -> bool {
    !truthy(x)
}

macro_rules! logical_binary {
    ($($op:ident => $f:ident;)*) => {$(
        binary_op!($op {
            [bool, i8, u8, i16, u16, i32, u32, i64, u64, f16, f32, f64, c64, c128] -> Bool => $f, quiet = no_flags, fold = any_order;
        });
    )*};
}

logical_binary! {
    LogicalAnd => l_and;
    LogicalOr => l_or;
    LogicalXor => l_xor;
}

unary_op!(LogicalNot {
    [bool, i8, u8, i16, u16, i32, u32, i64, u64, f16, f32, f64, c64, c128] -> Bool => l_not, quiet = no_flags1;
});

// minimum/maximum/fmin/fmax
fn b_min(a: bool, b: bool, _: &mut FpFlags) -> bool {
    a & b
}
fn b_max(a: bool, b: bool, _: &mut FpFlags) -> bool {
    a | b
}
fn i_min<T: Ord>(a: T, b: T, _: &mut FpFlags) -> T {
    a.min(b)
}
fn i_max<T: Ord>(a: T, b: T, _: &mut FpFlags) -> T {
    a.max(b)
}
/// float16 (NumPy's half loops): `(a <= b || isnan(a)) ? a : b`, NaN propagates.
fn h_minimum(a: f16, b: f16, _: &mut FpFlags) -> f16 {
    if a <= b || a.is_nan() {
        a
    } else {
        b
    }
}
fn h_maximum(a: f16, b: f16, _: &mut FpFlags) -> f16 {
    if a >= b || a.is_nan() {
        a
    } else {
        b
    }
}
/// float16: `(a <= b || isnan(b)) ? a : b`, NaN ignored.
fn h_fmin(a: f16, b: f16, _: &mut FpFlags) -> f16 {
    if a <= b || b.is_nan() {
        a
    } else {
        b
    }
}
fn h_fmax(a: f16, b: f16, _: &mut FpFlags) -> f16 {
    if a >= b || b.is_nan() {
        a
    } else {
        b
    }
}
/// float32/64 (NumPy's SIMD loops): a NaN operand wins (the first if both are NaN), ties give
/// the second operand (`minimum(0.0, -0.0)` is -0.0).
fn f_minimum<T: Float>(a: T, b: T, _: &mut FpFlags) -> T {
    let (x, y) = (a.to_c(), b.to_c());
    if x.is_nan() || (!y.is_nan() && x < y) {
        a
    } else {
        b
    }
}
fn f_maximum<T: Float>(a: T, b: T, _: &mut FpFlags) -> T {
    let (x, y) = (a.to_c(), b.to_c());
    if x.is_nan() || (!y.is_nan() && x > y) {
        a
    } else {
        b
    }
}
/// float32/64: C's `fmin`/`fmax` (NumPy's scalar loops).
fn f_fmin<T: Float>(a: T, b: T, fl: &mut FpFlags) -> T {
    T::from_c(T::C::fmin(a.to_c(), b.to_c()), fl)
}
fn f_fmax<T: Float>(a: T, b: T, fl: &mut FpFlags) -> T {
    T::from_c(T::C::fmax(a.to_c(), b.to_c()), fl)
}

fn has_nan<T: Cplx>(z: T) -> bool {
    z.re().is_nan() || z.im().is_nan()
}
fn c_minimum<T: Cplx>(a: T, b: T, _: &mut FpFlags) -> T {
    let fl = &mut FpFlags::default(); // NumPy clears the status these comparisons raise.
    if has_nan(a) || c_le(a, b, fl) {
        a
    } else {
        b
    }
}
fn c_maximum<T: Cplx>(a: T, b: T, _: &mut FpFlags) -> T {
    let fl = &mut FpFlags::default(); // NumPy clears the status these comparisons raise.
    if has_nan(a) || c_ge(a, b, fl) {
        a
    } else {
        b
    }
}
fn c_fmin<T: Cplx>(a: T, b: T, _: &mut FpFlags) -> T {
    let fl = &mut FpFlags::default(); // NumPy clears the status these comparisons raise.
    if has_nan(b) || c_le(a, b, fl) {
        a
    } else {
        b
    }
}
fn c_fmax<T: Cplx>(a: T, b: T, _: &mut FpFlags) -> T {
    let fl = &mut FpFlags::default(); // NumPy clears the status these comparisons raise.
    if has_nan(b) || c_ge(a, b, fl) {
        a
    } else {
        b
    }
}

binary_op!(Minimum {
    [bool] -> Same => b_min, quiet = no_flags, fold = any_order;
    [i8, u8, i16, u16, i32, u32, i64, u64] -> Same => i_min, quiet = no_flags, fold = any_order;
    [f16] -> Same => h_minimum, quiet = no_flags, fold = nonzero_number, chunks = not_nan;
    [f32, f64] -> Same => f_minimum, quiet = no_flags, fold = nonzero_number, chunks = not_nan;
    [c64, c128] -> Same => c_minimum;
});

binary_op!(Maximum {
    [bool] -> Same => b_max, quiet = no_flags, fold = any_order;
    [i8, u8, i16, u16, i32, u32, i64, u64] -> Same => i_max, quiet = no_flags, fold = any_order;
    [f16] -> Same => h_maximum, quiet = no_flags, fold = nonzero_number, chunks = not_nan;
    [f32, f64] -> Same => f_maximum, quiet = no_flags, fold = nonzero_number, chunks = not_nan;
    [c64, c128] -> Same => c_maximum;
});

binary_op!(Fmin {
    [bool] -> Same => b_min, quiet = no_flags, fold = any_order;
    [i8, u8, i16, u16, i32, u32, i64, u64] -> Same => i_min, quiet = no_flags, fold = any_order;
    [f16] -> Same => h_fmin, quiet = no_flags, fold = nonzero_number, chunks = not_nan;
    [f32, f64] -> Same => f_fmin, quiet = no_flags, fold = nonzero_number, chunks = not_nan;
    [c64, c128] -> Same => c_fmin;
});

binary_op!(Fmax {
    [bool] -> Same => b_max, quiet = no_flags, fold = any_order;
    [i8, u8, i16, u16, i32, u32, i64, u64] -> Same => i_max, quiet = no_flags, fold = any_order;
    [f16] -> Same => h_fmax, quiet = no_flags, fold = nonzero_number, chunks = not_nan;
    [f32, f64] -> Same => f_fmax, quiet = no_flags, fold = nonzero_number, chunks = not_nan;
    [c64, c128] -> Same => c_fmax;
});

// Float classification.
fn never<T>(_: T, _: &mut FpFlags) -> bool {
    false
}
fn always<T>(_: T, _: &mut FpFlags) -> bool {
    true
}
fn f_isnan<T: Float>(x: T, _: &mut FpFlags) -> bool {
    x.to_c().is_nan()
}
fn f_isinf<T: Float>(x: T, _: &mut FpFlags) -> bool {
    x.to_c().is_infinite()
}
fn f_isfinite<T: Float>(x: T, _: &mut FpFlags) -> bool {
    x.to_c().is_finite()
}
fn f_signbit<T: Float>(x: T, _: &mut FpFlags) -> bool {
    x.to_c().signbit()
}
fn c_isnan<T: Cplx>(z: T, _: &mut FpFlags) -> bool {
    z.re().is_nan() || z.im().is_nan()
}
fn c_isinf<T: Cplx>(z: T, _: &mut FpFlags) -> bool {
    z.re().is_infinite() || z.im().is_infinite()
}
fn c_isfinite<T: Cplx>(z: T, _: &mut FpFlags) -> bool {
    z.re().is_finite() && z.im().is_finite()
}

unary_op!(IsNan {
    [bool, i8, u8, i16, u16, i32, u32, i64, u64] -> Bool => never, quiet = no_flags1;
    [f16, f32, f64] -> Bool => f_isnan, quiet = no_flags1;
    [c64, c128] -> Bool => c_isnan;
});

unary_op!(IsInf {
    [bool, i8, u8, i16, u16, i32, u32, i64, u64] -> Bool => never, quiet = no_flags1;
    [f16, f32, f64] -> Bool => f_isinf, quiet = no_flags1;
    [c64, c128] -> Bool => c_isinf;
});

unary_op!(IsFinite {
    [bool, i8, u8, i16, u16, i32, u32, i64, u64] -> Bool => always, quiet = no_flags1;
    [f16, f32, f64] -> Bool => f_isfinite, quiet = no_flags1;
    [c64, c128] -> Bool => c_isfinite;
});

unary_op!(Signbit {
    [f16, f32, f64] -> Bool => f_signbit, quiet = no_flags1;
});

#[cfg(test)]
mod tests {
    use super::*;

    fn cmp<K: Binary<A, B, Out = bool>, A: Element, B: Element>(a: A, b: B) -> bool {
        K::call(a, b, &mut FpFlags::default())
    }

    #[test]
    fn mixed_sign_int64_comparisons_are_exact() {
        assert!(cmp::<Less, i64, u64>(-1, u64::MAX));
        assert!(!cmp::<Equal, i64, u64>(-1, u64::MAX));
        assert!(cmp::<Greater, u64, i64>(1 << 63, i64::MAX));
    }

    #[test]
    fn nan_rules() {
        let nan = f64::NAN;
        let mut fl = FpFlags::default();
        assert!(<Maximum as Binary<f64, f64>>::call(1.0, nan, &mut fl).is_nan());
        assert_eq!(<Fmax as Binary<f64, f64>>::call(1.0, nan, &mut fl), 1.0);
        assert_eq!(<Fmin as Binary<f64, f64>>::call(nan, 1.0, &mut fl), 1.0);
        assert!(cmp::<Less, c128, c128>(c128::new(1.0, 5.0), c128::new(2.0, 0.0)));
        assert!(!cmp::<Less, c128, c128>(c128::new(1.0, nan), c128::new(2.0, 0.0)));
        assert!(cmp::<NotEqual, f64, f64>(nan, nan));
    }
}
