//! `Array`: the handle the Python layer wraps (one per ndarray object). It is either lazy (a
//! graph node, possibly shared with a hash-consed twin) or a base (a materialised view it may
//! write into).
//!
//! Reads force without claiming (`force`). Writes, views and buffer exports claim first
//! (`claim`): a lazy array takes its node's result buffer as its own only when nobody else holds
//! the node (after forcing the node's pending users); otherwise it copies, so a write never leaks
//! into a twin. Every write then runs the write barrier (`graph::prepare_write`).
//!
//! - `mod.rs`: the handle, claiming, accessors;
//! - `ufunc_call.rs`: ufunc application (NEP 50 scalars, `out=`, `where=`, overlap), `where`,
//!   `astype`, `copy`;
//! - `access.rs`: indexing, assignment, `fill`, reshape/transpose/broadcast_to;
//! - `reductions.rs`: sum ... std, cumsum, cumprod.

mod access;
mod flags;
mod reductions;
mod ufunc_call;

use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

use dtypes::{DType, Scalar};
use ufuncs::FpFlags;

use crate::error::NumrtError;
use crate::eval::{self, diagnostics};
use crate::graph::{force, force_users, Node};
use crate::view::View;

pub use ufunc_call::ArrayOrScalar;

enum Repr {
    Lazy(Arc<Node>),
    Base(View),
}

/// One array as the Python layer sees it.
pub struct Array {
    repr: RwLock<Repr>,
}

impl std::fmt::Debug for Array {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &*self.read() {
            Repr::Lazy(n) => write!(f, "Array(lazy {n:?})"),
            Repr::Base(v) => write!(f, "Array({v:?})"),
        }
    }
}

impl Array {
    /// An array over a materialised view (it shares the view's buffer).
    pub fn from_view(view: View) -> Array {
        Array { repr: RwLock::new(Repr::Base(view)) }
    }

    /// An array whose value is a graph node.
    pub fn from_node(node: Arc<Node>) -> Array {
        Array { repr: RwLock::new(Repr::Lazy(node)) }
    }

    fn read(&self) -> RwLockReadGuard<'_, Repr> {
        self.repr.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> RwLockWriteGuard<'_, Repr> {
        self.repr.write().unwrap_or_else(|e| e.into_inner())
    }

    /// The array as a graph operand: its node, or a source node reading its view.
    pub fn node(&self) -> Arc<Node> {
        match &*self.read() {
            Repr::Lazy(n) => n.clone(),
            Repr::Base(v) => Node::source(v.clone()),
        }
    }

    pub fn shape(&self) -> Vec<usize> {
        match &*self.read() {
            Repr::Lazy(n) => n.shape().to_vec(),
            Repr::Base(v) => v.shape.clone(),
        }
    }

    pub fn dtype(&self) -> DType {
        match &*self.read() {
            Repr::Lazy(n) => n.dtype(),
            Repr::Base(v) => v.dtype,
        }
    }

    pub fn ndim(&self) -> usize {
        self.shape().len()
    }

    pub fn size(&self) -> usize {
        self.shape().iter().product()
    }

    /// Whether the array is an unforced expression.
    pub fn is_lazy(&self) -> bool {
        match &*self.read() {
            Repr::Lazy(n) => n.is_pending(),
            Repr::Base(_) => false,
        }
    }

    /// The view when the array is a materialised base (not an expression), without forcing.
    pub fn base_view(&self) -> Option<View> {
        match &*self.read() {
            Repr::Base(v) => Some(v.clone()),
            Repr::Lazy(_) => None,
        }
    }

    /// Read access: the materialised value (forcing it), without claiming it.
    pub fn force(&self) -> Result<View, NumrtError> {
        let node = match &*self.read() {
            Repr::Base(v) => return Ok(v.clone()),
            Repr::Lazy(n) => n.clone(),
        };
        force(&node)
    }

    /// The values as scalars in C order (forces).
    pub fn to_scalars(&self) -> Result<Vec<Scalar>, NumrtError> {
        Ok(self.force()?.to_scalars())
    }

    /// Make the array a base that owns (or shares by views only) its buffer; returns its view.
    /// Used before views and buffer exports; writes use `view_for_write`.
    pub fn claim(&self) -> Result<View, NumrtError> {
        let mut repr = self.write();
        let node = match &*repr {
            Repr::Base(v) => return Ok(v.clone()),
            Repr::Lazy(n) => n.clone(),
        };
        let value = force(&node)?;
        // Pending users read the result directly (not through a source): compute them now.
        force_users(std::slice::from_ref(&node), None)?;
        // The array's own reference and `node`: nobody else can see the buffer.
        let view = if Arc::strong_count(&node) <= 2 { value } else { copy_of(&value)? };
        *repr = Repr::Base(view.clone());
        Ok(view)
    }

    /// Write access: claim, check writeability, run the write barrier. Write right after.
    pub fn view_for_write(&self) -> Result<View, NumrtError> {
        let view = self.claim()?;
        view.check_writeable()?;
        crate::graph::prepare_write(&view.buffer)?;
        Ok(view)
    }

    /// Take (and clear) the floating-point flags raised by evaluations on this thread.
    pub fn take_fp_flags() -> FpFlags {
        diagnostics::take_fp_flags()
    }

    /// Take (and clear) the RuntimeWarning messages raised on this thread.
    pub fn take_warnings() -> Vec<String> {
        diagnostics::take().warnings
    }
}

/// A private copy with the same layout.
fn copy_of(v: &View) -> Result<View, NumrtError> {
    let out = eval::allocate(&v.shape, &dense_strides(v), v.dtype)?;
    crate::copy::copy_into(&out, v)?;
    Ok(out)
}

/// The strides of a dense array in `v`'s memory order (forced results already are dense).
fn dense_strides(v: &View) -> Vec<isize> {
    let abs: Vec<isize> = v.strides.iter().map(|s| s.abs()).collect();
    crate::eval::order::output_strides(&v.shape, &[&abs], v.dtype.itemsize())
}
