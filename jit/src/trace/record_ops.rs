//! Translation of single bytecode instructions into trace IR (called by `Recorder::before`
//! with the operands' current values). Every case mirrors the interpreter's native path for the
//! same types and guards each condition under which that path would do something else (big
//! ints, ZeroDivisionError, NumPy's flagged results, IndexError, a branch going the other way):
//! the guard exits to the interpreter, which then does exactly that.

use dtypes::DType;

use crate::bytecode::{BinOp, CmpOp, Code, Op, UnOp};
use crate::trace::ir::{FMath, IrOp, Ref, Ty};
use crate::trace::recorder::{IterRefs, Recorder};
use crate::value::{BuiltinId, IterState, Value};

const F64_EXACT: i64 = 1 << 53;

pub fn record(rec: &mut Recorder, code: &Code, regs: &[Value], op: Op) {
    let r = |s: u32| &regs[s as usize];
    let _ = match op {
        Op::Nop {} | Op::CheckBound { .. } | Op::Jump { .. } => Some(()),
        Op::LoadConst { dst, k } => load_const(rec, dst, &code.consts[k as usize]),
        Op::Move { dst, src } => rec.read(src, r(src)).map(|v| rec.write(dst, v)),
        Op::LoadGlobal { dst, g } => {
            rec.pending_global = Some((dst, g));
            Some(())
        }
        Op::Binary { dst, a, b, op } | Op::Inplace { dst, a, b, op } => {
            let (x, y) = (rec.read(a, r(a)), rec.read(b, r(b)));
            x.zip(y).and_then(|(x, y)| binary(rec, BinOp::from_u32(op).unwrap(), x, y)).map(|v| rec.write(dst, v))
        }
        Op::Unary { dst, a, op } => rec.read(a, r(a)).and_then(|x| unary(rec, UnOp::from_u32(op).unwrap(), x)).map(|v| rec.write(dst, v)),
        Op::Compare { dst, a, b, op } => {
            let (x, y) = (rec.read(a, r(a)), rec.read(b, r(b)));
            x.zip(y).and_then(|(x, y)| compare(rec, CmpOp::from_u32(op).unwrap(), x, y)).map(|v| rec.write(dst, v))
        }
        Op::JumpIfTrue { cond, .. } | Op::JumpIfFalse { cond, .. } => branch(rec, cond, r(cond)),
        Op::ForIter { dst, iter, .. } => for_iter(rec, dst, iter, r(iter)),
        Op::GetItem { dst, obj, idx } => getitem(rec, regs, dst, obj, idx, 1),
        Op::GetItemN { dst, obj, first, n } => getitem(rec, regs, dst, obj, first, n),
        Op::SetItem { obj, idx, src } => setitem(rec, regs, obj, idx, 1, src),
        Op::SetItemN { obj, first, n, src } => setitem(rec, regs, obj, first, n, src),
        Op::GetAttr { dst, obj, name } => getattr(rec, dst, obj, r(obj), &code.consts[name as usize]),
        Op::BuildTuple { dst, first, n } => build_tuple(rec, regs, dst, first, n),
        Op::Unpack { first, n, src } => unpack(rec, first, n, src, r(src)),
        Op::Call { dst, func, first, n, kw } => call(rec, regs, dst, func, first, n, kw),
        Op::LoopHead { .. } => rec.fail("an inner loop (it gets its own trace)"),
        Op::GetIter { .. } => rec.fail("a loop starts inside the traced loop"),
        Op::Return { .. } => rec.fail("return from inside the loop"),
        other => rec.fail(format!("{} is not traced yet", other.name())),
    };
}

fn load_const(rec: &mut Recorder, dst: u32, v: &Value) -> Option<()> {
    let r = match v {
        Value::Int(i) => rec.kint(*i),
        Value::Float(f) => rec.kfloat(*f),
        Value::Bool(b) => rec.emit(IrOp::KBool(*b), Ty::Bool),
        other => return rec.fail(format!("a {} constant", other.type_name())),
    };
    rec.write(dst, r);
    Some(())
}

