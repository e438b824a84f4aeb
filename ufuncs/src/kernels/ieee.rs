//! IEEE 754 arithmetic that reports NumPy's floating-point error flags.
//!
//! NumPy reads the CPU's exception flags after a loop; the reference kernels compute them from
//! the operands and the result instead, so they are exact and portable:
//! - INVALID: a NaN produced from non-NaN operands (inf - inf, 0 * inf, 0/0, fmod(inf, y), ...),
//! - DIVIDE: a finite nonzero value divided by zero,
//! - OVERFLOW: an infinite result from finite operands,
//! - UNDERFLOW: a result below the smallest normal (after rounding, as x86 detects it) that
//!   is inexact.
//!
//! Each function mirrors one C operation of NumPy's loops, so NumPy's algorithms (npy_divmod,
//! complex division, ...) port line by line with the same flags.

use super::elem::Calc;
use crate::FpFlags;

#[inline(always)]
fn nan_or_overflow<C: Calc>(a: C, b: C, r: C, fl: &mut FpFlags) {
    if r.is_nan() {
        if !a.is_nan() && !b.is_nan() {
            fl.set(FpFlags::INVALID);
        }
    } else if r.is_infinite() && a.is_finite() && b.is_finite() {
        fl.set(FpFlags::OVERFLOW);
    }
}

#[inline(always)]
fn is_tiny<C: Calc>(r: C) -> bool {
    r.abs() < C::MIN_POSITIVE
}

/// `a + b`. Sums are exact whenever they are tiny, so addition never underflows.
#[inline(always)]
pub(crate) fn add<C: Calc>(a: C, b: C, fl: &mut FpFlags) -> C {
    let r = a + b;
    nan_or_overflow(a, b, r, fl);
    r
}

/// `a - b`.
#[inline(always)]
pub(crate) fn sub<C: Calc>(a: C, b: C, fl: &mut FpFlags) -> C {
    let r = a - b;
    nan_or_overflow(a, b, r, fl);
    r
}

/// `a * b`.
#[inline(always)]
pub(crate) fn mul<C: Calc>(a: C, b: C, fl: &mut FpFlags) -> C {
    let r = a * b;
    nan_or_overflow(a, b, r, fl);
    if is_tiny(r) && !C::product_is(a, b, r) {
        fl.set(FpFlags::UNDERFLOW);
    }
    r
}

/// `a / b`.
#[inline(always)]
pub(crate) fn div<C: Calc>(a: C, b: C, fl: &mut FpFlags) -> C {
    let r = a / b;
    if b == C::ZERO {
        if a == C::ZERO {
            fl.set(FpFlags::INVALID);
        } else if a.is_finite() {
            fl.set(FpFlags::DIVIDE);
        }
        return r;
    }
    nan_or_overflow(a, b, r, fl);
    if is_tiny(r) && a.is_finite() && b.is_finite() && !C::product_is(r, b, a) {
        fl.set(FpFlags::UNDERFLOW);
    }
    r
}

/// `fma(a, b, c)`: one rounding. A tiny result is exact when `c` is zero and the product is,
/// or when the product is representable (a tiny sum of two floats is exact).
#[inline(always)]
pub(crate) fn fma<C: Calc>(a: C, b: C, c: C, fl: &mut FpFlags) -> C {
    let r = C::fma(a, b, c);
    if r.is_nan() {
        if !a.is_nan() && !b.is_nan() && !c.is_nan() {
            fl.set(FpFlags::INVALID);
        }
    } else if r.is_infinite() {
        if a.is_finite() && b.is_finite() && c.is_finite() {
            fl.set(FpFlags::OVERFLOW);
        }
    } else if is_tiny(r) {
        let exact = if c == C::ZERO { C::product_is(a, b, r) } else { C::product_is(a, b, a * b) };
        if !exact {
            fl.set(FpFlags::UNDERFLOW);
        }
    }
    r
}

/// C's ordered comparisons (`<`, `<=`, `>`, `>=`) signal INVALID on a NaN operand; `==` and
/// `!=` are quiet.
#[inline(always)]
pub(crate) fn signal_nan<C: Calc>(a: C, b: C, fl: &mut FpFlags) {
    if a.is_nan() || b.is_nan() {
        fl.set(FpFlags::INVALID);
    }
}

#[inline(always)]
pub(crate) fn lt<C: Calc>(a: C, b: C, fl: &mut FpFlags) -> bool {
    signal_nan(a, b, fl);
    a < b
}

#[inline(always)]
pub(crate) fn le<C: Calc>(a: C, b: C, fl: &mut FpFlags) -> bool {
    signal_nan(a, b, fl);
    a <= b
}

#[inline(always)]
pub(crate) fn gt<C: Calc>(a: C, b: C, fl: &mut FpFlags) -> bool {
    signal_nan(a, b, fl);
    a > b
}

#[inline(always)]
pub(crate) fn ge<C: Calc>(a: C, b: C, fl: &mut FpFlags) -> bool {
    signal_nan(a, b, fl);
    a >= b
}

