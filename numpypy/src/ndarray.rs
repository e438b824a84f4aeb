//! `numpypy.ndarray`: the Python array type, one `numrt::Array` per object.
//!
//! Evaluation policy (for now): every ufunc call and reduction is forced before it returns, with
//! the GIL released, and the floating-point flags it raised are reported right then under the
//! active errstate with the ufunc's name ("divide by zero encountered in divide"). That is
//! NumPy's observable behaviour exactly. Keeping results lazy across Python calls needs numrt's
//! diagnostics to say which ufunc raised a flag and under which errstate; until then laziness
//! lives inside single calls.

use dtypes::DType;
use numrt::format::{array_repr, array_str, PrintOptions};
use numrt::{Array, View};
use pyo3::exceptions::{PyIndexError, PyRuntimeWarning, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};

use crate::convert::{array_or_scalar, dims, first, index_items, operand, to_list};
use crate::dtype::{dtype_from_py, dtype_object, PyDType};
use crate::errors::IntoPyResult;
use crate::fp;
use crate::scalars::{python_value, scalar_object};

#[pyclass(name = "ndarray", module = "numpypy", frozen, weakref, sequence)]
pub struct PyNdArray {
    pub arr: Array,
    /// NumPy's `base`: `None` when the array owns its memory; otherwise the object whose memory
    /// it views, collapsed as NumPy collapses it (the first owning ndarray, or the foreign
    /// exporter, up the chain of views).
    pub base: Option<Py<PyAny>>,
}

/// Force `a` with the GIL released, then report what the evaluation raised: `context` names the
/// operation in NumPy's "... encountered in <context>" messages.
pub fn force_reporting(py: Python<'_>, a: &Array, context: &str) -> PyResult<View> {
    let result = py.detach(|| a.force());
    let diag = numrt::eval::diagnostics::take();
    let view = result.py()?;
    for w in diag.warnings {
        PyErr::warn(py, &py.get_type::<PyRuntimeWarning>(), &std::ffi::CString::new(w)?, 1)?;
    }
    fp::report(py, ufuncs::FpFlags(diag.fp), context)?;
    Ok(view)
}

/// Force `a` (a value that raises no flags: a source, a copy, an index result).
pub fn force(a: &Array) -> PyResult<View> {
    Python::attach(|py| force_reporting(py, a, "cast"))
}

impl PyNdArray {
    /// An array that owns its memory (`base` is None).
    pub fn new(arr: Array) -> PyNdArray {
        PyNdArray { arr, base: None }
    }

    /// An array viewing memory owned by `base` (an ndarray that owns it, or a foreign object).
    pub fn with_base(arr: Array, base: Py<PyAny>) -> PyNdArray {
        PyNdArray { arr, base: Some(base) }
    }

    /// The materialised value.
    pub fn forced(&self) -> PyResult<View> {
        force(&self.arr)
    }

}

fn wrap(py: Python<'_>, a: Array) -> PyResult<Py<PyAny>> {
    Ok(Py::new(py, PyNdArray::new(a))?.into_any())
}

/// Wrap `result`, made from `parent` by an operation that may return a view: when it shares
/// `parent`'s memory its base is `parent`'s base, or `parent` itself when that owns its memory
/// (NumPy's collapsed chain); otherwise it owns its memory.
pub fn wrap_derived(parent: &Bound<'_, PyNdArray>, result: Array) -> PyResult<Py<PyAny>> {
    let py = parent.py();
    if !shares_buffer(parent, &result) {
        return wrap(py, result);
    }
    Ok(Py::new(py, PyNdArray::with_base(result, owner_of(parent)))?.into_any())
}

/// Whether `result` is a view of `parent`'s memory.
fn shares_buffer(parent: &Bound<'_, PyNdArray>, result: &Array) -> bool {
    match (parent.get().arr.base_view(), result.base_view()) {
        (Some(p), Some(r)) => std::sync::Arc::ptr_eq(&p.buffer, &r.buffer),
        _ => false,
    }
}

