//! Complex-part kernels: conjugate, and the table rows numpypy adds for NumPy's functions
//! `real`, `imag` and `angle` (see `table_data.rs`).
//!
//! For real inputs `real` is the identity, `imag` gives zeros of the same dtype and `angle` is
//! `arctan2(0, x)` (0 for x >= +0, pi for x < 0 or -0, NaN for NaN), as np.angle computes it.

use dtypes::{c128, c64, f16, Element};

use super::elem::{Calc, Cplx, Float};
use super::math::atan2;
use super::unary_op;
use crate::FpFlags;

fn same<T>(x: T, _: &mut FpFlags) -> T {
    x
}
fn zero<T: Element>(_: T, _: &mut FpFlags) -> T {
    T::default()
}
fn c_conjugate<T: Cplx>(z: T, _: &mut FpFlags) -> T {
    T::new(z.re(), -z.im())
}
fn c_real<T: Cplx>(z: T, _: &mut FpFlags) -> T::R {
    z.re()
}
fn c_imag<T: Cplx>(z: T, _: &mut FpFlags) -> T::R {
    z.im()
}
fn f_angle<T: Float>(x: T, fl: &mut FpFlags) -> T {
    T::from_c(atan2(T::C::ZERO, x.to_c(), fl), fl)
}
fn c_angle<T: Cplx>(z: T, fl: &mut FpFlags) -> T::R {
    atan2(z.im(), z.re(), fl)
}

unary_op!(Conjugate {
    [i8, u8, i16, u16, i32, u32, i64, u64, f16, f32, f64] -> Same => same;
    [c64, c128] -> Same => c_conjugate;
});

unary_op!(RealPart {
    [bool, i8, u8, i16, u16, i32, u32, i64, u64, f16, f32, f64] -> Same => same;
    [c64, c128] -> Real => c_real;
});

unary_op!(ImagPart {
    [bool, i8, u8, i16, u16, i32, u32, i64, u64, f16, f32, f64] -> Same => zero;
    [c64, c128] -> Real => c_imag;
});

unary_op!(Angle {
    [f16, f32, f64] -> Same => f_angle;
    [c64, c128] -> Real => c_angle;
});
