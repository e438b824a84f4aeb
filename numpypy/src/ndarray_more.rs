//! ndarray leftovers: `flags` (C_CONTIGUOUS, F_CONTIGUOUS, WRITEABLE settable, ALIGNED),
//! `real`/`imag` (views of complex arrays, settable), `view(dtype)` for same-itemsize dtypes,
//! `conj`/`conjugate`, `__contains__`, `__divmod__`, and NumPy's fast scalar power
//! (`a ** 2` is `square(a)`, which is why `bool_array ** 2` is int8).

use dtypes::DType;
use numrt::{Array, View};
use pyo3::exceptions::{PyKeyError, PyNotImplementedError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyFloat, PyInt, PyTuple};

use crate::dtype::dtype_from_py;
use crate::errors::IntoPyResult;
use crate::ndarray::PyNdArray;

/// `a.flags`: a live view of the array's flags (reads the array each time).
#[pyclass(name = "flagsobj", module = "numpypy", frozen)]
pub struct PyFlags {
    array: Py<PyNdArray>,
}

impl PyFlags {
    fn view(&self, py: Python<'_>) -> PyResult<View> {
        self.array.bind(py).get().arr.claim().py()
    }
}

#[pymethods]
impl PyFlags {
    #[getter]
    fn c_contiguous(&self, py: Python<'_>) -> PyResult<bool> {
        Ok(self.view(py)?.flags.c_contiguous)
    }

    #[getter]
    fn f_contiguous(&self, py: Python<'_>) -> PyResult<bool> {
        Ok(self.view(py)?.flags.f_contiguous)
    }

    #[getter]
    fn contiguous(&self, py: Python<'_>) -> PyResult<bool> {
        self.c_contiguous(py)
    }

    #[getter]
    fn writeable(&self, py: Python<'_>) -> PyResult<bool> {
        Ok(self.view(py)?.writeable())
    }

    #[setter]
    fn set_writeable(&self, py: Python<'_>, value: bool) -> PyResult<()> {
        self.array.bind(py).get().arr.set_writeable(value).py()
    }

    #[getter]
    fn aligned(&self) -> bool {
        true
    }

    #[getter]
    fn writebackifcopy(&self) -> bool {
        false
    }

    /// NumPy's OWNDATA: the array owns its memory (its `base` is None).
    #[getter]
    fn owndata(&self, py: Python<'_>) -> bool {
        self.array.bind(py).get().base.is_none()
    }

    fn __getitem__(&self, py: Python<'_>, key: &str) -> PyResult<bool> {
        match key {
            "C_CONTIGUOUS" | "C" | "CONTIGUOUS" => self.c_contiguous(py),
            "F_CONTIGUOUS" | "F" | "FORTRAN" => self.f_contiguous(py),
            "WRITEABLE" | "W" => self.writeable(py),
            "ALIGNED" | "A" => Ok(true),
            "WRITEBACKIFCOPY" | "X" => Ok(false),
            "OWNDATA" | "O" => Ok(self.owndata(py)),
            _ => Err(PyKeyError::new_err("Unknown flag")),
        }
    }

    fn __setitem__(&self, py: Python<'_>, key: &str, value: bool) -> PyResult<()> {
        match key {
            "WRITEABLE" | "W" => self.set_writeable(py, value),
            _ => Err(PyKeyError::new_err("Unknown flag")),
        }
    }

    /// NumPy's text: one `  NAME : value` line per flag.
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let v = self.view(py)?;
        let lines = [
            ("C_CONTIGUOUS", v.flags.c_contiguous),
            ("F_CONTIGUOUS", v.flags.f_contiguous),
            ("OWNDATA", self.owndata(py)),
            ("WRITEABLE", v.writeable()),
            ("ALIGNED", true),
            ("WRITEBACKIFCOPY", false),
        ];
        Ok(lines.iter().map(|(name, on)| format!("  {name} : {}\n", if *on { "True" } else { "False" })).collect())
    }
}

/// A view of `v`'s memory as `dtype` (same shape and strides) starting `extra` bytes later.
fn reinterpret(v: &View, dtype: DType, extra: usize) -> PyResult<Array> {
    let mut out = View::new(v.buffer.clone(), v.offset + extra, v.shape.clone(), v.strides.clone(), dtype).py()?;
    out.readonly |= v.readonly;
    Ok(Array::from_view(out))
}

fn component_dtype(dt: DType) -> Option<DType> {
    match dt {
        DType::Complex64 => Some(DType::Float32),
        DType::Complex128 => Some(DType::Float64),
        _ => None,
    }
}

fn wrap(py: Python<'_>, a: Array) -> PyResult<Py<PyAny>> {
    Ok(Py::new(py, PyNdArray::new(a))?.into_any())
}

/// A view of `slf`'s memory as `dtype`, `extra` bytes in, recording its base as NumPy does.
fn reinterpreted(slf: &Bound<'_, PyNdArray>, v: &View, dtype: DType, extra: usize) -> PyResult<Py<PyAny>> {
    crate::ndarray::wrap_derived(slf, reinterpret(v, dtype, extra)?)
}

