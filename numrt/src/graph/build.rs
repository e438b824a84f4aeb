//! Node constructors. Every check NumPy does when an operation is written happens here —
//! broadcasting, dtypes, reduction axes and empty reductions — so errors surface at once.
//!
//! Each constructor goes through `make`, which keeps graphs bounded (a node deeper than
//! `MAX_DEPTH` forces its inputs first), hash-conses (an equal live node is returned instead of a
//! new one), links the node to its inputs' dependents and registers sources as buffer readers.

use std::sync::Arc;

use dtypes::{DType, Scalar};
use ufuncs::Ufunc;

use crate::error::NumrtError;
use crate::eval::order::output_strides;
use crate::graph::cons::{self, ConsKey, OpKey};
use crate::graph::force::force;
use crate::graph::ir::{verify, Node, Op};
use crate::layout::{broadcast_shapes, broadcast_strides};
use crate::reduce::{out_layout, ReduceSpec};
use crate::view::View;

/// Depth limit of a pending graph: deeper nodes force their inputs when created.
pub const MAX_DEPTH: u32 = 64;

impl Node {
    /// A leaf reading `view`.
    pub fn source(view: View) -> Arc<Node> {
        let key = OpKey::Source {
            buffer: view.buffer.id(),
            version: view.buffer.version(),
            offset: view.offset,
            shape: view.shape.clone(),
            strides: view.strides.clone(),
            dtype: view.dtype,
        };
        let (dtype, shape, strides) = (view.dtype, view.shape.clone(), view.strides.clone());
        let buffer = view.buffer.clone();
        let (node, fresh) = intern(key, Op::Source(view), vec![], dtype, shape, strides, 0);
        if fresh {
            buffer.add_reader(&node);
        }
        node
    }

    /// A 0-d leaf holding one value.
    pub fn constant(value: Scalar) -> Arc<Node> {
        let mut bytes = [0u8; 16];
        // SAFETY: 16 bytes hold any scalar.
        unsafe { value.write_to(bytes.as_mut_ptr()) };
        let key = OpKey::Const { dtype: value.dtype(), bytes };
        intern(key, Op::Const(value), vec![], value.dtype(), vec![], vec![], 0).0
    }

    /// Output `output` of `ufunc.loops[loop_index]` applied to `inputs` (which must already have
    /// the loop's input dtypes). `shape`, when given, is the shape to broadcast to (`out=`).
    pub fn ufunc(
        ufunc: &'static Ufunc,
        loop_index: usize,
        output: usize,
        inputs: Vec<Arc<Node>>,
        shape: Option<&[usize]>,
    ) -> Result<Arc<Node>, NumrtError> {
        let lp = ufunc.loops.get(loop_index).ok_or_else(|| NumrtError::Internal(format!("{} has no loop {loop_index}", ufunc.name)))?;
        if inputs.len() != ufunc.nin || output >= ufunc.nout {
            return Err(NumrtError::Internal(format!("{} takes {} inputs", ufunc.name, ufunc.nin)));
        }
        if inputs.iter().zip(&lp.types).any(|(i, &t)| i.dtype() != t) {
            return Err(NumrtError::Internal(format!("{} inputs do not have the loop's dtypes", ufunc.name)));
        }
        let dtype = lp.types[ufunc.nin + output];
        let op = Op::Ufunc { ufunc, loop_index, output };
        let key = OpKey::Ufunc { ufunc: ufunc.name, loop_index, output };
        Node::elementwise(op, key, inputs, dtype, shape)
    }

    /// `input` cast to `dtype` (the input itself when it already has that dtype).
    pub fn cast(input: &Arc<Node>, dtype: DType) -> Result<Arc<Node>, NumrtError> {
        if input.dtype() == dtype {
            return Ok(input.clone());
        }
        Node::elementwise(Op::Cast(dtype), OpKey::Cast(dtype), vec![input.clone()], dtype, None)
    }

    /// A lazy copy of `input` (a new array with the same values), optionally broadcast to `shape`.
    pub fn copy(input: &Arc<Node>, dtype: DType, shape: Option<&[usize]>) -> Result<Arc<Node>, NumrtError> {
        Node::elementwise(Op::Cast(dtype), OpKey::Cast(dtype), vec![input.clone()], dtype, shape)
    }

