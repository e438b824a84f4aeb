//! Advanced (fancy) indexing: integer and boolean array indices, mixed with basic ones.
//!
//! NumPy's rules, implemented once in `Plan`: boolean masks become their `nonzero()` integer
//! arrays; integers (and 0-d integer arrays) become 0-d index arrays as soon as any array index
//! is present; all index arrays broadcast together to one shape `B`; when the array indices are
//! adjacent in the index tuple, `B` replaces their axes in place, otherwise it goes first.
//! `gather` builds the result array, `scatter` assigns through the same plan.

use dtypes::{with_dtype, DType};

use super::{ellipsis_span, wrap_index, IndexItem};
use crate::copy::copy_strided;
use crate::error::{fmt_shape, NumrtError};
use crate::iter::RunLayout;
use crate::layout::{broadcast_shapes, broadcast_strides};
use crate::view::{c_strides, checked_nbytes, checked_size, View};

/// One index array, its values already read as i64 in C order.
struct IndexArray {
    values: Vec<i64>,
    shape: Vec<usize>,
    /// Axis of `Plan::base` it indexes.
    base_axis: usize,
    /// Axis of the original array, for error messages (`None` for a 0-d boolean's new axis).
    orig_axis: usize,
    /// Whether it came from an integer (not listed in broadcast error messages, as in NumPy).
    from_int: bool,
}

/// The resolved index: a view with every array-indexed axis still present, the index arrays,
/// and the byte offset each broadcast index position selects.
struct Plan {
    base: View,
    arrays: Vec<IndexArray>,
    /// Shape of the broadcast index arrays.
    bshape: Vec<usize>,
    /// Non-indexed axes of `base` placed before / after the broadcast block in the result.
    pre: Vec<usize>,
    post: Vec<usize>,
}

const NOT_INTEGER: &str = "arrays used as indices must be of integer (or boolean) type";

/// Read an integer index array as i64 values in C order (unsafe cast: uint64 wraps as NumPy's
/// intp cast does).
fn read_indices(v: &View) -> Result<Vec<i64>, NumrtError> {
    if !v.dtype.is_integer() {
        return Err(NumrtError::Index(NOT_INTEGER.into()));
    }
    let c = v.to_contiguous(DType::Int64)?;
    // SAFETY: `c` is a fresh C-contiguous int64 array of `c.size()` elements.
    Ok(unsafe { std::slice::from_raw_parts(c.data_ptr() as *const i64, c.size()) }.to_vec())
}

/// `nonzero()` of any array: one int64 index array per axis (NumPy raises for 0-d arrays).
pub fn nonzero(v: &View) -> Result<Vec<View>, NumrtError> {
    if v.ndim() == 0 {
        return Err(NumrtError::Value(
            "Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar).nonzero() instead.".into(),
        ));
    }
    let coords = nonzero_coords(v);
    let n = coords.len() / v.ndim();
    (0..v.ndim())
        .map(|k| {
            let out = View::zeros(&[n], DType::Int64)?;
            let p = out.data_ptr() as *mut i64;
            for (i, c) in coords.iter().skip(k).step_by(v.ndim()).enumerate() {
                // SAFETY: `out` has `n` int64 elements and `i < n`.
                unsafe { p.add(i).write(*c as i64) };
            }
            Ok(out)
        })
        .collect()
}

/// Multi-indices (flattened, `ndim` per element) of the non-zero elements in C order.
fn nonzero_coords(v: &View) -> Vec<usize> {
    let mut out = Vec::new();
    let mut idx = vec![0usize; v.ndim()];
    if v.size() == 0 {
        return out;
    }
    let p0 = v.data_ptr();
    with_dtype!(v.dtype, T => loop {
        // SAFETY: `idx` is always a valid multi-index of `v`.
        let x = unsafe { (p0.offset(v.byte_offset(&idx)) as *const T).read_unaligned() };
        if x != T::default() {
            out.extend_from_slice(&idx);
        }
        if !odometer_step(&mut idx, &v.shape) {
            break;
        }
    });
    out
}

/// Advance a C-order multi-index; false once it wraps around.
fn odometer_step(idx: &mut [usize], shape: &[usize]) -> bool {
    for k in (0..idx.len()).rev() {
        idx[k] += 1;
        if idx[k] < shape[k] {
            return true;
        }
        idx[k] = 0;
    }
    false
}

