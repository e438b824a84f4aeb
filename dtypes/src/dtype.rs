//! The `DType` enum and its static facts (name, char code, kind, size, alignment, limits).
//!
//! This module owns only per-dtype facts. Promotion lives in `promote.rs`, casting rules and
//! value casts in `cast.rs`. Nothing here knows about arrays.

use std::fmt;

use crate::DTypeError;

/// The element types numpypy supports, in NumPy's type-number order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum DType {
    Bool,
    Int8,
    UInt8,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Float16,
    Float32,
    Float64,
    Complex64,
    Complex128,
}

/// NumPy's dtype kinds, ordered as NumPy orders them for `same_kind` casting:
/// bool < (unsigned, signed) integers < floats < complex.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Bool,
    UInt,
    Int,
    Float,
    Complex,
}

impl Kind {
    /// NumPy's kind character (`dtype.kind`).
    pub fn char(self) -> char {
        match self {
            Kind::Bool => 'b',
            Kind::UInt => 'u',
            Kind::Int => 'i',
            Kind::Float => 'f',
            Kind::Complex => 'c',
        }
    }

    /// Rank used by `same_kind` casting and by NEP 50 weak-scalar promotion: signed and unsigned
    /// integers share a rank.
    pub fn rank(self) -> u8 {
        match self {
            Kind::Bool => 0,
            Kind::UInt | Kind::Int => 1,
            Kind::Float => 2,
            Kind::Complex => 3,
        }
    }
}

/// Static description of one dtype. One row per dtype; every accessor reads this table.
struct Info {
    name: &'static str,
    char: char,
    kind: Kind,
    itemsize: usize,
}

const INFO: [Info; 14] = [
    Info { name: "bool", char: '?', kind: Kind::Bool, itemsize: 1 },
    Info { name: "int8", char: 'b', kind: Kind::Int, itemsize: 1 },
    Info { name: "uint8", char: 'B', kind: Kind::UInt, itemsize: 1 },
    Info { name: "int16", char: 'h', kind: Kind::Int, itemsize: 2 },
    Info { name: "uint16", char: 'H', kind: Kind::UInt, itemsize: 2 },
    Info { name: "int32", char: 'i', kind: Kind::Int, itemsize: 4 },
    Info { name: "uint32", char: 'I', kind: Kind::UInt, itemsize: 4 },
    Info { name: "int64", char: 'l', kind: Kind::Int, itemsize: 8 },
    Info { name: "uint64", char: 'L', kind: Kind::UInt, itemsize: 8 },
    Info { name: "float16", char: 'e', kind: Kind::Float, itemsize: 2 },
    Info { name: "float32", char: 'f', kind: Kind::Float, itemsize: 4 },
    Info { name: "float64", char: 'd', kind: Kind::Float, itemsize: 8 },
    Info { name: "complex64", char: 'F', kind: Kind::Complex, itemsize: 8 },
    Info { name: "complex128", char: 'D', kind: Kind::Complex, itemsize: 16 },
];

impl DType {
    /// Every dtype, in type-number order.
    pub const ALL: [DType; 14] = [
        DType::Bool,
        DType::Int8,
        DType::UInt8,
        DType::Int16,
        DType::UInt16,
        DType::Int32,
        DType::UInt32,
        DType::Int64,
        DType::UInt64,
        DType::Float16,
        DType::Float32,
        DType::Float64,
        DType::Complex64,
        DType::Complex128,
    ];