/// NumPy's `fast_scalar_power`: `a ** 2` runs `square`; for float and complex arrays `a ** -1`
/// runs `reciprocal` and `a ** 0.5` runs `sqrt` (the exponent a Python int or float exactly).
pub fn fast_power_ufunc(base: DType, exponent: &Bound<'_, PyAny>) -> Option<&'static str> {
    let inexact = base.is_float() || base.is_complex();
    if exponent.is_exact_instance_of::<PyInt>() {
        match exponent.extract::<i64>().ok()? {
            2 => Some("square"),
            -1 if inexact => Some("reciprocal"),
            _ => None,
        }
    } else if exponent.is_exact_instance_of::<PyFloat>() {
        (inexact && exponent.extract::<f64>().ok()? == 0.5).then_some("sqrt")
    } else {
        None
    }
}

#[pymethods]
impl PyNdArray {
    #[getter]
    fn flags(slf: &Bound<'_, Self>) -> PyResult<PyFlags> {
        Ok(PyFlags { array: slf.clone().unbind() })
    }

    /// NumPy's `base`: None for an array that owns its memory, else the object it views.
    #[getter]
    fn base(&self, py: Python<'_>) -> Py<PyAny> {
        self.base.as_ref().map_or_else(|| py.None(), |b| b.clone_ref(py))
    }

    /// The real part: a view of a complex array's memory; a real array itself.
    #[getter]
    fn real(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        let v = slf.get().arr.claim().py()?;
        match component_dtype(v.dtype) {
            Some(d) => reinterpreted(slf, &v, d, 0),
            None => Ok(slf.clone().into_any().unbind()),
        }
    }

    #[setter]
    fn set_real(slf: &Bound<'_, Self>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let py = slf.py();
        let target = Self::real(slf)?;
        target.bind(py).set_item(pyo3::types::PyEllipsis::get(py), value)
    }

    #[getter]
    fn imag(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        let v = slf.get().arr.claim().py()?;
        match component_dtype(v.dtype) {
            Some(d) => reinterpreted(slf, &v, d, d.itemsize()),
            None => {
                let zeros = Array::from_view(numrt::creation::zeros(&v.shape, v.dtype).py()?);
                zeros.set_writeable(false).py()?;
                wrap(py, zeros)
            }
        }
    }

    #[setter]
    fn set_imag(slf: &Bound<'_, Self>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let py = slf.py();
        if component_dtype(slf.get().arr.dtype()).is_none() {
            return Err(PyTypeError::new_err("array does not have imaginary part to set"));
        }
        let target = Self::imag(slf)?;
        target.bind(py).set_item(pyo3::types::PyEllipsis::get(py), value)
    }

    /// `a.view(dtype)`: the same memory as another dtype of the same itemsize.
    #[pyo3(signature = (dtype = None))]
    fn view(slf: &Bound<'_, Self>, dtype: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
        let v = slf.get().arr.claim().py()?;
        let to = match dtype.filter(|d| !d.is_none()) {
            None => v.dtype,
            Some(d) => dtype_from_py(d)?,
        };
        if to == DType::Bool && v.dtype != DType::Bool {
            return Err(PyNotImplementedError::new_err(format!(
                "numpypy does not implement ndarray.view of {} memory as bool yet",
                v.dtype
            )));
        }
        if to.itemsize() != v.dtype.itemsize() {
            return Err(PyNotImplementedError::new_err(format!(
                "numpypy does not implement ndarray.view between dtypes of different sizes ({} to {}) yet",
                v.dtype, to
            )));
        }
        reinterpreted(slf, &v, to, 0)
    }

    fn conj(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        crate::ndarray::call_ufunc(slf.py(), "conjugate", &[slf.clone().into_any()], None, None, dtypes::Casting::SameKind)
    }

    fn conjugate(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        Self::conj(slf)
    }

    fn __contains__(slf: &Bound<'_, Self>, value: &Bound<'_, PyAny>) -> PyResult<bool> {
        let cmp = slf.as_any().rich_compare(value, pyo3::basic::CompareOp::Eq)?;
        cmp.call_method0("any")?.is_truthy()
    }

    fn __divmod__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        divmod_operator(slf, other, false)
    }

    fn __rdivmod__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        divmod_operator(slf, other, true)
    }
}

/// `divmod(a, b)` on an ndarray: NumPy's `divmod` ufunc; NotImplemented for foreign types.
fn divmod_operator(slf: &Bound<'_, PyNdArray>, other: &Bound<'_, PyAny>, reflected: bool) -> PyResult<Py<PyAny>> {
    let py = slf.py();
    let me = slf.clone().into_any();
    let (x1, x2) = if reflected { (other, &me) } else { (&me, other) };
    if other.is_instance_of::<pyo3::types::PyString>() {
        return Err(PyTypeError::new_err(
            "ufunc 'divmod' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''",
        ));
    }
    match crate::ufunc_methods::divmod(py, x1, x2, [None, None]) {
        Err(e) if e.is_instance_of::<PyTypeError>(py) && !is_number_like(other)? => Ok(py.NotImplemented()),
        r => r,
    }
}

fn is_number_like(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    Ok(obj.is_instance_of::<PyNdArray>()
        || crate::scalars::scalar_value(obj)?.is_some()
        || crate::convert::py_number(obj)?.is_some()
        || obj.is_instance_of::<pyo3::types::PyList>()
        || obj.is_instance_of::<PyTuple>())
}
