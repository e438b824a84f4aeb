//! The `DType` enum and its static facts (name, char code, kind, size, alignment, limits).
//!
//! This module owns only per-dtype facts and dtype spellings. Promotion lives in `promote.rs`,
//! casting rules in `casting.rs`, value casts in `element.rs`. Nothing here knows about arrays.

use std::fmt;

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
/// bool < unsigned < signed < float < complex (so uint -> int is `same_kind`, int -> uint is not).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
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
    /// NumPy's type number (`dtype.num`); float16 is 23, after all the others.
    num: u8,
}

const INFO: [Info; 14] = [
    Info { name: "bool", char: '?', kind: Kind::Bool, itemsize: 1, num: 0 },
    Info { name: "int8", char: 'b', kind: Kind::Int, itemsize: 1, num: 1 },
    Info { name: "uint8", char: 'B', kind: Kind::UInt, itemsize: 1, num: 2 },
    Info { name: "int16", char: 'h', kind: Kind::Int, itemsize: 2, num: 3 },
    Info { name: "uint16", char: 'H', kind: Kind::UInt, itemsize: 2, num: 4 },
    Info { name: "int32", char: 'i', kind: Kind::Int, itemsize: 4, num: 5 },
    Info { name: "uint32", char: 'I', kind: Kind::UInt, itemsize: 4, num: 6 },
    Info { name: "int64", char: 'l', kind: Kind::Int, itemsize: 8, num: 7 },
    Info { name: "uint64", char: 'L', kind: Kind::UInt, itemsize: 8, num: 8 },
    Info { name: "float16", char: 'e', kind: Kind::Float, itemsize: 2, num: 23 },
    Info { name: "float32", char: 'f', kind: Kind::Float, itemsize: 4, num: 11 },
    Info { name: "float64", char: 'd', kind: Kind::Float, itemsize: 8, num: 12 },
    Info { name: "complex64", char: 'F', kind: Kind::Complex, itemsize: 8, num: 14 },
    Info { name: "complex128", char: 'D', kind: Kind::Complex, itemsize: 16, num: 15 },
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

    /// NumPy's type number (`dtype.num`). Promotion uses it as NumPy does: the dtype with the
    /// larger number "knows" how to promote with the other (float16, 23, knows all others).
    pub fn type_num(self) -> u8 {
        self.info().num
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
                resolution: f64::from(half::f16::from_f64(1e-3)),
                mant_digits: 11,
                max_exp: 16,
                min_exp: -14,
            }),
            DType::Float32 | DType::Complex64 => Some(FloatInfo {
                bits: 32,
                eps: f32::EPSILON as f64,
                max: f32::MAX as f64,
                min: f32::MIN as f64,
                smallest_normal: f32::MIN_POSITIVE as f64,
                smallest_subnormal: f32::from_bits(1) as f64,
                precision: 6,
                resolution: 1e-6f32 as f64,
                mant_digits: 24,
                max_exp: 128,
                min_exp: -126,
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
                min_exp: -1022,
            }),
            _ => None,
        }
    }

    /// The dtype of `kind` whose elements are `itemsize` bytes, if numpypy has one.
    pub fn from_kind_size(kind: Kind, itemsize: usize) -> Option<DType> {
        DType::ALL.into_iter().find(|d| d.kind() == kind && d.itemsize() == itemsize)
    }

    /// The real dtype of the same precision (complex64 -> float32); other dtypes map to themselves.
    pub fn real_dtype(self) -> DType {
        match self {
            DType::Complex64 => DType::Float32,
            DType::Complex128 => DType::Float64,
            d => d,
        }
    }
}

impl fmt::Display for DType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// `numpy.finfo` facts for one float precision (values widened to f64 exactly).
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
    /// Significand bits including the implicit one: `finfo.nmant + 1`.
    pub mant_digits: u32,
    /// `finfo.maxexp`: the smallest power of two that overflows (1024 for float64).
    pub max_exp: i32,
    /// `finfo.minexp`: the exponent of the smallest normal number (-1022 for float64; note C's
    /// `DBL_MIN_EXP` is one more).
    pub min_exp: i32,
}
