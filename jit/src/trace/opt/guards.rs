//! Guard elimination and strengthening over integer range facts. A guard implied by an earlier
//! one on the same value becomes a `Nop`; a later guard that implies an earlier one (a bounds
//! check after `i >= 0`, `i < 10` after `i < 20`) replaces it when its operands already exist
//! there: the stronger check exits earlier, through the earlier guard's snapshot, and the
//! interpreter then meets the later condition itself. Facts never cross the `Loop` marker for
//! loop-carried values (a `Phi` changes them), and guards never move across it.

use crate::bytecode::CmpOp;
use crate::trace::ir::{IrOp, Ref, Trace, Ty};

/// The integer condition a guard establishes: `lo <= x` and/or `x < hi` with constant or
/// reference bounds.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Fact {
    /// x >= k
    AtLeast(Ref, i64),
    /// x < k
    Below(Ref, i64),
    /// 0 <= x < n
    InBounds(Ref, Ref),
}

fn kint(t: &Trace, r: Ref) -> Option<i64> {
    match t.get(r).op {
        IrOp::KInt(v) => Some(v),
        _ => None,
    }
}

fn fact_of(t: &Trace, i: usize) -> Option<Fact> {
    match t.ins[i].op {
        IrOp::BoundsCheck(x, n) => Some(Fact::InBounds(x, n)),
        IrOp::GuardTrue(c) => match t.get(c).op {
            IrOp::Cmp(op, x, k) if t.get(x).ty == Ty::Int => {
                let k = kint(t, k)?;
                match op {
                    CmpOp::Ge => Some(Fact::AtLeast(x, k)),
                    CmpOp::Gt => k.checked_add(1).map(|k| Fact::AtLeast(x, k)),
                    CmpOp::Lt => Some(Fact::Below(x, k)),
                    CmpOp::Le => k.checked_add(1).map(|k| Fact::Below(x, k)),
                    _ => None,
                }
            }
            _ => None,
        },
        _ => None,
    }
}

/// Whether `a` (known) implies `b`.
fn implies(a: Fact, b: Fact) -> bool {
    match (a, b) {
        (Fact::AtLeast(x, k), Fact::AtLeast(y, j)) => x == y && k >= j,
        (Fact::Below(x, k), Fact::Below(y, j)) => x == y && k <= j,
        (Fact::InBounds(x, n), Fact::InBounds(y, m)) => x == y && n == m,
        (Fact::InBounds(x, _), Fact::AtLeast(y, j)) => x == y && j <= 0,
        _ => false,
    }
}

fn operands_before(t: &Trace, i: usize, at: usize) -> bool {
    let refs = match t.ins[i].op {
        IrOp::GuardTrue(c) => {
            let mut r = t.get(c).op.refs();
            r.push(c);
            r
        }
        op => op.refs(),
    };
    refs.iter().all(|r| r.idx() < at)
}

pub fn strengthen(mut t: Trace) -> Trace {
    let lp = t.loop_index().unwrap_or(usize::MAX);
    let carried: Vec<Ref> = t.ins.iter().filter_map(|i| if let IrOp::Phi(l, _) = i.op { Some(l) } else { None }).collect();
    let mut known: Vec<(usize, Fact)> = vec![];
    for i in 0..t.ins.len() {
        if i == lp {
            // Facts on loop-carried values stop holding; none may move into the loop.
            known.retain(|(_, f)| !mentions_any(*f, &carried));
            known.iter_mut().for_each(|(at, _)| *at = usize::MAX);
        }
        let Some(f) = fact_of(&t, i) else { continue };
        if known.iter().any(|&(_, k)| implies(k, f)) {
            t.ins[i] = crate::trace::ir::Ins { op: IrOp::Nop, ty: Ty::Void, guard: None };
            continue;
        }
        if let Some(pos) = known.iter().position(|&(at, k)| at != usize::MAX && implies(f, k) && operands_before(&t, i, at)) {
            let at = known[pos].0;
            let moved = t.ins[i];
            t.ins[at].op = moved.op;
            t.ins[i] = crate::trace::ir::Ins { op: IrOp::Nop, ty: Ty::Void, guard: None };
            known[pos] = (at, f);
            continue;
        }
        known.push((i, f));
    }
    t
}

fn mentions_any(f: Fact, refs: &[Ref]) -> bool {
    match f {
        Fact::AtLeast(x, _) | Fact::Below(x, _) => refs.contains(&x),
        Fact::InBounds(x, n) => refs.contains(&x) || refs.contains(&n),
    }
}