/// The object a view of `a` records as its base: `a`'s own base, or `a` when it owns its memory.
pub fn owner_of(a: &Bound<'_, PyNdArray>) -> Py<PyAny> {
    match &a.get().base {
        Some(b) => b.clone_ref(a.py()),
        None => a.clone().into_any().unbind(),
    }
}

/// Run ufunc `name` on Python operands (NotImplemented-free: operands that cannot be arrays
/// raise), forcing the result and reporting its flags.
pub fn call_ufunc(
    py: Python<'_>,
    name: &str,
    args: &[Bound<'_, PyAny>],
    out: Option<&Bound<'_, PyNdArray>>,
    dtype: Option<DType>,
    casting: dtypes::Casting,
) -> PyResult<Py<PyAny>> {
    let mut holders: Vec<Option<Array>> = (0..args.len()).map(|_| None).collect();
    let mut ops = Vec::with_capacity(args.len());
    for (obj, holder) in args.iter().zip(holders.iter_mut()) {
        ops.push(operand(obj, holder)?);
    }
    crate::ufunc_methods::check_out_writeable(out)?;
    let out_arr = out.map(|o| &o.get().arr);
    let result = Array::ufunc(name, &ops, out_arr, None, dtype, casting).py()?;
    force_reporting(py, &result, ufunc_display_name(name))?;
    match out {
        Some(o) => Ok(o.clone().into_any().unbind()),
        None => array_or_scalar(py, result),
    }
}

/// The name NumPy's messages use for a ufunc.
fn ufunc_display_name(name: &str) -> &str {
    ufuncs::get(name).map_or(name, |u| u.name)
}

fn binary(slf: &Bound<'_, PyNdArray>, other: &Bound<'_, PyAny>, name: &str, reflected: bool) -> PyResult<Py<PyAny>> {
    let py = slf.py();
    if let Some(result) = crate::ndarray_text::text_operand(slf, other, name, reflected)? {
        return Ok(result);
    }
    let me = slf.clone().into_any();
    let args = if reflected { [other.clone(), me] } else { [me, other.clone()] };
    match call_ufunc(py, name, &args, None, None, dtypes::Casting::SameKind) {
        Err(e) if e.is_instance_of::<PyTypeError>(py) && !is_numeric(other)? => Ok(py.NotImplemented()),
        r => r,
    }
}

fn is_numeric(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    Ok(obj.is_instance_of::<PyNdArray>()
        || crate::scalars::scalar_value(obj)?.is_some()
        || crate::convert::py_number(obj)?.is_some()
        || obj.is_instance_of::<PyList>()
        || obj.is_instance_of::<PyTuple>())
}

/// `a op= b`: the ufunc with `out=a` (Python then keeps `a`).
fn inplace(slf: &Bound<'_, PyNdArray>, other: &Bound<'_, PyAny>, name: &str) -> PyResult<()> {
    let args = [slf.clone().into_any(), other.clone()];
    call_ufunc(slf.py(), name, &args, Some(slf), None, dtypes::Casting::SameKind).map(drop)
}

fn unary(slf: &Bound<'_, PyNdArray>, name: &str) -> PyResult<Py<PyAny>> {
    call_ufunc(slf.py(), name, &[slf.clone().into_any()], None, None, dtypes::Casting::SameKind)
}

macro_rules! binary_ops {
    ($($op:ident, $rop:ident, $iop:ident => $name:literal;)*) => {
        #[pymethods]
        impl PyNdArray {
            $(
                fn $op(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
                    binary(slf, other, $name, false)
                }
                fn $rop(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
                    binary(slf, other, $name, true)
                }
                fn $iop(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<()> {
                    inplace(slf, other, $name)
                }
            )*
        }
    };
}

binary_ops! {
    __add__, __radd__, __iadd__ => "add";
    __sub__, __rsub__, __isub__ => "subtract";
    __mul__, __rmul__, __imul__ => "multiply";
    __truediv__, __rtruediv__, __itruediv__ => "divide";
    __floordiv__, __rfloordiv__, __ifloordiv__ => "floor_divide";
    __mod__, __rmod__, __imod__ => "remainder";
    __lshift__, __rlshift__, __ilshift__ => "left_shift";
    __rshift__, __rrshift__, __irshift__ => "right_shift";
    __and__, __rand__, __iand__ => "bitwise_and";
    __or__, __ror__, __ior__ => "bitwise_or";
    __xor__, __rxor__, __ixor__ => "bitwise_xor";
}

#[pymethods]
impl PyNdArray {
    #[getter]
    fn shape<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.arr.shape())
    }

    #[getter]
    fn dtype<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDType>> {
        dtype_object(py, self.arr.dtype())
    }

    #[getter]
    fn ndim(&self) -> usize {
        self.arr.ndim()
    }

    #[getter]
    fn size(&self) -> usize {
        self.arr.size()
    }

    #[getter]
    fn itemsize(&self) -> usize {
        self.arr.dtype().itemsize()
    }

    #[getter]
    fn nbytes(&self) -> usize {
        self.arr.size() * self.arr.dtype().itemsize()
    }

    #[getter]
    fn strides<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.arr.claim().py()?.strides)
    }

    #[getter(T)]
    fn t(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        wrap_derived(slf, slf.get().arr.transpose(None).py()?)
    }

    fn __repr__(&self) -> PyResult<String> {
        Ok(array_repr(&self.forced()?, &PrintOptions::default()))
    }

    fn __str__(&self) -> PyResult<String> {
        Ok(array_str(&self.forced()?, &PrintOptions::default()))
    }

    fn __len__(&self) -> PyResult<usize> {
        self.arr.shape().first().copied().ok_or_else(|| PyTypeError::new_err("len() of unsized object"))
    }

    fn __getitem__(slf: &Bound<'_, Self>, key: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let items = index_items(key)?;
        let has_ellipsis = items.iter().any(|i| matches!(i, numrt::IndexItem::Ellipsis));
        let result = slf.get().arr.getitem(&items).py()?;
        if result.ndim() == 0 && !has_ellipsis {
            return Ok(scalar_object(slf.py(), first(&force(&result)?)?)?.unbind());
        }
        if !shares_buffer(slf, &result) {
            return crate::index_layout::wrap_fancy(slf.py(), &items, slf.get().arr.ndim(), result);
        }
        wrap_derived(slf, result)
    }

    fn __setitem__(&self, key: &Bound<'_, PyAny>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let items = index_items(key)?;
        let mut holder = None;
        let v = operand(value, &mut holder)?;
        self.arr.setitem(&items, v).py()
    }

    fn __iter__(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        let n = slf.get().__len__().map_err(|_| PyTypeError::new_err("iteration over a 0-d array"))?;
        let items = (0..n)
            .map(|i| Self::__getitem__(slf, &i.into_pyobject(py)?.into_any()))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(PyList::new(py, items)?.into_any().try_iter()?.into_any().unbind())
    }

    fn __bool__(&self) -> PyResult<bool> {
        match self.arr.size() {
            1 => Ok(first(&self.forced()?)?.to_wide() != dtypes::Scalar::zero(self.arr.dtype()).to_wide()),
            0 => Err(PyValueError::new_err(
                "The truth value of an empty array is ambiguous. Use `array.size > 0` to check that an array is not empty.",
            )),
            _ => Err(PyValueError::new_err(
                "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()",
            )),
        }
    }

    fn __float__(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(self.only_element(py)?.call_method0("__float__")?.unbind())
    }

    fn __int__(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(self.only_element(py)?.call_method0("__int__")?.unbind())
    }

    fn __complex__(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(self.only_element(py)?.call_method0("__complex__")?.unbind())
    }

    fn __index__(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        if self.arr.ndim() != 0 || !self.arr.dtype().is_integer() {
            return Err(PyTypeError::new_err("only integer scalar arrays can be converted to a scalar index"));
        }
        Ok(python_value(py, first(&self.forced()?)?)?.unbind())
    }

    fn __neg__(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        unary(slf, "negative")
    }

    fn __pos__(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        unary(slf, "positive")
    }

    fn __abs__(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        unary(slf, "absolute")
    }

    fn __invert__(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        unary(slf, "invert")
    }

    fn __pow__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>, modulo: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
        if modulo.is_some_and(|m| !m.is_none()) {
            return Ok(slf.py().NotImplemented());
        }
        if let Some(name) = crate::ndarray_more::fast_power_ufunc(slf.get().arr.dtype(), other) {
            return unary(slf, name);
        }
        binary(slf, other, "power", false)
    }

    fn __rpow__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>, modulo: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
        if modulo.is_some_and(|m| !m.is_none()) {
            return Ok(slf.py().NotImplemented());
        }
        binary(slf, other, "power", true)
    }

    fn __ipow__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>, _modulo: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
        if let Some(name) = crate::ndarray_more::fast_power_ufunc(slf.get().arr.dtype(), other) {
            let me = [slf.clone().into_any()];
            return call_ufunc(slf.py(), name, &me, Some(slf), None, dtypes::Casting::SameKind).map(drop);
        }
        inplace(slf, other, "power")
    }

    fn __richcmp__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>, op: pyo3::basic::CompareOp) -> PyResult<Py<PyAny>> {
        use pyo3::basic::CompareOp::*;
        let name = match op {
            Lt => "less",
            Le => "less_equal",
            Eq => "equal",
            Ne => "not_equal",
            Gt => "greater",
            Ge => "greater_equal",
        };
        binary(slf, other, name, false)
    }

    /// `a.item(*args)`: the element as a Python number.
    #[pyo3(signature = (*args))]
    fn item(slf: &Bound<'_, Self>, args: &Bound<'_, PyTuple>) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        let v = slf.get().forced()?;
        let s = match args.len() {
            0 if v.size() == 1 => first(&v)?,
            0 => {
                return Err(PyValueError::new_err("can only convert an array of size 1 to a Python scalar"))
            }
            1 if !args.get_item(0)?.is_instance_of::<PyTuple>() => {
                let size = v.size() as i64;
                let i: i64 = crate::convert::axis_int(&args.get_item(0)?)? as i64;
                let flat = if i < 0 { i + size } else { i };
                if flat < 0 || flat >= size {
                    return Err(PyIndexError::new_err(format!("index {i} is out of bounds for size {size}")));
                }
                v.to_contiguous(v.dtype).py()?.to_scalars()[flat as usize]
            }
            _ => {
                let key = if args.len() == 1 { args.get_item(0)? } else { args.clone().into_any() };
                let s = Self::__getitem__(slf, &key)?;
                return Ok(s.bind(py).call_method0("item")?.unbind());
            }
        };
        Ok(python_value(py, s)?.unbind())
    }

    fn tolist(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(to_list(py, &self.forced()?)?.unbind())
    }

    #[pyo3(signature = (dtype, order = "K", casting = "unsafe", subok = true, copy = true))]
    fn astype(slf: &Bound<'_, Self>, dtype: &Bound<'_, PyAny>, order: &str, casting: &str, subok: bool, copy: bool) -> PyResult<Py<PyAny>> {
        let _ = subok;
        let py = slf.py();
        let me = slf.get();
        let to = dtype_from_py(dtype)?;
        let casting = dtypes::Casting::from_name(casting).py()?;
        dtypes::check_cast(me.arr.dtype(), to, casting).py()?;
        if !copy && to == me.arr.dtype() && keeps_layout(&me.arr, order)? {
            return Ok(slf.clone().into_any().unbind());
        }
        if me.arr.dtype().is_complex() && !to.is_complex() {
            PyErr::warn(
                py,
                &py.get_type::<crate::scalar_api::ComplexWarning>(),
                c"Casting complex values to real discards the imaginary part",
                1,
            )?;
        }
        let result = copy_in_order(&me.arr, to, order)?;
        force_reporting(py, &result, "cast")?;
        wrap(py, result)
    }

    #[pyo3(signature = (order = "C"))]
    fn copy(&self, py: Python<'_>, order: &str) -> PyResult<Py<PyAny>> {
        let result = copy_in_order(&self.arr, self.arr.dtype(), order)?;
        force_reporting(py, &result, "cast")?;
        wrap(py, result)
    }

    fn fill(&self, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let mut holder = None;
        let v = operand(value, &mut holder)?;
        self.arr.fill(v).py()
    }

    #[pyo3(signature = (*shape, order = "C", copy = None))]
    fn reshape(slf: &Bound<'_, Self>, shape: &Bound<'_, PyTuple>, order: &str, copy: Option<bool>) -> PyResult<Py<PyAny>> {
        if copy.is_some() {
            return Err(pyo3::exceptions::PyNotImplementedError::new_err("numpypy does not implement reshape(copy=...) yet"));
        }
        let dims: Vec<i64> = if shape.len() == 1 { dims(&shape.get_item(0)?)? } else { dims(shape.as_any())? };
        let dims: Vec<isize> = dims.iter().map(|&d| d as isize).collect();
        let arr = &slf.get().arr;
        if fortran_order(arr, order)? {
            // Fortran order: reverse the axes, reshape in C order to the reversed shape, reverse back.
            let rev: Vec<isize> = dims.iter().rev().copied().collect();
            let t = match arr.transpose(None).py()?.reshape(&rev) {
                Ok(t) => t,
                // NumPy's error names the shape as given: ask the C-order reshape for it.
                Err(e) => return Err(arr.reshape(&dims).err().unwrap_or(e)).py(),
            };
            return wrap_derived(slf, t.transpose(None).py()?);
        }
        let result = arr.reshape(&dims).py()?;
        reshaped(slf, result)
    }

    #[pyo3(signature = (order = "C"))]
    fn ravel(slf: &Bound<'_, Self>, order: &str) -> PyResult<Py<PyAny>> {
        if order != "C" {
            let ravel = slf.py().import("numpypy._manip")?.getattr("ravel")?;
            return Ok(ravel.call1((slf, order))?.unbind());
        }
        wrap_derived(slf, slf.get().arr.reshape(&[-1]).py()?)
    }

    #[pyo3(signature = (order = "C"))]
    fn flatten(&self, py: Python<'_>, order: &str) -> PyResult<Py<PyAny>> {
        if order == "K" {
            return wrap(py, flatten_in_memory_order(&self.arr)?);
        }
        let fortran = fortran_order(&self.arr, order)?;
        let copy = copy_in_order(&self.arr, self.arr.dtype(), if fortran { "F" } else { "C" })?;
        force(&copy)?;
        let flat = if fortran { copy.transpose(None).py()?.reshape(&[-1]).py()? } else { copy.reshape(&[-1]).py()? };
        wrap(py, flat)
    }

    #[pyo3(signature = (*axes))]
    fn transpose(slf: &Bound<'_, Self>, axes: &Bound<'_, PyTuple>) -> PyResult<Py<PyAny>> {
        let axes: Option<Vec<isize>> = match axes.len() {
            0 => None,
            1 if axes.get_item(0)?.is_none() => None,
            1 => Some(dims(&axes.get_item(0)?)?.iter().map(|&a| a as isize).collect()),
            _ => Some(dims(axes.as_any())?.iter().map(|&a| a as isize).collect()),
        };
        wrap_derived(slf, slf.get().arr.transpose(axes.as_deref()).py()?)
    }
}

