//! Array creation: `zeros`, `ones`, `empty`, `full`, `arange`, `linspace`, `eye`, `identity`.
//!
//! Values are computed exactly as NumPy computes them: `arange` stores `start` and `start + step`
//! (Python arithmetic, then NumPy's `setitem`) and fills the rest with the dtype's own
//! `start + i*delta` loop (`ArangeFill`, NumPy's `<TYPE>_fill`); `linspace` follows
//! `numpy/_core/function_base.py` step by step. Sizes that overflow give NumPy's "array is too
//! big" ValueError; allocations that fail give MemoryError — never an abort.

mod arange;
mod linspace;

use dtypes::{DType, Scalar};

use crate::error::NumrtError;
use crate::view::View;

pub use arange::arange;
pub use linspace::linspace;

/// A shape from signed dims, or NumPy's "negative dimensions are not allowed".
pub fn shape_from_dims(dims: &[i64]) -> Result<Vec<usize>, NumrtError> {
    dims.iter()
        .map(|&d| usize::try_from(d).map_err(|_| NumrtError::Value("negative dimensions are not allowed".into())))
        .collect()
}

/// `np.zeros(shape, dtype)`.
pub fn zeros(shape: &[usize], dtype: DType) -> Result<View, NumrtError> {
    View::zeros(shape, dtype)
}

/// `np.empty(shape, dtype)`: numrt's buffers are always initialised (zeroed), which NumPy allows.
pub fn empty(shape: &[usize], dtype: DType) -> Result<View, NumrtError> {
    View::zeros(shape, dtype)
}

/// `np.ones(shape, dtype)`.
pub fn ones(shape: &[usize], dtype: DType) -> Result<View, NumrtError> {
    full(shape, Scalar::one(dtype), dtype)
}

/// `np.full(shape, value, dtype)` with `value` cast unsafely (a Python number should first be
/// packed with `PyScalar::to_dtype`, which applies NumPy's range checks).
pub fn full(shape: &[usize], value: Scalar, dtype: DType) -> Result<View, NumrtError> {
    let out = View::zeros(shape, dtype)?;
    out.fill(value)?;
    Ok(out)
}

/// `np.eye(n, m, k, dtype)`: ones on the `k`-th diagonal.
pub fn eye(n: usize, m: Option<usize>, k: i64, dtype: DType) -> Result<View, NumrtError> {
    let m = m.unwrap_or(n);
    let out = View::zeros(&[n, m], dtype)?;
    let one = Scalar::one(dtype);
    for r in 0..n {
        let c = r as i128 + k as i128;
        if c >= 0 && c < m as i128 {
            out.set(&[r, c as usize], one)?;
        }
    }
    Ok(out)
}

/// `np.identity(n, dtype)`.
pub fn identity(n: usize, dtype: DType) -> Result<View, NumrtError> {
    eye(n, None, 0, dtype)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eye_and_full() {
        let e = eye(2, Some(3), 1, DType::Int8).unwrap();
        assert_eq!(e.to_scalars(), [0, 1, 0, 0, 0, 1].map(Scalar::Int8).to_vec());
        assert_eq!(eye(3, None, 5, DType::Float64).unwrap().to_scalars(), vec![Scalar::Float64(0.0); 9]);
        let f = full(&[2], Scalar::Float64(2.5), DType::Int32).unwrap();
        assert_eq!(f.to_scalars(), vec![Scalar::Int32(2); 2]);
        assert_eq!(shape_from_dims(&[-1]).unwrap_err().to_string(), "negative dimensions are not allowed");
    }

    #[test]
    fn huge_sizes_are_errors_not_aborts() {
        let e = zeros(&[1 << 40, 1 << 40], DType::UInt8).unwrap_err();
        assert!(e.to_string().starts_with("array is too big"));
        let e = zeros(&[1_000_000_000_000_000], DType::Float64).unwrap_err();
        assert!(matches!(e, NumrtError::ArrayMemory { .. }));
        assert_eq!(
            e.to_string(),
            "Unable to allocate 7.11 PiB for an array with shape (1000000000000000,) and data type float64"
        );
    }
}
