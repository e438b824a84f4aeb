//! Python `float` arithmetic with CPython's rules: `//` and `%` through fmod with the divisor's
//! sign (`float_divmod`), `**` with `float_pow`'s special cases and OverflowError, and the exact
//! ZeroDivisionError texts. `None` means "the host computes it" (a negative base to a
//! fractional power gives a complex number, which CPython computes with complex pow).

use crate::bytecode::BinOp;
use crate::value::{overflow, zero_division, Res, Value};

pub fn binary(op: BinOp, x: f64, y: f64) -> Option<Res<Value>> {
    let v = match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::TrueDiv => {
            if y == 0.0 {
                return Some(Err(zero_division("float division by zero")));
            }
            x / y
        }
        BinOp::FloorDiv => {
            if y == 0.0 {
                return Some(Err(zero_division("float floor division by zero")));
            }
            divmod(x, y).0
        }
        BinOp::Mod => {
            if y == 0.0 {
                return Some(Err(zero_division("float modulo")));
            }
            modulo(x, y)
        }
        BinOp::Pow => return pow(x, y).map(|r| r.map(Value::Float)),
        _ => return None,
    };
    Some(Ok(Value::Float(v)))
}

/// CPython's `float % float` for a nonzero divisor.
pub fn modulo(vx: f64, wx: f64) -> f64 {
    let m = vx % wx; // C fmod
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m + wx
        } else {
            m
        }
    } else {
        0.0f64.copysign(wx)
    }
}

/// CPython's `_float_div_mod` for a nonzero divisor: (floor quotient, modulo).
pub fn divmod(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(vx / wx)
    };
    (floordiv, m)
}

fn is_odd_integer(x: f64) -> bool {
    x.is_finite() && (x % 2.0).abs() == 1.0
}

/// CPython's `float_pow`; `None` for a negative base to a non-integer power (complex result).
pub fn pow(iv: f64, iw: f64) -> Option<Res<f64>> {
    if iw == 0.0 {
        return Some(Ok(1.0));
    }
    if iv.is_nan() {
        return Some(Ok(iv));
    }
    if iw.is_nan() {
        return Some(Ok(if iv == 1.0 { 1.0 } else { iw }));
    }
    if iw.is_infinite() {
        let a = iv.abs();
        return Some(Ok(if a == 1.0 {
            1.0
        } else if (iw > 0.0) == (a > 1.0) {
            iw.abs()
        } else {
            0.0
        }));
    }
    let odd = is_odd_integer(iw);
    if iv.is_infinite() {
        return Some(Ok(if iw > 0.0 {
            if odd { iv } else { iv.abs() }
        } else if odd {
            0.0f64.copysign(iv)
        } else {
            0.0
        }));
    }
    if iv == 0.0 {
        if iw < 0.0 {
            return Some(Err(zero_division("0.0 cannot be raised to a negative power")));
        }
        return Some(Ok(if odd { iv } else { 0.0 }));
    }
    let mut base = iv;
    let mut negate = false;
    if iv < 0.0 {
        if iw != iw.floor() {
            return None;
        }
        base = -iv;
        negate = odd;
    }
    if base == 1.0 {
        return Some(Ok(if negate { -1.0 } else { 1.0 }));
    }
    let r = base.powf(iw);
    if r.is_infinite() {
        return Some(Err(overflow("(34, 'Numerical result out of range')")));
    }
    Some(Ok(if negate { -r } else { r }))
}

/// Python's `round(x)` of a float: half to even, as an int.
pub fn round_to_int(x: f64) -> Res<Value> {
    let r = x.round_ties_even();
    crate::num::int::from_float(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floor_division_and_modulo_match_cpython() {
        // Values printed by CPython 3.11.
        assert_eq!(divmod(7.5, -2.0), (-4.0, -0.5));
        assert_eq!(divmod(-7.5, 2.0), (-4.0, 0.5));
        assert_eq!(modulo(-0.0, 3.0).to_bits(), 0.0f64.to_bits());
        assert_eq!(modulo(3.0, -3.0).to_bits(), (-0.0f64).to_bits());
        assert_eq!(divmod(1.0, 0.1), (9.0, 0.09999999999999995));
        assert_eq!(divmod(-1e-300, 1e300).0, -1.0);
    }

    #[test]
    fn pow_special_cases() {
        assert_eq!(pow(-8.0, 3.0).unwrap().unwrap(), -512.0);
        assert!(pow(-8.0, 1.0 / 3.0).is_none());
        assert!(pow(0.0, -1.0).unwrap().is_err());
        assert!(pow(10.0, 400.0).unwrap().is_err());
        assert_eq!(pow(f64::NAN, 0.0).unwrap().unwrap(), 1.0);
        assert_eq!(pow(1.0, f64::NAN).unwrap().unwrap(), 1.0);
        assert_eq!(pow(-1.0, f64::INFINITY).unwrap().unwrap(), 1.0);
        assert_eq!(pow(f64::NEG_INFINITY, 3.0).unwrap().unwrap(), f64::NEG_INFINITY);
        assert_eq!(pow(1e-200, 2.0).unwrap().unwrap(), 0.0);
    }

    #[test]
    fn round_is_half_even() {
        assert!(matches!(round_to_int(2.5), Ok(Value::Int(2))));
        assert!(matches!(round_to_int(-3.5), Ok(Value::Int(-4))));
        assert!(round_to_int(f64::INFINITY).is_err());
    }
}
