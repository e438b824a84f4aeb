//! Shape and stride arithmetic on views: broadcasting, axis normalisation, transposes, reshape
//! (a view when the layout allows), squeeze/expand_dims. Pure layout: no element is read here.

use crate::error::NumrtError;
use crate::view::{c_strides, View};

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

/// NumPy's text for a requested shape in reshape errors (`convert_shape_to_string`): leading
/// unknown (negative) dims are dropped, later ones print as `newaxis`, and only a one-element
/// list gets the trailing comma: `(7,)`, `(4)` for `(-1, 4)`, `(0,newaxis)` for `(0, -1)`.
fn requested_shape_text(dims: &[isize]) -> String {
    let first = dims.iter().position(|&d| d >= 0);
    let Some(first) = first else { return "()".to_string() };
    let mut out = dims[first].to_string();
    for &d in &dims[first + 1..] {
        if d < 0 {
            out.push_str(",newaxis");
        } else {
            out.push_str(&format!(",{d}"));
        }
    }
    if dims.len() == 1 {
        format!("({out},)")
    } else {
        format!("({out})")
    }
}

/// The concrete shape of a reshape request: one negative dim is the unknown one (NumPy accepts
/// any negative value there), computed from `size`. NumPy's errors: "can only specify one
/// unknown dimension", "cannot reshape array of size 6 into shape (7,)".
pub fn resolve_reshape(size: usize, newshape: &[isize]) -> Result<Vec<usize>, NumrtError> {
    let mismatch = || NumrtError::Reshape { size, shape: requested_shape_text(newshape) };
    let mut unknown = None;
    let mut known: usize = 1;
    for (k, &d) in newshape.iter().enumerate() {
        if d < 0 {
            if unknown.is_some() {
                return Err(NumrtError::Value("can only specify one unknown dimension".into()));
            }
            unknown = Some(k);
        } else {
            known = known
                .checked_mul(d as usize)
                .filter(|&n| n <= isize::MAX as usize)
                .ok_or_else(mismatch)?;
        }
    }
    let mut dims: Vec<usize> = newshape.iter().map(|&d| d.max(0) as usize).collect();
    match unknown {
        Some(k) => {
            if known == 0 || !size.is_multiple_of(known) {
                return Err(mismatch());
            }
            dims[k] = size / known;
        }
        None if known != size => return Err(mismatch()),
        None => {}
    }
    Ok(dims)
}

/// NumPy's `_attempt_nocopy_reshape` for C order: the strides that view `shape`/`strides` as
/// `newdims` without copying, or `None` when the old axes that must merge are not contiguous
/// enough. Reproduces NumPy's strides exactly, including those of length-1 axes.
fn nocopy_strides(shape: &[usize], strides: &[isize], newdims: &[usize], itemsize: usize) -> Option<Vec<isize>> {
    let (olddims, oldstrides): (Vec<usize>, Vec<isize>) =
        shape.iter().zip(strides).filter(|(&d, _)| d != 1).map(|(&d, &s)| (d, s)).unzip();
    let (oldnd, newnd) = (olddims.len(), newdims.len());
    let mut newstrides = vec![0isize; newnd];
    let (mut oi, mut oj, mut ni, mut nj) = (0usize, 1usize, 0usize, 1usize);
    while ni < newnd && oi < oldnd {
        let (mut np, mut op) = (newdims[ni], olddims[oi]);
        while np != op {
            if np < op {
                // Trailing 1s of the new shape are handled after the loop.
                np *= *newdims.get(nj)?;
                nj += 1;
            } else {
                op *= *olddims.get(oj)?;
                oj += 1;
            }
        }
        for ok in oi..oj - 1 {
            if oldstrides[ok] != olddims[ok + 1] as isize * oldstrides[ok + 1] {
                return None;
            }
        }
        newstrides[nj - 1] = oldstrides[oj - 1];
        for nk in (ni + 1..nj).rev() {
            newstrides[nk - 1] = newstrides[nk] * newdims[nk] as isize;
        }
        ni = nj;
        nj += 1;
        oi = oj;
        oj += 1;
    }
    let last = if ni >= 1 { newstrides[ni - 1] } else { itemsize as isize };
    for s in &mut newstrides[ni..] {
        *s = last;
    }
    Some(newstrides)
}

