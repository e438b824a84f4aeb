//! numpypy's data types: the `DType` enum, element types and NumPy scalars, NumPy 2 promotion
//! (NEP 50: Python scalars are weak), casting rules (`can_cast`) and value casts.
//!
//! All promotion and casting logic of the project lives here; other crates ask, never decide.
//! This crate knows nothing about arrays, ufuncs or Python.

mod casting;
mod dtype;
mod element;
pub mod promote;
mod scalar;
mod spelling;

pub use dtype::{DType, FloatInfo, Kind};
pub use element::{c128, c64, cast_strided, Element, Wide};
pub use half::f16;
pub use promote::{
    can_cast, check_cast, promote_types, result_type, weak_int_fits, Casting, Operand,
};
pub use scalar::{Scalar, ScalarElement};

/// Errors of dtype lookup, promotion and casting. Each variant maps to one NumPy exception class
/// at the Python boundary (noted per variant).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DTypeError {
    /// TypeError: `data type 'x' not understood`.
    #[error("data type '{0}' not understood")]
    Unknown(String),
    /// NotImplementedError: a dtype NumPy has but numpypy does not support yet.
    #[error("numpypy does not support {0} yet")]
    Unsupported(String),
    /// TypeError (NumPy's DTypePromotionError): no common dtype.
    #[error("The DType {0} could not be promoted by {1}.")]
    NoCommonType(DType, DType),
    /// OverflowError: a weak Python integer that does not fit the dtype it must become.
    #[error("Python integer {value} out of bounds for {dtype}")]
    PyIntOutOfBounds { value: i128, dtype: DType },
    /// OverflowError: a weak Python integer outside the C long (or unsigned long) range NumPy
    /// converts it through before checking the dtype's bounds.
    #[error("Python int too large to convert to C long")]
    PyIntTooLarge { value: i128 },
    /// TypeError: a cast not allowed under the requested casting rule (`astype`'s wording).
    #[error(
        "Cannot cast array data from dtype('{from}') to dtype('{to}') according to the rule \
         '{casting}'"
    )]
    CannotCast { from: DType, to: DType, casting: &'static str },
    /// ValueError: an unknown `casting=` spelling.
    #[error("casting must be one of 'no', 'equiv', 'safe', 'same_kind', 'unsafe' (got '{0}')")]
    InvalidCasting(String),
    /// ValueError: `result_type` called with nothing to promote.
    #[error("at least one array or dtype is required")]
    NoOperands,
}
