//! Tests of the optimiser passes on hand-built traces, and of whole loops recorded, optimised
//! and executed (with deoptimisation) against the bytecode interpreter alone.

use std::rc::Rc;

use crate::bytecode::{BinOp, CmpOp, Code, Op, NO_KW};
use crate::function::Function;
use crate::host::NoHost;
use crate::trace::ir::{IrOp, Ref, SnapTarget, Snapshot, Trace, Ty};
use crate::trace::opt::{self, Emitter};
use crate::value::{Builtin, BuiltinId, Obj, Value};

fn k(t: &mut Emitter, v: i64) -> Ref {
    t.emit(IrOp::KInt(v), Ty::Int, None)
}

#[test]
fn folding_and_cse_at_emit_time() {
    let mut em = Emitter::default();
    em.trace.snapshots.push(Snapshot { pc: 0, entries: vec![] });
    let (a, b) = (k(&mut em, 2), k(&mut em, 3));
    let s = em.emit(IrOp::AddOv(a, b), Ty::Int, Some(0));
    assert_eq!(em.trace.get(s).op, IrOp::KInt(5));
    let x = em.emit(IrOp::SLoad { slot: 0 }, Ty::Int, Some(0));
    let z = k(&mut em, 0);
    assert_eq!(em.emit(IrOp::AddOv(x, z), Ty::Int, Some(0)), x);
    let y1 = em.emit(IrOp::MulOv(x, b), Ty::Int, Some(0));
    let y2 = em.emit(IrOp::MulOv(x, b), Ty::Int, Some(0));
    assert_eq!(y1, y2, "identical guarded ops merge (the second check is redundant)");
    let t = em.emit(IrOp::KBool(true), Ty::Bool, None);
    let before = em.trace.ins.len();
    em.emit(IrOp::GuardTrue(t), Ty::Void, Some(0));
    assert_eq!(em.trace.ins.len(), before, "a guard on a constant-true condition disappears");
    let big = k(&mut em, i64::MAX);
    let ov = em.emit(IrOp::AddOv(big, b), Ty::Int, Some(0));
    assert!(matches!(em.trace.get(ov).op, IrOp::AddOv(..)), "an overflowing constant sum stays a failing guard");
}

#[test]
fn loads_do_not_merge_across_stores() {
    let mut em = Emitter::default();
    em.trace.snapshots.push(Snapshot { pc: 0, entries: vec![] });
    let arr = Ty::Arr { dtype: dtypes::DType::Float64, ndim: 1, writeable: true };
    let a = em.emit(IrOp::SLoad { slot: 0 }, arr, Some(0));
    let off = k(&mut em, 8);
    let l1 = em.emit(IrOp::ArrLoad(a, off), Ty::Np(dtypes::DType::Float64), None);
    let l2 = em.emit(IrOp::ArrLoad(a, off), Ty::Np(dtypes::DType::Float64), None);
    assert_eq!(l1, l2);
    em.emit(IrOp::ArrStore(a, off, l1), Ty::Void, None);
    let l3 = em.emit(IrOp::ArrLoad(a, off), Ty::Np(dtypes::DType::Float64), None);
    assert_ne!(l1, l3);
}

/// A recorded iteration of `for i in range(..): s += i * i`-like shape with an array bound
/// check on `i + 1`, built by hand: slots 0 = iterator, 1 = i, 2 = s, 3 = array.
fn recorded_loop() -> Trace {
    let mut em = Emitter::default();
    em.trace.snapshots.push(Snapshot { pc: 7, entries: vec![] });
    let it = em.emit(IrOp::SLoad { slot: 0 }, Ty::Iter, Some(0));
    let _ = it;
    let next = em.emit(IrOp::IterLoad { slot: 0 }, Ty::Int, None);
    let stop = em.emit(IrOp::IterStop { slot: 0 }, Ty::Int, None);
    let step_now = em.emit(IrOp::IterStep { slot: 0 }, Ty::Int, None);
    let step = k(&mut em, 1);
    let same = em.emit(IrOp::Cmp(CmpOp::Eq, step_now, step), Ty::Bool, None);
    em.emit(IrOp::GuardTrue(same), Ty::Void, Some(0));
    let more = em.emit(IrOp::Cmp(CmpOp::Lt, next, stop), Ty::Bool, None);
    em.emit(IrOp::GuardTrue(more), Ty::Void, Some(0));
    let adv = em.emit(IrOp::AddOv(next, step), Ty::Int, Some(0));
    em.trace.snapshots.push(Snapshot { pc: 8, entries: vec![(SnapTarget::IterNext(0), adv), (SnapTarget::Slot(1), next)] });
    let s = em.emit(IrOp::SLoad { slot: 2 }, Ty::Int, Some(1));
    let arr = em.emit(IrOp::SLoad { slot: 3 }, Ty::Arr { dtype: dtypes::DType::Float64, ndim: 1, writeable: true }, Some(1));
    let dim = em.emit(IrOp::ArrDim(arr, 0), Ty::Int, None);
    let one = k(&mut em, 1);
    let ip1 = em.emit(IrOp::AddOv(next, one), Ty::Int, Some(1));
    em.emit(IrOp::BoundsCheck(ip1, dim), Ty::Void, Some(1));
    let sq = em.emit(IrOp::MulOv(next, next), Ty::Int, Some(1));
    let s2 = em.emit(IrOp::AddOv(s, sq), Ty::Int, Some(1));
    em.trace.snapshots.push(Snapshot {
        pc: 6,
        entries: vec![(SnapTarget::IterNext(0), adv), (SnapTarget::Slot(1), next), (SnapTarget::Slot(2), s2)],
    });
    em.trace.loop_snapshot = Some(2);
    em.trace.loop_pc = 6;
    em.trace
}

