//! Element access on numpypy arrays straight through their numrt views: `a[i]`, `a[i, j]`
//! with negative indexes read a NumPy scalar of the array's dtype; `a[i, j] = x` stores values
//! whose conversion is exact and free of NumPy warnings. Out-of-bounds indexes, slices, fancy
//! indexes, read-only arrays and converting stores go to the host (numpypy's own `__getitem__` /
//! `__setitem__`), which raises NumPy's exact errors. Writes run numrt's write barrier first.

use dtypes::{DType, Scalar};

use crate::num::np;
use crate::value::{ArrayRef, Value};

/// An index usable on the fast path: a Python int, bool excluded (`a[True]` is a mask).
fn index_value(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Np(s) if s.dtype().is_integer() => np::item(*s).as_small_int(),
        _ => None,
    }
}

/// The byte offset of element `idx` from the view's data pointer; None when an index is out of
/// bounds or not a plain int, or the rank does not match.
pub fn element_offset(a: &ArrayRef, idx: &[Value]) -> Option<isize> {
    let v = &a.view;
    if idx.len() != v.shape.len() {
        return None;
    }
    let mut off = 0isize;
    for ((ix, &n), &stride) in idx.iter().zip(&v.shape).zip(&v.strides) {
        let mut i = index_value(ix)?;
        if i < 0 {
            i += n as i64;
        }
        if i < 0 || i >= n as i64 {
            return None;
        }
        off += i as isize * stride;
    }
    Some(off)
}

/// `a[idx...]` as a NumPy scalar, when it is one in-bounds element.
pub fn get_element(a: &ArrayRef, idx: &[Value]) -> Option<Value> {
    let off = element_offset(a, idx)?;
    // SAFETY: the offset addresses an in-bounds element of a live view (the view holds its
    // buffer alive).
    let s = unsafe { Scalar::read_from(a.view.dtype, a.view.data_ptr().offset(off)) };
    Some(Value::Np(s))
}

/// The value `x` stored into an array of `dtype`, when the store is exact and warning-free.
pub fn store_value(dtype: DType, x: &Value) -> Option<Scalar> {
    match (dtype, x) {
        (_, Value::Np(s)) if s.dtype() == dtype => Some(*s),
        (DType::Float64, Value::Float(f)) => Some(Scalar::Float64(*f)),
        (DType::Float64, Value::Int(i)) if i.unsigned_abs() <= 1 << 53 => Some(Scalar::Float64(*i as f64)),
        (DType::Float32, Value::Float(f)) => {
            let g = *f as f32;
            (g.is_finite() || !f.is_finite()).then_some(Scalar::Float32(g))
        }
        (DType::Bool, Value::Bool(b)) => Some(Scalar::Bool(*b)),
        (d, Value::Bool(b)) if d.is_integer() || d.is_float() => Some(Scalar::Bool(*b).cast(d)),
        (d, Value::Int(i)) if d.is_integer() => {
            let (lo, hi) = d.int_limits()?;
            ((*i as i128) >= lo && (*i as i128) <= hi).then(|| Scalar::Int64(*i).cast(d))
        }
        _ => None,
    }
}

/// `a[idx...] = x` when the element path applies; false leaves it to the host.
pub fn set_element(a: &ArrayRef, idx: &[Value], x: &Value) -> bool {
    if !a.view.writeable() {
        return false;
    }
    let Some(s) = store_value(a.view.dtype, x) else { return false };
    let Some(off) = element_offset(a, idx) else { return false };
    if numrt::graph::prepare_write(&a.view.buffer).is_err() {
        return false;
    }
    // SAFETY: in-bounds element of a writeable live view; the write barrier has run.
    unsafe { s.write_to(a.view.data_ptr().offset(off)) };
    true
}

/// `a.shape` as a tuple of ints.
pub fn shape(a: &ArrayRef) -> Value {
    Value::tuple(a.view.shape.iter().map(|&n| Value::Int(n as i64)).collect())
}
