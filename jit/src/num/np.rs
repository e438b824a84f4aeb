//! NumPy scalar math for the interpreter: the same path numpypy's scalar types take
//! (`numpypy/src/scalar_ops.rs`): NEP 50 resolution in the ufunc table, the loop's reference
//! kernel, NumPy's scalar-only integer overflow check. Only clean results are produced here:
//! any floating-point flag, overflow, resolution error or unconvertible operand returns `None`,
//! and the caller asks the host, which reports the warning (or raises) exactly as numpypy does.
//! A float64 fast path skips resolution for the common `float64 op float` cases.

use dtypes::{result_type, Operand, Scalar, Wide};
use num_traits::ToPrimitive;

use crate::bytecode::BinOp;
use crate::value::Value;

/// The NEP 50 role of a value in scalar math and the value when it is strong (or a bool).
fn operand(v: &Value) -> Option<(Operand, Option<Scalar>)> {
    Some(match v {
        Value::Np(s) => (Operand::Scalar(s.dtype()), Some(*s)),
        Value::Bool(b) => (Operand::PyBool(*b), Some(Scalar::Bool(*b))),
        Value::Int(i) => (Operand::PyInt(*i as i128), None),
        Value::BigInt(b) => (Operand::PyInt(b.to_i128()?), None),
        Value::Float(f) => (Operand::PyFloat(*f), None),
        Value::Complex(c) => (Operand::PyComplex(c.re, c.im), None),
        _ => return None,
    })
}

/// Whether the value takes part in NumPy scalar math (a numpypy scalar).
pub fn is_np(v: &Value) -> bool {
    matches!(v, Value::Np(_))
}

/// The outputs of ufunc `name` on scalar operands, when clean (no flags, no overflow, no error).
pub fn apply(name: &str, vals: &[&Value]) -> Option<Vec<Scalar>> {
    let mut ops = Vec::with_capacity(vals.len());
    let mut values = Vec::with_capacity(vals.len());
    for v in vals {
        let (op, value) = operand(v)?;
        ops.push(op);
        values.push(value);
    }
    let ufunc = ufuncs::get(name)?;
    let res = ufunc.resolve(&ops).ok()?;
    if !res.cast_flags.is_empty() {
        return None;
    }
    if let Some(b) = res.constant_output {
        return Some(vec![Scalar::Bool(b)]);
    }
    let inputs: Vec<Scalar> = values
        .iter()
        .zip(&res.scalar_inputs)
        .zip(&res.in_dtypes)
        .map(|((v, conv), &dt)| conv.or(*v).map(|s| s.cast(dt)))
        .collect::<Option<_>>()?;
    let (outs, flags) = res.lp.call_scalar(&inputs);
    if !flags.is_empty() {
        return None;
    }
    if uses_scalar_math(&ops) && integer_overflowed(name, &inputs, &outs) {
        return None;
    }
    Some(outs)
}

/// As numpypy's `uses_scalar_math`: NumPy's scalar math (with its overflow checks) runs when
/// the common dtype is the type of one of the non-bool NumPy scalars.
fn uses_scalar_math(operands: &[Operand]) -> bool {
    let first = operands.iter().find_map(|op| match op {
        Operand::Scalar(d) => Some(*d),
        _ => None,
    });
    let Ok(common) = result_type(operands) else { return false };
    first.is_some_and(|d| !d.is_bool()) && operands.iter().any(|op| matches!(op, Operand::Scalar(d) if *d == common))
}

fn as_integer(s: &Scalar) -> Option<i128> {
    match s.to_wide() {
        Wide::Int(i) => Some(i as i128),
        Wide::UInt(u) => Some(u as i128),
        _ => None,
    }
}

fn integer_overflowed(name: &str, inputs: &[Scalar], outs: &[Scalar]) -> bool {
    let [out] = outs else { return false };
    let (Some(out), Some(ins)) = (as_integer(out), inputs.iter().map(as_integer).collect::<Option<Vec<_>>>()) else {
        return false;
    };
    let exact = match (name, ins.as_slice()) {
        ("add", [a, b]) => a.checked_add(*b),
        ("subtract", [a, b]) => a.checked_sub(*b),
        ("multiply", [a, b]) => a.checked_mul(*b),
        ("negative", [a]) => a.checked_neg(),
        ("absolute", [a]) => a.checked_abs(),
        _ => return false,
    };
    exact != Some(out)
}