#[test]
fn peeling_hoists_invariants_and_adds_phis() {
    let t = opt::loop_peel::peel(recorded_loop());
    t.verify().unwrap();
    let lp = t.loop_index().unwrap();
    let body = &t.ins[lp + 1..];
    assert!(!body.iter().any(|i| matches!(i.op, IrOp::ArrDim(..) | IrOp::SLoad { .. } | IrOp::IterStop { .. })), "{}", t.dump());
    let phis = body.iter().filter(|i| matches!(i.op, IrOp::Phi(..))).count();
    assert_eq!(phis, 3, "carried: the iterator's next, the previous i (snapshots before i is set), s\n{}", t.dump());
}

#[test]
fn bounds_checks_on_induction_variables_leave_the_loop() {
    let t = opt::bounds::hoist(opt::loop_peel::peel(recorded_loop()));
    t.verify().unwrap();
    let lp = t.loop_index().unwrap();
    assert!(!t.ins[lp..].iter().any(|i| matches!(i.op, IrOp::BoundsCheck(..))), "{}", t.dump());
    let hoisted = t.ins[..lp].iter().filter(|i| i.guard == t.loop_snapshot).count();
    assert!(hoisted >= 2, "{}", t.dump());
}

#[test]
fn implied_guards_go_and_stronger_ones_move_up() {
    let mut em = Emitter::default();
    em.trace.snapshots.push(Snapshot { pc: 0, entries: vec![] });
    em.trace.snapshots.push(Snapshot { pc: 1, entries: vec![] });
    let x = em.emit(IrOp::SLoad { slot: 0 }, Ty::Int, Some(0));
    let n = em.emit(IrOp::SLoad { slot: 1 }, Ty::Int, Some(0));
    let z = k(&mut em, 0);
    let ge = em.emit(IrOp::Cmp(CmpOp::Ge, x, z), Ty::Bool, None);
    let g1 = em.emit(IrOp::GuardTrue(ge), Ty::Void, Some(0));
    em.emit(IrOp::BoundsCheck(x, n), Ty::Void, Some(1));
    let ten = k(&mut em, 10);
    let lt = em.emit(IrOp::Cmp(CmpOp::Lt, x, ten), Ty::Bool, None);
    em.emit(IrOp::GuardTrue(lt), Ty::Void, Some(1));
    let twenty = k(&mut em, 20);
    let lt20 = em.emit(IrOp::Cmp(CmpOp::Lt, x, twenty), Ty::Bool, None);
    let g4 = em.emit(IrOp::GuardTrue(lt20), Ty::Void, Some(1));
    let t = opt::guards::strengthen(em.trace);
    t.verify().unwrap();
    assert_eq!(t.get(g1).op, IrOp::BoundsCheck(x, n), "the bounds check moved into the first guard\n{}", t.dump());
    assert_eq!(t.get(g1).guard, Some(0));
    assert_eq!(t.get(g4).op, IrOp::Nop, "x < 20 follows from x < 10\n{}", t.dump());
    assert_eq!(t.ins.iter().filter(|i| matches!(i.op, IrOp::BoundsCheck(..))).count(), 1);
}

#[test]
fn tuples_that_do_not_escape_are_removed() {
    let mut em = Emitter::default();
    em.trace.snapshots.push(Snapshot { pc: 0, entries: vec![] });
    let a = em.emit(IrOp::SLoad { slot: 0 }, Ty::Int, Some(0));
    let b = k(&mut em, 4);
    em.trace.lists.push(vec![a, b]);
    let tu = em.emit(IrOp::NewTuple { list: 0 }, Ty::Tuple, None);
    let x = em.emit(IrOp::TupleGet(tu, 1), Ty::Int, None);
    let s = em.emit(IrOp::AddOv(a, x), Ty::Int, Some(0));
    let t = opt::dce::eliminate(opt::sink::remove_allocations(em.trace));
    t.verify().unwrap();
    assert_eq!(t.get(s).op, IrOp::AddOv(a, b));
    assert_eq!(t.get(tu).op, IrOp::Nop);
    assert_eq!(t.get(x).op, IrOp::Nop);
}

