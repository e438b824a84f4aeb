//! LU factorisation with partial pivoting (LAPACK getrf's unblocked algorithm: pivot on the
//! largest |re|+|im|, scale the column by the pivot's reciprocal, rank-1 update) and what is
//! built on it: `det` (product of U's diagonal with the permutation's sign), `solve` (getrs:
//! forward then back substitution) and `inv` (solve with the identity), each over a stack of
//! matrices. float32/complex64 compute in their own precision, as LAPACK's s/c routines do.

use std::ops::{Add, Div, Mul, Neg, Sub};

use dtypes::{c128, c64, DType, Element};

use crate::error::NumrtError;
use crate::view::View;

/// Errors of the factorisations: a singular matrix is numpy.linalg.LinAlgError.
#[derive(Debug)]
pub enum LinalgError {
    Singular,
    Numrt(NumrtError),
}

impl From<NumrtError> for LinalgError {
    fn from(e: NumrtError) -> Self {
        LinalgError::Numrt(e)
    }
}

/// The element types LAPACK factors: float32/64, complex64/128.
pub trait Field:
    Element + Add<Output = Self> + Sub<Output = Self> + Mul<Output = Self> + Div<Output = Self> + Neg<Output = Self>
{
    fn one() -> Self;
    /// LAPACK's pivot magnitude (|x|, or |re|+|im| for complex).
    fn cabs1(self) -> f64;
}

macro_rules! field_real {
    ($($t:ty),*) => {$(
        impl Field for $t {
            fn one() -> Self { 1.0 }
            fn cabs1(self) -> f64 { (self as f64).abs() }
        }
    )*};
}
field_real!(f32, f64);

macro_rules! field_complex {
    ($($t:ty),*) => {$(
        impl Field for $t {
            fn one() -> Self { <$t>::new(1.0, 0.0) }
            fn cabs1(self) -> f64 { (self.re.abs() + self.im.abs()) as f64 }
        }
    )*};
}
field_complex!(c64, c128);

/// Run `$body` with `$T` the Rust type of a linalg dtype (float32/64, complex64/128).
macro_rules! with_field {
    ($dtype:expr, $T:ident => $body:expr) => {
        match $dtype {
            DType::Float32 => { type $T = f32; $body }
            DType::Float64 => { type $T = f64; $body }
            DType::Complex64 => { type $T = c64; $body }
            DType::Complex128 => { type $T = c128; $body }
            other => Err(LinalgError::Numrt(NumrtError::Type(format!("array type {other} is unsupported in linalg")))),
        }
    };
}

/// Factor the n x n row-major `a` in place; returns the pivot rows and whether a zero pivot
/// was met (LAPACK's info > 0: the factorisation completes, U is singular).
fn getrf<T: Field>(a: &mut [T], n: usize) -> (Vec<usize>, bool) {
    let mut piv = vec![0; n];
    let mut singular = false;
    for j in 0..n {
        let p = (j..n).fold(j, |best, i| if a[i * n + j].cabs1() > a[best * n + j].cabs1() { i } else { best });
        piv[j] = p;
        if a[p * n + j].cabs1() == 0.0 {
            singular = true;
            continue;
        }
        if p != j {
            for c in 0..n {
                a.swap(j * n + c, p * n + c);
            }
        }
        let r = T::one() / a[j * n + j];
        for i in j + 1..n {
            a[i * n + j] = a[i * n + j] * r;
        }
        for i in j + 1..n {
            let l = a[i * n + j];
            for c in j + 1..n {
                a[i * n + c] = a[i * n + c] - l * a[j * n + c];
            }
        }
    }
    (piv, singular)
}

/// Solve `lu x = b` in place for the n x r row-major `b` (getrs, no transpose).
fn getrs<T: Field>(lu: &[T], piv: &[usize], b: &mut [T], n: usize, r: usize) {
    for (j, &p) in piv.iter().enumerate() {
        if p != j {
            for c in 0..r {
                b.swap(j * r + c, p * r + c);
            }
        }
    }
    for c in 0..r {
        for k in 0..n {
            let x = b[k * r + c];
            for i in k + 1..n {
                b[i * r + c] = b[i * r + c] - x * lu[i * n + k];
            }
        }
        for k in (0..n).rev() {
            let x = b[k * r + c] / lu[k * n + k];
            b[k * r + c] = x;
            for i in 0..k {
                b[i * r + c] = b[i * r + c] - x * lu[i * n + k];
            }
        }
    }
}

