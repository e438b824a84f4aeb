//! Facts behind `numpypy.finfo`, `numpypy.iinfo` and the module-level dtype functions
//! (`can_cast`, `promote_types`): thin wrappers over `dtypes`, which decides all of them.

use dtypes::{can_cast, promote_types, Casting};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::dtype::{dtype_from_py, dtype_object, PyDType};
use crate::errors::IntoPyResult;

/// `_core._float_facts(dtype)`: the `FloatInfo` of a float or complex dtype as a dict of Python
/// numbers (every value exact in float64).
#[pyfunction]
pub fn _float_facts<'py>(dtype: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDict>> {
    let py = dtype.py();
    let dt = dtype_from_py(dtype)?;
    let f = dt
        .float_info()
        .ok_or_else(|| PyValueError::new_err(format!("data type {dt} not inexact")))?;
    let d = PyDict::new(py);
    d.set_item("dtype", dtype_object(py, dt.real_dtype())?)?;
    d.set_item("bits", f.bits)?;
    d.set_item("eps", f.eps)?;
    d.set_item("max", f.max)?;
    d.set_item("min", f.min)?;
    d.set_item("smallest_normal", f.smallest_normal)?;
    d.set_item("smallest_subnormal", f.smallest_subnormal)?;
    d.set_item("precision", f.precision)?;
    d.set_item("resolution", f.resolution)?;
    d.set_item("mant_digits", f.mant_digits)?;
    d.set_item("maxexp", f.max_exp)?;
    d.set_item("minexp", f.min_exp)?;
    Ok(d)
}

/// `_core._int_limits(dtype)`: `(min, max)` of an integer dtype; None for other dtypes.
#[pyfunction]
pub fn _int_limits(dtype: &Bound<'_, PyAny>) -> PyResult<Option<(i128, i128)>> {
    let dt = dtype_from_py(dtype)?;
    Ok(if dt.is_integer() { dt.int_limits() } else { None })
}

/// `numpypy.can_cast(from_, to, casting='safe')` for dtypes and scalar types.
#[pyfunction]
#[pyo3(signature = (from_, to, casting = "safe"))]
pub fn can_cast_dtypes(from_: &Bound<'_, PyAny>, to: &Bound<'_, PyAny>, casting: &str) -> PyResult<bool> {
    let casting = Casting::from_name(casting).py()?;
    Ok(can_cast(dtype_from_py(from_)?, dtype_from_py(to)?, casting))
}

/// `numpypy.promote_types(type1, type2)`.
#[pyfunction]
pub fn promote_types_py<'py>(type1: &Bound<'py, PyAny>, type2: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDType>> {
    let dt = promote_types(dtype_from_py(type1)?, dtype_from_py(type2)?).py()?;
    dtype_object(type1.py(), dt)
}
