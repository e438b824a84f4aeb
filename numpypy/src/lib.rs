//! numpypy's Python extension module, loaded as `numpypy._core` by the pure-Python package
//! `numpypy` (`numpypy/python/numpypy/`). It owns the Python boundary only: converting Python
//! values, mapping core errors to NumPy's exception classes (`errors`), and exposing dtypes,
//! scalars and arrays. Semantics live in the core crates (`dtypes`, `ufuncs`, `numrt`).

use pyo3::prelude::*;

pub mod errors;
#[cfg(test)]
mod testing;

#[pymodule]
pub fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
