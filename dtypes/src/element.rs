//! Rust element types for each `DType`, the `Element` trait that ties them together, value casts
//! between every pair of element types, and the `with_dtype!` dispatch macro.
//!
//! Casts are generic: every element converts to a `Wide` value without loss, and every element is
//! built from a `Wide` value with NumPy's conversion rules. A cast from S to D is `s.cast::<D>()`,
//! which is `D::from_wide(s.to_wide())` for every pair but float16 -> uint32 (see `f16::cast`) —
//! there is no hand-written dtype x dtype table. Always cast through `Element::cast`.
//!
//! NumPy's float -> integer casts of out-of-range values, NaN and inf are undefined behaviour in
//! C; NumPy emits "invalid value encountered in cast" and returns whatever the CPU's conversion
//! instructions give. We reproduce NumPy's results on x86-64 (see `float_to_int_x86`), which is
//! what the compatibility tests compare against. For float32/float64 -> uint32 NumPy's answer
//! even depends on the layout (its vectorised contiguous loop gives 2^31 for NaN, -inf and values
//! below -2^31; its scalar loop, used for 1-element and strided arrays, gives 0 or the low 32
//! bits of the 64-bit conversion); we give the contiguous loop's answer everywhere.
//! `tests/casts.rs` checks every pair against `scripts/gen_dtype_tables.py`'s NumPy table.

use std::fmt::Debug;

use half::f16;
use num_complex::Complex;

use crate::DType;

/// complex64: two float32.
#[allow(non_camel_case_types)]
pub type c64 = Complex<f32>;
/// complex128: two float64.
#[allow(non_camel_case_types)]
pub type c128 = Complex<f64>;

/// A lossless intermediate for value casts: every element type converts into one of these
/// without losing information.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Wide {
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Complex(f64, f64),
}

/// A Rust type that stores one element of a `DType`.
pub trait Element: Copy + Send + Sync + Debug + PartialEq + Default + 'static {
    const DTYPE: DType;
    /// Lossless conversion to the cast intermediate.
    fn to_wide(self) -> Wide;
    /// NumPy's value conversion from the intermediate (`astype(..., casting='unsafe')`).
    fn from_wide(w: Wide) -> Self;
    /// Cast to another element type with NumPy's rules.
    #[inline]
    fn cast<U: Element>(self) -> U {
        U::from_wide(self.to_wide())
    }
}

/// Float -> integer conversion as NumPy on x86-64 does it (truncation toward zero for values in
/// range; the CPU's answer for NaN, inf and out-of-range values).
///
/// - int8/uint8/int16/uint16: convert to int32 (`cvttsd2si`, out of range -> i32::MIN), then
///   keep the low bits.
/// - int32: `cvttsd2si` 32-bit. int64: `cvttsd2si` 64-bit (out of range -> i64::MIN).
/// - uint32 / uint64: the compiler's unsigned sequence `x < 2^(n-1) ? cvtt(x) : cvtt(x -
///   2^(n-1)) ^ 2^(n-1)` with the signed conversion of width n.
#[inline]
fn cvtt_i32(x: f64) -> i32 {
    if x.is_nan() || x <= -2147483649.0 || x >= 2147483648.0 {
        i32::MIN
    } else {
        x as i32
    }
}

#[inline]
fn cvtt_i64(x: f64) -> i64 {
    if x.is_nan() || !(-9223372036854775808.0..9223372036854775808.0).contains(&x) {
        i64::MIN
    } else {
        x as i64
    }
}

