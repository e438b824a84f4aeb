//! `View`: a materialised strided array — (shared buffer, byte offset, shape, signed byte
//! strides, dtype).
//!
//! Invariants (checked by `View::new`, relied on everywhere else):
//! - every element address `offset + sum(i_k * strides[k])` for `0 <= i_k < shape[k]` lies in
//!   `[0, buffer.len() - itemsize]` (vacuous when any `shape[k] == 0`);
//! - strides are in bytes and may be negative (`a[::-1]`) or zero (broadcast axes);
//! - `flags` are computed once at construction;
//! - `readonly` marks a view NumPy would flag `writeable=False` (a `broadcast_to` result, a view of
//!   a non-writeable buffer, and every view derived from those). Writes check `View::writeable`.

use std::sync::Arc;

use dtypes::DType;

use crate::buffer::Buffer;
use crate::error::NumrtError;

/// Contiguity flags, computed once per view (NumPy's rules: axes of length 1 are ignored, and
/// an empty array is both C and F contiguous).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Flags {
    pub c_contiguous: bool,
    pub f_contiguous: bool,
}

#[derive(Clone)]
pub struct View {
    pub buffer: Arc<Buffer>,
    /// Byte offset of element (0, 0, ...) in `buffer`.
    pub offset: usize,
    pub shape: Vec<usize>,
    /// Byte strides.
    pub strides: Vec<isize>,
    pub dtype: DType,
    pub flags: Flags,
    /// NumPy's `writeable=False`: set by `broadcast_to` and for views of read-only buffers,
    /// inherited by every view derived from this one.
    pub readonly: bool,
}

impl std::fmt::Debug for View {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "View({:?}, offset={}, shape={:?}, strides={:?}, {}{})",
            self.buffer,
            self.offset,
            self.shape,
            self.strides,
            self.dtype,
            if self.readonly { ", readonly" } else { "" }
        )
    }
}

/// NumPy's error for a shape whose byte size does not fit in `isize` (a ValueError, raised
/// before any allocation is attempted).
pub const TOO_BIG: &str =
    "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.";

/// Number of elements of a shape, or NumPy's "array is too big" ValueError if the product of
/// its dims overflows `isize` (like NumPy, zero dims do not excuse the others: dims count as at
/// least 1 for the overflow check).
pub fn checked_size(shape: &[usize]) -> Result<usize, NumrtError> {
    checked_nbytes_of(shape, 1)?;
    Ok(shape.iter().product())
}

/// Bytes of a C-contiguous array of `shape` and `dtype`, or NumPy's "array is too big" error.
pub fn checked_nbytes(shape: &[usize], dtype: DType) -> Result<usize, NumrtError> {
    checked_nbytes_of(shape, dtype.itemsize())?;
    Ok(shape.iter().product::<usize>() * dtype.itemsize())
}

fn checked_nbytes_of(shape: &[usize], itemsize: usize) -> Result<usize, NumrtError> {
    shape
        .iter()
        .try_fold(itemsize, |acc, &d| acc.checked_mul(d.max(1)))
        .filter(|&n| n <= isize::MAX as usize)
        .ok_or_else(|| NumrtError::Value(TOO_BIG.to_string()))
}

/// C-order byte strides for `shape`.
pub fn c_strides(shape: &[usize], itemsize: usize) -> Vec<isize> {
    let mut strides = vec![0isize; shape.len()];
    let mut acc = itemsize as isize;
    for k in (0..shape.len()).rev() {
        strides[k] = acc;
        acc *= shape[k].max(1) as isize;
    }
    strides
}

/// NumPy's contiguity flags for a layout.
pub fn compute_flags(shape: &[usize], strides: &[isize], itemsize: usize) -> Flags {
    if shape.contains(&0) {
        return Flags { c_contiguous: true, f_contiguous: true };
    }
    let check = |order: &mut dyn Iterator<Item = usize>| {
        let mut expected = itemsize as isize;
        for k in order {
            if shape[k] != 1 {
                if strides[k] != expected {
                    return false;
                }
                expected *= shape[k] as isize;
            }
        }
        true
    };
    Flags {
        c_contiguous: check(&mut (0..shape.len()).rev()),
        f_contiguous: check(&mut (0..shape.len())),
    }
}

