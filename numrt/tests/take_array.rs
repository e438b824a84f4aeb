//! `Array::take` with and without `out=`: the result, the write barrier (a pending expression
//! reading `out` keeps the old values) and `out` overlapping the source.

use dtypes::{Casting, DType, Scalar};
use numrt::{Array, ArrayOrScalar, View};

fn ints(values: &[i64], dtype: DType) -> Array {
    let v = View::zeros(&[values.len()], dtype).unwrap();
    for (i, &x) in values.iter().enumerate() {
        v.set(&[i], Scalar::Int64(x).cast(dtype)).unwrap();
    }
    Array::from_view(v)
}

fn values(a: &Array) -> Vec<i64> {
    a.to_scalars().unwrap().into_iter().map(|s| s.cast(DType::Int64).get::<i64>().unwrap()).collect()
}

#[test]
fn take_without_and_with_out() {
    let src = ints(&[10, 11, 12, 13], DType::UInt8);
    let idx = ints(&[3, -1, 0], DType::Int32);
    assert_eq!(values(&src.take(&idx, None).unwrap()), vec![13, 13, 10]);
    let out = ints(&[0, 0, 0], DType::UInt8);
    let pending = Array::ufunc("add", &[ArrayOrScalar::Array(&out), ArrayOrScalar::PyInt(1)], None, None, None, Casting::SameKind).unwrap();
    let r = src.take(&idx, Some(&out)).unwrap();
    assert_eq!(values(&r), vec![13, 13, 10]);
    assert_eq!(values(&out), vec![13, 13, 10]);
    assert_eq!(values(&pending), vec![1, 1, 1], "the pending reader saw the old values");
}

#[test]
fn take_into_an_overlapping_out() {
    let a = ints(&[1, 2, 3, 4], DType::Int64);
    let idx = ints(&[3, 2, 1, 0], DType::Int64);
    a.take(&idx, Some(&a)).unwrap();
    assert_eq!(values(&a), vec![4, 3, 2, 1]);
    let wrong = ints(&[0, 0], DType::Int64);
    let e = a.take(&idx, Some(&wrong)).unwrap_err();
    assert_eq!(e.to_string(), "output array does not match result of ndarray.take");
}
