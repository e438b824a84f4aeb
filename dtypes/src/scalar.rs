//! `Scalar`: one typed value of any dtype (a NumPy scalar such as `np.float32(1.5)`).
//!
//! Scalars are strong under NEP 50; Python's weak `int`/`float`/`complex`/`bool` are described by
//! `promote::Operand`, not here.

use half::f16;

use crate::{c128, c64, with_dtype, DType, Element, Wide};

/// One value of one dtype.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scalar {
    Bool(bool),
    Int8(i8),
    UInt8(u8),
    Int16(i16),
    UInt16(u16),
    Int32(i32),
    UInt32(u32),
    Int64(i64),
    UInt64(u64),
    Float16(f16),
    Float32(f32),
    Float64(f64),
    Complex64(c64),
    Complex128(c128),
}

/// Conversion between an element type and its `Scalar` variant.
pub trait ScalarElement: Element {
    fn into_scalar(self) -> Scalar;
    fn from_scalar(s: Scalar) -> Option<Self>;
}

macro_rules! scalar_element {
    ($($t:ty => $v:ident),* $(,)?) => {$(
        impl ScalarElement for $t {
            #[inline]
            fn into_scalar(self) -> Scalar { Scalar::$v(self) }
            #[inline]
            fn from_scalar(s: Scalar) -> Option<Self> {
                if let Scalar::$v(x) = s { Some(x) } else { None }
            }
        }
    )*};
}

scalar_element!(bool => Bool, i8 => Int8, u8 => UInt8, i16 => Int16, u16 => UInt16,
    i32 => Int32, u32 => UInt32, i64 => Int64, u64 => UInt64, f16 => Float16, f32 => Float32,
    f64 => Float64, c64 => Complex64, c128 => Complex128);

impl Scalar {
    pub fn dtype(self) -> DType {
        match self {
            Scalar::Bool(_) => DType::Bool,
            Scalar::Int8(_) => DType::Int8,
            Scalar::UInt8(_) => DType::UInt8,
            Scalar::Int16(_) => DType::Int16,
            Scalar::UInt16(_) => DType::UInt16,
            Scalar::Int32(_) => DType::Int32,
            Scalar::UInt32(_) => DType::UInt32,
            Scalar::Int64(_) => DType::Int64,
            Scalar::UInt64(_) => DType::UInt64,
            Scalar::Float16(_) => DType::Float16,
            Scalar::Float32(_) => DType::Float32,
            Scalar::Float64(_) => DType::Float64,
            Scalar::Complex64(_) => DType::Complex64,
            Scalar::Complex128(_) => DType::Complex128,
        }
    }

    /// The value as an element of its own dtype.
    pub fn get<T: ScalarElement>(self) -> Option<T> {
        T::from_scalar(self)
    }

    pub fn to_wide(self) -> Wide {
        with_dtype!(self.dtype(), T => T::from_scalar(self).unwrap().to_wide())
    }

    /// NumPy's unsafe value cast to `to`.
    pub fn cast(self, to: DType) -> Scalar {
        with_dtype!(self.dtype(), S => {
            let v = S::from_scalar(self).unwrap();
            with_dtype!(to, D => v.cast::<D>().into_scalar())
        })
    }

    /// The zero of `dtype`.
    pub fn zero(dtype: DType) -> Scalar {
        Scalar::Bool(false).cast(dtype)
    }

    /// The one of `dtype`.
    pub fn one(dtype: DType) -> Scalar {
        Scalar::Bool(true).cast(dtype)
    }

    /// Write the value at `dst` (unaligned).
    ///
    /// # Safety
    /// `dst` must be valid for `self.dtype().itemsize()` bytes.
    pub unsafe fn write_to(self, dst: *mut u8) {
        with_dtype!(self.dtype(), T => (dst as *mut T).write_unaligned(T::from_scalar(self).unwrap()))
    }

    /// Read one value of `dtype` from `src` (unaligned).
    ///
    /// # Safety
    /// `src` must be valid for `dtype.itemsize()` bytes.
    pub unsafe fn read_from(dtype: DType, src: *const u8) -> Scalar {
        with_dtype!(dtype, T => (src as *const T).read_unaligned().into_scalar())
    }
}
