//! Linear algebra kernels: `matmul` (NumPy's gufunc `(n?,k),(k,m?)->(n?,m?)` with stacked
//! broadcasting, blocked so the inner loop vectorises, exact wrapping integers, logical bool)
//! and LU factorisation with partial pivoting for `det`, `solve` and `inv`.
//!
//! Inputs are materialised views; results are new C-contiguous views. This module decides no
//! dtypes (the caller passes the computation dtype) and raises NumPy's shape errors; the
//! Python layer maps `LinalgError::Singular` to `numpy.linalg.LinAlgError`.
//!
//! - `matmul.rs`: the stacked product and its shape rules;
//! - `kernel.rs`: the element trait (`Dot`) and the blocked 2-D kernel;
//! - `lu.rs`: LU with partial pivoting, det, solve, inv.

mod kernel;
mod lu;
mod matmul;

pub use kernel::Dot;
pub use lu::{check_square, det, inv, solve, LinalgError};
pub use matmul::matmul;
