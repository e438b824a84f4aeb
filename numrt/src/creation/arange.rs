//! `np.arange` as NumPy's `PyArray_ArangeObj` computes it: the dtype from the arguments
//! (at least int64), the length `ceil((stop - start) / step)` in Python arithmetic (with
//! NumPy's overflow edges), `start` and `start + step` stored with `setitem`, and the rest
//! filled by the dtype's `start + i*delta` loop.

use dtypes::{c128, c64, f16, promote_types, with_dtype, DType, Element};

use crate::error::NumrtError;
use crate::nested::PyScalar;
use crate::view::View;

/// Python's binary arithmetic on numbers, as `_calc_length` performs it on the arguments.
mod py {
    use super::PyScalar;
    use crate::error::NumrtError;

    fn complex(x: PyScalar) -> (f64, f64) {
        match x {
            PyScalar::Complex(re, im) => (re, im),
            other => (float(other), 0.0),
        }
    }

    pub(super) fn float(x: PyScalar) -> f64 {
        match x {
            PyScalar::Bool(b) => b as u8 as f64,
            PyScalar::Int(v) => v as f64,
            PyScalar::Float(f) => f,
            PyScalar::Complex(re, _) => re,
        }
    }

    fn int(x: PyScalar) -> Option<i128> {
        match x {
            PyScalar::Bool(b) => Some(b as i128),
            PyScalar::Int(v) => Some(v),
            _ => None,
        }
    }

    fn is_complex(a: PyScalar, b: PyScalar) -> bool {
        matches!(a, PyScalar::Complex(..)) || matches!(b, PyScalar::Complex(..))
    }

    fn too_big() -> NumrtError {
        NumrtError::NotImplemented("arange arguments beyond 128-bit integers".into())
    }

    pub(super) fn add(a: PyScalar, b: PyScalar) -> Result<PyScalar, NumrtError> {
        if let (Some(x), Some(y)) = (int(a), int(b)) {
            return x.checked_add(y).map(PyScalar::Int).ok_or_else(too_big);
        }
        if is_complex(a, b) {
            let ((ar, ai), (br, bi)) = (complex(a), complex(b));
            return Ok(PyScalar::Complex(ar + br, ai + bi));
        }
        Ok(PyScalar::Float(float(a) + float(b)))
    }

    pub(super) fn sub(a: PyScalar, b: PyScalar) -> Result<PyScalar, NumrtError> {
        if let (Some(x), Some(y)) = (int(a), int(b)) {
            return x.checked_sub(y).map(PyScalar::Int).ok_or_else(too_big);
        }
        if is_complex(a, b) {
            let ((ar, ai), (br, bi)) = (complex(a), complex(b));
            return Ok(PyScalar::Complex(ar - br, ai - bi));
        }
        Ok(PyScalar::Float(float(a) - float(b)))
    }

    pub(super) fn is_zero(x: PyScalar) -> bool {
        match x {
            PyScalar::Complex(re, im) => re == 0.0 && im == 0.0,
            other => float(other) == 0.0,
        }
    }

    /// Python's true division (`int / int` is the correctly rounded quotient; for operands
    /// beyond 2**53 this converts each to float first, which may differ in the last bit).
    pub(super) fn truediv(a: PyScalar, b: PyScalar) -> Result<PyScalar, NumrtError> {
        if is_complex(a, b) {
            return complex_div(complex(a), complex(b)).map(|(re, im)| PyScalar::Complex(re, im));
        }
        if float(b) == 0.0 {
            let ints = int(a).is_some() && int(b).is_some();
            let msg = if ints { "division by zero" } else { "float division by zero" };
            return Err(NumrtError::ZeroDivision(msg.into()));
        }
        Ok(PyScalar::Float(float(a) / float(b)))
    }

    /// CPython's `_Py_c_quot`.
    fn complex_div((ar, ai): (f64, f64), (br, bi): (f64, f64)) -> Result<(f64, f64), NumrtError> {
        let (abs_br, abs_bi) = (br.abs(), bi.abs());
        if abs_br >= abs_bi {
            if abs_br == 0.0 {
                return Err(NumrtError::ZeroDivision("complex division by zero".into()));
            }
            let ratio = bi / br;
            let denom = br + bi * ratio;
            Ok(((ar + ai * ratio) / denom, (ai - ar * ratio) / denom))
        } else if abs_bi >= abs_br {
            let ratio = br / bi;
            let denom = br * ratio + bi;
            Ok(((ar * ratio + ai) / denom, (ai * ratio - ar) / denom))
        } else {
            Ok((f64::NAN, f64::NAN))
        }
    }
}

