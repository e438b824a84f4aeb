//! Python objects into numrt's inputs: nested data for `np.array` (`Nested`), ufunc operands
//! (`ArrayOrScalar`), index tuples (`IndexItem`), shapes and axes; and numrt results back into
//! Python (`ndarray`, numpypy scalars, nested lists).

use dtypes::Scalar;
use numrt::index::IndexItem;
use numrt::{Array, ArrayOrScalar, Axes, Nested, PyScalar, View};
use pyo3::exceptions::{PyIndexError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyComplex, PyEllipsis, PyFloat, PyInt, PyList, PySlice, PyTuple};

use crate::ndarray::PyNdArray;
use crate::scalars::{python_value, scalar_object, scalar_value, too_large_int};

/// A Python int as i128 (NumPy's OverflowError text beyond that).
fn py_int(obj: &Bound<'_, PyAny>) -> PyResult<i128> {
    obj.extract::<i128>().map_err(|_| too_large_int())
}

/// A Python bool/int/float/complex; `None` for anything else.
pub fn py_number(obj: &Bound<'_, PyAny>) -> PyResult<Option<PyScalar>> {
    Ok(Some(if let Ok(b) = obj.cast::<PyBool>() {
        PyScalar::Bool(b.is_true())
    } else if obj.is_instance_of::<PyInt>() {
        PyScalar::Int(py_int(obj)?)
    } else if let Ok(f) = obj.cast::<PyFloat>() {
        PyScalar::Float(f.value())
    } else if let Ok(c) = obj.cast::<PyComplex>() {
        PyScalar::Complex(c.real(), c.imag())
    } else {
        return Ok(None);
    }))
}

/// `np.array`'s input: nested lists/tuples of numbers, numpypy scalars and arrays.
pub fn nested(obj: &Bound<'_, PyAny>) -> PyResult<Nested> {
    if let Ok(a) = obj.cast::<PyNdArray>() {
        return Ok(Nested::Array(a.get().forced()?));
    }
    if let Some(s) = scalar_value(obj)? {
        return Ok(Nested::Scalar(s));
    }
    if let Some(n) = py_number(obj)? {
        return Ok(match n {
            PyScalar::Bool(b) => Nested::Bool(b),
            PyScalar::Int(v) => Nested::Int(v),
            PyScalar::Float(x) => Nested::Float(x),
            PyScalar::Complex(re, im) => Nested::Complex(re, im),
        });
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let items = obj.try_iter()?.map(|it| nested(&it?)).collect::<PyResult<Vec<_>>>()?;
        return Ok(Nested::List(items));
    }
    Err(PyTypeError::new_err(format!(
        "numpypy cannot make an array from an object of type {} (object arrays are not supported)",
        obj.get_type().name()?
    )))
}

/// A ufunc operand: an ndarray, a numpypy scalar (strong), a Python number (weak); other
/// objects (lists) become arrays first, kept alive by `holder`.
pub fn operand<'a>(obj: &'a Bound<'_, PyAny>, holder: &'a mut Option<Array>) -> PyResult<ArrayOrScalar<'a>> {
    if let Ok(a) = obj.cast::<PyNdArray>() {
        return Ok(ArrayOrScalar::Array(&a.get().arr));
    }
    if let Some(s) = scalar_value(obj)? {
        return Ok(ArrayOrScalar::Scalar(s));
    }
    if let Some(n) = py_number(obj)? {
        return Ok(match n {
            PyScalar::Bool(b) => ArrayOrScalar::PyBool(b),
            PyScalar::Int(v) => ArrayOrScalar::PyInt(v),
            PyScalar::Float(x) => ArrayOrScalar::PyFloat(x),
            PyScalar::Complex(re, im) => ArrayOrScalar::PyComplex(re, im),
        });
    }
    let view = crate::errors::IntoPyResult::py(numrt::from_nested(&nested(obj)?, None))?;
    Ok(ArrayOrScalar::Array(holder.insert(Array::from_view(view))))
}

