//! numpypy's Python extension module, loaded as `numpypy._core` by the pure-Python package
//! `numpypy` (`numpypy/python/numpypy/`). It owns the Python boundary only: converting Python
//! values, mapping core errors to NumPy's exception classes (`errors`), reporting floating-point
//! flags under `errstate` (`fp`), and exposing dtypes, scalars, ndarray, ufunc objects and
//! creation functions. Semantics live in the core
//! crates (`dtypes`, `ufuncs`, `numrt`).
//!
//! Names starting with `_` are private hooks for the Python layer; the public ones are
//! re-exported by `numpypy/__init__.py`.

use pyo3::prelude::*;

pub mod convert;
pub mod creation;
pub mod dlpack;
pub mod dtype;
pub mod errors;
pub mod fp;
pub mod index_layout;
pub mod info;
pub mod interop;
pub mod jit_fn;
pub mod jit_host;
pub mod manip;
pub mod linalg;
pub mod ndarray;
pub mod ndarray_more;
pub mod ndarray_reduce;
pub mod ndarray_text;
pub mod registry;
pub mod scalar_api;
pub mod scalar_ops;
pub mod scalars;
pub mod sorting;
pub mod ufunc_methods;
pub mod ufunc_obj;
#[cfg(test)]
mod testing;

#[pymodule]
pub fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<dtype::PyDType>()?;
    m.add_function(wrap_pyfunction!(registry::_register_scalar_types, m)?)?;
    m.add_function(wrap_pyfunction!(fp::_register_errstate, m)?)?;
    m.add_function(wrap_pyfunction!(fp::_report_fp_flags, m)?)?;
    m.add_function(wrap_pyfunction!(scalar_ops::_scalar_binary, m)?)?;
    m.add_function(wrap_pyfunction!(scalar_ops::_scalar_unary, m)?)?;
    m.add_function(wrap_pyfunction!(scalar_ops::_scalar_divmod, m)?)?;
    m.add_function(wrap_pyfunction!(scalar_api::_scalar_from_python, m)?)?;
    m.add_function(wrap_pyfunction!(scalar_api::_scalar_astype, m)?)?;
    m.add_function(wrap_pyfunction!(scalar_api::_scalar_repr, m)?)?;
    m.add_function(wrap_pyfunction!(scalar_api::_scalar_str, m)?)?;
    m.add_function(wrap_pyfunction!(scalar_api::_scalar_item, m)?)?;
    m.add_function(wrap_pyfunction!(scalar_api::_scalar_dtype, m)?)?;
    m.add_function(wrap_pyfunction!(info::_float_facts, m)?)?;
    m.add_function(wrap_pyfunction!(info::_int_limits, m)?)?;
    m.add("_can_cast", wrap_pyfunction!(info::can_cast_dtypes, m)?)?;
    m.add("can_cast", wrap_pyfunction!(info::can_cast_dtypes, m)?)?;
    m.add("promote_types", wrap_pyfunction!(info::promote_types_py, m)?)?;
    m.add_class::<ndarray::PyNdArray>()?;
    m.add_class::<ufunc_obj::PyUfunc>()?;
    for f in [
        wrap_pyfunction!(creation::array, m)?,
        wrap_pyfunction!(creation::asarray, m)?,
        wrap_pyfunction!(creation::zeros, m)?,
        wrap_pyfunction!(creation::ones, m)?,
        wrap_pyfunction!(creation::empty, m)?,
        wrap_pyfunction!(creation::full, m)?,
        wrap_pyfunction!(creation::arange, m)?,
        wrap_pyfunction!(creation::linspace, m)?,
        wrap_pyfunction!(creation::eye, m)?,
        wrap_pyfunction!(creation::identity, m)?,
    ] {
        m.add_function(f)?;
    }
    for f in [wrap_pyfunction!(linalg::_matmul, m)?, wrap_pyfunction!(linalg::_det, m)?, wrap_pyfunction!(linalg::_solve, m)?, wrap_pyfunction!(linalg::_inv, m)?, wrap_pyfunction!(interop::_from_interface, m)?, wrap_pyfunction!(interop::_frombuffer, m)?, wrap_pyfunction!(dlpack::_from_dlpack_capsule, m)?] {
        m.add_function(f)?;
    }
    ufunc_obj::register(m)?;
    manip::register(m)?;
    sorting::register(m)?;
    jit_fn::register(m)?;
    m.add_function(wrap_pyfunction!(ufunc_methods::_select, m)?)?;
    m.add_function(wrap_pyfunction!(ufunc_methods::_call_quiet, m)?)?;
    m.add_function(wrap_pyfunction!(ufunc_methods::divmod_py, m)?)?;
    Ok(())
}
