//! ufunc methods and `where=`: `ufunc.identity`, `reduce`, `accumulate`, `outer`, `at`, and
//! ufunc calls with a `where=` mask (numrt's masked evaluation).
//!
//! The four methods parse NumPy's many arguments in Python (`numpypy._reductions`), which
//! dispatches reorderable reductions (`add`, `multiply`, `minimum`, ...) to numrt's fused
//! reductions and runs the others as a sequence of ufunc calls along the axis. `_select` is
//! numrt's `where(cond, a, b)` for that layer.

use numrt::{Array, ArrayOrScalar};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyTuple};

use crate::convert::{array_or_scalar, nested, operand};
use crate::errors::IntoPyResult;
use crate::ndarray::{force_reporting, PyNdArray};
use crate::ufunc_obj::PyUfunc;

#[pymethods]
impl PyUfunc {
    /// NumPy's `identity`: an int, a bool for the logical ufuncs, or None.
    #[getter]
    fn identity(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let u = self.table_entry();
        Ok(match u.identity {
            None => py.None(),
            Some(v) if u.name.starts_with("logical_") => PyBool::new(py, v != 0).to_owned().into_any().unbind(),
            Some(v) => v.into_pyobject(py)?.into_any().unbind(),
        })
    }

    #[pyo3(signature = (*args, **kwargs))]
    fn reduce(slf: &Bound<'_, Self>, args: &Bound<'_, PyTuple>, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Py<PyAny>> {
        forward(slf, "reduce", args, kwargs)
    }

    #[pyo3(signature = (*args, **kwargs))]
    fn accumulate(slf: &Bound<'_, Self>, args: &Bound<'_, PyTuple>, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Py<PyAny>> {
        forward(slf, "accumulate", args, kwargs)
    }

    #[pyo3(signature = (*args, **kwargs))]
    fn outer(slf: &Bound<'_, Self>, args: &Bound<'_, PyTuple>, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Py<PyAny>> {
        forward(slf, "outer", args, kwargs)
    }

    #[pyo3(signature = (*args, **kwargs))]
    fn at(slf: &Bound<'_, Self>, args: &Bound<'_, PyTuple>, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Py<PyAny>> {
        forward(slf, "at", args, kwargs)
    }
}

/// Call `numpypy._reductions.<method>(ufunc, *args, **kwargs)`.
fn forward(slf: &Bound<'_, PyUfunc>, func: &str, args: &Bound<'_, PyTuple>, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Py<PyAny>> {
    let py = slf.py();
    let f = py.import("numpypy._reductions")?.getattr(func)?;
    let mut all = vec![slf.clone().into_any()];
    all.extend(args.iter());
    Ok(f.call(PyTuple::new(py, all)?, kwargs)?.unbind())
}

/// A `where=` mask as an array: an ndarray must cast to bool safely; other objects are
/// converted to bool (`None` is False, as in NumPy).
fn mask_array(obj: &Bound<'_, PyAny>) -> PyResult<Array> {
    if let Ok(a) = obj.cast::<PyNdArray>() {
        let dt = a.get().arr.dtype();
        if !dtypes::can_cast(dt, dtypes::DType::Bool, dtypes::Casting::Safe) {
            return Err(PyTypeError::new_err(format!(
                "Cannot cast array data from dtype('{dt}') to dtype('bool') according to the rule 'safe'"
            )));
        }
        return Ok(Array::from_node(a.get().arr.node()));
    }
    let value = if obj.is_none() { numrt::Nested::Bool(false) } else { nested(obj)? };
    Ok(Array::from_view(numrt::from_nested(&value, Some(dtypes::DType::Bool)).py()?))
}

/// NumPy 2.4's UserWarning for `where=` without `out=`.
pub fn warn_uninitialised(py: Python<'_>) -> PyResult<()> {
    PyErr::warn(
        py,
        &py.get_type::<pyo3::exceptions::PyUserWarning>(),
        c"'where' used without 'out', expect unitialized memory in output. If this is intentional, use out=None.",
        1,
    )
}

/// `ufunc(*args, out=out, where=mask, ...)`: selected elements computed, the others kept from
/// `out` (without `out` numrt gives zeros where NumPy leaves memory uninitialised).
pub fn call_where(
    py: Python<'_>,
    name: &str,
    args: &[Bound<'_, PyAny>],
    out: Option<&Bound<'_, PyNdArray>>,
    mask: &Bound<'_, PyAny>,
    dtype: Option<dtypes::DType>,
    casting: dtypes::Casting,
) -> PyResult<Py<PyAny>> {
    let mask = mask_array(mask)?;
    let mut holders: Vec<Option<Array>> = (0..args.len()).map(|_| None).collect();
    let mut ops: Vec<ArrayOrScalar> = Vec::with_capacity(args.len());
    for (obj, holder) in args.iter().zip(holders.iter_mut()) {
        ops.push(operand(obj, holder)?);
    }
    check_out_writeable(out)?;
    let out_arr = out.map(|o| &o.get().arr);
    check_mask_shape(&ops, out_arr, &mask)?;
    let result = Array::ufunc(name, &ops, out_arr, Some(&mask), dtype, casting).py()?;
    let forced = py.detach(|| result.force());
    let diag = numrt::eval::diagnostics::take();
    forced.py()?;
    if diag.fp != 0 {
        // numrt evaluated every element: report only what the selected ones raise, as NumPy.
        let flags = selected_flags(&ops, &mask, &result.shape(), name, dtype, casting)?;
        crate::fp::report(py, ufuncs::FpFlags(flags), ufuncs::get(name).map_or(name, |u| u.name))?;
    }
    match out {
        Some(o) => Ok(o.clone().into_any().unbind()),
        None => array_or_scalar(py, result),
    }
}

/// NumPy's broadcast error when the mask does not fit the operands (inputs, out, where).
fn check_mask_shape(ops: &[ArrayOrScalar], out: Option<&Array>, mask: &Array) -> PyResult<()> {
    let mut shapes: Vec<Vec<usize>> = ops
        .iter()
        .map(|o| match o {
            ArrayOrScalar::Array(a) => a.shape(),
            _ => vec![],
        })
        .collect();
    shapes.extend(out.map(|o| o.shape()));
    shapes.push(mask.shape());
    let refs: Vec<&[usize]> = shapes.iter().map(|s| s.as_slice()).collect();
    if numrt::layout::broadcast_shapes(&refs).is_ok() {
        return Ok(());
    }
    let text: String = shapes.iter().map(|s| format!("{} ", shape_text(s))).collect();
    Err(PyValueError::new_err(format!(
        "operands could not be broadcast together with shapes {text}"
    )))
}

fn shape_text(shape: &[usize]) -> String {
    match shape {
        [n] => format!("({n},)"),
        _ => format!("({})", shape.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(",")),
    }
}

/// The flags the ufunc raises on the selected elements only.
fn selected_flags(
    ops: &[ArrayOrScalar],
    mask: &Array,
    shape: &[usize],
    name: &str,
    dtype: Option<dtypes::DType>,
    casting: dtypes::Casting,
) -> PyResult<u8> {
    let pick = mask.broadcast_to(shape).and_then(|m| m.force()).py()?;
    let picked: Vec<Option<Array>> = ops
        .iter()
        .map(|o| match o {
            ArrayOrScalar::Array(a) => a
                .broadcast_to(shape)
                .and_then(|b| b.getitem(&[numrt::IndexItem::BoolArray(pick.clone())]))
                .map(Some),
            _ => Ok(None),
        })
        .collect::<Result<_, _>>()
        .py()?;
    let sub: Vec<ArrayOrScalar> = ops
        .iter()
        .zip(&picked)
        .map(|(o, p)| p.as_ref().map_or(*o, ArrayOrScalar::Array))
        .collect();
    let r = Array::ufunc(name, &sub, None, None, dtype, casting).py()?;
    let _ = numrt::eval::diagnostics::take();
    r.force().py()?;
    Ok(numrt::eval::diagnostics::take().fp)
}

/// `_call_quiet(ufunc, args, out, where, casting)`: run a ufunc into `out` without reporting
/// its floating-point flags, and return them (the Python layer's loops report them once under
/// the method's name: "divide by zero encountered in reduce").
#[pyfunction]
#[pyo3(signature = (ufunc, args, out, r#where = None, casting = "same_kind"))]
pub fn _call_quiet(
    py: Python<'_>,
    ufunc: &Bound<'_, PyUfunc>,
    args: &Bound<'_, PyTuple>,
    out: &Bound<'_, PyNdArray>,
    r#where: Option<&Bound<'_, PyAny>>,
    casting: &str,
) -> PyResult<u8> {
    let name = ufunc.get().table_entry().name;
    check_out_writeable(Some(out))?;
    let casting = dtypes::Casting::from_name(casting).py()?;
    let mask = r#where.map(mask_array).transpose()?;
    let args: Vec<Bound<'_, PyAny>> = args.iter().collect();
    let mut holders: Vec<Option<Array>> = (0..args.len()).map(|_| None).collect();
    let mut ops: Vec<ArrayOrScalar> = Vec::with_capacity(args.len());
    for (obj, holder) in args.iter().zip(holders.iter_mut()) {
        ops.push(operand(obj, holder)?);
    }
    let result = Array::ufunc(name, &ops, Some(&out.get().arr), mask.as_ref(), None, casting).py()?;
    let forced = py.detach(|| result.force());
    let diag = numrt::eval::diagnostics::take();
    forced.py()?;
    Ok(diag.fp)
}

/// `_select(cond, a, b)`: numrt's `where(cond, a, b)` (always an array, never a scalar).
#[pyfunction]
pub fn _select(py: Python<'_>, cond: &Bound<'_, PyAny>, a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>) -> PyResult<Py<PyNdArray>> {
    let c = match cond.cast::<PyNdArray>() {
        Ok(a) => Array::from_node(a.get().arr.node()),
        Err(_) => mask_array(cond)?,
    };
    let (mut ha, mut hb) = (None, None);
    let result = Array::where_(&c, operand(a, &mut ha)?, operand(b, &mut hb)?).py()?;
    force_reporting(py, &result, "where")?;
    Py::new(py, PyNdArray::new(result))
}

/// Run the pending results `results` with the GIL released and report the union of their
/// flags under one name (NumPy's two-output `divmod` loop raises them once, "in divmod").
fn force_all(py: Python<'_>, results: &[Array], context: &str) -> PyResult<()> {
    let forced: Vec<_> = py.detach(|| results.iter().map(|r| r.force()).collect());
    let diag = numrt::eval::diagnostics::take();
    for f in forced {
        f.py()?;
    }
    crate::fp::report(py, ufuncs::FpFlags(diag.fp), context)
}

/// `np.divmod(x1, x2, out=(q, r))`: `(floor_divide, remainder)`, as NumPy's `divmod` ufunc.
pub fn divmod(
    py: Python<'_>,
    x1: &Bound<'_, PyAny>,
    x2: &Bound<'_, PyAny>,
    outs: [Option<&Bound<'_, PyNdArray>>; 2],
) -> PyResult<Py<PyAny>> {
    let (mut h1, mut h2) = (None, None);
    let ops = [operand(x1, &mut h1)?, operand(x2, &mut h2)?];
    let mut results = Vec::with_capacity(2);
    for out in outs {
        check_out_writeable(out)?;
    }
    for (name, out) in ["floor_divide", "remainder"].into_iter().zip(outs) {
        let out_arr = out.map(|o| &o.get().arr);
        let r = Array::ufunc(name, &ops, out_arr, None, None, dtypes::Casting::SameKind).py();
        results.push(r.map_err(|e| renamed_error(py, e, name))?);
    }
    force_all(py, &results, "divmod")?;
    let mut items = Vec::with_capacity(2);
    for (r, out) in results.into_iter().zip(outs) {
        items.push(match out {
            Some(o) => o.clone().into_any().unbind(),
            None => array_or_scalar(py, r)?,
        });
    }
    Ok(PyTuple::new(py, items)?.into_any().unbind())
}

/// `numpypy.divmod(x1, x2, /, out=None)` (a function: the table has no two-output ufuncs).
#[pyfunction(name = "divmod")]
#[pyo3(signature = (x1, x2, /, out = None))]
pub fn divmod_py(py: Python<'_>, x1: &Bound<'_, PyAny>, x2: &Bound<'_, PyAny>, out: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
    let outs: Vec<Option<Bound<'_, PyNdArray>>> = match out.filter(|o| !o.is_none()) {
        None => vec![None, None],
        Some(o) => {
            let t = o.cast::<PyTuple>().map_err(|_| {
                pyo3::exceptions::PyTypeError::new_err("'out' must be a tuple of arrays")
            })?;
            if t.len() != 2 {
                return Err(PyValueError::new_err(
                    "The 'out' tuple must have exactly one entry per ufunc output",
                ));
            }
            t.iter()
                .map(|x| if x.is_none() { Ok(None) } else { x.cast_into::<PyNdArray>().map(Some).map_err(|_| PyTypeError::new_err("return arrays must be of ArrayType")) })
                .collect::<PyResult<_>>()?
        }
    };
    divmod(py, x1, x2, [outs[0].as_ref(), outs[1].as_ref()])
}

/// NumPy's error for a read-only `out=` array (not the "assignment destination" text).
pub fn check_out_writeable(out: Option<&Bound<'_, PyNdArray>>) -> PyResult<()> {
    match out {
        Some(o) if !o.get().arr.claim().py()?.writeable() => Err(PyValueError::new_err("output array is read-only")),
        _ => Ok(()),
    }
}

/// The error of a ufunc run for `divmod`, naming `divmod` as NumPy's message does.
fn renamed_error(py: Python<'_>, e: PyErr, name: &str) -> PyErr {
    let text = e.value(py).to_string();
    let from = format!("ufunc '{name}'");
    if !text.contains(&from) {
        return e;
    }
    match e.get_type(py).call1((text.replace(&from, "ufunc 'divmod'"),)) {
        Ok(obj) => PyErr::from_value(obj),
        Err(_) => e,
    }
}
