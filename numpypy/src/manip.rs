//! Bindings for array manipulation (`numpypy._manip` does the argument handling): private
//! hooks `_concatenate`, `_repeat`, `_nonzero`, `_where` over numrt's `ops`, and the ndarray
//! methods that NumPy also offers as functions (`swapaxes`, `squeeze`, `repeat`, `clip`,
//! `take`, `round`, `nonzero`), which call the Python functions so both share one definition.

use numrt::{Array, View};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

use crate::convert::operand;
use crate::dtype::dtype_from_py;
use crate::errors::IntoPyResult;
use crate::ndarray::{force, force_reporting, PyNdArray};

pub(crate) fn new_array(py: Python<'_>, view: View) -> PyResult<Py<PyAny>> {
    Ok(Py::new(py, PyNdArray::new(Array::from_view(view)))?.into_any())
}

/// `_concatenate(arrays, axis, dtype)`: ndarrays joined along `axis` as `dtype`.
#[pyfunction]
pub fn _concatenate(
    py: Python<'_>,
    arrays: Vec<Bound<'_, PyNdArray>>,
    axis: isize,
    dtype: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let dt = dtype_from_py(dtype)?;
    let views = arrays
        .iter()
        .map(|a| force(&a.get().arr))
        .collect::<PyResult<Vec<_>>>()?;
    let out = py
        .detach(|| numrt::ops::concatenate(&views, axis, dt))
        .py()?;
    new_array(py, out)
}

/// `_repeat(a, repeats, axis)`.
#[pyfunction]
pub fn _repeat(
    py: Python<'_>,
    a: &Bound<'_, PyNdArray>,
    repeats: Vec<i64>,
    axis: isize,
) -> PyResult<Py<PyAny>> {
    let v = force(&a.get().arr)?;
    new_array(
        py,
        py.detach(|| numrt::ops::repeat(&v, &repeats, axis)).py()?,
    )
}

/// `_nonzero(a)`: a tuple of int64 index arrays, one per axis.
#[pyfunction]
pub fn _nonzero<'py>(py: Python<'py>, a: &Bound<'py, PyNdArray>) -> PyResult<Bound<'py, PyTuple>> {
    let v = force(&a.get().arr)?;
    let parts = numrt::index::nonzero(&v).py()?;
    let objs = parts
        .into_iter()
        .map(|p| new_array(py, p))
        .collect::<PyResult<Vec<_>>>()?;
    PyTuple::new(py, objs)
}

/// `_where(cond, x, y)`: NumPy's three-argument `where` (x and y NEP 50 operands).
#[pyfunction]
pub fn _where(
    py: Python<'_>,
    cond: &Bound<'_, PyNdArray>,
    x: &Bound<'_, PyAny>,
    y: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let (mut hx, mut hy) = (None, None);
    let (ox, oy) = (operand(x, &mut hx)?, operand(y, &mut hy)?);
    let result = Array::where_(&cond.get().arr, ox, oy).py()?;
    force_reporting(py, &result, "where")?;
    Ok(Py::new(py, PyNdArray::new(result))?.into_any())
}

/// `_broadcast_to(a, shape)`: a read-only broadcast view.
#[pyfunction]
pub fn _broadcast_to(
    py: Python<'_>,
    a: &Bound<'_, PyNdArray>,
    shape: Vec<usize>,
) -> PyResult<Py<PyAny>> {
    let _ = py;
    let out = a.get().arr.broadcast_to(&shape).py()?;
    crate::ndarray::wrap_derived(a, out)
}

/// `_make_complex(re, im, dtype)`: a complex array from its parts, bit for bit (signed zeros
/// and NaN payloads kept, which `re + im * 1j` would not).
#[pyfunction]
pub fn _make_complex(
    py: Python<'_>,
    re: &Bound<'_, PyNdArray>,
    im: &Bound<'_, PyNdArray>,
    dtype: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let dt = dtype_from_py(dtype)?;
    let part = dt.real_dtype();
    let (re, im) = (force(&re.get().arr)?, force(&im.get().arr)?);
    let out = View::zeros(&re.shape, dt).py()?;
    let real = View::new(
        out.buffer.clone(),
        out.offset,
        out.shape.clone(),
        out.strides.clone(),
        part,
    )
    .py()?;
    let imag = View::new(
        out.buffer.clone(),
        out.offset + part.itemsize(),
        out.shape.clone(),
        out.strides.clone(),
        part,
    )
    .py()?;
    numrt::copy_into(&real, &re).py()?;
    numrt::copy_into(&imag, &im).py()?;
    new_array(py, out)
}

/// Call `numpypy._manip.<name>(self, *args, **kwargs)`.
fn call_py(
    slf: &Bound<'_, PyNdArray>,
    name: &str,
    args: &Bound<'_, PyTuple>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let py = slf.py();
    let func = py.import("numpypy._manip")?.getattr(name)?;
    let mut all = vec![slf.clone().into_any()];
    all.extend(args.iter());
    Ok(func.call(PyTuple::new(py, all)?, kwargs)?.unbind())
}

macro_rules! py_methods {
    ($($name:ident => $pyname:literal),* $(,)?) => {
        #[pymethods]
        impl PyNdArray {
            $(
                #[pyo3(signature = (*args, **kwargs))]
                fn $name(slf: &Bound<'_, Self>, args: &Bound<'_, PyTuple>, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Py<PyAny>> {
                    call_py(slf, $pyname, args, kwargs)
                }
            )*
        }
    };
}

py_methods!(
    swapaxes => "_m_swapaxes",
    squeeze => "_m_squeeze",
    repeat => "_m_repeat",
    clip => "_m_clip",
    take => "_m_take",
    round => "_m_round",
    nonzero => "_m_nonzero",
    sort => "_m_sort",
    argsort => "_m_argsort",
    searchsorted => "_m_searchsorted",
);

/// Register the hooks on `_core`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_concatenate, m)?)?;
    m.add_function(wrap_pyfunction!(_repeat, m)?)?;
    m.add_function(wrap_pyfunction!(_nonzero, m)?)?;
    m.add_function(wrap_pyfunction!(_where, m)?)?;
    m.add_function(wrap_pyfunction!(_broadcast_to, m)?)?;
    m.add_function(wrap_pyfunction!(_make_complex, m)?)?;
    Ok(())
}
