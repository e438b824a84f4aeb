//! Allocation removal for tuples that do not escape: `TupleGet(NewTuple(xs), k)` is `xs[k]`,
//! so every use of it is rewired to the element and the get disappears. A `NewTuple` itself
//! never allocates while the trace runs; only a snapshot that mentions it rebuilds the tuple
//! on exit, and one nothing mentions is dropped by DCE.

use crate::trace::ir::{IrOp, Ref, Trace, Ty};

pub fn remove_allocations(mut t: Trace) -> Trace {
    let mut map: Vec<Ref> = (0..t.ins.len() as u32).map(Ref).collect();
    for i in 0..t.ins.len() {
        let op = t.ins[i].op.map_refs(&mut |r| map[r.idx()]);
        t.ins[i].op = op;
        if let IrOp::TupleGet(tu, k) = op {
            if let IrOp::NewTuple { list } = t.get(tu).op {
                if let Some(&item) = t.lists[list as usize].get(k as usize) {
                    map[i] = item;
                    t.ins[i].op = IrOp::Nop;
                    t.ins[i].ty = Ty::Void;
                }
            }
        }
    }
    crate::trace::opt::bounds::remap_side_tables(&mut t, &map);
    t
}