#[inline]
fn float_to_int_x86(x: f64, dst: DType) -> u64 {
    match dst {
        DType::Int8 | DType::UInt8 | DType::Int16 | DType::UInt16 | DType::Int32 => {
            cvtt_i32(x) as i64 as u64
        }
        DType::Int64 => cvtt_i64(x) as u64,
        DType::UInt32 => {
            // Same shape as the uint64 sequence, with 32-bit signed conversions.
            let half = 2147483648.0;
            if x >= half {
                (cvtt_i32(x - half) as u32 ^ 0x8000_0000) as u64
            } else {
                cvtt_i32(x) as u32 as u64
            }
        }
        DType::UInt64 => {
            let half = 9223372036854775808.0;
            if x >= half {
                (cvtt_i64(x - half) as u64) ^ (1 << 63)
            } else {
                cvtt_i64(x) as u64
            }
        }
        _ => unreachable!("float_to_int_x86 called for non-integer {dst}"),
    }
}

/// Bits of an integer value of any width, sign- or zero-extended to 64 bits; callers keep the
/// low bits (NumPy's integer casts wrap).
#[inline]
fn wide_to_int_bits(w: Wide, dst: DType) -> u64 {
    match w {
        Wide::Bool(b) => b as u64,
        Wide::Int(i) => i as u64,
        Wide::UInt(u) => u,
        Wide::Float(f) | Wide::Complex(f, _) => float_to_int_x86(f, dst),
    }
}

#[inline]
fn wide_to_f64(w: Wide) -> f64 {
    match w {
        Wide::Bool(b) => b as u8 as f64,
        Wide::Int(i) => i as f64,
        Wide::UInt(u) => u as f64,
        Wide::Float(f) | Wide::Complex(f, _) => f,
    }
}

#[inline]
fn wide_to_f32(w: Wide) -> f32 {
    // Direct conversions: int64 -> float32 must round once, not via float64.
    match w {
        Wide::Bool(b) => b as u8 as f32,
        Wide::Int(i) => i as f32,
        Wide::UInt(u) => u as f32,
        Wide::Float(f) | Wide::Complex(f, _) => f as f32,
    }
}

macro_rules! int_element {
    ($t:ty, $dt:ident, $wide:ident, $as:ty) => {
        impl Element for $t {
            const DTYPE: DType = DType::$dt;
            #[inline]
            fn to_wide(self) -> Wide {
                Wide::$wide(self as $as)
            }
            #[inline]
            fn from_wide(w: Wide) -> Self {
                wide_to_int_bits(w, DType::$dt) as $t
            }
        }
    };
}

int_element!(i8, Int8, Int, i64);
int_element!(u8, UInt8, UInt, u64);
int_element!(i16, Int16, Int, i64);
int_element!(u16, UInt16, UInt, u64);
int_element!(i32, Int32, Int, i64);
int_element!(u32, UInt32, UInt, u64);
int_element!(i64, Int64, Int, i64);
int_element!(u64, UInt64, UInt, u64);

impl Element for bool {
    const DTYPE: DType = DType::Bool;
    #[inline]
    fn to_wide(self) -> Wide {
        Wide::Bool(self)
    }
    #[inline]
    fn from_wide(w: Wide) -> Self {
        match w {
            Wide::Bool(b) => b,
            Wide::Int(i) => i != 0,
            Wide::UInt(u) => u != 0,
            // NaN is truthy, as in C.
            Wide::Float(f) => f != 0.0,
            Wide::Complex(re, im) => re != 0.0 || im != 0.0,
        }
    }
}

impl Element for f16 {
    const DTYPE: DType = DType::Float16;
    #[inline]
    fn to_wide(self) -> Wide {
        Wide::Float(self.to_f64())
    }
    /// NumPy's float16 -> uint32 loop is not vectorised like the float32/float64 ones: it converts
    /// with a 64-bit `cvttss2si` and keeps the low 32 bits, so NaN and -inf give 0 there (not
    /// 2^31). Every other destination takes the generic path.
    #[inline]
    fn cast<U: Element>(self) -> U {
        if U::DTYPE == DType::UInt32 {
            return U::from_wide(Wide::UInt(cvtt_i64(self.to_f64()) as u32 as u64));
        }
        U::from_wide(self.to_wide())
    }
    #[inline]
    fn from_wide(w: Wide) -> Self {
        // float64 -> float16 rounds once to nearest even (NumPy's npy_double_to_half); integers
        // reach float16 through an exact or already-overflowing float64.
        f16::from_f64(wide_to_f64(w))
    }
}