/// `x` as an f64 operand: floats as they are; ints guarded to convert exactly.
fn as_float(rec: &mut Recorder, x: Ref) -> Ref {
    if rec.ty(x).is_float() {
        return x;
    }
    let lo = rec.kint(-F64_EXACT);
    let hi = rec.kint(F64_EXACT);
    let c1 = rec.emit(IrOp::Cmp(CmpOp::Ge, x, lo), Ty::Bool);
    rec.guard(IrOp::GuardTrue(c1), Ty::Void);
    let c2 = rec.emit(IrOp::Cmp(CmpOp::Le, x, hi), Ty::Bool);
    rec.guard(IrOp::GuardTrue(c2), Ty::Void);
    rec.emit(IrOp::IToF(x), Ty::Float)
}

fn guard_nonzero(rec: &mut Recorder, y: Ref) {
    let z = if rec.ty(y).is_float() { rec.kfloat(0.0) } else { rec.kint(0) };
    let c = rec.emit(IrOp::Cmp(CmpOp::Ne, y, z), Ty::Bool);
    rec.guard(IrOp::GuardTrue(c), Ty::Void);
}

fn binary(rec: &mut Recorder, op: BinOp, x: Ref, y: Ref) -> Option<Ref> {
    let (tx, ty) = (rec.ty(x), rec.ty(y));
    let np64 = Ty::Np(DType::Float64);
    let npi = Ty::Np(DType::Int64);
    match (tx, ty) {
        (Ty::Int, Ty::Int) => int_binary(rec, op, x, y, Ty::Int),
        (Ty::Np(DType::Int64), Ty::Int | Ty::Np(DType::Int64)) | (Ty::Int, Ty::Np(DType::Int64)) => match op {
            BinOp::Add | BinOp::Sub | BinOp::Mul => int_binary(rec, op, x, y, npi),
            _ => rec.fail("this NumPy int64 operator"),
        },
        _ if tx == np64 || ty == np64 => {
            let other = if tx == np64 { ty } else { tx };
            if !matches!(other, Ty::Float | Ty::Int) && other != np64 {
                return rec.fail("NumPy float64 with this operand type");
            }
            let f = match op {
                BinOp::Add => IrOp::FAdd as fn(Ref, Ref) -> IrOp,
                BinOp::Sub => IrOp::FSub,
                BinOp::Mul => IrOp::FMul,
                BinOp::TrueDiv => IrOp::FDiv,
                _ => return rec.fail("this NumPy float64 operator"),
            };
            let (a, b) = (as_float(rec, x), as_float(rec, y));
            let v = rec.emit(f(a, b), np64);
            rec.guard(IrOp::GuardClean(v), Ty::Void);
            Some(v)
        }
        (Ty::Float | Ty::Int, Ty::Float | Ty::Int) => float_binary(rec, op, x, y),
        _ => rec.fail(format!("{:?} {} {:?}", tx, op.symbol(), ty)),
    }
}

fn int_binary(rec: &mut Recorder, op: BinOp, x: Ref, y: Ref, out: Ty) -> Option<Ref> {
    Some(match op {
        BinOp::Add => rec.guard(IrOp::AddOv(x, y), out),
        BinOp::Sub => rec.guard(IrOp::SubOv(x, y), out),
        BinOp::Mul => rec.guard(IrOp::MulOv(x, y), out),
        BinOp::FloorDiv | BinOp::Mod => {
            guard_nonzero(rec, y);
            let m1 = rec.kint(-1);
            let c = rec.emit(IrOp::Cmp(CmpOp::Ne, y, m1), Ty::Bool);
            rec.guard(IrOp::GuardTrue(c), Ty::Void);
            let f = if op == BinOp::FloorDiv { IrOp::FloorDivI(x, y) } else { IrOp::ModI(x, y) };
            rec.emit(f, out)
        }
        BinOp::TrueDiv => {
            guard_nonzero(rec, y);
            let (a, b) = (as_float(rec, x), as_float(rec, y));
            rec.emit(IrOp::FDiv(a, b), Ty::Float)
        }
        _ => return rec.fail(format!("int {} int", op.symbol())),
    })
}

fn float_binary(rec: &mut Recorder, op: BinOp, x: Ref, y: Ref) -> Option<Ref> {
    let (a, b) = (as_float(rec, x), as_float(rec, y));
    Some(match op {
        BinOp::Add => rec.emit(IrOp::FAdd(a, b), Ty::Float),
        BinOp::Sub => rec.emit(IrOp::FSub(a, b), Ty::Float),
        BinOp::Mul => rec.emit(IrOp::FMul(a, b), Ty::Float),
        BinOp::TrueDiv => {
            guard_nonzero(rec, b);
            rec.emit(IrOp::FDiv(a, b), Ty::Float)
        }
        _ => return rec.fail(format!("float {} float", op.symbol())),
    })
}

