//! Helpers shared by the lazy/eval/reduce integration tests: building arrays from values and
//! reading them back.
#![allow(dead_code)]

use dtypes::{DType, Scalar, Wide};
use numrt::{Array, ArrayOrScalar, View};

/// A C-contiguous view of `dtype` holding `data` (cast from f64).
pub fn view(data: &[f64], shape: &[usize], dtype: DType) -> View {
    let v = View::zeros(shape, dtype).unwrap();
    assert_eq!(v.size(), data.len());
    let mut idx = vec![0usize; shape.len()];
    for &x in data {
        v.set(&idx, Scalar::Float64(x).cast(dtype)).unwrap();
        for k in (0..shape.len()).rev() {
            idx[k] += 1;
            if idx[k] < shape[k] {
                break;
            }
            idx[k] = 0;
        }
    }
    v
}

pub fn array(data: &[f64], shape: &[usize], dtype: DType) -> Array {
    Array::from_view(view(data, shape, dtype))
}

/// 0..n as float64 in `shape`.
pub fn arange(shape: &[usize], dtype: DType) -> Array {
    let n: usize = shape.iter().product();
    let data: Vec<f64> = (0..n).map(|i| i as f64).collect();
    array(&data, shape, dtype)
}

pub fn wide_f64(w: Wide) -> f64 {
    match w {
        Wide::Bool(b) => b as u8 as f64,
        Wide::Int(i) => i as f64,
        Wide::UInt(u) => u as f64,
        Wide::Float(f) => f,
        Wide::Complex(re, _) => re,
    }
}

/// Values in C order as f64 (complex: real part).
pub fn values(a: &Array) -> Vec<f64> {
    a.to_scalars().unwrap().into_iter().map(|s| wide_f64(s.to_wide())).collect()
}

pub fn view_values(v: &View) -> Vec<f64> {
    v.to_scalars().into_iter().map(|s| wide_f64(s.to_wide())).collect()
}

pub fn ufunc(name: &str, args: &[ArrayOrScalar]) -> Array {
    Array::ufunc(name, args, None, None, None, dtypes::Casting::SameKind).unwrap()
}

pub fn add(a: &Array, b: &Array) -> Array {
    ufunc("add", &[ArrayOrScalar::Array(a), ArrayOrScalar::Array(b)])
}

pub fn add_int(a: &Array, k: i128) -> Array {
    ufunc("add", &[ArrayOrScalar::Array(a), ArrayOrScalar::PyInt(k)])
}

/// `np.<name>(a, k, out=out)`.
pub fn inplace(name: &str, out: &Array, k: i128) {
    Array::ufunc(name, &[ArrayOrScalar::Array(out), ArrayOrScalar::PyInt(k)], Some(out), None, None, dtypes::Casting::SameKind).unwrap();
}
