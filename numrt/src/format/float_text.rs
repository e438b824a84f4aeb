//! One float as text: NumPy's `format_float_positional` / `format_float_scientific` layout
//! (sign, trimming of trailing zeros and of the decimal point, left/right padding, exponent
//! digits) over Dragon4 digits, and the `BinaryFloat` description of float16/32/64 it reads.
//!
//! Choosing *which* layout and padding an array needs is `float_format`'s job; this module
//! formats one value as told.

use half::f16;

use super::dragon4::{dragon4, CutoffMode, DigitMode, Finite};

/// Sign and class of a float, decomposed for Dragon4.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct FloatParts {
    pub negative: bool,
    pub class: FloatClass,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum FloatClass {
    Nan,
    Inf,
    Finite(Finite),
}

/// An IEEE binary float type numpypy prints (float16, float32, float64).
pub(crate) trait BinaryFloat: Copy + Send + Sync + 'static {
    /// `np.finfo(t).precision`: decides the array cutoff for scientific notation.
    const PRECISION: i32;
    /// Scalar `str` switches to scientific notation from this magnitude on (NumPy 2.3+).
    const MAX_POSITIONAL: f64;
    const EXP_BITS: u32;
    const MANT_BITS: u32;
    fn bits(self) -> u64;
    /// Exact widening.
    fn to_f64(self) -> f64;
    /// A Python float converted to this type (as NEP 50 converts a weak float), widened back.
    fn weak(x: f64) -> f64;
    /// `a / b` as NumPy divides two values of this type (both exactly representable in it).
    fn quotient(a: f64, b: f64) -> f64;

    fn parts(self) -> FloatParts {
        let bits = self.bits();
        let mant = bits & ((1u64 << Self::MANT_BITS) - 1);
        let exp = ((bits >> Self::MANT_BITS) & ((1u64 << Self::EXP_BITS) - 1)) as i32;
        let negative = bits >> (Self::MANT_BITS + Self::EXP_BITS) & 1 == 1;
        let bias = (1i32 << (Self::EXP_BITS - 1)) - 1;
        let class = if exp == (1 << Self::EXP_BITS) - 1 {
            if mant == 0 {
                FloatClass::Inf
            } else {
                FloatClass::Nan
            }
        } else if exp != 0 {
            FloatClass::Finite(Finite {
                mantissa: mant | (1 << Self::MANT_BITS),
                exponent: exp - bias - Self::MANT_BITS as i32,
                mantissa_bit: Self::MANT_BITS,
                unequal_margins: exp != 1 && mant == 0,
            })
        } else {
            FloatClass::Finite(Finite {
                mantissa: mant,
                exponent: 1 - bias - Self::MANT_BITS as i32,
                mantissa_bit: 63u32.saturating_sub(mant.leading_zeros()),
                unequal_margins: false,
            })
        };
        FloatParts { negative, class }
    }
}

impl BinaryFloat for f16 {
    const PRECISION: i32 = 3;
    const MAX_POSITIONAL: f64 = 1e3;
    const EXP_BITS: u32 = 5;
    const MANT_BITS: u32 = 10;
    fn bits(self) -> u64 {
        self.to_bits() as u64
    }
    fn to_f64(self) -> f64 {
        f64::from(self)
    }
    fn weak(x: f64) -> f64 {
        f64::from(f16::from_f64(x))
    }
    fn quotient(a: f64, b: f64) -> f64 {
        // NumPy's half division goes through float32.
        f64::from(f16::from_f32(a as f32 / b as f32))
    }
}

impl BinaryFloat for f32 {
    const PRECISION: i32 = 6;
    const MAX_POSITIONAL: f64 = 1e6;
    const EXP_BITS: u32 = 8;
    const MANT_BITS: u32 = 23;
    fn bits(self) -> u64 {
        self.to_bits() as u64
    }
    fn to_f64(self) -> f64 {
        self as f64
    }
    fn weak(x: f64) -> f64 {
        x as f32 as f64
    }
    fn quotient(a: f64, b: f64) -> f64 {
        (a as f32 / b as f32) as f64
    }
}

