//! `ndarray` reductions: sum, prod, min, max, mean, std, var, argmin, argmax, all, any, cumsum,
//! cumprod — numrt's reductions, forced and reported as NumPy reports them (a full reduction
//! returns a scalar); `out=` is written as NumPy's reductions write it.

use numrt::{Array, NumrtError};
use pyo3::prelude::*;

use crate::convert::{array_or_scalar, axes, axis_int};
use crate::dtype::dtype_from_py;
use crate::errors::IntoPyResult;
use crate::ndarray::{force_reporting, PyNdArray};

fn opt_dtype(dtype: Option<&Bound<'_, PyAny>>) -> PyResult<Option<dtypes::DType>> {
    dtype.filter(|d| !d.is_none()).map(dtype_from_py).transpose()
}

fn opt_axis(axis: Option<&Bound<'_, PyAny>>) -> PyResult<Option<isize>> {
    axis.filter(|a| !a.is_none()).map(axis_int).transpose()
}

/// Force a reduction's result, reporting flags as NumPy names them (`add.reduce` -> "reduce").
fn finish(py: Python<'_>, result: Result<Array, NumrtError>, context: &str) -> PyResult<Py<PyAny>> {
    let result = result.py()?;
    force_reporting(py, &result, context)?;
    array_or_scalar(py, result)
}

/// mean/var/std divide by the count: a full reduction divides NumPy scalars ("scalar divide").
fn finish_divided(py: Python<'_>, result: Result<Array, NumrtError>) -> PyResult<Py<PyAny>> {
    let result = result.py()?;
    let context = if result.ndim() == 0 { "scalar divide" } else { "divide" };
    force_reporting(py, &result, context)?;
    array_or_scalar(py, result)
}

#[pymethods]
impl PyNdArray {
    #[pyo3(signature = (axis = None, dtype = None, out = None, keepdims = false))]
    fn sum(&self, py: Python<'_>, axis: Option<&Bound<'_, PyAny>>, dtype: Option<&Bound<'_, PyAny>>, out: Option<&Bound<'_, PyAny>>, keepdims: bool) -> PyResult<Py<PyAny>> {
        with_out(py, out, "add", finish(py, self.arr.sum(&axes(axis)?, keepdims, opt_dtype(dtype)?), "reduce"))
    }

    #[pyo3(signature = (axis = None, dtype = None, out = None, keepdims = false))]
    fn prod(&self, py: Python<'_>, axis: Option<&Bound<'_, PyAny>>, dtype: Option<&Bound<'_, PyAny>>, out: Option<&Bound<'_, PyAny>>, keepdims: bool) -> PyResult<Py<PyAny>> {
        with_out(py, out, "multiply", finish(py, self.arr.prod(&axes(axis)?, keepdims, opt_dtype(dtype)?), "reduce"))
    }

    #[pyo3(signature = (axis = None, out = None, keepdims = false))]
    fn min(&self, py: Python<'_>, axis: Option<&Bound<'_, PyAny>>, out: Option<&Bound<'_, PyAny>>, keepdims: bool) -> PyResult<Py<PyAny>> {
        with_out(py, out, "minimum", finish(py, self.arr.min(&axes(axis)?, keepdims), "reduce"))
    }

    #[pyo3(signature = (axis = None, out = None, keepdims = false))]
    fn max(&self, py: Python<'_>, axis: Option<&Bound<'_, PyAny>>, out: Option<&Bound<'_, PyAny>>, keepdims: bool) -> PyResult<Py<PyAny>> {
        with_out(py, out, "maximum", finish(py, self.arr.max(&axes(axis)?, keepdims), "reduce"))
    }

    #[pyo3(signature = (axis = None, out = None, keepdims = false))]
    fn all(&self, py: Python<'_>, axis: Option<&Bound<'_, PyAny>>, out: Option<&Bound<'_, PyAny>>, keepdims: bool) -> PyResult<Py<PyAny>> {
        with_out(py, out, "logical_and", finish(py, self.arr.all(&axes(axis)?, keepdims), "reduce"))
    }

