//! `numpypy.ufunc`: one object per ufunc of the table (`numpypy.add`, `numpypy.sqrt`, ...),
//! callable as NumPy's with `out=`, `dtype=` and `casting=`.

use pyo3::exceptions::{PyNotImplementedError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

use crate::dtype::dtype_from_py;
use crate::errors::IntoPyResult;
use crate::ndarray::{call_ufunc, PyNdArray};

#[pyclass(name = "ufunc", module = "numpypy", frozen)]
pub struct PyUfunc {
    ufunc: &'static ufuncs::Ufunc,
}

impl PyUfunc {
    pub fn new(ufunc: &'static ufuncs::Ufunc) -> PyUfunc {
        PyUfunc { ufunc }
    }
}

#[pymethods]
impl PyUfunc {
    #[getter]
    fn __name__(&self) -> &'static str {
        self.ufunc.name
    }

    #[getter]
    fn nin(&self) -> usize {
        self.ufunc.nin
    }

    #[getter]
    fn nout(&self) -> usize {
        self.ufunc.nout
    }

    #[getter]
    fn nargs(&self) -> usize {
        self.ufunc.nin + self.ufunc.nout
    }

    #[getter]
    fn types(&self) -> Vec<String> {
        self.ufunc.loops.iter().map(|l| l.signature()).collect()
    }

    #[getter]
    fn ntypes(&self) -> usize {
        self.ufunc.loops.len()
    }

    fn __repr__(&self) -> String {
        format!("<ufunc '{}'>", self.ufunc.name)
    }

    #[pyo3(signature = (*args, dtype = None, casting = "same_kind", **kwargs))]
    #[allow(clippy::too_many_arguments)] // NumPy's keyword arguments
    fn __call__(
        &self,
        py: Python<'_>,
        args: &Bound<'_, PyTuple>,
        dtype: Option<&Bound<'_, PyAny>>,
        casting: &str,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        // `out=` is taken from kwargs: NumPy tells `out=None` from no `out` (the where= warning).
        // So is `where=`: `where=None` is a mask of False.
        let out_given = kwargs.map(|k| k.get_item("out")).transpose()?.flatten();
        let where_given = kwargs.map(|k| k.get_item("where")).transpose()?.flatten();
        if let Some(k) = kwargs {
            let _ = k.del_item("out");
            let _ = k.del_item("where");
        }
        let r#where = where_given.as_ref();
        let out = out_given.as_ref();
        if let Some(k) = kwargs.filter(|k| !k.is_empty()) {
            let names: Vec<String> = k.keys().iter().map(|n| n.to_string()).collect();
            return Err(PyNotImplementedError::new_err(format!(
                "numpypy does not implement {}(..., {}=...) yet",
                self.ufunc.name,
                names.join("=..., ")
            )));
        }
        let mask = r#where.filter(|w| !(w.is_instance_of::<pyo3::types::PyBool>() && w.is_truthy().unwrap_or(false)));
        let args: Vec<Bound<'_, PyAny>> = args.iter().collect();
        if args.len() != self.ufunc.nin {
            let verb = if args.len() == 1 { "was" } else { "were" };
            return Err(PyTypeError::new_err(format!(
                "{}() takes from {} to {} positional arguments but {} {verb} given",
                self.ufunc.name,
                self.ufunc.nin,
                self.ufunc.nin + self.ufunc.nout,
                args.len()
            )));
        }
        let out = out_array(out)?;
        let dtype = dtype.filter(|d| !d.is_none()).map(dtype_from_py).transpose()?;
        let casting = dtypes::Casting::from_name(casting).py()?;
        match mask {
            Some(m) => {
                if out_given.is_none() {
                    crate::ufunc_methods::warn_uninitialised(py)?;
                }
                crate::ufunc_methods::call_where(py, self.ufunc.name, &args, out.as_ref(), m, dtype, casting)
            }
            None => call_ufunc(py, self.ufunc.name, &args, out.as_ref(), dtype, casting),
        }
    }
}

impl PyUfunc {
    /// The ufunc's entry in the table.
    pub fn table_entry(&self) -> &'static ufuncs::Ufunc {
        self.ufunc
    }
}

/// `out=`: an ndarray or a 1-tuple holding one.
fn out_array<'py>(out: Option<&Bound<'py, PyAny>>) -> PyResult<Option<Bound<'py, PyNdArray>>> {
    let Some(out) = out.filter(|o| !o.is_none()) else { return Ok(None) };
    let target = match out.cast::<PyTuple>() {
        Ok(t) if t.len() == 1 => t.get_item(0)?,
        Ok(_) => {
            return Err(pyo3::exceptions::PyValueError::new_err(
                "The 'out' tuple must have exactly one entry per ufunc output",
            ))
        }
        _ => out.clone(),
    };
    if target.is_none() {
        return Ok(None);
    }
    Ok(Some(target.cast_into::<PyNdArray>().map_err(|_| {
        PyTypeError::new_err("return arrays must be of ArrayType")
    })?))
}

/// Add one `ufunc` object per ufunc of the table (and NumPy's aliases) to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    for u in ufuncs::all() {
        m.add(u.name, Py::new(m.py(), PyUfunc::new(u))?)?;
    }
    for (alias, target) in [("true_divide", "divide"), ("mod", "remainder"), ("abs", "absolute"), ("conj", "conjugate"), ("bitwise_not", "invert")] {
        if let Some(u) = ufuncs::get(target) {
            m.add(alias, Py::new(m.py(), PyUfunc::new(u))?)?;
        }
    }
    Ok(())
}