/// The last two dims of a stack of square matrices, or NumPy's LinAlgError text.
fn square(shape: &[usize]) -> Result<usize, NumrtError> {
    if shape.len() < 2 {
        return Err(NumrtError::Value(format!(
            "{}-dimensional array given. Array must be at least two-dimensional",
            shape.len()
        )));
    }
    let n = shape[shape.len() - 1];
    if shape[shape.len() - 2] != n {
        return Err(NumrtError::Value("Last 2 dimensions of the array must be square".into()));
    }
    Ok(n)
}

/// Check `a` is a stack of square matrices (NumPy's LinAlgError texts come back as `Value`
/// errors for the caller to re-raise as LinAlgError).
pub fn check_square(shape: &[usize]) -> Result<usize, NumrtError> {
    square(shape)
}

/// `det` of a stack of square matrices computed in `dtype`.
pub fn det(a: &View, dtype: DType) -> Result<View, LinalgError> {
    let n = square(&a.shape)?;
    let ac = a.to_contiguous(dtype)?;
    let out = View::zeros(&a.shape[..a.shape.len() - 2], dtype)?;
    with_field!(dtype, T => {
        // SAFETY: fresh C-contiguous arrays of T.
        let (m, o) = unsafe { (slice_mut::<T>(&ac), slice_mut::<T>(&out)) };
        for (t, d) in o.iter_mut().enumerate() {
            *d = det_one(&mut m[t * n * n..(t + 1) * n * n], n);
        }
        Ok(out)
    })
}

fn det_one<T: Field>(m: &mut [T], n: usize) -> T {
    let (piv, _) = getrf(m, n);
    let mut d = T::one();
    for (j, &p) in piv.iter().enumerate() {
        d = d * m[j * n + j];
        if p != j {
            d = -d;
        }
    }
    d
}

/// `solve(a, b)` for stacks: `b` has shape (..., n, r) here (the caller adds and removes the
/// vector axis and broadcasts the stacks).
pub fn solve(a: &View, b: &View, dtype: DType) -> Result<View, LinalgError> {
    let n = square(&a.shape)?;
    let r = b.shape[b.shape.len() - 1];
    let ac = a.to_contiguous(dtype)?;
    let out = b.to_contiguous(dtype)?;
    let count: usize = a.shape[..a.shape.len() - 2].iter().product();
    with_field!(dtype, T => {
        // SAFETY: fresh C-contiguous arrays of T.
        let (m, x) = unsafe { (slice_mut::<T>(&ac), slice_mut::<T>(&out)) };
        for t in 0..count {
            let lu = &mut m[t * n * n..(t + 1) * n * n];
            let (piv, singular) = getrf(lu, n);
            if singular {
                return Err(LinalgError::Singular);
            }
            getrs(lu, &piv, &mut x[t * n * r..(t + 1) * n * r], n, r);
        }
        Ok(out)
    })
}

/// `inv(a)` for a stack of square matrices.
pub fn inv(a: &View, dtype: DType) -> Result<View, LinalgError> {
    let n = square(&a.shape)?;
    let eye = View::zeros(&a.shape, dtype)?;
    let count: usize = a.shape[..a.shape.len() - 2].iter().product();
    with_field!(dtype, T => {
        // SAFETY: a fresh C-contiguous array of T.
        let e = unsafe { slice_mut::<T>(&eye) };
        for t in 0..count {
            for i in 0..n {
                e[t * n * n + i * n + i] = T::one();
            }
        }
        solve(a, &eye, dtype)
    })
}

/// The elements of a fresh C-contiguous view.
///
/// # Safety
/// `v` must be C-contiguous with element type `T` and not aliased while the slice lives.
#[allow(clippy::mut_from_ref)] // the view is a fresh private array (see Safety)
unsafe fn slice_mut<T>(v: &View) -> &mut [T] {
    std::slice::from_raw_parts_mut(v.data_ptr() as *mut T, v.size())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lu_det_solve() {
        let mut m = vec![1.0f64, 2.0, 3.0, 4.0];
        assert!((det_one(&mut m, 2) + 2.0).abs() < 1e-12);
        let mut a = vec![2.0f64, 1.0, 1.0, 3.0];
        let (piv, sing) = getrf(&mut a, 2);
        assert!(!sing);
        let mut b = vec![3.0f64, 5.0];
        getrs(&a, &piv, &mut b, 2, 1);
        assert!((b[0] - 0.8).abs() < 1e-12 && (b[1] - 1.4).abs() < 1e-12);
        let mut z = vec![0.0f64; 4];
        assert!(getrf(&mut z, 2).1);
    }
}
