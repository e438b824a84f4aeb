//! Building and casting numpypy scalars with NumPy's checks, and their text.
//!
//! - `_scalar_from_python(value, dtype)`: `numpypy.int8(300)` after the Python layer has turned
//!   the argument into a Python bool/int/float/complex (`int("12")`, `float(None)`, ...): Python
//!   ints must fit the integer dtype (OverflowError "Python integer 300 out of bounds for int8"),
//!   floats that overflow a smaller float give inf with "overflow encountered in cast".
//! - `_scalar_astype(scalar, dtype)`: NumPy's unsafe cast of a scalar (`numpypy.int8(np.int64(300))`
//!   is 44), with NumPy's cast warnings (ComplexWarning, "invalid value encountered in cast").
//! - `_scalar_repr`, `_scalar_str`: NumPy's text (`np.float64(1.5)`, `1.5`) from `numrt::format`.

use dtypes::{weak_int_fits, DType, Scalar, Wide};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyComplex, PyFloat, PyInt};
use ufuncs::FpFlags;

use crate::dtype::{dtype_from_py, PyDType};
use crate::errors::IntoPyResult;
use crate::fp;
use crate::scalars::{scalar_object, scalar_value, too_large_int};

pyo3::import_exception!(numpypy.exceptions, ComplexWarning);

/// `_core._scalar_from_python(value, dtype)`: the numpypy scalar of `dtype` for a Python
/// bool/int/float/complex, with NumPy's scalar-constructor checks.
#[pyfunction]
pub fn _scalar_from_python<'py>(value: &Bound<'py, PyAny>, dtype: &Bound<'py, PyDType>) -> PyResult<Bound<'py, PyAny>> {
    let py = value.py();
    let dt = dtype.get().dt;
    let int = if dt.is_integer() { int_value(value)? } else { None };
    let s = match int {
        Some(v) => {
            weak_int_fits(v, dt).py()?;
            int_scalar(v).cast(dt)
        }
        None => checked_cast(py, python_number(value)?, dt)?,
    };
    scalar_object(py, s)
}

/// A Python int already known to fit int64 or uint64, as a Scalar.
fn int_scalar(v: i128) -> Scalar {
    match i64::try_from(v) {
        Ok(i) => Scalar::Int64(i),
        Err(_) => Scalar::UInt64(v as u64),
    }
}

/// A Python int's value (bools excluded), `None` for other objects.
fn int_value(value: &Bound<'_, PyAny>) -> PyResult<Option<i128>> {
    if value.is_instance_of::<PyBool>() || !value.is_instance_of::<PyInt>() {
        return Ok(None);
    }
    value.extract::<i128>().map(Some).map_err(|_| too_large_int())
}

/// A Python bool/int/float/complex as the Scalar NumPy converts it through (ints through
/// float64 when they are not going to an integer dtype).
fn python_number(value: &Bound<'_, PyAny>) -> PyResult<Scalar> {
    if let Ok(b) = value.cast::<PyBool>() {
        return Ok(Scalar::Bool(b.is_true()));
    }
    if value.is_instance_of::<PyInt>() {
        return Ok(Scalar::Float64(value.extract::<f64>()?));
    }
    if let Ok(f) = value.cast::<PyFloat>() {
        return Ok(Scalar::Float64(f.value()));
    }
    if let Ok(c) = value.cast::<PyComplex>() {
        return Ok(Scalar::Complex128(dtypes::c128::new(c.real(), c.imag())));
    }
    Err(PyTypeError::new_err(format!(
        "expected a Python bool, int, float or complex, got {}",
        value.get_type().name()?
    )))
}

/// `_core._scalar_astype(scalar, dtype)`: NumPy's unsafe cast of a numpypy scalar.
#[pyfunction]
pub fn _scalar_astype<'py>(obj: &Bound<'py, PyAny>, dtype: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = obj.py();
    let dt = dtype_from_py(dtype)?;
    let s = scalar_value(obj)?.ok_or_else(|| PyTypeError::new_err("expected a numpypy scalar"))?;
    scalar_object(py, checked_cast(py, s, dt)?)
}