impl BinaryFloat for f64 {
    const PRECISION: i32 = 15;
    const MAX_POSITIONAL: f64 = 1e16;
    const EXP_BITS: u32 = 11;
    const MANT_BITS: u32 = 52;
    fn bits(self) -> u64 {
        self.to_bits()
    }
    fn to_f64(self) -> f64 {
        self
    }
    fn weak(x: f64) -> f64 {
        x
    }
    fn quotient(a: f64, b: f64) -> f64 {
        a / b
    }
}

/// NumPy's trim modes (`trim=` of `format_float_positional`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Trim {
    /// `'k'`: keep trailing zeros and the decimal point.
    Keep,
    /// `'.'`: trim trailing zeros, keep the decimal point.
    Zeros,
    /// `'0'`: trim trailing zeros but keep one after the point (`1.0`).
    LeaveOneZero,
    /// `'-'`: trim trailing zeros and the decimal point.
    DptZeros,
}

/// Everything that shapes one float's text. Integer fields use -1 for "not given", as NumPy.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct FloatLayout {
    pub scientific: bool,
    pub mode: DigitMode,
    /// Positional only; scientific always counts total digits.
    pub cutoff: CutoffMode,
    pub precision: i32,
    pub min_digits: i32,
    /// Print `+` for positive values.
    pub sign: bool,
    pub trim: Trim,
    pub pad_left: i32,
    pub pad_right: i32,
    pub exp_digits: i32,
}

impl FloatLayout {
    /// Unique digits, no cutoff, no padding.
    pub fn unique(scientific: bool, trim: Trim) -> FloatLayout {
        FloatLayout {
            scientific,
            mode: DigitMode::Unique,
            cutoff: CutoffMode::TotalLength,
            precision: -1,
            min_digits: -1,
            sign: false,
            trim,
            pad_left: -1,
            pad_right: -1,
            exp_digits: -1,
        }
    }
}

/// Format one float.
pub(crate) fn format_float(x: FloatParts, o: &FloatLayout) -> String {
    let sign = if x.negative {
        "-"
    } else if o.sign {
        "+"
    } else {
        ""
    };
    match x.class {
        FloatClass::Nan => "nan".to_string(),
        FloatClass::Inf => format!("{sign}inf"),
        FloatClass::Finite(f) if o.scientific => scientific(&f, sign, o),
        FloatClass::Finite(f) => positional(&f, sign, o),
    }
}

/// Trailing-zero trimming shared by both layouts; returns the new fraction digit count.
fn trim_zeros(out: &mut String, mut frac: i32, trim: Trim, drop_point: bool) -> i32 {
    if trim == Trim::Keep || frac == 0 {
        return frac;
    }
    while out.ends_with('0') {
        out.pop();
        frac -= 1;
    }
    if out.ends_with('.') {
        if trim == Trim::LeaveOneZero {
            out.push('0');
            frac += 1;
        } else if trim == Trim::DptZeros && drop_point {
            out.pop();
        }
    }
    frac
}

fn positional(f: &Finite, sign: &str, o: &FloatLayout) -> String {
    let d = dragon4(f, o.mode, o.cutoff, o.precision, o.min_digits);
    let (n, e) = (d.digits.len() as i32, d.exponent);
    let digits = std::str::from_utf8(&d.digits).unwrap_or("0");
    let mut out = String::from(sign);
    let (whole, mut frac);
    if e >= 0 {
        whole = e + 1;
        if n <= whole {
            out.push_str(digits);
            out.extend(std::iter::repeat_n('0', (whole - n) as usize));
            frac = 0;
        } else {
            out.push_str(&digits[..whole as usize]);
            out.push('.');
            out.push_str(&digits[whole as usize..]);
            frac = n - whole;
        }
    } else {
        whole = 1;
        let zeros = -(e + 1);
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', zeros as usize));
        out.push_str(digits);
        frac = n + zeros;
    }
    if o.trim != Trim::DptZeros && frac == 0 {
        out.push('.');
    }
    let add = if o.mode == DigitMode::Unique {
        o.min_digits
    } else {
        o.precision
    };
    let desired = match o.cutoff {
        CutoffMode::FractionLength => add.max(0),
        CutoffMode::TotalLength => add - whole,
    };
    if o.trim == Trim::LeaveOneZero && frac == 0 {
        out.push('0');
        frac += 1;
    } else if o.trim == Trim::Keep && desired > frac {
        out.extend(std::iter::repeat_n('0', (desired - frac) as usize));
        frac = desired;
    }
    let frac = trim_zeros(&mut out, frac, o.trim, true);
    if o.pad_right >= frac {
        if o.trim == Trim::DptZeros && frac == 0 {
            out.push(' ');
        }
        out.extend(std::iter::repeat_n(' ', (o.pad_right - frac) as usize));
    }
    let has_sign = !sign.is_empty() as i32;
    if o.pad_left > whole + has_sign {
        out.insert_str(0, &" ".repeat((o.pad_left - whole - has_sign) as usize));
    }
    out
}

