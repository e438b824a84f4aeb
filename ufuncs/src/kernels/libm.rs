//! The C math library functions the reference kernels call: the same functions NumPy's scalar
//! loops call on Linux (glibc's libm, which Rust's std already links).
//!
//! Rust's std routes some functions to its own implementations (asinh, acosh, atanh) and has no
//! complex functions at all; declaring them here keeps every transcendental result identical to
//! the C library's. Only value-in/value-out functions are declared.

use dtypes::{c128, c64};

macro_rules! c_functions {
    ($($name:ident($($arg:ident: $t:ty),*) -> $ret:ty;)*) => {
        extern "C" {
            $(pub(crate) fn $name($($arg: $t),*) -> $ret;)*
        }
    };
}

c_functions! {
    exp(x: f64) -> f64; exp2(x: f64) -> f64; expm1(x: f64) -> f64; log(x: f64) -> f64;
    log2(x: f64) -> f64; log10(x: f64) -> f64; log1p(x: f64) -> f64; sin(x: f64) -> f64;
    cos(x: f64) -> f64; tan(x: f64) -> f64; asin(x: f64) -> f64; acos(x: f64) -> f64;
    atan(x: f64) -> f64; sinh(x: f64) -> f64; cosh(x: f64) -> f64; tanh(x: f64) -> f64;
    asinh(x: f64) -> f64; acosh(x: f64) -> f64; atanh(x: f64) -> f64;
    atan2(y: f64, x: f64) -> f64; hypot(x: f64, y: f64) -> f64; pow(x: f64, y: f64) -> f64;
    fmod(x: f64, y: f64) -> f64; fmin(x: f64, y: f64) -> f64; fmax(x: f64, y: f64) -> f64;

    expf(x: f32) -> f32; exp2f(x: f32) -> f32; expm1f(x: f32) -> f32; logf(x: f32) -> f32;
    log2f(x: f32) -> f32; log10f(x: f32) -> f32; log1pf(x: f32) -> f32; sinf(x: f32) -> f32;
    cosf(x: f32) -> f32; tanf(x: f32) -> f32; asinf(x: f32) -> f32; acosf(x: f32) -> f32;
    atanf(x: f32) -> f32; sinhf(x: f32) -> f32; coshf(x: f32) -> f32; tanhf(x: f32) -> f32;
    asinhf(x: f32) -> f32; acoshf(x: f32) -> f32; atanhf(x: f32) -> f32;
    atan2f(y: f32, x: f32) -> f32; hypotf(x: f32, y: f32) -> f32; powf(x: f32, y: f32) -> f32;
    fmodf(x: f32, y: f32) -> f32; fminf(x: f32, y: f32) -> f32; fmaxf(x: f32, y: f32) -> f32;

    cexp(z: c128) -> c128; clog(z: c128) -> c128; csqrt(z: c128) -> c128;
    csin(z: c128) -> c128; ccos(z: c128) -> c128; ctan(z: c128) -> c128;
    casin(z: c128) -> c128; cacos(z: c128) -> c128; catan(z: c128) -> c128;
    csinh(z: c128) -> c128; ccosh(z: c128) -> c128; ctanh(z: c128) -> c128;
    casinh(z: c128) -> c128; cacosh(z: c128) -> c128; catanh(z: c128) -> c128;
    cpow(a: c128, b: c128) -> c128;

    cexpf(z: c64) -> c64; clogf(z: c64) -> c64; csqrtf(z: c64) -> c64;
    csinf(z: c64) -> c64; ccosf(z: c64) -> c64; ctanf(z: c64) -> c64;
    casinf(z: c64) -> c64; cacosf(z: c64) -> c64; catanf(z: c64) -> c64;
    csinhf(z: c64) -> c64; ccoshf(z: c64) -> c64; ctanhf(z: c64) -> c64;
    casinhf(z: c64) -> c64; cacoshf(z: c64) -> c64; catanhf(z: c64) -> c64;
    cpowf(a: c64, b: c64) -> c64;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complex_abi_round_trips() {
        // cexp(i*pi) = -1 + ~0i: checks that Complex<f64>/Complex<f32> cross the C ABI intact.
        let z = unsafe { cexp(c128::new(0.0, std::f64::consts::PI)) };
        assert!((z.re + 1.0).abs() < 1e-15 && z.im.abs() < 1e-15);
        let z = unsafe { cexpf(c64::new(1.0, 0.0)) };
        assert!((z.re - std::f32::consts::E).abs() < 1e-6 && z.im == 0.0);
        let z = unsafe { csqrt(c128::new(-1.0, -0.0)) };
        assert_eq!((z.re, z.im), (0.0, -1.0));
    }
}
