//! Writes force readers; hash-consed twins are copied on write; `out=` with overlapping inputs
//! behaves as if the inputs were copied first.

mod eval_support;

use std::sync::Arc;

use dtypes::{Casting, DType};
use eval_support::*;
use numrt::{Array, ArrayOrScalar as A, IndexItem, NumrtError};

fn slice(start: Option<i64>, stop: Option<i64>) -> IndexItem {
    IndexItem::Slice { start, stop, step: None }
}

#[test]
fn element_assignment_forces_readers() {
    let a = array(&[1.0, 2.0, 3.0], &[3], DType::Float64);
    let b = add_int(&a, 1);
    assert!(b.is_lazy());
    a.setitem(&[IndexItem::Int(0)], A::PyInt(9)).unwrap();
    assert_eq!(values(&b), vec![2.0, 3.0, 4.0]);
    assert_eq!(values(&a), vec![9.0, 2.0, 3.0]);
    // A new expression sees the new data.
    assert_eq!(values(&add_int(&a, 1)), vec![10.0, 3.0, 4.0]);
}

#[test]
fn slice_assignment_forces_readers() {
    let a = arange(&[5], DType::Int64);
    let b = ufunc("multiply", &[A::Array(&a), A::PyInt(10)]);
    a.setitem(&[slice(Some(1), Some(3))], A::PyInt(7)).unwrap();
    assert_eq!(values(&b), vec![0.0, 10.0, 20.0, 30.0, 40.0]);
    assert_eq!(values(&a), vec![0.0, 7.0, 7.0, 3.0, 4.0]);
}

#[test]
fn in_place_operator_forces_readers() {
    let a = arange(&[4], DType::Float32);
    let b = ufunc("multiply", &[A::Array(&a), A::PyInt(2)]);
    inplace("add", &a, 1); // a += 1
    assert_eq!(values(&a), vec![1.0, 2.0, 3.0, 4.0]);
    assert_eq!(values(&b), vec![0.0, 2.0, 4.0, 6.0]);
    // `a += 1` twice, with a pending reader of the intermediate value in between.
    let c = add_int(&a, 0);
    inplace("add", &a, 1);
    assert_eq!(values(&c), vec![1.0, 2.0, 3.0, 4.0]);
    assert_eq!(values(&a), vec![2.0, 3.0, 4.0, 5.0]);
}

#[test]
fn in_place_of_a_twin_expression() {
    // `b` and the in-place expression `a + 1` are the same hash-consed node.
    let a = arange(&[3], DType::Int64);
    let b = add_int(&a, 1);
    inplace("add", &a, 1);
    assert_eq!(values(&b), vec![1.0, 2.0, 3.0]);
    assert_eq!(values(&a), vec![1.0, 2.0, 3.0]);
    inplace("add", &a, 1);
    assert_eq!(values(&b), vec![1.0, 2.0, 3.0]);
    assert_eq!(values(&a), vec![2.0, 3.0, 4.0]);
}

#[test]
fn writing_an_output_array_forces_its_readers() {
    let a = arange(&[3], DType::Float64);
    let c = array(&[10.0, 20.0, 30.0], &[3], DType::Float64);
    let b = add_int(&a, 1);
    Array::ufunc("add", &[A::Array(&c), A::Array(&c)], Some(&a), None, None, Casting::SameKind).unwrap();
    assert_eq!(values(&a), vec![20.0, 40.0, 60.0]);
    assert_eq!(values(&b), vec![1.0, 2.0, 3.0]);
}

#[test]
fn writing_through_a_view_forces_readers_of_the_base() {
    let a = arange(&[4], DType::Float64);
    let v = a.getitem(&[slice(Some(1), None)]).unwrap();
    let b = add_int(&a, 1);
    let w = add_int(&v, 1);
    v.setitem(&[IndexItem::Int(0)], A::PyFloat(100.0)).unwrap();
    assert_eq!(values(&a), vec![0.0, 100.0, 2.0, 3.0]);
    assert_eq!(values(&b), vec![1.0, 2.0, 3.0, 4.0]);
    assert_eq!(values(&w), vec![2.0, 3.0, 4.0]);
    // And writing the base forces readers of the view.
    let w2 = add_int(&v, 1);
    a.fill(A::PyInt(0)).unwrap();
    assert_eq!(values(&w2), vec![101.0, 3.0, 4.0]);
}

#[test]
fn twins_are_copied_on_write() {
    let a = arange(&[3], DType::Float64);
    let b = add_int(&a, 1);
    let c = add_int(&a, 1);
    assert!(Arc::ptr_eq(&b.node(), &c.node()), "equal expressions share a node");
    b.setitem(&[IndexItem::Int(0)], A::PyInt(7)).unwrap();
    assert_eq!(values(&b), vec![7.0, 2.0, 3.0]);
    assert_eq!(values(&c), vec![1.0, 2.0, 3.0]);
    // The last holder takes the buffer without copying.
    let before = c.force().unwrap().buffer.id();
    c.setitem(&[IndexItem::Int(1)], A::PyInt(8)).unwrap();
    assert_eq!(c.force().unwrap().buffer.id(), before);
    assert_eq!(values(&c), vec![1.0, 8.0, 3.0]);
}

