//! Element copies between materialised views: contiguous copies with a dtype cast, NumPy
//! assignment (`dst[...] = src`: broadcast, unsafe cast, overlap-safe), single-element get/set,
//! `fill`, and `to_scalars` for tests.
//!
//! Every strided walk goes through `iter::RunLayout`; every value conversion through
//! `dtypes::cast_strided` / `Scalar::cast`. This module knows nothing of laziness: the Array
//! layer runs the write barrier (`prepare_write`) before calling the writing functions here.

use dtypes::{cast_strided, DType, Scalar};

use crate::error::{fmt_shape, NumrtError};
use crate::iter::RunLayout;
use crate::layout::broadcast_strides;
use crate::view::{c_strides, View};

/// Copy `n` elements of `itemsize` bytes between strided locations, bit for bit (NaN payloads
/// and signed zeros survive, unlike a value cast).
///
/// # Safety
/// `src` and `dst` must be valid for `n` elements at their strides and must not overlap.
pub(crate) unsafe fn copy_strided(src: *const u8, ss: isize, dst: *mut u8, ds: isize, n: usize, itemsize: usize) {
    if ss == itemsize as isize && ds == itemsize as isize {
        std::ptr::copy_nonoverlapping(src, dst, n * itemsize);
        return;
    }
    for i in 0..n as isize {
        std::ptr::copy_nonoverlapping(src.offset(i * ss), dst.offset(i * ds), itemsize);
    }
}

/// Cast-copy every element of `src` (read through `src_strides`, which may be broadcast
/// strides) to `dst`, both walked over `dst.shape` in the same order.
///
/// The caller guarantees the two layouts are valid for `dst.shape` and do not overlap.
fn cast_walk(dst: &View, src: &View, src_strides: &[isize]) {
    let layout = RunLayout::new(&dst.shape, &[&dst.strides, src_strides]);
    let (d0, s0) = (dst.data_ptr(), src.data_ptr());
    layout.for_each_run(|offs, n, inner| {
        // SAFETY: both views passed `View::new`'s bounds check for this shape; the offsets come
        // from their strides over in-range multi-indices.
        unsafe {
            let (s, d) = (s0.offset(offs[1]), d0.offset(offs[0]));
            if src.dtype == dst.dtype {
                copy_strided(s, inner[1], d, inner[0], n, dst.dtype.itemsize())
            } else {
                cast_strided(src.dtype, s, inner[1], dst.dtype, d, inner[0], n)
            }
        }
    });
}

/// Strip leading length-1 axes of `src` beyond `ndim` (NumPy assignment accepts
/// `a[:] = b[None]`), leaving the layout unchanged otherwise.
fn strip_leading_ones(src: &View, ndim: usize) -> (Vec<usize>, Vec<isize>) {
    let extra = src.ndim().saturating_sub(ndim);
    let k = src.shape[..extra].iter().take_while(|&&d| d == 1).count();
    (src.shape[k..].to_vec(), src.strides[k..].to_vec())
}

/// Write `value` (already of `dst`'s dtype) into every element of `dst`.
fn fill_unchecked(dst: &View, value: Scalar) {
    let mut cell = [0u8; 16];
    // SAFETY: `cell` holds any element (complex128 is 16 bytes).
    unsafe { value.write_to(cell.as_mut_ptr()) };
    let layout = RunLayout::new(&dst.shape, &[&dst.strides]);
    let d0 = dst.data_ptr();
    layout.for_each_run(|offs, n, inner| {
        // SAFETY: in-bounds destination runs; the source is one element read with stride 0.
        unsafe { cast_strided(dst.dtype, cell.as_ptr(), 0, dst.dtype, d0.offset(offs[0]), inner[0], n) }
    });
}

impl View {
    /// A new C-contiguous array with the elements of `self` cast to `dtype` (NumPy's
    /// `astype(dtype, casting='unsafe')` / `copy()`). Always writeable.
    pub fn to_contiguous(&self, dtype: DType) -> Result<View, NumrtError> {
        let out = View::zeros(&self.shape, dtype)?;
        cast_walk(&out, self, &self.strides);
        Ok(out)
    }

    /// The element at a multi-index, or NumPy's IndexError.
    pub fn get(&self, index: &[usize]) -> Result<Scalar, NumrtError> {
        let off = self.checked_offset(index)?;
        // SAFETY: `checked_offset` proved the element is inside the view.
        Ok(unsafe { Scalar::read_from(self.dtype, self.data_ptr().offset(off)) })
    }

    /// Store `value` (cast unsafely to the view's dtype) at a multi-index.
    pub fn set(&self, index: &[usize], value: Scalar) -> Result<(), NumrtError> {
        self.check_writeable()?;
        let off = self.checked_offset(index)?;
        // SAFETY: as in `get`; the cast value has the view's itemsize.
        unsafe { value.cast(self.dtype).write_to(self.data_ptr().offset(off)) };
        Ok(())
    }

    /// Every element in C order.
    pub fn to_scalars(&self) -> Vec<Scalar> {
        let mut out = Vec::with_capacity(self.size());
        let layout = RunLayout::new(&self.shape, &[&self.strides]);
        let p0 = self.data_ptr();
        layout.for_each_run(|offs, n, inner| {
            for i in 0..n as isize {
                // SAFETY: in-bounds offsets from the view's own layout.
                out.push(unsafe { Scalar::read_from(self.dtype, p0.offset(offs[0] + i * inner[0])) });
            }
        });
        out
    }