/// NumPy's `_arange_safe_ceil_to_intp`, with its x86 edge: a ceiling that rounds to exactly
/// 2**63 passes the range check and converts to i64::MIN (so the result is empty).
fn safe_ceil_to_intp(value: f64) -> Result<i64, NumrtError> {
    let c = value.ceil();
    if c.is_nan() {
        return Err(NumrtError::Value("arange: cannot compute length".into()));
    }
    if !(i64::MIN as f64 <= c && c <= i64::MAX as f64) {
        return Err(NumrtError::Value("Maximum allowed size exceeded".into()));
    }
    Ok(if c >= 9223372036854775808.0 { i64::MIN } else { c as i64 })
}

/// NumPy's `_calc_length`: the (possibly non-positive) length.
fn calc_length(start: PyScalar, stop: PyScalar, step: PyScalar, complex_dtype: bool) -> Result<i64, NumrtError> {
    let diff = py::sub(stop, start)?;
    let val = py::truediv(diff, step)?;
    match val {
        PyScalar::Complex(re, im) if complex_dtype => Ok(safe_ceil_to_intp(re)?.min(safe_ceil_to_intp(im)?)),
        PyScalar::Complex(..) => Err(NumrtError::Type("must be real number, not complex".into())),
        _ => {
            let value = py::float(val);
            if py::is_zero(val) && !py::is_zero(diff) {
                return Ok(if value.is_sign_negative() { 0 } else { 1 });
            }
            safe_ceil_to_intp(value)
        }
    }
}

/// The dtype `np.arange` picks without `dtype=`: each argument's `np.array` dtype promoted with
/// int64.
fn default_dtype(args: &[PyScalar]) -> Result<DType, NumrtError> {
    args.iter().try_fold(DType::Int64, |acc, a| Ok(promote_types(acc, a.default_dtype()?)?))
}

/// `np.arange(start, stop, step, dtype)`; with `stop` `None`, `start` is the stop and 0 the
/// start, as in Python.
pub fn arange(start: PyScalar, stop: Option<PyScalar>, step: Option<PyScalar>, dtype: Option<DType>) -> Result<View, NumrtError> {
    let given: Vec<PyScalar> = [Some(start), stop, step].into_iter().flatten().collect();
    // NumPy would pick object dtype for ints beyond uint64; its length errors still come first.
    let dtype = dtype.map(Ok).unwrap_or_else(|| default_dtype(&given));
    let complex_dtype = matches!(dtype, Ok(d) if d.is_complex());
    let step = step.unwrap_or(PyScalar::Int(1));
    let (start, stop) = match stop {
        Some(stop) => (start, stop),
        None => (PyScalar::Int(0), start),
    };
    let len = calc_length(start, stop, step, complex_dtype)?.max(0) as usize;
    let dtype = dtype?;
    let out = View::zeros(&[len], dtype)?;
    if len == 0 {
        return Ok(out);
    }
    out.set(&[0], start.to_dtype(dtype)?)?;
    if len >= 2 {
        out.set(&[1], py::add(start, step)?.to_dtype(dtype)?)?;
    }
    if len > 2 {
        with_dtype!(dtype, T => {
            // SAFETY: `out` is a fresh C-contiguous array of `len` elements of type T.
            let buf = unsafe { std::slice::from_raw_parts_mut(out.data_ptr() as *mut T, len) };
            T::arange_fill(buf)?;
        });
    }
    Ok(out)
}

/// NumPy's `<TYPE>_fill`: `buf[i] = start + i*delta` with `delta = buf[1] - buf[0]`, computed in
/// the element type (integers wrap; float16 computes in float32; complex per component).
trait ArangeFill: Element {
    fn arange_fill(buf: &mut [Self]) -> Result<(), NumrtError>;
}

impl ArangeFill for bool {
    fn arange_fill(_: &mut [bool]) -> Result<(), NumrtError> {
        Err(NumrtError::Type("arange() is only supported for booleans when the result has at most length 2.".into()))
    }
}

/// Bits of an integer element, sign-extended, for wrapping 64-bit arithmetic.
fn int_bits<T: Element>(x: T) -> u64 {
    match x.to_wide() {
        dtypes::Wide::Int(i) => i as u64,
        dtypes::Wide::UInt(u) => u,
        _ => unreachable!("integer element"),
    }
}

