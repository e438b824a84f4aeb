//! NumPy's `FloatingFormat` and `ComplexFloatingFormat`: from the floats an array will show,
//! decide fixed or scientific notation, the digits to keep and the padding that aligns decimal
//! points, then format each element with those choices.
//!
//! The decisions follow `numpy/_core/arrayprint.py` (NumPy 2.4, `legacy=False`): statistics
//! are taken in the array's own float type, exactly as NumPy compares its scalars with Python
//! floats under NEP 50.

use super::dragon4::{CutoffMode, DigitMode};
use super::float_text::{format_float, BinaryFloat, FloatClass, FloatLayout, FloatParts, Trim};
use super::{FloatMode, PrintOptions, Sign};

/// Precisions above this are clamped: NumPy's 16384-character buffer truncates such texts
/// anyway, and numpypy does not reproduce that truncation.
pub(crate) const MAX_PRECISION: usize = 16_000;

/// The formatting choices for the floats of one array (or of one part of a complex array).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct FloatingFormat {
    layout: FloatLayout,
    sign: Sign,
    nanstr: String,
    infstr: String,
}

impl FloatingFormat {
    /// Choose the format for `values` (the elements that will be printed).
    pub fn new<T: BinaryFloat>(values: &[T], opts: &PrintOptions, sign: Sign) -> FloatingFormat {
        let parts: Vec<FloatParts> = values.iter().map(|v| v.parts()).collect();
        let finite: Vec<FloatParts> = parts
            .iter()
            .copied()
            .filter(|p| matches!(p.class, FloatClass::Finite(_)))
            .collect();
        let precision = match opts.floatmode {
            FloatMode::Unique => -1,
            _ => opts.precision.min(MAX_PRECISION) as i32,
        };
        let scientific = wants_scientific::<T>(values, opts.suppress);
        let mut layout = if finite.is_empty() {
            FloatLayout::unique(false, Trim::Zeros)
        } else if scientific {
            scientific_layout(&finite, precision, opts.floatmode, sign)
        } else {
            positional_layout(&finite, precision, opts.floatmode, sign)
        };
        layout.sign = sign == Sign::Plus;
        if finite.is_empty() {
            layout.pad_left = 0;
            layout.pad_right = 0;
            layout.precision = precision;
        }
        if sign == Sign::Space && !finite.iter().any(|p| p.negative) {
            layout.pad_left += 1;
        }
        if finite.len() != parts.len() {
            let neg_inf = sign != Sign::Minus
                || parts
                    .iter()
                    .any(|p| p.negative && p.class == FloatClass::Inf);
            let offset = layout.pad_right + 1;
            layout.pad_left = layout
                .pad_left
                .max(width(&opts.nanstr) - offset)
                .max(width(&opts.infstr) + neg_inf as i32 - offset);
        }
        FloatingFormat {
            layout,
            sign,
            nanstr: opts.nanstr.clone(),
            infstr: opts.infstr.clone(),
        }
    }

    /// The text of one element.
    pub fn format<T: BinaryFloat>(&self, x: T) -> String {
        let p = x.parts();
        let special = match p.class {
            FloatClass::Finite(_) => return format_float(p, &self.layout),
            FloatClass::Nan => {
                format!(
                    "{}{}",
                    if self.sign == Sign::Plus { "+" } else { "" },
                    self.nanstr
                )
            }
            FloatClass::Inf => {
                let s = if p.negative {
                    "-"
                } else if self.sign == Sign::Plus {
                    "+"
                } else {
                    ""
                };
                format!("{s}{}", self.infstr)
            }
        };
        let total = self.layout.pad_left + self.layout.pad_right + 1;
        format!(
            "{}{special}",
            " ".repeat((total - width(&special)).max(0) as usize)
        )
    }
}

/// Python's `len` of a string (code points).
fn width(s: &str) -> i32 {
    s.chars().count() as i32
}

