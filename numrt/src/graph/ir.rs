//! The lazy graph's IR: `Node` (one typed, shaped array expression) and `Op` (what it computes),
//! declared in one place, plus `verify()` — the invariants every pass must keep.
//!
//! A node's shape and dtype are fixed when it is created (errors are raised then, in
//! `build.rs`); its value is computed only when forced (`force.rs`). Broadcasting is implied by
//! shapes: an input whose shape is smaller broadcasts to the node's shape, right-aligned.
//! This module owns the data structure only; it builds, forces and evaluates nothing.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, Weak};

use dtypes::{DType, Scalar};
use ufuncs::Ufunc;

use crate::error::NumrtError;
use crate::graph::cons::{self, ConsKey};
use crate::reduce::ReduceSpec;
use crate::view::View;

/// Identity of a node for hash-consing and scheduling. Never reused within a process.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub u64);

static NEXT_NODE_ID: AtomicU64 = AtomicU64::new(1);

impl NodeId {
    fn fresh() -> NodeId {
        NodeId(NEXT_NODE_ID.fetch_add(1, Ordering::Relaxed))
    }
}

/// What a node computes. Leaves: `Source`, `Const`. Elementwise (fused by the blocked
/// evaluator): `Ufunc`, `Cast`, `Where`. Boundary (materialised on its own): `Reduce`.
pub enum Op {
    /// Reads a materialised view; registered in its buffer's readers so writes force it first.
    Source(View),
    /// One value broadcast everywhere (Python scalars, counts); shape `[]`.
    Const(Scalar),
    /// Output `output` of the typed loop `ufunc.loops[loop_index]`. The inputs already have the
    /// loop's input dtypes (casts are explicit `Cast` nodes).
    Ufunc { ufunc: &'static Ufunc, loop_index: usize, output: usize },
    /// NumPy's value cast of the single input (`casting='unsafe'`; callers check rules).
    Cast(DType),
    /// `where(cond, a, b)`: inputs `[cond (bool), a, b]`, `a` and `b` of the node's dtype.
    Where,
    /// A reduction or accumulation of the single input.
    Reduce(ReduceSpec),
}

impl Op {
    pub fn is_leaf(&self) -> bool {
        matches!(self, Op::Source(_) | Op::Const(_))
    }
    pub fn is_elementwise(&self) -> bool {
        matches!(self, Op::Ufunc { .. } | Op::Cast(_) | Op::Where)
    }
    /// Short name used in signatures and debug output.
    pub fn name(&self) -> String {
        match self {
            Op::Source(_) => "source".into(),
            Op::Const(_) => "const".into(),
            Op::Ufunc { ufunc, loop_index, output } => {
                let types: String = ufunc.loops[*loop_index].types.iter().map(|d| d.char()).collect();
                format!("{}[{}]#{}", ufunc.name, types, output)
            }
            Op::Cast(d) => format!("cast[{}]", d.char()),
            Op::Where => "where".into(),
            Op::Reduce(spec) => spec.describe(),
        }
    }
}

/// One lazy array expression.
pub struct Node {
    pub(crate) id: NodeId,
    pub(crate) op: Op,
    pub(crate) dtype: DType,
    pub(crate) shape: Vec<usize>,
    /// Byte strides of the result as it is (or will be) allocated: NumPy's order for a new
    /// array computed from these inputs (`eval::order`). Reductions plan with these.
    pub(crate) strides: Vec<isize>,
    /// 1 + the deepest pending input (leaves and forced nodes count 0); capped in `build.rs`.
    pub(crate) depth: u32,
    /// Cleared when the node is forced, so the inputs' memory is released.
    pub(crate) inputs: Mutex<Vec<Arc<Node>>>,
    pub(crate) result: OnceLock<View>,
    /// Nodes that use this one as an input (weak; pruned as the list grows).
    pub(crate) dependents: Mutex<Vec<Weak<Node>>>,
    /// The node's entry in the hash-cons table, removed when the node dies.
    pub(crate) cons_key: Option<ConsKey>,
}

impl Node {
    pub(crate) fn new(
        op: Op,
        inputs: Vec<Arc<Node>>,
        dtype: DType,
        shape: Vec<usize>,
        strides: Vec<isize>,
        depth: u32,
        cons_key: Option<ConsKey>,
    ) -> Node {
        Node {
            id: NodeId::fresh(),
            op,
            dtype,
            shape,
            strides,
            depth,
            inputs: Mutex::new(inputs),
            result: OnceLock::new(),
            dependents: Mutex::new(Vec::new()),
            cons_key,
        }
    }

    pub fn id(&self) -> NodeId {
        self.id
    }
    pub fn op(&self) -> &Op {
        &self.op
    }
    pub fn dtype(&self) -> DType {
        self.dtype
    }
    pub fn shape(&self) -> &[usize] {
        &self.shape
    }
    pub fn strides(&self) -> &[isize] {
        &self.strides
    }
    pub fn ndim(&self) -> usize {
        self.shape.len()
    }
    pub fn size(&self) -> usize {
        self.shape.iter().product()
    }

