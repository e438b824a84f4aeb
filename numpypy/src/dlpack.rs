//! DLPack: `ndarray.__dlpack__` exports a CPU tensor capsule (versioned `dltensor_versioned`
//! when the consumer passes `max_version >= (1, 0)`, else the legacy `dltensor`), so
//! `numpy.from_dlpack(x)` is a zero-copy view; `_from_dlpack_capsule` consumes another
//! library's capsule (NumPy's `n.__dlpack__()`) as an external buffer whose drop calls the
//! producer's deleter. Exports claim the array and run the write barrier like every export
//! (see `interop.rs`).

use std::ffi::{c_char, c_void, CStr};

use dtypes::DType;
use numrt::{Array, Buffer, View};
use pyo3::exceptions::{PyBufferError, PyTypeError};
use pyo3::prelude::*;

use crate::errors::IntoPyResult;
use crate::ndarray::PyNdArray;

#[repr(C)]
#[derive(Clone, Copy)]
struct DLDevice {
    device_type: i32,
    device_id: i32,
}

#[repr(C)]
#[derive(Clone, Copy)]
struct DLDataType {
    code: u8,
    bits: u8,
    lanes: u16,
}

#[repr(C)]
struct DLTensor {
    data: *mut c_void,
    device: DLDevice,
    ndim: i32,
    dtype: DLDataType,
    shape: *mut i64,
    strides: *mut i64,
    byte_offset: u64,
}

#[repr(C)]
struct DLManagedTensor {
    dl_tensor: DLTensor,
    manager_ctx: *mut c_void,
    deleter: Option<unsafe extern "C" fn(*mut DLManagedTensor)>,
}

#[repr(C)]
struct DLManagedTensorVersioned {
    version: [u32; 2],
    manager_ctx: *mut c_void,
    deleter: Option<unsafe extern "C" fn(*mut DLManagedTensorVersioned)>,
    flags: u64,
    dl_tensor: DLTensor,
}

const READ_ONLY: u64 = 1;
const VERSIONED: &CStr = c"dltensor_versioned";
const LEGACY: &CStr = c"dltensor";

/// What an exported tensor keeps alive: its shape, strides and the ndarray.
struct Ctx {
    shape: Vec<i64>,
    strides: Vec<i64>,
    _owner: Py<PyAny>,
}

fn dl_dtype(dt: DType) -> DLDataType {
    let code = match dt {
        DType::Bool => 6,
        d if d.is_complex() => 5,
        d if d.is_float() => 2,
        d if d.is_signed_integer() => 0,
        _ => 1,
    };
    DLDataType { code, bits: (dt.itemsize() * 8) as u8, lanes: 1 }
}

fn dtype_of_dl(t: DLDataType) -> PyResult<DType> {
    let dt = match (t.code, t.bits) {
        (6, 8) => DType::Bool,
        (0, 8) => DType::Int8,
        (0, 16) => DType::Int16,
        (0, 32) => DType::Int32,
        (0, 64) => DType::Int64,
        (1, 8) => DType::UInt8,
        (1, 16) => DType::UInt16,
        (1, 32) => DType::UInt32,
        (1, 64) => DType::UInt64,
        (2, 16) => DType::Float16,
        (2, 32) => DType::Float32,
        (2, 64) => DType::Float64,
        (5, 64) => DType::Complex64,
        (5, 128) => DType::Complex128,
        _ => return Err(PyBufferError::new_err("DLPack data type is unsupported by numpypy")),
    };
    if t.lanes != 1 {
        return Err(PyBufferError::new_err("DLPack data type with lanes != 1 is unsupported"));
    }
    Ok(dt)
}

unsafe extern "C" fn delete_versioned(m: *mut DLManagedTensorVersioned) {
    Python::attach(|_| {
        let m = Box::from_raw(m);
        drop(Box::from_raw(m.manager_ctx as *mut Ctx));
    });
}

unsafe extern "C" fn delete_legacy(m: *mut DLManagedTensor) {
    Python::attach(|_| {
        let m = Box::from_raw(m);
        drop(Box::from_raw(m.manager_ctx as *mut Ctx));
    });
}