/// NumPy's rule: scientific notation when the largest nonzero finite magnitude reaches
/// `10**min(8, precision)` of the type, or (unless `suppress`) the smallest is below 1e-4 or the
/// ratio of largest to smallest exceeds 1000 — all compared in the array's float type.
fn wants_scientific<T: BinaryFloat>(values: &[T], suppress: bool) -> bool {
    let mags = values
        .iter()
        .map(|v| v.to_f64().abs())
        .filter(|m| m.is_finite() && *m != 0.0);
    let (min, max) = mags.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), m| {
        (lo.min(m), hi.max(m))
    });
    if max < 0.0 {
        return false;
    }
    let cutoff = T::weak(10f64.powi(T::PRECISION.min(8)));
    max >= cutoff || (!suppress && (min < T::weak(1e-4) || T::quotient(max, min) > T::weak(1000.0)))
}

/// First pass in scientific notation: the widest mantissa decides the digits for all.
fn scientific_layout(
    finite: &[FloatParts],
    precision: i32,
    mode: FloatMode,
    sign: Sign,
) -> FloatLayout {
    let (trim, digit_mode) = first_pass_mode(mode);
    let mut first = FloatLayout::unique(true, trim);
    first.mode = digit_mode;
    first.precision = precision;
    first.sign = sign == Sign::Plus;
    let (mut int_w, mut frac_w, mut exp_w) = (0, 0, 0);
    for p in finite {
        let s = format_float(*p, &first);
        let (mantissa, exp) = s.split_once('e').unwrap_or((&s, ""));
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        int_w = int_w.max(width(int));
        frac_w = frac_w.max(width(frac));
        exp_w = exp_w.max(width(exp));
    }
    let exp_size = exp_w - 1;
    FloatLayout {
        precision: frac_w,
        min_digits: frac_w,
        trim: Trim::Keep,
        pad_left: int_w,
        pad_right: exp_size + 2 + frac_w,
        exp_digits: exp_size,
        ..first
    }
}

/// First pass in positional notation: align the decimal points.
fn positional_layout(
    finite: &[FloatParts],
    precision: i32,
    mode: FloatMode,
    sign: Sign,
) -> FloatLayout {
    let (trim, digit_mode) = first_pass_mode(mode);
    let mut first = FloatLayout::unique(false, trim);
    first.mode = digit_mode;
    first.cutoff = CutoffMode::FractionLength;
    first.precision = precision;
    first.sign = sign == Sign::Plus;
    let (mut int_w, mut frac_w) = (0, 0);
    for p in finite {
        let s = format_float(*p, &first);
        let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
        int_w = int_w.max(width(int));
        frac_w = frac_w.max(width(frac));
    }
    let equal = matches!(mode, FloatMode::Fixed | FloatMode::MaxPrecEqual);
    FloatLayout {
        precision: if equal { frac_w } else { precision },
        min_digits: if equal { frac_w } else { 0 },
        trim: if equal { Trim::Keep } else { Trim::Zeros },
        pad_left: int_w,
        pad_right: frac_w,
        ..first
    }
}

/// `fixed` prints exact digits and keeps zeros; every other mode prints unique digits.
fn first_pass_mode(mode: FloatMode) -> (Trim, DigitMode) {
    match mode {
        FloatMode::Fixed => (Trim::Keep, DigitMode::Exact),
        _ => (Trim::Zeros, DigitMode::Unique),
    }
}

/// NumPy's `ComplexFloatingFormat`: real and imaginary parts formatted separately (the
/// imaginary part always signed), `j` placed before the imaginary part's padding.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ComplexFloatingFormat {
    real: FloatingFormat,
    imag: FloatingFormat,
}

impl ComplexFloatingFormat {
    pub fn new<T: BinaryFloat>(re: &[T], im: &[T], opts: &PrintOptions) -> ComplexFloatingFormat {
        ComplexFloatingFormat {
            real: FloatingFormat::new(re, opts, opts.sign),
            imag: FloatingFormat::new(im, opts, Sign::Plus),
        }
    }

    pub fn format<T: BinaryFloat>(&self, re: T, im: T) -> String {
        let mut text = self.real.format(re);
        let i = self.imag.format(im);
        let end = i.trim_end().len();
        text.push_str(&i[..end]);
        text.push('j');
        text.push_str(&i[end..]);
        text
    }
}
