//! Hash-consing: one live node per (operation, inputs). Two equal expressions built separately
//! share a node, so they are computed once and give the kernel cache one key.
//!
//! The table maps a `ConsKey` to a weak pointer; a node removes its own entry when it dies, so
//! the table holds only live nodes (bounded by what the program keeps alive). Source keys
//! include the buffer's version: after a write, a new source node is made for the new data.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex, Weak};

use dtypes::DType;

use crate::graph::ir::{lock, Node, NodeId};
use crate::reduce::ReduceSpec;

/// The hashable identity of an operation (without its inputs).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum OpKey {
    Source { buffer: u64, version: u64, offset: usize, shape: Vec<usize>, strides: Vec<isize>, dtype: DType },
    /// The value's bytes (so -0.0 and 0.0, and NaN payloads, stay distinct).
    Const { dtype: DType, bytes: [u8; 16] },
    Ufunc { ufunc: &'static str, loop_index: usize, output: usize },
    Cast(DType),
    Where,
    Reduce(ReduceSpec),
    /// An elementwise node whose shape is wider than its inputs' broadcast (ufunc `out=`).
    Shaped(Box<OpKey>, Vec<usize>),
    /// An elementwise node whose result has given strides (not NumPy's default order).
    LaidOut(Box<OpKey>, Vec<isize>),
}

/// Operation and input ids.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ConsKey {
    pub op: OpKey,
    pub inputs: Vec<NodeId>,
}

type Table = HashMap<ConsKey, (NodeId, Weak<Node>)>;

static TABLE: LazyLock<Mutex<Table>> = LazyLock::new(|| Mutex::new(HashMap::new()));

/// Find the live node for `key`, or make one with `make` and record it. `make` runs under the
/// table lock and must not touch the table.
pub(crate) fn intern(key: ConsKey, make: impl FnOnce(ConsKey) -> Node) -> (Arc<Node>, bool) {
    let mut table = lock(&TABLE);
    if let Some((_, weak)) = table.get(&key) {
        if let Some(node) = weak.upgrade() {
            // Unlock before `make` (and the inputs it owns) is dropped: dropping the last
            // reference to a node takes the lock again.
            drop(table);
            return (node, false);
        }
    }
    let node = Arc::new(make(key.clone()));
    table.insert(key, (node.id(), Arc::downgrade(&node)));
    (node, true)
}

/// Remove `key` if it still belongs to node `id` (a newer twin may have replaced it).
pub(crate) fn remove(key: ConsKey, id: NodeId) {
    let mut table = lock(&TABLE);
    if table.get(&key).is_some_and(|(owner, _)| *owner == id) {
        table.remove(&key);
    }
}

/// Number of entries (live nodes) in the table: tests check that it stays bounded.
pub fn table_len() -> usize {
    lock(&TABLE).len()
}
