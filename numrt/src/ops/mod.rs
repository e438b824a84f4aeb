//! Array algorithms that build new arrays from materialised views: joining (`concatenate`),
//! sorting (`sort`, `argsort`), searching (`searchsorted`) and `repeat`.
//!
//! - `order.rs`: NumPy's sort order per element type (NaN last, complex lexicographic);
//! - `join.rs`: concatenate along an axis with NumPy's shape checks and messages;
//! - `sort.rs`: stable sort/argsort along an axis, searchsorted;
//! - `repeat.rs`: repeat along an axis;
//! - `take.rs`: the flat gather `src.flat[indices]` (`np.take` with `axis=None`).
//!
//! Everything here works on `View`s (the Python layer forces first) and is generic over the
//! element type through `dtypes::with_dtype!`.

pub mod join;
mod order;
pub mod repeat;
pub mod sort;
pub mod take;

pub use join::concatenate;
pub use repeat::repeat;
pub use sort::{argsort, searchsorted, sort};
pub use take::{take, take_into};

#[cfg(test)]
mod tests {
    use dtypes::{DType, Scalar};

    use super::*;
    use crate::view::View;

    fn f64s(values: &[f64], shape: &[usize]) -> View {
        let v = View::zeros(shape, DType::Float64).unwrap();
        let mut idx = vec![0usize; shape.len()];
        for &x in values {
            v.set(&idx, Scalar::Float64(x)).unwrap();
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

    fn values(v: &View) -> Vec<f64> {
        v.to_contiguous(DType::Float64)
            .unwrap()
            .to_scalars()
            .iter()
            .map(|s| match s {
                Scalar::Float64(x) => *x,
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn concatenate_axis1_and_errors() {
        let a = f64s(&[1.0, 2.0, 3.0, 4.0], &[2, 2]);
        let b = f64s(&[5.0, 6.0], &[2, 1]);
        let c = concatenate(&[a.clone(), b.clone()], 1, DType::Float64).unwrap();
        assert_eq!(c.shape, vec![2, 3]);
        assert_eq!(values(&c), vec![1.0, 2.0, 5.0, 3.0, 4.0, 6.0]);
        assert!(concatenate(&[a.clone(), b], 0, DType::Float64).is_err());
        assert!(concatenate(&[], 0, DType::Float64).is_err());
        assert!(matches!(
            concatenate(&[a], 2, DType::Float64),
            Err(crate::NumrtError::Axis { .. })
        ));
    }

    #[test]
    fn sort_and_argsort_are_stable_with_nan_last() {
        let v = f64s(&[2.0, f64::NAN, 1.0, 2.0, -0.0, 0.0], &[6]);
        let s = values(&sort(&v, 0).unwrap());
        assert_eq!(&s[..4], &[-0.0, 0.0, 1.0, 2.0]);
        assert!(s[4] == 2.0 && s[5].is_nan());
        assert!(s[0].is_sign_negative());
        assert_eq!(
            values(&argsort(&v, -1).unwrap()),
            vec![4.0, 5.0, 2.0, 0.0, 3.0, 1.0]
        );
    }

    #[test]
    fn sort_along_first_axis_of_a_transposed_view() {
        let v = f64s(&[3.0, 1.0, 2.0, 0.0], &[2, 2])
            .transpose(None)
            .unwrap();
        assert_eq!(values(&sort(&v, 0).unwrap()), vec![1.0, 0.0, 3.0, 2.0]);
    }

    #[test]
    fn searchsorted_sides_and_sorter() {
        let a = f64s(&[1.0, 2.0, 2.0, f64::NAN], &[4]);
        let v = f64s(&[2.0, f64::NAN, 0.0], &[3]);
        assert_eq!(
            values(&searchsorted(&a, &v, false, None).unwrap()),
            vec![1.0, 3.0, 0.0]
        );
        assert_eq!(
            values(&searchsorted(&a, &v, true, None).unwrap()),
            vec![3.0, 4.0, 0.0]
        );
        let unsorted = f64s(&[2.0, 1.0], &[2]);
        let one = f64s(&[1.5], &[1]);
        assert_eq!(
            values(&searchsorted(&unsorted, &one, false, Some(&[1, 0])).unwrap()),
            vec![1.0]
        );
        assert!(searchsorted(&unsorted, &one, false, Some(&[1, 7])).is_err());
    }

    #[test]
    fn repeat_counts_and_errors() {
        let v = f64s(&[1.0, 2.0], &[2]);
        assert_eq!(values(&repeat(&v, &[2, 0], 0).unwrap()), vec![1.0, 1.0]);
        assert_eq!(
            values(&repeat(&v, &[3], 0).unwrap()),
            vec![1.0, 1.0, 1.0, 2.0, 2.0, 2.0]
        );
        assert!(repeat(&v, &[-1], 0).is_err());
        assert!(repeat(&v, &[1, 2, 3], 0).is_err());
    }
}
