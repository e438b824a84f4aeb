//! The Python scalar types (`numpypy.float64`, ...), defined in `numpypy/_scalars.py` and
//! registered here once at import, so that Rust can map a Python type to its `DType` and build
//! scalar objects of a `DType`.
//!
//! The scalar classes are Python classes because NumPy's hierarchy needs multiple inheritance
//! (`float64` is both `numpy.floating` and `float`), which pyo3 classes cannot express.

use dtypes::DType;
use pyo3::exceptions::{PyRuntimeError, PyTypeError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyTuple, PyType};

/// The registered classes: one concrete class per dtype (in `DType::ALL` order) and NumPy's
/// abstract classes (generic, number, integer, ...), each with the TypeError text NumPy gives
/// when it is used as a dtype.
struct Registry {
    concrete: Vec<Py<PyType>>,
    abstract_types: Vec<(Py<PyType>, String)>,
}

static REGISTRY: PyOnceLock<Registry> = PyOnceLock::new();

/// `_core._register_scalar_types(concrete, abstract)`: `concrete` is a tuple of the 14 classes
/// in NumPy's type-number order, `abstract` a tuple of `(class, error message)` pairs.
#[pyfunction]
pub fn _register_scalar_types(
    py: Python<'_>,
    concrete: &Bound<'_, PyTuple>,
    abstract_types: &Bound<'_, PyTuple>,
) -> PyResult<()> {
    if concrete.len() != DType::ALL.len() {
        return Err(PyTypeError::new_err("expected one scalar type per dtype"));
    }
    let concrete = concrete.iter().map(|t| Ok(t.cast_into::<PyType>()?.unbind())).collect::<PyResult<_>>()?;
    let abstract_types = abstract_types
        .iter()
        .map(|pair| {
            let (t, msg): (Bound<'_, PyType>, String) = pair.extract()?;
            Ok((t.unbind(), msg))
        })
        .collect::<PyResult<_>>()?;
    REGISTRY
        .set(py, Registry { concrete, abstract_types })
        .map_err(|_| PyRuntimeError::new_err("numpypy scalar types are already registered"))
}

fn registry(py: Python<'_>) -> PyResult<&Registry> {
    REGISTRY
        .get(py)
        .ok_or_else(|| PyRuntimeError::new_err("numpypy scalar types are not registered yet"))
}

/// The scalar class of `dtype` (`numpypy.float64` for Float64).
pub fn scalar_type(py: Python<'_>, dtype: DType) -> PyResult<&Bound<'_, PyType>> {
    Ok(registry(py)?.concrete[dtype as usize].bind(py))
}

/// The dtype of a numpypy scalar class or of a subclass of one; `None` for any other type.
pub fn dtype_of_type(ty: &Bound<'_, PyType>) -> PyResult<Option<DType>> {
    let reg = registry(ty.py())?;
    if let Some(i) = reg.concrete.iter().position(|t| t.is(ty)) {
        return Ok(Some(DType::ALL[i]));
    }
    for (i, t) in reg.concrete.iter().enumerate() {
        if ty.is_subclass(t.bind(ty.py()))? {
            return Ok(Some(DType::ALL[i]));
        }
    }
    Ok(None)
}

/// The dtype of a numpypy scalar object, `None` for anything else (Python scalars included).
pub fn dtype_of_scalar(obj: &Bound<'_, PyAny>) -> PyResult<Option<DType>> {
    let reg = registry(obj.py())?;
    let ty = obj.get_type();
    if let Some(i) = reg.concrete.iter().position(|t| t.is(&ty)) {
        return Ok(Some(DType::ALL[i]));
    }
    if !ty.is_subclass(reg.abstract_types[0].0.bind(obj.py()))? {
        return Ok(None);
    }
    dtype_of_type(&ty)
}

/// NumPy's TypeError text when an abstract scalar class is used as a dtype; `None` if `ty` is
/// not one of NumPy's abstract classes.
pub fn abstract_type_error(ty: &Bound<'_, PyType>) -> PyResult<Option<String>> {
    let reg = registry(ty.py())?;
    Ok(reg.abstract_types.iter().find(|(t, _)| t.is(ty)).map(|(_, msg)| msg.clone()))
}
