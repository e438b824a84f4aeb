//! Bounds-check hoisting for induction variables. In the peeled loop, an index `i + c` where
//! `i` is a `Phi` stepping by a positive constant and bounded by a loop guard `i < stop`
//! (`stop` invariant) stays within `[0, dim)` for every iteration when `stop + c <= dim` and
//! the entry value satisfies `i + c >= 0`. Those two checks are emitted once before the `Loop`
//! marker (exiting through the loop-header snapshot, so the interpreter runs the iterations and
//! raises IndexError exactly where CPython would), and the per-iteration check is dropped.

use std::collections::HashMap;

use crate::bytecode::CmpOp;
use crate::trace::ir::{Ins, IrOp, Ref, Trace, Ty};

/// One check to hoist: index = iv + c, against `dim`, with the loop bound `stop`.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Plan {
    iv: Ref,
    c: i64,
    dim: Ref,
    stop: Ref,
}

fn kint(t: &Trace, r: Ref) -> Option<i64> {
    match t.get(r).op {
        IrOp::KInt(v) => Some(v),
        _ => None,
    }
}

/// Induction variables: `Phi(l, l + step)` with a positive constant step.
fn induction_vars(t: &Trace) -> Vec<Ref> {
    t.ins
        .iter()
        .filter_map(|ins| match ins.op {
            IrOp::Phi(l, r) => match t.get(r).op {
                IrOp::AddOv(a, k) | IrOp::AddI(a, k) if a == l && kint(t, k).is_some_and(|s| s > 0) => Some(l),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// `(iv, c)` when `x` is `iv` or `iv + c`.
fn split_index(t: &Trace, x: Ref, ivs: &[Ref]) -> Option<(Ref, i64)> {
    if ivs.contains(&x) {
        return Some((x, 0));
    }
    match t.get(x).op {
        IrOp::AddOv(a, k) | IrOp::AddI(a, k) if ivs.contains(&a) => kint(t, k).map(|c| (a, c)),
        _ => None,
    }
}

fn plans(t: &Trace, lp: usize) -> HashMap<usize, Plan> {
    let ivs = induction_vars(t);
    let mut bound: HashMap<Ref, Ref> = HashMap::new();
    let mut out = HashMap::new();
    for (i, ins) in t.ins.iter().enumerate().skip(lp + 1) {
        match ins.op {
            IrOp::GuardTrue(c) => {
                if let IrOp::Cmp(CmpOp::Lt, l, stop) = t.get(c).op {
                    if ivs.contains(&l) && stop.idx() < lp {
                        bound.entry(l).or_insert(stop);
                    }
                }
            }
            IrOp::BoundsCheck(x, dim) if dim.idx() < lp => {
                if let Some((iv, c)) = split_index(t, x, &ivs) {
                    if let Some(&stop) = bound.get(&iv) {
                        out.insert(i, Plan { iv, c, dim, stop });
                    }
                }
            }
            _ => {}
        }
    }
    out
}

pub fn hoist(t: Trace) -> Trace {
    let (Some(lp), Some(snap)) = (t.loop_index(), t.loop_snapshot) else { return t };
    let plans = plans(&t, lp);
    if plans.is_empty() {
        return t;
    }
    let mut unique: Vec<Plan> = vec![];
    for p in plans.values() {
        if !unique.contains(p) {
            unique.push(*p);
        }
    }
    unique.sort_by_key(|p| (p.iv, p.c, p.dim));
    let mut out = Trace { ins: vec![], ..t.clone() };
    let mut map: Vec<Ref> = vec![];
    for (i, ins) in t.ins.iter().enumerate() {
        if i == lp {
            for p in &unique {
                emit_checks(&mut out, &map, *p, snap);
            }
        }
        let op = if plans.contains_key(&i) { IrOp::Nop } else { ins.op.map_refs(&mut |r| map[r.idx()]) };
        let ty = if plans.contains_key(&i) { Ty::Void } else { ins.ty };
        let guard = if plans.contains_key(&i) { None } else { ins.guard };
        out.ins.push(Ins { op, ty, guard });
        map.push(Ref(out.ins.len() as u32 - 1));
    }
    remap_side_tables(&mut out, &map);
    out
}

fn emit_checks(out: &mut Trace, map: &[Ref], p: Plan, snap: u32) {
    let (iv, dim, stop) = (map[p.iv.idx()], map[p.dim.idx()], map[p.stop.idx()]);
    let kc = out.push(IrOp::KInt(p.c), Ty::Int, None);
    let k0 = out.push(IrOp::KInt(0), Ty::Int, None);
    let hi = out.push(IrOp::AddOv(stop, kc), Ty::Int, Some(snap));
    let ok_hi = out.push(IrOp::Cmp(CmpOp::Le, hi, dim), Ty::Bool, None);
    out.push(IrOp::GuardTrue(ok_hi), Ty::Void, Some(snap));
    let lo = out.push(IrOp::AddOv(iv, kc), Ty::Int, Some(snap));
    let ok_lo = out.push(IrOp::Cmp(CmpOp::Ge, lo, k0), Ty::Bool, None);
    out.push(IrOp::GuardTrue(ok_lo), Ty::Void, Some(snap));
}

/// Map snapshot entries and tuple lists through `map` after instructions moved.
pub fn remap_side_tables(t: &mut Trace, map: &[Ref]) {
    for s in &mut t.snapshots {
        for e in &mut s.entries {
            e.1 = map[e.1.idx()];
        }
    }
    for l in &mut t.lists {
        for r in l.iter_mut() {
            *r = map[r.idx()];
        }
    }
}
