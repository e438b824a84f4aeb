//! `np.linspace` following `numpy/_core/function_base.py` operation by operation, so every value
//! matches NumPy bit for bit: `step = delta / div`, `y = arange(num) * step + start` (or
//! `arange(num) / div * delta + start` when `step` underflows to 0), the last value set to
//! `stop` when `endpoint`, `floor` for integer dtypes, then a cast to `dtype`.

use dtypes::{c128, DType, Scalar};

use crate::error::NumrtError;
use crate::nested::PyScalar;
use crate::view::View;

/// The computation values: float64, or complex128 when an endpoint is complex.
#[derive(Clone, Copy)]
enum Num {
    Real(f64),
    Complex(f64, f64),
}

fn components(x: PyScalar) -> (f64, f64) {
    match x {
        PyScalar::Bool(b) => (b as u8 as f64, 0.0),
        PyScalar::Int(v) => (v as f64, 0.0),
        PyScalar::Float(f) => (f, 0.0),
        PyScalar::Complex(re, im) => (re, im),
    }
}

/// NumPy's complex division loop (Smith's method with a reciprocal), for a real divisor `d`.
fn cdiv_real((re, im): (f64, f64), d: f64) -> (f64, f64) {
    let (br, bi) = (d, 0.0f64);
    if br.abs() >= bi.abs() {
        if br == 0.0 && bi == 0.0 {
            return (re / br.abs(), im / bi.abs());
        }
        let rat = bi / br;
        let scl = 1.0 / (br + bi * rat);
        ((re + im * rat) * scl, (im - re * rat) * scl)
    } else {
        let rat = br / bi;
        let scl = 1.0 / (bi + br * rat);
        ((re * rat + im) * scl, (im * rat - re) * scl)
    }
}

fn cmul((ar, ai): (f64, f64), (br, bi): (f64, f64)) -> (f64, f64) {
    (ar * br - ai * bi, ar * bi + ai * br)
}

/// `y[k]` for `k` in `0..num` before `+ start` (function_base.py's `y` after the step).
fn scaled(k: f64, delta: Num, div: i64) -> Num {
    match delta {
        Num::Real(d) => Num::Real(if div > 0 {
            let step = d / div as f64;
            if step == 0.0 { k / div as f64 * d } else { k * step }
        } else {
            k * d
        }),
        Num::Complex(dr, di) => {
            let y = if div > 0 {
                let step = cdiv_real((dr, di), div as f64);
                if step.0 == 0.0 && step.1 == 0.0 {
                    cmul(cdiv_real((k, 0.0), div as f64), (dr, di))
                } else {
                    cmul((k, 0.0), step)
                }
            } else {
                cmul((k, 0.0), (dr, di))
            };
            Num::Complex(y.0, y.1)
        }
    }
}

/// `np.linspace(start, stop, num, endpoint, dtype=dtype)` (axis 0, scalar endpoints).
pub fn linspace(start: PyScalar, stop: PyScalar, num: i64, endpoint: bool, dtype: Option<DType>) -> Result<View, NumrtError> {
    if num < 0 {
        return Err(NumrtError::Value(format!("Number of samples, {num}, must be non-negative.")));
    }
    let div = if endpoint { num - 1 } else { num };
    let complex = matches!(start, PyScalar::Complex(..)) || matches!(stop, PyScalar::Complex(..));
    let dt = if complex { DType::Complex128 } else { DType::Float64 };
    let dtype = dtype.unwrap_or(dt);
    if complex && dtype.is_integer() {
        return Err(NumrtError::Type(
            "ufunc 'floor' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''".into(),
        ));
    }
    let (s, e) = (components(start), components(stop));
    let delta = if complex { Num::Complex(e.0 - s.0, e.1 - s.1) } else { Num::Real(e.0 - s.0) };
    let out = View::zeros(&[num as usize], dtype)?;
    for k in 0..num as usize {
        let last = endpoint && num > 1 && k == num as usize - 1;
        let y = match (last, scaled(k as f64, delta, div)) {
            (true, _) => if complex { Scalar::Complex128(c128::new(e.0, e.1)) } else { Scalar::Float64(e.0) },
            (false, Num::Real(y)) => Scalar::Float64(y + s.0),
            (false, Num::Complex(re, im)) => Scalar::Complex128(c128::new(re + s.0, im + s.1)),
        };
        let y = match y {
            Scalar::Float64(v) if dtype.is_integer() => Scalar::Float64(v.floor()),
            other => other,
        };
        out.set(&[k], y)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_numpy_values() {
        let a = linspace(PyScalar::Int(-1), PyScalar::Int(1), 7, true, None).unwrap();
        let v: Vec<f64> = a.to_scalars().into_iter().map(|s| s.get::<f64>().unwrap()).collect();
        assert_eq!(v, vec![-1.0, -0.6666666666666667, -0.33333333333333337, 0.0, 0.33333333333333326, 0.6666666666666665, 1.0]);
        let i = linspace(PyScalar::Int(0), PyScalar::Int(10), 5, true, Some(DType::Int64)).unwrap();
        assert_eq!(i.to_scalars(), [0, 2, 5, 7, 10].map(Scalar::Int64).to_vec());
        assert_eq!(
            linspace(PyScalar::Int(0), PyScalar::Int(1), -1, true, None).unwrap_err().to_string(),
            "Number of samples, -1, must be non-negative."
        );
    }
}
