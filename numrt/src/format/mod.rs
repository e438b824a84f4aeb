//! NumPy's text for arrays and scalars: `repr(arr)`, `str(arr)`, `repr(scalar)`, `str(scalar)`,
//! character for character as NumPy 2.4 prints them (`legacy=False`), under `PrintOptions`
//! (NumPy's print options; `Default` is NumPy's defaults).
//!
//! Layout: `layout` walks a `View` and places element texts (brackets, wrapping, summaries);
//! `element` chooses per-dtype formats (bool, integer, float, complex) from the printed values;
//! `float_format` is NumPy's `FloatingFormat`; `float_text` lays out one float from `dragon4`'s
//! digits; `scalar_text` is NumPy's scalar `str`/`repr`.
//!
//! This module only reads arrays; it never forces lazy expressions (callers pass materialised
//! views) and knows nothing of Python. The module prefix of scalar reprs (`np.` in NumPy) is
//! `PrintOptions::module`, so numpypy can choose its own alias.
//!
//! Not reproduced: `legacy=` modes, custom `formatter=` callables, multi-line `nanstr`/`infstr`.

mod bigint;
mod dragon4;
mod element;
mod float_format;
mod float_text;
mod layout;
mod scalar_text;

use dtypes::{with_dtype, DType, Scalar, ScalarElement};

use crate::view::View;
use element::PrintElement;

/// NumPy's `sign=` print option.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Sign {
    /// `'-'`: only negative values get a sign.
    #[default]
    Minus,
    /// `'+'`: positive values get `+`.
    Plus,
    /// `' '`: positive values get a space.
    Space,
}

/// NumPy's `floatmode=` print option.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum FloatMode {
    /// Exactly `precision` fractional digits.
    Fixed,
    /// As many digits as each value needs to round-trip; `precision` ignored.
    Unique,
    /// At most `precision` digits, fewer if a value round-trips with fewer.
    #[default]
    MaxPrec,
    /// At most `precision` digits, the same number for every element.
    MaxPrecEqual,
}

/// NumPy's print options (`np.get_printoptions()`), plus the module name used in scalar reprs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrintOptions {
    pub precision: usize,
    /// Arrays with more elements than this are summarised.
    pub threshold: usize,
    /// Items kept at each end of a summarised axis.
    pub edgeitems: usize,
    pub linewidth: usize,
    /// Never use scientific notation for small values (and print tiny values as 0).
    pub suppress: bool,
    pub nanstr: String,
    pub infstr: String,
    pub sign: Sign,
    pub floatmode: FloatMode,
    /// Prefix of scalar reprs: `"np"` gives `np.float64(1.5)`; empty gives `float64(1.5)`.
    pub module: String,
}

impl Default for PrintOptions {
    fn default() -> PrintOptions {
        PrintOptions {
            precision: 8,
            threshold: 1000,
            edgeitems: 3,
            linewidth: 75,
            suppress: false,
            nanstr: "nan".to_string(),
            infstr: "inf".to_string(),
            sign: Sign::Minus,
            floatmode: FloatMode::MaxPrec,
            module: "np".to_string(),
        }
    }
}

/// NumPy's `_typelessdata`: dtypes whose repr needs no `dtype=`.
fn dtype_is_implied(d: DType) -> bool {
    matches!(
        d,
        DType::Int64 | DType::Float64 | DType::Complex128 | DType::Bool
    )
}

/// The line width as a signed count (widths shrink by one per nesting level).
fn line_width(opts: &PrintOptions) -> isize {
    isize::try_from(opts.linewidth).unwrap_or(isize::MAX)
}

/// Python's repr of a shape tuple: `()`, `(3,)`, `(2, 3)`.
fn shape_tuple(shape: &[usize]) -> String {
    match shape {
        [d] => format!("({d},)"),
        _ => format!(
            "({})",
            shape
                .iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// `repr(arr)`: `array([1. , 2.5])`, `array([1, 2], dtype=int8)`, `array([], shape=(0, 3),
/// dtype=float64)`, `array([0, 1, 2, ..., 1997, 1998, 1999], shape=(2000,))`.
pub fn array_repr(v: &View, opts: &PrintOptions) -> String {
    let prefix = "array(";
    let size = v.size();
    let body = if size == 0 {
        "[]".to_string()
    } else {
        layout::array_body(v, opts, ", ", prefix, line_width(opts) - 1)
    };
    let mut extras = Vec::new();
    if (size == 0 && v.shape != [0]) || size > opts.threshold {
        extras.push(format!("shape={}", shape_tuple(&v.shape)));
    }
    if !dtype_is_implied(v.dtype) || size == 0 {
        extras.push(format!("dtype={}", v.dtype.name()));
    }
    if extras.is_empty() {
        return format!("{prefix}{body})");
    }
    let text = format!("{prefix}{body},");
    let extra = format!("{})", extras.join(", "));
    let last_line = text.rsplit('\n').next().unwrap_or("").chars().count();
    let spacer = if last_line + extra.chars().count() + 1 > opts.linewidth {
        format!("\n{}", " ".repeat(prefix.len()))
    } else {
        " ".to_string()
    };
    format!("{text}{spacer}{extra}")
}

/// `str(arr)`: `[1.  2.5]`, nested brackets without commas; a 0-d array prints as its scalar.
pub fn array_str(v: &View, opts: &PrintOptions) -> String {
    if v.ndim() == 0 {
        // SAFETY: a 0-d view has one element at `data_ptr`, inside its buffer.
        let s = unsafe { Scalar::read_from(v.dtype, v.data_ptr()) };
        return scalar_str(s);
    }
    if v.size() == 0 {
        return "[]".to_string();
    }
    layout::array_body(v, opts, " ", "", line_width(opts))
}

/// `repr(scalar)` (NEP 51): `np.float64(1.5)`, `np.int8(3)`, `np.True_`, `np.complex128(1+2j)`,
/// with `opts.module` in place of `np`.
pub fn scalar_repr(s: Scalar, opts: &PrintOptions) -> String {
    with_dtype!(s.dtype(), T => T::from_scalar(s).map_or_else(String::new, |x| x.scalar_repr(&opts.module)))
}

/// `str(scalar)`: `1.5`, `3`, `True`, `(1+2j)`.
pub fn scalar_str(s: Scalar) -> String {
    with_dtype!(s.dtype(), T => T::from_scalar(s).map_or_else(String::new, |x| x.scalar_str()))
}
