//! The builtins and `math` functions the interpreter runs itself: abs, min, max, int, float,
//! round, len, range, bool, divmod, complex, and math's float functions. Each native path covers
//! the ordinary cases; anything else (keywords, strings, non-finite math results that CPython
//! turns into errors, big-int logarithms, ...) calls the real Python function through the host.

use std::rc::Rc;

use num_complex::Complex64;

use crate::bytecode::{BinOp, CmpOp};
use crate::host::Host;
use crate::num::{complex, float, int, np};
use crate::ops;
use crate::value::{value_error, zero_division, Builtin, BuiltinId, RangeVal, Res, Value};

/// Call builtin `b`; `kwnames` name the last arguments.
pub fn call(host: &mut dyn Host, b: &Rc<Builtin>, args: &[Value], kwnames: &[Value]) -> Res<Value> {
    if kwnames.is_empty() {
        if let Some(r) = native(host, b.id, args) {
            return r;
        }
    }
    host.call(&Value::Builtin(b.clone()), args, kwnames)
}

fn native(host: &mut dyn Host, id: BuiltinId, args: &[Value]) -> Option<Res<Value>> {
    use BuiltinId::*;
    match (id, args) {
        (Abs, [x]) => abs(x).map(Ok),
        (Min, _) => min_max(host, args, CmpOp::Lt, "min"),
        (Max, _) => min_max(host, args, CmpOp::Gt, "max"),
        (Int, []) => Some(Ok(Value::Int(0))),
        (Int, [x]) => to_int(x),
        (Float, []) => Some(Ok(Value::Float(0.0))),
        (Float, [x]) => to_float(x).map(|r| r.map(Value::Float)),
        (Bool, []) => Some(Ok(Value::Bool(false))),
        (Bool, [x]) => Some(ops::truth(host, x).map(Value::Bool)),
        (Round, [x]) => round(x),
        (Round, [x, Value::Int(n)]) if int::is_int(x) && *n >= 0 => Some(Ok(int_value(x))),
        (Len, [x]) => len(x),
        (Range, _) => range(args),
        (DivMod, [a, b]) => divmod(a, b),
        (Complex, [re]) => real(re).map(|r| r.map(|x| Value::Complex(Complex64::new(x, 0.0)))),
        (Complex, [re, im]) => match (real(re)?, real(im)?) {
            (Ok(x), Ok(y)) => Some(Ok(Value::Complex(Complex64::new(x, y)))),
            (Err(e), _) | (_, Err(e)) => Some(Err(e)),
        },
        _ => math(id, args),
    }
}

/// The int itself for an int-like value (bools become ints).
fn int_value(x: &Value) -> Value {
    match x {
        Value::Bool(b) => Value::Int(*b as i64),
        other => other.clone(),
    }
}

fn abs(x: &Value) -> Option<Value> {
    Some(match x {
        Value::Float(f) => Value::Float(f.abs()),
        Value::Complex(c) => return complex::abs(*c).ok().map(Value::Float),
        Value::Np(s) if !s.dtype().is_bool() => return np::unary("absolute", x),
        _ if int::is_int(x) => int::abs(x),
        _ => return None,
    })
}

fn min_max(host: &mut dyn Host, args: &[Value], better: CmpOp, name: &str) -> Option<Res<Value>> {
    let items: Vec<Value> = match args {
        [] => return None,
        [Value::Tuple(t)] => t.to_vec(),
        [Value::Range(r)] if r.len() <= 1 << 20 => range_items(r),
        [_] => return None,
        many => many.to_vec(),
    };
    let mut it = items.into_iter();
    let Some(mut best) = it.next() else {
        return Some(Err(value_error(&format!("{name}() arg is an empty sequence"))));
    };
    for x in it {
        let r = ops::compare(host, better, &x, &best).and_then(|c| ops::truth(host, &c));
        match r {
            Ok(true) => best = x,
            Ok(false) => {}
            Err(e) => return Some(Err(e)),
        }
    }
    Some(Ok(best))
}

fn range_items(r: &RangeVal) -> Vec<Value> {
    let n = r.len() as i64;
    (0..n).map(|k| Value::Int(r.start + k * r.step)).collect()
}

fn to_int(x: &Value) -> Option<Res<Value>> {
    match x {
        Value::Float(f) => Some(int::from_float(*f)),
        Value::Np(s) if !s.dtype().is_complex() => to_int(&np::item(*s)),
        _ if int::is_int(x) => Some(Ok(int_value(x))),
        _ => None,
    }
}

fn to_float(x: &Value) -> Option<Res<f64>> {
    match x {
        Value::Float(f) => Some(Ok(*f)),
        Value::Np(s) if !s.dtype().is_complex() => to_float(&np::item(*s)),
        _ if int::is_int(x) => Some(int::to_f64(x)),
        _ => None,
    }
}

/// A real number argument as CPython's `PyFloat_AsDouble` reads it.
fn real(x: &Value) -> Option<Res<f64>> {
    to_float(x)
}

fn round(x: &Value) -> Option<Res<Value>> {
    match x {
        Value::Float(f) => Some(float::round_to_int(*f)),
        _ if int::is_int(x) => Some(Ok(int_value(x))),
        _ => None,
    }
}

