//! Sorting and searching: `sort` and `argsort` along an axis (stable: equal keys keep their
//! order, which is NumPy's `kind='stable'` result exactly), and `searchsorted`.
//!
//! The axis is moved last and the data copied C-contiguous, so every lane is a contiguous
//! slice sorted with `slice::sort_by` (a stable merge sort) under `order::cmp`.

use dtypes::{with_dtype, DType, Element};

use super::order::{cmp, SortKey};
use crate::error::NumrtError;
use crate::layout::normalize_axis;
use crate::view::View;

/// `v` with `axis` moved last, copied C-contiguous, and the permutation used.
fn axis_last(v: &View, axis: usize) -> Result<(View, Vec<isize>), NumrtError> {
    let mut perm: Vec<isize> = (0..v.ndim() as isize)
        .filter(|&k| k != axis as isize)
        .collect();
    perm.push(axis as isize);
    Ok((v.transpose(Some(&perm))?.to_contiguous(v.dtype)?, perm))
}

/// Undo `axis_last`'s permutation and copy C-contiguous.
fn axis_back(v: &View, perm: &[isize]) -> Result<View, NumrtError> {
    let mut inv = vec![0isize; perm.len()];
    for (i, &p) in perm.iter().enumerate() {
        inv[p as usize] = i as isize;
    }
    v.transpose(Some(&inv))?.to_contiguous(v.dtype)
}

/// The elements of a fresh C-contiguous array of `T` (`ptr`, `len` from its view) as one
/// mutable slice.
///
/// # Safety
/// `ptr` must point to `len` initialised elements of `T`, not aliased while the slice lives.
unsafe fn slice_mut<'a, T>(ptr: *mut u8, len: usize) -> &'a mut [T] {
    std::slice::from_raw_parts_mut(ptr as *mut T, len)
}

fn sort_lanes<T: Element + SortKey>(data: &mut [T], n: usize) {
    if n > 1 {
        data.chunks_mut(n)
            .for_each(|lane| lane.sort_by(|a, b| cmp(*a, *b)));
    }
}

fn argsort_lanes<T: Element + SortKey>(data: &[T], out: &mut [i64], n: usize) {
    if n == 0 {
        return;
    }
    for (lane, idx) in data.chunks(n).zip(out.chunks_mut(n)) {
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&i, &j| cmp(lane[i], lane[j]));
        for (o, i) in idx.iter_mut().zip(order) {
            *o = i as i64;
        }
    }
}

/// `np.sort(v, axis)`: a new C-contiguous sorted array.
pub fn sort(v: &View, axis: isize) -> Result<View, NumrtError> {
    let axis = normalize_axis(axis, v.ndim())?;
    let (work, perm) = axis_last(v, axis)?;
    let n = v.shape[axis];
    // SAFETY: `work` is a fresh contiguous array of `v.dtype`'s element type.
    with_dtype!(v.dtype, T => sort_lanes::<T>(unsafe { slice_mut(work.data_ptr(), work.size()) }, n));
    axis_back(&work, &perm)
}

/// `np.argsort(v, axis)`: int64 indices of a stable sort.
pub fn argsort(v: &View, axis: isize) -> Result<View, NumrtError> {
    let axis = normalize_axis(axis, v.ndim())?;
    let (work, perm) = axis_last(v, axis)?;
    let out = View::zeros(&work.shape, DType::Int64)?;
    let n = v.shape[axis];
    // SAFETY: both are fresh contiguous arrays of the stated element types, distinct buffers.
    with_dtype!(v.dtype, T => argsort_lanes::<T>(unsafe { slice_mut(work.data_ptr(), work.size()) }, unsafe { slice_mut(out.data_ptr(), out.size()) }, n));
    axis_back(&out, &perm)
}

/// `np.searchsorted(a, v, side, sorter)`: `a` 1-d and `v` already of one dtype; int64 indices of
/// `v`'s shape. A `sorter` entry that the search reads out of range is NumPy's ValueError.
pub fn searchsorted(
    a: &View,
    v: &View,
    right: bool,
    sorter: Option<&[i64]>,
) -> Result<View, NumrtError> {
    if a.dtype != v.dtype {
        return Err(NumrtError::Internal(
            "searchsorted: operands of different dtypes".into(),
        ));
    }
    let keys = a.to_contiguous(a.dtype)?;
    let needles = v.to_contiguous(v.dtype)?;
    let out = View::zeros(&v.shape, DType::Int64)?;
    // SAFETY: fresh contiguous arrays of the stated element types.
    with_dtype!(a.dtype, T => search::<T>(
        unsafe { slice_mut(keys.data_ptr(), keys.size()) }, unsafe { slice_mut(needles.data_ptr(), needles.size()) }, unsafe { slice_mut(out.data_ptr(), out.size()) }, right, sorter,
    ))?;
    Ok(out)
}

fn search<T: Element + SortKey>(
    keys: &[T],
    needles: &[T],
    out: &mut [i64],
    right: bool,
    sorter: Option<&[i64]>,
) -> Result<(), NumrtError> {
    let key = |i: usize| -> Result<T, NumrtError> {
        match sorter {
            None => Ok(keys[i]),
            Some(s) => usize::try_from(s[i])
                .ok()
                .filter(|&k| k < keys.len())
                .map(|k| keys[k])
                .ok_or_else(|| NumrtError::Value("Sorter index out of range.".into())),
        }
    };
    for (o, &x) in out.iter_mut().zip(needles) {
        let (mut lo, mut hi) = (0usize, keys.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let k = key(mid)?;
            let go_right = if right { !T::lt(x, k) } else { T::lt(k, x) };
            if go_right {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        *o = lo as i64;
    }
    Ok(())
}
