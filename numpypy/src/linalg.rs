//! Bindings of numrt's linear algebra: `_matmul` (also `ndarray.__matmul__` and friends, in a
//! `#[pymethods]` block of their own) and the LU-based `_det`, `_solve`, `_inv`. Argument
//! checks with NumPy's texts and dtype choice live in `numpypy/linalg.py`; a singular matrix
//! raises `numpypy.linalg.LinAlgError`.

use dtypes::DType;
use numrt::linalg::{self, LinalgError};
use numrt::{Array, View};
use pyo3::prelude::*;

use crate::convert::{array_or_scalar, operand};
use crate::dtype::dtype_from_py;
use crate::errors::{numrt_err, IntoPyResult};
use crate::ndarray::PyNdArray;

pyo3::import_exception!(numpypy.linalg, LinAlgError);

/// The materialised value of an array-like (ndarray, scalar, nested list).
fn value_of(obj: &Bound<'_, PyAny>) -> PyResult<View> {
    let mut holder = None;
    match operand(obj, &mut holder)? {
        numrt::ArrayOrScalar::Array(a) => crate::ndarray::force(a),
        other => {
            let a = Array::from_view(scalar_view(other)?);
            crate::ndarray::force(&a)
        }
    }
}

/// A 0-d view of a Python or NumPy scalar operand (its NEP 50 default dtype).
fn scalar_view(s: numrt::ArrayOrScalar<'_>) -> PyResult<View> {
    use numrt::{ArrayOrScalar as A, Nested};
    let nested = match s {
        A::PyBool(b) => Nested::Bool(b),
        A::PyInt(v) => Nested::Int(v),
        A::PyFloat(x) => Nested::Float(x),
        A::PyComplex(re, im) => Nested::Complex(re, im),
        A::Scalar(s) => Nested::Scalar(s),
        A::Array(a) => return crate::ndarray::force(a),
    };
    numrt::from_nested(&nested, None).py()
}

/// Whether `obj` converts to an array operand (a TypeError otherwise).
fn convertible(obj: &Bound<'_, PyAny>) -> bool {
    let mut holder = None;
    !matches!(operand(obj, &mut holder), Err(e) if e.is_instance_of::<pyo3::exceptions::PyTypeError>(obj.py()))
}

fn linalg_err(e: LinalgError) -> PyErr {
    match e {
        LinalgError::Singular => LinAlgError::new_err("Singular matrix"),
        LinalgError::Numrt(e) => numrt_err(e),
    }
}

fn wrap(py: Python<'_>, v: View) -> PyResult<Py<PyAny>> {
    array_or_scalar(py, Array::from_view(v))
}

/// `matmul(a, b)` for array-likes, result dtype promoted as NumPy's matmul loops.
pub fn matmul_values(py: Python<'_>, a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let (av, bv) = (value_of(a)?, value_of(b)?);
    let dtype = dtypes::promote_types(av.dtype, bv.dtype).map_err(crate::errors::dtype_err)?;
    let out = py.detach(|| linalg::matmul(&av, &bv, dtype)).py()?;
    wrap(py, out)
}

/// `_matmul(a, b)`.
#[pyfunction]
pub fn _matmul(py: Python<'_>, a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    matmul_values(py, a, b)
}

fn field_dtype(obj: &Bound<'_, PyAny>) -> PyResult<DType> {
    dtype_from_py(obj)
}

/// `_det(a, dtype)`: determinants of a stack, computed in `dtype`.
#[pyfunction]
pub fn _det(py: Python<'_>, a: &Bound<'_, PyAny>, dtype: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let (av, dt) = (value_of(a)?, field_dtype(dtype)?);
    let out = py.detach(|| linalg::det(&av, dt)).map_err(linalg_err)?;
    wrap(py, out)
}

/// `_solve(a, b, dtype)`: `b` is a stack of (n, r) matrices with `a`'s stack shape.
#[pyfunction]
pub fn _solve(py: Python<'_>, a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>, dtype: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let (av, bv, dt) = (value_of(a)?, value_of(b)?, field_dtype(dtype)?);
    let out = py.detach(|| linalg::solve(&av, &bv, dt)).map_err(linalg_err)?;
    wrap(py, out)
}

/// `_inv(a, dtype)`.
#[pyfunction]
pub fn _inv(py: Python<'_>, a: &Bound<'_, PyAny>, dtype: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let (av, dt) = (value_of(a)?, field_dtype(dtype)?);
    let out = py.detach(|| linalg::inv(&av, dt)).map_err(linalg_err)?;
    wrap(py, out)
}

#[pymethods]
impl PyNdArray {
    /// `a @ b`; NotImplemented for operands numpypy cannot make arrays of (so Python tries
    /// their `__rmatmul__`).
    fn __matmul__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        if !convertible(other) {
            return Ok(slf.py().NotImplemented());
        }
        matmul_values(slf.py(), slf.as_any(), other)
    }

    fn __rmatmul__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        if !convertible(other) {
            return Ok(slf.py().NotImplemented());
        }
        matmul_values(slf.py(), other, slf.as_any())
    }

    /// `a @= b`: NumPy computes `a @ b` and writes it back into `a` (same shape required).
    fn __imatmul__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<()> {
        let py = slf.py();
        let f = py.import("numpypy")?.getattr("_imatmul")?;
        f.call1((slf, other)).map(drop)
    }

    /// `a.dot(b)`.
    fn dot(slf: &Bound<'_, Self>, b: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let f = slf.py().import("numpypy")?.getattr("dot")?;
        Ok(f.call1((slf, b))?.unbind())
    }
}
