//! The trace executor: runs an optimised trace on unboxed values until a guard fails, then
//! deoptimises: the snapshot's slots are boxed back into the interpreter frame (virtual tuples
//! rebuilt), range iterators get their `next`, and the frame resumes at the snapshot's pc.
//!
//! It stands in for the LLVM backend (same trace, same exits) and is what tests compare against
//! the bytecode interpreter. It never raises: every condition under which the interpreter
//! would raise or warn is a guard, so the interpreter raises it after the exit.

use std::rc::Rc;

use dtypes::{DType, Scalar};

use crate::interp::Frame;
use crate::trace::ir::{IrOp, Ref, SnapId, SnapTarget, Trace, Ty};
use crate::trace::opt::fold::cmp_holds;
use crate::value::{ArrayRef, IterState, Value};

/// One unboxed value.
#[derive(Clone, Copy, Debug, Default)]
enum Rv {
    #[default]
    None,
    I(i64),
    F(f64),
    B(bool),
    /// Index into the executor's array table.
    A(u32),
    /// Index into the executor's iterator table.
    It(u32),
}

impl Rv {
    fn i(self) -> i64 {
        match self {
            Rv::I(v) => v,
            Rv::B(b) => b as i64,
            other => unreachable!("int expected, got {other:?}"),
        }
    }
    fn f(self) -> f64 {
        match self {
            Rv::F(v) => v,
            other => unreachable!("float expected, got {other:?}"),
        }
    }
    fn b(self) -> bool {
        match self {
            Rv::B(v) => v,
            other => unreachable!("bool expected, got {other:?}"),
        }
    }
}

struct Exec<'a> {
    t: &'a Trace,
    vals: Vec<Rv>,
    arrays: Vec<Rc<ArrayRef>>,
    iters: Vec<Value>,
}

/// Why the trace stopped.
pub struct ExitInfo {
    pub snapshot: SnapId,
    pub iterations: u64,
}

/// Run `t` on the top frame (which must be at the trace's loop header); on return the frame
/// holds the exit state and its pc is the exit's resume point.
pub fn run(t: &Trace, frame: &mut Frame) -> ExitInfo {
    let mut ex = Exec { t, vals: vec![Rv::None; t.ins.len()], arrays: vec![], iters: vec![] };
    // Instructions that do something (no Nop, marker, phi or virtual tuple), and the phis.
    let skip = |op: &IrOp| matches!(op, IrOp::Nop | IrOp::Loop | IrOp::Phi(..) | IrOp::NewTuple { .. } | IrOp::TupleGet(..) | IrOp::KVal(_));
    let lp = t.loop_index().unwrap_or(t.ins.len());
    let preamble: Vec<usize> = (0..lp).filter(|&i| !skip(&t.ins[i].op)).collect();
    let body: Vec<usize> = (lp..t.ins.len()).filter(|&i| !skip(&t.ins[i].op)).collect();
    let phis: Vec<(Ref, Ref)> = t.ins.iter().filter_map(|i| if let IrOp::Phi(l, r) = i.op { Some((l, r)) } else { None }).collect();
    let mut carried: Vec<Rv> = vec![Rv::None; phis.len()];
    let mut iterations = 0u64;
    let mut code = &preamble;
    loop {
        for &pc in code {
            if ex.step(pc, frame).is_err() {
                let snapshot = t.ins[pc].guard.expect("only guards fail");
                ex.deopt(snapshot, frame);
                return ExitInfo { snapshot, iterations };
            }
        }
        assert!(lp < t.ins.len(), "a loop trace has a Loop marker");
        if std::ptr::eq(code, &preamble) {
            // Into the loop: the preamble's values are the first iteration's inputs.
            code = &body;
            continue;
        }
        // Back edge: phis in parallel, then the loop body again.
        for (k, &(_, r)) in phis.iter().enumerate() {
            carried[k] = ex.vals[r.idx()];
        }
        for (k, &(l, _)) in phis.iter().enumerate() {
            ex.vals[l.idx()] = carried[k];
        }
        iterations += 1;
        code = &body;
    }
}