fn unary(rec: &mut Recorder, op: UnOp, x: Ref) -> Option<Ref> {
    let t = rec.ty(x);
    Some(match (op, t) {
        (UnOp::Neg, Ty::Int) => {
            let z = rec.kint(0);
            rec.guard(IrOp::SubOv(z, x), Ty::Int)
        }
        (UnOp::Neg, Ty::Float | Ty::Np(DType::Float64)) => rec.emit(IrOp::FNeg(x), t),
        (UnOp::Pos, Ty::Int | Ty::Float | Ty::Np(DType::Float64)) => x,
        (UnOp::Not, _) => {
            let c = truth(rec, x)?;
            rec.emit(IrOp::Not(c), Ty::Bool)
        }
        _ => return rec.fail(format!("unary {op:?} of {t:?}")),
    })
}

/// `bool(x)` as an IR bool.
fn truth(rec: &mut Recorder, x: Ref) -> Option<Ref> {
    let t = rec.ty(x);
    Some(match t {
        Ty::Bool | Ty::Np(DType::Bool) => x,
        Ty::Int | Ty::Np(DType::Int64) => {
            let z = rec.kint(0);
            rec.emit(IrOp::Cmp(CmpOp::Ne, x, z), Ty::Bool)
        }
        Ty::Float | Ty::Np(DType::Float64) => {
            let z = rec.kfloat(0.0);
            rec.emit(IrOp::Cmp(CmpOp::Ne, x, z), Ty::Bool)
        }
        _ => return rec.fail(format!("truth of {t:?}")),
    })
}

fn guard_not_nan(rec: &mut Recorder, x: Ref) {
    let c = rec.emit(IrOp::Cmp(CmpOp::Eq, x, x), Ty::Bool);
    rec.guard(IrOp::GuardTrue(c), Ty::Void);
}

fn compare(rec: &mut Recorder, op: CmpOp, x: Ref, y: Ref) -> Option<Ref> {
    if op.ufunc().is_none() {
        return rec.fail(format!("'{}' comparison", op.symbol()));
    }
    let (tx, ty) = (rec.ty(x), rec.ty(y));
    let np = |t: Ty| matches!(t, Ty::Np(_));
    match (tx, ty) {
        (Ty::Int, Ty::Int) | (Ty::Bool, Ty::Bool) => Some(rec.emit(IrOp::Cmp(op, x, y), Ty::Bool)),
        (Ty::Float | Ty::Int, Ty::Float | Ty::Int) => {
            let (a, b) = (as_float(rec, x), as_float(rec, y));
            Some(rec.emit(IrOp::Cmp(op, a, b), Ty::Bool))
        }
        _ if (np(tx) || np(ty)) && [tx, ty].iter().all(|t| matches!(t, Ty::Float | Ty::Int | Ty::Np(DType::Float64))) => {
            let (a, b) = (as_float(rec, x), as_float(rec, y));
            guard_not_nan(rec, a);
            guard_not_nan(rec, b);
            Some(rec.emit(IrOp::Cmp(op, a, b), Ty::Np(DType::Bool)))
        }
        (Ty::Np(DType::Int64), Ty::Np(DType::Int64) | Ty::Int) | (Ty::Int, Ty::Np(DType::Int64)) => {
            Some(rec.emit(IrOp::Cmp(op, x, y), Ty::Np(DType::Bool)))
        }
        _ => rec.fail(format!("comparison of {tx:?} and {ty:?}")),
    }
}

fn branch(rec: &mut Recorder, slot: u32, v: &Value) -> Option<()> {
    let x = rec.read(slot, v)?;
    let c = truth(rec, x)?;
    let taken = match v {
        Value::Bool(b) => *b,
        Value::Int(i) => *i != 0,
        Value::Float(f) => *f != 0.0,
        Value::Np(s) => match crate::num::np::item(*s) {
            Value::Bool(b) => b,
            Value::Int(i) => i != 0,
            Value::Float(f) => f != 0.0,
            _ => return rec.fail("branch on this NumPy type"),
        },
        _ => return rec.fail("branch on this type"),
    };
    rec.guard(if taken { IrOp::GuardTrue(c) } else { IrOp::GuardFalse(c) }, Ty::Void);
    Some(())
}

