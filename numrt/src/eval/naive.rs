//! The naive evaluator: one op at a time, each into a full-size array (in NumPy's memory order,
//! as eager NumPy would allocate it), each inner loop called on whole runs. Slow and simple on
//! purpose — the reference the blocked evaluator is tested against, and the baseline its
//! benchmark is measured against.

use std::collections::HashMap;
use std::sync::Arc;

use dtypes::{cast_strided, DType};
use ufuncs::FpFlags;

use crate::error::NumrtError;
use crate::graph::{Node, NodeId, Op};
use crate::iter::RunLayout;
use crate::layout::broadcast_strides;
use crate::view::View;

/// Evaluate `root` without fusing: every pending node gets its own array.
/// Reductions inside are delegated to the reduction engine on materialised inputs.
pub fn evaluate_naive(root: &Arc<Node>) -> Result<(View, FpFlags), NumrtError> {
    let mut flags = FpFlags(0);
    let mut values: HashMap<NodeId, View> = HashMap::new();
    let order = naive_order(root);
    for node in &order {
        let inputs: Vec<View> = node.inputs().iter().map(|i| value_of(i, &values)).collect::<Result<_, _>>()?;
        let v = match node.op() {
            Op::Reduce(_) => crate::reduce::evaluate_on_views(node, &inputs[0], &mut flags)?,
            _ => elementwise(node, &inputs, &mut flags)?,
        };
        values.insert(node.id(), v);
    }
    Ok((value_of(root, &values)?, flags))
}

/// All pending nodes (elementwise and reductions), inputs first.
fn naive_order(root: &Arc<Node>) -> Vec<Arc<Node>> {
    let mut order = vec![];
    let mut seen = std::collections::HashSet::new();
    let mut stack: Vec<(Arc<Node>, bool)> = vec![(root.clone(), false)];
    while let Some((node, expanded)) = stack.pop() {
        if expanded {
            order.push(node);
            continue;
        }
        if !node.is_pending() || !seen.insert(node.id()) {
            continue;
        }
        stack.push((node.clone(), true));
        for input in node.inputs().into_iter().rev() {
            stack.push((input, false));
        }
    }
    order
}

fn value_of(node: &Arc<Node>, values: &HashMap<NodeId, View>) -> Result<View, NumrtError> {
    if let Op::Const(s) = node.op() {
        let v = View::zeros(&[], s.dtype())?;
        // SAFETY: a fresh 0-d array holds one element.
        unsafe { s.write_to(v.data_ptr()) };
        return Ok(v);
    }
    node.value()
        .or_else(|| values.get(&node.id()).cloned())
        .ok_or_else(|| NumrtError::Internal(format!("{node:?} has no value")))
}

fn elementwise(node: &Arc<Node>, inputs: &[View], flags: &mut FpFlags) -> Result<View, NumrtError> {
    let shape = node.shape();
    let ins: Vec<View> = inputs.iter().map(aligned).collect::<Result<_, _>>()?;
    let in_strides: Vec<Vec<isize>> =
        ins.iter().map(|v| broadcast_strides(&v.shape, &v.strides, shape)).collect::<Result<_, _>>()?;
    match node.op() {
        Op::Ufunc { ufunc, loop_index, output } => {
            let lp = &ufunc.loops[*loop_index];
            let outs: Vec<View> = lp.types[ufunc.nin..].iter().map(|&d| alloc_as(node, d)).collect::<Result<_, _>>()?;
            let mut views: Vec<&View> = ins.iter().collect();
            views.extend(outs.iter());
            let mut strides: Vec<&[isize]> = in_strides.iter().map(|s| s.as_slice()).collect();
            strides.extend(outs.iter().map(|o| o.strides.as_slice()));
            let layout = RunLayout::new(shape, &strides);
            layout.for_each_run(|offs, n, steps| {
                let ptrs: Vec<*mut u8> = views.iter().zip(offs).map(|(v, &o)| unsafe { v.data_ptr().offset(o) }).collect();
                // SAFETY: offsets come from each view's own layout.
                unsafe { (lp.inner)(&ptrs, steps, n, flags) };
            });
            Ok(outs[*output].clone())
        }
        Op::Cast(to) => {
            let out = alloc_as(node, *to)?;
            let layout = RunLayout::new(shape, &[&in_strides[0], &out.strides]);
            let from = ins[0].dtype;
            layout.for_each_run(|offs, n, steps| unsafe {
                cast_strided(from, ins[0].data_ptr().offset(offs[0]), steps[0], *to, out.data_ptr().offset(offs[1]), steps[1], n)
            });
            Ok(out)
        }
        Op::Where => {
            let out = alloc_as(node, node.dtype())?;
            let layout = RunLayout::new(shape, &[&in_strides[0], &in_strides[1], &in_strides[2], &out.strides]);
            let size = node.dtype().itemsize();
            layout.for_each_run(|offs, n, steps| {
                for i in 0..n as isize {
                    unsafe {
                        let c = *ins[0].data_ptr().offset(offs[0] + i * steps[0]) != 0;
                        let src = if c { ins[1].data_ptr().offset(offs[1] + i * steps[1]) } else { ins[2].data_ptr().offset(offs[2] + i * steps[2]) };
                        std::ptr::copy_nonoverlapping(src, out.data_ptr().offset(offs[3] + i * steps[3]), size);
                    }
                }
            });
            Ok(out)
        }
        other => Err(NumrtError::Internal(format!("naive evaluator: unexpected {}", other.name()))),
    }
}

/// A new array for `node`'s result in NumPy's memory order (as the fused path allocates it:
/// reductions of it then iterate in the same order).
fn alloc_as(node: &Node, dtype: DType) -> Result<View, NumrtError> {
    let strides = crate::eval::order::output_strides(node.shape(), &[node.strides()], dtype.itemsize());
    crate::eval::allocate(node.shape(), &strides, dtype)
}

/// The view itself when aligned, else an aligned C-order copy (inner loops may need alignment).
fn aligned(v: &View) -> Result<View, NumrtError> {
    let align = v.dtype.alignment() as isize;
    if (v.data_ptr() as usize as isize) % align == 0 && v.strides.iter().all(|s| s % align == 0) {
        return Ok(v.clone());
    }
    let out = View::zeros(&v.shape, v.dtype)?;
    let layout = RunLayout::new(&v.shape, &[&v.strides, &out.strides]);
    let d: DType = v.dtype;
    layout.for_each_run(|offs, n, steps| unsafe {
        cast_strided(d, v.data_ptr().offset(offs[0]), steps[0], d, out.data_ptr().offset(offs[1]), steps[1], n)
    });
    Ok(out)
}