/// `normalize_axis` whose AxisError names the argument, as NumPy's `swapaxes`/`moveaxis` do.
pub fn normalize_axis_arg(axis: isize, ndim: usize, arg: &'static str) -> Result<usize, NumrtError> {
    normalize_axis(axis, ndim).map_err(|_| NumrtError::AxisArg { arg, axis, ndim })
}

/// Check a list of axes: each normalised against `ndim` (AxisError prefixed with `arg` when
/// given), no repeats (ValueError `repeated`).
fn unique_axes(axes: &[isize], ndim: usize, repeated: &str, arg: Option<&'static str>) -> Result<Vec<usize>, NumrtError> {
    let mut out = Vec::with_capacity(axes.len());
    for &a in axes {
        let a = match arg {
            Some(arg) => normalize_axis_arg(a, ndim, arg)?,
            None => normalize_axis(a, ndim)?,
        };
        if out.contains(&a) {
            return Err(NumrtError::Value(repeated.to_string()));
        }
        out.push(a);
    }
    Ok(out)
}

impl View {
    /// NumPy's `broadcast_to`: stride 0 on stretched and new axes; the result is read-only.
    pub fn broadcast_to(&self, shape: &[usize]) -> Result<View, NumrtError> {
        if shape.is_empty() && !self.shape.is_empty() {
            return Err(NumrtError::Value("cannot broadcast a non-scalar to a scalar array".into()));
        }
        let mut strides = broadcast_strides(&self.shape, &self.strides, shape)?;
        // NumPy's iterator gives every length-1 axis stride 0.
        for (s, &d) in strides.iter_mut().zip(shape) {
            if d == 1 {
                *s = 0;
            }
        }
        let mut v = self.with_layout(self.offset as isize, shape.to_vec(), strides)?;
        v.readonly = true;
        Ok(v)
    }

    /// Permute axes: `None` reverses them. NumPy's errors: "axes don't match array" (wrong
    /// count), AxisError, "repeated axis in transpose".
    pub fn transpose(&self, axes: Option<&[isize]>) -> Result<View, NumrtError> {
        let perm: Vec<usize> = match axes {
            None => (0..self.ndim()).rev().collect(),
            Some(axes) if axes.len() != self.ndim() => {
                return Err(NumrtError::Value("axes don't match array".into()))
            }
            Some(axes) => unique_axes(axes, self.ndim(), "repeated axis in transpose", None)?,
        };
        self.permute(&perm)
    }

    /// Reorder axes: result axis `i` is axis `perm[i]` of `self`. `perm` must be a permutation.
    pub fn permute(&self, perm: &[usize]) -> Result<View, NumrtError> {
        let mut seen = vec![false; self.ndim()];
        for &k in perm {
            if k >= self.ndim() || std::mem::replace(&mut seen[k], true) {
                return Err(NumrtError::Internal(format!("{perm:?} is not a permutation of {} axes", self.ndim())));
            }
        }
        if perm.len() != self.ndim() {
            return Err(NumrtError::Value("axes don't match array".into()));
        }
        let shape = perm.iter().map(|&k| self.shape[k]).collect();
        let strides = perm.iter().map(|&k| self.strides[k]).collect();
        self.with_layout(self.offset as isize, shape, strides)
    }

    /// NumPy's `swapaxes(a, b)`.
    pub fn swapaxes(&self, a: isize, b: isize) -> Result<View, NumrtError> {
        let (a, b) = (normalize_axis_arg(a, self.ndim(), "axis1")?, normalize_axis_arg(b, self.ndim(), "axis2")?);
        let mut perm: Vec<usize> = (0..self.ndim()).collect();
        perm.swap(a, b);
        self.permute(&perm)
    }