fn len(x: &Value) -> Option<Res<Value>> {
    Some(Ok(match x {
        Value::Tuple(t) => Value::Int(t.len() as i64),
        Value::Range(r) => Value::int(r.len()),
        Value::Str(s) => Value::Int(s.chars().count() as i64),
        Value::Array(a) if a.view.ndim() > 0 => Value::Int(a.view.shape[0] as i64),
        _ => return None,
    }))
}

/// An int argument of `range` (ints, bools and NumPy integer scalars through `__index__`).
fn index_arg(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        Value::Np(s) if s.dtype().is_integer() || s.dtype().is_bool() => np::item(*s).as_small_int(),
        _ => None,
    }
}

fn range(args: &[Value]) -> Option<Res<Value>> {
    let ints: Vec<i64> = args.iter().map(index_arg).collect::<Option<_>>()?;
    let (start, stop, step) = match ints.as_slice() {
        [stop] => (0, *stop, 1),
        [start, stop] => (*start, *stop, 1),
        [start, stop, step] => (*start, *stop, *step),
        _ => return None,
    };
    if step == 0 {
        return Some(Err(value_error("range() arg 3 must not be zero")));
    }
    Some(Ok(Value::Range(RangeVal { start, stop, step })))
}

fn divmod(a: &Value, b: &Value) -> Option<Res<Value>> {
    if int::is_int(a) && int::is_int(b) {
        if int::is_zero(b) {
            return Some(Err(zero_division("integer division or modulo by zero")));
        }
        let q = int::binary(BinOp::FloorDiv, a, b)?;
        let r = int::binary(BinOp::Mod, a, b)?;
        return Some(q.and_then(|q| r.map(|r| Value::tuple(vec![q, r]))));
    }
    let both_real = matches!(a, Value::Float(_)) || matches!(b, Value::Float(_));
    if !both_real || np::is_np(a) || np::is_np(b) {
        return None;
    }
    let (x, y) = match (to_float(a)?, to_float(b)?) {
        (Ok(x), Ok(y)) => (x, y),
        (Err(e), _) | (_, Err(e)) => return Some(Err(e)),
    };
    if y == 0.0 {
        return Some(Err(zero_division("float divmod()")));
    }
    let (q, r) = float::divmod(x, y);
    Some(Ok(Value::tuple(vec![Value::Float(q), Value::Float(r)])))
}

/// math functions on finite floats with finite results; everything else is the host's (where
/// CPython raises "math domain error"/"math range error" or handles big ints).
fn math(id: BuiltinId, args: &[Value]) -> Option<Res<Value>> {
    use BuiltinId::*;
    if args.iter().any(|a| matches!(a, Value::BigInt(_))) {
        return None;
    }
    let xs: Vec<f64> = args.iter().map(|a| to_float(a)?.ok()).collect::<Option<_>>()?;
    match (id, xs.as_slice()) {
        (MathIsnan, [x]) => return Some(Ok(Value::Bool(x.is_nan()))),
        (MathIsinf, [x]) => return Some(Ok(Value::Bool(x.is_infinite()))),
        (MathIsfinite, [x]) => return Some(Ok(Value::Bool(x.is_finite()))),
        _ => {}
    }
    if xs.iter().any(|x| !x.is_finite()) {
        return None;
    }
    if matches!(id, MathFloor | MathCeil | MathTrunc) {
        if let [x] = args {
            if int::is_int(x) {
                return Some(Ok(int_value(x)));
            }
            if matches!(x, Value::Np(_)) {
                return None; // __floor__ of NumPy scalars is theirs
            }
        }
    }
    let r = match (id, xs.as_slice()) {
        (MathSqrt, [x]) => x.sqrt(),
        (MathExp, [x]) => x.exp(),
        (MathLog, [x]) if *x > 0.0 => x.ln(),
        (MathLog, [x, b]) if *x > 0.0 && *b > 0.0 && *b != 1.0 => x.ln() / b.ln(),
        (MathLog2, [x]) if *x > 0.0 => x.log2(),
        (MathLog10, [x]) if *x > 0.0 => x.log10(),
        (MathLog1p, [x]) if *x > -1.0 => x.ln_1p(),
        (MathExpm1, [x]) => x.exp_m1(),
        (MathSin, [x]) => x.sin(),
        (MathCos, [x]) => x.cos(),
        (MathTan, [x]) => x.tan(),
        (MathAsin, [x]) => x.asin(),
        (MathAcos, [x]) => x.acos(),
        (MathAtan, [x]) => x.atan(),
        (MathAtan2, [y, x]) => y.atan2(*x),
        (MathSinh, [x]) => x.sinh(),
        (MathCosh, [x]) => x.cosh(),
        (MathTanh, [x]) => x.tanh(),
        (MathFabs, [x]) => x.abs(),
        (MathHypot, [x, y]) => x.hypot(*y),
        (MathCopysign, [x, y]) => x.copysign(*y),
        (MathPow, [x, y]) => x.powf(*y),
        (MathFmod, [x, y]) if *y != 0.0 => x % y,
        (MathDegrees, [x]) => x * (180.0 / std::f64::consts::PI),
        (MathRadians, [x]) => x * (std::f64::consts::PI / 180.0),
        (MathFloor, [x]) => return Some(int::from_float(x.floor())),
        (MathCeil, [x]) => return Some(int::from_float(x.ceil())),
        (MathTrunc, [x]) => return Some(int::from_float(x.trunc())),
        _ => return None,
    };
    r.is_finite().then_some(Ok(Value::Float(r)))
}