macro_rules! int_fill {
    ($($t:ty),*) => {$(
        impl ArangeFill for $t {
            fn arange_fill(buf: &mut [$t]) -> Result<(), NumrtError> {
                let start = int_bits(buf[0]);
                let delta = int_bits(<$t>::from_wide(dtypes::Wide::UInt(int_bits(buf[1]).wrapping_sub(start))));
                for (i, x) in buf.iter_mut().enumerate().skip(2) {
                    *x = <$t>::from_wide(dtypes::Wide::UInt(start.wrapping_add((i as u64).wrapping_mul(delta))));
                }
                Ok(())
            }
        }
    )*};
}
int_fill!(i8, u8, i16, u16, i32, u32, i64, u64);

macro_rules! float_fill {
    ($($t:ty),*) => {$(
        impl ArangeFill for $t {
            fn arange_fill(buf: &mut [$t]) -> Result<(), NumrtError> {
                let (start, delta) = (buf[0], buf[1] - buf[0]);
                for (i, x) in buf.iter_mut().enumerate().skip(2) {
                    *x = start + i as $t * delta;
                }
                Ok(())
            }
        }
    )*};
}
float_fill!(f32, f64);

impl ArangeFill for f16 {
    fn arange_fill(buf: &mut [f16]) -> Result<(), NumrtError> {
        let start = buf[0].to_f32();
        let delta = buf[1].to_f32() - start;
        for (i, x) in buf.iter_mut().enumerate().skip(2) {
            *x = f16::from_f32(start + i as f32 * delta);
        }
        Ok(())
    }
}

macro_rules! complex_fill {
    ($($t:ty => $f:ty),*) => {$(
        impl ArangeFill for $t {
            fn arange_fill(buf: &mut [$t]) -> Result<(), NumrtError> {
                let start = buf[0];
                let (dre, dim) = (buf[1].re - start.re, buf[1].im - start.im);
                for (i, x) in buf.iter_mut().enumerate().skip(2) {
                    *x = <$t>::new(start.re + i as $f * dre, start.im + i as $f * dim);
                }
                Ok(())
            }
        }
    )*};
}
complex_fill!(c64 => f32, c128 => f64);

#[cfg(test)]
mod tests {
    use super::*;
    use dtypes::Scalar;

    fn ints(v: &View) -> Vec<i64> {
        v.to_scalars().into_iter().map(|s| s.cast(DType::Int64).get::<i64>().unwrap()).collect()
    }

    #[test]
    fn integer_and_wrapping_fills() {
        let a = arange(PyScalar::Int(10), Some(PyScalar::Int(0)), Some(PyScalar::Int(-3)), None).unwrap();
        assert_eq!((a.dtype, ints(&a)), (DType::Int64, vec![10, 7, 4, 1]));
        let w = arange(PyScalar::Int(0), Some(PyScalar::Int(1000)), Some(PyScalar::Int(100)), Some(DType::Int8)).unwrap();
        assert_eq!(ints(&w)[..4], [0, 100, -56, 44]);
    }

    #[test]
    fn float_values_are_start_plus_i_delta() {
        let a = arange(PyScalar::Int(1), Some(PyScalar::Int(2)), Some(PyScalar::Float(0.1)), None).unwrap();
        assert_eq!(a.dtype, DType::Float64);
        assert_eq!(a.get(&[2]).unwrap(), Scalar::Float64(1.2000000000000002));
    }

    #[test]
    fn errors() {
        let e = |a, b, c, d| arange(a, Some(b), Some(c), d).unwrap_err().to_string();
        use PyScalar::*;
        assert_eq!(e(Int(0), Int(5), Int(0), None), "division by zero");
        assert_eq!(e(Float(0.0), Int(5), Int(0), None), "float division by zero");
        assert_eq!(e(Int(0), Float(f64::NAN), Int(1), None), "arange: cannot compute length");
        assert_eq!(e(Int(0), Float(f64::INFINITY), Int(1), None), "Maximum allowed size exceeded");
        assert_eq!(e(Int(-5), Int(5), Int(1), Some(DType::UInt8)), "Python integer -5 out of bounds for uint8");
        assert_eq!(
            e(Int(0), Int(5), Int(1), Some(DType::Bool)),
            "arange() is only supported for booleans when the result has at most length 2."
        );
        assert_eq!(arange(Int(0), Some(Int(1 << 63)), None, None).unwrap().shape, vec![0]);
    }
}
