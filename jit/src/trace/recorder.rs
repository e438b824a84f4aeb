//! The trace recorder: while the interpreter runs one iteration of a hot loop, each bytecode
//! instruction is translated (before it executes, from the types of its operands' current
//! values) into trace IR with the guards that make the recording valid for later iterations.
//! After it executes, the result's type is checked against what was recorded. Anything the
//! recorder does not handle aborts the trace with a reason (LuaJIT's NYI): the loop then stays
//! in the interpreter.
//!
//! Slot state: `slots` maps registers to their current IR value (entry values come from
//! lazily emitted `SLoad`s); range iterators map to their `next`/`stop`/`step`. A snapshot for
//! the current instruction (resume at its pc, slots that differ from the register file) is
//! made on the first guard it needs.

use std::collections::HashMap;
use std::rc::Rc;

use dtypes::{DType, Scalar};

use crate::bytecode::{Code, Op};
use crate::function::Function;
use crate::trace::ir::{IrOp, Ref, SnapId, SnapTarget, Snapshot, Trace, Ty};
use crate::trace::opt::Emitter;
use crate::value::{IterState, Value};

/// Longest recording before the trace is abandoned.
pub const TRACE_LIMIT: usize = 4000;

/// Per-range-iterator IR state.
#[derive(Clone, Copy)]
pub struct IterRefs {
    pub next: Ref,
    pub stop: Ref,
    pub step: Ref,
}

pub struct Recorder {
    pub em: Emitter,
    pub func: Rc<Function>,
    pub loop_id: u32,
    pub loop_pc: u32,
    /// Depth of the traced frame in the interpreter's frame stack.
    pub depth: usize,
    pub slots: HashMap<u32, Ref>,
    pub iters: HashMap<u32, IterRefs>,
    /// (slot, type) the executed instruction must have produced.
    pub expect: Option<(u32, Ty)>,
    /// The global the executed `LoadGlobal` read (recorded after it runs).
    pub pending_global: Option<(u32, u32)>,
    snap_cache: Option<(u32, SnapId)>,
    pub cur_pc: u32,
    pub abort: Option<String>,
}

/// The IR type of an interpreter value, if traces handle it.
pub fn type_of(v: &Value) -> Option<Ty> {
    Some(match v {
        Value::Int(_) => Ty::Int,
        Value::Float(_) => Ty::Float,
        Value::Bool(_) => Ty::Bool,
        Value::Np(Scalar::Float64(_)) => Ty::Np(DType::Float64),
        Value::Np(Scalar::Int64(_)) => Ty::Np(DType::Int64),
        Value::Np(Scalar::Bool(_)) => Ty::Np(DType::Bool),
        Value::Array(a) => {
            let dtype = a.view.dtype;
            if !matches!(dtype, DType::Float64 | DType::Int64 | DType::Bool) || a.view.ndim() > 8 {
                return None;
            }
            Ty::Arr { dtype, ndim: a.view.ndim() as u8, writeable: a.view.writeable() }
        }
        Value::Iter(it) if matches!(&*it.borrow(), IterState::Range { .. }) => Ty::Iter,
        _ => return None,
    })
}

impl Recorder {
    pub fn new(func: Rc<Function>, loop_id: u32, loop_pc: u32, depth: usize) -> Recorder {
        let trace = Trace { loop_pc, ..Trace::default() };
        Recorder {
            em: Emitter::new(trace),
            func,
            loop_id,
            loop_pc,
            depth,
            slots: HashMap::new(),
            iters: HashMap::new(),
            expect: None,
            pending_global: None,
            snap_cache: None,
            cur_pc: loop_pc + 1,
            abort: None,
        }
    }

    pub fn fail<T>(&mut self, why: impl Into<String>) -> Option<T> {
        if self.abort.is_none() {
            self.abort = Some(why.into());
        }
        None
    }

    /// The snapshot of the state before the current instruction.
    pub fn snap(&mut self) -> SnapId {
        if let Some((pc, s)) = self.snap_cache {
            if pc == self.cur_pc {
                return s;
            }
        }
        let s = self.take_snapshot(self.cur_pc);
        self.snap_cache = Some((self.cur_pc, s));
        s
    }