fn for_iter(rec: &mut Recorder, dst: u32, slot: u32, v: &Value) -> Option<()> {
    let Value::Iter(it) = v else { return rec.fail("for over this iterator") };
    let IterState::Range { next, stop, step } = *it.borrow() else {
        return rec.fail("for over something other than a range");
    };
    let refs = match rec.iters.get(&slot) {
        Some(r) => *r,
        None => {
            rec.read(slot, v)?;
            // The step is specialised: guarded equal to its value now, then a constant (so the
            // loop variable is a recognisable induction variable).
            let step_ref = rec.emit(IrOp::IterStep { slot }, Ty::Int);
            let k = rec.kint(step);
            let same = rec.emit(IrOp::Cmp(CmpOp::Eq, step_ref, k), Ty::Bool);
            rec.guard(IrOp::GuardTrue(same), Ty::Void);
            let refs = IterRefs {
                next: rec.emit(IrOp::IterLoad { slot }, Ty::Int),
                stop: rec.emit(IrOp::IterStop { slot }, Ty::Int),
                step: k,
            };
            rec.iters.insert(slot, refs);
            refs
        }
    };
    let more = if step > 0 { next < stop } else { next > stop };
    if !more {
        return rec.fail("the loop ended while recording");
    }
    let cmp = if step > 0 { CmpOp::Lt } else { CmpOp::Gt };
    let c = rec.emit(IrOp::Cmp(cmp, refs.next, refs.stop), Ty::Bool);
    rec.guard(IrOp::GuardTrue(c), Ty::Void);
    let advanced = rec.guard(IrOp::AddOv(refs.next, refs.step), Ty::Int);
    let cur = refs.next;
    rec.iters.insert(slot, IterRefs { next: advanced, ..refs });
    rec.write(dst, cur);
    Some(())
}

/// The byte offset of element `idx` of array `a` (rank == idx.len()), bounds checked.
fn element_offset(rec: &mut Recorder, a: Ref, regs: &[Value], first: u32, n: u32) -> Option<Ref> {
    let mut off = rec.kint(0);
    for k in 0..n {
        let slot = first + k;
        let v = &regs[slot as usize];
        let Value::Int(iv) = v else { return rec.fail("an index that is not an int") };
        let i = rec.read(slot, v)?;
        let dim = rec.emit(IrOp::ArrDim(a, k as u8), Ty::Int);
        let z = rec.kint(0);
        let idx = if *iv < 0 {
            let neg = rec.emit(IrOp::Cmp(CmpOp::Lt, i, z), Ty::Bool);
            rec.guard(IrOp::GuardTrue(neg), Ty::Void);
            rec.emit(IrOp::AddI(i, dim), Ty::Int)
        } else {
            i
        };
        rec.guard(IrOp::BoundsCheck(idx, dim), Ty::Void);
        let stride = rec.emit(IrOp::ArrStride(a, k as u8), Ty::Int);
        let part = rec.emit(IrOp::MulI(idx, stride), Ty::Int);
        off = rec.emit(IrOp::AddI(off, part), Ty::Int);
    }
    Some(off)
}

fn array_ref(rec: &mut Recorder, regs: &[Value], obj: u32, n: u32) -> Option<(Ref, DType)> {
    let a = rec.read(obj, &regs[obj as usize])?;
    match rec.ty(a) {
        Ty::Arr { dtype, ndim, .. } if ndim as u32 == n => Some((a, dtype)),
        Ty::Arr { .. } => rec.fail("indexing with fewer indexes than dimensions (a view)"),
        t => rec.fail(format!("indexing a {t:?}")),
    }
}

