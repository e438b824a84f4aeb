//! The lazy graph: hash-consing, structural signatures, bounded depth and memory, errors at
//! creation, no panics on bad input.

mod eval_support;

use std::sync::Arc;

use dtypes::DType;
use eval_support::*;
use numrt::graph::{verify, MAX_DEPTH};
use numrt::{Array, ArrayOrScalar as A, Axes, NumrtError};

#[test]
fn equal_expressions_share_a_node() {
    let a = arange(&[4], DType::Float64);
    let b = arange(&[4], DType::Float64);
    let x = add(&a, &b);
    let y = add(&a, &b);
    assert!(Arc::ptr_eq(&x.node(), &y.node()));
    let z = add(&b, &a);
    assert!(!Arc::ptr_eq(&x.node(), &z.node()));
    verify(&x.node()).unwrap();
}

#[test]
fn signatures_ignore_sizes_but_not_dtypes_layouts_or_aliasing() {
    let sig = |a: &Array, b: &Array| add(&ufunc("multiply", &[A::Array(a), A::PyInt(2)]), b).node().signature();
    let small = sig(&arange(&[10], DType::Float64), &arange(&[10], DType::Float64));
    let big = sig(&arange(&[1000], DType::Float64), &arange(&[1000], DType::Float64));
    assert_eq!(small, big);
    let f32s = sig(&arange(&[10], DType::Float32), &arange(&[10], DType::Float32));
    assert_ne!(small.hash, f32s.hash);
    let m = arange(&[4, 5], DType::Float64);
    let c = sig(&m, &m);
    let t = m.transpose(None).unwrap();
    let tr = sig(&t, &t);
    assert_ne!(c.hash, tr.hash, "{} vs {}", c.text, tr.text);
    let row = arange(&[5], DType::Float64);
    let bc = sig(&m, &row);
    assert_ne!(c.hash, bc.hash);
    let a = arange(&[10], DType::Float64);
    let b = arange(&[10], DType::Float64);
    assert_ne!(add(&a, &a).node().signature(), add(&a, &b).node().signature());
    assert!(add(&a, &a).node().signature().text.contains("L0"), "{}", add(&a, &a).node().signature().text);
}

#[test]
fn errors_are_raised_when_the_operation_is_written() {
    let a = arange(&[3], DType::Float64);
    let b = arange(&[4], DType::Float64);
    let e = Array::ufunc("add", &[A::Array(&a), A::Array(&b)], None, None, None, dtypes::Casting::SameKind).unwrap_err();
    assert_eq!(e.to_string(), "operands could not be broadcast together with shapes (3,) (4,) ");
    assert!(matches!(a.sum(&Axes::One(1), false, None), Err(NumrtError::Axis { axis: 1, ndim: 1 })));
    assert!(matches!(a.sum(&Axes::Many(vec![0, -1]), false, None), Err(NumrtError::Value(_))));
    let empty = arange(&[0], DType::Float64);
    let e = empty.max(&Axes::All, false).unwrap_err();
    assert_eq!(e.to_string(), "zero-size array to reduction operation maximum which has no identity");
    assert!(matches!(a.reshape(&[2, 2]), Err(NumrtError::Reshape { .. })));
    assert!(matches!(a.getitem(&[numrt::IndexItem::Int(5)]), Err(NumrtError::IndexOutOfBounds { .. })));
    let bad_bool = Array::ufunc("subtract", &[A::Array(&arange(&[2], DType::Bool)), A::Array(&arange(&[2], DType::Bool))], None, None, None, dtypes::Casting::SameKind);
    assert!(bad_bool.is_err());
}

#[test]
fn huge_allocations_are_memory_errors() {
    let one = arange(&[1], DType::Float64);
    let wide = one.broadcast_to(&[1 << 40]).unwrap();
    let b = add_int(&wide, 1);
    assert!(matches!(b.force(), Err(NumrtError::Memory { .. })));
    let too_big = one.broadcast_to(&[1 << 40, 1 << 40]);
    if let Ok(v) = too_big {
        assert!(Array::ufunc("add", &[A::Array(&v), A::PyInt(1)], None, None, None, dtypes::Casting::SameKind).is_err());
    }
}

#[test]
fn depth_is_bounded() {
    let mut x = arange(&[3], DType::Float64);
    for _ in 0..500 {
        x = add_int(&x, 1);
        assert!(x.node().depth_for_tests() <= MAX_DEPTH);
    }
    assert_eq!(values(&x), vec![500.0, 501.0, 502.0]);
}