    /// A copy of `input` as `dtype` laid out with `strides` (NumPy writing a result in place
    /// into an existing array, e.g. `true_divide(ret, n, out=ret)` in `np.mean`).
    pub fn copy_laid_out(input: &Arc<Node>, dtype: DType, strides: &[isize]) -> Result<Arc<Node>, NumrtError> {
        if strides.len() != input.ndim() {
            return Err(NumrtError::Internal("copy_laid_out: strides rank".into()));
        }
        let key = OpKey::LaidOut(Box::new(OpKey::Cast(dtype)), strides.to_vec());
        let shape = input.shape().to_vec();
        make(key, Op::Cast(dtype), vec![input.clone()], dtype, shape, strides.to_vec())
    }

    /// `where(cond, a, b)`; `cond` must be bool and `a`, `b` of one dtype.
    pub fn select(cond: &Arc<Node>, a: &Arc<Node>, b: &Arc<Node>, shape: Option<&[usize]>) -> Result<Arc<Node>, NumrtError> {
        if cond.dtype() != DType::Bool || a.dtype() != b.dtype() {
            return Err(NumrtError::Internal("where needs a bool condition and equal branch dtypes".into()));
        }
        let dtype = a.dtype();
        Node::elementwise(Op::Where, OpKey::Where, vec![cond.clone(), a.clone(), b.clone()], dtype, shape)
    }

    /// A reduction of `input` (already cast to the loop dtype when `spec.cast_input`).
    pub fn reduce(input: &Arc<Node>, spec: ReduceSpec) -> Result<Arc<Node>, NumrtError> {
        spec.check_empty(input.shape())?;
        let (shape, strides) = out_layout(input, &spec);
        let dtype = spec.out_dtype();
        let key = OpKey::Reduce(spec.clone());
        make(key, Op::Reduce(spec), vec![input.clone()], dtype, shape, strides)
    }

    fn elementwise(
        op: Op,
        key: OpKey,
        inputs: Vec<Arc<Node>>,
        dtype: DType,
        shape: Option<&[usize]>,
    ) -> Result<Arc<Node>, NumrtError> {
        let mut shapes: Vec<&[usize]> = inputs.iter().map(|i| i.shape()).collect();
        let natural = broadcast_shapes(&shapes)?;
        let (shape, key) = match shape {
            Some(target) if target != natural.as_slice() => {
                shapes.push(target);
                let full = broadcast_shapes(&shapes)?;
                if full != target {
                    return Err(NumrtError::Value(format!(
                        "non-broadcastable output operand with shape {} doesn't match the broadcast shape {}",
                        crate::error::fmt_shape(target),
                        crate::error::fmt_shape(&full)
                    )));
                }
                (full, OpKey::Shaped(Box::new(key), target.to_vec()))
            }
            _ => (natural, key),
        };
        // NumPy's "array is too big" before any stride arithmetic can overflow.
        crate::view::checked_nbytes(&shape, dtype)?;
        let in_strides: Vec<Vec<isize>> =
            inputs.iter().map(|i| broadcast_strides(i.shape(), i.strides(), &shape)).collect::<Result<_, _>>()?;
        let refs: Vec<&[isize]> = in_strides.iter().map(|s| s.as_slice()).collect();
        let strides = output_strides(&shape, &refs, dtype.itemsize());
        make(key, op, inputs, dtype, shape, strides)
    }
}

/// Bound the depth, hash-cons, link. The common path of every non-leaf constructor.
fn make(
    key: OpKey,
    op: Op,
    inputs: Vec<Arc<Node>>,
    dtype: DType,
    shape: Vec<usize>,
    strides: Vec<isize>,
) -> Result<Arc<Node>, NumrtError> {
    let mut depth = 1 + inputs.iter().map(|i| i.effective_depth()).max().unwrap_or(0);
    if depth > MAX_DEPTH {
        for input in &inputs {
            if input.is_pending() {
                force(input)?;
            }
        }
        depth = 1;
    }
    let (node, fresh) = intern(key, op, inputs, dtype, shape, strides, depth);
    if fresh {
        for input in node.inputs() {
            input.add_dependent(&node);
        }
        if cfg!(debug_assertions) {
            verify(&node)?;
        }
    }
    Ok(node)
}

fn intern(
    key: OpKey,
    op: Op,
    inputs: Vec<Arc<Node>>,
    dtype: DType,
    shape: Vec<usize>,
    strides: Vec<isize>,
    depth: u32,
) -> (Arc<Node>, bool) {
    let ids = inputs.iter().map(|i| i.id()).collect();
    let key = ConsKey { op: key, inputs: ids };
    cons::intern(key, move |key| Node::new(op, inputs, dtype, shape, strides, depth, Some(key)))
}
