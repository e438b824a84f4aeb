//! The bytecode interpreter: an explicit stack of frames (so that deep recursion never grows the
//! Rust stack and a deoptimised trace can rebuild any stack of inlined frames) and one dispatch
//! loop per frame activation. Exceptions propagate straight out (the bytecode has no handlers),
//! so whatever was written to arrays and objects before the raise stays written, as in CPython.
//!
//! Loop headers count iterations and hand hot loops to the tracing machinery (`trace::hooks`).

use std::cell::RefCell;
use std::rc::Rc;

use crate::array;
use crate::builtins;
use crate::bytecode::{BinOp, CmpOp, Code, Op, UnOp};
use crate::function::Function;
use crate::host::Host;
use crate::ops;
use crate::trace::hooks::{self, LoopEvent};
use crate::value::{Exc, ExcKind, IterState, Res, Value};

/// One activation of a function.
pub struct Frame {
    pub func: Rc<Function>,
    pub pc: usize,
    pub regs: Vec<Value>,
    /// The caller's register that receives the return value.
    pub ret: u32,
}

/// What ended a run of one frame's instructions.
enum Transfer {
    Return(Value),
    Call(Frame),
    /// The frame stack was replaced (a trace ran and deoptimised): dispatch on the new top.
    Resume,
}

pub struct Interp<'h> {
    pub host: &'h mut dyn Host,
    pub frames: Vec<Frame>,
    /// The recording in progress, if any (it sees every instruction of its frame).
    pub recorder: Option<Box<crate::trace::recorder::Recorder>>,
}

/// Call `func` with positional and keyword arguments (the last `kwnames.len()` of `args`).
pub fn call(host: &mut dyn Host, func: &Rc<Function>, args: &[Value], kwnames: &[Value]) -> Res<Value> {
    let regs = func.bind(args, kwnames)?;
    func.state.borrow_mut().stats.calls += 1;
    let mut it = Interp { host, frames: vec![Frame { func: func.clone(), pc: 0, regs, ret: 0 }], recorder: None };
    it.run()
}

