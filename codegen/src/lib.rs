//! codegen: numpypy's LLVM backend (inkwell, LLVM 19, linked statically).
//!
//! Input: a `Kernel` (`ir.rs`) — a loop nest over raw pointers and byte strides: typed operands
//! with an inner-dimension layout class, an elementwise DAG of ufunc loops, casts and selects,
//! and outputs. Output: native code for a `TargetDesc` — a callable kernel for the host
//! (`engine`), or an object file for any supported triple (`compile`).
//!
//! It knows nothing of array ownership, laziness or Python: callers (numrt) pass pointers,
//! strides and shapes, and run the reference kernels where a compiled kernel reports that a tile
//! needs them.

pub mod compile;
pub mod engine;
pub mod error;
pub mod runtime;
pub mod target;

pub use error::CodegenError;
pub use target::{Arch, TargetDesc};
