//! The trace optimiser. Folding and CSE run as each instruction is emitted (`Emitter`); the
//! other passes run once over a recorded trace, in this order (`optimise`):
//!
//! 1. `loop_peel`: re-emit the recorded iteration after a `Loop` marker; through CSE every
//!    loop-invariant instruction and guard resolves to the preamble's (LICM), and `Phi`s carry
//!    the loop variables;
//! 2. `bounds`: bounds checks on induction variables in the loop become two checks before it;
//! 3. `guards`: implied guards are removed, and a later stronger bound moves into an earlier
//!    guard;
//! 4. `sink`: tuples that do not escape are removed (rebuilt only when a snapshot needs them);
//! 5. `dce`: instructions nothing uses become `Nop`.
//!
//! `Trace::verify` runs after each pass in debug builds and tests.

pub mod bounds;
pub mod cse;
pub mod dce;
pub mod fold;
pub mod guards;
pub mod loop_peel;
pub mod sink;

use crate::trace::ir::{IrOp, Ref, SnapId, Trace, Ty};

/// Appends instructions to a trace through folding and CSE.
#[derive(Default)]
pub struct Emitter {
    pub trace: Trace,
    cse: cse::Cse,
    /// While emitting a peeled loop body: the `Loop` marker's index and the preamble values
    /// that change from one iteration to the next (carried by phis). An instruction using any
    /// of them, or a loop-body value, is loop-variant and must not resolve to a preamble
    /// instruction through CSE (that one computed it for the first iteration only).
    loop_start: Option<usize>,
    variant: std::collections::HashSet<Ref>,
}

impl Emitter {
    pub fn new(trace: Trace) -> Emitter {
        Emitter { trace, ..Emitter::default() }
    }

    /// Start the loop body: `variant` are the preamble values the loop changes.
    pub fn begin_loop(&mut self, variant: impl IntoIterator<Item = Ref>) {
        self.loop_start = Some(self.trace.ins.len());
        self.variant = variant.into_iter().collect();
        self.emit_raw(IrOp::Loop, Ty::Void);
    }

    fn is_variant(&self, op: &IrOp) -> bool {
        match self.loop_start {
            None => false,
            Some(ls) => op.refs().iter().any(|r| r.idx() > ls || self.variant.contains(r)),
        }
    }

    /// An emitter continuing `t`: its instructions are copied as they are and known to CSE.
    pub fn seeded(t: &Trace) -> Emitter {
        let mut em = Emitter::new(Trace { ins: vec![], ..t.clone() });
        for ins in &t.ins {
            let r = em.trace.push(ins.op, ins.ty, ins.guard);
            em.cse.record(ins.op, ins.ty, r);
        }
        em
    }

    pub fn emit(&mut self, op: IrOp, ty: Ty, guard: Option<SnapId>) -> Ref {
        let op = match fold::fold(&self.trace, op, ty) {
            fold::Folded::Same(r) => return r,
            fold::Folded::Op(o) => o,
            fold::Folded::Keep => op,
        };
        if let Some(r) = self.cse.lookup(op, ty) {
            let preamble = self.loop_start.is_some_and(|ls| r.idx() < ls);
            if !(preamble && self.is_variant(&op)) {
                return r;
            }
        }
        let guard = if op.can_guard() { guard } else { None };
        let r = self.trace.push(op, ty, guard);
        self.cse.record(op, ty, r);
        r
    }

    /// An instruction that must not be merged or folded (a `Loop` marker, a `Phi`).
    pub fn emit_raw(&mut self, op: IrOp, ty: Ty) -> Ref {
        self.trace.push(op, ty, None)
    }
}

fn checked(t: &Trace, pass: &str) -> Result<(), String> {
    t.verify().map_err(|e| format!("after {pass}: {e}\n{}", t.dump()))
}

/// Optimise a recorded trace (the body of one iteration ending at the loop header).
pub fn optimise(recorded: Trace) -> Result<Trace, String> {
    checked(&recorded, "recording")?;
    let t = loop_peel::peel(recorded);
    checked(&t, "loop peeling")?;
    let t = bounds::hoist(t);
    checked(&t, "bounds-check hoisting")?;
    let t = guards::strengthen(t);
    checked(&t, "guard strengthening")?;
    let t = sink::remove_allocations(t);
    checked(&t, "allocation removal")?;
    let t = dce::eliminate(t);
    checked(&t, "dead-code elimination")?;
    Ok(t)
}
