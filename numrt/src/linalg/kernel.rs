//! The element trait of products and the blocked 2-D kernel `c += a @ b` on C-contiguous
//! operands.
//!
//! Every element of `c` accumulates its products in k order (0, 1, ..., k-1), exactly like
//! NumPy's non-BLAS loop; blocking only reorders independent elements, so integer, bool and
//! float16 results (float16 accumulates in float32 as NumPy does) are NumPy's, and float32/64
//! results differ from NumPy's BLAS by rounding only.

use dtypes::{c128, c64, f16};
use rayon::prelude::*;

/// An element type with a multiply-accumulate: wrapping for integers, `or`/`and` for bool.
pub trait Dot: Copy + Send + Sync + 'static {
    fn zero() -> Self;
    fn mul_add(acc: Self, a: Self, b: Self) -> Self;
}

macro_rules! dot_int {
    ($($t:ty),*) => {$(
        impl Dot for $t {
            #[inline(always)]
            fn zero() -> Self { 0 }
            #[inline(always)]
            fn mul_add(acc: Self, a: Self, b: Self) -> Self { acc.wrapping_add(a.wrapping_mul(b)) }
        }
    )*};
}
dot_int!(i8, u8, i16, u16, i32, u32, i64, u64);

macro_rules! dot_float {
    ($($t:ty => $z:expr),*) => {$(
        impl Dot for $t {
            #[inline(always)]
            fn zero() -> Self { $z }
            #[inline(always)]
            fn mul_add(acc: Self, a: Self, b: Self) -> Self { acc + a * b }
        }
    )*};
}
dot_float!(f32 => 0.0, f64 => 0.0, c64 => c64::new(0.0, 0.0), c128 => c128::new(0.0, 0.0));

impl Dot for bool {
    #[inline(always)]
    fn zero() -> Self {
        false
    }
    #[inline(always)]
    fn mul_add(acc: Self, a: Self, b: Self) -> Self {
        acc | (a & b)
    }
}

/// float16 products are computed in float32 (the caller converts); this impl only completes
/// the trait for `with_dtype!` dispatch.
impl Dot for f16 {
    fn zero() -> Self {
        f16::ZERO
    }
    fn mul_add(acc: Self, a: Self, b: Self) -> Self {
        f16::from_f32(acc.to_f32() + a.to_f32() * b.to_f32())
    }
}

/// Rows of `c` per parallel task (a multiple of MR).
const ROWS: usize = 64;

/// Multiply-adds below which one thread does the whole product.
const PAR_MIN: usize = 1 << 20;

/// `c[n,m] = a[n,k] @ b[k,m]` for C-contiguous slices; `c` must be zeroed. Large products
/// split c's row blocks over the thread pool (each element's k order is unchanged, so the
/// result does not depend on the thread count).
pub fn gemm<T: Dot>(a: &[T], b: &[T], c: &mut [T], n: usize, k: usize, m: usize) {
    if m == 0 || n == 0 {
        return;
    }
    let work = n.saturating_mul(k).saturating_mul(m);
    if work < PAR_MIN || n <= ROWS || rayon::current_num_threads() == 1 {
        return c.chunks_mut(ROWS * m).enumerate().for_each(|(t, blk)| row_block(a, b, blk, t * ROWS, k, m));
    }
    c.par_chunks_mut(ROWS * m).enumerate().for_each(|(t, blk)| row_block(a, b, blk, t * ROWS, k, m));
}

/// Rows of the register tile.
const MR: usize = 4;
/// Columns of the register tile.
const NR: usize = 16;

/// Rows `i0..` of c (as many as `c` holds): MR x NR register tiles over the whole k range,
/// then the leftover rows and columns row by row.
fn row_block<T: Dot>(a: &[T], b: &[T], c: &mut [T], i0: usize, k: usize, m: usize) {
    let rows = c.len() / m;
    let (rt, mt) = (rows - rows % MR, m - m % NR);
    for j in (0..mt).step_by(NR) {
        for r in (0..rt).step_by(MR) {
            tile(a, b, c, i0, r, j, k, m);
        }
    }
    rows_by_axpy(a, b, c, i0, rt..rows, 0..mt, k, m);
    rows_by_axpy(a, b, c, i0, 0..rows, mt..m, k, m);
}

