//! NumPy 2 promotion (NEP 50) and casting rules.
//!
//! PLACEHOLDER SIGNATURES — the bodies are being written; see the module docs once filled.

use crate::{DType, DTypeError};

/// NumPy's `casting=` rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Casting {
    No,
    Equiv,
    Safe,
    SameKind,
    Unsafe,
}

/// One input to `result_type`: arrays and NumPy scalars are strong, Python scalars are weak.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Operand {
    /// An array (0-d arrays included): strong.
    Array(DType),
    /// A NumPy scalar such as `np.int64(1)`: strong.
    Scalar(DType),
    /// A Python `bool`: weak.
    PyBool(bool),
    /// A Python `int` with its value: weak.
    PyInt(i128),
    /// A Python `float`: weak.
    PyFloat(f64),
    /// A Python `complex` (re, im): weak.
    PyComplex(f64, f64),
}

pub fn promote_types(_a: DType, _b: DType) -> Result<DType, DTypeError> {
    todo!()
}

pub fn result_type(_ops: &[Operand]) -> Result<DType, DTypeError> {
    todo!()
}

pub fn can_cast(_from: DType, _to: DType, _casting: Casting) -> bool {
    todo!()
}