    /// The materialised value if there is one: a source's view or a forced node's result.
    pub fn value(&self) -> Option<View> {
        match &self.op {
            Op::Source(v) => Some(v.clone()),
            _ => self.result.get().cloned(),
        }
    }

    /// True when the node still has to be computed (not a leaf, not forced).
    pub fn is_pending(&self) -> bool {
        !self.op.is_leaf() && self.result.get().is_none()
    }

    /// The depth recorded at creation (tests check it stays under `MAX_DEPTH`).
    pub fn depth_for_tests(&self) -> u32 {
        self.depth
    }

    /// Depth counted for a new user of this node: 0 once the node has a value.
    pub fn effective_depth(&self) -> u32 {
        if self.is_pending() {
            self.depth
        } else {
            0
        }
    }

    /// The inputs (empty once forced).
    pub fn inputs(&self) -> Vec<Arc<Node>> {
        lock(&self.inputs).clone()
    }

    /// Live dependents (users) of this node.
    pub fn live_dependents(&self) -> Vec<Arc<Node>> {
        lock(&self.dependents).iter().filter_map(Weak::upgrade).collect()
    }

    pub(crate) fn add_dependent(&self, user: &Arc<Node>) {
        let mut deps = lock(&self.dependents);
        if deps.len() >= 16 && deps.len().is_power_of_two() {
            deps.retain(|w| w.strong_count() > 0);
        }
        deps.push(Arc::downgrade(user));
    }

    /// Store the forced value and release the inputs.
    pub(crate) fn complete(&self, value: View) {
        let _ = self.result.set(value);
        let released = std::mem::take(&mut *lock(&self.inputs));
        drop(released);
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        if let Some(key) = self.cons_key.take() {
            cons::remove(key, self.id);
        }
        // Drop long input chains iteratively: a chain of 10^6 pending nodes must not recurse.
        let mut stack: Vec<Arc<Node>> = std::mem::take(self.inputs.get_mut().unwrap_or_else(|e| e.into_inner()));
        while let Some(n) = stack.pop() {
            if let Ok(mut inner) = Arc::try_unwrap(n) {
                stack.append(inner.inputs.get_mut().unwrap_or_else(|e| e.into_inner()));
            }
        }
    }
}

impl std::fmt::Debug for Node {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Node#{}({}, {}, shape={:?}, pending={})", self.id.0, self.op.name(), self.dtype, self.shape, self.is_pending())
    }
}

/// Lock a mutex, recovering from poisoning (a panic elsewhere must not wedge the graph).
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Check a node's invariants: input count and dtypes per op, broadcastable input shapes, the
/// reduction's shape rule, strides rank. Tests and debug builds run it on every new node.
pub fn verify(node: &Node) -> Result<(), NumrtError> {
    let bad = |what: String| Err(NumrtError::Internal(format!("verify {node:?}: {what}")));
    if node.strides.len() != node.shape.len() {
        return bad("strides rank differs from shape rank".into());
    }
    let inputs = node.inputs();
    if !node.is_pending() {
        return match &node.op {
            Op::Source(v) if v.shape != node.shape || v.dtype != node.dtype => bad("source view differs".into()),
            Op::Const(s) if s.dtype() != node.dtype || !node.shape.is_empty() => bad("const not 0-d of its dtype".into()),
            _ => Ok(()),
        };
    }
    for i in &inputs {
        if !broadcastable(&i.shape, &node.shape) && !matches!(node.op, Op::Reduce(_)) {
            return bad(format!("input shape {:?} does not broadcast", i.shape));
        }
    }
    let expect_dtypes: Vec<DType> = match &node.op {
        Op::Ufunc { ufunc, loop_index, output } => {
            let lp = &ufunc.loops[*loop_index];
            if lp.types[ufunc.nin + output] != node.dtype {
                return bad("ufunc output dtype differs from its loop".into());
            }
            lp.types[..ufunc.nin].to_vec()
        }
        Op::Cast(_) => vec![inputs.first().map(|i| i.dtype).unwrap_or(node.dtype)],
        Op::Where => vec![DType::Bool, node.dtype, node.dtype],
        Op::Reduce(spec) => {
            return match inputs.as_slice() {
                [i] => spec.verify(&i.shape, &node.shape),
                _ => bad("reduce needs one input".into()),
            }
        }
        Op::Source(_) | Op::Const(_) => unreachable!("leaves are never pending"),
    };
    let got: Vec<DType> = inputs.iter().map(|i| i.dtype).collect();
    if got != expect_dtypes {
        return bad(format!("input dtypes {got:?}, expected {expect_dtypes:?}"));
    }
    Ok(())
}

fn broadcastable(from: &[usize], to: &[usize]) -> bool {
    from.len() <= to.len()
        && from.iter().rev().zip(to.iter().rev()).all(|(&f, &t)| f == t || f == 1)
}
