//! Dragon4 digit generation (Steele & White, Burger & Dybvig) as NumPy runs it: the decimal
//! digits of a binary float, either the shortest that round-trip in the float's own precision
//! ("unique" mode) or the exactly rounded digits up to a cutoff ("exact" mode), with NumPy's
//! `cutoff_max` / `cutoff_min` limits and its final-digit rounding (ties to even).
//!
//! It produces digits and an exponent only; laying them out as text is `float_text`'s job.
//! Arithmetic is exact (`BigUint`), so float16, float32 and float64 are all handled by the same
//! code from their mantissa and exponent.

use super::bigint::BigUint;

/// A finite binary float `mantissa * 2^exponent` (sign handled by the caller).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Finite {
    pub mantissa: u64,
    pub exponent: i32,
    /// Index of the highest set bit of `mantissa`.
    pub mantissa_bit: u32,
    /// The gap to the next float above is twice the gap below (a power of two that is not the
    /// smallest normal).
    pub unequal_margins: bool,
}

/// Which digits to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DigitMode {
    /// The shortest digits that identify the value among floats of its precision.
    Unique,
    /// The exact decimal expansion, correctly rounded at the cutoff.
    Exact,
}

/// How `cutoff_max` / `cutoff_min` count digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CutoffMode {
    /// Significant digits in total.
    TotalLength,
    /// Digits after the decimal point.
    FractionLength,
}

/// Decimal digits `d0.d1d2... * 10^exponent` (ASCII digits, at least one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Digits {
    pub digits: Vec<u8>,
    pub exponent: i32,
}

/// NumPy's output buffer bounds the digits of one number; mirror it so that huge exact-mode
/// precisions stop where NumPy's do.
const MAX_DIGITS: i32 = 16_383;

/// The scaled quantities of Dragon4: value = `value / scale`, and the half-gaps to the
/// neighbouring floats are `margin_low / scale` and `margin_high / scale`.
struct Scaled {
    value: BigUint,
    scale: BigUint,
    margin_low: BigUint,
    /// Whether `margin_high` is `2 * margin_low` (else it equals `margin_low`).
    unequal: bool,
}

impl Scaled {
    fn new(f: &Finite) -> Scaled {
        let value = BigUint::from_u64(f.mantissa);
        // An extra factor of 2 (4 with unequal margins) keeps the half-gaps integral.
        let extra = if f.unequal_margins { 2 } else { 1 };
        let (value, scale, margin_low) = if f.exponent > 0 {
            let mut v = value;
            v.shl(f.exponent as u32 + extra);
            (v, BigUint::pow2(extra), BigUint::pow2(f.exponent as u32))
        } else {
            let mut v = value;
            v.shl(extra);
            (
                v,
                BigUint::pow2((-f.exponent) as u32 + extra),
                BigUint::from_u64(1),
            )
        };
        Scaled {
            value,
            scale,
            margin_low,
            unequal: f.unequal_margins,
        }
    }

    fn margin_high(&self) -> BigUint {
        if self.unequal {
            self.margin_low.add(&self.margin_low)
        } else {
            self.margin_low.clone()
        }
    }

    fn times10(&mut self) {
        self.value.mul_small(10);
        self.margin_low.mul_small(10);
    }
}

/// Digit limits of one call, as exponents of the last digit allowed / required.
struct Cutoffs {
    /// Stop at this digit exponent whatever happens.
    max_exponent: i32,
    /// Unique mode does not stop before reaching this digit exponent.
    min_exponent: i32,
}

impl Cutoffs {
    fn new(digit_exponent: i32, mode: CutoffMode, cutoff_max: i32, cutoff_min: i32) -> Cutoffs {
        let at = |n: i32| match mode {
            CutoffMode::TotalLength => digit_exponent.saturating_sub(n),
            CutoffMode::FractionLength => n.saturating_neg(),
        };
        let mut max_exponent = digit_exponent - MAX_DIGITS;
        if cutoff_max >= 0 {
            max_exponent = max_exponent.max(at(cutoff_max));
        }
        let mut min_exponent = digit_exponent;
        if cutoff_min >= 0 {
            min_exponent = min_exponent.min(at(cutoff_min));
        }
        Cutoffs {
            max_exponent,
            min_exponent,
        }
    }
}

/// Generate the digits of `f`. `cutoff_max` / `cutoff_min` are -1 for "no limit".
pub(crate) fn dragon4(
    f: &Finite,
    mode: DigitMode,
    cutoff_mode: CutoffMode,
    cutoff_max: i32,
    cutoff_min: i32,
) -> Digits {
    if f.mantissa == 0 {
        return Digits {
            digits: vec![b'0'],
            exponent: 0,
        };
    }
    let is_even = f.mantissa.is_multiple_of(2);
    let mut s = Scaled::new(f);
    let mut digit_exponent = first_digit_exponent(f, cutoff_mode, cutoff_max, &mut s);
    let cut = Cutoffs::new(digit_exponent, cutoff_mode, cutoff_max, cutoff_min);
    let out_exponent = digit_exponent - 1;

    let mut digits = Vec::new();
    let (mut low, mut high) = (false, false);
    let digit = loop {
        digit_exponent -= 1;
        let digit = s.value.take_digit(&s.scale);
        let stop = match mode {
            DigitMode::Unique => {
                let value_high = s.value.add(&s.margin_high());
                let (lo, hi) = (s.value.cmp(&s.margin_low), value_high.cmp(&s.scale));
                low = if is_even { lo.is_le() } else { lo.is_lt() };
                high = if is_even { hi.is_ge() } else { hi.is_gt() };
                (low || high) && digit_exponent <= cut.min_exponent
            }
            DigitMode::Exact => s.value.is_zero(),
        };
        if stop || digit_exponent == cut.max_exponent {
            break digit;
        }
        digits.push(b'0' + digit as u8);
        s.times10();
    };
    let round_down = if low == high {
        rounds_down(&s, digit)
    } else {
        low
    };
    finish(digits, digit, round_down, out_exponent)
}