/// A new array with `a`'s values as `dtype`, laid out in NumPy's `order` ('C', 'F', 'A' — F
/// when `a` is Fortran- but not C-contiguous — or 'K', `a`'s own memory order).
fn copy_in_order(a: &Array, dtype: DType, order: &str) -> PyResult<Array> {
    let shape = a.shape();
    let c = numrt::view::c_strides(&shape, dtype.itemsize());
    let strides = match order {
        "K" => return a.astype(dtype).py(),
        "C" => c,
        "F" | "A" if order == "F" || is_f_only(a)? => f_strides(&shape, dtype.itemsize()),
        "A" => c,
        other => return Err(PyValueError::new_err(format!("order must be one of 'C', 'F', 'A', or 'K' (got '{other}')"))),
    };
    let node = numrt::graph::Node::copy_laid_out(&a.node(), dtype, &strides).py()?;
    Ok(Array::from_node(node))
}

/// NumPy's `flatten('K')`: the elements in the order they lie in memory — a copy in `a`'s own
/// memory order (positive strides), read with its axes sorted by decreasing stride.
fn flatten_in_memory_order(a: &Array) -> PyResult<Array> {
    let copy = copy_in_order(a, a.dtype(), "K")?;
    let v = force(&copy)?;
    let mut axes: Vec<isize> = (0..v.ndim() as isize).collect();
    axes.sort_by_key(|&k| std::cmp::Reverse(v.strides[k as usize]));
    copy.transpose(Some(&axes)).py()?.reshape(&[-1]).py()
}