impl Exec<'_> {
    fn v(&self, r: Ref) -> Rv {
        self.vals[r.idx()]
    }

    fn set(&mut self, pc: usize, v: Rv) {
        self.vals[pc] = v;
    }

    /// Execute instruction `pc`; Err when it is a guard that fails.
    fn step(&mut self, pc: usize, frame: &Frame) -> Result<(), ()> {
        use IrOp::*;
        let ins = self.t.ins[pc];
        let v = match ins.op {
            Nop | Loop | Phi(..) | NewTuple { .. } | TupleGet(..) | KVal(_) => return Ok(()),
            KInt(k) => Rv::I(k),
            KFloat(b) => Rv::F(f64::from_bits(b)),
            KBool(b) => Rv::B(b),
            SLoad { slot } => self.load_slot(&frame.regs[slot as usize], ins.ty).ok_or(())?,
            IterLoad { slot } | IterStop { slot } | IterStep { slot } => self.iter_field(&frame.regs[slot as usize], ins.op),
            AddOv(a, b) => Rv::I(self.v(a).i().checked_add(self.v(b).i()).ok_or(())?),
            SubOv(a, b) => Rv::I(self.v(a).i().checked_sub(self.v(b).i()).ok_or(())?),
            MulOv(a, b) => Rv::I(self.v(a).i().checked_mul(self.v(b).i()).ok_or(())?),
            AddI(a, b) => Rv::I(self.v(a).i().wrapping_add(self.v(b).i())),
            MulI(a, b) => Rv::I(self.v(a).i().wrapping_mul(self.v(b).i())),
            FloorDivI(a, b) => Rv::I(crate::num::int::floor_div(self.v(a).i(), self.v(b).i()).ok_or(())?),
            ModI(a, b) => Rv::I(crate::num::int::floor_mod(self.v(a).i(), self.v(b).i()).ok_or(())?),
            NegI(a) => Rv::I(self.v(a).i().wrapping_neg()),
            FAdd(a, b) => Rv::F(self.v(a).f() + self.v(b).f()),
            FSub(a, b) => Rv::F(self.v(a).f() - self.v(b).f()),
            FMul(a, b) => Rv::F(self.v(a).f() * self.v(b).f()),
            FDiv(a, b) => Rv::F(self.v(a).f() / self.v(b).f()),
            FNeg(a) => Rv::F(-self.v(a).f()),
            FMath(m, a) => Rv::F(m.apply(self.v(a).f())),
            IToF(a) => Rv::F(self.v(a).i() as f64),
            FToI(a) => Rv::I(self.v(a).f() as i64),
            Cmp(op, a, b) => Rv::B(self.compare(op, a, b)),
            Not(a) => Rv::B(!self.v(a).b()),
            Select(c, a, b) => if self.v(c).b() { self.v(a) } else { self.v(b) },
            GuardTrue(c) => return if self.v(c).b() { Ok(()) } else { Err(()) },
            GuardFalse(c) => return if self.v(c).b() { Err(()) } else { Ok(()) },
            GuardClean(a) => {
                let x = self.v(a).f();
                return if x.is_normal() || x == 0.0 { Ok(()) } else { Err(()) };
            }
            BoundsCheck(i, n) => {
                let (i, n) = (self.v(i).i(), self.v(n).i());
                return if i >= 0 && i < n { Ok(()) } else { Err(()) };
            }
            ArrDim(a, k) => Rv::I(self.array(a).view.shape[k as usize] as i64),
            ArrStride(a, k) => Rv::I(self.array(a).view.strides[k as usize] as i64),
            ArrLoad(a, off) => self.load(a, off, ins.ty),
            ArrStore(a, off, x) => {
                self.store(a, off, x);
                return Ok(());
            }
            WBar(a) => {
                // A failing barrier (an error forcing a pending reader) leaves by the snapshot
                // before it; the interpreter's store then meets the error itself.
                let arr = self.array(a).clone();
                numrt::graph::prepare_write(&arr.view.buffer).map_err(|_| ())?;
                return Ok(());
            }
        };
        self.set(pc, v);
        Ok(())
    }

    fn compare(&self, op: crate::bytecode::CmpOp, a: Ref, b: Ref) -> bool {
        match (self.v(a), self.v(b)) {
            (Rv::F(x), Rv::F(y)) => cmp_holds(op, x, y),
            (x, y) => cmp_holds(op, x.i(), y.i()),
        }
    }

    fn array(&self, r: Ref) -> &Rc<ArrayRef> {
        match self.v(r) {
            Rv::A(k) => &self.arrays[k as usize],
            other => unreachable!("array expected, got {other:?}"),
        }
    }

    /// The unboxed entry value of a slot, if it has the expected type.
    fn load_slot(&mut self, v: &Value, ty: Ty) -> Option<Rv> {
        Some(match (ty, v) {
            (Ty::Int, Value::Int(i)) => Rv::I(*i),
            (Ty::Float, Value::Float(f)) => Rv::F(*f),
            (Ty::Bool, Value::Bool(b)) => Rv::B(*b),
            (Ty::Np(DType::Float64), Value::Np(Scalar::Float64(f))) => Rv::F(*f),
            (Ty::Np(DType::Int64), Value::Np(Scalar::Int64(i))) => Rv::I(*i),
            (Ty::Np(DType::Bool), Value::Np(Scalar::Bool(b))) => Rv::B(*b),
            (Ty::Arr { dtype, ndim, writeable }, Value::Array(a))
                if a.view.dtype == dtype && a.view.ndim() == ndim as usize && a.view.writeable() == writeable =>
            {
                self.arrays.push(a.clone());
                Rv::A(self.arrays.len() as u32 - 1)
            }
            (Ty::Iter, Value::Iter(it)) if matches!(&*it.borrow(), IterState::Range { .. }) => {
                self.iters.push(v.clone());
                Rv::It(self.iters.len() as u32 - 1)
            }
            _ => return None,
        })
    }

    fn iter_field(&self, v: &Value, op: IrOp) -> Rv {
        let Value::Iter(it) = v else { unreachable!("guarded iterator") };
        let IterState::Range { next, stop, step } = *it.borrow() else { unreachable!("guarded range") };
        Rv::I(match op {
            IrOp::IterLoad { .. } => next,
            IrOp::IterStop { .. } => stop,
            _ => step,
        })
    }

    fn load(&self, a: Ref, off: Ref, ty: Ty) -> Rv {
        let arr = self.array(a);
        // SAFETY: every element access was bounds checked against this view by guards (or by
        // the hoisted checks) before it; the view keeps its buffer alive.
        let p = unsafe { arr.view.data_ptr().offset(self.v(off).i() as isize) };
        unsafe {
            match ty {
                Ty::Np(DType::Float64) => Rv::F((p as *const f64).read_unaligned()),
                Ty::Np(DType::Int64) => Rv::I((p as *const i64).read_unaligned()),
                Ty::Np(DType::Bool) => Rv::B(*p != 0),
                other => unreachable!("load of {other:?}"),
            }
        }
    }

    fn store(&self, a: Ref, off: Ref, x: Ref) {
        let arr = self.array(a);
        let p = unsafe { arr.view.data_ptr().offset(self.v(off).i() as isize) };
        // SAFETY: as for `load`; the array's writeability is part of its guarded type.
        unsafe {
            match (arr.view.dtype, self.v(x)) {
                (DType::Float64, Rv::F(f)) => (p as *mut f64).write_unaligned(f),
                (DType::Int64, Rv::I(i)) => (p as *mut i64).write_unaligned(i),
                (DType::Bool, Rv::B(b)) => *p = b as u8,
                (d, v) => unreachable!("store of {v:?} into {d:?}"),
            }
        }
    }

    fn boxed(&self, r: Ref) -> Value {
        let ins = self.t.get(r);
        let v = self.v(r);
        match ins.ty {
            Ty::Int => Value::Int(v.i()),
            Ty::Float => Value::Float(v.f()),
            Ty::Bool => Value::Bool(v.b()),
            Ty::Np(DType::Float64) => Value::Np(Scalar::Float64(v.f())),
            Ty::Np(DType::Int64) => Value::Np(Scalar::Int64(v.i())),
            Ty::Np(DType::Bool) => Value::Np(Scalar::Bool(v.b())),
            Ty::Arr { .. } => Value::Array(self.array(r).clone()),
            Ty::Known => match ins.op {
                IrOp::KVal(k) => self.t.consts[k as usize].clone(),
                _ => unreachable!("known values are constants"),
            },
            Ty::Iter => match v {
                Rv::It(k) => self.iters[k as usize].clone(),
                _ => unreachable!("iterator value"),
            },
            Ty::Tuple => match ins.op {
                IrOp::NewTuple { list } => Value::tuple(self.t.lists[list as usize].iter().map(|&x| self.boxed(x)).collect()),
                _ => unreachable!("tuples are virtual"),
            },
            other => unreachable!("cannot box {other:?}"),
        }
    }

    fn deopt(&self, s: SnapId, frame: &mut Frame) {
        let snap = &self.t.snapshots[s as usize];
        for &(target, r) in &snap.entries {
            match target {
                SnapTarget::Slot(slot) => frame.regs[slot as usize] = self.boxed(r),
                SnapTarget::IterNext(slot) => {
                    if let Value::Iter(it) = &frame.regs[slot as usize] {
                        if let IterState::Range { next, .. } = &mut *it.borrow_mut() {
                            *next = self.v(r).i();
                        }
                    }
                }
            }
        }
        frame.pc = snap.pc as usize;
    }
}
