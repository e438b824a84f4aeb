//! Bindings for sorting and searching (`numpypy._manip` does the argument handling):
//! `_sort`, `_argsort`, `_searchsorted`, `_sort_inplace` over numrt's `ops::sort`.

use numrt::{copy_into, NumrtError};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::errors::IntoPyResult;
use crate::manip::new_array;
use crate::ndarray::{force, PyNdArray};

/// `_sort(a, axis)`: a sorted copy (stable).
#[pyfunction]
pub fn _sort(py: Python<'_>, a: &Bound<'_, PyNdArray>, axis: isize) -> PyResult<Py<PyAny>> {
    let v = force(&a.get().arr)?;
    new_array(py, py.detach(|| numrt::ops::sort(&v, axis)).py()?)
}

/// `_sort_inplace(a, axis)`: `a.sort(axis)`.
#[pyfunction]
pub fn _sort_inplace(py: Python<'_>, a: &Bound<'_, PyNdArray>, axis: isize) -> PyResult<()> {
    let dst = match a.get().arr.view_for_write() {
        Err(NumrtError::ReadOnly) => return Err(PyValueError::new_err("sort array is read-only")),
        r => r.py()?,
    };
    let sorted = py.detach(|| numrt::ops::sort(&dst, axis)).py()?;
    copy_into(&dst, &sorted).py()
}

/// `_argsort(a, axis)`: int64 indices of a stable sort.
#[pyfunction]
pub fn _argsort(py: Python<'_>, a: &Bound<'_, PyNdArray>, axis: isize) -> PyResult<Py<PyAny>> {
    let v = force(&a.get().arr)?;
    new_array(py, py.detach(|| numrt::ops::argsort(&v, axis)).py()?)
}

/// `_searchsorted(a, v, right, sorter)`: `a` 1-d, `v` of `a`'s dtype.
#[pyfunction]
#[pyo3(signature = (a, v, right, sorter = None))]
pub fn _searchsorted(
    py: Python<'_>,
    a: &Bound<'_, PyNdArray>,
    v: &Bound<'_, PyNdArray>,
    right: bool,
    sorter: Option<Vec<i64>>,
) -> PyResult<Py<PyAny>> {
    let (av, vv) = (force(&a.get().arr)?, force(&v.get().arr)?);
    let out = py
        .detach(|| numrt::ops::searchsorted(&av, &vv, right, sorter.as_deref()))
        .py()?;
    new_array(py, out)
}

/// Register the hooks on `_core`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_sort, m)?)?;
    m.add_function(wrap_pyfunction!(_sort_inplace, m)?)?;
    m.add_function(wrap_pyfunction!(_argsort, m)?)?;
    m.add_function(wrap_pyfunction!(_searchsorted, m)?)?;
    Ok(())
}
