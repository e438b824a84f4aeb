//! NumPy scalar math: `numpypy.int8(1) + 2`, `-numpypy.float32(x)`, `divmod`, comparisons.
//!
//! Every operation goes through the ufunc table: `ufuncs::get(name)` -> `resolve` (NEP 50: numpypy
//! scalars strong, Python numbers weak, `uint8(3) + 300` an OverflowError) -> the loop's
//! reference kernel (`Loop::call_scalar`). On top of the kernels' flags, scalar math reports
//! integer overflow of add/subtract/multiply/negative/absolute, which NumPy checks for scalars
//! only (arrays wrap silently). Flags are reported under the active errstate as NumPy's
//! "... encountered in scalar add".

use dtypes::{Scalar, Wide};
use pyo3::exceptions::PyNotImplementedError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use ufuncs::FpFlags;

use crate::errors::{ufunc_err, IntoPyResult};
use crate::fp;
use crate::scalars::{classify, scalar_object};

/// The outputs of one ufunc on scalar operands and the flags it raised; `None` when an operand
/// is not something scalar math handles (the caller returns NotImplemented).
fn apply(py: Python<'_>, name: &str, objs: &[&Bound<'_, PyAny>]) -> PyResult<Option<(Vec<Scalar>, FpFlags)>> {
    let mut ops = Vec::with_capacity(objs.len());
    for obj in objs {
        match classify(obj)? {
            Some(op) => ops.push(op),
            None => return Ok(None),
        }
    }
    let ufunc = ufuncs::get(name)
        .ok_or_else(|| PyNotImplementedError::new_err(format!("numpypy has no ufunc '{name}'")))?;
    let operands: Vec<_> = ops.iter().map(|o| o.operand).collect();
    let res = ufunc.resolve(&operands).py()?;
    fp::report(py, res.cast_flags, "cast")?;
    if let Some(b) = res.constant_output {
        return Ok(Some((vec![Scalar::Bool(b)], FpFlags::default())));
    }
    let inputs: Vec<Scalar> = ops
        .iter()
        .zip(&res.scalar_inputs)
        .zip(&res.in_dtypes)
        .map(|((op, conv), &dt)| conv.or(op.value).map(|v| v.cast(dt)))
        .collect::<Option<_>>()
        .ok_or_else(|| PyNotImplementedError::new_err(format!("scalar {name}: unconverted input")))?;
    let (outs, mut flags) = res.lp.call_scalar(&inputs);
    if let Some(e) = flags.error() {
        return Err(ufunc_err(e));
    }
    if integer_overflowed(name, &inputs, &outs) {
        flags.set(FpFlags::OVERFLOW);
    }
    Ok(Some((outs, flags)))
}

/// The exact integer result of the ops NumPy checks for scalar overflow.
fn exact_integer(name: &str, inputs: &[i128]) -> Option<Option<i128>> {
    Some(match (name, inputs) {
        ("add", [a, b]) => a.checked_add(*b),
        ("subtract", [a, b]) => a.checked_sub(*b),
        ("multiply", [a, b]) => a.checked_mul(*b),
        ("negative", [a]) => a.checked_neg(),
        ("absolute", [a]) => a.checked_abs(),
        _ => return None,
    })
}

fn as_integer(s: &Scalar) -> Option<i128> {
    match s.to_wide() {
        Wide::Int(i) => Some(i as i128),
        Wide::UInt(u) => Some(u as i128),
        _ => None,
    }
}

/// Whether an integer loop wrapped where NumPy's scalar math reports overflow.
fn integer_overflowed(name: &str, inputs: &[Scalar], outs: &[Scalar]) -> bool {
    let [out] = outs else { return false };
    let (Some(out), Some(ins)) = (as_integer(out), inputs.iter().map(as_integer).collect::<Option<Vec<_>>>()) else {
        return false;
    };
    match exact_integer(name, &ins) {
        Some(Some(exact)) => exact != out,
        Some(None) => true,
        None => false,
    }
}

/// The name NumPy's messages use for scalar math ("scalar add").
fn context(name: &str) -> String {
    format!("scalar {name}")
}

fn one_output(py: Python<'_>, name: &str, result: Option<(Vec<Scalar>, FpFlags)>) -> PyResult<Py<PyAny>> {
    let Some((outs, flags)) = result else {
        return Ok(py.NotImplemented());
    };
    fp::report(py, flags, &context(name))?;
    Ok(scalar_object(py, outs[0])?.unbind())
}

/// `_core._scalar_binary(name, a, b)`: the ufunc `name` on two scalar operands (either may be a
/// Python number); NotImplemented when an operand is neither.
#[pyfunction]
pub fn _scalar_binary(py: Python<'_>, name: &str, a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let result = apply(py, name, &[a, b])?;
    one_output(py, name, result)
}

/// `_core._scalar_unary(name, a)`: the ufunc `name` on one scalar.
#[pyfunction]
pub fn _scalar_unary(py: Python<'_>, name: &str, a: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let result = apply(py, name, &[a])?;
    one_output(py, name, result)
}

/// `_core._scalar_divmod(a, b)`: `(floor_divide, remainder)` as NumPy's `divmod` of scalars,
/// with the flags of both reported as "scalar divmod".
#[pyfunction]
pub fn _scalar_divmod(py: Python<'_>, a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let (Some((q, fq)), Some((r, fr))) = (apply(py, "floor_divide", &[a, b])?, apply(py, "remainder", &[a, b])?) else {
        return Ok(py.NotImplemented());
    };
    let mut flags = fq;
    flags.merge(fr);
    fp::report(py, flags, &context("divmod"))?;
    let pair = (scalar_object(py, q[0])?, scalar_object(py, r[0])?);
    Ok(PyTuple::new(py, [pair.0, pair.1])?.into_any().unbind())
}
