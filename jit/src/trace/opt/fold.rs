//! Constant folding and algebraic simplification, applied to every instruction as it is
//! emitted (by the recorder and again by loop peeling): constant operands give constants,
//! `x + 0`, `x * 1`, `Select` on a constant condition and guards on constant-true conditions
//! disappear. Overflowing or dividing-by-zero constants are left alone (their guards fail as
//! they would in the interpreter).

use crate::bytecode::CmpOp;
use crate::trace::ir::{IrOp, Ref, Trace, Ty};

/// What folding made of an instruction.
pub enum Folded {
    /// Use this existing value (nothing emitted).
    Same(Ref),
    /// Emit this op instead.
    Op(IrOp),
    /// Emit the instruction as it is.
    Keep,
}

fn kint(t: &Trace, r: Ref) -> Option<i64> {
    match t.get(r).op {
        IrOp::KInt(v) => Some(v),
        _ => None,
    }
}

fn kfloat(t: &Trace, r: Ref) -> Option<f64> {
    match t.get(r).op {
        IrOp::KFloat(b) => Some(f64::from_bits(b)),
        _ => None,
    }
}

fn kbool(t: &Trace, r: Ref) -> Option<bool> {
    match t.get(r).op {
        IrOp::KBool(b) => Some(b),
        _ => None,
    }
}

pub fn cmp_holds<T: PartialOrd>(op: CmpOp, a: T, b: T) -> bool {
    match op {
        CmpOp::Lt => a < b,
        CmpOp::Le => a <= b,
        CmpOp::Eq => a == b,
        CmpOp::Ne => a != b,
        CmpOp::Gt => a > b,
        CmpOp::Ge => a >= b,
        _ => unreachable!("identity comparisons are not traced"),
    }
}

fn int2(t: &Trace, a: Ref, b: Ref, f: fn(i64, i64) -> Option<i64>) -> Folded {
    match (kint(t, a), kint(t, b)) {
        (Some(x), Some(y)) => f(x, y).map_or(Folded::Keep, |v| Folded::Op(IrOp::KInt(v))),
        _ => Folded::Keep,
    }
}

fn float2(t: &Trace, a: Ref, b: Ref, ty: Ty, f: fn(f64, f64) -> f64) -> Folded {
    // Only Python floats fold: NumPy results carry flags the guards must still see.
    match (ty, kfloat(t, a), kfloat(t, b)) {
        (Ty::Float, Some(x), Some(y)) => Folded::Op(IrOp::KFloat(f(x, y).to_bits())),
        _ => Folded::Keep,
    }
}

pub fn fold(t: &Trace, op: IrOp, ty: Ty) -> Folded {
    use IrOp::*;
    match op {
        AddOv(a, b) | AddI(a, b) if kint(t, b) == Some(0) => Folded::Same(a),
        AddOv(a, b) | AddI(a, b) if kint(t, a) == Some(0) => Folded::Same(b),
        SubOv(a, b) if kint(t, b) == Some(0) => Folded::Same(a),
        MulOv(a, b) | MulI(a, b) if kint(t, b) == Some(1) => Folded::Same(a),
        MulOv(a, b) | MulI(a, b) if kint(t, a) == Some(1) => Folded::Same(b),
        AddOv(a, b) => int2(t, a, b, i64::checked_add),
        SubOv(a, b) => int2(t, a, b, i64::checked_sub),
        MulOv(a, b) => int2(t, a, b, i64::checked_mul),
        AddI(a, b) => int2(t, a, b, |x, y| Some(x.wrapping_add(y))),
        MulI(a, b) => int2(t, a, b, |x, y| Some(x.wrapping_mul(y))),
        FloorDivI(a, b) => int2(t, a, b, crate::num::int::floor_div),
        ModI(a, b) => int2(t, a, b, crate::num::int::floor_mod),
        FAdd(a, b) => float2(t, a, b, ty, |x, y| x + y),
        FSub(a, b) => float2(t, a, b, ty, |x, y| x - y),
        FMul(a, b) => float2(t, a, b, ty, |x, y| x * y),
        IToF(a) => match kint(t, a) {
            Some(v) => Folded::Op(KFloat((v as f64).to_bits())),
            None => Folded::Keep,
        },
        Cmp(c, a, b) => {
            let r = match (kint(t, a), kint(t, b), kfloat(t, a), kfloat(t, b)) {
                (Some(x), Some(y), _, _) => Some(cmp_holds(c, x, y)),
                (_, _, Some(x), Some(y)) => Some(cmp_holds(c, x, y)),
                _ => None,
            };
            match (r, ty) {
                (Some(v), Ty::Bool) => Folded::Op(KBool(v)),
                _ if a == b && t.get(a).ty.is_int() => Folded::Op(KBool(matches!(c, CmpOp::Le | CmpOp::Eq | CmpOp::Ge))),
                _ => Folded::Keep,
            }
        }
        Not(a) => kbool(t, a).map_or(Folded::Keep, |v| Folded::Op(KBool(!v))),
        Select(c, a, b) => kbool(t, c).map_or(if a == b { Folded::Same(a) } else { Folded::Keep }, |v| Folded::Same(if v { a } else { b })),
        GuardTrue(c) if kbool(t, c) == Some(true) => Folded::Same(c),
        GuardFalse(c) if kbool(t, c) == Some(false) => Folded::Same(c),
        BoundsCheck(i, n) => match (kint(t, i), kint(t, n)) {
            (Some(x), Some(y)) if x >= 0 && x < y => Folded::Same(i),
            _ => Folded::Keep,
        },
        _ => Folded::Keep,
    }
}