/// What the walk over the index items collects before the basic part is applied.
#[derive(Default)]
struct Parsed {
    basic: Vec<IndexItem>,
    arrays: Vec<IndexArray>,
    /// Per item: whether it is an advanced index (for the adjacency rule).
    advanced: Vec<bool>,
}

impl Parsed {
    /// Base axis the next pushed basic item will produce.
    fn next_base_axis(&self, span: usize) -> usize {
        self.basic
            .iter()
            .map(|it| if matches!(it, IndexItem::Ellipsis) { span } else { 1 })
            .sum()
    }

    fn push_array(&mut self, values: Vec<i64>, shape: Vec<usize>, orig_axis: usize, span: usize, from_int: bool) {
        let base_axis = self.next_base_axis(span);
        self.arrays.push(IndexArray { values, shape, base_axis, orig_axis, from_int });
        self.basic.push(IndexItem::full());
    }

    /// A boolean mask over `v`'s axes starting at `axis`: its nonzero() arrays, one per axis.
    fn push_mask(&mut self, v: &View, mask: &View, axis: usize, span: usize) -> Result<(), NumrtError> {
        if mask.ndim() == 0 {
            let truth = mask.get(&[])?.cast(DType::Bool) == dtypes::Scalar::Bool(true);
            let base_axis = self.next_base_axis(span);
            let values = if truth { vec![0] } else { vec![] };
            self.arrays.push(IndexArray { shape: vec![values.len()], values, base_axis, orig_axis: 0, from_int: false });
            self.basic.push(IndexItem::NewAxis);
            return Ok(());
        }
        for (j, &m) in mask.shape.iter().enumerate() {
            if v.shape[axis + j] != m {
                return Err(NumrtError::Index(format!(
                    "boolean index did not match indexed array along axis {}; size of axis is {} but size of corresponding boolean axis is {}",
                    axis + j,
                    v.shape[axis + j],
                    m
                )));
            }
        }
        let coords = nonzero_coords(mask);
        let n = coords.len() / mask.ndim();
        for j in 0..mask.ndim() {
            let values = coords.iter().skip(j).step_by(mask.ndim()).map(|&c| c as i64).collect();
            self.push_array(values, vec![n], axis + j, span, false);
        }
        Ok(())
    }
}

/// An integer among array indices: bounds-checked at once (NumPy's `prepare_index` does), then a
/// 0-d index array.
fn push_integer(p: &mut Parsed, v: &View, i: i64, axis: usize, span: usize) -> Result<(), NumrtError> {
    let i = super::wrap_index(i, axis, v.shape[axis])? as i64;
    p.push_array(vec![i], vec![], axis, span, true);
    Ok(())
}

/// Walk the index items: basic items pass through, array indices become `IndexArray`s on full
/// slices (a 0-d boolean on a new axis).
fn parse(v: &View, items: &[IndexItem]) -> Result<Parsed, NumrtError> {
    let span = ellipsis_span(items, v.ndim())?;
    let mut p = Parsed::default();
    let mut axis = 0;
    for item in items {
        let mut advanced = true;
        match item {
            IndexItem::Int(i) => {
                push_integer(&mut p, v, *i, axis, span)?;
                axis += 1;
            }
            IndexItem::IntArray(a) if a.ndim() == 0 && a.dtype.is_integer() => {
                push_integer(&mut p, v, read_indices(a)?[0], axis, span)?;
                axis += 1;
            }
            IndexItem::IntArray(m) | IndexItem::BoolArray(m) if m.dtype.is_bool() => {
                p.push_mask(v, m, axis, span)?;
                axis += m.ndim();
            }
            IndexItem::BoolArray(_) => return Err(NumrtError::Internal("BoolArray of a non-bool dtype".into())),
            IndexItem::IntArray(a) => {
                let values = read_indices(a)?;
                p.push_array(values, a.shape.clone(), axis, span, false);
                axis += 1;
            }
            IndexItem::Ellipsis => {
                advanced = false;
                p.basic.push(item.clone());
                axis += span;
            }
            IndexItem::Slice { .. } | IndexItem::NewAxis => {
                advanced = false;
                if matches!(item, IndexItem::Slice { .. }) {
                    axis += 1;
                }
                p.basic.push(item.clone());
            }
        }
        p.advanced.push(advanced);
    }
    Ok(p)
}

