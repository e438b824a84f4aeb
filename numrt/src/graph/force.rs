//! Forcing: turning pending nodes into materialised views, and the write barrier that keeps
//! laziness invisible.
//!
//! `force` is the pipeline, one step per line: find the pieces (each reduction is its own piece,
//! everything elementwise around it fuses), evaluate them in dependency order, store each result
//! and release its inputs. `prepare_write` runs before any write into a buffer: every live
//! pending node that reads the buffer (transitively) is forced first, then the buffer's version
//! is bumped so that new expressions see new source nodes.

use std::collections::HashSet;
use std::sync::{Arc, Weak};

use ufuncs::FpFlags;

use crate::buffer::Buffer;
use crate::error::NumrtError;
use crate::eval::{self, diagnostics};
use crate::graph::ir::{Node, NodeId, Op};
use crate::reduce;
use crate::view::View;

/// Materialise `root` (and the pieces it needs); returns its value.
pub fn force(root: &Arc<Node>) -> Result<View, NumrtError> {
    if let Some(v) = root.value() {
        return Ok(v);
    }
    for piece in schedule(root) {
        let (view, flags) = evaluate_piece(&piece)?;
        diagnostics::check(&flags)?;
        piece.complete(view);
    }
    root.value().ok_or_else(|| NumrtError::Internal(format!("{root:?} was not computed")))
}

/// The pieces to evaluate for `root`, inputs first: every pending reduction under it, then the
/// root. Elementwise nodes between them are fused into the piece that uses them.
fn schedule(root: &Arc<Node>) -> Vec<Arc<Node>> {
    let mut pieces = vec![];
    let mut seen: HashSet<NodeId> = HashSet::new();
    let mut stack: Vec<(Arc<Node>, bool)> = vec![(root.clone(), false)];
    while let Some((node, expanded)) = stack.pop() {
        if expanded {
            if Arc::ptr_eq(&node, root) || matches!(node.op(), Op::Reduce(_)) {
                pieces.push(node);
            }
            continue;
        }
        if !node.is_pending() || !seen.insert(node.id()) {
            continue;
        }
        stack.push((node.clone(), true));
        for input in node.inputs() {
            stack.push((input, false));
        }
    }
    pieces
}

fn evaluate_piece(node: &Arc<Node>) -> Result<(View, FpFlags), NumrtError> {
    match node.op() {
        Op::Reduce(_) => reduce::evaluate(node),
        _ => eval::materialise(node),
    }
}

/// The write barrier: force every pending reader of `buffer`, then bump its version.
pub fn prepare_write(buffer: &Buffer) -> Result<(), NumrtError> {
    prepare_write_except(buffer, None)
}

/// The write barrier, leaving `keep` pending: the node about to be evaluated into the buffer
/// itself (`out=`), when nothing else holds it.
pub(crate) fn prepare_write_except(buffer: &Buffer, keep: Option<&Arc<Node>>) -> Result<(), NumrtError> {
    let sources = buffer.take_readers();
    let result = force_users(&sources, keep);
    if result.is_err() {
        for s in &sources {
            buffer.add_reader(s);
        }
    }
    result?;
    for s in sources.into_iter().filter(|s| Arc::strong_count(s) > 1) {
        // Still read by `keep` (or by someone outside the graph): stay registered.
        buffer.add_reader(&s);
    }
    buffer.bump_version();
    Ok(())
}

/// Force every live pending node that uses one of `starts` (transitively), deepest first so
/// that intermediate nodes are computed inside their users' pieces, not on their own.
pub fn force_users(starts: &[Arc<Node>], keep: Option<&Arc<Node>>) -> Result<(), NumrtError> {
    let mut found: Vec<(u32, Weak<Node>)> = vec![];
    let mut seen: HashSet<NodeId> = HashSet::new();
    let mut stack: Vec<Arc<Node>> = starts.to_vec();
    while let Some(node) = stack.pop() {
        for user in node.live_dependents() {
            if user.is_pending() && seen.insert(user.id()) {
                found.push((user.depth, Arc::downgrade(&user)));
                stack.push(user);
            }
        }
    }
    found.sort_by_key(|f| std::cmp::Reverse(f.0));
    for (_, weak) in found {
        let Some(node) = weak.upgrade() else { continue };
        if keep.is_some_and(|k| Arc::ptr_eq(k, &node)) || !node.is_pending() {
            continue;
        }
        force(&node)?;
    }
    Ok(())
}
