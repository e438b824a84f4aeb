//! Dead-code elimination: guards, stores, write barriers, the loop marker and phis are roots;
//! everything they (and the snapshots of live guards, and the tuples those mention) use stays;
//! the rest becomes `Nop`. Refs keep their numbers.

use crate::trace::ir::{Ins, IrOp, Trace, Ty};

pub fn eliminate(mut t: Trace) -> Trace {
    let n = t.ins.len();
    let mut live = vec![false; n];
    for (i, ins) in t.ins.iter().enumerate() {
        if ins.guard.is_some() || ins.op.has_effect() || matches!(ins.op, IrOp::WBar(_)) {
            live[i] = true;
        }
    }
    for i in (0..n).rev() {
        if !live[i] {
            continue;
        }
        let ins = t.ins[i];
        let mut uses = ins.op.refs();
        if let Some(s) = ins.guard {
            uses.extend(t.snapshots[s as usize].entries.iter().map(|e| e.1));
        }
        if let IrOp::NewTuple { list } = ins.op {
            uses.extend(t.lists[list as usize].iter().copied());
        }
        for r in uses {
            live[r.idx()] = true;
        }
    }
    // A snapshot may mention a tuple whose elements were not marked in the backward sweep
    // when the tuple comes after them: sweep once more for tuples.
    for i in (0..n).rev() {
        if live[i] {
            if let IrOp::NewTuple { list } = t.ins[i].op {
                for r in &t.lists[list as usize] {
                    live[r.idx()] = true;
                }
            }
        }
    }
    for (i, ins) in t.ins.iter_mut().enumerate() {
        if !live[i] {
            *ins = Ins { op: IrOp::Nop, ty: Ty::Void, guard: None };
        }
    }
    t
}
