//! `np.repeat` along one axis: each index of the axis copied `repeats[i]` times.

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
        let msg = if repeats.len() == 1 {
            "negative dimensions are not allowed"
        } else {
            "repeats may not contain negative values."
        };
        return Err(NumrtError::Value(msg.into()));
    }
    let total: usize = (0..n).map(|i| count(i) as usize).sum();
    let mut shape = v.shape.clone();
    shape[axis] = total;
    let out = View::zeros(&shape, v.dtype)?;
    if out.size() == 0 {
        return Ok(out);
    }
    // Both C-contiguous: each (outer index, axis index) is one chunk of `chunk` bytes, copied
    // `count(i)` times in a row.
    let src = v.to_contiguous(v.dtype)?;
    let chunk = v.shape[axis + 1..].iter().product::<usize>() * v.dtype.itemsize();
    let outer: usize = v.shape[..axis].iter().product();
    let (mut s, mut d) = (src.data_ptr() as *const u8, out.data_ptr());
    for _ in 0..outer {
        for i in 0..n {
            for _ in 0..count(i) {
                // SAFETY: `src` holds outer * n chunks and `out` outer * total chunks, both
                // contiguous and distinct; the pointers advance chunk by chunk inside them.
                unsafe {
                    std::ptr::copy_nonoverlapping(s, d, chunk);
                    d = d.add(chunk);
                }
            }
            // SAFETY: as above.
            s = unsafe { s.add(chunk) };
        }
    }
    Ok(out)
}