    /// NumPy's `moveaxis(source, destination)`: the other axes keep their order.
    pub fn moveaxis(&self, source: &[isize], destination: &[isize]) -> Result<View, NumrtError> {
        let nd = self.ndim();
        let src = unique_axes(source, nd, "repeated axis in `source` argument", Some("source"))?;
        let dst = unique_axes(destination, nd, "repeated axis in `destination` argument", Some("destination"))?;
        if src.len() != dst.len() {
            return Err(NumrtError::Value(
                "`source` and `destination` arguments must have the same number of elements".into(),
            ));
        }
        let mut rest = (0..nd).filter(|k| !src.contains(k));
        let mut perm = vec![usize::MAX; nd];
        for (&s, &d) in src.iter().zip(&dst) {
            perm[d] = s;
        }
        for p in perm.iter_mut().filter(|p| **p == usize::MAX) {
            *p = rest.next().expect("counts match");
        }
        self.permute(&perm)
    }

    /// NumPy's C-order `reshape`: `Some(view)` when the layout allows one, `None` when a copy is
    /// needed (the caller copies to C order, then reshapes the copy, which always gives a view).
    pub fn reshape(&self, newshape: &[isize]) -> Result<Option<View>, NumrtError> {
        let same = newshape.len() == self.ndim()
            && newshape.iter().zip(&self.shape).all(|(&n, &d)| n >= 0 && n as usize == d);
        if same {
            return Ok(Some(self.clone()));
        }
        let dims = resolve_reshape(self.size(), newshape)?;
        let strides = if self.flags.c_contiguous {
            Some(c_strides(&dims, self.dtype.itemsize()))
        } else {
            nocopy_strides(&self.shape, &self.strides, &dims, self.dtype.itemsize())
        };
        strides.map(|s| self.with_layout(self.offset as isize, dims, s)).transpose()
    }

    /// NumPy's `squeeze`: drop the given length-1 axes, or all of them for `None`.
    pub fn squeeze(&self, axes: Option<&[isize]>) -> Result<View, NumrtError> {
        let drop: Vec<usize> = match axes {
            None => (0..self.ndim()).filter(|&k| self.shape[k] == 1).collect(),
            Some(axes) => unique_axes(axes, self.ndim(), "duplicate value in 'axis'", None)?,
        };
        if drop.iter().any(|&k| self.shape[k] != 1) {
            return Err(NumrtError::Value(
                "cannot select an axis to squeeze out which has size not equal to one".into(),
            ));
        }
        let keep: Vec<usize> = (0..self.ndim()).filter(|k| !drop.contains(k)).collect();
        let shape = keep.iter().map(|&k| self.shape[k]).collect();
        let strides = keep.iter().map(|&k| self.strides[k]).collect();
        self.with_layout(self.offset as isize, shape, strides)
    }

