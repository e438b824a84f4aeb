//! NumPy scalar math: `numpypy.int8(1) + 2`, `-numpypy.float32(x)`, `divmod`, comparisons.
//!
//! Every operation goes through the ufunc table: `ufuncs::get(name)` -> `resolve` (NEP 50: numpypy
//! scalars strong, Python numbers weak, `uint8(3) + 300` an OverflowError) -> the loop's
//! reference kernel (`Loop::call_scalar`). On top of the kernels' flags, scalar math reports
//! integer overflow of add/subtract/multiply/negative/absolute, which NumPy checks for scalars
//! only (arrays wrap silently). Flags are reported under the active errstate as NumPy's
//! "... encountered in scalar add".

use dtypes::{result_type, Operand, Scalar, Wide};
use pyo3::exceptions::PyNotImplementedError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use ufuncs::FpFlags;

use crate::errors::{ufunc_err, IntoPyResult};
use crate::fp;
use crate::scalars::{classify, scalar_object};

/// The outputs of one ufunc on scalar operands and the flags it raised; `None` when an operand
/// is not something scalar math handles (the caller returns NotImplemented).
fn apply(py: Python<'_>, name: &str, objs: &[&Bound<'_, PyAny>]) -> PyResult<Option<Applied>> {
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
        let outs = vec![Scalar::Bool(b)];
        return Ok(Some(Applied { outs, flags: FpFlags::default(), scalar_math: true }));
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
    let scalar_math = uses_scalar_math(&operands);
    if scalar_math && integer_overflowed(name, &inputs, &outs) {
        flags.set(FpFlags::OVERFLOW);
    }
    Ok(Some(Applied { outs, flags, scalar_math }))
}

/// What one ufunc gave on scalar operands.
struct Applied {
    outs: Vec<Scalar>,
    flags: FpFlags,
    /// NumPy ran its scalar math (not the array ufunc path): flags are reported as "scalar
    /// add" and integer overflow is checked.
    scalar_math: bool,
}

/// Whether NumPy handles these operands with its scalar math: the operands' common dtype must
/// be the type of one of the (non-bool) NumPy scalars, so that the others convert to it. When
/// promotion to a third type is needed (`int8 + uint64`, `int8 + 1.5`), or every NumPy scalar
/// is a bool, NumPy defers to the array ufunc instead.
///
/// The first NumPy scalar's method runs first (Python's operator order); a bool's is NumPy's
/// generic one, which goes straight to the ufunc (`np.False_ / np.int8(0)` warns "in divide").
fn uses_scalar_math(operands: &[Operand]) -> bool {
    let first = operands.iter().find_map(|op| match op {
        Operand::Scalar(d) => Some(*d),
        _ => None,
    });
    let Ok(common) = result_type(operands) else { return false };
    first.is_some_and(|d| !d.is_bool())
        && operands.iter().any(|op| matches!(op, Operand::Scalar(d) if *d == common))
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

/// The name NumPy's messages use: "scalar add" for scalar math, "add" for the ufunc path.
fn context(name: &str, scalar_math: bool) -> String {
    if scalar_math {
        format!("scalar {name}")
    } else {
        name.to_string()
    }
}

fn one_output(py: Python<'_>, name: &str, result: Option<Applied>) -> PyResult<Py<PyAny>> {
    let Some(a) = result else {
        return Ok(py.NotImplemented());
    };
    fp::report(py, a.flags, &context(name, a.scalar_math))?;
    Ok(scalar_object(py, a.outs[0])?.unbind())
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
    let (Some(q), Some(r)) = (apply(py, "floor_divide", &[a, b])?, apply(py, "remainder", &[a, b])?) else {
        return Ok(py.NotImplemented());
    };
    let mut flags = q.flags;
    flags.merge(r.flags);
    fp::report(py, flags, &context("divmod", q.scalar_math))?;
    let pair = [scalar_object(py, q.outs[0])?, scalar_object(py, r.outs[0])?];
    Ok(PyTuple::new(py, pair)?.into_any().unbind())
}
