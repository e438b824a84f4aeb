//! Python `int` arithmetic: an i64 fast path, `num-bigint` when a result leaves i64, CPython's
//! floor division and modulo signs, shifts and its ZeroDivisionError/ValueError texts. Bools are
//! ints here (`True + 1 == 2`); `&`, `|`, `^` of two bools stay bools (handled by the caller).
//!
//! `None` means "not handled natively": the caller takes the host's exact path.

use std::cmp::Ordering;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::bytecode::BinOp;
use crate::num::float;
use crate::value::{overflow, value_error, zero_division, Res, Value};

/// The value of an int-like operand as a BigInt.
pub fn to_big(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::Bool(b) => Some(BigInt::from(*b as i64)),
        Value::BigInt(b) => Some((**b).clone()),
        _ => None,
    }
}

pub fn is_int(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Bool(_) | Value::BigInt(_))
}

/// `float(v)` of an int-like value, with CPython's OverflowError.
pub fn to_f64(v: &Value) -> Res<f64> {
    match v {
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(*b as i64 as f64),
        Value::BigInt(b) => big_to_f64(b),
        _ => unreachable!("to_f64 of a non-int"),
    }
}

/// Correctly rounded BigInt -> f64 (ties to even), OverflowError beyond the float range.
pub fn big_to_f64(b: &BigInt) -> Res<f64> {
    let bits = b.bits();
    if bits <= 63 {
        return Ok(b.to_i64().unwrap() as f64);
    }
    // Keep 64 significant bits plus a sticky bit, then let the hardware round once.
    let shift = bits - 64;
    let mag = b.abs();
    let top: BigInt = &mag >> shift;
    let sticky = !(&mag - (&top << shift)).is_zero();
    let mut t = top.to_u64().unwrap();
    // Round to 53 bits by hand (the u64 -> f64 cast would drop the sticky bit).
    let low = t & 0x7ff;
    t >>= 11;
    let half = 0x400;
    if low > half || (low == half && (sticky || t & 1 == 1)) {
        t += 1;
    }
    let f = (t as f64) * 2f64.powi((shift + 11) as i32);
    if f.is_infinite() {
        return Err(overflow("int too large to convert to float"));
    }
    Ok(if b.is_negative() { -f } else { f })
}

/// `a op b` for two int-like operands.
pub fn binary(op: BinOp, a: &Value, b: &Value) -> Option<Res<Value>> {
    if let (Some(x), Some(y)) = (a.as_small_int(), b.as_small_int()) {
        if let Some(r) = small(op, x, y) {
            return Some(r);
        }
    }
    let (x, y) = (to_big(a)?, to_big(b)?);
    big(op, x, y)
}

fn small(op: BinOp, x: i64, y: i64) -> Option<Res<Value>> {
    let v = match op {
        BinOp::Add => Value::Int(x.checked_add(y)?),
        BinOp::Sub => Value::Int(x.checked_sub(y)?),
        BinOp::Mul => Value::Int(x.checked_mul(y)?),
        BinOp::FloorDiv => {
            if y == 0 {
                return Some(Err(zero_division("integer division or modulo by zero")));
            }
            Value::Int(floor_div(x, y)?)
        }
        BinOp::Mod => {
            if y == 0 {
                return Some(Err(zero_division("integer modulo by zero")));
            }
            Value::Int(floor_mod(x, y)?)
        }
        BinOp::TrueDiv => return Some(true_div_small(x, y)),
        BinOp::Pow => return pow_small(x, y),
        BinOp::LShift => {
            if y < 0 {
                return Some(Err(value_error("negative shift count")));
            }
            if y >= 63 || (x << y) >> y != x {
                return None;
            }
            Value::Int(x << y)
        }
        BinOp::RShift => {
            if y < 0 {
                return Some(Err(value_error("negative shift count")));
            }
            Value::Int(x >> y.min(63))
        }
        BinOp::BitAnd => Value::Int(x & y),
        BinOp::BitOr => Value::Int(x | y),
        BinOp::BitXor => Value::Int(x ^ y),
        BinOp::MatMul => return None,
    };
    Some(Ok(v))
}

