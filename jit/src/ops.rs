//! Operators on interpreter values: native paths for Python numbers, NumPy scalars and tuples,
//! and the host's exact path for everything else (arrays, objects, rare number cases).

use std::cmp::Ordering;
use std::rc::Rc;

use num_complex::Complex64;

use crate::bytecode::{BinOp, CmpOp, UnOp};
use crate::host::Host;
use crate::num::{complex, float, int, np};
use crate::value::{Res, Value};

/// `a op b` (`a op= b` when `inplace`).
pub fn binary(host: &mut dyn Host, op: BinOp, inplace: bool, a: &Value, b: &Value) -> Res<Value> {
    if let Some(r) = native_binary(op, a, b) {
        return r;
    }
    host.binary(op, inplace, a, b)
}

/// The native result, or None for the host.
pub fn native_binary(op: BinOp, a: &Value, b: &Value) -> Option<Res<Value>> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => {
            // The hottest case first.
            let r = match op {
                BinOp::Add => x.checked_add(*y),
                BinOp::Sub => x.checked_sub(*y),
                BinOp::Mul => x.checked_mul(*y),
                _ => None,
            };
            match r {
                Some(v) => Some(Ok(Value::Int(v))),
                None => int::binary(op, a, b),
            }
        }
        (Value::Float(x), Value::Float(y)) => float::binary(op, *x, *y),
        (Value::Bool(x), Value::Bool(y)) if matches!(op, BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor) => Some(Ok(Value::Bool(match op {
            BinOp::BitAnd => x & y,
            BinOp::BitOr => x | y,
            _ => x ^ y,
        }))),
        _ if int::is_int(a) && int::is_int(b) => int::binary(op, a, b),
        (Value::Float(x), _) if int::is_int(b) => float_int(op, *x, b, false),
        (_, Value::Float(y)) if int::is_int(a) => float_int(op, *y, a, true),
        (Value::Np(_), _) | (_, Value::Np(_)) => np::binary(op, a, b).map(Ok),
        (Value::Complex(_), _) | (_, Value::Complex(_)) => {
            let (x, y) = (to_complex(a)?, to_complex(b)?);
            match (x, y) {
                (Ok(x), Ok(y)) => complex::binary(op, x, y),
                (Err(e), _) | (_, Err(e)) => Some(Err(e)),
            }
        }
        (Value::Tuple(x), Value::Tuple(y)) if op == BinOp::Add => {
            let mut v: Vec<Value> = x.to_vec();
            v.extend(y.iter().cloned());
            Some(Ok(Value::tuple(v)))
        }
        _ => None,
    }
}

/// float op int (or int op float when `swapped`): the int converts to float first.
fn float_int(op: BinOp, f: f64, i: &Value, swapped: bool) -> Option<Res<Value>> {
    let g = match int::to_f64(i) {
        Ok(g) => g,
        Err(e) => return Some(Err(e)),
    };
    if swapped {
        float::binary(op, g, f)
    } else {
        float::binary(op, f, g)
    }
}

/// A real or complex Python number as a complex (None for other values).
fn to_complex(v: &Value) -> Option<Res<Complex64>> {
    Some(match v {
        Value::Complex(c) => Ok(*c),
        Value::Float(f) => Ok(Complex64::new(*f, 0.0)),
        _ if int::is_int(v) => int::to_f64(v).map(|f| Complex64::new(f, 0.0)),
        _ => return None,
    })
}