/// Capsule destructor: a capsule nobody consumed (still named as produced) frees its tensor.
unsafe extern "C" fn capsule_destructor(capsule: *mut pyo3::ffi::PyObject) {
    use pyo3::ffi;
    if ffi::PyCapsule_IsValid(capsule, VERSIONED.as_ptr()) == 1 {
        let m = ffi::PyCapsule_GetPointer(capsule, VERSIONED.as_ptr()) as *mut DLManagedTensorVersioned;
        if let Some(d) = (*m).deleter {
            d(m);
        }
    } else if ffi::PyCapsule_IsValid(capsule, LEGACY.as_ptr()) == 1 {
        let m = ffi::PyCapsule_GetPointer(capsule, LEGACY.as_ptr()) as *mut DLManagedTensor;
        if let Some(d) = (*m).deleter {
            d(m);
        }
    }
}

fn tensor(v: &View, ctx: &mut Ctx) -> DLTensor {
    DLTensor {
        data: v.data_ptr() as *mut c_void,
        device: DLDevice { device_type: 1, device_id: 0 },
        ndim: v.ndim() as i32,
        dtype: dl_dtype(v.dtype),
        shape: ctx.shape.as_mut_ptr(),
        strides: ctx.strides.as_mut_ptr(),
        byte_offset: 0,
    }
}

#[pymethods]
impl PyNdArray {
    #[pyo3(signature = (*, stream = None, max_version = None, dl_device = None, copy = None))]
    fn __dlpack__(
        slf: &Bound<'_, Self>,
        stream: Option<&Bound<'_, PyAny>>,
        max_version: Option<(u32, u32)>,
        dl_device: Option<(i32, i32)>,
        copy: Option<bool>,
    ) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        if stream.is_some_and(|s| !s.is_none()) {
            return Err(PyBufferError::new_err("stream must be None for CPU arrays"));
        }
        if dl_device.is_some_and(|d| d != (1, 0)) {
            return Err(PyBufferError::new_err("numpypy arrays can only be exported to the CPU (1, 0)"));
        }
        let owner: Py<PyAny> = if copy == Some(true) {
            Py::new(py, PyNdArray::new(slf.get().arr.copy().py()?))?.into_any()
        } else {
            slf.clone().into_any().unbind()
        };
        let arr = &owner.bind(py).cast::<PyNdArray>()?.get().arr;
        let v = crate::ndarray::force(arr).and_then(|_| arr.claim().py())?;
        if v.writeable() {
            numrt::graph::prepare_write(&v.buffer).py()?;
        }
        let item = v.dtype.itemsize() as isize;
        let ctx = Box::into_raw(Box::new(Ctx {
            shape: v.shape.iter().map(|&d| d as i64).collect(),
            strides: v.strides.iter().map(|&s| (s / item) as i64).collect(),
            _owner: owner.clone_ref(py),
        }));
        let versioned = max_version.is_some_and(|(major, _)| major >= 1);
        // SAFETY: ctx is a fresh box; the capsule owns the managed tensor until consumed.
        unsafe {
            let (ptr, name) = if versioned {
                let m = Box::new(DLManagedTensorVersioned {
                    version: [1, 0],
                    manager_ctx: ctx as *mut c_void,
                    deleter: Some(delete_versioned),
                    flags: if v.writeable() { 0 } else { READ_ONLY } | if copy == Some(true) { 2 } else { 0 },
                    dl_tensor: tensor(&v, &mut *ctx),
                });
                (Box::into_raw(m) as *mut c_void, VERSIONED)
            } else {
                if !v.writeable() {
                    drop(Box::from_raw(ctx));
                    return Err(PyBufferError::new_err(
                        "Cannot export readonly array since signalling readonly is unsupported by DLPack (supported by newer DLPack version).",
                    ));
                }
                let m = Box::new(DLManagedTensor {
                    dl_tensor: tensor(&v, &mut *ctx),
                    manager_ctx: ctx as *mut c_void,
                    deleter: Some(delete_legacy),
                });
                (Box::into_raw(m) as *mut c_void, LEGACY)
            };
            let cap = pyo3::ffi::PyCapsule_New(ptr, name.as_ptr(), Some(capsule_destructor));
            Bound::from_owned_ptr_or_err(py, cap).map(Bound::unbind)
        }
    }
}

