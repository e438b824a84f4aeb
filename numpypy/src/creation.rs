//! Array creation: `array`, `asarray`, `zeros`, `ones`, `empty`, `full`, `arange`, `linspace`,
//! `eye`, `identity` — numrt's creation functions behind NumPy's signatures.

use dtypes::DType;
use numrt::{Array, PyScalar, View};
use pyo3::exceptions::{PyNotImplementedError, PyTypeError};
use pyo3::prelude::*;

use crate::convert::{dims, nested, py_number};
use crate::dtype::dtype_from_py;
use crate::errors::IntoPyResult;
use crate::ndarray::PyNdArray;
use crate::scalars::scalar_value;

fn opt_dtype(dtype: Option<&Bound<'_, PyAny>>) -> PyResult<Option<DType>> {
    dtype.filter(|d| !d.is_none()).map(dtype_from_py).transpose()
}

fn new_array(py: Python<'_>, view: View) -> PyResult<Py<PyNdArray>> {
    Py::new(py, PyNdArray::new(Array::from_view(view)))
}

fn shape_of(shape: &Bound<'_, PyAny>) -> PyResult<Vec<usize>> {
    numrt::creation::shape_from_dims(&dims(shape)?).py()
}

fn check_order(order: &str) -> PyResult<()> {
    match order {
        "C" | "K" | "A" => Ok(()),
        _ => Err(PyNotImplementedError::new_err(format!("numpypy does not implement order='{order}' yet"))),
    }
}

/// `numpypy.array(object, dtype=None, copy=True)`.
#[pyfunction]
#[pyo3(signature = (object, dtype = None, *, copy = true, order = "K", ndmin = 0))]
pub fn array(py: Python<'_>, object: &Bound<'_, PyAny>, dtype: Option<&Bound<'_, PyAny>>, copy: bool, order: &str, ndmin: usize) -> PyResult<Py<PyNdArray>> {
    let _ = copy;
    check_order(order)?;
    if ndmin > 0 {
        return Err(PyNotImplementedError::new_err("numpypy does not implement array(ndmin=...) yet"));
    }
    new_array(py, numrt::from_nested(&nested(object)?, opt_dtype(dtype)?).py()?)
}

/// `numpypy.asarray(a, dtype=None)`: `a` itself when it already is an ndarray of that dtype.
#[pyfunction]
#[pyo3(signature = (a, dtype = None, order = "K"))]
pub fn asarray(py: Python<'_>, a: &Bound<'_, PyAny>, dtype: Option<&Bound<'_, PyAny>>, order: &str) -> PyResult<Py<PyNdArray>> {
    check_order(order)?;
    let want = opt_dtype(dtype)?;
    if let Ok(arr) = a.cast::<PyNdArray>() {
        if want.is_none_or(|d| d == arr.get().arr.dtype()) {
            return Ok(arr.clone().unbind());
        }
    }
    new_array(py, numrt::from_nested(&nested(a)?, want).py()?)
}

macro_rules! filled {
    ($name:ident, $make:path, $what:literal) => {
        #[doc = concat!("`numpypy.", $what, "(shape, dtype=float)`.")]
        #[pyfunction]
        #[pyo3(signature = (shape, dtype = None, order = "C"))]
        pub fn $name(py: Python<'_>, shape: &Bound<'_, PyAny>, dtype: Option<&Bound<'_, PyAny>>, order: &str) -> PyResult<Py<PyNdArray>> {
            check_order(order)?;
            let dt = opt_dtype(dtype)?.unwrap_or(DType::Float64);
            new_array(py, $make(&shape_of(shape)?, dt).py()?)
        }
    };
}

filled!(zeros, numrt::creation::zeros, "zeros");
filled!(ones, numrt::creation::ones, "ones");
filled!(empty, numrt::creation::empty, "empty");

/// `numpypy.full(shape, fill_value, dtype=None)`.
#[pyfunction]
#[pyo3(signature = (shape, fill_value, dtype = None, order = "C"))]
pub fn full(py: Python<'_>, shape: &Bound<'_, PyAny>, fill_value: &Bound<'_, PyAny>, dtype: Option<&Bound<'_, PyAny>>, order: &str) -> PyResult<Py<PyNdArray>> {
    check_order(order)?;
    let value = numrt::from_nested(&nested(fill_value)?, None).py()?;
    let dt = opt_dtype(dtype)?.unwrap_or(value.dtype);
    if value.ndim() != 0 {
        return Err(PyNotImplementedError::new_err("numpypy does not implement full() with an array fill_value yet"));
    }
    let s = value.to_scalars()[0];
    let s = numrt::nested::numpy_scalar_to_dtype(s, dt).py()?;
    new_array(py, numrt::creation::full(&shape_of(shape)?, s, dt).py()?)
}

/// A Python number argument of `arange`/`linspace` (numpypy scalars count as their value).
fn number(obj: &Bound<'_, PyAny>) -> PyResult<PyScalar> {
    if let Some(n) = py_number(obj)? {
        return Ok(n);
    }
    if let Some(s) = scalar_value(obj)? {
        let item = crate::scalars::python_value(obj.py(), s)?;
        return number(&item);
    }
    Err(PyTypeError::new_err(format!("unsupported operand type: '{}'", obj.get_type().name()?)))
}

/// `numpypy.arange([start,] stop[, step], dtype=None)`.
#[pyfunction]
#[pyo3(signature = (start, stop = None, step = None, dtype = None))]
pub fn arange(py: Python<'_>, start: &Bound<'_, PyAny>, stop: Option<&Bound<'_, PyAny>>, step: Option<&Bound<'_, PyAny>>, dtype: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyNdArray>> {
    let opt = |o: Option<&Bound<'_, PyAny>>| o.filter(|x| !x.is_none()).map(number).transpose();
    let view = numrt::creation::arange(number(start)?, opt(stop)?, opt(step)?, opt_dtype(dtype)?).py()?;
    new_array(py, view)
}

/// `numpypy.linspace(start, stop, num=50, endpoint=True, dtype=None)`.
#[pyfunction]
#[pyo3(signature = (start, stop, num = 50, endpoint = true, retstep = false, dtype = None))]
pub fn linspace(py: Python<'_>, start: &Bound<'_, PyAny>, stop: &Bound<'_, PyAny>, num: i64, endpoint: bool, retstep: bool, dtype: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyNdArray>> {
    if retstep {
        return Err(PyNotImplementedError::new_err("numpypy does not implement linspace(retstep=True) yet"));
    }
    let view = numrt::creation::linspace(number(start)?, number(stop)?, num, endpoint, opt_dtype(dtype)?).py()?;
    new_array(py, view)
}

/// `numpypy.eye(N, M=None, k=0, dtype=float)`.
#[pyfunction]
#[pyo3(signature = (n, m = None, k = 0, dtype = None))]
pub fn eye(py: Python<'_>, n: usize, m: Option<usize>, k: i64, dtype: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyNdArray>> {
    let dt = opt_dtype(dtype)?.unwrap_or(DType::Float64);
    new_array(py, numrt::creation::eye(n, m, k, dt).py()?)
}

/// `numpypy.identity(n, dtype=float)`.
#[pyfunction]
#[pyo3(signature = (n, dtype = None))]
pub fn identity(py: Python<'_>, n: usize, dtype: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyNdArray>> {
    let dt = opt_dtype(dtype)?.unwrap_or(DType::Float64);
    new_array(py, numrt::creation::identity(n, dt).py()?)
}
