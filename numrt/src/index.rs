//! NumPy indexing of materialised views: the index items, basic indexing (integers, slices,
//! ellipsis, newaxis -> a view), and the entry points of advanced indexing (integer and boolean
//! arrays -> a gather into a new array, or a scatter on assignment), whose machinery lives in
//! `index::advanced`.
//!
//! Errors carry NumPy's exception class and text. Nothing here is lazy: the Array layer forces
//! operands and runs the write barrier before calling `index_set`.

mod advanced;

use crate::copy::copy_into;
use crate::error::NumrtError;
use crate::view::View;

pub use advanced::nonzero;

/// One item of an index tuple, as Python's `a[...]` passes it.
#[derive(Clone, Debug)]
pub enum IndexItem {
    /// A Python int (or a NumPy integer scalar).
    Int(i64),
    /// A Python slice; `None` fields are omitted bounds.
    Slice { start: Option<i64>, stop: Option<i64>, step: Option<i64> },
    /// `...`
    Ellipsis,
    /// `None` / `np.newaxis`.
    NewAxis,
    /// An integer array (a 0-d one acts as an integer when no other array index is present).
    /// An array of dtype bool given here is treated as a mask.
    IntArray(View),
    /// A boolean mask (a 0-d one adds an axis of length 1 or 0).
    BoolArray(View),
}

impl IndexItem {
    /// The full slice `:`.
    pub fn full() -> IndexItem {
        IndexItem::Slice { start: None, stop: None, step: None }
    }

    /// How many axes of the indexed array this item consumes.
    fn consumed(&self) -> usize {
        match self {
            IndexItem::Int(_) | IndexItem::Slice { .. } => 1,
            IndexItem::Ellipsis | IndexItem::NewAxis => 0,
            IndexItem::IntArray(v) if v.dtype.is_bool() => v.ndim(),
            IndexItem::IntArray(_) => 1,
            IndexItem::BoolArray(v) => v.ndim(),
        }
    }

    fn is_array(&self) -> bool {
        matches!(self, IndexItem::IntArray(_) | IndexItem::BoolArray(_))
    }
}

/// Python's `slice.indices(len)` (CPython's `PySlice_Unpack` + `PySlice_AdjustIndices`):
/// `(start, step, length)` of the selected positions. Step 0 is NumPy's ValueError.
pub fn slice_indices(
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
    len: usize,
) -> Result<(i64, i64, usize), NumrtError> {
    let step = step.unwrap_or(1).max(-i64::MAX);
    if step == 0 {
        return Err(NumrtError::Value("slice step cannot be zero".into()));
    }
    let len = len as i128;
    let clip = |v: Option<i64>, default: i128| -> i128 {
        let Some(v) = v else { return default };
        let v = v as i128;
        if v < 0 {
            let w = v + len;
            if w < 0 {
                if step < 0 { -1 } else { 0 }
            } else {
                w
            }
        } else if v >= len {
            if step < 0 { len - 1 } else { len }
        } else {
            v
        }
    };
    let (start, stop) = if step < 0 { (clip(start, len - 1), clip(stop, -1)) } else { (clip(start, 0), clip(stop, len)) };
    let s = step as i128;
    let n = if step < 0 {
        if stop < start { (start - stop - 1) / -s + 1 } else { 0 }
    } else if start < stop {
        (stop - start - 1) / s + 1
    } else {
        0
    };
    Ok((start as i64, step, n as usize))
}

/// A possibly negative integer index made non-negative, or NumPy's IndexError.
pub fn wrap_index(index: i64, axis: usize, size: usize) -> Result<usize, NumrtError> {
    let i = index as i128 + if index < 0 { size as i128 } else { 0 };
    if i < 0 || i >= size as i128 {
        return Err(NumrtError::IndexOutOfBounds { index, axis, size });
    }
    Ok(i as usize)
}

/// Check the ellipsis count and rank of an index tuple; return how many axes the ellipsis (or
/// the implicit trailing `...`) stands for.
fn ellipsis_span(items: &[IndexItem], ndim: usize) -> Result<usize, NumrtError> {
    if items.iter().filter(|i| matches!(i, IndexItem::Ellipsis)).count() > 1 {
        return Err(NumrtError::Index("an index can only have a single ellipsis ('...')".into()));
    }
    let used: usize = items.iter().map(IndexItem::consumed).sum();
    if used > ndim {
        return Err(NumrtError::Index(format!(
            "too many indices for array: array is {ndim}-dimensional, but {used} were indexed"
        )));
    }
    Ok(ndim - used)
}

impl View {
    /// Basic indexing (integers, slices, ellipsis, newaxis): always a view sharing the buffer.
    /// New axes get stride 0, as in NumPy.
    pub fn index_basic(&self, items: &[IndexItem]) -> Result<View, NumrtError> {
        let span = ellipsis_span(items, self.ndim())?;
        let mut offset = self.offset as isize;
        let (mut shape, mut strides) = (Vec::new(), Vec::new());
        let mut axis = 0;
        for item in items {
            match item {
                IndexItem::Int(i) => {
                    let i = wrap_index(*i, axis, self.shape[axis])?;
                    offset += i as isize * self.strides[axis];
                    axis += 1;
                }
                IndexItem::Slice { start, stop, step } => {
                    let (start, step, n) = slice_indices(*start, *stop, *step, self.shape[axis])?;
                    // NumPy points an empty slice at element 0 with step 1.
                    let (start, step) = if n == 0 { (0, 1) } else { (start, step) };
                    offset += start as isize * self.strides[axis];
                    shape.push(n);
                    strides.push(step as isize * self.strides[axis]);
                    axis += 1;
                }
                IndexItem::NewAxis => {
                    shape.push(1);
                    strides.push(0);
                }
                IndexItem::Ellipsis => {
                    shape.extend_from_slice(&self.shape[axis..axis + span]);
                    strides.extend_from_slice(&self.strides[axis..axis + span]);
                    axis += span;
                }
                IndexItem::IntArray(_) | IndexItem::BoolArray(_) => {
                    return Err(NumrtError::Internal("index_basic given an array index".into()))
                }
            }
        }
        shape.extend_from_slice(&self.shape[axis..]);
        strides.extend_from_slice(&self.strides[axis..]);
        self.with_layout(offset, shape, strides)
    }