/// A consumed foreign tensor: dropping it calls the producer's deleter.
struct Consumed {
    managed: *mut c_void,
    versioned: bool,
}

// SAFETY: DLPack deleters may be called from any thread (producers take their own locks/GIL).
unsafe impl Send for Consumed {}
unsafe impl Sync for Consumed {}

impl Drop for Consumed {
    fn drop(&mut self) {
        // SAFETY: `managed` came from a capsule we renamed to "used_*"; we own it now.
        unsafe {
            if self.versioned {
                let m = self.managed as *mut DLManagedTensorVersioned;
                if let Some(d) = (*m).deleter {
                    d(m);
                }
            } else {
                let m = self.managed as *mut DLManagedTensor;
                if let Some(d) = (*m).deleter {
                    d(m);
                }
            }
        }
    }
}

/// An ndarray over the tensor of a DLPack capsule (CPU only), sharing its memory.
#[pyfunction]
pub fn _from_dlpack_capsule(py: Python<'_>, capsule: &Bound<'_, PyAny>) -> PyResult<Py<PyNdArray>> {
    use pyo3::ffi;
    let cap = capsule.as_ptr();
    // SAFETY: capsule pointers are checked by name before use.
    unsafe {
        let versioned = ffi::PyCapsule_IsValid(cap, VERSIONED.as_ptr()) == 1;
        if !versioned && ffi::PyCapsule_IsValid(cap, LEGACY.as_ptr()) != 1 {
            return Err(PyTypeError::new_err("from_dlpack: expected a 'dltensor' capsule"));
        }
        let name: &CStr = if versioned { VERSIONED } else { LEGACY };
        let managed = ffi::PyCapsule_GetPointer(cap, name.as_ptr());
        let (t, readonly) = if versioned {
            let m = &*(managed as *const DLManagedTensorVersioned);
            if m.version[0] > 1 {
                return Err(PyBufferError::new_err("from_dlpack: DLPack major version is too new"));
            }
            (&m.dl_tensor, m.flags & READ_ONLY != 0)
        } else {
            (&(*(managed as *const DLManagedTensor)).dl_tensor, false)
        };
        if t.device.device_type != 1 {
            return Err(PyBufferError::new_err("numpypy only supports CPU (device type 1) DLPack arrays"));
        }
        let dt = dtype_of_dl(t.dtype)?;
        let nd = t.ndim as usize;
        let shape: Vec<usize> = (0..nd).map(|k| *t.shape.add(k) as usize).collect();
        let item = dt.itemsize() as isize;
        let strides: Vec<isize> = if t.strides.is_null() {
            numrt::view::c_strides(&shape, dt.itemsize())
        } else {
            (0..nd).map(|k| *t.strides.add(k) as isize * item).collect()
        };
        let data = (t.data as *mut u8).add(t.byte_offset as usize);
        let used: &CStr = if versioned { c"used_dltensor_versioned" } else { c"used_dltensor" };
        if ffi::PyCapsule_SetName(cap, used.as_ptr() as *const c_char) != 0 {
            return Err(PyErr::fetch(py));
        }
        let owner = Box::new(Consumed { managed, versioned });
        let (lo, hi) = extent(&shape, &strides, dt.itemsize());
        let buffer = Buffer::external(data.offset(lo), (hi - lo) as usize, !readonly, owner);
        let view = View::new(buffer, (-lo) as usize, shape, strides, dt).py()?;
        // NumPy's base of a DLPack import is a capsule: the consumed one.
        Py::new(py, PyNdArray::with_base(Array::from_view(view), capsule.clone().unbind()))
    }
}

/// Byte extent [lo, hi) of a strided array relative to its first element.
fn extent(shape: &[usize], strides: &[isize], itemsize: usize) -> (isize, isize) {
    if shape.contains(&0) {
        return (0, 0);
    }
    let (mut lo, mut hi) = (0isize, itemsize as isize);
    for (&n, &s) in shape.iter().zip(strides) {
        let span = (n as isize - 1) * s;
        if span < 0 { lo += span } else { hi += span }
    }
    (lo, hi)
}
