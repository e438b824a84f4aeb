//! NumPy 2 type promotion: `promote_types` (the lattice of the 14 dtypes), `result_type` with
//! NEP 50 weak Python scalars, and `weak_int_fits` (may a Python int become a given dtype).
//!
//! The lattice is written as rules, not as a 14x14 table:
//! - bool is below everything; within one kind the larger itemsize wins;
//! - a signed and an unsigned int give the smallest signed int holding both, or float64 when
//!   none does (uint64 with any signed int);
//! - an int meets a float at the smallest float that holds the int exactly (1 byte -> float16,
//!   2 -> float32, 4 and 8 -> float64), max'ed with the float;
//! - complex promotes the real parts and takes the complex of that precision (float16 ->
//!   complex64, as there is no complex32).
//!
//! Checked against NumPy by `tests/promotion.rs` (tables from `scripts/gen_dtype_tables.py`).
//! Casting rules (`can_cast`) live in `casting.rs` and are re-exported here.

use crate::{DType, DTypeError, Kind};

pub use crate::casting::{can_cast, check_cast, Casting};

/// One input to `result_type`: arrays and NumPy scalars are strong, Python scalars are weak.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Operand {
    /// An array (0-d arrays included): strong.
    Array(DType),
    /// A NumPy scalar such as `np.int64(1)`: strong.
    Scalar(DType),
    /// A Python `bool`. NumPy treats it as a strong `bool` (it is not an exact `int`); as bool is
    /// the bottom of the lattice, weak and strong would give the same answers anyway.
    PyBool(bool),
    /// A Python `int` with its value: weak.
    PyInt(i128),
    /// A Python `float`: weak.
    PyFloat(f64),
    /// A Python `complex` (re, im): weak.
    PyComplex(f64, f64),
}

impl Operand {
    /// The dtype of a strong operand; `None` for weak Python int/float/complex.
    pub fn strong_dtype(self) -> Option<DType> {
        match self {
            Operand::Array(d) | Operand::Scalar(d) => Some(d),
            Operand::PyBool(_) => Some(DType::Bool),
            _ => None,
        }
    }

    /// The kind of a weak Python scalar; `None` for strong operands.
    pub fn weak_kind(self) -> Option<Kind> {
        match self {
            Operand::PyInt(_) => Some(Kind::Int),
            Operand::PyFloat(_) => Some(Kind::Float),
            Operand::PyComplex(..) => Some(Kind::Complex),
            _ => None,
        }
    }
}

/// `np.promote_types(a, b)`. Every pair of numpypy's dtypes has a common dtype, so this never
/// fails today; the `Result` is for dtypes to come (NumPy's DTypePromotionError).
pub fn promote_types(a: DType, b: DType) -> Result<DType, DTypeError> {
    Ok(promote(a, b))
}

fn promote(a: DType, b: DType) -> DType {
    use Kind::*;
    match (a.kind(), b.kind()) {
        _ if a == b => a,
        (Bool, _) => b,
        (_, Bool) => a,
        (Complex, _) | (_, Complex) => complex_of(promote(a.real_dtype(), b.real_dtype())),
        (ka, kb) if ka == kb => wider(a, b),
        (Float, _) => wider(a, float_home(b)),
        (_, Float) => wider(b, float_home(a)),
        _ => mixed_sign(a, b),
    }
}

/// The larger of two dtypes of the same kind.
fn wider(a: DType, b: DType) -> DType {
    if a.itemsize() >= b.itemsize() {
        a
    } else {
        b
    }
}

/// The smallest float that holds every value of the integer dtype `int` exactly (or, for 32 and
/// 64 bits, float64: NumPy's choice).
fn float_home(int: DType) -> DType {
    DType::from_kind_size(Kind::Float, (2 * int.itemsize()).min(8)).unwrap_or(DType::Float64)
}

/// The complex dtype whose parts are at least `real` (float16 -> complex64).
fn complex_of(real: DType) -> DType {
    DType::from_kind_size(Kind::Complex, (2 * real.itemsize()).max(8)).unwrap_or(DType::Complex128)
}