/// c[r..r+MR, j..j+NR] of the block, accumulated in registers in k order.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn tile<T: Dot>(a: &[T], b: &[T], c: &mut [T], i0: usize, r: usize, j: usize, k: usize, m: usize) {
    let mut acc = [[T::zero(); NR]; MR];
    let arows: [&[T]; MR] = std::array::from_fn(|q| &a[(i0 + r + q) * k..(i0 + r + q + 1) * k]);
    for p in 0..k {
        let brow: &[T; NR] = b[p * m + j..p * m + j + NR].try_into().expect("NR columns");
        for q in 0..MR {
            let s = arows[q][p];
            for (x, &y) in acc[q].iter_mut().zip(brow) {
                *x = T::mul_add(*x, s, y);
            }
        }
    }
    for (q, row) in acc.iter().enumerate() {
        c[(r + q) * m + j..(r + q) * m + j + NR].copy_from_slice(row);
    }
}

/// c[rows, cols] of the block, one row at a time (`c` starts at zero).
#[allow(clippy::too_many_arguments)]
fn rows_by_axpy<T: Dot>(
    a: &[T],
    b: &[T],
    c: &mut [T],
    i0: usize,
    rows: std::ops::Range<usize>,
    cols: std::ops::Range<usize>,
    k: usize,
    m: usize,
) {
    if cols.is_empty() {
        return;
    }
    for r in rows {
        let crow = &mut c[r * m + cols.start..r * m + cols.end];
        for p in 0..k {
            axpy(crow, a[(i0 + r) * k + p], &b[p * m + cols.start..p * m + cols.end]);
        }
    }
}

/// `c += s * b` elementwise: the vectorised inner loop.
#[inline(always)]
fn axpy<T: Dot>(c: &mut [T], s: T, b: &[T]) {
    for (x, &y) in c.iter_mut().zip(b) {
        *x = T::mul_add(*x, s, y);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gemm_matches_naive() {
        for &(n, k, m) in &[(70, 300, 260), (9, 5, 33), (4, 1, 16), (3, 7, 15), (66, 2, 17)] {
            check(n, k, m);
        }
    }

    fn check(n: usize, k: usize, m: usize) {
        let a: Vec<i64> = (0..n * k).map(|i| (i as i64 * 7919) % 13 - 6).collect();
        let b: Vec<i64> = (0..k * m).map(|i| (i as i64 * 104729) % 11 - 5).collect();
        let mut c = vec![0i64; n * m];
        gemm(&a, &b, &mut c, n, k, m);
        for i in 0..n {
            for j in 0..m {
                let want: i64 = (0..k).map(|p| a[i * k + p] * b[p * m + j]).sum();
                assert_eq!(c[i * m + j], want);
            }
        }
    }

    #[test]
    fn floats_sum_in_k_order_bit_for_bit() {
        let (n, k, m) = (67, 130, 35);
        let a: Vec<f64> = (0..n * k).map(|i| ((i * 7919) % 1000) as f64 / 7.0 - 70.0).collect();
        let b: Vec<f64> = (0..k * m).map(|i| ((i * 104729) % 997) as f64 / 3.0 - 150.0).collect();
        let mut c = vec![0.0; n * m];
        gemm(&a, &b, &mut c, n, k, m);
        for i in 0..n {
            for j in 0..m {
                let want = (0..k).fold(0.0, |acc, p| acc + a[i * k + p] * b[p * m + j]);
                assert_eq!(c[i * m + j].to_bits(), want.to_bits());
            }
        }
    }

    #[test]
    fn int8_wraps_and_bool_is_logical() {
        let mut c = [0i8];
        gemm(&[100i8, 100], &[2i8, 1], &mut c, 1, 2, 1);
        assert_eq!(c[0], 300i32 as i8);
        let mut d = [false];
        gemm(&[true, false], &[false, true], &mut d, 1, 2, 1);
        assert!(!d[0]);
    }
}
