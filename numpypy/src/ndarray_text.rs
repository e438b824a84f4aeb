//! Operators between an ndarray and a Python `str`/`bytes`: NumPy turns the text into a string
//! array, which numpypy does not support, and NumPy's answers need no string array: `==`/`!=`
//! compare unequal everywhere, any other ufunc has no loop (NumPy's UFuncTypeError text).

use dtypes::DType;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use crate::errors::_UFuncNoLoopError;
use crate::ndarray::PyNdArray;

/// NumPy's answer for `arr <op> text` (or reflected); `None` when `other` is not text.
pub fn text_operand(
    slf: &Bound<'_, PyNdArray>,
    other: &Bound<'_, PyAny>,
    name: &str,
    reflected: bool,
) -> PyResult<Option<Py<PyAny>>> {
    let py = slf.py();
    let text = if let Ok(s) = other.cast::<PyString>() {
        format!("<U{}", s.to_str()?.chars().count())
    } else if let Ok(b) = other.cast::<PyBytes>() {
        format!("S{}", b.as_bytes().len())
    } else {
        return Ok(None);
    };
    let arr = &slf.get().arr;
    if name == "equal" || name == "not_equal" {
        let shape: Vec<usize> = arr.shape();
        let value = dtypes::Scalar::Bool(name == "not_equal");
        let view = crate::errors::IntoPyResult::py(numrt::creation::full(&shape, value, DType::Bool))?;
        return Ok(Some(crate::convert::array_or_scalar(py, numrt::Array::from_view(view))?));
    }
    let comparison = matches!(name, "less" | "less_equal" | "greater" | "greater_equal");
    let (mine, theirs) = if comparison {
        (dtype_class(arr.dtype()), format!("<class 'numpy.dtypes.{}DType'>", if text.starts_with('S') { "Bytes" } else { "Str" }))
    } else {
        (format!("dtype('{}')", arr.dtype().name()), format!("dtype('{text}')"))
    };
    let (a, b) = if reflected { (theirs, mine) } else { (mine, theirs) };
    Err(_UFuncNoLoopError::new_err(format!(
        "ufunc '{name}' did not contain a loop with signature matching types ({a}, {b}) -> None"
    )))
}

/// NumPy's DType class text, `<class 'numpy.dtypes.Int64DType'>`.
fn dtype_class(d: DType) -> String {
    let name = d.name();
    let stem = if let Some(rest) = name.strip_prefix("uint") {
        format!("UInt{rest}")
    } else {
        let mut c = name.chars();
        c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
    };
    format!("<class 'numpy.dtypes.{stem}DType'>")
}
