//! Python `complex` arithmetic with CPython's formulas (`_Py_c_sum`, `_Py_c_prod`,
//! `_Py_c_quot`); ints and floats meet complexes as `complex(float(x), 0.0)`. Powers and
//! everything else are the host's.

use num_complex::Complex64;

use crate::bytecode::BinOp;
use crate::value::{zero_division, Res, Value};

pub fn binary(op: BinOp, a: Complex64, b: Complex64) -> Option<Res<Value>> {
    let v = match op {
        BinOp::Add => Complex64::new(a.re + b.re, a.im + b.im),
        BinOp::Sub => Complex64::new(a.re - b.re, a.im - b.im),
        BinOp::Mul => Complex64::new(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re),
        BinOp::TrueDiv => match quot(a, b) {
            Some(q) => q,
            None => return Some(Err(zero_division("complex division by zero"))),
        },
        _ => return None,
    };
    Some(Ok(Value::Complex(v)))
}

/// CPython's `_Py_c_quot`; None for division by zero.
fn quot(a: Complex64, b: Complex64) -> Option<Complex64> {
    let (abs_re, abs_im) = (b.re.abs(), b.im.abs());
    if abs_re >= abs_im {
        if abs_re == 0.0 {
            return None;
        }
        let ratio = b.im / b.re;
        let denom = b.re + b.im * ratio;
        Some(Complex64::new((a.re + a.im * ratio) / denom, (a.im - a.re * ratio) / denom))
    } else if abs_im >= abs_re {
        let ratio = b.re / b.im;
        let denom = b.re * ratio + b.im;
        Some(Complex64::new((a.re * ratio + a.im) / denom, (a.im * ratio - a.re) / denom))
    } else {
        Some(Complex64::new(f64::NAN, f64::NAN))
    }
}

/// `abs(z)`: hypot, OverflowError when finite parts give inf.
pub fn abs(z: Complex64) -> Res<f64> {
    let r = z.re.hypot(z.im);
    if r.is_infinite() && z.re.is_finite() && z.im.is_finite() {
        return Err(crate::value::overflow("absolute value too large"));
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn division_matches_cpython() {
        let q = quot(Complex64::new(1.0, 2.0), Complex64::new(3.0, 4.0)).unwrap();
        assert_eq!((q.re, q.im), (0.44, 0.08));
        assert!(quot(Complex64::new(1.0, 0.0), Complex64::new(0.0, 0.0)).is_none());
    }
}
