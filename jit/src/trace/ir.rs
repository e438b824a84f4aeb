//! The trace IR: one linear, SSA list of instructions per loop trace, LuaJIT-style.
//!
//! - Every instruction is an `IrOp` (one enum, operands are `Ref`s to earlier instructions or
//!   immediates) with a result type `Ty`; a guard is an instruction with `guard: Some(snapshot)`
//!   that exits the trace through that snapshot when its condition does not hold.
//! - Snapshots are a side table: the bytecode pc to resume at and the interpreter slots (and
//!   loop-iterator states) whose values differ from the register file, each as a `Ref` (or a
//!   virtual tuple of refs, rebuilt only on exit).
//! - A `Loop` instruction splits a peeled trace into preamble (the first iteration, with the
//!   loop-invariant work) and loop body; `Phi`s after the body carry values around the loop.
//! - Array element access is explicit arithmetic (`ArrDim`, `ArrStride`, `BoundsCheck`, byte
//!   offsets, `ArrLoad`/`ArrStore`) so that codegen can turn a run of them over an induction
//!   variable into an inner vector loop of the same LLVM function.
//!
//! `Trace::verify` checks SSA order, operand types, guards' snapshots and the loop structure;
//! debug builds and tests run it after every pass.

use std::fmt::Write;

use dtypes::DType;

use crate::bytecode::CmpOp;
use crate::value::{BuiltinId, Value};

/// A reference to an instruction of the same trace.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ref(pub u32);

impl Ref {
    pub fn idx(self) -> usize {
        self.0 as usize
    }
}

/// Index of a snapshot in `Trace::snapshots`.
pub type SnapId = u32;

/// How a value is represented in the trace and how it boxes back into an interpreter value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Ty {
    /// No value (stores, guards, markers).
    Void,
    /// A Python int in i64.
    Int,
    /// A Python float.
    Float,
    /// A Python bool.
    Bool,
    /// A NumPy scalar of this dtype (float64: f64 bits; int64: i64; bool: bool).
    Np(DType),
    /// A numpypy array with this dtype and rank (writeable or not): a constant-layout handle.
    Arr { dtype: DType, ndim: u8, writeable: bool },
    /// A `range` loop iterator held in a slot.
    Iter,
    /// A tuple (virtual unless it escapes).
    Tuple,
    /// A constant interpreter value (`KVal`).
    Known,
}

impl Ty {
    /// Whether values of this type are f64s.
    pub fn is_float(self) -> bool {
        matches!(self, Ty::Float | Ty::Np(DType::Float64))
    }
    /// Whether values of this type are i64s.
    pub fn is_int(self) -> bool {
        matches!(self, Ty::Int | Ty::Np(DType::Int64))
    }
    pub fn is_bool(self) -> bool {
        matches!(self, Ty::Bool | Ty::Np(DType::Bool))
    }
}

/// math functions of one float argument the IR computes directly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FMath {
    Sqrt, Exp, Log, Sin, Cos, Tan, Atan, Tanh, Fabs, Floor, Ceil,
}

impl FMath {
    pub fn from_builtin(b: BuiltinId) -> Option<FMath> {
        Some(match b {
            BuiltinId::MathSqrt => FMath::Sqrt,
            BuiltinId::MathExp => FMath::Exp,
            BuiltinId::MathLog => FMath::Log,
            BuiltinId::MathSin => FMath::Sin,
            BuiltinId::MathCos => FMath::Cos,
            BuiltinId::MathTan => FMath::Tan,
            BuiltinId::MathAtan => FMath::Atan,
            BuiltinId::MathTanh => FMath::Tanh,
            BuiltinId::MathFabs => FMath::Fabs,
            _ => return None,
        })
    }
    pub fn apply(self, x: f64) -> f64 {
        match self {
            FMath::Sqrt => x.sqrt(),
            FMath::Exp => x.exp(),
            FMath::Log => x.ln(),
            FMath::Sin => x.sin(),
            FMath::Cos => x.cos(),
            FMath::Tan => x.tan(),
            FMath::Atan => x.atan(),
            FMath::Tanh => x.tanh(),
            FMath::Fabs => x.abs(),
            FMath::Floor => x.floor(),
            FMath::Ceil => x.ceil(),
        }
    }
}

