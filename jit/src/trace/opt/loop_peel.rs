//! Loop peeling, which is also loop-invariant code motion (LuaJIT's `lj_opt_loop`): the
//! recorded iteration stays as the preamble, a `Loop` marker follows, and the iteration is
//! emitted once more with every entry value (`SLoad`, `IterLoad`) replaced by the value the
//! slot has at the end of an iteration. Emission goes through fold and CSE, so an instruction
//! (or guard) whose operands did not change resolves to the preamble's: only loop-variant work
//! remains in the loop. `Phi(l, r)` closes the loop for each end-of-iteration value `l` that
//! the loop recomputes as `r`.

use std::collections::HashMap;

use crate::trace::ir::{IrOp, Ref, SnapTarget, Snapshot, Trace, Ty};
use crate::trace::opt::Emitter;

pub fn peel(recorded: Trace) -> Trace {
    let loop_snap = recorded.loop_snapshot.expect("a closed loop trace has its loop snapshot");
    let end: HashMap<SnapTarget, Ref> = recorded.snapshots[loop_snap as usize].entries.iter().copied().collect();
    let n = recorded.ins.len();
    let mut em = Emitter::seeded(&recorded);
    let variant = end.values().copied().filter(|r| !recorded.get(*r).op.is_const());
    em.begin_loop(variant);
    let mut subst: Vec<Ref> = (0..n as u32).map(Ref).collect();
    let mut snaps: HashMap<u32, u32> = HashMap::new();
    let mut carried: Vec<Ref> = vec![];
    for j in 0..n {
        let ins = recorded.ins[j];
        let entry_of = |t: SnapTarget| end.get(&t).copied();
        subst[j] = match ins.op {
            IrOp::SLoad { slot } => carry(&mut carried, entry_of(SnapTarget::Slot(slot)), j),
            IrOp::IterLoad { slot } => carry(&mut carried, entry_of(SnapTarget::IterNext(slot)), j),
            IrOp::IterStop { .. } | IrOp::IterStep { .. } | IrOp::Nop => Ref(j as u32),
            op if op.is_const() => Ref(j as u32),
            IrOp::NewTuple { list } => {
                let items: Vec<Ref> = recorded.lists[list as usize].iter().map(|r| subst[r.idx()]).collect();
                em.trace.lists.push(items);
                let l = em.trace.lists.len() as u32 - 1;
                em.emit(IrOp::NewTuple { list: l }, Ty::Tuple, None)
            }
            op => {
                let op2 = op.map_refs(&mut |r| subst[r.idx()]);
                let guard = ins.guard.map(|s| *snaps.entry(s).or_insert_with(|| copy_snapshot(&mut em.trace, s, &subst, &end, &mut carried)));
                em.emit(op2, ins.ty, guard)
            }
        };
    }
    let mut done = vec![];
    for l in carried {
        let r = subst[l.idx()];
        if r != l && !done.contains(&l) {
            done.push(l);
            let ty = em.trace.get(l).ty;
            em.emit_raw(IrOp::Phi(l, r), ty);
        }
    }
    em.trace
}

/// The loop copy of an entry value: the end-of-iteration value (remembered as carried).
fn carry(carried: &mut Vec<Ref>, end: Option<Ref>, j: usize) -> Ref {
    match end {
        Some(e) => {
            carried.push(e);
            e
        }
        None => Ref(j as u32),
    }
}

/// The loop copy of snapshot `s`: its entries mapped through `subst`, plus every slot the
/// iteration changes that `s` does not mention yet: in the loop, such a slot still holds the
/// previous iteration's end value (carried), which the register file does not have.
fn copy_snapshot(t: &mut Trace, s: u32, subst: &[Ref], end: &HashMap<SnapTarget, Ref>, carried: &mut Vec<Ref>) -> u32 {
    let old = &t.snapshots[s as usize];
    let mut entries: Vec<(SnapTarget, Ref)> = old.entries.iter().map(|&(k, r)| (k, subst.get(r.idx()).copied().unwrap_or(r))).collect();
    let mut targets: Vec<&SnapTarget> = end.keys().collect();
    targets.sort_by_key(|t| match t {
        SnapTarget::Slot(s) => (0, *s),
        SnapTarget::IterNext(s) => (1, *s),
    });
    for target in targets {
        if !entries.iter().any(|(k, _)| k == target) {
            let e = end[target];
            carried.push(e);
            entries.push((*target, e));
        }
    }
    let pc = old.pc;
    t.snapshots.push(Snapshot { pc, entries });
    t.snapshots.len() as u32 - 1
}