/// C `fmod(a, b)`: exact; INVALID for an infinite `a` or a zero `b`.
#[inline(always)]
pub(crate) fn fmod<C: Calc>(a: C, b: C, fl: &mut FpFlags) -> C {
    if !a.is_nan() && !b.is_nan() && (a.is_infinite() || b == C::ZERO) {
        fl.set(FpFlags::INVALID);
    }
    C::fmod(a, b)
}

/// C `sqrt`: INVALID below zero.
#[inline(always)]
pub(crate) fn sqrt<C: Calc>(a: C, fl: &mut FpFlags) -> C {
    if a < C::ZERO {
        fl.set(FpFlags::INVALID);
    }
    a.sqrt()
}

/// C `hypot`: OVERFLOW when the finite operands' result is too large.
#[inline(always)]
pub(crate) fn hypot<C: Calc>(a: C, b: C, fl: &mut FpFlags) -> C {
    let r = C::hypot(a, b);
    if r.is_infinite() && a.is_finite() && b.is_finite() {
        fl.set(FpFlags::OVERFLOW);
    } else if r != C::ZERO && is_tiny(r) && a != C::ZERO && b != C::ZERO {
        fl.set(FpFlags::UNDERFLOW);
    }
    r
}

/// NumPy's `npy_divmod`: Python's floor division and remainder of floats, `(floordiv, mod)`.
///
/// NumPy's loops use one of the two results; the C compiler drops the operations only the other
/// one needs, so each result has the flags of its own operations: `floor_div_flags` and
/// `rem_flags` select which operations report.
fn divmod<C: Calc>(a: C, b: C, fl: &mut FpFlags, floor_div_flags: bool) -> (C, C) {
    let mut none = FpFlags::default();
    let mut m = fmod(a, b, fl);
    let (q, r) = if floor_div_flags { (&mut *fl, &mut none) } else { (&mut none, &mut *fl) };
    let mut d = div(sub(a, m, q), b, q);
    // Adjust fmod's result to Python's convention for the remainder.
    if m != C::ZERO {
        if (b < C::ZERO) != (m < C::ZERO) {
            m = add(m, b, r);
            d = sub(d, C::ONE, q);
        }
    } else {
        m = C::ZERO.copysign(b);
    }
    // Snap the quotient to the nearest integral value.
    let floordiv = if d != C::ZERO {
        let f = d.floor();
        if sub(d, f, q) > C::HALF {
            add(f, C::ONE, q)
        } else {
            f
        }
    } else {
        C::ZERO.copysign(div(a, b, q))
    };
    (floordiv, m)
}

/// NumPy's `npy_floor_divide`: `a / b` for a zero divisor, else the floor quotient.
pub(crate) fn floor_divide<C: Calc>(a: C, b: C, fl: &mut FpFlags) -> C {
    if b == C::ZERO {
        return div(a, b, fl);
    }
    divmod(a, b, fl, true).0
}

/// NumPy's `npy_remainder`: `fmod` for a zero divisor (NaN), else Python's remainder.
pub(crate) fn remainder<C: Calc>(a: C, b: C, fl: &mut FpFlags) -> C {
    if b == C::ZERO {
        return fmod(a, b, fl);
    }
    divmod(a, b, fl, false).1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags_of(f: impl FnOnce(&mut FpFlags) -> f64) -> (f64, u8) {
        let mut fl = FpFlags::default();
        let r = f(&mut fl);
        (r, fl.0)
    }

    #[test]
    fn arithmetic_flags() {
        assert_eq!(flags_of(|f| div(1.0, 0.0, f)), (f64::INFINITY, FpFlags::DIVIDE));
        assert_eq!(flags_of(|f| div(0.0, 0.0, f)).1, FpFlags::INVALID);
        assert_eq!(flags_of(|f| sub(f64::INFINITY, f64::INFINITY, f)).1, FpFlags::INVALID);
        assert_eq!(flags_of(|f| mul(1e300, 1e300, f)).1, FpFlags::OVERFLOW);
        assert_eq!(flags_of(|f| mul(1e-300, 1e-300, f)).1, FpFlags::UNDERFLOW);
        assert_eq!(flags_of(|f| mul(f64::MIN_POSITIVE, 0.5, f)).1, 0);
        assert_eq!(flags_of(|f| add(f64::NAN, 1.0, f)).1, 0);
        assert_eq!(flags_of(|f| div(f64::INFINITY, 0.0, f)).1, 0);
    }

    #[test]
    fn python_floor_division() {
        let mut fl = FpFlags::default();
        assert_eq!(divmod(7.0, -2.0, &mut fl, true), (-4.0, -1.0));
        assert_eq!(divmod(-7.0, 2.0, &mut fl, true), (-4.0, 1.0));
        assert_eq!(divmod(0.0f64, -3.0, &mut fl, false).1.to_bits(), (-0.0f64).to_bits());
        assert_eq!(fl, FpFlags::default());
        assert!(floor_divide(1.0, 0.0, &mut fl).is_infinite());
        assert!(fl.has(FpFlags::DIVIDE));
        let mut fl = FpFlags::default();
        assert!(remainder(1.0, 0.0, &mut fl).is_nan());
        assert!(fl.has(FpFlags::INVALID));
    }
}