/// Python's `x // y` (rounds toward -inf); None on i64 overflow (MIN // -1).
pub fn floor_div(x: i64, y: i64) -> Option<i64> {
    let q = x.checked_div(y)?;
    if (x % y != 0) && ((x < 0) != (y < 0)) {
        Some(q - 1)
    } else {
        Some(q)
    }
}

/// Python's `x % y` (the divisor's sign).
pub fn floor_mod(x: i64, y: i64) -> Option<i64> {
    let r = x.checked_rem(y)?;
    if r != 0 && ((r < 0) != (y < 0)) {
        Some(r + y)
    } else {
        Some(r)
    }
}

fn true_div_small(x: i64, y: i64) -> Res<Value> {
    if y == 0 {
        return Err(zero_division("division by zero"));
    }
    const EXACT: i64 = 1 << 53;
    if x.abs() <= EXACT && y.abs() <= EXACT {
        return Ok(Value::Float(x as f64 / y as f64));
    }
    true_div_big(&BigInt::from(x), &BigInt::from(y))
}

/// Correctly rounded `a / b` of ints (CPython's long_true_divide): the quotient scaled to 55+
/// significant bits with a sticky bit, rounded once.
fn true_div_big(a: &BigInt, b: &BigInt) -> Res<Value> {
    if b.is_zero() {
        return Err(zero_division("division by zero"));
    }
    if a.is_zero() {
        let neg = b.is_negative();
        return Ok(Value::Float(if neg { -0.0 } else { 0.0 }));
    }
    let negative = a.is_negative() != b.is_negative();
    let (na, nb) = (a.abs(), b.abs());
    // Choose a scale so the integer quotient has at least 65 bits.
    let shift = 65i64 - (na.bits() as i64 - nb.bits() as i64);
    let (num, den) = if shift >= 0 { (&na << shift as u64, nb) } else { (na, &nb << (-shift) as u64) };
    let (q, r) = num.div_rem(&den);
    let mut q = q;
    if !r.is_zero() {
        q = (q << 1u32) | BigInt::from(1);
    } else {
        q <<= 1u32;
    }
    // value = q * 2^(-shift-1); q has >= 66 bits with a sticky lowest bit.
    let f = big_to_f64(&q).map_err(|_| overflow("integer division result too large for a float"))?;
    let exp = -shift - 1;
    let v = scale_pow2(f, exp);
    if v.is_infinite() {
        return Err(overflow("integer division result too large for a float"));
    }
    Ok(Value::Float(if negative { -v } else { v }))
}

/// f * 2^exp without intermediate overflow (exact when the result is normal; subnormal
/// results are left to the host by the caller's range check).
fn scale_pow2(mut f: f64, mut exp: i64) -> f64 {
    while exp > 1000 {
        f *= 2f64.powi(1000);
        exp -= 1000;
    }
    while exp < -1000 {
        f *= 2f64.powi(-1000);
        exp += 1000;
    }
    f * 2f64.powi(exp as i32)
}

fn pow_small(x: i64, y: i64) -> Option<Res<Value>> {
    if y < 0 {
        return Some(pow_negative(x as f64, y as f64));
    }
    let e = u32::try_from(y).ok()?;
    match x.checked_pow(e) {
        Some(v) => Some(Ok(Value::Int(v))),
        None => None,
    }
}

/// `x ** y` with a negative int exponent: float pow, and 0 ** -n raises.
fn pow_negative(x: f64, y: f64) -> Res<Value> {
    float::binary(BinOp::Pow, x, y).unwrap_or_else(|| Ok(Value::Float(x.powf(y))))
}