fn getitem(rec: &mut Recorder, regs: &[Value], dst: u32, obj: u32, first: u32, n: u32) -> Option<()> {
    if let (Value::Tuple(_), 1) = (&regs[obj as usize], n) {
        let t = rec.read(obj, &regs[obj as usize])?;
        let Value::Int(k) = regs[first as usize] else { return rec.fail("tuple index that is not an int") };
        let len = match &regs[obj as usize] { Value::Tuple(items) => items.len() as i64, _ => 0 };
        let k = if k < 0 { k + len } else { k };
        let ki = rec.read(first, &regs[first as usize])?;
        let want = rec.kint(regs[first as usize].as_small_int()?);
        let c = rec.emit(IrOp::Cmp(CmpOp::Eq, ki, want), Ty::Bool);
        rec.guard(IrOp::GuardTrue(c), Ty::Void);
        if k < 0 || k >= len {
            return rec.fail("tuple index out of range");
        }
        let ety = element_ty(rec, t, k as usize)?;
        let v = rec.emit(IrOp::TupleGet(t, k as u32), ety);
        rec.write(dst, v);
        return Some(());
    }
    let (a, dtype) = array_ref(rec, regs, obj, n)?;
    let off = element_offset(rec, a, regs, first, n)?;
    let v = rec.emit(IrOp::ArrLoad(a, off), Ty::Np(dtype));
    rec.write(dst, v);
    Some(())
}

fn element_ty(rec: &mut Recorder, t: Ref, k: usize) -> Option<Ty> {
    match rec.em.trace.get(t).op {
        IrOp::NewTuple { list } => {
            let r = *rec.em.trace.lists[list as usize].get(k)?;
            Some(rec.ty(r))
        }
        _ => rec.fail("a tuple from outside the trace"),
    }
}

fn setitem(rec: &mut Recorder, regs: &[Value], obj: u32, first: u32, n: u32, src: u32) -> Option<()> {
    let (a, dtype) = array_ref(rec, regs, obj, n)?;
    let Ty::Arr { writeable: true, .. } = rec.ty(a) else { return rec.fail("store into a read-only array") };
    let x = rec.read(src, &regs[src as usize])?;
    let tx = rec.ty(x);
    let val = match (dtype, tx) {
        (DType::Float64, Ty::Float | Ty::Np(DType::Float64)) => x,
        (DType::Float64, Ty::Int) => as_float(rec, x),
        (DType::Int64, Ty::Int | Ty::Np(DType::Int64)) => x,
        (DType::Bool, Ty::Bool | Ty::Np(DType::Bool)) => x,
        _ => return rec.fail(format!("storing {tx:?} into a {} array", dtype.name())),
    };
    let off = element_offset(rec, a, regs, first, n)?;
    let s = rec.snap();
    rec.em.emit(IrOp::WBar(a), Ty::Void, Some(s));
    rec.emit(IrOp::ArrStore(a, off, val), Ty::Void);
    Some(())
}

fn getattr(rec: &mut Recorder, dst: u32, obj: u32, v: &Value, name: &Value) -> Option<()> {
    let Value::Str(name) = name else { return None };
    let a = rec.read(obj, v)?;
    let Ty::Arr { ndim, .. } = rec.ty(a) else { return rec.fail(format!("attribute '{name}' of this type")) };
    let r = match &**name {
        "ndim" => rec.kint(ndim as i64),
        "shape" => {
            let dims: Vec<Ref> = (0..ndim).map(|k| rec.emit(IrOp::ArrDim(a, k), Ty::Int)).collect();
            new_tuple(rec, dims)
        }
        _ => return rec.fail(format!("array attribute '{name}'")),
    };
    rec.write(dst, r);
    Some(())
}

fn new_tuple(rec: &mut Recorder, items: Vec<Ref>) -> Ref {
    rec.em.trace.lists.push(items);
    let list = rec.em.trace.lists.len() as u32 - 1;
    rec.emit(IrOp::NewTuple { list }, Ty::Tuple)
}

fn build_tuple(rec: &mut Recorder, regs: &[Value], dst: u32, first: u32, n: u32) -> Option<()> {
    let mut items = vec![];
    for k in first..first + n {
        items.push(rec.read(k, &regs[k as usize])?);
    }
    let t = new_tuple(rec, items);
    rec.write(dst, t);
    Some(())
}

fn unpack(rec: &mut Recorder, first: u32, n: u32, src: u32, v: &Value) -> Option<()> {
    if !matches!(v, Value::Tuple(t) if t.len() == n as usize) {
        return rec.fail("unpacking something other than a tuple of the right length");
    }
    let t = rec.read(src, v)?;
    for k in 0..n {
        let ty = element_ty(rec, t, k as usize)?;
        let item = rec.emit(IrOp::TupleGet(t, k), ty);
        rec.write(first + k, item);
    }
    rec.expect = None;
    Some(())
}

