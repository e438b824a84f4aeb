//! `str` and `repr` of NumPy float and complex scalars (NumPy 2 scalar printing and NEP 51
//! reprs): shortest round-trip digits, positional between 1e-4 and a per-type limit (1e3 for
//! float16, 1e6 for float32, 1e16 for float64), scientific outside it.

use super::float_text::{format_float, BinaryFloat, FloatLayout, Trim};

/// `module.name`, or `name` alone when the module prefix is empty.
pub(crate) fn qualified(module: &str, name: &str) -> String {
    if module.is_empty() {
        name.to_string()
    } else {
        format!("{module}.{name}")
    }
}

/// NumPy's `*type_*_either`: positional for zero, NaN and magnitudes in [1e-4, MAX_POSITIONAL),
/// scientific otherwise.
fn either<T: BinaryFloat>(x: T, trim_pos: Trim, trim_sci: Trim, sign: bool) -> String {
    let v = x.to_f64();
    let positional = v.is_nan() || v == 0.0 || (v.abs() < T::MAX_POSITIONAL && v.abs() >= 1e-4);
    let mut layout = FloatLayout::unique(!positional, if positional { trim_pos } else { trim_sci });
    layout.sign = sign;
    format_float(x.parts(), &layout)
}

/// `str(np.float64(x))`: `1.5`, `1.0`, `1e+16`, `inf`, `nan`.
pub(crate) fn float_scalar_str<T: BinaryFloat>(x: T) -> String {
    either(x, Trim::LeaveOneZero, Trim::DptZeros, false)
}

/// `str` (with `type_name` `None`) or `repr` (with the qualified type name) of a complex
/// scalar: `(1+2j)`, `1j` for a +0 real part, `(nan+infj)`; `np.complex128(1+2j)`.
pub(crate) fn complex_scalar_text<T: BinaryFloat>(re: T, im: T, type_name: Option<&str>) -> String {
    let dpt = Trim::DptZeros;
    let (r, i) = (re.to_f64(), im.to_f64());
    let body = if r == 0.0 && r.is_sign_positive() {
        format!("{}j", either(im, dpt, dpt, false))
    } else {
        let rstr = if r.is_finite() {
            either(re, dpt, dpt, false)
        } else {
            special(r, false)
        };
        let istr = if i.is_finite() {
            either(im, dpt, dpt, true)
        } else {
            special(i, true)
        };
        match type_name {
            Some(_) => format!("{rstr}{istr}j"),
            None => format!("({rstr}{istr}j)"),
        }
    };
    match type_name {
        Some(name) => format!("{name}({body})"),
        None => body,
    }
}

/// Text of a non-finite part; `signed` always shows a sign (imaginary parts).
fn special(x: f64, signed: bool) -> String {
    let sign = if x < 0.0 {
        "-"
    } else if signed {
        "+"
    } else {
        ""
    };
    let word = if x.is_nan() { "nan" } else { "inf" };
    format!("{sign}{word}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use half::f16;

    #[test]
    fn scalar_strings() {
        assert_eq!(float_scalar_str(1.5f64), "1.5");
        assert_eq!(float_scalar_str(1e16f64), "1e+16");
        assert_eq!(float_scalar_str(1e6f32), "1e+06");
        assert_eq!(float_scalar_str(f16::from_f64(1000.0)), "1e+03");
        assert_eq!(float_scalar_str(-0.0f64), "-0.0");
        assert_eq!(float_scalar_str(f64::NAN), "nan");
        assert_eq!(complex_scalar_text(0.0f64, 1.0, None), "1j");
        assert_eq!(
            complex_scalar_text(1.0f64, -2.5, Some("np.complex128")),
            "np.complex128(1-2.5j)"
        );
        assert_eq!(
            complex_scalar_text(f32::NAN, f32::NEG_INFINITY, None),
            "(nan-infj)"
        );
    }
}
