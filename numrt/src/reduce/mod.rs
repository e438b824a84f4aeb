//! Reductions and accumulations: `sum prod min max all any argmin argmax cumsum cumprod`
//! natively, `mean var std` composed from them and ufunc nodes (`stats`).
//!
//! A reduction is a graph node (`Op::Reduce`) and a boundary of fusion: its input subgraph is
//! evaluated block by block straight into the reduction (`feed`), never materialised. Results
//! match NumPy bit for bit where NumPy's order is defined by its iterator (`plan`): float sums
//! are pairwise within each of NumPy's inner-loop calls (`pairwise`) and sequential across them.
//! Threads never change a result (`fold`).

mod accumulate;
mod arg;
mod feed;
mod fold;
pub mod pairwise;
pub mod plan;
mod regroup;
mod rows;
pub mod spec;
pub mod stats;

use std::sync::Arc;

use dtypes::DType;
use ufuncs::{FpFlags, InnerLoop};

use crate::error::NumrtError;
use crate::eval::order::{iteration_order, strides_in_order};
use crate::graph::{Node, Op};
use crate::view::View;

pub use spec::{Axes, ReduceKind, ReduceSpec};

/// Compute a pending reduction node (its input may be a pending elementwise subgraph).
pub(crate) fn evaluate(node: &Node) -> Result<(View, FpFlags), NumrtError> {
    let Op::Reduce(spec) = node.op() else {
        return Err(NumrtError::Internal(format!("{node:?} is not a reduction")));
    };
    let inputs = node.inputs();
    let [input] = inputs.as_slice() else {
        return Err(NumrtError::Internal(format!("{node:?} has no single input")));
    };
    match spec.kind {
        k if k.is_accumulation() => accumulate::accumulate(node, spec, input),
        k if k.is_arg() => arg::arg_reduce(node, spec, input),
        _ => fold::fold(node, spec, input),
    }
}

/// Compute a pending reduction node without storing the result (tests compare evaluation paths).
pub fn evaluate_for_tests(node: &Node) -> Result<View, NumrtError> {
    evaluate(node).map(|(v, _)| v)
}

/// Compute a reduction node on an already materialised input (the naive evaluator's path).
pub(crate) fn evaluate_on_views(node: &Node, input: &View, flags: &mut FpFlags) -> Result<View, NumrtError> {
    let Op::Reduce(spec) = node.op() else {
        return Err(NumrtError::Internal(format!("{node:?} is not a reduction")));
    };
    let source = Node::source(input.clone());
    let (view, f) = match spec.kind {
        k if k.is_accumulation() => accumulate::accumulate(node, spec, &source)?,
        k if k.is_arg() => arg::arg_reduce(node, spec, &source)?,
        _ => fold::fold(node, spec, &source)?,
    };
    flags.0 |= f.0;
    Ok(view)
}

/// The inner loop of ufunc `name` whose operands all have `dtype`.
pub(crate) fn find_loop(name: &str, dtype: DType) -> Result<InnerLoop, NumrtError> {
    find_ufunc_loop(name, dtype).map(|l| l.inner)
}

/// The loop of ufunc `name` whose operands all have `dtype`.
pub(crate) fn find_ufunc_loop(name: &str, dtype: DType) -> Result<&'static ufuncs::Loop, NumrtError> {
    let ufunc = ufuncs::get(name).ok_or_else(|| NumrtError::NotImplemented(format!("ufunc {name}")))?;
    ufunc
        .loops
        .iter()
        .find(|l| l.types.iter().all(|&t| t == dtype))
        .ok_or_else(|| NumrtError::Type(format!("the reduction '{name}' has no loop for dtype {dtype}")))
}

/// The strides NumPy's reduction iterator sees: the input's, or — when the input is a cast
/// NumPy would do in its buffers — the strides of the array being cast.
pub(crate) fn plan_strides(input: &Arc<Node>, spec: &ReduceSpec) -> Vec<isize> {
    if spec.cast_input && input.is_pending() {
        if let (Op::Cast(_), [inner]) = (input.op(), input.inputs().as_slice()) {
            return broadcast_or_same(inner, input.shape());
        }
    }
    input.strides().to_vec()
}

fn broadcast_or_same(node: &Node, shape: &[usize]) -> Vec<isize> {
    crate::layout::broadcast_strides(node.shape(), node.strides(), shape).unwrap_or_else(|_| node.strides().to_vec())
}

/// Shape and byte strides of a reduction's result as NumPy allocates it: reductions keep the
/// input's memory order over the kept axes, arg-reductions are C-contiguous, accumulations keep
/// the input's order (flattened ones are 1-d).
pub(crate) fn out_layout(input: &Arc<Node>, spec: &ReduceSpec) -> (Vec<usize>, Vec<isize>) {
    let shape = input.shape();
    let out_shape = spec.out_shape(shape);
    let isz = spec.out_dtype().itemsize();
    if spec.kind.is_arg() || (spec.kind.is_accumulation() && spec.flatten) {
        let c_order: Vec<usize> = (0..out_shape.len()).rev().collect();
        let strides = strides_in_order(&out_shape, &c_order, isz, &[]);
        return (out_shape, strides);
    }
    let strides = plan_strides(input, spec);
    let strides: Vec<isize> = (0..shape.len()).map(|k| if shape[k] == 1 { 0 } else { strides[k] }).collect();
    let perm = iteration_order(shape, &[&strides]);
    if spec.kind.is_accumulation() {
        return (out_shape, strides_in_order(shape, &perm, isz, &[]));
    }
    let keep: Vec<usize> = (0..shape.len()).map(|k| if spec.axes.contains(&k) { 1 } else { shape[k] }).collect();
    let keep_strides = strides_in_order(&keep, &perm, isz, &[]);
    if spec.keepdims {
        return (keep, keep_strides);
    }
    let kept: Vec<usize> = (0..shape.len()).filter(|k| !spec.axes.contains(k)).collect();
    (out_shape, kept.iter().map(|&k| keep_strides[k]).collect())
}