    /// A snapshot resuming at `pc` with every slot and iterator the trace changed.
    pub fn take_snapshot(&mut self, pc: u32) -> SnapId {
        let mut entries: Vec<(SnapTarget, Ref)> = vec![];
        for (&slot, &r) in &self.slots {
            if self.em.trace.get(r).op != (IrOp::SLoad { slot }) {
                entries.push((SnapTarget::Slot(slot), r));
            }
        }
        for (&slot, it) in &self.iters {
            if self.em.trace.get(it.next).op != (IrOp::IterLoad { slot }) {
                entries.push((SnapTarget::IterNext(slot), it.next));
            }
        }
        entries.sort_by_key(|e| match e.0 {
            SnapTarget::Slot(s) => (0, s),
            SnapTarget::IterNext(s) => (1, s),
        });
        self.em.trace.snapshots.push(Snapshot { pc, entries });
        self.em.trace.snapshots.len() as u32 - 1
    }

    pub fn emit(&mut self, op: IrOp, ty: Ty) -> Ref {
        self.em.emit(op, ty, None)
    }

    pub fn guard(&mut self, op: IrOp, ty: Ty) -> Ref {
        let s = self.snap();
        self.em.emit(op, ty, Some(s))
    }

    pub fn kint(&mut self, v: i64) -> Ref {
        self.emit(IrOp::KInt(v), Ty::Int)
    }

    pub fn kfloat(&mut self, v: f64) -> Ref {
        self.emit(IrOp::KFloat(v.to_bits()), Ty::Float)
    }

    /// The IR value of register `slot` holding `v` now.
    pub fn read(&mut self, slot: u32, v: &Value) -> Option<Ref> {
        if let Some(&r) = self.slots.get(&slot) {
            return Some(r);
        }
        let Some(ty) = type_of(v) else {
            return self.fail(format!("a {} value in a loop variable", v.type_name()));
        };
        let r = self.guard(IrOp::SLoad { slot }, ty);
        self.slots.insert(slot, r);
        Some(r)
    }

    /// The value of a `KVal` instruction.
    pub fn known(&self, r: Ref) -> Option<&Value> {
        match self.em.trace.get(r).op {
            IrOp::KVal(k) => self.em.trace.consts.get(k as usize),
            _ => None,
        }
    }

    pub fn ty(&self, r: Ref) -> Ty {
        self.em.trace.get(r).ty
    }

    pub fn write(&mut self, slot: u32, r: Ref) {
        self.slots.insert(slot, r);
        self.expect = Some((slot, self.ty(r)));
    }

    /// Translate instruction `pc` of the traced frame before it runs.
    pub fn before(&mut self, code: &Code, regs: &[Value], pc: u32, op: Op) {
        self.cur_pc = pc;
        self.expect = None;
        if self.em.trace.ins.len() > TRACE_LIMIT {
            self.fail::<()>("trace too long");
            return;
        }
        crate::trace::record_ops::record(self, code, regs, op);
    }

    /// Check the executed instruction produced what was recorded.
    pub fn after(&mut self, regs: &[Value]) {
        if let Some((slot, g)) = self.pending_global.take() {
            let v = regs[slot as usize].clone();
            self.record_global(slot, g, v);
            return;
        }
        if let Some((slot, ty)) = self.expect.take() {
            let v = &regs[slot as usize];
            let same = match ty {
                Ty::Tuple => matches!(v, Value::Tuple(_)),
                Ty::Known => true,
                _ => type_of(v) == Some(ty),
            };
            if !same {
                self.fail::<()>(format!("result type changed while recording ({})", regs[slot as usize].type_name()));
            }
        }
    }

    fn record_global(&mut self, slot: u32, g: u32, v: Value) {
        let r = match &v {
            Value::Int(i) => self.kint(*i),
            Value::Float(f) => self.kfloat(*f),
            Value::Bool(b) => self.emit(IrOp::KBool(*b), Ty::Bool),
            Value::Builtin(_) => {
                self.em.trace.consts.push(v.clone());
                let k = self.em.trace.consts.len() as u32 - 1;
                self.emit(IrOp::KVal(k), Ty::Known)
            }
            other => {
                self.fail::<()>(format!("global of type {} in a traced loop", other.type_name()));
                return;
            }
        };
        self.em.trace.globals.push((g, v));
        self.slots.insert(slot, r);
    }

    /// Close the loop at its header: the recorded iteration and its end state.
    pub fn close(mut self) -> Trace {
        let s = self.take_snapshot(self.loop_pc);
        self.em.trace.loop_snapshot = Some(s);
        self.em.trace
    }
}
