//! A small vocabulary over `numrt::Array::ufunc` for writing the demos' array expressions:
//! `call("add", &[a(&x), f(2.0)])` reads like `np.add(x, 2.0)`. Results stay lazy until forced
//! or written with `into` (NumPy's `out=`), so an expression is evaluated fused.

use dtypes::{Casting, DType};
use numrt::{Array, ArrayOrScalar, IndexItem, NumrtError};

pub(crate) fn a(x: &Array) -> ArrayOrScalar<'_> {
    ArrayOrScalar::Array(x)
}

pub(crate) fn f(x: f64) -> ArrayOrScalar<'static> {
    ArrayOrScalar::PyFloat(x)
}

pub(crate) fn i(x: i64) -> ArrayOrScalar<'static> {
    ArrayOrScalar::PyInt(x as i128)
}

/// `np.<name>(*args)`, lazy.
pub(crate) fn call(name: &str, args: &[ArrayOrScalar]) -> Result<Array, NumrtError> {
    Array::ufunc(name, args, None, None, None, Casting::SameKind)
}

/// `np.<name>(*args, dtype=dtype)`, lazy.
pub(crate) fn call_as(
    name: &str,
    args: &[ArrayOrScalar],
    dtype: DType,
) -> Result<Array, NumrtError> {
    Array::ufunc(name, args, None, None, Some(dtype), Casting::SameKind)
}

/// `np.<name>(*args, out=out, casting='unsafe')`: evaluated now, into `out`.
pub(crate) fn into(name: &str, args: &[ArrayOrScalar], out: &Array) -> Result<(), NumrtError> {
    Array::ufunc(name, args, Some(out), None, None, Casting::Unsafe).map(drop)
}

/// `x[r0:r1, c0:c1]` (a view).
pub(crate) fn window(
    x: &Array,
    rows: (usize, usize),
    cols: (usize, usize),
) -> Result<Array, NumrtError> {
    let s = |(lo, hi): (usize, usize)| IndexItem::Slice {
        start: Some(lo as i64),
        stop: Some(hi as i64),
        step: None,
    };
    x.getitem(&[s(rows), s(cols)])
}

/// A materialised copy of a (lazy) array, so it is computed once and its graph released.
pub(crate) fn computed(x: Array) -> Result<Array, NumrtError> {
    Ok(Array::from_view(x.force()?))
}