/// Fortran-order byte strides for `shape`.
fn f_strides(shape: &[usize], itemsize: usize) -> Vec<isize> {
    let rev: Vec<usize> = shape.iter().rev().copied().collect();
    numrt::view::c_strides(&rev, itemsize).into_iter().rev().collect()
}

/// Whether `a` is laid out Fortran-contiguous but not C-contiguous (NumPy's 'A' picks F then).
fn is_f_only(a: &Array) -> PyResult<bool> {
    let v = force(a)?;
    Ok(v.flags.f_contiguous && !v.flags.c_contiguous)
}

/// Whether an index order ('C', 'F', 'A') means Fortran order for `a`.
fn fortran_order(a: &Array, order: &str) -> PyResult<bool> {
    match order {
        "C" => Ok(false),
        "F" => Ok(true),
        "A" => is_f_only(a),
        _ => Err(PyValueError::new_err("order must be one of 'C', 'F', 'A'")),
    }
}

/// Whether `astype(copy=False)` may return `a` itself for `order`.
fn keeps_layout(a: &Array, order: &str) -> PyResult<bool> {
    let v = force(a)?;
    Ok(match order {
        "C" => v.flags.c_contiguous,
        "F" => v.flags.f_contiguous,
        "A" => v.flags.c_contiguous || v.flags.f_contiguous,
        _ => true,
    })
}