/// `s.cast(dt)` with the warnings NumPy's casts give: ComplexWarning for complex to real,
/// "invalid value encountered in cast" for float to int conversions the CPU cannot do,
/// "overflow encountered in cast" for finite values that become inf.
pub fn checked_cast(py: Python<'_>, s: Scalar, dt: DType) -> PyResult<Scalar> {
    if s.dtype().is_complex() && !dt.is_complex() {
        PyErr::warn(
            py,
            &py.get_type::<ComplexWarning>(),
            c"Casting complex values to real discards the imaginary part",
            1,
        )?;
    }
    let out = scalar_loop_cast(s, dt);
    fp::report(py, cast_flags(s, out), "cast")?;
    Ok(out)
}

/// NumPy's cast of one value as its scalar (non-contiguous) loop does it. It differs from
/// `Scalar::cast` (NumPy's contiguous loop) only for float -> uint32, which C compiles to a
/// 64-bit truncating conversion keeping the low 32 bits (0 for NaN and out-of-range values).
fn scalar_loop_cast(s: Scalar, dt: DType) -> Scalar {
    match (s.to_wide(), dt) {
        (Wide::Float(x) | Wide::Complex(x, _), DType::UInt32) => {
            let wide = if x.is_nan() || !(-9223372036854775808.0..9223372036854775808.0).contains(&x) {
                i64::MIN
            } else {
                x as i64
            };
            Scalar::UInt32(wide as u32)
        }
        _ => s.cast(dt),
    }
}

/// The errstate flags NumPy's cast of `from` to `to`'s dtype raises.
fn cast_flags(from: Scalar, to: Scalar) -> FpFlags {
    let mut flags = FpFlags::default();
    let x = match from.to_wide() {
        Wide::Float(f) | Wide::Complex(f, _) => f,
        _ => {
            if is_inf(to) {
                flags.set(FpFlags::OVERFLOW);
            }
            return flags;
        }
    };
    let dt = to.dtype();
    if dt.is_integer() && !conversion_valid(x, dt) {
        flags.set(FpFlags::INVALID);
    } else if dt.is_inexact() && x.is_finite() && is_inf(to) {
        flags.set(FpFlags::OVERFLOW);
    }
    flags
}

/// Whether x86-64's truncating conversion, as NumPy uses it for `dt`, is defined for `x`:
/// 8-, 16- and 32-bit integers convert through int32, the others through 64-bit conversions.
fn conversion_valid(x: f64, dt: DType) -> bool {
    let t = x.trunc();
    let two31 = 2147483648.0;
    let two63 = 9223372036854775808.0;
    match dt.itemsize() {
        1 | 2 => t >= -two31 && t < two31,
        4 if dt.is_signed_integer() => t >= -two31 && t < two31,
        _ if dt == DType::UInt64 => t >= -two63 && t < 2.0 * two63,
        _ => t >= -two63 && t < two63,
    }
}

fn is_inf(s: Scalar) -> bool {
    match s.to_wide() {
        Wide::Float(f) => f.is_infinite(),
        Wide::Complex(re, im) => re.is_infinite() || im.is_infinite(),
        _ => false,
    }
}

fn value_of(obj: &Bound<'_, PyAny>) -> PyResult<Scalar> {
    scalar_value(obj)?.ok_or_else(|| PyValueError::new_err("expected a numpypy scalar"))
}

/// `_core._scalar_repr(scalar)`: NumPy 2's repr, `np.float64(1.5)` (numpypy prints NumPy's
/// text, module alias `np` included, as it is meant to be imported as numpy).
#[pyfunction]
pub fn _scalar_repr(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(numrt::format::scalar_repr(value_of(obj)?, &numrt::format::PrintOptions::default()))
}

/// `_core._scalar_str(scalar)`: NumPy's str, `1.5`, `True`, `(1+2j)`.
#[pyfunction]
pub fn _scalar_str(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(numrt::format::scalar_str(value_of(obj)?))
}

/// `_core._scalar_item(scalar)`: the Python bool/int/float/complex equal to the scalar.
#[pyfunction]
pub fn _scalar_item<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    crate::scalars::python_value(obj.py(), value_of(obj)?)
}

/// `_core._scalar_dtype(scalar)`: the scalar's dtype object.
#[pyfunction]
pub fn _scalar_dtype<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDType>> {
    crate::dtype::dtype_object(obj.py(), value_of(obj)?.dtype())
}
