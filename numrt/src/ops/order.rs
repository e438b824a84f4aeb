//! NumPy's sort order: `SortKey::lt` is the "less than" of NumPy's sorting and searching
//! (`npy_sort`'s `*_LT`): integers and bools as usual; floats with NaN after everything;
//! complex lexicographic (real part first) with NumPy's NaN rules, which order
//! `[R + Rj, R + nanj, nan + Rj, nan + nanj]`.

use dtypes::{c128, c64, f16};

pub(crate) trait SortKey: Copy {
    fn lt(a: Self, b: Self) -> bool;
}

macro_rules! plain {
    ($($t:ty),*) => {$(
        impl SortKey for $t {
            #[inline]
            fn lt(a: Self, b: Self) -> bool { a < b }
        }
    )*};
}
plain!(bool, i8, u8, i16, u16, i32, u32, i64, u64);

#[inline]
fn float_lt(a: f64, b: f64) -> bool {
    a < b || (b.is_nan() && !a.is_nan())
}

impl SortKey for f16 {
    #[inline]
    fn lt(a: Self, b: Self) -> bool {
        float_lt(a.to_f64(), b.to_f64())
    }
}
impl SortKey for f32 {
    #[inline]
    fn lt(a: Self, b: Self) -> bool {
        a < b || (b.is_nan() && !a.is_nan())
    }
}
impl SortKey for f64 {
    #[inline]
    fn lt(a: Self, b: Self) -> bool {
        float_lt(a, b)
    }
}

/// NumPy's `CLT` (npysort_common.h), with `x != x` written `x.is_nan()`.
#[inline]
fn complex_lt(ar: f64, ai: f64, br: f64, bi: f64) -> bool {
    if ar < br {
        !ai.is_nan() || bi.is_nan()
    } else if ar > br {
        bi.is_nan() && !ai.is_nan()
    } else if ar == br || (ar.is_nan() && br.is_nan()) {
        ai < bi || (bi.is_nan() && !ai.is_nan())
    } else {
        br.is_nan()
    }
}

impl SortKey for c64 {
    #[inline]
    fn lt(a: Self, b: Self) -> bool {
        complex_lt(a.re as f64, a.im as f64, b.re as f64, b.im as f64)
    }
}
impl SortKey for c128 {
    #[inline]
    fn lt(a: Self, b: Self) -> bool {
        complex_lt(a.re, a.im, b.re, b.im)
    }
}

/// The total preorder `lt` induces, for `sort_by` (stable: equal keys keep their order).
#[inline]
pub(crate) fn cmp<T: SortKey>(a: T, b: T) -> std::cmp::Ordering {
    if T::lt(a, b) {
        std::cmp::Ordering::Less
    } else if T::lt(b, a) {
        std::cmp::Ordering::Greater
    } else {
        std::cmp::Ordering::Equal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nan_sorts_last() {
        let mut v = [f64::NAN, 1.0, -f64::INFINITY, f64::NAN, 0.0];
        v.sort_by(|a, b| cmp(*a, *b));
        assert_eq!(&v[..3], &[-f64::INFINITY, 0.0, 1.0]);
        assert!(v[3].is_nan() && v[4].is_nan());
    }

    #[test]
    fn complex_nan_order() {
        let n = f64::NAN;
        let mut v = [
            c128::new(n, n),
            c128::new(n, 1.0),
            c128::new(1.0, n),
            c128::new(1.0, 1.0),
        ];
        v.sort_by(|a, b| cmp(*a, *b));
        assert_eq!(v[0], c128::new(1.0, 1.0));
        assert!(v[1].re == 1.0 && v[1].im.is_nan());
        assert!(v[2].re.is_nan() && v[2].im == 1.0);
    }
}