/// `a.reshape(...)`'s result: a view of `a`, or — when the layout needs a copy — NumPy's
/// shape: a view of a new C-ordered copy of `a`, whose base is that copy.
fn reshaped(parent: &Bound<'_, PyNdArray>, result: Array) -> PyResult<Py<PyAny>> {
    let py = parent.py();
    let (Some(p), Some(r)) = (parent.get().arr.base_view(), result.base_view()) else {
        return wrap_derived(parent, result);
    };
    if std::sync::Arc::ptr_eq(&p.buffer, &r.buffer) || r.offset != 0 {
        return wrap_derived(parent, result);
    }
    let strides = numrt::view::c_strides(&p.shape, p.dtype.itemsize());
    let copy = View::new(r.buffer.clone(), 0, p.shape.clone(), strides, p.dtype).py()?;
    let owner = Py::new(py, PyNdArray::new(Array::from_view(copy)))?.into_any();
    Ok(Py::new(py, PyNdArray::with_base(result, owner))?.into_any())
}

impl PyNdArray {
    /// The only element, as a numpypy scalar (NumPy's rules for `float(a)`, `int(a)`).
    fn only_element<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        if self.arr.ndim() != 0 {
            return Err(PyTypeError::new_err("only 0-dimensional arrays can be converted to Python scalars"));
        }
        scalar_object(py, first(&self.forced()?)?)
    }
}