/// One index item of `a[...]`.
fn index_item(obj: &Bound<'_, PyAny>) -> PyResult<IndexItem> {
    if obj.is_none() {
        return Ok(IndexItem::NewAxis);
    }
    if obj.is_instance_of::<PyEllipsis>() {
        return Ok(IndexItem::Ellipsis);
    }
    if let Ok(s) = obj.cast::<PySlice>() {
        let part = |name: &str| -> PyResult<Option<i64>> {
            let v = s.getattr(name)?;
            if v.is_none() {
                Ok(None)
            } else {
                Ok(Some(v.call_method0("__index__")?.extract::<i64>().map_err(|_| {
                    PyIndexError::new_err("slice indices out of range for numpypy (beyond int64)")
                })?))
            }
        };
        return Ok(IndexItem::Slice { start: part("start")?, stop: part("stop")?, step: part("step")? });
    }
    if !obj.is_instance_of::<PyBool>() {
        if let Ok(i) = obj.call_method0("__index__") {
            return Ok(IndexItem::Int(i.extract::<i64>().map_err(|_| {
                PyIndexError::new_err("cannot fit 'int' into an index-sized integer")
            })?));
        }
    }
    let (view, is_array) = match obj.cast::<PyNdArray>() {
        Ok(a) => (a.get().forced()?, true),
        Err(_) => match nested(obj).and_then(|n| crate::errors::IntoPyResult::py(numrt::from_nested(&n, None))) {
            Ok(v) => (v, false),
            Err(_) => return Err(invalid_index()),
        },
    };
    if view.dtype.is_bool() {
        Ok(IndexItem::BoolArray(view))
    } else if view.dtype.is_integer() || view.size() == 0 {
        Ok(IndexItem::IntArray(view))
    } else if is_array {
        Err(PyIndexError::new_err("arrays used as indices must be of integer (or boolean) type"))
    } else {
        Err(invalid_index())
    }
}

fn invalid_index() -> PyErr {
    PyIndexError::new_err(
        "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or \
         boolean arrays are valid indices",
    )
}

/// The items of `a[key]`: a tuple is several items, anything else one.
pub fn index_items(key: &Bound<'_, PyAny>) -> PyResult<Vec<IndexItem>> {
    match key.cast::<PyTuple>() {
        Ok(t) => t.iter().map(|k| index_item(&k)).collect(),
        Err(_) => Ok(vec![index_item(key)?]),
    }
}

/// A shape argument: an int or a sequence of ints (negative entries kept for reshape's -1).
pub fn dims(obj: &Bound<'_, PyAny>) -> PyResult<Vec<i64>> {
    if let Ok(i) = obj.call_method0("__index__") {
        return Ok(vec![i.extract()?]);
    }
    obj.try_iter()
        .map_err(|_| PyTypeError::new_err(format!("'{}' object cannot be interpreted as an integer", obj.get_type().name().map(|n| n.to_string()).unwrap_or_default())))?
        .map(|d| d?.call_method0("__index__")?.extract::<i64>())
        .collect()
}

/// `axis=`: None, an int, or a tuple of ints.
pub fn axes(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Axes> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else { return Ok(Axes::All) };
    if let Ok(t) = obj.cast::<PyTuple>() {
        return Ok(Axes::Many(t.iter().map(|a| axis_int(&a)).collect::<PyResult<_>>()?));
    }
    Ok(Axes::One(axis_int(obj)?))
}

/// One axis number.
pub fn axis_int(obj: &Bound<'_, PyAny>) -> PyResult<isize> {
    obj.call_method0("__index__")
        .and_then(|i| i.extract::<isize>())
        .map_err(|_| PyTypeError::new_err(format!("'{}' object cannot be interpreted as an integer", obj.get_type().name().map(|n| n.to_string()).unwrap_or_default())))
}

/// A numrt result as NumPy returns it: a 0-d result of a ufunc or reduction becomes a scalar.
pub fn array_or_scalar(py: Python<'_>, a: Array) -> PyResult<Py<PyAny>> {
    if a.ndim() == 0 {
        let v = crate::ndarray::force(&a)?;
        return Ok(scalar_object(py, first(&v)?)?.unbind());
    }
    Ok(Py::new(py, PyNdArray::new(a))?.into_any())
}

/// The single element of a 0-d or size-1 view.
pub fn first(v: &View) -> PyResult<Scalar> {
    v.to_scalars().first().copied().ok_or_else(|| PyValueError::new_err("empty array has no element"))
}

/// `tolist()`: nested Python lists of Python numbers.
pub fn to_list<'py>(py: Python<'py>, v: &View) -> PyResult<Bound<'py, PyAny>> {
    let values = v.to_scalars();
    let mut pos = 0;
    build_list(py, &v.shape, &values, &mut pos)
}

fn build_list<'py>(py: Python<'py>, shape: &[usize], values: &[Scalar], pos: &mut usize) -> PyResult<Bound<'py, PyAny>> {
    let Some((&n, rest)) = shape.split_first() else {
        let s = values.get(*pos).copied().ok_or_else(|| PyValueError::new_err("tolist: too few values"))?;
        *pos += 1;
        return python_value(py, s);
    };
    let items = (0..n).map(|_| build_list(py, rest, values, pos)).collect::<PyResult<Vec<_>>>()?;
    Ok(PyList::new(py, items)?.into_any())
}
