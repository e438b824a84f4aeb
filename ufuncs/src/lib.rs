//! numpypy's ufunc table: every ufunc's name, arity, identity and NumPy's typed loops in
//! NumPy's order (generated from NumPy by `scripts/gen_ufunc_tables.py`), NumPy's loop
//! selection with NEP 50 weak Python scalars, and a scalar reference kernel for every loop.
//!
//! The reference kernels are the oracle every faster path (the portable evaluator, LLVM
//! kernels, JIT traces) is tested against. They report NumPy's floating-point error flags
//! (`FpFlags`) instead of touching the CPU's.
//!
//! `real`, `imag` and `angle` are NumPy functions, not ufuncs; numpypy gives them table rows
//! (`F->f`, `D->d`; for real inputs `real` is the identity, `imag` gives zeros and `angle` is
//! `arctan2(0, x)`, resolved as np.angle resolves it).
//!
//! This crate knows nothing about arrays: it selects loops and runs them over raw pointers.
//! Promotion and casting rules are asked of `dtypes`, never decided here.

mod error;
mod flags;
mod kernels;
mod resolve;
mod table;
mod table_data;
mod weak;

pub use dtypes::{Casting, DType, Operand, Scalar};
pub use error::UfuncError;
pub use flags::FpFlags;
pub use resolve::Resolution;
pub use table::{all, get, InnerLoop, Loop, RegroupCheck, Resolver, Ufunc};
