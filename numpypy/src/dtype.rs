//! `numpypy.dtype`: NumPy's dtype object for the 14 numpypy dtypes.
//!
//! Each dtype is a singleton, as NumPy's builtin dtypes are (`dtype('f8') is dtype(float)`).
//! `dtype(x)` accepts what `np.dtype` accepts for these dtypes: spellings (`'float64'`, `'f8'`,
//! `'<f8'`, `'d'`, `'int'`), numpypy scalar types, Python's `bool`/`int`/`float`/`complex`,
//! dtypes, `None` (float64) and objects with a `.dtype`. Equality converts the other side the
//! same way (`dtype('float64') == float`); ordering is safe castability, as in NumPy.

use dtypes::{can_cast, Casting, DType};
use pyo3::basic::CompareOp;
use pyo3::exceptions::{PyNotImplementedError, PyTypeError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyBytes, PyComplex, PyFloat, PyInt, PyList, PyString, PyTuple, PyType};

use crate::errors::IntoPyResult;
use crate::registry;

#[pyclass(name = "dtype", module = "numpypy", frozen)]
pub struct PyDType {
    pub dt: DType,
}

static SINGLETONS: PyOnceLock<Vec<Py<PyDType>>> = PyOnceLock::new();

/// The dtype object of `dt`.
pub fn dtype_object(py: Python<'_>, dt: DType) -> PyResult<Bound<'_, PyDType>> {
    let all = SINGLETONS.get_or_try_init(py, || {
        DType::ALL.iter().map(|&dt| Py::new(py, PyDType { dt })).collect::<PyResult<Vec<_>>>()
    })?;
    Ok(all[dt as usize].bind(py).clone())
}

/// NumPy's conversion of any Python object to a dtype (`np.dtype(obj)`).
pub fn dtype_from_py(obj: &Bound<'_, PyAny>) -> PyResult<DType> {
    if let Ok(d) = obj.cast::<PyDType>() {
        return Ok(d.get().dt);
    }
    if obj.is_none() {
        return Ok(DType::Float64);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return DType::from_name(s.to_str()?).py();
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        return DType::from_name(&String::from_utf8_lossy(b.as_bytes())).py();
    }
    if let Ok(t) = obj.cast::<PyType>() {
        return dtype_from_type(t);
    }
    if let Ok(inner) = obj.getattr("dtype") {
        if !inner.is(obj) && (inner.is_instance_of::<PyDType>() || inner.hasattr("kind")?) {
            return dtype_from_py(&inner);
        }
    }
    Err(PyTypeError::new_err(format!("Cannot interpret '{}' as a data type", obj.repr()?)))
}

/// A Python type as a dtype: numpypy scalar types, Python's builtin scalar types.
fn dtype_from_type(t: &Bound<'_, PyType>) -> PyResult<DType> {
    let py = t.py();
    if let Some(d) = registry::dtype_of_type(t)? {
        return Ok(d);
    }
    if let Some(msg) = registry::abstract_type_error(t)? {
        return Err(PyTypeError::new_err(msg));
    }
    let builtin = [
        (py.get_type::<PyBool>(), DType::Bool),
        (py.get_type::<PyInt>(), DType::Int64),
        (py.get_type::<PyFloat>(), DType::Float64),
        (py.get_type::<PyComplex>(), DType::Complex128),
    ];
    if let Some((_, d)) = builtin.iter().find(|(b, _)| b.is(t)) {
        return Ok(*d);
    }
    // NumPy gives every other Python type the object dtype (str and bytes their string dtypes).
    Err(PyNotImplementedError::new_err(format!(
        "numpypy does not support dtype({}) yet (NumPy's object and string dtypes)",
        t.name()?
    )))
}

#[pymethods]
impl PyDType {
    #[new]
    #[pyo3(signature = (obj, align = false, copy = false, metadata = None))]
    fn py_new(
        obj: &Bound<'_, PyAny>,
        align: bool,
        copy: bool,
        metadata: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyDType>> {
        let _ = align; // Builtin dtypes are always aligned.
        if copy || metadata.is_some() {
            return Err(PyNotImplementedError::new_err(
                "numpypy does not support dtype(copy=True) or dtype(metadata=...) yet",
            ));
        }
        Ok(dtype_object(obj.py(), dtype_from_py(obj)?)?.unbind())
    }

    #[getter]
    fn name(&self) -> &'static str {
        self.dt.name()
    }

    #[getter]
    fn char(&self) -> char {
        self.dt.char()
    }

    #[getter]
    fn kind(&self) -> char {
        self.dt.kind().char()
    }

    #[getter]
    fn num(&self) -> u8 {
        self.dt.type_num()
    }

    #[getter]
    fn itemsize(&self) -> usize {
        self.dt.itemsize()
    }

    #[getter]
    fn alignment(&self) -> usize {
        self.dt.alignment()
    }

    /// The array-interface type string, e.g. `'<f8'`, `'|b1'`.
    #[getter]
    fn str(&self) -> String {
        self.dt.typestr()
    }

    /// `'|'` for one-byte dtypes, `'='` (native) for the others.
    #[getter]
    fn byteorder(&self) -> &'static str {
        if self.dt.itemsize() == 1 {
            "|"
        } else {
            "="
        }
    }

    /// The scalar type, e.g. `numpypy.float64`.
    #[getter]
    fn r#type<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyType>> {
        registry::scalar_type(py, self.dt).cloned()
    }

    #[getter]
    fn descr<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, [("", self.dt.typestr())])
    }

    #[getter]
    fn base(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }

    #[getter]
    fn shape<'py>(&self, py: Python<'py>) -> Bound<'py, PyTuple> {
        PyTuple::empty(py)
    }

    #[getter]
    fn ndim(&self) -> usize {
        0
    }

    #[getter]
    fn isnative(&self) -> bool {
        true
    }

    #[getter]
    fn isbuiltin(&self) -> u8 {
        1
    }

    #[getter]
    fn isalignedstruct(&self) -> bool {
        false
    }

    #[getter]
    fn hasobject(&self) -> bool {
        false
    }

    #[getter]
    fn flags(&self) -> u8 {
        0
    }

    #[getter]
    fn fields(&self) -> Option<()> {
        None
    }

    #[getter]
    fn names(&self) -> Option<()> {
        None
    }

    #[getter]
    fn subdtype(&self) -> Option<()> {
        None
    }

    #[getter]
    fn metadata(&self) -> Option<()> {
        None
    }

    /// Native and `'|'` orders return the same dtype; numpypy has no byte-swapped dtypes.
    #[pyo3(signature = (new_order = "S"))]
    fn newbyteorder<'py>(slf: Bound<'py, Self>, new_order: &str) -> PyResult<Bound<'py, Self>> {
        let dt = slf.get().dt;
        match new_order {
            "=" | "|" | "<" | "L" | "l" | "N" | "n" | "I" | "i" => Ok(slf),
            "S" | "s" | ">" | "B" | "b" if dt.itemsize() == 1 => Ok(slf),
            _ => Err(PyNotImplementedError::new_err(format!(
                "numpypy does not support byte-swapped dtypes yet (newbyteorder('{new_order}') of {dt})"
            ))),
        }
    }

    fn __repr__(&self) -> String {
        format!("dtype('{}')", self.dt.name())
    }

    fn __str__(&self) -> &'static str {
        self.dt.name()
    }

    fn __hash__(&self) -> u64 {
        // Equal dtypes are the same singleton; any fixed per-dtype value keeps hash/eq consistent.
        0x9e37_79b9_7f4a_7c15u64.wrapping_mul(self.dt as u64 + 1) >> 2
    }

    fn __len__(&self) -> usize {
        0
    }

    fn __bool__(&self) -> bool {
        true
    }

    fn __richcmp__(&self, other: &Bound<'_, PyAny>, op: CompareOp) -> PyResult<Py<PyAny>> {
        let py = other.py();
        let Ok(o) = dtype_from_py(other) else {
            return Ok(match op {
                CompareOp::Eq => false.into_pyobject(py)?.to_owned().into_any().unbind(),
                CompareOp::Ne => true.into_pyobject(py)?.to_owned().into_any().unbind(),
                _ => py.NotImplemented(),
            });
        };
        let (a, b) = (self.dt, o);
        let safe = |x, y| can_cast(x, y, Casting::Safe);
        let r = match op {
            CompareOp::Eq => a == b,
            CompareOp::Ne => a != b,
            CompareOp::Le => safe(a, b),
            CompareOp::Lt => a != b && safe(a, b),
            CompareOp::Ge => safe(b, a),
            CompareOp::Gt => a != b && safe(b, a),
        };
        Ok(r.into_pyobject(py)?.to_owned().into_any().unbind())
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyType>, (&'static str,))> {
        Ok((py.get_type::<PyDType>(), (self.dt.name(),)))
    }
}