#[test]
fn claiming_forces_pending_users_of_the_node() {
    let a = arange(&[3], DType::Float64);
    let b = add_int(&a, 1);
    let d = ufunc("multiply", &[A::Array(&b), A::PyInt(2)]);
    b.setitem(&[IndexItem::Int(0)], A::PyInt(100)).unwrap();
    assert_eq!(values(&d), vec![2.0, 4.0, 6.0]);
    assert_eq!(values(&b), vec![100.0, 2.0, 3.0]);
}

#[test]
fn views_of_a_lazy_array_share_its_buffer() {
    let a = arange(&[4], DType::Float64);
    let b = add_int(&a, 1);
    let v = b.getitem(&[slice(Some(0), Some(2))]).unwrap();
    v.setitem(&[IndexItem::Int(0)], A::PyInt(5)).unwrap();
    assert_eq!(values(&b), vec![5.0, 2.0, 3.0, 4.0]);
}

#[test]
fn overlapping_out_reads_inputs_as_copies() {
    // np.add(a[:-1], a[1:], out=a[1:]) is not a running sum.
    let a = arange(&[5], DType::Int64);
    let x = a.getitem(&[slice(None, Some(-1))]).unwrap();
    let y = a.getitem(&[slice(Some(1), None)]).unwrap();
    Array::ufunc("add", &[A::Array(&x), A::Array(&y)], Some(&y), None, None, Casting::SameKind).unwrap();
    assert_eq!(values(&a), vec![0.0, 1.0, 3.0, 5.0, 7.0]);
    // a += a[0:1] (a broadcast view of the output itself).
    let b = array(&[1.0, 2.0, 3.0], &[3], DType::Float64);
    let first = b.getitem(&[slice(Some(0), Some(1))]).unwrap();
    Array::ufunc("add", &[A::Array(&b), A::Array(&first)], Some(&b), None, None, Casting::SameKind).unwrap();
    assert_eq!(values(&b), vec![2.0, 3.0, 4.0]);
    // Reversed view of the output.
    let c = arange(&[4], DType::Float64);
    let rev = c.getitem(&[IndexItem::Slice { start: None, stop: None, step: Some(-1) }]).unwrap();
    Array::ufunc("add", &[A::Array(&c), A::Array(&rev)], Some(&c), None, None, Casting::SameKind).unwrap();
    assert_eq!(values(&c), vec![3.0, 3.0, 3.0, 3.0]);
}

#[test]
fn out_casting_and_where() {
    let f = array(&[1.5, 2.5], &[2], DType::Float64);
    let i = arange(&[2], DType::Int64);
    let err = Array::ufunc("add", &[A::Array(&f), A::PyFloat(1.0)], Some(&i), None, None, Casting::SameKind).unwrap_err();
    assert!(err.to_string().contains("Cannot cast ufunc 'add' output from dtype('float64') to dtype('int64')"), "{err}");
    let mask = array(&[1.0, 0.0], &[2], DType::Bool);
    let o = array(&[-1.0, -1.0], &[2], DType::Float64);
    Array::ufunc("add", &[A::Array(&f), A::PyFloat(1.0)], Some(&o), Some(&mask), None, Casting::SameKind).unwrap();
    assert_eq!(values(&o), vec![2.5, -1.0]);
}

#[test]
fn integer_division_by_zero_raises_the_divide_flag() {
    let _ = Array::take_fp_flags();
    let a = arange(&[3], DType::Int32);
    let q = ufunc("floor_divide", &[A::Array(&a), A::PyInt(0)]);
    assert_eq!(values(&q), vec![0.0, 0.0, 0.0]);
    assert!(Array::take_fp_flags().has(ufuncs::FpFlags::DIVIDE));
}

#[test]
fn weak_scalars_follow_nep50() {
    let u = arange(&[2], DType::UInt8);
    let e = Array::ufunc("add", &[A::Array(&u), A::PyInt(300)], None, None, None, Casting::SameKind).unwrap_err();
    assert_eq!(e.to_string(), "Python integer 300 out of bounds for uint8");
    let lt = ufunc("less", &[A::Array(&u), A::PyInt(300)]);
    assert_eq!(lt.dtype(), DType::Bool);
    assert_eq!(values(&lt), vec![1.0, 1.0]);
    let f = ufunc("multiply", &[A::Array(&arange(&[2], DType::Float32)), A::PyFloat(2.0)]);
    assert_eq!(f.dtype(), DType::Float32);
    let i8sum = add_int(&arange(&[2], DType::Int8), 1);
    assert_eq!(i8sum.dtype(), DType::Int8);
}

#[test]
fn read_only_views_reject_writes() {
    let a = arange(&[3], DType::Float64);
    let b = a.broadcast_to(&[2, 3]).unwrap();
    assert!(matches!(b.setitem(&[IndexItem::Int(0)], A::PyInt(1)), Err(NumrtError::ReadOnly)));
}

#[test]
fn where_follows_numpy() {
    let a = array(&[1.0, 2.0], &[2], DType::UInt8);
    let cond = ufunc("greater", &[A::Array(&a), A::PyInt(1)]);
    let w = Array::where_(&cond, A::Array(&a), A::PyInt(300)).unwrap();
    assert_eq!(w.dtype(), DType::UInt8);
    assert_eq!(values(&w), vec![44.0, 2.0]);
    let f = Array::where_(&cond, A::Array(&a), A::PyFloat(1.5)).unwrap();
    assert_eq!(f.dtype(), DType::Float64);
    assert_eq!(values(&f), vec![1.5, 2.0]);
}
