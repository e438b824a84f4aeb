//! Conversions between Python objects and `dtypes::Scalar`: reading the value of a numpypy
//! scalar (`numpypy.float32(1.5)`), building one, and classifying operands for NEP 50 promotion
//! (numpypy scalars are strong; Python bool/int/float/complex are weak).
//!
//! Storage convention shared with `numpypy/_scalars.py`: `float64` and `complex128` are `float`
//! and `complex` subclasses holding their value; every other scalar class keeps its value in
//! the slot `_v` as the Python bool/int/float/complex of exactly that value (a float32 as the
//! float64 equal to it). Classes build instances with their `_make(value)` classmethod.

use dtypes::{c128, DType, Kind, Operand, Scalar, Wide};
use pyo3::exceptions::PyOverflowError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyComplex, PyFloat, PyInt};

use crate::registry;

/// The value of a numpypy scalar object; `None` if `obj` is not one.
pub fn scalar_value(obj: &Bound<'_, PyAny>) -> PyResult<Option<Scalar>> {
    let Some(dt) = registry::dtype_of_scalar(obj)? else {
        return Ok(None);
    };
    let stored = match dt {
        DType::Float64 | DType::Complex128 => obj.clone(),
        _ => obj.getattr("_v")?,
    };
    Ok(Some(exact_value(&stored, dt)?))
}

/// A Python bool/int/float/complex holding a value that `dt` represents exactly, as a Scalar.
fn exact_value(v: &Bound<'_, PyAny>, dt: DType) -> PyResult<Scalar> {
    Ok(match dt.kind() {
        Kind::Bool => Scalar::Bool(v.extract()?),
        Kind::Int => Scalar::Int64(v.extract()?).cast(dt),
        Kind::UInt => Scalar::UInt64(v.extract()?).cast(dt),
        Kind::Float => Scalar::Float64(float_value(v)?).cast(dt),
        Kind::Complex => {
            let c = v.cast::<PyComplex>()?;
            Scalar::Complex128(c128::new(c.real(), c.imag())).cast(dt)
        }
    })
}

fn float_value(v: &Bound<'_, PyAny>) -> PyResult<f64> {
    match v.cast::<PyFloat>() {
        Ok(f) => Ok(f.value()),
        Err(_) => v.extract(),
    }
}

/// The Python bool/int/float/complex equal to `s` (what `.item()` returns).
pub fn python_value(py: Python<'_>, s: Scalar) -> PyResult<Bound<'_, PyAny>> {
    Ok(match s.to_wide() {
        Wide::Bool(b) => PyBool::new(py, b).to_owned().into_any(),
        Wide::Int(i) => i.into_pyobject(py)?.into_any(),
        Wide::UInt(u) => u.into_pyobject(py)?.into_any(),
        Wide::Float(f) => PyFloat::new(py, f).into_any(),
        Wide::Complex(re, im) => PyComplex::from_doubles(py, re, im).into_any(),
    })
}

/// A numpypy scalar object holding `s` (`numpypy.int8(3)` for `Scalar::Int8(3)`).
pub fn scalar_object(py: Python<'_>, s: Scalar) -> PyResult<Bound<'_, PyAny>> {
    let cls = registry::scalar_type(py, s.dtype())?;
    cls.call_method1("_make", (python_value(py, s)?,))
}

/// One operand of scalar math: its NEP 50 role and, for numpypy scalars and Python bools, its
/// value (weak Python numbers are converted by ufunc resolution).
pub struct ScalarOperand {
    pub operand: Operand,
    pub value: Option<Scalar>,
}

/// Classify `obj` as an operand of scalar math; `None` for objects scalar math does not handle
/// (arrays, sequences, other types), so the caller can return NotImplemented.
pub fn classify(obj: &Bound<'_, PyAny>) -> PyResult<Option<ScalarOperand>> {
    if let Some(s) = scalar_value(obj)? {
        return Ok(Some(ScalarOperand { operand: Operand::Scalar(s.dtype()), value: Some(s) }));
    }
    let weak = if let Ok(b) = obj.cast::<PyBool>() {
        let b = b.is_true();
        return Ok(Some(ScalarOperand { operand: Operand::PyBool(b), value: Some(Scalar::Bool(b)) }));
    } else if obj.is_instance_of::<PyInt>() {
        Operand::PyInt(obj.extract::<i128>().map_err(|_| too_large_int())?)
    } else if let Ok(f) = obj.cast::<PyFloat>() {
        Operand::PyFloat(f.value())
    } else if let Ok(c) = obj.cast::<PyComplex>() {
        Operand::PyComplex(c.real(), c.imag())
    } else {
        return Ok(None);
    };
    Ok(Some(ScalarOperand { operand: weak, value: None }))
}

/// NumPy's error for a Python int beyond what it converts (C long / unsigned long).
pub fn too_large_int() -> PyErr {
    PyOverflowError::new_err("Python int too large to convert to C long")
}