fn big(op: BinOp, x: BigInt, y: BigInt) -> Option<Res<Value>> {
    let v = match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::FloorDiv => {
            if y.is_zero() {
                return Some(Err(zero_division("integer division or modulo by zero")));
            }
            x.div_floor(&y)
        }
        BinOp::Mod => {
            if y.is_zero() {
                return Some(Err(zero_division("integer modulo by zero")));
            }
            x.mod_floor(&y)
        }
        BinOp::TrueDiv => return Some(true_div_big(&x, &y)),
        BinOp::Pow => {
            if y.is_negative() {
                let (fx, fy) = match (big_to_f64(&x), big_to_f64(&y)) {
                    (Ok(a), Ok(b)) => (a, b),
                    (Err(e), _) | (_, Err(e)) => return Some(Err(e)),
                };
                return Some(pow_negative(fx, fy));
            }
            let e = y.to_u32()?;
            if x.bits() as u128 * e as u128 > 1 << 24 {
                return None; // huge result: the host takes as long as CPython does
            }
            num_traits::Pow::pow(x, e)
        }
        BinOp::LShift => {
            if y.is_negative() {
                return Some(Err(value_error("negative shift count")));
            }
            let s = y.to_u64()?;
            if s > 1 << 24 {
                return None;
            }
            x << s
        }
        BinOp::RShift => {
            if y.is_negative() {
                return Some(Err(value_error("negative shift count")));
            }
            match y.to_u64() {
                Some(s) => x >> s,
                None => BigInt::from(if x.is_negative() { -1 } else { 0 }),
            }
        }
        BinOp::BitAnd => x & y,
        BinOp::BitOr => x | y,
        BinOp::BitXor => x ^ y,
        BinOp::MatMul => return None,
    };
    Some(Ok(Value::big(v)))
}

/// Compare two int-like values.
pub fn cmp(a: &Value, b: &Value) -> Option<Ordering> {
    if let (Some(x), Some(y)) = (a.as_small_int(), b.as_small_int()) {
        return Some(x.cmp(&y));
    }
    Some(to_big(a)?.cmp(&to_big(b)?))
}

/// Exact comparison of an int-like value with a float (CPython compares exactly, not through a
/// rounded conversion); None when `f` is NaN.
pub fn cmp_float(a: &Value, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 { Ordering::Less } else { Ordering::Greater });
    }
    if let Some(x) = a.as_small_int() {
        if x.abs() <= 1 << 53 {
            return (x as f64).partial_cmp(&f);
        }
    }
    let x = to_big(a)?;
    let t = f.trunc();
    let ti = BigInt::from(t as i128);
    let ti = if t.abs() < 1.7e38 { ti } else { float_to_big(t) };
    match x.cmp(&ti) {
        Ordering::Equal => Some(if f > t { Ordering::Less } else if f < t { Ordering::Greater } else { Ordering::Equal }),
        o => Some(o),
    }
}

