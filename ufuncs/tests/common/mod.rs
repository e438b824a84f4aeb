//! Shared helpers of the NumPy-table tests: loading the JSON written by
//! `scripts/gen_ufunc_tables.py` and decoding its values.

#![allow(dead_code)]

use std::path::PathBuf;

use dtypes::{c128, c64, f16, DType, Scalar};
use serde_json::Value;

pub fn load(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    serde_json::from_str(&text).unwrap()
}

pub fn dtype_of_char(c: char) -> DType {
    DType::from_name(&c.to_string()).unwrap()
}

pub fn dtype_of_name(name: &str) -> DType {
    DType::from_name(name).unwrap()
}

fn bits(v: &Value) -> u64 {
    v.as_u64().unwrap_or_else(|| panic!("bits expected, got {v}"))
}

/// A value encoded as the generator does: bool 0/1, integers, float bit patterns, complex
/// [re_bits, im_bits].
pub fn decode(v: &Value, dt: DType) -> Scalar {
    match dt {
        DType::Bool => Scalar::Bool(v.as_u64().unwrap() != 0),
        DType::Float16 => Scalar::Float16(f16::from_bits(bits(v) as u16)),
        DType::Float32 => Scalar::Float32(f32::from_bits(bits(v) as u32)),
        DType::Float64 => Scalar::Float64(f64::from_bits(bits(v))),
        DType::Complex64 => Scalar::Complex64(c64::new(
            f32::from_bits(bits(&v[0]) as u32),
            f32::from_bits(bits(&v[1]) as u32),
        )),
        DType::Complex128 => {
            Scalar::Complex128(c128::new(f64::from_bits(bits(&v[0])), f64::from_bits(bits(&v[1]))))
        }
        d if d.is_signed_integer() => Scalar::Int64(v.as_i64().unwrap()).cast(d),
        d => Scalar::UInt64(v.as_u64().unwrap()).cast(d),
    }
}

/// The float components of a scalar as f64 (one for real floats, two for complex), or `None`
/// for bool and integers.
pub fn float_parts(s: Scalar) -> Option<Vec<f64>> {
    Some(match s {
        Scalar::Float16(x) => vec![x.to_f64()],
        Scalar::Float32(x) => vec![x as f64],
        Scalar::Float64(x) => vec![x],
        Scalar::Complex64(z) => vec![z.re as f64, z.im as f64],
        Scalar::Complex128(z) => vec![z.re, z.im],
        _ => return None,
    })
}

/// Distance in units in the last place between two values of the same float type (`dt` the
/// real dtype). NaN vs NaN is 0, NaN vs number is infinite.
pub fn ulps(a: f64, b: f64, dt: DType) -> u64 {
    if a.is_nan() || b.is_nan() {
        return if a.is_nan() && b.is_nan() { 0 } else { u64::MAX };
    }
    let key = |x: f64| -> i64 {
        let raw = match dt {
            DType::Float16 => f16::from_f64(x).to_bits() as i64,
            DType::Float32 => (x as f32).to_bits() as i64,
            _ => x.to_bits() as i64,
        };
        let sign_bit: i64 = match dt {
            DType::Float16 => 1 << 15,
            DType::Float32 => 1 << 31,
            _ => i64::MIN,
        };
        if raw & sign_bit != 0 {
            -(raw & !sign_bit)
        } else {
            raw
        }
    };
    key(a).abs_diff(key(b))
}

/// Bit-exact equality, except that any NaN equals any NaN.
pub fn same_value(a: Scalar, b: Scalar) -> bool {
    match (float_parts(a), float_parts(b)) {
        (Some(x), Some(y)) => {
            a.dtype() == b.dtype()
                && x.iter().zip(&y).all(|(p, q)| {
                    (p.is_nan() && q.is_nan()) || (p.to_bits() == q.to_bits())
                })
        }
        _ => a == b,
    }
}
