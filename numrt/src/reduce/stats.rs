//! `mean`, `var` and `std`, built exactly as NumPy's `_methods.py` builds them — from sums and
//! ufunc nodes — so that dtypes, rounding and warnings follow NumPy:
//!
//! - mean: `sum(x, dtype=A) / count` with A = float64 for ints/bool, float32 for float16 (the
//!   result goes back to float16), else x's dtype; the count is a strong intp, so the division
//!   runs in float64 (complex128) and is cast back. A 0-d float16 result is cast from float64
//!   directly (NumPy's scalar path), an array result via float32.
//! - var: `arrmean = sum(x, keepdims) / count` (cast back), `d = x - arrmean`, `|d|^2`
//!   (`re*re + im*im` for complex), `sum(...) / max(count - ddof, 0)`, cast back.
//! - std: `sqrt(var)`.

use std::sync::Arc;

use dtypes::{DType, Operand, Scalar};

use crate::error::NumrtError;
use crate::eval::diagnostics;
use crate::graph::Node;
use crate::reduce::spec::{ReduceKind, ReduceSpec};

/// `ufunc(args...)` on nodes, with NumPy's loop resolution (all operands strong).
pub fn apply(name: &str, args: &[Arc<Node>]) -> Result<Arc<Node>, NumrtError> {
    let ufunc = ufuncs::get(name).ok_or_else(|| NumrtError::NotImplemented(format!("the ufunc '{name}'")))?;
    let ops: Vec<Operand> = args.iter().map(|a| Operand::Array(a.dtype())).collect();
    let res = ufunc.resolve(&ops)?;
    let index = ufunc.loops.iter().position(|l| std::ptr::eq(l, res.lp)).ok_or_else(|| NumrtError::Internal(format!("{name}: loop not in table")))?;
    let inputs: Vec<Arc<Node>> = args.iter().zip(&res.lp.types).map(|(a, &d)| Node::cast(a, d)).collect::<Result<_, _>>()?;
    Node::ufunc(ufunc, index, 0, inputs, None)
}

/// `add.reduce(x, axes, dtype=dtype, keepdims)`.
pub fn sum(x: &Arc<Node>, axes: &[usize], keepdims: bool, dtype: DType) -> Result<Arc<Node>, NumrtError> {
    let input = Node::cast(x, dtype)?;
    let spec = ReduceSpec {
        kind: ReduceKind::Sum,
        axes: axes.to_vec(),
        keepdims,
        flatten: false,
        cast_input: dtype != x.dtype(),
        dtype,
    };
    Node::reduce(&input, spec)
}

fn count(x: &Node, axes: &[usize]) -> usize {
    axes.iter().map(|&a| x.shape()[a]).product()
}

/// NumPy's `np.mean`.
pub fn mean(x: &Arc<Node>, axes: &[usize], keepdims: bool, dtype: Option<DType>) -> Result<Arc<Node>, NumrtError> {
    let xd = x.dtype();
    let (acc, half_result) = match dtype {
        Some(d) => (d, false),
        None if xd.is_integer() || xd.is_bool() => (DType::Float64, false),
        None if xd == DType::Float16 => (DType::Float32, true),
        None => (xd, false),
    };
    let n = count(x, axes);
    if n == 0 {
        diagnostics::warn("Mean of empty slice");
    }
    let s = sum(x, axes, keepdims, acc)?;
    let q = apply("true_divide", &[s.clone(), Node::constant(Scalar::Int64(n as i64))])?;
    if half_result {
        let via = if s.shape().is_empty() { q } else { Node::cast(&q, acc)? };
        return in_place_of(&s, &via, DType::Float16);
    }
    in_place_of(&s, &q, acc)
}

/// `value` cast to `dtype` with the layout of `ret`: NumPy computes these steps with
/// `out=ret`, so the result keeps the reduction's memory order.
fn in_place_of(ret: &Arc<Node>, value: &Arc<Node>, dtype: DType) -> Result<Arc<Node>, NumrtError> {
    let isz = dtype.itemsize() as isize;
    let from = ret.dtype().itemsize() as isize;
    let strides: Vec<isize> = ret.strides().iter().map(|s| s / from * isz).collect();
    Node::copy_laid_out(value, dtype, &strides)
}

/// NumPy's `np.var`.
pub fn var(x: &Arc<Node>, axes: &[usize], keepdims: bool, ddof: f64, dtype: Option<DType>) -> Result<Arc<Node>, NumrtError> {
    let xd = x.dtype();
    let acc = dtype.or((xd.is_integer() || xd.is_bool()).then_some(DType::Float64));
    let n = count(x, axes);
    if ddof >= n as f64 {
        diagnostics::warn("Degrees of freedom <= 0 for slice");
    }
    let arrmean = sum(x, axes, true, acc.unwrap_or(xd))?;
    let divided = apply("true_divide", &[arrmean.clone(), Node::constant(Scalar::Int64(n as i64))])?;
    let arrmean = Node::cast(&divided, arrmean.dtype())?;
    let dev = apply("subtract", &[x.clone(), arrmean])?;
    let sq = if dev.dtype().is_complex() {
        let (re, im) = (apply("real", std::slice::from_ref(&dev))?, apply("imag", &[dev])?);
        apply("add", &[apply("multiply", &[re.clone(), re])?, apply("multiply", &[im.clone(), im])?])?
    } else {
        apply("multiply", &[dev.clone(), dev])?
    };
    let ret = sum(&sq, axes, keepdims, acc.unwrap_or(sq.dtype()))?;
    let rcount = (n as f64 - ddof).max(0.0);
    let divisor = if ddof.fract() == 0.0 { Scalar::Int64(rcount as i64) } else { Scalar::Float64(rcount) };
    let q = apply("true_divide", &[ret.clone(), Node::constant(divisor)])?;
    in_place_of(&ret, &q, ret.dtype())
}

/// NumPy's `np.std`.
pub fn std(x: &Arc<Node>, axes: &[usize], keepdims: bool, ddof: f64, dtype: Option<DType>) -> Result<Arc<Node>, NumrtError> {
    let v = var(x, axes, keepdims, ddof, dtype)?;
    let root = apply("sqrt", std::slice::from_ref(&v))?;
    in_place_of(&v, &root, root.dtype())
}