    fn info(self) -> &'static Info {
        &INFO[self as usize]
    }

    /// NumPy's name (`dtype.name`), e.g. `"float64"`.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// NumPy's one-character code (`dtype.char`), e.g. `'d'`. int64 is `'l'` as on Linux.
    pub fn char(self) -> char {
        self.info().char
    }

    pub fn kind(self) -> Kind {
        self.info().kind
    }

    /// Size of one element in bytes.
    pub fn itemsize(self) -> usize {
        self.info().itemsize
    }

    /// Required alignment in bytes (complex aligns as its component float).
    pub fn alignment(self) -> usize {
        match self.kind() {
            Kind::Complex => self.itemsize() / 2,
            _ => self.itemsize(),
        }
    }

    /// NumPy's array-interface type string, e.g. `"<f8"`, `"|b1"`.
    pub fn typestr(self) -> String {
        let order = if self.itemsize() == 1 { '|' } else { '<' };
        format!("{}{}{}", order, self.kind().char(), self.itemsize())
    }

    pub fn is_bool(self) -> bool {
        self.kind() == Kind::Bool
    }
    pub fn is_integer(self) -> bool {
        matches!(self.kind(), Kind::Int | Kind::UInt)
    }
    pub fn is_signed_integer(self) -> bool {
        self.kind() == Kind::Int
    }
    pub fn is_unsigned_integer(self) -> bool {
        self.kind() == Kind::UInt
    }
    pub fn is_float(self) -> bool {
        self.kind() == Kind::Float
    }
    pub fn is_complex(self) -> bool {
        self.kind() == Kind::Complex
    }
    /// Float or complex.
    pub fn is_inexact(self) -> bool {
        matches!(self.kind(), Kind::Float | Kind::Complex)
    }

    /// Integer limits `(min, max)` as i128, for bool and integer dtypes; `None` otherwise.
    pub fn int_limits(self) -> Option<(i128, i128)> {
        Some(match self {
            DType::Bool => (0, 1),
            DType::Int8 => (i8::MIN as i128, i8::MAX as i128),
            DType::UInt8 => (0, u8::MAX as i128),
            DType::Int16 => (i16::MIN as i128, i16::MAX as i128),
            DType::UInt16 => (0, u16::MAX as i128),
            DType::Int32 => (i32::MIN as i128, i32::MAX as i128),
            DType::UInt32 => (0, u32::MAX as i128),
            DType::Int64 => (i64::MIN as i128, i64::MAX as i128),
            DType::UInt64 => (0, u64::MAX as i128),
            _ => return None,
        })
    }

    /// Float limits for float and complex dtypes (complex reports its component's limits).
    pub fn float_info(self) -> Option<FloatInfo> {
        match self {
            DType::Float16 => Some(FloatInfo {
                bits: 16,
                eps: f64::from(half::f16::EPSILON),
                max: f64::from(half::f16::MAX),
                min: f64::from(half::f16::MIN),
                smallest_normal: f64::from(half::f16::MIN_POSITIVE),
                smallest_subnormal: f64::from(half::f16::from_bits(1)),
                precision: 3,
                resolution: 1e-3,
                mant_digits: 11,
                max_exp: 16,
                min_exp: -13,
            }),
            DType::Float32 | DType::Complex64 => Some(FloatInfo {
                bits: 32,
                eps: f32::EPSILON as f64,
                max: f32::MAX as f64,
                min: f32::MIN as f64,
                smallest_normal: f32::MIN_POSITIVE as f64,
                smallest_subnormal: f32::from_bits(1) as f64,
                precision: 6,
                resolution: 1e-6,
                mant_digits: 24,
                max_exp: 128,
                min_exp: -125,
            }),
            DType::Float64 | DType::Complex128 => Some(FloatInfo {
                bits: 64,
                eps: f64::EPSILON,
                max: f64::MAX,
                min: f64::MIN,
                smallest_normal: f64::MIN_POSITIVE,
                smallest_subnormal: f64::from_bits(1),
                precision: 15,
                resolution: 1e-15,
                mant_digits: 53,
                max_exp: 1024,
                min_exp: -1021,
            }),
            _ => None,
        }
    }

    /// The real dtype of the same precision (complex64 -> float32); other dtypes map to themselves.
    pub fn real_dtype(self) -> DType {
        match self {
            DType::Complex64 => DType::Float32,
            DType::Complex128 => DType::Float64,
            d => d,
        }
    }

    /// Parse a NumPy dtype spelling: names (`"float64"`, `"bool"`), char codes (`"d"`, `"?"`),
    /// array-interface strings (`"<f8"`, `"f8"`, `"|b1"`, `"i4"`) and the Python-type aliases
    /// `"int"`, `"float"`, `"complex"`.
    pub fn from_name(s: &str) -> Result<DType, DTypeError> {
        if let Some(d) = DType::ALL.iter().copied().find(|d| d.name() == s) {
            return Ok(d);
        }
        let alias = match s {
            "bool_" | "?" | "b1" => Some(DType::Bool),
            "int" | "int_" | "intp" | "long" | "q" | "l" | "p" => Some(DType::Int64),
            "uint" | "uintp" | "ulong" | "Q" | "L" | "P" => Some(DType::UInt64),
            "float" | "double" => Some(DType::Float64),
            "half" => Some(DType::Float16),
            "single" => Some(DType::Float32),
            "complex" | "cdouble" => Some(DType::Complex128),
            "csingle" => Some(DType::Complex64),
            "byte" => Some(DType::Int8),
            "ubyte" => Some(DType::UInt8),
            "short" => Some(DType::Int16),
            "ushort" => Some(DType::UInt16),
            "intc" => Some(DType::Int32),
            "uintc" => Some(DType::UInt32),
            "longlong" => Some(DType::Int64),
            "ulonglong" => Some(DType::UInt64),
            _ => None,
        };
        if let Some(d) = alias {
            return Ok(d);
        }
        let mut chars = s.chars();
        if s.len() == 1 {
            let c = chars.next().unwrap();
            if let Some(d) = DType::ALL.iter().copied().find(|d| d.char() == c) {
                return Ok(d);
            }
        }
        // Array-interface form: optional byte order, kind char, itemsize.
        let body = s.strip_prefix(['<', '|', '=']).unwrap_or(s);
        if s.starts_with('>') && !s.ends_with('1') {
            return Err(DTypeError::Unsupported(format!("big-endian dtype '{s}'")));
        }
        let body = body.strip_prefix('>').unwrap_or(body);
        let mut b = body.chars();
        if let Some(kc) = b.next() {
            if let Ok(size) = b.as_str().parse::<usize>() {
                if let Some(d) = DType::ALL
                    .iter()
                    .copied()
                    .find(|d| d.kind().char() == kc && d.itemsize() == size)
                {
                    return Ok(d);
                }
            }
        }
        Err(DTypeError::Unknown(s.to_string()))
    }
}

impl fmt::Display for DType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// `numpy.finfo` facts for one float precision.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FloatInfo {
    pub bits: u32,
    pub eps: f64,
    pub max: f64,
    pub min: f64,
    pub smallest_normal: f64,
    pub smallest_subnormal: f64,
    pub precision: u32,
    pub resolution: f64,
    pub mant_digits: u32,
    pub max_exp: i32,
    pub min_exp: i32,
}
