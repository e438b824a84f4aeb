//! `np.repeat` along one axis: each index of the axis copied `repeats[i]` times.

use crate::copy::copy_into;
use crate::error::NumrtError;
use crate::layout::normalize_axis;
use crate::view::View;

/// `np.repeat(v, repeats, axis)`; `repeats` has one entry (broadcast) or one per index.
pub fn repeat(v: &View, repeats: &[i64], axis: isize) -> Result<View, NumrtError> {
    let axis = normalize_axis(axis, v.ndim())?;
    let n = v.shape[axis];
    if repeats.len() != 1 && repeats.len() != n {
        return Err(NumrtError::Value(format!(
            "operands could not be broadcast together with shape ({n},) ({},)",
            repeats.len()
        )));
    }
    let count = |i: usize| repeats[if repeats.len() == 1 { 0 } else { i }];
    if repeats.iter().any(|&r| r < 0) {
        let msg = if repeats.len() == 1 { "negative dimensions are not allowed" } else { "repeats may not contain negative values." };
        return Err(NumrtError::Value(msg.into()));
    }
    let total: usize = (0..n).map(|i| count(i) as usize).sum();
    let mut shape = v.shape.clone();
    shape[axis] = total;
    let out = View::zeros(&shape, v.dtype)?;
    let mut row_shape = v.shape.clone();
    row_shape[axis] = 1;
    let mut pos = 0isize;
    for i in 0..n {
        let src = v.with_layout(v.offset as isize + i as isize * v.strides[axis], row_shape.clone(), v.strides.clone())?;
        let r = count(i) as usize;
        let mut dst_shape = shape.clone();
        dst_shape[axis] = r;
        let dst = out.with_layout(out.offset as isize + pos * out.strides[axis], dst_shape, out.strides.clone())?;
        copy_into(&dst, &src)?;
        pos += r as isize;
    }
    Ok(out)
}
