//! Zero-copy interop: ndarray exports its memory through the buffer protocol (PEP 3118),
//! `__array_interface__` (version 3) and `__array__`, so `numpy.asarray(x)` shares memory with
//! `x`; and `_from_interface` / `_frombuffer` wrap memory owned by another object (a NumPy
//! array, bytes, a memoryview) as an external `numrt::Buffer` that keeps the exporter alive.
//!
//! Laziness: an export first claims the array (it becomes a materialised base) and, when the
//! export may be written, runs the write barrier (`prepare_write`: forces every pending reader
//! of the buffer and bumps its version). The hazard that remains: writes another library makes
//! later, behind numpypy's back, cannot force numpypy's pending readers. Today every numpypy
//! call forces its result before returning (see `ndarray.rs`), so no reader is pending across
//! Python statements and `b = x + 1; n = numpy.asarray(x); n[0] = 9; b` keeps b's old values.
//! A lazier policy must force expressions reading an exported (externally writable) buffer
//! immediately.

use std::ffi::{c_int, CStr};

use dtypes::DType;
use numrt::{Array, Buffer, View};
use pyo3::exceptions::{PyBufferError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

use crate::errors::IntoPyResult;
use crate::ndarray::PyNdArray;

/// PEP 3118 format of a dtype.
fn buffer_format(dt: DType) -> &'static CStr {
    match dt {
        DType::Bool => c"?",
        DType::Int8 => c"b",
        DType::UInt8 => c"B",
        DType::Int16 => c"h",
        DType::UInt16 => c"H",
        DType::Int32 => c"i",
        DType::UInt32 => c"I",
        DType::Int64 => c"l",
        DType::UInt64 => c"L",
        DType::Float16 => c"e",
        DType::Float32 => c"f",
        DType::Float64 => c"d",
        DType::Complex64 => c"Zf",
        DType::Complex128 => c"Zd",
    }
}

/// `__array_interface__` typestr of a dtype (little-endian host).
fn typestr(dt: DType) -> String {
    let (kind, order) = match dt {
        DType::Bool => ('b', '|'),
        d if d.is_complex() => ('c', '<'),
        d if d.is_float() => ('f', '<'),
        d if d.is_signed_integer() => ('i', '<'),
        _ => ('u', '<'),
    };
    let order = if dt.itemsize() == 1 { '|' } else { order };
    format!("{order}{kind}{}", dt.itemsize())
}

/// The dtype of a typestr, or NumPy-style errors for what numpypy cannot hold.
fn dtype_of_typestr(s: &str) -> PyResult<DType> {
    if s.starts_with('>') && !s.ends_with("b1") && !s.ends_with('1') {
        return Err(pyo3::exceptions::PyNotImplementedError::new_err(
            "numpypy does not implement big-endian data yet",
        ));
    }
    let body = s.trim_start_matches(['<', '>', '|', '=']);
    let dt = match body {
        "b1" => DType::Bool,
        "i1" => DType::Int8,
        "u1" => DType::UInt8,
        "i2" => DType::Int16,
        "u2" => DType::UInt16,
        "i4" => DType::Int32,
        "u4" => DType::UInt32,
        "i8" => DType::Int64,
        "u8" => DType::UInt64,
        "f2" => DType::Float16,
        "f4" => DType::Float32,
        "f8" => DType::Float64,
        "c8" => DType::Complex64,
        "c16" => DType::Complex128,
        _ => return Err(pyo3::exceptions::PyNotImplementedError::new_err(format!(
            "numpypy does not implement data type '{s}' yet"
        ))),
    };
    Ok(dt)
}

/// Claim the array for export; a writeable export runs the write barrier first.
fn export_view(arr: &Array) -> PyResult<View> {
    let v = crate::ndarray::force(arr).and_then(|_| arr.claim().py())?;
    if v.writeable() {
        numrt::graph::prepare_write(&v.buffer).py()?;
    }
    Ok(v)
}

/// Shape and strides kept alive for the lifetime of one `Py_buffer`.
struct Layout {
    shape: Vec<isize>,
    strides: Vec<isize>,
}

