//! Shared helpers of the view/index/creation tests: loading the NumPy-generated tables of
//! `scripts/gen_numrt_view_tables.py`, decoding their arrays, and naming errors by NumPy class.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::Arc;

use dtypes::DType;
use numrt::{Buffer, IndexItem, NumrtError, PyScalar, View};
use serde_json::Value;

pub fn load(name: &str) -> Vec<Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/views").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str::<Value>(&text).unwrap().as_array().unwrap().clone()
}

pub fn hex_bytes(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

pub fn usizes(v: &Value) -> Vec<usize> {
    v.as_array().unwrap().iter().map(|x| x.as_u64().unwrap() as usize).collect()
}

pub fn isizes(v: &Value) -> Vec<isize> {
    v.as_array().unwrap().iter().map(|x| x.as_i64().unwrap() as isize).collect()
}

pub fn dtype(v: &Value) -> DType {
    DType::from_name(v.as_str().unwrap()).unwrap()
}

pub fn opt_dtype(v: &Value) -> Option<DType> {
    v.as_str().map(|s| DType::from_name(s).unwrap())
}

/// A C-contiguous array from `bytes` (little-endian, as `tobytes()` writes them).
pub fn view_from_bytes(shape: &[usize], dtype: DType, bytes: &[u8]) -> View {
    let out = View::zeros(shape, dtype).unwrap();
    assert_eq!(bytes.len(), out.size() * dtype.itemsize());
    // SAFETY: `out` is a fresh contiguous buffer of exactly `bytes.len()` bytes.
    unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), out.data_ptr(), bytes.len()) };
    out
}

/// Decode `{"dtype", "shape", "hex"}`.
pub fn array(v: &Value) -> View {
    view_from_bytes(&usizes(&v["shape"]), dtype(&v["dtype"]), &hex_bytes(v["hex"].as_str().unwrap()))
}

/// The C-order bytes of any view.
pub fn bytes_of(v: &View) -> Vec<u8> {
    let c = v.to_contiguous(v.dtype).unwrap();
    let n = c.size() * c.dtype.itemsize();
    // SAFETY: `c` is contiguous with `n` bytes.
    unsafe { std::slice::from_raw_parts(c.data_ptr(), n) }.to_vec()
}

/// Assert `got` has the dtype, shape and exact bytes of the table's array.
pub fn assert_array(got: &View, want: &Value, ctx: &str) {
    assert_eq!(got.dtype, dtype(&want["dtype"]), "dtype: {ctx}");
    assert_eq!(got.shape, usizes(&want["shape"]), "shape: {ctx}");
    assert_eq!(bytes_of(got), hex_bytes(want["hex"].as_str().unwrap()), "values: {ctx}");
}

/// `np.arange(n, dtype=int64).reshape(shape)`, or its transposed-layout twin: the array with
/// that shape whose memory is the C-order array of the reversed shape.
pub fn int_base(shape: &[usize], layout: &str) -> View {
    let n: usize = shape.iter().product();
    let bytes: Vec<u8> = (0..n as i64).flat_map(|i| i.to_le_bytes()).collect();
    if layout == "transposed" {
        let rev: Vec<usize> = shape.iter().rev().copied().collect();
        view_from_bytes(&rev, DType::Int64, &bytes).transpose(None).unwrap()
    } else {
        view_from_bytes(shape, DType::Int64, &bytes)
    }
}

pub fn float_base(shape: &[usize]) -> View {
    let n: usize = shape.iter().product();
    let bytes: Vec<u8> = (0..n).flat_map(|i| (i as f64).to_le_bytes()).collect();
    view_from_bytes(shape, DType::Float64, &bytes)
}

/// A layout over `base`'s buffer (the table's exact strided base).
pub fn relayout(base: &View, offset: isize, shape: Vec<usize>, strides: Vec<isize>) -> View {
    base.with_layout(base.offset as isize + offset, shape, strides).unwrap()
}

pub fn index_items(v: &Value) -> Vec<IndexItem> {
    v.as_array().unwrap().iter().map(index_item).collect()
}

fn opt_i64(v: &Value) -> Option<i64> {
    v.as_i64()
}

fn index_item(v: &Value) -> IndexItem {
    match v {
        Value::String(s) if s == "..." => IndexItem::Ellipsis,
        Value::String(s) if s == "newaxis" => IndexItem::NewAxis,
        _ if v.get("int").is_some() => IndexItem::Int(v["int"].as_i64().unwrap()),
        _ if v.get("slice").is_some() => {
            let s = v["slice"].as_array().unwrap();
            IndexItem::Slice { start: opt_i64(&s[0]), stop: opt_i64(&s[1]), step: opt_i64(&s[2]) }
        }
        _ if v.get("ints").is_some() => IndexItem::IntArray(array(&v["ints"])),
        _ if v.get("mask").is_some() => IndexItem::BoolArray(array(&v["mask"])),
        other => panic!("bad index item {other}"),
    }
}

pub fn py_scalar(v: &Value) -> PyScalar {
    if let Some(b) = v.get("bool") {
        PyScalar::Bool(b.as_bool().unwrap())
    } else if let Some(i) = v.get("int") {
        PyScalar::Int(i.as_str().unwrap().parse().unwrap())
    } else if let Some(f) = v.get("float") {
        PyScalar::Float(f.as_str().unwrap().parse().unwrap())
    } else {
        let c = v["complex"].as_array().unwrap();
        PyScalar::Complex(c[0].as_str().unwrap().parse().unwrap(), c[1].as_str().unwrap().parse().unwrap())
    }
}

/// The NumPy exception class an error maps to (the Python boundary's mapping).
pub fn numpy_class(e: &NumrtError) -> &'static str {
    use dtypes::DTypeError as D;
    match e {
        NumrtError::Broadcast { .. }
        | NumrtError::BroadcastTo { .. }
        | NumrtError::Reshape { .. }
        | NumrtError::Value(_)
        | NumrtError::ReadOnly => "ValueError",
        NumrtError::Axis { .. } | NumrtError::AxisArg { .. } => "AxisError",
        NumrtError::IndexOutOfBounds { .. } | NumrtError::Index(_) => "IndexError",
        NumrtError::Type(_) => "TypeError",
        NumrtError::Overflow(_) => "OverflowError",
        NumrtError::ZeroDivision(_) => "ZeroDivisionError",
        NumrtError::Memory { .. } | NumrtError::ArrayMemory { .. } => "MemoryError",
        NumrtError::NotImplemented(_) => "NotImplementedError",
        NumrtError::DType(D::PyIntOutOfBounds { .. }) => "OverflowError",
        NumrtError::DType(_) => "TypeError",
        _ => "RuntimeError",
    }
}

/// Assert an outcome against a table case that may hold `{"error", "message"}`. Returns the
/// value when the case expects success.
pub fn expect_outcome<T: std::fmt::Debug>(got: Result<T, NumrtError>, case: &Value, ctx: &str) -> Option<T> {
    match (got, case.get("error")) {
        (Ok(v), None) => Some(v),
        (Err(e), Some(class)) => {
            assert_eq!(numpy_class(&e), class.as_str().unwrap(), "class of {e:?}: {ctx}");
            assert_eq!(e.to_string(), case["message"].as_str().unwrap(), "message: {ctx}");
            None
        }
        (Ok(v), Some(class)) => panic!("expected {class} {}, got {v:?}: {ctx}", case["message"]),
        (Err(e), None) => panic!("unexpected error {e:?} ({e}): {ctx}"),
    }
}

pub fn buffer_of(v: &View) -> &Arc<Buffer> {
    &v.buffer
}