/// A signed and an unsigned integer: the smallest signed integer holding both, else float64.
fn mixed_sign(a: DType, b: DType) -> DType {
    let (signed, unsigned) = if a.is_signed_integer() { (a, b) } else { (b, a) };
    if signed.itemsize() > unsigned.itemsize() {
        return signed;
    }
    DType::from_kind_size(Kind::Int, 2 * unsigned.itemsize()).unwrap_or(DType::Float64)
}

/// The default dtype of a weak Python scalar kind (NumPy's `default_descr`).
fn weak_default(kind: Kind) -> DType {
    match kind {
        Kind::Bool => DType::Bool,
        Kind::UInt | Kind::Int => DType::Int64,
        Kind::Float => DType::Float64,
        Kind::Complex => DType::Complex128,
    }
}

/// `np.result_type(*operands)` under NumPy 2 (NEP 50).
///
/// Strong operands promote with `promote_types`, in NumPy's order-independent way (see
/// `promote_sequence`). Weak Python scalars only contribute their kind:
/// a weak kind at or below the strong result's kind is absorbed (`int8 + 1 -> int8`,
/// `float32 + 1.0 -> float32`); a higher one moves the result to that kind's default (`int8 +
/// 1.0 -> float64`), except that weak complex with a float result keeps the precision
/// (`float32 + 1j -> complex64`). Only weak operands give the defaults. Values are never looked
/// at (out-of-range ints do not raise here; see `weak_int_fits`), except for a single operand,
/// where NumPy returns the dtype `np.asarray` would give: a lone `2**63` is uint64, and a lone
/// int outside int64/uint64 would be an object array (unsupported).
pub fn result_type(ops: &[Operand]) -> Result<DType, DTypeError> {
    if let [op] = ops {
        return single_operand_dtype(*op);
    }
    let strong: Vec<DType> = ops.iter().filter_map(|o| o.strong_dtype()).collect();
    let strong = promote_sequence(&strong);
    let weak = ops.iter().filter_map(|o| o.weak_kind()).max();
    match (strong, weak) {
        (None, None) => Err(DTypeError::NoOperands),
        (Some(s), None) => Ok(s),
        (None, Some(w)) => Ok(weak_default(w)),
        (Some(s), Some(w)) => Ok(absorb_weak(s, w)),
    }
}

/// The common dtype of several strong dtypes, as NumPy's `PyArray_PromoteDTypeSequence` finds
/// it. `promote_types` is commutative but not associative (`(int8, uint8) -> int16`, then with
/// float16 -> float32; but `uint8` with float16 is float16, and `int8` with that is float16), so
/// a left fold would depend on the order. NumPy lets the "most knowledgeable" dtype (highest type
/// number) promote with each operand, then reduces those results: order-independent, and
/// `[int8, uint8, float16]` gives float16.
fn promote_sequence(dtypes: &[DType]) -> Option<DType> {
    let main = dtypes.iter().copied().max_by_key(|d| d.type_num())?;
    dtypes.iter().map(|&d| promote(main, d)).reduce(promote)
}

/// The result of a strong dtype meeting weak Python scalars whose highest kind is `weak`.
fn absorb_weak(strong: DType, weak: Kind) -> DType {
    if weak.rank() <= strong.kind().rank() {
        strong
    } else if weak == Kind::Complex && strong.is_float() {
        complex_of(strong)
    } else {
        weak_default(weak)
    }
}

/// The dtype NumPy gives one operand on its own (`np.asarray(x).dtype` for Python scalars).
fn single_operand_dtype(op: Operand) -> Result<DType, DTypeError> {
    match op {
        Operand::PyInt(v) if i64::try_from(v).is_ok() => Ok(DType::Int64),
        Operand::PyInt(v) if u64::try_from(v).is_ok() => Ok(DType::UInt64),
        Operand::PyInt(v) => Err(DTypeError::Unsupported(format!(
            "object dtype (Python integer {v} does not fit int64 or uint64)"
        ))),
        op => Ok(op
            .strong_dtype()
            .unwrap_or_else(|| weak_default(op.weak_kind().unwrap_or(Kind::Bool)))),
    }
}