/// `op a`.
pub fn unary(host: &mut dyn Host, op: UnOp, a: &Value) -> Res<Value> {
    if op == UnOp::Not {
        return Ok(Value::Bool(!truth(host, a)?));
    }
    let native = match (op, a) {
        (UnOp::Neg, Value::Float(f)) => Some(Value::Float(-f)),
        (UnOp::Pos, Value::Float(f)) => Some(Value::Float(*f)),
        (UnOp::Neg, Value::Complex(c)) => Some(Value::Complex(-c)),
        (UnOp::Pos, Value::Complex(c)) => Some(Value::Complex(*c)),
        (UnOp::Neg, _) if int::is_int(a) => Some(int::neg(a)),
        (UnOp::Pos, Value::Bool(b)) => Some(Value::Int(*b as i64)),
        (UnOp::Pos, Value::Int(_) | Value::BigInt(_)) => Some(a.clone()),
        (UnOp::Invert, _) if int::is_int(a) => Some(int::invert(a)),
        (UnOp::Neg, Value::Np(s)) if !s.dtype().is_bool() => np::unary("negative", a),
        (UnOp::Pos, Value::Np(s)) if !s.dtype().is_bool() => np::unary("positive", a),
        (UnOp::Invert, Value::Np(s)) if !s.dtype().is_inexact() => np::unary("invert", a),
        _ => None,
    };
    match native {
        Some(v) => Ok(v),
        None => host.unary(op, a),
    }
}

/// `bool(v)`.
pub fn truth(host: &mut dyn Host, v: &Value) -> Res<bool> {
    Ok(match v {
        Value::None => false,
        Value::Bool(b) => *b,
        Value::Int(i) => *i != 0,
        Value::BigInt(_) => true,
        Value::Float(f) => *f != 0.0,
        Value::Complex(c) => c.re != 0.0 || c.im != 0.0,
        Value::Np(s) => return truth(host, &np::item(*s)),
        Value::Str(s) => !s.is_empty(),
        Value::Tuple(t) => !t.is_empty(),
        Value::Range(r) => r.len() > 0,
        Value::Func(_) | Value::Builtin(_) => true,
        _ => return host.truth(v),
    })
}

/// `a op b` for comparisons, `is`, `in`.
pub fn compare(host: &mut dyn Host, op: CmpOp, a: &Value, b: &Value) -> Res<Value> {
    match op {
        CmpOp::Is => return Ok(Value::Bool(identical(host, a, b))),
        CmpOp::IsNot => return Ok(Value::Bool(!identical(host, a, b))),
        CmpOp::In | CmpOp::NotIn => {
            let found = contains(host, b, a)?;
            return Ok(Value::Bool(found == (op == CmpOp::In)));
        }
        _ => {}
    }
    if let Some(o) = number_order(a, b) {
        return Ok(Value::Bool(holds(op, o)));
    }
    if np::is_np(a) || np::is_np(b) {
        if let Some(name) = op.ufunc() {
            if let Some(out) = np::apply(name, &[a, b]) {
                return Ok(Value::Np(out[0]));
            }
        }
        return host.compare(op, a, b);
    }
    if let Some(r) = native_compare(host, op, a, b) {
        return r;
    }
    host.compare(op, a, b)
}

/// The order of two real Python numbers; `Some(None)` when a NaN makes them unordered.
fn number_order(a: &Value, b: &Value) -> Option<Option<Ordering>> {
    Some(match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x.cmp(y)),
        (Value::Float(x), Value::Float(y)) => x.partial_cmp(y),
        (Value::Float(x), _) if int::is_int(b) => int::cmp_float(b, *x).map(Ordering::reverse),
        (_, Value::Float(y)) if int::is_int(a) => int::cmp_float(a, *y),
        _ if int::is_int(a) && int::is_int(b) => int::cmp(a, b),
        _ => return None,
    })
}

fn holds(op: CmpOp, o: Option<Ordering>) -> bool {
    match o {
        None => op == CmpOp::Ne,
        Some(o) => match op {
            CmpOp::Lt => o == Ordering::Less,
            CmpOp::Le => o != Ordering::Greater,
            CmpOp::Eq => o == Ordering::Equal,
            CmpOp::Ne => o != Ordering::Equal,
            CmpOp::Gt => o == Ordering::Greater,
            CmpOp::Ge => o != Ordering::Less,
            _ => false,
        },
    }
}