/// One trace instruction. Integer ops without `Ov` wrap (used only where the recorder or a pass
/// has proved no overflow matters); `AddOv`/`SubOv`/`MulOv` are guards that fail on i64
/// overflow (Python's ints then continue as big ints in the interpreter).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IrOp {
    Nop,
    KInt(i64),
    /// A float constant by its bits (so that NaN and -0.0 hash and compare exactly).
    KFloat(u64),
    KBool(bool),
    /// A constant interpreter value (`Trace::consts[k]`, e.g. a builtin about to be called);
    /// it has no unboxed form and is only restored by snapshots.
    KVal(u32),
    /// Entry value of an interpreter register; a guard that it holds this instruction's type.
    SLoad { slot: u32 },
    /// The `next` value of the range iterator in `slot`, at trace entry.
    IterLoad { slot: u32 },
    /// The `stop` and `step` of the range iterator in `slot` (constant while it runs).
    IterStop { slot: u32 },
    IterStep { slot: u32 },
    AddOv(Ref, Ref),
    SubOv(Ref, Ref),
    MulOv(Ref, Ref),
    AddI(Ref, Ref),
    MulI(Ref, Ref),
    /// Python's `//` and `%` on ints; the divisor is guarded nonzero before.
    FloorDivI(Ref, Ref),
    ModI(Ref, Ref),
    NegI(Ref),
    FAdd(Ref, Ref),
    FSub(Ref, Ref),
    FMul(Ref, Ref),
    FDiv(Ref, Ref),
    FNeg(Ref),
    FMath(FMath, Ref),
    IToF(Ref),
    /// Truncation of a float known to be in i64 range.
    FToI(Ref),
    /// A comparison of two ints, two floats or two bools; result Bool.
    Cmp(CmpOp, Ref, Ref),
    Not(Ref),
    /// `cond ? a : b`.
    Select(Ref, Ref, Ref),
    /// Guard: the bool is true / false.
    GuardTrue(Ref),
    GuardFalse(Ref),
    /// Guard: the float is finite and free of NumPy floating-point flags (normal or exact zero).
    GuardClean(Ref),
    /// Guard: 0 <= index < len.
    BoundsCheck(Ref, Ref),
    /// An array's extent along an axis / its byte stride along an axis.
    ArrDim(Ref, u8),
    ArrStride(Ref, u8),
    /// Load / store an element at a byte offset from the array's data pointer.
    ArrLoad(Ref, Ref),
    ArrStore(Ref, Ref, Ref),
    /// numrt's write barrier on the array's buffer.
    WBar(Ref),
    /// A tuple of `lists[list]`.
    NewTuple { list: u32 },
    TupleGet(Ref, u32),
    /// Splits preamble and loop body.
    Loop,
    /// Loop-carried value: `left` (defined before `Loop`) takes `right` at the back edge.
    Phi(Ref, Ref),
}

impl IrOp {
    /// The operands that are references.
    pub fn refs(&self) -> Vec<Ref> {
        use IrOp::*;
        match *self {
            AddOv(a, b) | SubOv(a, b) | MulOv(a, b) | AddI(a, b) | MulI(a, b) | FloorDivI(a, b) | ModI(a, b)
            | FAdd(a, b) | FSub(a, b) | FMul(a, b) | FDiv(a, b) | Cmp(_, a, b) | BoundsCheck(a, b) | ArrLoad(a, b)
            | Phi(a, b) => vec![a, b],
            NegI(a) | FNeg(a) | FMath(_, a) | IToF(a) | FToI(a) | Not(a) | GuardTrue(a) | GuardFalse(a)
            | GuardClean(a) | ArrDim(a, _) | ArrStride(a, _) | WBar(a) | TupleGet(a, _) => vec![a],
            Select(c, a, b) | ArrStore(c, a, b) => vec![c, a, b],
            _ => vec![],
        }
    }