/// Whether the weak Python int `value` may become an element of `dtype`, as NumPy checks when a
/// Python int operand is converted to the dtype of the loop it takes part in (`uint8_arr + 300`
/// raises `OverflowError: Python integer 300 out of bounds for uint8`).
///
/// NumPy first converts the int to a C long (unsigned long for uint32/uint64), which fails with
/// "Python int too large to convert to C long" outside that range; then it checks the dtype's
/// bounds. Bool accepts any C long (it becomes its truth value). Float and complex dtypes accept
/// every i128 (a too-large value only overflows to inf, with a warning in NumPy).
pub fn weak_int_fits(value: i128, dtype: DType) -> Result<(), DTypeError> {
    if dtype.is_inexact() {
        return Ok(());
    }
    let c_max = if dtype.is_unsigned_integer() && dtype.itemsize() >= 4 {
        u64::MAX as i128
    } else {
        i64::MAX as i128
    };
    if value < i64::MIN as i128 || value > c_max {
        return Err(DTypeError::PyIntTooLarge { value });
    }
    match dtype.int_limits() {
        Some((lo, hi)) if !dtype.is_bool() && (value < lo || value > hi) => {
            Err(DTypeError::PyIntOutOfBounds { value, dtype })
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DType::*;

    #[test]
    fn lattice_corners() {
        assert_eq!(promote(UInt64, Int8), Float64);
        assert_eq!(promote(UInt32, Int32), Int64);
        assert_eq!(promote(UInt8, Int16), Int16);
        assert_eq!(promote(Float16, Int16), Float32);
        assert_eq!(promote(Int8, Float16), Float16);
        assert_eq!(promote(Complex64, Int32), Complex128);
        assert_eq!(promote(Complex64, Float16), Complex64);
        assert_eq!(promote(Bool, Complex64), Complex64);
    }

    #[test]
    fn nep50_examples() {
        let rt = |ops: &[Operand]| result_type(ops).unwrap();
        assert_eq!(rt(&[Operand::Array(Int8), Operand::PyInt(1)]), Int8);
        assert_eq!(rt(&[Operand::Array(UInt8), Operand::PyInt(300)]), UInt8);
        assert_eq!(rt(&[Operand::Array(Float32), Operand::PyFloat(2.0)]), Float32);
        assert_eq!(rt(&[Operand::Array(Int8), Operand::PyFloat(1.0)]), Float64);
        assert_eq!(rt(&[Operand::Array(Float16), Operand::PyComplex(0.0, 1.0)]), Complex64);
        assert_eq!(rt(&[Operand::Array(Int8), Operand::Scalar(Int64)]), Int64);
        assert_eq!(rt(&[Operand::PyBool(true), Operand::PyInt(1)]), Int64);
        assert_eq!(rt(&[Operand::PyInt(1 << 63)]), UInt64);
        let mixed = [Operand::Array(Int8), Operand::Array(UInt8), Operand::Scalar(Float16)];
        assert_eq!(rt(&mixed), Float16);
        assert!(result_type(&[]).is_err());
        assert!(result_type(&[Operand::PyInt(1 << 64)]).is_err());
    }

    #[test]
    fn weak_int_bounds() {
        assert_eq!(
            weak_int_fits(300, UInt8).unwrap_err().to_string(),
            "Python integer 300 out of bounds for uint8"
        );
        assert_eq!(
            weak_int_fits(1 << 63, Int8).unwrap_err().to_string(),
            "Python int too large to convert to C long"
        );
        assert!(weak_int_fits(u64::MAX as i128, UInt64).is_ok());
        assert!(weak_int_fits(i128::MAX, Float16).is_ok());
        assert!(weak_int_fits(5, Bool).is_ok());
    }
}
