//! Evaluation of pending graph pieces: the portable blocked evaluator (`program` + `blocked`),
//! the naive reference evaluator (`naive`), NumPy's memory order for new arrays (`order`), and
//! the per-thread record of floating-point flags and warnings (`diagnostics`).
//!
//! This module computes values; it does not decide what to compute (that is `graph::force`)
//! nor how reductions iterate (that is `reduce`).

pub mod blocked;
pub mod diagnostics;
pub mod naive;
pub mod order;
pub mod pool;
pub mod program;
pub mod runs;

use std::sync::Arc;

use ufuncs::FpFlags;

use crate::buffer::Buffer;
use crate::error::NumrtError;
use crate::graph::Node;
use crate::view::{checked_size, View};

pub use naive::evaluate_naive;
pub use program::{Program, BLOCK};

/// A new, uninitialised array with the node's shape, dtype and (NumPy-order) strides.
pub fn allocate_like(node: &Node) -> Result<View, NumrtError> {
    allocate(node.shape(), node.strides(), node.dtype())
}

/// A new array with the given layout; strides must describe a dense non-negative layout.
pub fn allocate(shape: &[usize], strides: &[isize], dtype: dtypes::DType) -> Result<View, NumrtError> {
    let n = checked_size(shape)?;
    let bytes = n.checked_mul(dtype.itemsize()).ok_or(NumrtError::Memory { bytes: usize::MAX })?;
    let buffer = Buffer::alloc(bytes)?;
    View::new(buffer, 0, shape.to_vec(), strides.to_vec(), dtype)
}

/// Compute a pending elementwise node into a new array (fused, blocked, threaded).
pub fn materialise(node: &Arc<Node>) -> Result<(View, FpFlags), NumrtError> {
    let out = allocate_like(node)?;
    let prog = Program::compile(node, node.dtype())?;
    let flags = blocked::run_into(&prog, &out)?;
    Ok((out, flags))
}

/// Compute `node` (any node with a value or pending elementwise) into `out`, casting to
/// `out.dtype`. The caller has checked shapes, casting rules and overlap.
pub fn evaluate_into(node: &Arc<Node>, out: &View) -> Result<FpFlags, NumrtError> {
    let prog = Program::compile(node, out.dtype)?;
    blocked::run_into(&prog, out)
}