    /// The same op with every reference mapped through `f`.
    pub fn map_refs(self, f: &mut impl FnMut(Ref) -> Ref) -> IrOp {
        use IrOp::*;
        match self {
            AddOv(a, b) => AddOv(f(a), f(b)),
            SubOv(a, b) => SubOv(f(a), f(b)),
            MulOv(a, b) => MulOv(f(a), f(b)),
            AddI(a, b) => AddI(f(a), f(b)),
            MulI(a, b) => MulI(f(a), f(b)),
            FloorDivI(a, b) => FloorDivI(f(a), f(b)),
            ModI(a, b) => ModI(f(a), f(b)),
            NegI(a) => NegI(f(a)),
            FAdd(a, b) => FAdd(f(a), f(b)),
            FSub(a, b) => FSub(f(a), f(b)),
            FMul(a, b) => FMul(f(a), f(b)),
            FDiv(a, b) => FDiv(f(a), f(b)),
            FNeg(a) => FNeg(f(a)),
            FMath(m, a) => FMath(m, f(a)),
            IToF(a) => IToF(f(a)),
            FToI(a) => FToI(f(a)),
            Cmp(c, a, b) => Cmp(c, f(a), f(b)),
            Not(a) => Not(f(a)),
            Select(c, a, b) => Select(f(c), f(a), f(b)),
            GuardTrue(a) => GuardTrue(f(a)),
            GuardFalse(a) => GuardFalse(f(a)),
            GuardClean(a) => GuardClean(f(a)),
            BoundsCheck(a, b) => BoundsCheck(f(a), f(b)),
            ArrDim(a, k) => ArrDim(f(a), k),
            ArrStride(a, k) => ArrStride(f(a), k),
            ArrLoad(a, b) => ArrLoad(f(a), f(b)),
            ArrStore(a, b, c) => ArrStore(f(a), f(b), f(c)),
            WBar(a) => WBar(f(a)),
            TupleGet(a, k) => TupleGet(f(a), k),
            Phi(a, b) => Phi(f(a), f(b)),
            other => other,
        }
    }

    /// Ops that may exit the trace (guards when they carry a snapshot).
    pub fn can_guard(&self) -> bool {
        use IrOp::*;
        matches!(self, SLoad { .. } | AddOv(..) | SubOv(..) | MulOv(..) | GuardTrue(_) | GuardFalse(_) | GuardClean(_) | BoundsCheck(..) | WBar(_))
    }

    /// Ops with effects beyond their value: never removed, never merged.
    pub fn has_effect(&self) -> bool {
        matches!(self, IrOp::ArrStore(..) | IrOp::Loop | IrOp::Phi(..))
    }

    /// Pure ops that CSE may merge with an identical earlier one. Loads are merged only when no
    /// store lies between (checked by the CSE pass).
    pub fn is_pure(&self) -> bool {
        !self.has_effect() && !matches!(self, IrOp::Nop | IrOp::NewTuple { .. })
    }

    pub fn is_const(&self) -> bool {
        matches!(self, IrOp::KInt(_) | IrOp::KFloat(_) | IrOp::KBool(_) | IrOp::KVal(_))
    }
}

/// One instruction with its type and, for guards, the snapshot to exit through.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ins {
    pub op: IrOp,
    pub ty: Ty,
    pub guard: Option<SnapId>,
}

/// What one snapshot entry restores.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SnapTarget {
    /// Register `slot` of the traced frame.
    Slot(u32),
    /// The `next` of the range iterator held in register `slot`.
    IterNext(u32),
}

/// The interpreter state at one exit: resume at `pc` with these slots restored.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub pc: u32,
    pub entries: Vec<(SnapTarget, Ref)>,
}

/// One loop trace.
#[derive(Clone, Debug, Default)]
pub struct Trace {
    pub ins: Vec<Ins>,
    pub snapshots: Vec<Snapshot>,
    /// Operand lists of `NewTuple`.
    pub lists: Vec<Vec<Ref>>,
    /// The loop header pc the trace starts after and loops back to.
    pub loop_pc: u32,
    /// Globals the trace took as constants: (global index, value at recording).
    pub globals: Vec<(u32, Value)>,
    /// The snapshot describing the state at the loop header (end of one iteration).
    pub loop_snapshot: Option<SnapId>,
    /// Values of `KVal` instructions.
    pub consts: Vec<Value>,
}

impl Trace {
    pub fn push(&mut self, op: IrOp, ty: Ty, guard: Option<SnapId>) -> Ref {
        self.ins.push(Ins { op, ty, guard });
        Ref(self.ins.len() as u32 - 1)
    }

    pub fn get(&self, r: Ref) -> &Ins {
        &self.ins[r.idx()]
    }

    pub fn loop_index(&self) -> Option<usize> {
        self.ins.iter().position(|i| i.op == IrOp::Loop)
    }