    /// NumPy's `expand_dims`: insert length-1 axes at the given positions of the result. Done as
    /// NumPy does it (a reshape), so the new axes get NumPy's strides.
    pub fn expand_dims(&self, axes: &[isize]) -> Result<View, NumrtError> {
        let out_nd = self.ndim() + axes.len();
        let new_axes = unique_axes(axes, out_nd, "repeated axis", None)?;
        let mut old = self.shape.iter();
        let shape: Vec<isize> = (0..out_nd)
            .map(|k| if new_axes.contains(&k) { 1 } else { *old.next().expect("counts match") as isize })
            .collect();
        match self.reshape(&shape)? {
            Some(v) => Ok(v),
            None => Err(NumrtError::Internal("expand_dims needed a copy".into())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broadcasting() {
        assert_eq!(broadcast_shapes(&[&[3, 1], &[4]]).unwrap(), vec![3, 4]);
        assert_eq!(broadcast_shapes(&[&[], &[2, 0]]).unwrap(), vec![2, 0]);
        let e = broadcast_shapes(&[&[3], &[4]]).unwrap_err();
        assert_eq!(e.to_string(), "operands could not be broadcast together with shapes (3,) (4,) ");
        assert_eq!(broadcast_strides(&[3, 1], &[8, 8], &[2, 3, 5]).unwrap(), vec![0, 8, 0]);
        assert!(broadcast_strides(&[3], &[8], &[4]).is_err());
    }

    #[test]
    fn axes() {
        assert_eq!(normalize_axis(-1, 3).unwrap(), 2);
        assert!(matches!(normalize_axis(3, 3), Err(NumrtError::Axis { axis: 3, ndim: 3 })));
    }

    fn f64_zeros(shape: &[usize]) -> View {
        View::zeros(shape, dtypes::DType::Float64).unwrap()
    }

    #[test]
    fn reshape_view_or_copy_like_numpy() {
        let a = f64_zeros(&[4, 6]);
        let every = a.with_layout(0, vec![2, 2], vec![96, 24]).unwrap(); // a[::2, ::3]
        let r = every.reshape(&[2, 1, 2, 1]).unwrap().unwrap();
        assert_eq!(r.strides, vec![96, 48, 24, 24]);
        assert!(every.reshape(&[4]).unwrap().is_none());
        let t = a.transpose(None).unwrap();
        assert_eq!(t.reshape(&[6, 2, 2]).unwrap().unwrap().strides, vec![8, 96, 48]);
        assert!(t.reshape(&[24]).unwrap().is_none());
        let rev = a.with_layout(40, vec![4, 6], vec![48, -8]).unwrap(); // a[:, ::-1]
        assert_eq!(rev.reshape(&[2, 2, 3, 2]).unwrap().unwrap().strides, vec![96, 48, -16, -8]);
    }

    #[test]
    fn reshape_errors_use_numpy_text() {
        let e = |shape: &[isize], size| resolve_reshape(size, shape).unwrap_err().to_string();
        assert_eq!(e(&[7], 6), "cannot reshape array of size 6 into shape (7,)");
        assert_eq!(e(&[-1, 4], 6), "cannot reshape array of size 6 into shape (4)");
        assert_eq!(e(&[0, -1], 0), "cannot reshape array of size 0 into shape (0,newaxis)");
        assert_eq!(e(&[-1, -1], 6), "can only specify one unknown dimension");
        assert_eq!(resolve_reshape(6, &[-2, 3]).unwrap(), vec![2, 3]);
    }

    #[test]
    fn axis_ops() {
        let a = f64_zeros(&[1, 3]);
        assert_eq!(a.expand_dims(&[-1, 0]).unwrap().shape, vec![1, 1, 3, 1]);
        assert_eq!(a.expand_dims(&[0, 0]).unwrap_err().to_string(), "repeated axis");
        assert_eq!(a.squeeze(None).unwrap().shape, vec![3]);
        assert_eq!(
            a.squeeze(Some(&[1])).unwrap_err().to_string(),
            "cannot select an axis to squeeze out which has size not equal to one"
        );
        assert_eq!(a.transpose(Some(&[0, 0])).unwrap_err().to_string(), "repeated axis in transpose");
        assert_eq!(a.transpose(Some(&[0])).unwrap_err().to_string(), "axes don't match array");
        let b = a.broadcast_to(&[2, 3]).unwrap();
        assert!(b.readonly && !b.writeable());
        assert_eq!(b.strides, vec![0, 8]);
        assert!(b.transpose(None).unwrap().readonly);
        assert_eq!(
            a.broadcast_to(&[2, 4]).unwrap_err().to_string(),
            "operands could not be broadcast together with remapped shapes [original->remapped]: (1,3)  and requested shape (2,4)"
        );
        let m = f64_zeros(&[2, 3, 4]).moveaxis(&[0], &[-1]).unwrap();
        assert_eq!(m.shape, vec![3, 4, 2]);
    }
}