/// The exponent (plus one) of the first digit, with the value rescaled so that the first
/// digit is `value / scale` — NumPy's estimate-and-correct step, including its clamp for a
/// fraction cutoff (values below the last printable digit start with zeros).
fn first_digit_exponent(f: &Finite, mode: CutoffMode, cutoff_max: i32, s: &mut Scaled) -> i32 {
    let mut k = ((f.mantissa_bit as i32 + f.exponent) as f64 * std::f64::consts::LOG10_2 - 0.69)
        .ceil() as i32;
    if cutoff_max >= 0 && mode == CutoffMode::FractionLength && k <= -cutoff_max {
        k = -cutoff_max + 1;
    }
    if k > 0 {
        s.scale.mul_pow10(k as u32);
    } else if k < 0 {
        s.value.mul_pow10((-k) as u32);
        s.margin_low.mul_pow10((-k) as u32);
    }
    if s.value >= s.scale {
        k + 1
    } else {
        s.times10();
        k
    }
}

/// Round the final digit to nearest by the exact remainder, ties to the even digit.
fn rounds_down(s: &Scaled, digit: u32) -> bool {
    let twice = s.value.add(&s.value);
    match twice.cmp(&s.scale) {
        std::cmp::Ordering::Less => true,
        std::cmp::Ordering::Greater => false,
        std::cmp::Ordering::Equal => digit.is_multiple_of(2),
    }
}

/// Append the final digit, carrying a round-up through trailing nines.
fn finish(mut digits: Vec<u8>, digit: u32, round_down: bool, mut exponent: i32) -> Digits {
    if round_down {
        digits.push(b'0' + digit as u8);
    } else if digit < 9 {
        digits.push(b'0' + digit as u8 + 1);
    } else {
        while digits.last() == Some(&b'9') {
            digits.pop();
        }
        match digits.last_mut() {
            Some(d) => *d += 1,
            None => {
                digits.push(b'1');
                exponent += 1;
            }
        }
    }
    Digits { digits, exponent }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f64_finite(x: f64) -> Finite {
        let bits = x.abs().to_bits();
        let (e, m) = ((bits >> 52) as i32, bits & ((1 << 52) - 1));
        if e == 0 {
            Finite {
                mantissa: m,
                exponent: -1074,
                mantissa_bit: 63 - m.leading_zeros(),
                unequal_margins: false,
            }
        } else {
            Finite {
                mantissa: m | (1 << 52),
                exponent: e - 1075,
                mantissa_bit: 52,
                unequal_margins: e != 1 && m == 0,
            }
        }
    }

    fn text(d: &Digits) -> String {
        format!(
            "{}e{}",
            String::from_utf8(d.digits.clone()).unwrap(),
            d.exponent
        )
    }

    fn unique(x: f64) -> String {
        text(&dragon4(
            &f64_finite(x),
            DigitMode::Unique,
            CutoffMode::TotalLength,
            -1,
            -1,
        ))
    }

    #[test]
    fn shortest_digits() {
        assert_eq!(unique(0.1), "1e-1");
        assert_eq!(unique(1.5), "15e0");
        assert_eq!(unique(1e23), "1e23");
        assert_eq!(unique(123456.789), "123456789e5");
        assert_eq!(unique(5e-324), "5e-324");
        assert_eq!(unique(f64::MAX), "17976931348623157e308");
    }

    #[test]
    fn cutoffs_round_the_exact_value() {
        let d = dragon4(
            &f64_finite(2.5),
            DigitMode::Exact,
            CutoffMode::TotalLength,
            1,
            -1,
        );
        assert_eq!(text(&d), "2e0"); // tie to even
        let d = dragon4(
            &f64_finite(0.999),
            DigitMode::Unique,
            CutoffMode::FractionLength,
            2,
            -1,
        );
        assert_eq!(text(&d), "1e0"); // carry through nines
        let d = dragon4(
            &f64_finite(1e-20),
            DigitMode::Unique,
            CutoffMode::FractionLength,
            8,
            0,
        );
        assert_eq!(text(&d), "0e-8");
        let d = dragon4(
            &f64_finite(1.0),
            DigitMode::Unique,
            CutoffMode::TotalLength,
            4,
            4,
        );
        assert_eq!(text(&d), "1000e0"); // min digits past the unique ones
    }

    #[test]
    fn matches_rust_shortest_for_f64() {
        let mut x: u64 = 0x1234_5678_9abc_def1;
        for _ in 0..2000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let v = f64::from_bits(x & !(1 << 63));
            if !v.is_finite() || v == 0.0 {
                continue;
            }
            let r = format!("{v:e}");
            let (m, e) = r.split_once('e').unwrap();
            let want = format!("{}e{}", m.replace('.', ""), e);
            assert_eq!(unique(v), want, "{v:e}");
        }
    }
}