/// Whether the advanced items form one run in the index tuple.
fn adjacent(advanced: &[bool]) -> bool {
    let first = advanced.iter().position(|&a| a);
    let last = advanced.iter().rposition(|&a| a);
    match (first, last) {
        (Some(f), Some(l)) => advanced[f..=l].iter().all(|&a| a),
        _ => true,
    }
}

/// Broadcast shape of the index arrays, or NumPy's IndexError listing their shapes.
fn broadcast_index_shapes(arrays: &[IndexArray]) -> Result<Vec<usize>, NumrtError> {
    let shapes: Vec<&[usize]> = arrays.iter().map(|a| a.shape.as_slice()).collect();
    broadcast_shapes(&shapes).map_err(|_| {
        let listed: String =
            arrays.iter().filter(|a| !a.from_int).map(|a| format!("{} ", fmt_shape(&a.shape))).collect();
        NumrtError::Index(format!("shape mismatch: indexing arrays could not be broadcast together with shapes {listed}"))
    })
}

/// Byte offset of every broadcast index position: the sum over index arrays of the (wrapped,
/// bounds-checked) index times the stride of its axis.
fn adv_offsets(base: &View, arrays: &[IndexArray], bshape: &[usize]) -> Result<Vec<isize>, NumrtError> {
    let n = checked_size(bshape)?;
    let mut offsets = vec![0isize; n];
    if n == 0 {
        return Ok(offsets);
    }
    for a in arrays {
        let size = base.shape[a.base_axis];
        let stride = base.strides[a.base_axis];
        let wrapped: Vec<isize> = a
            .values
            .iter()
            .map(|&i| wrap_index(i, a.orig_axis, size).map(|w| w as isize * stride))
            .collect::<Result<_, _>>()?;
        let strides = broadcast_strides(&a.shape, &c_strides(&a.shape, 1), bshape)?;
        let layout = RunLayout::new(bshape, &[&strides]);
        let mut pos = 0;
        layout.for_each_run(|offs, len, inner| {
            for i in 0..len as isize {
                offsets[pos] += wrapped[(offs[0] + i * inner[0]) as usize];
                pos += 1;
            }
        });
    }
    Ok(offsets)
}

impl Plan {
    fn new(v: &View, items: &[IndexItem]) -> Result<Plan, NumrtError> {
        let parsed = parse(v, items)?;
        let base = v.index_basic(&parsed.basic)?;
        let bshape = broadcast_index_shapes(&parsed.arrays)?;
        let adv_axes: Vec<usize> = parsed.arrays.iter().map(|a| a.base_axis).collect();
        let rest = (0..base.ndim()).filter(|k| !adv_axes.contains(k));
        let first = *adv_axes.iter().min().expect("advanced plan has an index array");
        let (pre, post) = if adjacent(&parsed.advanced) {
            rest.partition(|&k| k < first)
        } else {
            (vec![], rest.collect())
        };
        Ok(Plan { base, arrays: parsed.arrays, bshape, pre, post })
    }

    fn dims(&self, axes: &[usize]) -> Vec<usize> {
        axes.iter().map(|&k| self.base.shape[k]).collect()
    }

    fn strides(&self, axes: &[usize]) -> Vec<isize> {
        axes.iter().map(|&k| self.base.strides[k]).collect()
    }

    /// Shape of the indexing result: pre axes, broadcast index shape, post axes.
    fn result_shape(&self) -> Vec<usize> {
        [self.dims(&self.pre), self.bshape.clone(), self.dims(&self.post)].concat()
    }

    /// Bounds-check the index arrays (NumPy does it while iterating, after the shapes were
    /// checked) and return the byte offset of every broadcast index position.
    fn offsets(&self) -> Result<Vec<isize>, NumrtError> {
        adv_offsets(&self.base, &self.arrays, &self.bshape)
    }