fn call(rec: &mut Recorder, regs: &[Value], dst: u32, func: u32, first: u32, n: u32, kw: u32) -> Option<()> {
    if kw != crate::bytecode::NO_KW {
        return rec.fail("a call with keyword arguments");
    }
    let f = rec.read(func, &regs[func as usize])?;
    let Some(Value::Builtin(b)) = rec.known(f).cloned() else {
        return rec.fail(match &regs[func as usize] {
            Value::Func(_) => "a call to a jitted function (not inlined yet)".to_string(),
            other => format!("a call to a {}", other.type_name()),
        });
    };
    let mut args = vec![];
    for k in first..first + n {
        args.push(rec.read(k, &regs[k as usize])?);
    }
    let v = builtin(rec, b.id, &args)?;
    rec.write(dst, v);
    Some(())
}

fn builtin(rec: &mut Recorder, id: BuiltinId, args: &[Ref]) -> Option<Ref> {
    let tys: Vec<Ty> = args.iter().map(|&a| rec.ty(a)).collect();
    if let (Some(m), [x]) = (FMath::from_builtin(id), args) {
        if !matches!(tys[0], Ty::Float | Ty::Int | Ty::Np(DType::Float64)) {
            return rec.fail("math function of this type");
        }
        let a = as_float(rec, *x);
        let a = if rec.ty(a) == Ty::Float { a } else { to_python_float(rec, a) };
        rec.guard(IrOp::GuardClean(a), Ty::Void);
        let v = rec.emit(IrOp::FMath(m, a), Ty::Float);
        rec.guard(IrOp::GuardClean(v), Ty::Void);
        return Some(v);
    }
    match (id, args, tys.as_slice()) {
        (BuiltinId::Abs, [x], [Ty::Float | Ty::Np(DType::Float64)]) => Some(rec.emit(IrOp::FMath(FMath::Fabs, *x), tys[0])),
        (BuiltinId::Abs, [x], [Ty::Int]) => {
            let z = rec.kint(0);
            let neg = rec.guard(IrOp::SubOv(z, *x), Ty::Int);
            let c = rec.emit(IrOp::Cmp(CmpOp::Lt, *x, z), Ty::Bool);
            Some(rec.emit(IrOp::Select(c, neg, *x), Ty::Int))
        }
        (BuiltinId::Float, [x], [Ty::Int | Ty::Float]) => Some(as_float(rec, *x)),
        (BuiltinId::Float, [x], [Ty::Np(DType::Float64)]) => Some(to_python_float(rec, *x)),
        (BuiltinId::Int, [x], [Ty::Int]) => Some(*x),
        (BuiltinId::Int, [x], [Ty::Float | Ty::Np(DType::Float64)]) => {
            let a = rec.emit(IrOp::FMath(FMath::Fabs, *x), Ty::Float);
            let lim = rec.kfloat(9.0e18);
            let c = rec.emit(IrOp::Cmp(CmpOp::Lt, a, lim), Ty::Bool);
            rec.guard(IrOp::GuardTrue(c), Ty::Void);
            Some(rec.emit(IrOp::FToI(*x), Ty::Int))
        }
        (BuiltinId::Min | BuiltinId::Max, [x, y], [tx, ty]) if tx == ty && matches!(tx, Ty::Int | Ty::Float) => {
            let op = if id == BuiltinId::Max { CmpOp::Gt } else { CmpOp::Lt };
            let c = rec.emit(IrOp::Cmp(op, *y, *x), Ty::Bool);
            Some(rec.emit(IrOp::Select(c, *y, *x), *tx))
        }
        (BuiltinId::Len, [a], [Ty::Arr { ndim, .. }]) if *ndim >= 1 => Some(rec.emit(IrOp::ArrDim(*a, 0), Ty::Int)),
        _ => rec.fail(format!("{}() on {:?}", id.name(), tys)),
    }
}

/// A float64 NumPy scalar as a Python float of the same value (`x + (-0.0)` is exact).
fn to_python_float(rec: &mut Recorder, x: Ref) -> Ref {
    let mz = rec.kfloat(-0.0);
    rec.emit(IrOp::FAdd(x, mz), Ty::Float)
}
