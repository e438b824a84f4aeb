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
    #[pyo3(signature = (axis = None, dtype = None, out = None, keepdims = false, initial = None, r#where = None))]
    #[allow(clippy::too_many_arguments)] // NumPy's keyword arguments
    fn sum(slf: &Bound<'_, Self>, axis: Option<&Bound<'_, PyAny>>, dtype: Option<&Bound<'_, PyAny>>, out: Option<&Bound<'_, PyAny>>, keepdims: bool, initial: Option<&Bound<'_, PyAny>>, r#where: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
        if initial.is_some() || r#where.is_some() {
            return via_ufunc_reduce(slf, "add", [axis, dtype, out], keepdims, initial, r#where);
        }
        let py = slf.py();
        with_out(py, out, "add", finish(py, slf.get().arr.sum(&axes(axis)?, keepdims, opt_dtype(dtype)?), "reduce"))
    }

    #[pyo3(signature = (axis = None, dtype = None, out = None, keepdims = false, initial = None, r#where = None))]
    #[allow(clippy::too_many_arguments)] // NumPy's keyword arguments
    fn prod(slf: &Bound<'_, Self>, axis: Option<&Bound<'_, PyAny>>, dtype: Option<&Bound<'_, PyAny>>, out: Option<&Bound<'_, PyAny>>, keepdims: bool, initial: Option<&Bound<'_, PyAny>>, r#where: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
        if initial.is_some() || r#where.is_some() {
            return via_ufunc_reduce(slf, "multiply", [axis, dtype, out], keepdims, initial, r#where);
        }
        let py = slf.py();
        with_out(py, out, "multiply", finish(py, slf.get().arr.prod(&axes(axis)?, keepdims, opt_dtype(dtype)?), "reduce"))
    }

    #[pyo3(signature = (axis = None, out = None, keepdims = false, initial = None, r#where = None))]
    fn min(slf: &Bound<'_, Self>, axis: Option<&Bound<'_, PyAny>>, out: Option<&Bound<'_, PyAny>>, keepdims: bool, initial: Option<&Bound<'_, PyAny>>, r#where: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
        if initial.is_some() || r#where.is_some() {
            return via_ufunc_reduce(slf, "minimum", [axis, None, out], keepdims, initial, r#where);
        }
        let py = slf.py();
        with_out(py, out, "minimum", finish(py, slf.get().arr.min(&axes(axis)?, keepdims), "reduce"))
    }

    #[pyo3(signature = (axis = None, out = None, keepdims = false, initial = None, r#where = None))]
    fn max(slf: &Bound<'_, Self>, axis: Option<&Bound<'_, PyAny>>, out: Option<&Bound<'_, PyAny>>, keepdims: bool, initial: Option<&Bound<'_, PyAny>>, r#where: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
        if initial.is_some() || r#where.is_some() {
            return via_ufunc_reduce(slf, "maximum", [axis, None, out], keepdims, initial, r#where);
        }
        let py = slf.py();
        with_out(py, out, "maximum", finish(py, slf.get().arr.max(&axes(axis)?, keepdims), "reduce"))
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

/// `a.sum(initial=..., where=...)` and the like: `np.<ufunc>.reduce` with those arguments.
fn via_ufunc_reduce(
    slf: &Bound<'_, PyNdArray>,
    ufunc: &str,
    [axis, dtype, out]: [Option<&Bound<'_, PyAny>>; 3],
    keepdims: bool,
    initial: Option<&Bound<'_, PyAny>>,
    r#where: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let py = slf.py();
    let kwargs = pyo3::types::PyDict::new(py);
    kwargs.set_item("axis", axis)?;
    kwargs.set_item("dtype", dtype)?;
    kwargs.set_item("out", out)?;
    kwargs.set_item("keepdims", keepdims)?;
    if let Some(i) = initial {
        kwargs.set_item("initial", i)?;
    }
    if let Some(w) = r#where {
        kwargs.set_item("where", w)?;
    }
    let reduce = py.import("numpypy._core")?.getattr(ufunc)?.getattr("reduce")?;
    Ok(reduce.call((slf,), Some(&kwargs))?.unbind())
}