    /// Call `f(base_offset, block)` for each (pre position, index position) in result order;
    /// `block` counts the post-shaped blocks of the result.
    fn for_each_block(&self, adv_offsets: &[isize], mut f: impl FnMut(isize, usize)) {
        let pre_strides = self.strides(&self.pre);
        let layout = RunLayout::new(&self.dims(&self.pre), &[&pre_strides]);
        let mut block = 0;
        layout.for_each_run(|offs, n, inner| {
            for i in 0..n as isize {
                for &a in adv_offsets {
                    f(offs[0] + i * inner[0] + a, block);
                    block += 1;
                }
            }
        });
    }

    /// Copy one post-shaped block in either direction between `base` (at a byte offset) and a
    /// C-contiguous block (at a byte offset); `to_base` picks the direction.
    fn copy_block(&self, layout: &RunLayout, base_off: isize, block_ptr: *mut u8, to_base: bool) {
        let itemsize = self.base.dtype.itemsize();
        let b0 = self.base.data_ptr();
        layout.for_each_run(|offs, n, inner| {
            // SAFETY: base offsets are in-bounds (checked indices, view layout); block offsets
            // stay inside the block of the freshly allocated contiguous array.
            unsafe {
                let (bp, cp) = (b0.offset(base_off + offs[1]), block_ptr.offset(offs[0]));
                if to_base {
                    copy_strided(cp, inner[0], bp, inner[1], n, itemsize)
                } else {
                    copy_strided(bp, inner[1], cp, inner[0], n, itemsize)
                }
            }
        });
    }

    fn post_layout(&self) -> (RunLayout, usize) {
        let dims = self.dims(&self.post);
        let itemsize = self.base.dtype.itemsize();
        let block_bytes = dims.iter().product::<usize>() * itemsize;
        (RunLayout::new(&dims, &[&c_strides(&dims, itemsize), &self.strides(&self.post)]), block_bytes)
    }
}

/// `a[items]` with at least one array index: a new C-contiguous array.
pub(super) fn gather(v: &View, items: &[IndexItem]) -> Result<View, NumrtError> {
    let plan = Plan::new(v, items)?;
    let offsets = plan.offsets()?;
    let out = View::zeros(&plan.result_shape(), v.dtype)?;
    if out.size() == 0 {
        return Ok(out);
    }
    let (layout, block_bytes) = plan.post_layout();
    let o0 = out.data_ptr();
    plan.for_each_block(&offsets, |base_off, block| {
        // SAFETY: `block` < number of blocks of `out`, each `block_bytes` long.
        let dst = unsafe { o0.add(block * block_bytes) };
        plan.copy_block(&layout, base_off, dst, false);
    });
    Ok(out)
}

/// `a[items] = value` with at least one array index: `value` is broadcast to the indexing
/// result's shape and cast to `a`'s dtype; positions are written in C order of the result, so
/// the last of repeated indices wins.
pub(super) fn scatter(v: &View, items: &[IndexItem], value: &View) -> Result<(), NumrtError> {
    v.check_writeable()?;
    let plan = Plan::new(v, items)?;
    let shape = plan.result_shape();
    let values = broadcast_value(value, &shape)?;
    let offsets = plan.offsets()?;
    let values = values.to_contiguous(v.dtype)?;
    if values.size() == 0 {
        return Ok(());
    }
    let (layout, block_bytes) = plan.post_layout();
    let s0 = values.data_ptr();
    plan.for_each_block(&offsets, |base_off, block| {
        // SAFETY: as in `gather`; `values` has the result's shape.
        let src = unsafe { s0.add(block * block_bytes) };
        plan.copy_block(&layout, base_off, src, true);
    });
    Ok(())
}

/// `a[mask] = value` for one mask of `a`'s shape: NumPy's boolean-assignment path, which takes
/// only a 0-d value or a 1-d one of length 1 or the number of true elements.
pub(super) fn assign_mask(v: &View, mask: &View, value: &View) -> Result<(), NumrtError> {
    if value.ndim() > 1 {
        return Err(NumrtError::Type(format!(
            "NumPy boolean array indexing assignment requires a 0 or 1-dimensional input, input has {} dimensions",
            value.ndim()
        )));
    }
    let count = if mask.ndim() == 0 {
        (mask.get(&[])?.cast(DType::Bool) == dtypes::Scalar::Bool(true)) as usize
    } else {
        nonzero_coords(mask).len() / mask.ndim()
    };
    if value.ndim() == 1 && value.shape[0] != 1 && value.shape[0] != count {
        return Err(NumrtError::Value(format!(
            "NumPy boolean array indexing assignment cannot assign {} input values to the {count} output values where the mask is true",
            value.shape[0]
        )));
    }
    scatter(v, &[IndexItem::BoolArray(mask.clone())], value)
}