impl Interp<'_> {
    /// Run until the bottom frame returns.
    pub fn run(&mut self) -> Res<Value> {
        loop {
            let func = self.frames.last().expect("a frame").func.clone();
            match self.run_frame(&func.code)? {
                Transfer::Return(v) => {
                    let done = self.frames.pop().expect("a frame");
                    if self.recorder.as_ref().is_some_and(|r| r.depth > self.frames.len()) {
                        let mut rec = self.recorder.take().unwrap();
                        rec.fail::<()>("return from the traced frame");
                        crate::trace::hooks::abort(rec);
                    }
                    match self.frames.last_mut() {
                        None => return Ok(v),
                        Some(caller) => caller.regs[done.ret as usize] = v,
                    }
                }
                Transfer::Resume => {}
                Transfer::Call(frame) => {
                    if self.frames.len() >= self.host.recursion_room() {
                        return Err(Exc::new(ExcKind::RecursionError, "maximum recursion depth exceeded"));
                    }
                    frame.func.state.borrow_mut().stats.calls += 1;
                    self.frames.push(frame);
                }
            }
        }
    }

    fn run_frame(&mut self, code: &Code) -> Res<Transfer> {
        loop {
            let pc = self.frames.last().unwrap().pc;
            let op = code.ops[pc];
            if self.recorder.is_some() {
                self.record_before(code, pc, op);
            }
            self.frames.last_mut().unwrap().pc = pc + 1;
            match op {
                Op::LoopHead { loop_id } => {
                    if let LoopEvent::Resume = hooks::loop_head(self, loop_id)? {
                        // A trace ran and deoptimised into a (possibly deeper) frame stack.
                        return Ok(Transfer::Resume);
                    }
                }
                Op::Call { dst, func, first, n, kw } => {
                    if let Some(t) = self.call_op(code, dst, func, first, n, kw)? {
                        return Ok(t);
                    }
                }
                Op::Return { src } => {
                    let f = self.frames.last_mut().unwrap();
                    return Ok(Transfer::Return(std::mem::take(&mut f.regs[src as usize])));
                }
                _ => self.step(code, op)?,
            }
            if self.recorder.is_some() {
                self.record_after();
            }
        }
    }

    /// Let the recorder translate the instruction about to run in its frame.
    fn record_before(&mut self, code: &Code, pc: usize, op: Op) {
        let depth = self.frames.len();
        let rec = self.recorder.as_mut().unwrap();
        if rec.depth != depth || matches!(op, Op::LoopHead { .. }) {
            return;
        }
        rec.before(code, &self.frames[depth - 1].regs, pc as u32, op);
        if rec.abort.is_some() {
            crate::trace::hooks::abort(self.recorder.take().unwrap());
        }
    }

    fn record_after(&mut self) {
        let depth = self.frames.len();
        let rec = self.recorder.as_mut().unwrap();
        if rec.depth != depth {
            return;
        }
        rec.after(&self.frames[depth - 1].regs);
        if rec.abort.is_some() {
            crate::trace::hooks::abort(self.recorder.take().unwrap());
        }
    }

    /// Execute one instruction that neither calls nor returns.
    fn step(&mut self, code: &Code, op: Op) -> Res<()> {
        let Interp { host, frames, .. } = self;
        let host: &mut dyn Host = &mut **host;
        let f = frames.last_mut().unwrap();
        let r = &mut f.regs;
        match op {
            Op::Nop {} | Op::LoopHead { .. } => {}
            Op::LoadConst { dst, k } => r[dst as usize] = code.consts[k as usize].clone(),
            Op::Move { dst, src } => r[dst as usize] = r[src as usize].clone(),
            Op::LoadGlobal { dst, g } => r[dst as usize] = f.func.global(g, host)?,
            Op::CheckBound { src, name } => {
                if matches!(r[src as usize], Value::Unbound) {
                    let Value::Str(n) = &code.consts[name as usize] else { unreachable!() };
                    return Err(Exc::new(
                        ExcKind::UnboundLocalError,
                        format!("cannot access local variable '{n}' where it is not associated with a value"),
                    ));
                }
            }
            Op::Binary { dst, a, b, op } => {
                let v = ops::binary(host, BinOp::from_u32(op).unwrap(), false, &r[a as usize], &r[b as usize])?;
                r[dst as usize] = v;
            }
            Op::Inplace { dst, a, b, op } => {
                let v = ops::binary(host, BinOp::from_u32(op).unwrap(), true, &r[a as usize], &r[b as usize])?;
                r[dst as usize] = v;
            }
            Op::Unary { dst, a, op } => r[dst as usize] = ops::unary(host, UnOp::from_u32(op).unwrap(), &r[a as usize])?,
            Op::Compare { dst, a, b, op } => {
                r[dst as usize] = ops::compare(host, CmpOp::from_u32(op).unwrap(), &r[a as usize], &r[b as usize])?
            }
            Op::Jump { target } => f.pc = target as usize,
            Op::JumpIfTrue { cond, target } => {
                if ops::truth(host, &r[cond as usize])? {
                    f.pc = target as usize;
                }
            }
            Op::JumpIfFalse { cond, target } => {
                if !ops::truth(host, &r[cond as usize])? {
                    f.pc = target as usize;
                }
            }
            Op::GetIter { iter, src } => r[iter as usize] = get_iter(host, &r[src as usize])?,
            Op::ForIter { dst, iter, exit } => match for_next(host, &r[iter as usize])? {
                Some(v) => r[dst as usize] = v,
                None => f.pc = exit as usize,
            },
            Op::GetItem { dst, obj, idx } => r[dst as usize] = getitem(host, &r[obj as usize], std::slice::from_ref(&r[idx as usize]), false)?,
            Op::GetItemN { dst, obj, first, n } => {
                let v = getitem(host, &r[obj as usize], &r[first as usize..(first + n) as usize], true)?;
                r[dst as usize] = v;
            }
            Op::SetItem { obj, idx, src } => setitem(host, &r[obj as usize], std::slice::from_ref(&r[idx as usize]), false, &r[src as usize])?,
            Op::SetItemN { obj, first, n, src } => {
                setitem(host, &r[obj as usize], &r[first as usize..(first + n) as usize], true, &r[src as usize])?
            }
            Op::GetAttr { dst, obj, name } => r[dst as usize] = getattr(host, &r[obj as usize], const_str(code, name))?,
            Op::SetAttr { obj, name, src } => host.setattr(&r[obj as usize], const_str(code, name), &r[src as usize])?,
            Op::BuildTuple { dst, first, n } => r[dst as usize] = Value::tuple(r[first as usize..(first + n) as usize].to_vec()),
            Op::Unpack { first, n, src } => {
                let items = unpack(host, &r[src as usize], n as usize)?;
                for (i, v) in items.into_iter().enumerate() {
                    r[first as usize + i] = v;
                }
            }
            Op::CallMethod { dst, obj, name, first, n, kw } => {
                let args = &r[first as usize..(first + n) as usize];
                let v = host.call_method(&r[obj as usize], const_str(code, name), args, code.kwnames(kw))?;
                r[dst as usize] = v;
            }
            Op::Raise { src } => return Err(host.raise(&r[src as usize])),
            Op::Call { .. } | Op::Return { .. } => unreachable!("handled by run_frame"),
        }
        Ok(())
    }

    /// `Call`: a jitted callee becomes a new frame; builtins and host callables run here.
    fn call_op(&mut self, code: &Code, dst: u32, func: u32, first: u32, n: u32, kw: u32) -> Res<Option<Transfer>> {
        let f = self.frames.last_mut().unwrap();
        let callee = f.regs[func as usize].clone();
        let args = &f.regs[first as usize..(first + n) as usize];
        let kwnames = code.kwnames(kw);
        let v = match &callee {
            Value::Func(fc) => {
                let regs = fc.bind(args, kwnames)?;
                return Ok(Some(Transfer::Call(Frame { func: fc.clone(), pc: 0, regs, ret: dst })));
            }
            Value::Builtin(b) => builtins::call(self.host, b, args, kwnames)?,
            other => self.host.call(other, args, kwnames)?,
        };
        self.frames.last_mut().unwrap().regs[dst as usize] = v;
        Ok(None)
    }
}

