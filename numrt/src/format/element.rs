//! `PrintElement`: how each element type chooses a format from the values an array will show
//! (NumPy's `BoolFormat`, `IntegerFormat`, `FloatingFormat`, `ComplexFloatingFormat`) and how it
//! prints one element, plus the `str`/`repr` of the matching NumPy scalar (NEP 51).
//!
//! Implemented for all 14 element types so that `with_dtype!` can dispatch to generic layout
//! code; the per-kind rules live in `float_format` and `scalar_text`.

use dtypes::{c128, c64, f16, Element, ScalarElement};

use super::float_format::{ComplexFloatingFormat, FloatingFormat};
use super::scalar_text::{complex_scalar_text, float_scalar_str, qualified};
use super::{PrintOptions, Sign};

/// An element type numpypy can print.
pub(crate) trait PrintElement: ScalarElement {
    /// The choices shared by every element of one array (widths, digits, notation).
    type Format;
    /// Choose the format from `shown`, the elements that will be printed (the corners of a
    /// summarised array); `zero_d` for a 0-d array.
    fn choose_format(shown: &[Self], opts: &PrintOptions, zero_d: bool) -> Self::Format;
    /// One array element's text.
    fn format(self, f: &Self::Format) -> String;
    /// `str(scalar)`.
    fn scalar_str(self) -> String;
    /// `repr(scalar)`, naming the type through `module` (`np.float64(1.5)`).
    fn scalar_repr(self, module: &str) -> String;
}

/// NumPy's `BoolFormat`: `" True"` pads to the width of `"False"` except in 0-d arrays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct BoolFormat {
    true_text: &'static str,
}

impl PrintElement for bool {
    type Format = BoolFormat;
    fn choose_format(_: &[bool], _: &PrintOptions, zero_d: bool) -> BoolFormat {
        BoolFormat {
            true_text: if zero_d { "True" } else { " True" },
        }
    }
    fn format(self, f: &BoolFormat) -> String {
        if self { f.true_text } else { "False" }.to_string()
    }
    fn scalar_str(self) -> String {
        if self { "True" } else { "False" }.to_string()
    }
    fn scalar_repr(self, module: &str) -> String {
        qualified(module, if self { "True_" } else { "False_" })
    }
}

/// NumPy's `IntegerFormat`: right-aligned to the widest of the largest and smallest value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct IntegerFormat {
    width: usize,
    sign: Sign,
}

impl IntegerFormat {
    fn new(shown: impl Iterator<Item = i128> + Clone, sign: Sign) -> IntegerFormat {
        let (Some(max), Some(min)) = (shown.clone().max(), shown.min()) else {
            return IntegerFormat { width: 0, sign };
        };
        let sign = if sign == Sign::Space && min < 0 {
            Sign::Minus
        } else {
            sign
        };
        let mut max_len = max.to_string().len();
        if max >= 0 && sign != Sign::Minus {
            max_len += 1;
        }
        IntegerFormat {
            width: max_len.max(min.to_string().len()),
            sign,
        }
    }

    fn format(&self, x: i128) -> String {
        let sign = match (x < 0, self.sign) {
            (true, _) => "-",
            (false, Sign::Plus) => "+",
            (false, Sign::Space) => " ",
            (false, Sign::Minus) => "",
        };
        let text = format!("{sign}{}", x.unsigned_abs());
        format!("{text:>width$}", width = self.width)
    }
}

macro_rules! print_int {
    ($($t:ty),*) => {$(
        impl PrintElement for $t {
            type Format = IntegerFormat;
            fn choose_format(shown: &[$t], opts: &PrintOptions, _: bool) -> IntegerFormat {
                IntegerFormat::new(shown.iter().map(|&x| x as i128), opts.sign)
            }
            fn format(self, f: &IntegerFormat) -> String {
                f.format(self as i128)
            }
            fn scalar_str(self) -> String {
                self.to_string()
            }
            fn scalar_repr(self, module: &str) -> String {
                format!("{}({self})", qualified(module, <$t as Element>::DTYPE.name()))
            }
        }
    )*};
}

print_int!(i8, u8, i16, u16, i32, u32, i64, u64);

macro_rules! print_float {
    ($($t:ty),*) => {$(
        impl PrintElement for $t {
            type Format = FloatingFormat;
            fn choose_format(shown: &[$t], opts: &PrintOptions, _: bool) -> FloatingFormat {
                FloatingFormat::new(shown, opts, opts.sign)
            }
            fn format(self, f: &FloatingFormat) -> String {
                f.format(self)
            }
            fn scalar_str(self) -> String {
                float_scalar_str(self)
            }
            fn scalar_repr(self, module: &str) -> String {
                format!("{}({})", qualified(module, <$t as Element>::DTYPE.name()), float_scalar_str(self))
            }
        }
    )*};
}

print_float!(f16, f32, f64);

macro_rules! print_complex {
    ($($t:ty => $part:ty),*) => {$(
        impl PrintElement for $t {
            type Format = ComplexFloatingFormat;
            fn choose_format(shown: &[$t], opts: &PrintOptions, _: bool) -> ComplexFloatingFormat {
                let re: Vec<$part> = shown.iter().map(|z| z.re).collect();
                let im: Vec<$part> = shown.iter().map(|z| z.im).collect();
                ComplexFloatingFormat::new(&re, &im, opts)
            }
            fn format(self, f: &ComplexFloatingFormat) -> String {
                f.format(self.re, self.im)
            }
            fn scalar_str(self) -> String {
                complex_scalar_text(self.re, self.im, None)
            }
            fn scalar_repr(self, module: &str) -> String {
                let name = qualified(module, <$t as Element>::DTYPE.name());
                complex_scalar_text(self.re, self.im, Some(&name))
            }
        }
    )*};
}

print_complex!(c64 => f32, c128 => f64);