#[pymethods]
impl PyNdArray {
    unsafe fn __getbuffer__(slf: Bound<'_, Self>, view: *mut pyo3::ffi::Py_buffer, flags: c_int) -> PyResult<()> {
        use pyo3::ffi;
        let v = export_view(&slf.get().arr)?;
        if flags & ffi::PyBUF_WRITABLE == ffi::PyBUF_WRITABLE && !v.writeable() {
            return Err(PyBufferError::new_err("buffer source array is read-only"));
        }
        let strided = flags & ffi::PyBUF_STRIDES == ffi::PyBUF_STRIDES;
        let c_req = flags & ffi::PyBUF_C_CONTIGUOUS == ffi::PyBUF_C_CONTIGUOUS;
        let f_req = flags & ffi::PyBUF_F_CONTIGUOUS == ffi::PyBUF_F_CONTIGUOUS;
        let any_req = flags & ffi::PyBUF_ANY_CONTIGUOUS == ffi::PyBUF_ANY_CONTIGUOUS;
        if (c_req || !strided) && !v.flags.c_contiguous && !(any_req && v.flags.f_contiguous) {
            return Err(PyBufferError::new_err("ndarray is not C-contiguous"));
        }
        if f_req && !c_req && !any_req && !v.flags.f_contiguous {
            return Err(PyBufferError::new_err("ndarray is not Fortran contiguous"));
        }
        let layout = Box::new(Layout {
            shape: v.shape.iter().map(|&d| d as isize).collect(),
            strides: v.strides.clone(),
        });
        let b = &mut *view;
        b.buf = v.data_ptr() as *mut std::ffi::c_void;
        b.obj = slf.clone().into_any().into_ptr();
        b.len = (v.size() * v.dtype.itemsize()) as isize;
        b.readonly = c_int::from(!v.writeable());
        b.itemsize = v.dtype.itemsize() as isize;
        b.format = if flags & ffi::PyBUF_FORMAT != 0 { buffer_format(v.dtype).as_ptr() as *mut _ } else { std::ptr::null_mut() };
        b.ndim = v.ndim() as c_int;
        let nd = flags & ffi::PyBUF_ND == ffi::PyBUF_ND;
        b.shape = if nd { layout.shape.as_ptr() as *mut _ } else { std::ptr::null_mut() };
        b.strides = if strided { layout.strides.as_ptr() as *mut _ } else { std::ptr::null_mut() };
        b.suboffsets = std::ptr::null_mut();
        b.internal = Box::into_raw(layout) as *mut std::ffi::c_void;
        Ok(())
    }

    unsafe fn __releasebuffer__(&self, view: *mut pyo3::ffi::Py_buffer) {
        let b = &mut *view;
        if !b.internal.is_null() {
            drop(Box::from_raw(b.internal as *mut Layout));
            b.internal = std::ptr::null_mut();
        }
    }

    /// NumPy's array interface, version 3 (`strides` is None for C-contiguous arrays).
    #[getter]
    fn __array_interface__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let v = export_view(&self.arr)?;
        let d = PyDict::new(py);
        let ts = typestr(v.dtype);
        d.set_item("data", (v.data_ptr() as usize, !v.writeable()))?;
        d.set_item("typestr", &ts)?;
        d.set_item("descr", vec![("", ts.clone())])?;
        d.set_item("shape", PyTuple::new(py, &v.shape)?)?;
        if v.flags.c_contiguous {
            d.set_item("strides", py.None())?;
        } else {
            d.set_item("strides", PyTuple::new(py, &v.strides)?)?;
        }
        d.set_item("version", 3)?;
        Ok(d)
    }

    /// `numpy.asarray(x)` through the buffer protocol (shares memory); `dtype` casts and
    /// `copy=True` copies as NumPy's `__array__` contract asks.
    #[pyo3(signature = (dtype = None, copy = None))]
    fn __array__(slf: &Bound<'_, Self>, dtype: Option<&Bound<'_, PyAny>>, copy: Option<bool>) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        let np = py.import("numpy")?;
        let kw = PyDict::new(py);
        if let Some(d) = dtype.filter(|d| !d.is_none()) {
            kw.set_item("dtype", d)?;
        }
        kw.set_item("copy", copy)?;
        Ok(np.getattr("array")?.call((np.getattr("asarray")?.call1((memoryview_of(slf)?,))?,), Some(&kw))?.unbind())
    }

    /// `copy.copy(a)`: a new array (NumPy's `a.copy()`), as libraries such as matplotlib expect.
    fn __copy__(&self, py: Python<'_>) -> PyResult<Py<PyNdArray>> {
        Py::new(py, PyNdArray::new(self.arr.copy().py()?))
    }

    /// `copy.deepcopy(a)`: the same as `copy.copy` (elements are plain values).
    fn __deepcopy__(&self, py: Python<'_>, _memo: &Bound<'_, PyAny>) -> PyResult<Py<PyNdArray>> {
        self.__copy__(py)
    }

    fn __dlpack_device__(&self) -> (i32, i32) {
        (1, 0)
    }
}

/// A memoryview over the array (the buffer protocol export).
fn memoryview_of<'py>(slf: &Bound<'py, PyNdArray>) -> PyResult<Bound<'py, PyAny>> {
    slf.py().import("builtins")?.getattr("memoryview")?.call1((slf,))
}

