//! Python and NumPy number semantics for the interpreter's native paths: `int` (i64 and big),
//! `float`, `complex`, and NumPy scalars through the ufunc table (`np`).

pub mod complex;
pub mod float;
pub mod int;
pub mod np;