fn const_str(code: &Code, k: u32) -> &str {
    match &code.consts[k as usize] {
        Value::Str(s) => s,
        _ => unreachable!("verified name operand"),
    }
}

/// `iter(v)` for a `for` loop.
pub fn get_iter(host: &mut dyn Host, v: &Value) -> Res<Value> {
    let state = match v {
        Value::Range(r) => IterState::Range { next: r.start, stop: r.stop, step: r.step },
        Value::Tuple(t) => IterState::Tuple { items: t.clone(), pos: 0 },
        Value::Array(a) if a.view.ndim() >= 1 => IterState::Array { arr: a.clone(), pos: 0 },
        Value::Iter(_) => return Ok(v.clone()),
        other => IterState::Host(host.iter(other)?),
    };
    Ok(Value::Iter(Rc::new(RefCell::new(state))))
}

/// The next item of a loop iterator, `None` when exhausted.
pub fn for_next(host: &mut dyn Host, it: &Value) -> Res<Option<Value>> {
    let Value::Iter(cell) = it else { unreachable!("ForIter on a non-iterator") };
    let mut st = cell.borrow_mut();
    match &mut *st {
        IterState::Range { next, stop, step } => {
            let cur = *next;
            let more = if *step > 0 { cur < *stop } else { cur > *stop };
            if !more {
                return Ok(None);
            }
            // Past the end the value is never read again; saturate instead of overflowing.
            *next = cur.saturating_add(*step);
            Ok(Some(Value::Int(cur)))
        }
        IterState::Tuple { items, pos } => {
            let v = items.get(*pos).cloned();
            *pos += 1;
            Ok(v)
        }
        IterState::Array { arr, pos } => {
            if *pos >= arr.view.shape[0] {
                return Ok(None);
            }
            let i = Value::Int(*pos as i64);
            *pos += 1;
            let arr = arr.clone();
            drop(st);
            getitem(host, &Value::Array(arr), &[i], false).map(Some)
        }
        IterState::Host(obj) => {
            let obj = obj.clone();
            drop(st);
            host.next(&obj)
        }
    }
}