/// The Python object that owns external memory (kept alive by the buffer; dropped with the GIL
/// or through pyo3's deferred reference pool).
struct Owner(#[allow(dead_code)] Py<PyAny>);

/// An array over memory described by `obj.__array_interface__` (version 3), sharing it.
#[pyfunction]
pub fn _from_interface(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<Py<PyNdArray>> {
    let iface = obj.getattr("__array_interface__")?;
    let d = iface.cast::<PyDict>().map_err(|_| PyTypeError::new_err("__array_interface__ is not a dict"))?;
    let get = |k: &str| -> PyResult<Bound<'_, PyAny>> {
        d.get_item(k)?.ok_or_else(|| PyValueError::new_err(format!("__array_interface__ has no '{k}'")))
    };
    let dt = dtype_of_typestr(&get("typestr")?.extract::<String>()?)?;
    if d.get_item("descr")?.is_some_and(|x| x.len().unwrap_or(1) > 1) {
        return Err(PyValueError::new_err("numpypy does not support structured data types"));
    }
    let shape: Vec<usize> = get("shape")?.extract()?;
    let (ptr, readonly): (usize, bool) = get("data")?.extract()?;
    let strides: Vec<isize> = match d.get_item("strides")? {
        Some(s) if !s.is_none() => s.extract()?,
        _ => numrt::view::c_strides(&shape, dt.itemsize()),
    };
    let offset = d.get_item("offset")?.map(|o| o.extract::<usize>()).transpose()?.unwrap_or(0);
    let owner = Box::new(Owner(obj.clone().unbind()));
    wrap_memory(py, owner, obj.clone().unbind(), ptr + offset, !readonly, dt, shape, strides)
}

/// Wrap `shape`/`strides` elements at `ptr` (owned by `owner`) as an ndarray whose `base` is
/// `base` (the exporting object, as NumPy records it).
#[allow(clippy::too_many_arguments)]
fn wrap_memory(
    py: Python<'_>,
    owner: Box<dyn std::any::Any + Send + Sync>,
    base: Py<PyAny>,
    ptr: usize,
    writeable: bool,
    dt: DType,
    shape: Vec<usize>,
    strides: Vec<isize>,
) -> PyResult<Py<PyNdArray>> {
    let (mut lo, mut hi) = (0isize, 0isize);
    if !shape.contains(&0) {
        for (&n, &s) in shape.iter().zip(&strides) {
            let span = (n as isize - 1) * s;
            if span < 0 { lo += span } else { hi += span }
        }
        hi += dt.itemsize() as isize;
    }
    let start = (ptr as isize + lo) as *mut u8;
    // SAFETY: the exporter promises `ptr` + the strided extent is valid while it lives; the
    // buffer holds a reference to it.
    let buffer: std::sync::Arc<Buffer> = unsafe {
        Buffer::external(start, (hi - lo) as usize, writeable, owner)
    };
    let view = View::new(buffer, (-lo) as usize, shape, strides, dt).py()?;
    Py::new(py, PyNdArray::with_base(Array::from_view(view), base))
}

/// `frombuffer(buffer, dtype, count, offset)`: a 1-d array over any buffer-protocol object.
#[pyfunction]
#[pyo3(signature = (buffer, dtype, count = -1, offset = 0))]
pub fn _frombuffer(py: Python<'_>, buffer: &Bound<'_, PyAny>, dtype: &Bound<'_, PyAny>, count: isize, offset: isize) -> PyResult<Py<PyNdArray>> {
    let dt = crate::dtype::dtype_from_py(dtype)?;
    let pb = pyo3::buffer::PyBuffer::<u8>::get(buffer)?;
    if !pb.is_c_contiguous() {
        return Err(PyValueError::new_err("ndarray is not C-contiguous"));
    }
    let len = pb.len_bytes() as isize;
    if offset < 0 || offset > len {
        return Err(PyValueError::new_err("offset must be non-negative and no greater than buffer length (".to_string() + &len.to_string() + ")"));
    }
    let avail = len - offset;
    let item = dt.itemsize() as isize;
    let n = if count < 0 {
        if avail % item != 0 {
            return Err(PyValueError::new_err("buffer size must be a multiple of element size"));
        }
        avail / item
    } else {
        if count * item > avail {
            return Err(PyValueError::new_err("buffer is smaller than requested size"));
        }
        count
    };
    let ptr = pb.buf_ptr() as usize + offset as usize;
    let writeable = !pb.readonly();
    // NumPy's base: a bytes object itself, a memoryview of anything else.
    let base = if buffer.is_instance_of::<pyo3::types::PyBytes>() {
        buffer.clone().unbind()
    } else {
        py.import("builtins")?.getattr("memoryview")?.call1((buffer,))?.unbind()
    };
    wrap_memory(py, Box::new(pb), base, ptr, writeable, dt, vec![n as usize], vec![item])
}
