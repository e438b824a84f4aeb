mod eval_support;
use dtypes::DType;
use eval_support::*;
use numrt::Axes;

#[test]
fn add_and_sum() {
    let a = arange(&[3, 4], DType::Float64);
    let b = add_int(&a, 1);
    assert!(b.is_lazy());
    assert_eq!(values(&b), (1..13).map(|i| i as f64).collect::<Vec<_>>());
    let s = a.sum(&Axes::All, false, None).unwrap();
    assert_eq!(values(&s), vec![66.0]);
    let s0 = a.sum(&Axes::One(0), false, None).unwrap();
    assert_eq!(values(&s0), vec![12.0, 15.0, 18.0, 21.0]);
    let m = a.mean(&Axes::One(1), false, None).unwrap();
    assert_eq!(values(&m), vec![1.5, 5.5, 9.5]);
}
