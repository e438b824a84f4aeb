//! Shape and stride arithmetic on views: broadcasting, axis normalisation, transposes, reshape
//! (a view when the layout allows), squeeze/expand_dims. Pure layout: no element is read here.

use crate::error::NumrtError;

/// NumPy's broadcast of several shapes (right-aligned; 1 stretches), or a ValueError.
pub fn broadcast_shapes(shapes: &[&[usize]]) -> Result<Vec<usize>, NumrtError> {
    let nd = shapes.iter().map(|s| s.len()).max().unwrap_or(0);
    let mut out = vec![1usize; nd];
    for s in shapes {
        let pad = nd - s.len();
        for (k, &d) in s.iter().enumerate() {
            let o = &mut out[pad + k];
            if *o == 1 {
                *o = d;
            } else if d != 1 && d != *o {
                return Err(NumrtError::Broadcast { shapes: shapes.iter().map(|s| s.to_vec()).collect() });
            }
        }
    }
    Ok(out)
}

/// Byte strides that read an array of `shape`/`strides` as if broadcast to `target` (stride 0 on
/// stretched and new axes), or an error if it cannot be broadcast.
pub fn broadcast_strides(shape: &[usize], strides: &[isize], target: &[usize]) -> Result<Vec<isize>, NumrtError> {
    let err = || NumrtError::BroadcastTo { from: shape.to_vec(), to: target.to_vec() };
    if shape.len() > target.len() {
        return Err(err());
    }
    let pad = target.len() - shape.len();
    let mut out = vec![0isize; target.len()];
    for k in 0..shape.len() {
        out[pad + k] = match (shape[k], target[pad + k]) {
            (d, t) if d == t => strides[k],
            (1, _) => 0,
            _ => return Err(err()),
        };
    }
    Ok(out)
}

/// A possibly negative axis made non-negative, or numpy's AxisError.
pub fn normalize_axis(axis: isize, ndim: usize) -> Result<usize, NumrtError> {
    let n = ndim as isize;
    if axis < -n || axis >= n {
        return Err(NumrtError::Axis { axis, ndim });
    }
    Ok(if axis < 0 { (axis + n) as usize } else { axis as usize })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broadcasting() {
        assert_eq!(broadcast_shapes(&[&[3, 1], &[4]]).unwrap(), vec![3, 4]);
        assert_eq!(broadcast_shapes(&[&[], &[2, 0]]).unwrap(), vec![2, 0]);
        let e = broadcast_shapes(&[&[3], &[4]]).unwrap_err();
        assert_eq!(e.to_string(), "operands could not be broadcast together with shapes (3,) (4,)");
        assert_eq!(broadcast_strides(&[3, 1], &[8, 8], &[2, 3, 5]).unwrap(), vec![0, 8, 0]);
        assert!(broadcast_strides(&[3], &[8], &[4]).is_err());
    }

    #[test]
    fn axes() {
        assert_eq!(normalize_axis(-1, 3).unwrap(), 2);
        assert!(matches!(normalize_axis(3, 3), Err(NumrtError::Axis { axis: 3, ndim: 3 })));
    }
}