fn scientific(f: &Finite, sign: &str, o: &FloatLayout) -> String {
    let plus_one = |n: i32| if n < 0 { -1 } else { n.saturating_add(1) };
    let d = dragon4(
        f,
        o.mode,
        CutoffMode::TotalLength,
        plus_one(o.precision),
        plus_one(o.min_digits),
    );
    let left = 1 + !sign.is_empty() as i32;
    let mut out = " ".repeat((o.pad_left - left).max(0) as usize);
    out.push_str(sign);
    out.push(d.digits[0] as char);
    let mut frac = d.digits.len() as i32 - 1;
    if frac > 0 {
        out.push('.');
        out.extend(d.digits[1..].iter().map(|&c| c as char));
    }
    if o.trim != Trim::DptZeros && frac == 0 {
        out.push('.');
    }
    let add = if o.mode == DigitMode::Unique {
        o.min_digits
    } else {
        o.precision
    }
    .max(0);
    if o.trim == Trim::LeaveOneZero && frac == 0 {
        out.push('0');
        frac += 1;
    } else if o.trim == Trim::Keep && add > frac {
        out.extend(std::iter::repeat_n('0', (add - frac) as usize));
    }
    trim_zeros(&mut out, frac, o.trim, false);
    let exp_digits = if o.exp_digits < 0 {
        2
    } else {
        o.exp_digits.min(5)
    } as usize;
    let exp_sign = if d.exponent >= 0 { '+' } else { '-' };
    out.push_str(&format!(
        "e{exp_sign}{:0exp_digits$}",
        d.exponent.unsigned_abs()
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(x: f64, trim: Trim) -> String {
        format_float(x.parts(), &FloatLayout::unique(false, trim))
    }
    fn sci(x: f64, trim: Trim) -> String {
        format_float(x.parts(), &FloatLayout::unique(true, trim))
    }

    #[test]
    fn trims() {
        assert_eq!(pos(1.0, Trim::LeaveOneZero), "1.0");
        assert_eq!(pos(1.0, Trim::Zeros), "1.");
        assert_eq!(pos(1.0, Trim::DptZeros), "1");
        assert_eq!(pos(-0.015, Trim::Keep), "-0.015");
        assert_eq!(pos(1e22, Trim::DptZeros), "10000000000000000000000");
        assert_eq!(sci(1e22, Trim::DptZeros), "1e+22");
        assert_eq!(sci(1.5e-300, Trim::Zeros), "1.5e-300");
        assert_eq!(sci(1.0, Trim::Zeros), "1.e+00");
        assert_eq!(pos(f64::NAN, Trim::Zeros), "nan");
        assert_eq!(pos(f64::NEG_INFINITY, Trim::Zeros), "-inf");
    }

    #[test]
    fn small_types_use_their_own_shortest_digits() {
        assert_eq!(
            format_float(0.1f32.parts(), &FloatLayout::unique(false, Trim::Zeros)),
            "0.1"
        );
        let h = f16::from_f64(0.1);
        assert_eq!(
            format_float(h.parts(), &FloatLayout::unique(false, Trim::Zeros)),
            "0.1"
        );
        let tiny = f16::from_bits(1);
        assert_eq!(
            format_float(tiny.parts(), &FloatLayout::unique(true, Trim::Zeros)),
            "6.e-08"
        );
    }

    #[test]
    fn padding() {
        let mut o = FloatLayout::unique(false, Trim::Zeros);
        o.pad_left = 3;
        o.pad_right = 2;
        assert_eq!(format_float(1.5f64.parts(), &o), "  1.5 ");
        o.trim = Trim::DptZeros;
        assert_eq!(format_float(2.0f64.parts(), &o), "  2   ");
    }
}
