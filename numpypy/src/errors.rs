//! The Python boundary of every core error: each variant of `numrt::NumrtError`,
//! `dtypes::DTypeError` and `ufuncs::UfuncError` becomes the exception class NumPy raises in the
//! same situation. One match per enum, one arm per variant, no catch-all: a new variant does not
//! compile until it is mapped here.
//!
//! `AxisError` and `DTypePromotionError` are `numpypy.exceptions`' classes (pure Python, as in
//! NumPy); the ufunc TypeError subclasses are `numpypy._exceptions`' (NumPy's
//! `numpy._core._exceptions`).

use dtypes::DTypeError;
use numrt::NumrtError;
use pyo3::exceptions::{
    PyIndexError, PyMemoryError, PyNotImplementedError, PyOverflowError, PyRuntimeError,
    PyTypeError, PyValueError, PyZeroDivisionError,
};
use pyo3::PyErr;
use ufuncs::UfuncError;

pyo3::import_exception!(numpypy.exceptions, AxisError);
pyo3::import_exception!(numpypy.exceptions, DTypePromotionError);
pyo3::import_exception!(numpypy._exceptions, _UFuncNoLoopError);
pyo3::import_exception!(numpypy._exceptions, _UFuncInputCastingError);
pyo3::import_exception!(numpypy._exceptions, _UFuncOutputCastingError);
pyo3::import_exception!(numpypy._exceptions, _ArrayMemoryError);

/// The Python exception NumPy raises for a runtime error.
pub fn numrt_err(e: NumrtError) -> PyErr {
    let msg = e.to_string();
    match e {
        NumrtError::Broadcast { .. } => PyValueError::new_err(msg),
        NumrtError::BroadcastTo { .. } => PyValueError::new_err(msg),
        NumrtError::Reshape { .. } => PyValueError::new_err(msg),
        NumrtError::Value(_) => PyValueError::new_err(msg),
        NumrtError::Axis { axis, ndim } => AxisError::new_err((axis, ndim)),
        NumrtError::AxisArg { arg, axis, ndim } => AxisError::new_err((axis, ndim, arg)),
        NumrtError::IndexOutOfBounds { .. } => PyIndexError::new_err(msg),
        NumrtError::Index(_) => PyIndexError::new_err(msg),
        NumrtError::Type(_) => PyTypeError::new_err(msg),
        NumrtError::Overflow(_) => PyOverflowError::new_err(msg),
        NumrtError::ZeroDivision(_) => PyZeroDivisionError::new_err(msg),
        NumrtError::Memory { .. } => PyMemoryError::new_err(msg),
        NumrtError::ArrayMemory { .. } => _ArrayMemoryError::new_err(msg),
        NumrtError::ReadOnly => PyValueError::new_err(msg),
        NumrtError::NotImplemented(_) => PyNotImplementedError::new_err(msg),
        NumrtError::DType(e) => dtype_err(e),
        NumrtError::Ufunc(e) => ufunc_err(e),
        NumrtError::Internal(_) => PyRuntimeError::new_err(msg),
    }
}

/// The Python exception NumPy raises for a dtype lookup, promotion or casting error.
pub fn dtype_err(e: DTypeError) -> PyErr {
    let msg = e.to_string();
    match e {
        DTypeError::Unknown(_) => PyTypeError::new_err(msg),
        DTypeError::Unsupported(_) => PyNotImplementedError::new_err(msg),
        DTypeError::NoCommonType(..) => DTypePromotionError::new_err(msg),
        DTypeError::PyIntOutOfBounds { .. } => PyOverflowError::new_err(msg),
        DTypeError::PyIntTooLarge { .. } => PyOverflowError::new_err(msg),
        DTypeError::CannotCast { .. } => PyTypeError::new_err(msg),
        DTypeError::InvalidCasting(_) => PyValueError::new_err(msg),
        DTypeError::NoOperands => PyValueError::new_err(msg),
    }
}

/// The Python exception NumPy raises for a ufunc resolution or loop error.
pub fn ufunc_err(e: UfuncError) -> PyErr {
    let msg = e.to_string();
    match e {
        UfuncError::NoLoop { .. } => PyTypeError::new_err(msg),
        UfuncError::NoLoopForTypes { .. } => _UFuncNoLoopError::new_err(msg),
        UfuncError::NoLoopForSignature { .. } => PyTypeError::new_err(msg),
        UfuncError::InputCasting { .. } => _UFuncInputCastingError::new_err(msg),
        UfuncError::OutputCasting { .. } => _UFuncOutputCastingError::new_err(msg),
        UfuncError::PyScalarEquiv { .. } => PyTypeError::new_err(msg),
        UfuncError::BooleanSubtract => PyTypeError::new_err(msg),
        UfuncError::BooleanNegative => PyTypeError::new_err(msg),
        UfuncError::WrongArity { .. } => PyTypeError::new_err(msg),
        UfuncError::NegativeIntegerPower => PyValueError::new_err(msg),
        UfuncError::DType(e) => dtype_err(e),
        UfuncError::NotImplemented(_) => PyNotImplementedError::new_err(msg),
    }
}