/// `obj[idx]` (`obj[idx0, idx1, ...]` when `tuple_index`).
pub fn getitem(host: &mut dyn Host, obj: &Value, idx: &[Value], tuple_index: bool) -> Res<Value> {
    match obj {
        Value::Array(a) => {
            if let Some(v) = array::get_element(a, idx) {
                return Ok(v);
            }
        }
        Value::Tuple(t) if !tuple_index => {
            if let Some(i) = idx[0].as_small_int() {
                let n = t.len() as i64;
                let j = if i < 0 { i + n } else { i };
                if j < 0 || j >= n {
                    return Err(Exc::new(ExcKind::IndexError, "tuple index out of range"));
                }
                return Ok(t[j as usize].clone());
            }
        }
        _ => {}
    }
    let index = if tuple_index { Value::tuple(idx.to_vec()) } else { idx[0].clone() };
    host.getitem(obj, &index)
}

/// `obj[idx] = v`.
pub fn setitem(host: &mut dyn Host, obj: &Value, idx: &[Value], tuple_index: bool, v: &Value) -> Res<()> {
    if let Value::Array(a) = obj {
        if array::set_element(a, idx, v) {
            return Ok(());
        }
    }
    let index = if tuple_index { Value::tuple(idx.to_vec()) } else { idx[0].clone() };
    host.setitem(obj, &index, v)
}

/// `obj.name` with array attributes and complex parts native.
pub fn getattr(host: &mut dyn Host, obj: &Value, name: &str) -> Res<Value> {
    match (obj, name) {
        (Value::Array(a), "shape") => return Ok(array::shape(a)),
        (Value::Array(a), "ndim") => return Ok(Value::Int(a.view.ndim() as i64)),
        (Value::Array(a), "size") => return Ok(Value::Int(a.view.size() as i64)),
        (Value::Complex(c), "real") => return Ok(Value::Float(c.re)),
        (Value::Complex(c), "imag") => return Ok(Value::Float(c.im)),
        _ => {}
    }
    host.getattr(obj, name)
}

/// Sequence unpacking into `n` targets, with CPython's ValueError texts.
pub fn unpack(host: &mut dyn Host, v: &Value, n: usize) -> Res<Vec<Value>> {
    let items: Vec<Value> = match v {
        Value::Tuple(t) => t.to_vec(),
        Value::Int(_) | Value::BigInt(_) | Value::Float(_) | Value::Bool(_) | Value::Complex(_) | Value::None | Value::Np(_) => {
            return Err(Exc::new(ExcKind::TypeError, format!("cannot unpack non-iterable {} object", host_type_name(v))));
        }
        other => {
            let it = get_iter(host, other)?;
            let mut items = vec![];
            while let Some(x) = for_next(host, &it)? {
                items.push(x);
                if items.len() > n {
                    return Err(Exc::new(ExcKind::ValueError, format!("too many values to unpack (expected {n})")));
                }
            }
            items
        }
    };
    if items.len() > n {
        return Err(Exc::new(ExcKind::ValueError, format!("too many values to unpack (expected {n})")));
    }
    if items.len() < n {
        return Err(Exc::new(ExcKind::ValueError, format!("not enough values to unpack (expected {n}, got {})", items.len())));
    }
    Ok(items)
}

fn host_type_name(v: &Value) -> String {
    match v {
        Value::Np(s) => s.dtype().name().to_string(),
        other => other.type_name().to_string(),
    }
}
