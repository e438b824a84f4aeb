//! `np.concatenate` along one axis: NumPy's checks and messages, then one strided cast-copy per
//! input into its slab of the result.

use dtypes::DType;

use crate::copy::copy_into;
use crate::error::NumrtError;
use crate::layout::normalize_axis;
use crate::view::View;

/// Join `views` along `axis` into a new C-contiguous array of `dtype` (each input cast
/// unsafely; the caller checks the casting rule).
pub fn concatenate(views: &[View], axis: isize, dtype: DType) -> Result<View, NumrtError> {
    let first = views
        .first()
        .ok_or_else(|| NumrtError::Value("need at least one array to concatenate".into()))?;
    let ndim = first.ndim();
    if ndim == 0 {
        return Err(NumrtError::Value(
            "zero-dimensional arrays cannot be concatenated".into(),
        ));
    }
    let axis = normalize_axis(axis, ndim)?;
    let shape = joined_shape(views, axis)?;
    let out = View::zeros(&shape, dtype)?;
    let mut offset = out.offset as isize;
    for v in views {
        let mut slab_shape = shape.clone();
        slab_shape[axis] = v.shape[axis];
        let slab = out.with_layout(offset, slab_shape, out.strides.clone())?;
        copy_into(&slab, v)?;
        offset += v.shape[axis] as isize * out.strides[axis];
    }
    Ok(out)
}

/// The result shape, or NumPy's error for inputs whose other dimensions differ.
fn joined_shape(views: &[View], axis: usize) -> Result<Vec<usize>, NumrtError> {
    let first = &views[0];
    let mut shape = first.shape.clone();
    for (i, v) in views.iter().enumerate().skip(1) {
        if v.ndim() != first.ndim() {
            return Err(NumrtError::Value(format!(
                "all the input arrays must have same number of dimensions, but the array at index 0 has {} dimension(s) and the array at index {i} has {} dimension(s)",
                first.ndim(),
                v.ndim()
            )));
        }
        for d in (0..first.ndim()).filter(|&d| d != axis) {
            if v.shape[d] != first.shape[d] {
                return Err(NumrtError::Value(format!(
                    "all the input array dimensions except for the concatenation axis must match exactly, but along dimension {d}, the array at index 0 has size {} and the array at index {i} has size {}",
                    first.shape[d], v.shape[d]
                )));
            }
        }
        shape[axis] = shape[axis]
            .checked_add(v.shape[axis])
            .ok_or_else(|| NumrtError::Value("array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.".into()))?;
    }
    Ok(shape)
}
