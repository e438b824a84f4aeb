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

    #[pyo3(signature = (*args, out = None, r#where = None, dtype = None, casting = "same_kind", **kwargs))]
    #[allow(clippy::too_many_arguments)] // NumPy's keyword arguments
    fn __call__(
        &self,
        py: Python<'_>,
        args: &Bound<'_, PyTuple>,
        out: Option<&Bound<'_, PyAny>>,
        r#where: Option<&Bound<'_, PyAny>>,
        dtype: Option<&Bound<'_, PyAny>>,
        casting: &str,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        if let Some(k) = kwargs.filter(|k| !k.is_empty()) {
            let names: Vec<String> = k.keys().iter().map(|n| n.to_string()).collect();
            return Err(PyNotImplementedError::new_err(format!(
                "numpypy does not implement {}(..., {}=...) yet",
                self.ufunc.name,
                names.join("=..., ")
            )));
        }
        let where_all = match r#where {
            None => true,
            Some(w) => w.is_instance_of::<pyo3::types::PyBool>() && w.is_truthy()?,
        };
        if !where_all {
            return Err(PyNotImplementedError::new_err(format!(
                "numpypy does not implement {}(where=...) yet",
                self.ufunc.name
            )));
        }
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
        call_ufunc(py, self.ufunc.name, &args, out.as_ref(), dtype, casting)
    }

    #[pyo3(signature = (*_args, **_kwargs))]
    fn reduce(&self, _args: &Bound<'_, PyTuple>, _kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<()> {
        self.missing("reduce")
    }

    #[pyo3(signature = (*_args, **_kwargs))]
    fn accumulate(&self, _args: &Bound<'_, PyTuple>, _kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<()> {
        self.missing("accumulate")
    }

    #[pyo3(signature = (*_args, **_kwargs))]
    fn outer(&self, _args: &Bound<'_, PyTuple>, _kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<()> {
        self.missing("outer")
    }

    #[pyo3(signature = (*_args, **_kwargs))]
    fn at(&self, _args: &Bound<'_, PyTuple>, _kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<()> {
        self.missing("at")
    }
}

impl PyUfunc {
    fn missing(&self, method: &str) -> PyResult<()> {
        Err(PyNotImplementedError::new_err(format!(
            "numpypy does not implement {}.{method} yet",
            self.ufunc.name
        )))
    }
}

/// `out=`: an ndarray or a 1-tuple holding one.
fn out_array<'py>(out: Option<&Bound<'py, PyAny>>) -> PyResult<Option<Bound<'py, PyNdArray>>> {
    let Some(out) = out.filter(|o| !o.is_none()) else { return Ok(None) };
    let target = match out.cast::<PyTuple>() {
        Ok(t) if t.len() == 1 => t.get_item(0)?,
        _ => out.clone(),
    };
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