    /// Set every element to `value` (cast unsafely to the view's dtype), NumPy's `fill`.
    pub fn fill(&self, value: Scalar) -> Result<(), NumrtError> {
        self.check_writeable()?;
        fill_unchecked(self, value.cast(self.dtype));
        Ok(())
    }

    /// Byte offset of a multi-index after checking rank and bounds.
    fn checked_offset(&self, index: &[usize]) -> Result<isize, NumrtError> {
        if index.len() != self.ndim() {
            return Err(NumrtError::Index(format!(
                "incorrect number of indices for array: array is {}-dimensional, but {} were indexed",
                self.ndim(),
                index.len()
            )));
        }
        for (axis, (&i, &d)) in index.iter().zip(&self.shape).enumerate() {
            if i >= d {
                return Err(NumrtError::IndexOutOfBounds { index: i as i64, axis, size: d });
            }
        }
        Ok(self.byte_offset(index))
    }
}

/// NumPy assignment `dst[...] = src`: `src` is broadcast to `dst`'s shape (leading length-1
/// axes of `src` beyond `dst`'s rank are dropped, as NumPy does) and cast to `dst`'s dtype with
/// unsafe casting. When the two share memory the result is as if `src` had been copied first.
///
/// Errors: `ReadOnly` for a non-writeable `dst`; NumPy's ValueError "could not broadcast input
/// array from shape (3,) into shape (4,)".
pub fn copy_into(dst: &View, src: &View) -> Result<(), NumrtError> {
    dst.check_writeable()?;
    let (shape, strides) = strip_leading_ones(src, dst.ndim());
    let src_strides = broadcast_strides(&shape, &strides, &dst.shape).map_err(|_| {
        NumrtError::Value(format!(
            "could not broadcast input array from shape {} into shape {}",
            fmt_shape(&src.shape),
            fmt_shape(&dst.shape)
        ))
    })?;
    if dst.size() == 0 {
        return Ok(());
    }
    if src.may_share_memory(dst) {
        let same = src.offset == dst.offset && src_strides == dst.strides && src.dtype == dst.dtype;
        if same {
            return Ok(());
        }
        let tmp = src.to_contiguous(src.dtype)?;
        let tmp_strides = broadcast_strides(&shape, &c_strides(&shape, src.dtype.itemsize()), &dst.shape)?;
        cast_walk(dst, &tmp, &tmp_strides);
    } else {
        cast_walk(dst, src, &src_strides);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arange_f64(n: usize) -> View {
        let v = View::zeros(&[n], DType::Float64).unwrap();
        for i in 0..n {
            v.set(&[i], Scalar::Float64(i as f64)).unwrap();
        }
        v
    }

    fn f64s(v: &View) -> Vec<f64> {
        v.to_scalars().into_iter().map(|s| s.get::<f64>().unwrap()).collect()
    }

    #[test]
    fn contiguous_cast_of_reversed_view() {
        let a = arange_f64(4);
        let r = a.with_layout(24, vec![4], vec![-8]).unwrap();
        let c = r.to_contiguous(DType::Int32).unwrap();
        assert!(c.flags.c_contiguous);
        assert_eq!(c.to_scalars(), [3, 2, 1, 0].map(Scalar::Int32).to_vec());
    }

    #[test]
    fn overlapping_assignment_behaves_as_if_copied_first() {
        // a[1:] = a[:-1] on arange(6) gives [0, 0, 1, 2, 3, 4].
        let a = arange_f64(6);
        let dst = a.with_layout(8, vec![5], vec![8]).unwrap();
        let src = a.with_layout(0, vec![5], vec![8]).unwrap();
        copy_into(&dst, &src).unwrap();
        assert_eq!(f64s(&a), vec![0., 0., 1., 2., 3., 4.]);
    }

    #[test]
    fn assignment_broadcasts_and_reports_numpy_errors() {
        let a = View::zeros(&[2, 3], DType::Int64).unwrap();
        let row = arange_f64(3);
        copy_into(&a, &row).unwrap();
        assert_eq!(a.get(&[1, 2]).unwrap(), Scalar::Int64(2));
        let bad = arange_f64(4);
        let e = copy_into(&a, &bad).unwrap_err();
        assert_eq!(e.to_string(), "could not broadcast input array from shape (4,) into shape (2,3)");
        let ro = a.broadcast_to(&[2, 3]).unwrap();
        assert_eq!(copy_into(&ro, &row), Err(NumrtError::ReadOnly));
        assert_eq!(ro.fill(Scalar::Bool(true)), Err(NumrtError::ReadOnly));
    }

    #[test]
    fn get_set_fill_check_indices() {
        let a = View::zeros(&[2, 2], DType::UInt8).unwrap();
        a.fill(Scalar::Int64(300)).unwrap();
        assert_eq!(a.get(&[1, 1]).unwrap(), Scalar::UInt8(44));
        assert!(matches!(a.get(&[2, 0]), Err(NumrtError::IndexOutOfBounds { index: 2, axis: 0, size: 2 })));
        assert!(a.get(&[0]).is_err());
    }
}