    /// `a[items]`: a view for basic indices, a new array (gather) when any array index is
    /// present, with NumPy's rules for where the broadcast index dims go.
    pub fn index_get(&self, items: &[IndexItem]) -> Result<View, NumrtError> {
        match as_basic(items) {
            Some(basic) => self.index_basic(&basic),
            None => advanced::gather(self, items),
        }
    }

    /// `a[items] = value`: assignment through a basic view, or a scatter for advanced indices
    /// (value broadcast to the indexed shape and cast; repeated indices: the last write wins).
    /// NumPy's two special paths are kept: a full integer index stores one element (an array
    /// value with dims is "setting an array element with a sequence."), and a single mask of the
    /// array's shape takes a 0- or 1-d value of matching length.
    pub fn index_set(&self, items: &[IndexItem], value: &View) -> Result<(), NumrtError> {
        self.check_writeable()?;
        if let [IndexItem::IntArray(m) | IndexItem::BoolArray(m)] = items {
            if m.dtype.is_bool() && m.shape == self.shape {
                return advanced::assign_mask(self, m, value);
            }
        }
        match as_basic(items) {
            Some(basic) => {
                let target = self.index_basic(&basic)?;
                let full_integer = basic.len() == self.ndim() && basic.iter().all(|i| matches!(i, IndexItem::Int(_)));
                if full_integer && value.ndim() > 0 {
                    return Err(NumrtError::Value("setting an array element with a sequence.".into()));
                }
                copy_into(&target, value)
            }
            None => advanced::scatter(self, items, value),
        }
    }
}

/// The items as a basic index, when they are one: no arrays except 0-d integer arrays, which
/// then act as integers. `None` when advanced indexing is needed.
fn as_basic(items: &[IndexItem]) -> Option<Vec<IndexItem>> {
    items
        .iter()
        .map(|item| match item {
            IndexItem::IntArray(v) if v.ndim() == 0 && v.dtype.is_integer() => {
                let i = v.get(&[]).ok()?.cast(dtypes::DType::Int64).get::<i64>()?;
                Some(IndexItem::Int(i))
            }
            it if it.is_array() => None,
            it => Some(it.clone()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use dtypes::{DType, Scalar};

    fn s(start: Option<i64>, stop: Option<i64>, step: Option<i64>) -> IndexItem {
        IndexItem::Slice { start, stop, step }
    }

    #[test]
    fn slices_clip_like_python() {
        assert_eq!(slice_indices(None, None, Some(-1), 5).unwrap(), (4, -1, 5));
        assert_eq!(slice_indices(Some(-10), None, Some(-1), 3).unwrap(), (-1, -1, 0));
        assert_eq!(slice_indices(Some(1), Some(100), Some(2), 6).unwrap(), (1, 2, 3));
        assert_eq!(slice_indices(Some(5), None, None, 3).unwrap(), (3, 1, 0));
        assert_eq!(slice_indices(None, None, Some(i64::MIN), 3).unwrap(), (2, -i64::MAX, 1));
        assert!(slice_indices(None, None, Some(0), 3).is_err());
    }

    #[test]
    fn basic_errors_have_numpy_text() {
        let a = View::zeros(&[3], DType::Float64).unwrap();
        let e = |items: &[IndexItem]| a.index_basic(items).unwrap_err().to_string();
        assert_eq!(e(&[IndexItem::Int(5)]), "index 5 is out of bounds for axis 0 with size 3");
        assert_eq!(e(&[IndexItem::Int(-4)]), "index -4 is out of bounds for axis 0 with size 3");
        assert_eq!(
            e(&[IndexItem::Int(0), IndexItem::Int(0)]),
            "too many indices for array: array is 1-dimensional, but 2 were indexed"
        );
        assert_eq!(e(&[IndexItem::Ellipsis, IndexItem::Ellipsis]), "an index can only have a single ellipsis ('...')");
        assert_eq!(e(&[s(None, None, Some(0))]), "slice step cannot be zero");
    }

    #[test]
    fn reversed_then_newaxis_view() {
        let a = View::zeros(&[2, 3], DType::Int64).unwrap();
        for i in 0..6 {
            a.set(&[i / 3, i % 3], Scalar::Int64(i as i64)).unwrap();
        }
        let v = a.index_basic(&[IndexItem::NewAxis, IndexItem::Ellipsis, s(None, None, Some(-2))]).unwrap();
        assert_eq!(v.shape, vec![1, 2, 2]);
        assert_eq!(v.strides, vec![0, 24, -16]);
        assert_eq!(v.to_scalars(), [2, 0, 5, 3].map(Scalar::Int64).to_vec());
        let empty = a.index_basic(&[s(Some(-10), None, Some(-1))]).unwrap();
        assert_eq!(empty.shape, vec![0, 3]);
    }
}