impl View {
    /// Build a view, checking that every element lies inside the buffer.
    pub fn new(
        buffer: Arc<Buffer>,
        offset: usize,
        shape: Vec<usize>,
        strides: Vec<isize>,
        dtype: DType,
    ) -> Result<View, NumrtError> {
        if shape.len() != strides.len() {
            return Err(NumrtError::Internal(format!("shape {shape:?} and strides {strides:?} differ in rank")));
        }
        if !shape.contains(&0) {
            let (mut lo, mut hi) = (offset as i128, offset as i128);
            for (&d, &s) in shape.iter().zip(&strides) {
                let span = (d as i128 - 1) * s as i128;
                if span < 0 {
                    lo += span;
                } else {
                    hi += span;
                }
            }
            if lo < 0 || hi + dtype.itemsize() as i128 > buffer.len() as i128 {
                return Err(NumrtError::Internal(format!(
                    "view outside its buffer: offset {offset}, shape {shape:?}, strides {strides:?}, buffer {} bytes",
                    buffer.len()
                )));
            }
        }
        let flags = compute_flags(&shape, &strides, dtype.itemsize());
        let readonly = !buffer.writeable();
        Ok(View { buffer, offset, shape, strides, dtype, flags, readonly })
    }

    /// A view of the same buffer with another layout (same dtype), inheriting `readonly`.
    /// Checks bounds like `View::new`; an empty result gets its offset clamped into the buffer
    /// (the offset of an empty view is never dereferenced, but must stay a valid `usize`).
    pub fn with_layout(&self, offset: isize, shape: Vec<usize>, strides: Vec<isize>) -> Result<View, NumrtError> {
        let offset = if shape.contains(&0) {
            offset.clamp(0, self.buffer.len() as isize)
        } else if offset < 0 {
            return Err(NumrtError::Internal(format!("negative view offset {offset}")));
        } else {
            offset
        };
        let mut v = View::new(self.buffer.clone(), offset as usize, shape, strides, self.dtype)?;
        v.readonly |= self.readonly;
        Ok(v)
    }

    /// A fresh C-contiguous zeroed array. Sizes whose bytes overflow give NumPy's "array is too
    /// big" ValueError; allocations that fail give `NumrtError::Memory`.
    pub fn zeros(shape: &[usize], dtype: DType) -> Result<View, NumrtError> {
        let bytes = checked_nbytes(shape, dtype)?;
        let buffer = Buffer::alloc_zeroed(bytes)
            .map_err(|_| NumrtError::ArrayMemory { bytes, shape: shape.to_vec(), dtype })?;
        View::new(buffer, 0, shape.to_vec(), c_strides(shape, dtype.itemsize()), dtype)
    }

    /// Whether writes through this view are allowed (NumPy's `flags.writeable`).
    pub fn writeable(&self) -> bool {
        !self.readonly && self.buffer.writeable()
    }

    /// `Err(ReadOnly)` unless the view is writeable.
    pub fn check_writeable(&self) -> Result<(), NumrtError> {
        if self.writeable() {
            Ok(())
        } else {
            Err(NumrtError::ReadOnly)
        }
    }

    /// The byte range `[lo, hi)` of `buffer` that the view's elements touch (`None` when empty).
    pub fn byte_extent(&self) -> Option<(usize, usize)> {
        if self.shape.contains(&0) {
            return None;
        }
        let (mut lo, mut hi) = (self.offset as isize, self.offset as isize);
        for (&d, &s) in self.shape.iter().zip(&self.strides) {
            let span = (d as isize - 1) * s;
            if span < 0 {
                lo += span;
            } else {
                hi += span;
            }
        }
        Some((lo as usize, hi as usize + self.dtype.itemsize()))
    }

    /// Whether the two views may touch common bytes (same buffer, overlapping extents).
    /// Conservative like NumPy's bounds check: interleaved views count as overlapping.
    pub fn may_share_memory(&self, other: &View) -> bool {
        if !Arc::ptr_eq(&self.buffer, &other.buffer) {
            return false;
        }
        match (self.byte_extent(), other.byte_extent()) {
            (Some((a0, a1)), Some((b0, b1))) => a0 < b1 && b0 < a1,
            _ => false,
        }
    }

    pub fn ndim(&self) -> usize {
        self.shape.len()
    }
    pub fn size(&self) -> usize {
        self.shape.iter().product()
    }
    /// Pointer to element (0, 0, ...).
    pub fn data_ptr(&self) -> *mut u8 {
        // SAFETY: offset is inside the buffer (or the array is empty and never dereferenced).
        unsafe { self.buffer.as_ptr().add(self.offset) }
    }
    /// Byte offset of a multi-index relative to `data_ptr`. Indices must be in range.
    pub fn byte_offset(&self, index: &[usize]) -> isize {
        index.iter().zip(&self.strides).map(|(&i, &s)| i as isize * s).sum()
    }
}