/// The exact integer value of an integral, finite float.
pub fn float_to_big(f: f64) -> BigInt {
    if f.abs() < 9.2e18 {
        return BigInt::from(f as i64);
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64 - 1075;
    let mant = (bits & ((1u64 << 52) - 1)) | (1u64 << 52);
    let m = BigInt::from(mant);
    let v = if exp >= 0 { m << exp as u64 } else { m >> (-exp) as u64 };
    if f < 0.0 { -v } else { v }
}

/// `int(f)`: truncation, with CPython's errors for inf and NaN.
pub fn from_float(f: f64) -> Res<Value> {
    if f.is_nan() {
        return Err(value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(overflow("cannot convert float infinity to integer"));
    }
    let t = f.trunc();
    if t.abs() < 9.2e18 {
        return Ok(Value::Int(t as i64));
    }
    Ok(Value::big(float_to_big(t)))
}

/// `-v`, `~v`, `abs(v)` of an int-like value.
pub fn neg(v: &Value) -> Value {
    match v.as_small_int().and_then(|x| x.checked_neg()) {
        Some(n) => Value::Int(n),
        None => Value::big(-to_big(v).unwrap()),
    }
}

pub fn invert(v: &Value) -> Value {
    match v.as_small_int() {
        Some(x) => Value::Int(!x),
        None => Value::big(-to_big(v).unwrap() - 1),
    }
}

pub fn abs(v: &Value) -> Value {
    match v.as_small_int().and_then(|x| x.checked_abs()) {
        Some(n) => Value::Int(n),
        None => Value::big(to_big(v).unwrap().abs()),
    }
}

pub fn is_zero(v: &Value) -> bool {
    match v {
        Value::Int(i) => *i == 0,
        Value::Bool(b) => !*b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(v: &Value) -> i128 {
        match v {
            Value::Int(i) => *i as i128,
            Value::BigInt(b) => b.to_i128().unwrap(),
            other => panic!("not an int: {other:?}"),
        }
    }

    #[test]
    fn floor_division_and_modulo_follow_pythons_signs() {
        for (x, y, q, r) in [(7, 2, 3, 1), (-7, 2, -4, 1), (7, -2, -4, -1), (-7, -2, 3, -1), (6, 3, 2, 0)] {
            let (a, b) = (Value::Int(x), Value::Int(y));
            assert_eq!(int(&binary(BinOp::FloorDiv, &a, &b).unwrap().unwrap()), q);
            assert_eq!(int(&binary(BinOp::Mod, &a, &b).unwrap().unwrap()), r);
        }
    }

    #[test]
    fn overflow_goes_to_big_ints_and_back() {
        let m = Value::Int(i64::MAX);
        let s = binary(BinOp::Add, &m, &Value::Int(1)).unwrap().unwrap();
        assert!(matches!(s, Value::BigInt(_)));
        assert_eq!(int(&s), i64::MAX as i128 + 1);
        let back = binary(BinOp::Sub, &s, &Value::Int(1)).unwrap().unwrap();
        assert!(matches!(back, Value::Int(i64::MAX)));
        let q = binary(BinOp::FloorDiv, &Value::Int(i64::MIN), &Value::Int(-1)).unwrap().unwrap();
        assert_eq!(int(&q), -(i64::MIN as i128));
        let p = binary(BinOp::Pow, &Value::Int(3), &Value::Int(50)).unwrap().unwrap();
        assert_eq!(int(&p), 3i128.pow(50));
    }

    #[test]
    fn big_int_to_float_rounds_to_nearest_even() {
        let two53 = BigInt::from(1u64 << 53);
        assert_eq!(big_to_f64(&(&two53 + 1)).unwrap(), 9007199254740992.0);
        assert_eq!(big_to_f64(&(&two53 + 3)).unwrap(), 9007199254740996.0);
        let big = BigInt::from(10).pow(400u32);
        assert!(big_to_f64(&big).is_err());
        let v = BigInt::from(12345678901234567890123u128);
        assert_eq!(big_to_f64(&v).unwrap(), 12345678901234567890123u128 as f64);
    }

    #[test]
    fn true_division_is_correctly_rounded_for_big_operands() {
        let a = Value::Int(i64::MAX);
        let r = binary(BinOp::TrueDiv, &a, &Value::Int(3)).unwrap().unwrap();
        assert!(matches!(r, Value::Float(f) if f == 3074457345618258602.3333333333333333));
        let r = binary(BinOp::TrueDiv, &Value::Int(1), &Value::Int(0)).unwrap();
        assert!(r.is_err());
    }

    #[test]
    fn int_float_comparisons_are_exact() {
        let a = Value::Int((1 << 53) + 1);
        assert_eq!(cmp_float(&a, 9007199254740992.0), Some(Ordering::Greater));
        assert_eq!(cmp_float(&Value::Int(3), 3.5), Some(Ordering::Less));
        assert_eq!(cmp_float(&Value::Int(3), f64::NAN), None);
        assert_eq!(cmp_float(&Value::Int(-4), -3.5), Some(Ordering::Less));
    }
}