    /// Check SSA order, operand typing, guards and the loop structure.
    pub fn verify(&self) -> Result<(), String> {
        let loop_at = self.loop_index();
        for (i, ins) in self.ins.iter().enumerate() {
            for r in ins.op.refs() {
                if r.idx() >= i && !matches!(ins.op, IrOp::Phi(..)) {
                    return Err(format!("{i}: {:?} uses {:?} not defined before it", ins.op, r));
                }
                if r.idx() >= self.ins.len() {
                    return Err(format!("{i}: dangling {:?}", r));
                }
            }
            self.verify_types(i, ins)?;
            if let Some(s) = ins.guard {
                if !ins.op.can_guard() {
                    return Err(format!("{i}: {:?} cannot be a guard", ins.op));
                }
                let snap = self.snapshots.get(s as usize).ok_or(format!("{i}: no snapshot {s}"))?;
                if snap.entries.iter().any(|(_, r)| r.idx() >= i) {
                    return Err(format!("{i}: snapshot {s} refers to later values"));
                }
            }
            if let IrOp::Phi(l, _) = ins.op {
                let Some(lp) = loop_at else { return Err(format!("{i}: phi without loop")) };
                if l.idx() >= lp || i < lp {
                    return Err(format!("{i}: phi must join a preamble value after the loop"));
                }
            }
            if let IrOp::NewTuple { list } = ins.op {
                if self.lists.get(list as usize).is_none_or(|l| l.iter().any(|r| r.idx() >= i)) {
                    return Err(format!("{i}: bad tuple list"));
                }
            }
        }
        Ok(())
    }

    fn verify_types(&self, i: usize, ins: &Ins) -> Result<(), String> {
        use IrOp::*;
        let t = |r: Ref| self.ins[r.idx()].ty;
        let bad = |what: &str| Err(format!("{i}: {:?}: {what}", ins.op));
        match ins.op {
            AddOv(a, b) | SubOv(a, b) | MulOv(a, b) | AddI(a, b) | MulI(a, b) | FloorDivI(a, b) | ModI(a, b) => {
                if !t(a).is_int() || !t(b).is_int() { return bad("int operands expected") }
            }
            FAdd(a, b) | FSub(a, b) | FMul(a, b) | FDiv(a, b) => {
                if !t(a).is_float() || !t(b).is_float() { return bad("float operands expected") }
            }
            FNeg(a) | FMath(_, a) | GuardClean(a) | FToI(a) => if !t(a).is_float() { return bad("float operand expected") },
            IToF(a) | NegI(a) => if !t(a).is_int() { return bad("int operand expected") },
            GuardTrue(a) | GuardFalse(a) | Not(a) => if !t(a).is_bool() { return bad("bool operand expected") },
            ArrDim(a, _) | ArrStride(a, _) | WBar(a) => if !matches!(t(a), Ty::Arr { .. }) { return bad("array operand expected") },
            ArrLoad(a, o) | ArrStore(a, o, _) => {
                if !matches!(t(a), Ty::Arr { .. }) || !t(o).is_int() { return bad("array and int offset expected") }
            }
            BoundsCheck(a, b) => if !t(a).is_int() || !t(b).is_int() { return bad("int operands expected") },
            Cmp(_, a, b) => {
                let same_kind = (t(a).is_int() && t(b).is_int()) || (t(a).is_float() && t(b).is_float()) || (t(a).is_bool() && t(b).is_bool());
                if !same_kind { return bad("operands of one kind expected") }
            }
            Select(c, a, b) => if !t(c).is_bool() || t(a) != t(b) { return bad("bool condition and equal types expected") },
            TupleGet(a, _) => if t(a) != Ty::Tuple { return bad("tuple operand expected") },
            _ => {}
        }
        Ok(())
    }

    /// The trace as text (for the JIT log and test failures).
    pub fn dump(&self) -> String {
        let mut s = String::new();
        for (i, ins) in self.ins.iter().enumerate() {
            let g = ins.guard.map_or(String::new(), |s| format!("  [guard -> snap {s}]"));
            let _ = writeln!(s, "{i:04} {:<10} {:?}{g}", format!("{:?}", ins.ty), ins.op);
        }
        for (i, snap) in self.snapshots.iter().enumerate() {
            let _ = writeln!(s, "snap {i}: pc {} {:?}", snap.pc, snap.entries);
        }
        s
    }
}