    #[pyo3(signature = (axis = None, out = None, keepdims = false))]
    fn any(&self, py: Python<'_>, axis: Option<&Bound<'_, PyAny>>, out: Option<&Bound<'_, PyAny>>, keepdims: bool) -> PyResult<Py<PyAny>> {
        with_out(py, out, "logical_or", finish(py, self.arr.any(&axes(axis)?, keepdims), "reduce"))
    }

    #[pyo3(signature = (axis = None, dtype = None, out = None, keepdims = false))]
    fn mean(&self, py: Python<'_>, axis: Option<&Bound<'_, PyAny>>, dtype: Option<&Bound<'_, PyAny>>, out: Option<&Bound<'_, PyAny>>, keepdims: bool) -> PyResult<Py<PyAny>> {
        with_out(py, out, "add", finish_divided(py, self.arr.mean(&axes(axis)?, keepdims, opt_dtype(dtype)?)))
    }

    #[pyo3(signature = (axis = None, dtype = None, out = None, ddof = 0.0, keepdims = false))]
    fn var(&self, py: Python<'_>, axis: Option<&Bound<'_, PyAny>>, dtype: Option<&Bound<'_, PyAny>>, out: Option<&Bound<'_, PyAny>>, ddof: f64, keepdims: bool) -> PyResult<Py<PyAny>> {
        with_out(py, out, "add", finish_divided(py, self.arr.var(&axes(axis)?, keepdims, ddof, opt_dtype(dtype)?)))
    }

    #[pyo3(signature = (axis = None, dtype = None, out = None, ddof = 0.0, keepdims = false))]
    fn std(&self, py: Python<'_>, axis: Option<&Bound<'_, PyAny>>, dtype: Option<&Bound<'_, PyAny>>, out: Option<&Bound<'_, PyAny>>, ddof: f64, keepdims: bool) -> PyResult<Py<PyAny>> {
        with_out(py, out, "add", finish_divided(py, self.arr.std(&axes(axis)?, keepdims, ddof, opt_dtype(dtype)?)))
    }

    #[pyo3(signature = (axis = None, out = None, keepdims = false))]
    fn argmin(&self, py: Python<'_>, axis: Option<&Bound<'_, PyAny>>, out: Option<&Bound<'_, PyAny>>, keepdims: bool) -> PyResult<Py<PyAny>> {
        with_out(py, out, "argmin", finish(py, self.arr.argmin(opt_axis(axis)?, keepdims), "argmin"))
    }

    #[pyo3(signature = (axis = None, out = None, keepdims = false))]
    fn argmax(&self, py: Python<'_>, axis: Option<&Bound<'_, PyAny>>, out: Option<&Bound<'_, PyAny>>, keepdims: bool) -> PyResult<Py<PyAny>> {
        with_out(py, out, "argmax", finish(py, self.arr.argmax(opt_axis(axis)?, keepdims), "argmax"))
    }

    #[pyo3(signature = (axis = None, dtype = None, out = None))]
    fn cumsum(&self, py: Python<'_>, axis: Option<&Bound<'_, PyAny>>, dtype: Option<&Bound<'_, PyAny>>, out: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
        with_out(py, out, "add", finish(py, self.arr.cumsum(opt_axis(axis)?, opt_dtype(dtype)?), "accumulate"))
    }

    #[pyo3(signature = (axis = None, dtype = None, out = None))]
    fn cumprod(&self, py: Python<'_>, axis: Option<&Bound<'_, PyAny>>, dtype: Option<&Bound<'_, PyAny>>, out: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
        with_out(py, out, "multiply", finish(py, self.arr.cumprod(opt_axis(axis)?, opt_dtype(dtype)?), "accumulate"))
    }
}

/// `out=`: the result written into `out` as NumPy's reductions do (cast unsafely; the shape
/// must match), and `out` returned.
fn with_out(py: Python<'_>, out: Option<&Bound<'_, PyAny>>, op: &str, result: PyResult<Py<PyAny>>) -> PyResult<Py<PyAny>> {
    let result = result?;
    match out.filter(|o| !o.is_none()) {
        None => Ok(result),
        Some(o) => Ok(py.import("numpypy._reductions")?.getattr("_finish")?.call1((result, o, py.None(), op))?.unbind()),
    }
}
