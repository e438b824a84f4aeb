//! The lazy expression graph: typed, shaped nodes built eagerly-checked and evaluated on demand.
//!
//! - `ir`: `Node`, `Op`, `verify` — the data structure, declared once;
//! - `build`: constructors (all NumPy errors raised here), depth bound, hash-consing;
//! - `cons`: the hash-cons table;
//! - `signature`: the structural `KernelSignature` (the compiled-kernel cache key);
//! - `force`: the forcing pipeline and the write barrier.

mod build;
pub mod cons;
pub mod force;
pub mod ir;
pub mod signature;

pub use build::MAX_DEPTH;
pub use force::{force, force_users, prepare_write};
pub use ir::{verify, Node, NodeId, Op};
pub use signature::KernelSignature;