/// `result.py()?`: a core `Result` as a `PyResult`, through the mappings above.
pub trait IntoPyResult<T> {
    fn py(self) -> pyo3::PyResult<T>;
}

impl<T> IntoPyResult<T> for Result<T, NumrtError> {
    fn py(self) -> pyo3::PyResult<T> {
        self.map_err(numrt_err)
    }
}

impl<T> IntoPyResult<T> for Result<T, DTypeError> {
    fn py(self) -> pyo3::PyResult<T> {
        self.map_err(dtype_err)
    }
}

impl<T> IntoPyResult<T> for Result<T, UfuncError> {
    fn py(self) -> pyo3::PyResult<T> {
        self.map_err(ufunc_err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::with_py;
    use dtypes::DType;
    use pyo3::prelude::*;

    fn class_chain(py: Python<'_>, e: PyErr) -> (String, String) {
        let ty = e.get_type(py);
        let mro: Vec<String> = ty
            .mro()
            .iter()
            .map(|t| t.getattr("__qualname__").unwrap().extract::<String>().unwrap())
            .collect();
        (mro.join(","), e.value(py).str().unwrap().to_string())
    }

    #[test]
    fn axis_errors_are_value_and_index_errors() {
        with_py(|py| {
            let (mro, text) = class_chain(py, numrt_err(NumrtError::Axis { axis: -3, ndim: 2 }));
            assert_eq!(mro, "AxisError,ValueError,IndexError,LookupError,Exception,BaseException,object");
            assert_eq!(text, "axis -3 is out of bounds for array of dimension 2");
            let e = NumrtError::AxisArg { arg: "source", axis: 4, ndim: 1 };
            let (_, text) = class_chain(py, numrt_err(e));
            assert_eq!(text, "source: axis 4 is out of bounds for array of dimension 1");
        });
    }

    #[test]
    fn nested_errors_use_their_own_mapping() {
        with_py(|py| {
            let e = NumrtError::Ufunc(UfuncError::DType(DTypeError::PyIntOutOfBounds {
                value: 300,
                dtype: DType::UInt8,
            }));
            let (mro, text) = class_chain(py, numrt_err(e));
            assert!(mro.starts_with("OverflowError,"), "{mro}");
            assert_eq!(text, "Python integer 300 out of bounds for uint8");
            let e = NumrtError::DType(DTypeError::NoCommonType(DType::Bool, DType::Int8));
            let (mro, _) = class_chain(py, numrt_err(e));
            assert!(mro.starts_with("DTypePromotionError,TypeError,"), "{mro}");
            let e = UfuncError::NoLoopForSignature { ufunc: "add" };
            assert!(class_chain(py, ufunc_err(e)).0.starts_with("TypeError,"));
            let e = UfuncError::OutputCasting {
                ufunc: "add",
                index: None,
                from: DType::Float64,
                to: DType::Int64,
                casting: dtypes::Casting::SameKind,
            };
            let (mro, _) = class_chain(py, ufunc_err(e));
            assert!(mro.starts_with("_UFuncOutputCastingError,_UFuncCastingError,UFuncTypeError,TypeError"), "{mro}");
        });
    }

    #[test]
    fn runtime_variants_map_to_numpy_classes() {
        with_py(|py| {
            let cases = [
                (NumrtError::ReadOnly, "ValueError"),
                (NumrtError::Memory { bytes: 1 }, "MemoryError"),
                (NumrtError::ZeroDivision("Maximum allowed size exceeded".into()), "ZeroDivisionError"),
                (NumrtError::IndexOutOfBounds { index: 5, axis: 0, size: 3 }, "IndexError"),
                (NumrtError::NotImplemented("x".into()), "NotImplementedError"),
                (NumrtError::Internal("x".into()), "RuntimeError"),
            ];
            for (e, class) in cases {
                let (mro, _) = class_chain(py, numrt_err(e));
                assert!(mro.starts_with(&format!("{class},")), "{mro}");
            }
        });
    }
}
