//! `DType::from_name`: every spelling `np.dtype(...)` accepts for the 14 numpypy dtypes (names,
//! aliases, char codes, array-interface strings), and a clear "unsupported" error for spellings
//! NumPy knows but numpypy does not implement (long double, strings, datetimes, object, ...).
//!
//! Checked against `np.dtype(s)` by `tests/dtype_facts.rs` (table from
//! `scripts/gen_dtype_tables.py`).

use crate::{DType, DTypeError};

/// Aliases that are not a dtype's own `name()`.
const ALIASES: &[(&str, DType)] = &[
    ("bool_", DType::Bool),
    ("byte", DType::Int8),
    ("ubyte", DType::UInt8),
    ("short", DType::Int16),
    ("ushort", DType::UInt16),
    ("intc", DType::Int32),
    ("uintc", DType::UInt32),
    ("int", DType::Int64),
    ("int_", DType::Int64),
    ("intp", DType::Int64),
    ("long", DType::Int64),
    ("longlong", DType::Int64),
    ("q", DType::Int64),
    ("p", DType::Int64),
    ("uint", DType::UInt64),
    ("uintp", DType::UInt64),
    ("ulong", DType::UInt64),
    ("ulonglong", DType::UInt64),
    ("Q", DType::UInt64),
    ("P", DType::UInt64),
    ("half", DType::Float16),
    ("single", DType::Float32),
    ("float", DType::Float64),
    ("double", DType::Float64),
    ("csingle", DType::Complex64),
    ("complex", DType::Complex128),
    ("cdouble", DType::Complex128),
];

/// Spellings NumPy accepts for dtypes numpypy does not have.
const NUMPY_ONLY: &[&str] = &[
    "float128",
    "longdouble",
    "g",
    "f16",
    "complex256",
    "clongdouble",
    "G",
    "c32",
    "object",
    "object_",
    "O",
    "str",
    "str_",
    "U",
    "bytes",
    "bytes_",
    "S",
    "a",
    "c",
    "void",
    "V",
    "datetime64",
    "M",
    "M8",
    "timedelta64",
    "m",
    "m8",
    "T",
];

impl DType {
    /// Parse a NumPy dtype spelling: names (`"float64"`, `"bool"`), aliases (`"int"`, `"double"`,
    /// `"intp"`, ...), char codes (`"d"`, `"?"`), array-interface strings (`"<f8"`, `"f8"`,
    /// `"|b1"`, `"i4"`). Big-endian multi-byte dtypes and NumPy dtypes numpypy lacks give
    /// `Unsupported`; anything NumPy rejects gives `Unknown` (TypeError).
    pub fn from_name(s: &str) -> Result<DType, DTypeError> {
        if let Some(d) = by_name(s).or_else(|| by_char(s)) {
            return Ok(d);
        }
        if let Some(found) = by_typestr(s) {
            return found;
        }
        if is_numpy_only(s) {
            return Err(DTypeError::Unsupported(format!("dtype '{s}'")));
        }
        Err(DTypeError::Unknown(s.to_string()))
    }
}

fn by_name(s: &str) -> Option<DType> {
    let own = DType::ALL.into_iter().find(|d| d.name() == s);
    own.or_else(|| ALIASES.iter().find(|(a, _)| *a == s).map(|&(_, d)| d))
}

fn by_char(s: &str) -> Option<DType> {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => DType::ALL.into_iter().find(|d| d.char() == c),
        _ => None,
    }
}

/// Split an optional byte-order character off the front.
fn split_byte_order(s: &str) -> (Option<char>, &str) {
    match s.chars().next() {
        Some(c @ ('<' | '>' | '=' | '|')) => (Some(c), &s[1..]),
        _ => (None, s),
    }
}

/// Array-interface form: optional byte order, kind character, itemsize digits.
fn by_typestr(s: &str) -> Option<Result<DType, DTypeError>> {
    let (order, body) = split_byte_order(s);
    let kind_char = body.chars().next()?;
    let digits = &body[kind_char.len_utf8()..];
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let size: usize = digits.parse().ok()?;
    let d =
        DType::ALL.into_iter().find(|d| d.kind().char() == kind_char && d.itemsize() == size)?;
    if order == Some('>') && size > 1 {
        return Some(Err(DTypeError::Unsupported(format!("big-endian dtype '{s}'"))));
    }
    Some(Ok(d))
}

fn is_numpy_only(s: &str) -> bool {
    let (_, body) = split_byte_order(s);
    if NUMPY_ONLY.contains(&body) {
        return true;
    }
    // Unit-qualified datetimes (`M8[ns]`, `datetime64[s]`) and sized flexible types (`U10`).
    let with_unit = ["M8[", "m8[", "datetime64[", "timedelta64["];
    if with_unit.iter().any(|p| body.starts_with(p)) && body.ends_with(']') {
        return true;
    }
    let mut chars = body.chars();
    let flexible = matches!(chars.next(), Some('U' | 'S' | 'V' | 'a'));
    let rest = chars.as_str();
    flexible && !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_chars_and_typestrs() {
        for d in DType::ALL {
            assert_eq!(DType::from_name(d.name()), Ok(d));
            assert_eq!(DType::from_name(&d.char().to_string()), Ok(d));
            assert_eq!(DType::from_name(&d.typestr()), Ok(d));
        }
    }

    #[test]
    fn big_endian_and_numpy_only_are_unsupported() {
        assert!(matches!(DType::from_name(">f8"), Err(DTypeError::Unsupported(_))));
        assert_eq!(DType::from_name(">i1"), Ok(DType::Int8));
        assert!(matches!(DType::from_name("U10"), Err(DTypeError::Unsupported(_))));
        assert!(matches!(DType::from_name("M8[ns]"), Err(DTypeError::Unsupported(_))));
        assert!(matches!(DType::from_name("float_"), Err(DTypeError::Unknown(_))));
        assert!(matches!(DType::from_name(""), Err(DTypeError::Unknown(_))));
        assert!(matches!(DType::from_name(">é"), Err(DTypeError::Unknown(_))));
    }
}