/// The f64 of a float64-compatible operand for the fast path.
fn f64_operand(v: &Value) -> Option<f64> {
    match v {
        Value::Np(Scalar::Float64(x)) | Value::Float(x) => Some(*x),
        Value::Int(i) if i.unsigned_abs() <= 1 << 53 => Some(*i as f64),
        _ => None,
    }
}

/// `a op b` when one side is a float64 scalar and the other a float64 or Python float/int, and
/// the result raises no floating-point flag.
pub fn float64_binary(op: BinOp, a: &Value, b: &Value) -> Option<Value> {
    if !matches!(a, Value::Np(Scalar::Float64(_))) && !matches!(b, Value::Np(Scalar::Float64(_))) {
        return None;
    }
    let (x, y) = (f64_operand(a)?, f64_operand(b)?);
    let r = match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::TrueDiv => x / y,
        _ => return None,
    };
    let clean = match op {
        BinOp::Add | BinOp::Sub => r.is_finite() && !r.is_subnormal(),
        BinOp::Mul => r.is_normal() || (r == 0.0 && (x == 0.0 || y == 0.0) && x.is_finite() && y.is_finite()),
        _ => r.is_normal() || (r == 0.0 && x == 0.0 && y != 0.0 && y.is_finite()),
    };
    clean.then_some(Value::Np(Scalar::Float64(r)))
}

/// `op a` on a NumPy scalar (`negative`, `positive`, `invert`, `absolute`).
pub fn unary(name: &str, a: &Value) -> Option<Value> {
    apply(name, &[a]).map(|o| Value::Np(o[0]))
}

/// `a op b` on operands at least one of which is a NumPy scalar.
pub fn binary(op: BinOp, a: &Value, b: &Value) -> Option<Value> {
    if let Some(v) = float64_binary(op, a, b) {
        return Some(v);
    }
    if matches!(op, BinOp::MatMul) {
        return None;
    }
    apply(op.ufunc(), &[a, b]).map(|o| Value::Np(o[0]))
}

/// The Python value `.item()` gives: what `int()`, `float()`, `bool()` and indexing use.
pub fn item(s: Scalar) -> Value {
    match s.to_wide() {
        Wide::Bool(b) => Value::Bool(b),
        Wide::Int(i) => Value::Int(i),
        Wide::UInt(u) => Value::int(u as i128),
        Wide::Float(f) => Value::Float(f),
        Wide::Complex(re, im) => Value::Complex(num_complex::Complex64::new(re, im)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nep50_keeps_the_scalar_type_and_wraps_are_refused() {
        let a = Value::Np(Scalar::Int8(100));
        let r = binary(BinOp::Add, &a, &Value::Int(1)).unwrap();
        assert!(matches!(r, Value::Np(Scalar::Int8(101))));
        // 100 + 100 overflows int8: NumPy warns, so the host must do it.
        assert!(binary(BinOp::Add, &a, &Value::Np(Scalar::Int8(100))).is_none());
        // A Python int out of range is an OverflowError: also the host's.
        assert!(binary(BinOp::Add, &a, &Value::Int(300)).is_none());
        let f = Value::Np(Scalar::Float32(1.5));
        assert!(matches!(binary(BinOp::Mul, &f, &Value::Float(2.0)), Some(Value::Np(Scalar::Float32(x))) if x == 3.0));
    }

    #[test]
    fn float64_fast_path_refuses_flagged_results() {
        let a = Value::Np(Scalar::Float64(1.0));
        assert!(matches!(binary(BinOp::TrueDiv, &a, &Value::Float(4.0)), Some(Value::Np(Scalar::Float64(x))) if x == 0.25));
        assert!(binary(BinOp::TrueDiv, &a, &Value::Float(0.0)).is_none());
        assert!(binary(BinOp::Mul, &Value::Np(Scalar::Float64(1e300)), &Value::Float(1e300)).is_none());
        let c = binary(BinOp::Mod, &Value::Np(Scalar::Float64(-7.0)), &Value::Int(2)).unwrap();
        assert!(matches!(c, Value::Np(Scalar::Float64(x)) if x == 1.0));
    }
}
