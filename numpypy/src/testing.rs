//! Test support (compiled for `cargo test` only): an embedded interpreter with this crate's
//! module registered as `numpypy._core` and `numpypy/python/` on `sys.path`, so the whole
//! `numpypy` package runs in-process against the statically linked Rust code.

use std::sync::Once;

use pyo3::prelude::*;
use pyo3::types::PyList;

static SETUP: Once = Once::new();

/// Run `f` attached to the embedded interpreter, after importing `numpypy` once.
pub fn with_py<R>(f: impl FnOnce(Python<'_>) -> R) -> R {
    Python::initialize();
    SETUP.call_once(|| Python::attach(|py| register(py).expect("numpypy test interpreter")));
    Python::attach(f)
}

fn register(py: Python<'_>) -> PyResult<()> {
    let sys = py.import("sys")?;
    let core = pyo3::wrap_pymodule!(crate::_core)(py);
    sys.getattr("modules")?.set_item("numpypy._core", core)?;
    let path = sys.getattr("path")?.cast_into::<PyList>()?;
    path.insert(0, concat!(env!("CARGO_MANIFEST_DIR"), "/python"))?;
    py.import("numpypy")?;
    Ok(())
}
