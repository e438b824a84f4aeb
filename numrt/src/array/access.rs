//! Indexing, assignment and layout changes on `Array`. Views (basic indexing, reshape when the
//! layout allows, transpose, broadcast_to) claim the base first, so they share its buffer; copies
//! (advanced indexing, reshape that needs one) only read. Assignments claim, run the write
//! barrier, then write.

use dtypes::{DType, Scalar};

use crate::array::{Array, ArrayOrScalar};
use crate::error::NumrtError;
use crate::graph::prepare_write;
use crate::index::IndexItem;
use crate::nested::{numpy_scalar_to_dtype, PyScalar};
use crate::view::View;

impl Array {
    /// `a[items]`: a view sharing the buffer for basic indices, a new array for advanced ones.
    pub fn getitem(&self, items: &[IndexItem]) -> Result<Array, NumrtError> {
        if is_basic(items) {
            let base = self.claim()?;
            return Ok(Array::from_view(base.index_get(items)?));
        }
        Ok(Array::from_view(self.force()?.index_get(items)?))
    }

    /// `a[items] = value`.
    pub fn setitem(&self, items: &[IndexItem], value: ArrayOrScalar) -> Result<(), NumrtError> {
        let dtype = self.dtype();
        let mut value = value_view(value, dtype)?;
        let target = self.claim()?;
        target.check_writeable()?;
        if value.may_share_memory(&target) {
            value = value.to_contiguous(value.dtype)?;
        }
        prepare_write(&target.buffer)?;
        target.index_set(items, &value)
    }

    /// `a.fill(value)` / `a[...] = scalar`.
    pub fn fill(&self, value: ArrayOrScalar) -> Result<(), NumrtError> {
        let scalar = match value {
            ArrayOrScalar::Array(a) => {
                let v = a.force()?;
                if v.size() != 1 {
                    return Err(NumrtError::Value("fill value must be a scalar or a size-1 array".into()));
                }
                v.to_scalars()[0]
            }
            other => scalar_for_store(other, self.dtype())?,
        };
        let target = self.view_for_write()?;
        target.fill(scalar.cast(target.dtype))
    }

    /// `a.reshape(newshape)` (-1 allowed): a view when the layout allows, else a C-order copy.
    pub fn reshape(&self, newshape: &[isize]) -> Result<Array, NumrtError> {
        if self.force()?.reshape(newshape)?.is_some() {
            let base = self.claim()?;
            if let Some(v) = base.reshape(newshape)? {
                return Ok(Array::from_view(v));
            }
        }
        let v = self.force()?;
        let copy = v.to_contiguous(v.dtype)?;
        let reshaped = copy.reshape(newshape)?.ok_or_else(|| NumrtError::Internal("contiguous reshape failed".into()))?;
        Ok(Array::from_view(reshaped))
    }

    /// `a.transpose(axes)` (a view).
    pub fn transpose(&self, axes: Option<&[isize]>) -> Result<Array, NumrtError> {
        Ok(Array::from_view(self.claim()?.transpose(axes)?))
    }

    /// `np.take(a, indices, out=out)` with `axis=None`, `mode='raise'`: the elements of the
    /// flattened array at `indices`, in `indices`' shape. With `out` (of that shape and of this
    /// array's dtype) the result is written there, through a temporary when `out` shares memory
    /// with an operand, and `out` is returned.
    pub fn take(&self, indices: &Array, out: Option<&Array>) -> Result<Array, NumrtError> {
        let (src, idx) = (self.force()?, indices.force()?);
        let Some(out) = out else { return Ok(Array::from_view(crate::ops::take(&src, &idx)?)) };
        let target = out.view_for_write()?;
        crate::ops::take::check_out(&src, &idx, &target)?;
        if target.may_share_memory(&src) || target.may_share_memory(&idx) {
            crate::copy::copy_into(&target, &crate::ops::take(&src, &idx)?)?;
        } else {
            crate::ops::take_into(&src, &idx, &target)?;
        }
        Ok(Array::from_view(target))
    }

    /// `np.broadcast_to(a, shape)` (a read-only view).
    pub fn broadcast_to(&self, shape: &[usize]) -> Result<Array, NumrtError> {
        Ok(Array::from_view(self.claim()?.broadcast_to(shape)?))
    }
}

fn is_basic(items: &[IndexItem]) -> bool {
    items.iter().all(|it| match it {
        IndexItem::IntArray(v) => v.ndim() == 0 && v.dtype.is_integer(),
        IndexItem::BoolArray(_) => false,
        _ => true,
    })
}

/// A value to assign, as a view (scalars become 0-d arrays of the target's dtype).
fn value_view(value: ArrayOrScalar, dtype: DType) -> Result<View, NumrtError> {
    if let ArrayOrScalar::Array(a) = value {
        return a.force();
    }
    let s = scalar_for_store(value, dtype)?;
    let v = View::zeros(&[], dtype)?;
    v.set(&[], s)?;
    Ok(v)
}

/// NumPy's conversion of a scalar stored into an array of `dtype` (setitem rules).
fn scalar_for_store(value: ArrayOrScalar, dtype: DType) -> Result<Scalar, NumrtError> {
    match value {
        ArrayOrScalar::PyBool(b) => PyScalar::Bool(b).to_dtype(dtype),
        ArrayOrScalar::PyInt(v) => PyScalar::Int(v).to_dtype(dtype),
        ArrayOrScalar::PyFloat(x) => PyScalar::Float(x).to_dtype(dtype),
        ArrayOrScalar::PyComplex(re, im) => PyScalar::Complex(re, im).to_dtype(dtype),
        ArrayOrScalar::Scalar(s) => numpy_scalar_to_dtype(s, dtype),
        ArrayOrScalar::Array(_) => Err(NumrtError::Internal("scalar_for_store of an array".into())),
    }
}