/// `value` broadcast to the indexing result (leading length-1 axes beyond its rank dropped),
/// or NumPy's ValueError.
fn broadcast_value(value: &View, shape: &[usize]) -> Result<View, NumrtError> {
    let extra = value.ndim().saturating_sub(shape.len());
    let k = value.shape[..extra].iter().take_while(|&&d| d == 1).count();
    let err = || {
        NumrtError::Value(format!(
            "shape mismatch: value array of shape {} could not be broadcast to indexing result of shape {}",
            fmt_shape(&value.shape),
            fmt_shape(shape)
        ))
    };
    let strides = broadcast_strides(&value.shape[k..], &value.strides[k..], shape).map_err(|_| err())?;
    checked_nbytes(shape, value.dtype)?;
    value.with_layout(value.offset as isize, shape.to_vec(), strides)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dtypes::Scalar;

    fn arange(shape: &[usize]) -> View {
        let v = View::zeros(shape, DType::Int64).unwrap();
        let n = v.size();
        let p = v.data_ptr() as *mut i64;
        (0..n).for_each(|i| unsafe { p.add(i).write(i as i64) });
        v
    }

    fn ints(values: &[i64]) -> View {
        let v = View::zeros(&[values.len()], DType::Int64).unwrap();
        for (i, &x) in values.iter().enumerate() {
            v.set(&[i], Scalar::Int64(x)).unwrap();
        }
        v
    }

    fn values(v: &View) -> Vec<i64> {
        v.to_scalars().into_iter().map(|s| s.get::<i64>().unwrap()).collect()
    }

    #[test]
    fn separated_indices_put_broadcast_dims_first() {
        let a = arange(&[2, 3, 4]);
        let r = a.index_get(&[IndexItem::Int(0), IndexItem::full(), IndexItem::IntArray(ints(&[0, 1]))]).unwrap();
        assert_eq!(r.shape, vec![2, 3]);
        assert_eq!(values(&r), vec![0, 4, 8, 1, 5, 9]);
        let r = a.index_get(&[IndexItem::full(), IndexItem::Int(0), IndexItem::IntArray(ints(&[0, -1]))]).unwrap();
        assert_eq!(r.shape, vec![2, 2]);
        assert_eq!(values(&r), vec![0, 3, 12, 15]);
    }

    #[test]
    fn scatter_last_write_wins() {
        let a = arange(&[4]);
        a.index_set(&[IndexItem::IntArray(ints(&[0, 0]))], &ints(&[7, 9])).unwrap();
        assert_eq!(values(&a), vec![9, 1, 2, 3]);
        let e = a.index_set(&[IndexItem::IntArray(ints(&[0, 1, 2]))], &ints(&[1, 2])).unwrap_err();
        assert_eq!(
            e.to_string(),
            "shape mismatch: value array of shape (2,) could not be broadcast to indexing result of shape (3,)"
        );
    }

    #[test]
    fn errors() {
        let c = arange(&[3, 3]);
        let e = c.index_get(&[IndexItem::IntArray(ints(&[0, 1])), IndexItem::IntArray(ints(&[0, 1, 2]))]).unwrap_err();
        assert_eq!(e.to_string(), "shape mismatch: indexing arrays could not be broadcast together with shapes (2,) (3,) ");
        let e = c.index_get(&[IndexItem::NewAxis, IndexItem::full(), IndexItem::IntArray(ints(&[10]))]).unwrap_err();
        assert_eq!(e.to_string(), "index 10 is out of bounds for axis 1 with size 3");
        let f = View::zeros(&[1], DType::Float64).unwrap();
        assert_eq!(c.index_get(&[IndexItem::IntArray(f)]).unwrap_err().to_string(), NOT_INTEGER);
    }
}