fn native_compare(host: &mut dyn Host, op: CmpOp, a: &Value, b: &Value) -> Option<Res<Value>> {
    let eq_op = matches!(op, CmpOp::Eq | CmpOp::Ne);
    match (a, b) {
        (Value::Complex(_), _) | (_, Value::Complex(_)) if eq_op => {
            let (x, y) = (to_complex(a)?, to_complex(b)?);
            // CPython compares a complex with an int exactly; through float is exact for
            // ints up to 2**53, beyond that ask the host.
            if [a, b].iter().any(|v| matches!(v, Value::BigInt(_)) || matches!(v, Value::Int(i) if i.unsigned_abs() > 1 << 53)) {
                return None;
            }
            let same = x.ok()? == y.ok()?;
            Some(Ok(Value::Bool(same == (op == CmpOp::Eq))))
        }
        (Value::None, _) | (_, Value::None) if eq_op && !matches!(a, Value::Array(_) | Value::Obj(_)) && !matches!(b, Value::Array(_) | Value::Obj(_)) => {
            let same = matches!((a, b), (Value::None, Value::None));
            Some(Ok(Value::Bool(same == (op == CmpOp::Eq))))
        }
        (Value::Tuple(x), Value::Tuple(y)) => Some(tuple_compare(host, op, x, y)),
        _ => None,
    }
}

/// Lexicographic tuple comparison: the first pair that is not `==` decides.
fn tuple_compare(host: &mut dyn Host, op: CmpOp, x: &Rc<[Value]>, y: &Rc<[Value]>) -> Res<Value> {
    for (p, q) in x.iter().zip(y.iter()) {
        if identical(host, p, q) {
            continue;
        }
        let eq = compare(host, CmpOp::Eq, p, q)?;
        if truth(host, &eq)? {
            continue;
        }
        return match op {
            CmpOp::Eq => Ok(Value::Bool(false)),
            CmpOp::Ne => Ok(Value::Bool(true)),
            _ => compare(host, op, p, q),
        };
    }
    Ok(Value::Bool(holds(op, Some(x.len().cmp(&y.len())))))
}

/// `needle in haystack`.
fn contains(host: &mut dyn Host, haystack: &Value, needle: &Value) -> Res<bool> {
    match haystack {
        Value::Tuple(items) => {
            for item in items.iter() {
                if identical(host, item, needle) {
                    return Ok(true);
                }
                let eq = compare(host, CmpOp::Eq, item, needle)?;
                if truth(host, &eq)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Value::Range(r) if matches!(needle, Value::Int(_) | Value::Bool(_)) => {
            let i = needle.as_small_int().unwrap();
            let inside = if r.step > 0 { i >= r.start && i < r.stop } else { i <= r.start && i > r.stop };
            Ok(inside && (i as i128 - r.start as i128) % r.step as i128 == 0)
        }
        _ => {
            let v = host.compare(CmpOp::In, needle, haystack)?;
            truth(host, &v)
        }
    }
}

/// `a is b`, as far as unboxed values can tell: singletons and shared objects by identity,
/// small ints as CPython caches them.
pub fn identical(host: &mut dyn Host, a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::None, Value::None) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Int(x), Value::Int(y)) => x == y && (-5..=256).contains(x),
        (Value::Str(x), Value::Str(y)) => Rc::ptr_eq(x, y),
        (Value::Tuple(x), Value::Tuple(y)) => Rc::ptr_eq(x, y) || (x.is_empty() && y.is_empty()),
        (Value::Array(x), Value::Array(y)) => Rc::ptr_eq(x, y) || host.same_object(&x.obj, &y.obj),
        (Value::Func(x), Value::Func(y)) => Rc::ptr_eq(x, y) || host.same_object(&x.obj, &y.obj),
        (Value::Builtin(x), Value::Builtin(y)) => x.id == y.id,
        (Value::Obj(x), Value::Obj(y)) => host.same_object(x, y),
        _ => false,
    }
}
