//! `View`: a materialised strided array — (shared buffer, byte offset, shape, signed byte
//! strides, dtype).
//!
//! Invariants (checked by `View::new`, relied on everywhere else):
//! - every element address `offset + sum(i_k * strides[k])` for `0 <= i_k < shape[k]` lies in
//!   `[0, buffer.len() - itemsize]` (vacuous when any `shape[k] == 0`);
//! - strides are in bytes and may be negative (`a[::-1]`) or zero (broadcast axes);
//! - `flags` are computed once at construction.

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
}

impl std::fmt::Debug for View {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "View({:?}, offset={}, shape={:?}, strides={:?}, {})",
            self.buffer, self.offset, self.shape, self.strides, self.dtype
        )
    }
}

/// Number of elements of a shape, or an error if it overflows.
pub fn checked_size(shape: &[usize]) -> Result<usize, NumrtError> {
    shape.iter().try_fold(1usize, |acc, &d| acc.checked_mul(d)).ok_or(NumrtError::Memory {
        bytes: usize::MAX,
    })
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
        assert_eq!(shape.len(), strides.len(), "shape and strides differ in rank");
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
        Ok(View { buffer, offset, shape, strides, dtype, flags })
    }

    /// A fresh C-contiguous zeroed array.
    pub fn zeros(shape: &[usize], dtype: DType) -> Result<View, NumrtError> {
        let n = checked_size(shape)?;
        let bytes = n.checked_mul(dtype.itemsize()).ok_or(NumrtError::Memory { bytes: usize::MAX })?;
        let buffer = Buffer::alloc_zeroed(bytes)?;
        View::new(buffer, 0, shape.to_vec(), c_strides(shape, dtype.itemsize()), dtype)
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
