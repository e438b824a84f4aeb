//! NumPy's memory layout of advanced-indexing results. NumPy computes `a[:, [1, 2]]` with the
//! advanced-index dimensions first and returns a transposed view of that array, so the result
//! is not C-contiguous and its `base` is the intermediate. numrt returns a C-ordered result;
//! this module re-lays it out as NumPy does (one extra copy) so strides, flags and `base` agree.
//!
//! NumPy's rule (`mapping.c`): when any index is an array, integers count as array indices too;
//! if the array indices are consecutive and preceded by result dimensions (slices, newaxis,
//! an ellipsis), the array dimensions are moved from the front to that position.

use numrt::{Array, IndexItem};
use pyo3::prelude::*;

use crate::errors::IntoPyResult;
use crate::ndarray::PyNdArray;

/// Where NumPy moves the advanced-index dimensions: `(position, count)` when it transposes.
fn moved_fancy_dims(items: &[IndexItem], ndim: usize, result_ndim: usize) -> Option<(usize, usize)> {
    let is_array = |it: &IndexItem| match it {
        IndexItem::IntArray(v) => v.ndim() > 0 || !v.dtype.is_integer(),
        IndexItem::BoolArray(v) => v.ndim() > 0,
        _ => false,
    };
    if !items.iter().any(is_array) {
        return None;
    }
    let fancy = |it: &IndexItem| is_array(it) || matches!(it, IndexItem::Int(_) | IndexItem::IntArray(_));
    let first = items.iter().position(fancy)?;
    let last = items.iter().rposition(fancy)?;
    if !items[first..=last].iter().all(fancy) {
        return None; // not consecutive: NumPy keeps the array dimensions first
    }
    let indexed: usize = items
        .iter()
        .map(|it| match it {
            IndexItem::NewAxis | IndexItem::Ellipsis => 0,
            IndexItem::BoolArray(v) => v.ndim(),
            _ => 1,
        })
        .sum();
    let ellipsis_dims = ndim.saturating_sub(indexed);
    let dims_of = |it: &IndexItem| match it {
        IndexItem::Slice { .. } | IndexItem::NewAxis => 1,
        IndexItem::Ellipsis => ellipsis_dims,
        _ => 0,
    };
    let before: usize = items[..first].iter().map(dims_of).sum();
    // Dimensions not indexed at all trail the result when there is no ellipsis.
    let trailing = if items.iter().any(|it| matches!(it, IndexItem::Ellipsis)) { 0 } else { ellipsis_dims };
    let after: usize = items[last + 1..].iter().map(dims_of).sum::<usize>() + trailing;
    let count = result_ndim.checked_sub(before + after)?;
    (before > 0 && count > 0).then_some((before, count))
}

/// Wrap an advanced-indexing result with NumPy's layout (see the module header).
pub fn wrap_fancy(py: Python<'_>, items: &[IndexItem], ndim: usize, result: Array) -> PyResult<Py<PyAny>> {
    let Some((pos, count)) = moved_fancy_dims(items, ndim, result.ndim()) else {
        return Ok(Py::new(py, PyNdArray::new(result))?.into_any());
    };
    let n = result.ndim();
    let front: Vec<isize> = (pos..pos + count).chain(0..pos).chain(pos + count..n).map(|k| k as isize).collect();
    let mut back = vec![0isize; n];
    for (k, &axis) in front.iter().enumerate() {
        back[axis as usize] = k as isize;
    }
    let arranged = result.transpose(Some(&front)).py()?;
    let view = arranged.force().py()?;
    let owned = Array::from_view(view.to_contiguous(view.dtype).py()?);
    let moved = owned.transpose(Some(&back)).py()?;
    let owner = Py::new(py, PyNdArray::new(owned))?.into_any();
    Ok(Py::new(py, PyNdArray::with_base(moved, owner))?.into_any())
}