impl Element for f32 {
    const DTYPE: DType = DType::Float32;
    #[inline]
    fn to_wide(self) -> Wide {
        Wide::Float(self as f64)
    }
    #[inline]
    fn from_wide(w: Wide) -> Self {
        wide_to_f32(w)
    }
}

impl Element for f64 {
    const DTYPE: DType = DType::Float64;
    #[inline]
    fn to_wide(self) -> Wide {
        Wide::Float(self)
    }
    #[inline]
    fn from_wide(w: Wide) -> Self {
        wide_to_f64(w)
    }
}

impl Element for c64 {
    const DTYPE: DType = DType::Complex64;
    #[inline]
    fn to_wide(self) -> Wide {
        Wide::Complex(self.re as f64, self.im as f64)
    }
    #[inline]
    fn from_wide(w: Wide) -> Self {
        match w {
            Wide::Complex(re, im) => Complex::new(re as f32, im as f32),
            other => Complex::new(wide_to_f32(other), 0.0),
        }
    }
}

impl Element for c128 {
    const DTYPE: DType = DType::Complex128;
    #[inline]
    fn to_wide(self) -> Wide {
        Wide::Complex(self.re, self.im)
    }
    #[inline]
    fn from_wide(w: Wide) -> Self {
        match w {
            Wide::Complex(re, im) => Complex::new(re, im),
            other => Complex::new(wide_to_f64(other), 0.0),
        }
    }
}

/// Run `$body` with the type alias `$T` bound to the Rust element type of `$dtype`.
///
/// ```
/// use dtypes::{with_dtype, DType, Element};
/// let size = with_dtype!(DType::Float32, T => std::mem::size_of::<T>());
/// assert_eq!(size, 4);
/// ```
#[macro_export]
macro_rules! with_dtype {
    ($dtype:expr, $T:ident => $body:expr) => {{
        match $dtype {
            $crate::DType::Bool => { type $T = bool; $body }
            $crate::DType::Int8 => { type $T = i8; $body }
            $crate::DType::UInt8 => { type $T = u8; $body }
            $crate::DType::Int16 => { type $T = i16; $body }
            $crate::DType::UInt16 => { type $T = u16; $body }
            $crate::DType::Int32 => { type $T = i32; $body }
            $crate::DType::UInt32 => { type $T = u32; $body }
            $crate::DType::Int64 => { type $T = i64; $body }
            $crate::DType::UInt64 => { type $T = u64; $body }
            $crate::DType::Float16 => { type $T = $crate::f16; $body }
            $crate::DType::Float32 => { type $T = f32; $body }
            $crate::DType::Float64 => { type $T = f64; $body }
            $crate::DType::Complex64 => { type $T = $crate::c64; $body }
            $crate::DType::Complex128 => { type $T = $crate::c128; $body }
        }
    }};
}

/// Cast `n` elements from `src` (dtype `from`, stride in bytes) to `dst` (dtype `to`, stride in
/// bytes). The one generic strided cast loop every layer uses.
///
/// # Safety
/// `src` and `dst` must be valid for `n` elements at the given strides; elements may be
/// unaligned.
pub unsafe fn cast_strided(
    from: DType,
    src: *const u8,
    src_stride: isize,
    to: DType,
    dst: *mut u8,
    dst_stride: isize,
    n: usize,
) {
    with_dtype!(from, S => with_dtype!(to, D => {
        cast_loop::<S, D>(src, src_stride, dst, dst_stride, n)
    }))
}

#[inline]
unsafe fn cast_loop<S: Element, D: Element>(
    src: *const u8,
    ss: isize,
    dst: *mut u8,
    ds: isize,
    n: usize,
) {
    for i in 0..n as isize {
        let v = (src.offset(i * ss) as *const S).read_unaligned();
        (dst.offset(i * ds) as *mut D).write_unaligned(v.cast::<D>());
    }
}