// --- whole loops: recorded, optimised, executed, compared with the interpreter ---------------

fn builtin(id: BuiltinId) -> Value {
    Value::Builtin(Rc::new(Builtin { id, obj: Obj(Rc::new(())) }))
}

/// `def f(n, a): s = 0; for i in range(n): s += i * i; if i % 3 == 0: s += 1; return s`.
fn sum_code() -> Code {
    let ops = vec![
        Op::LoadConst { dst: 3, k: 0 },
        Op::Move { dst: 2, src: 3 },
        Op::LoadConst { dst: 3, k: 1 },
        Op::Move { dst: 4, src: 0 },
        Op::Call { dst: 5, func: 3, first: 4, n: 1, kw: NO_KW },
        Op::GetIter { iter: 6, src: 5 },
        Op::LoopHead { loop_id: 0 },
        Op::ForIter { dst: 1, iter: 6, exit: 17 },
        Op::Binary { dst: 7, a: 1, b: 1, op: BinOp::Mul as u32 },
        Op::Inplace { dst: 2, a: 2, b: 7, op: BinOp::Add as u32 },
        Op::LoadConst { dst: 7, k: 2 },
        Op::Binary { dst: 8, a: 1, b: 7, op: BinOp::Mod as u32 },
        Op::LoadConst { dst: 7, k: 0 },
        Op::Compare { dst: 9, a: 8, b: 7, op: CmpOp::Eq as u32 },
        Op::JumpIfFalse { cond: 9, target: 6 },
        Op::LoadConst { dst: 7, k: 3 },
        Op::Inplace { dst: 2, a: 2, b: 7, op: BinOp::Add as u32 },
        Op::Jump { target: 6 },
    ];
    let mut ops = ops;
    // exit target 17 is the jump back; make the real exit a Return after it.
    ops[7] = Op::ForIter { dst: 1, iter: 6, exit: 18 };
    ops.push(Op::Return { src: 2 });
    let n = ops.len();
    Code {
        name: "sum".into(),
        filename: "t.py".into(),
        firstlineno: 1,
        argnames: vec!["n".into()],
        nregs: 10,
        localnames: vec!["n".into(), "i".into(), "s".into()],
        consts: vec![Value::Int(0), builtin(BuiltinId::Range), Value::Int(3), Value::Int(1)],
        globals: vec![],
        ops,
        lines: vec![1; n],
        nloops: 1,
        source: vec![],
    }
}

fn expected_sum(n: i64) -> i128 {
    (0..n as i128).map(|i| i * i + if i % 3 == 0 { 1 } else { 0 }).sum()
}

fn run_sum(n: i64, threshold: u32) -> (Value, crate::function::Stats) {
    let code = Rc::new(sum_code());
    code.verify().unwrap();
    let f = Rc::new(Function::new(code, vec![], Obj(Rc::new(()))));
    let old = crate::trace::threshold();
    crate::trace::set_threshold(threshold);
    let r = crate::interp::call(&mut NoHost, &f, &[Value::Int(n)], &[]).unwrap();
    crate::trace::set_threshold(old);
    let stats = f.state.borrow().stats.clone();
    (r, stats)
}

fn as_i128(v: &Value) -> i128 {
    match v {
        Value::Int(i) => *i as i128,
        Value::BigInt(b) => num_traits::ToPrimitive::to_i128(&**b).unwrap(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn traced_loop_matches_the_interpreter() {
    for n in [0, 1, 2, 5, 10, 97, 1000] {
        let (plain, s0) = run_sum(n, 0);
        assert_eq!(s0.traces_recorded, 0);
        for th in [1, 2, 3] {
            let (traced, s) = run_sum(n, th);
            assert_eq!(as_i128(&traced), as_i128(&plain), "n={n} threshold={th}");
            assert_eq!(as_i128(&plain), expected_sum(n));
            if n > 10 {
                assert_eq!(s.traces_recorded, 1, "{:?}", s.last_abort);
                assert!(s.trace_entries >= 1);
            }
        }
    }
}

#[test]
fn traced_loop_deoptimises_into_big_ints() {
    // s passes 2**63 near n = 3.04e6: the overflow guard exits and the interpreter goes on
    // with big ints.
    let n = 3_100_000;
    let (v, s) = run_sum(n, 2);
    assert!(matches!(v, Value::BigInt(_)));
    assert_eq!(as_i128(&v), expected_sum(n));
    assert!(s.guard_failures >= 1);
}
