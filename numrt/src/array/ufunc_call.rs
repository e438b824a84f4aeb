//! Applying ufuncs to arrays and Python scalars: loop resolution (NEP 50, via `ufuncs`), weak
//! scalars as constants of the loop's dtype, lazy result nodes, and the eager paths — `out=`
//! (same_kind check, overlap with the inputs, write barrier) and `where=`. Also `where`,
//! `astype` and `copy`, which are the same kind of elementwise node.

use std::sync::Arc;

use dtypes::promote::weak_int_fits;
use dtypes::{result_type, Casting, DType, Operand, Scalar};

use crate::array::Array;
use crate::error::NumrtError;
use crate::eval::{self, diagnostics};
use crate::graph::force::prepare_write_except;
use crate::graph::{force, prepare_write, Node};
use crate::layout::broadcast_strides;
use crate::view::View;

/// A ufunc argument: an array, a Python scalar (weak under NEP 50) or a NumPy scalar (strong).
#[derive(Clone, Copy, Debug)]
pub enum ArrayOrScalar<'a> {
    Array(&'a Array),
    PyBool(bool),
    PyInt(i128),
    PyFloat(f64),
    PyComplex(f64, f64),
    Scalar(Scalar),
}

impl ArrayOrScalar<'_> {
    /// How promotion sees the argument.
    pub fn operand(&self) -> Operand {
        match *self {
            ArrayOrScalar::Array(a) => Operand::Array(a.dtype()),
            ArrayOrScalar::PyBool(b) => Operand::PyBool(b),
            ArrayOrScalar::PyInt(v) => Operand::PyInt(v),
            ArrayOrScalar::PyFloat(x) => Operand::PyFloat(x),
            ArrayOrScalar::PyComplex(re, im) => Operand::PyComplex(re, im),
            ArrayOrScalar::Scalar(s) => Operand::Scalar(s.dtype()),
        }
    }

    /// The argument as a node of `dtype` (arrays are cast; scalars become constants).
    pub fn node_as(&self, dtype: DType) -> Result<Arc<Node>, NumrtError> {
        match *self {
            ArrayOrScalar::Array(a) => Node::cast(&a.node(), dtype),
            _ => Ok(Node::constant(self.scalar_as(dtype)?)),
        }
    }

    /// A scalar argument's value as `dtype`; a Python int that does not fit is NumPy's
    /// OverflowError ("Python integer 300 out of bounds for uint8").
    pub fn scalar_as(&self, dtype: DType) -> Result<Scalar, NumrtError> {
        Ok(match *self {
            ArrayOrScalar::PyBool(b) => Scalar::Bool(b).cast(dtype),
            ArrayOrScalar::PyInt(v) => {
                weak_int_fits(v, dtype)?;
                match i64::try_from(v) {
                    Ok(i) => Scalar::Int64(i).cast(dtype),
                    Err(_) if v > 0 && v <= u64::MAX as i128 => Scalar::UInt64(v as u64).cast(dtype),
                    Err(_) => Scalar::Float64(v as f64).cast(dtype),
                }
            }
            ArrayOrScalar::PyFloat(x) => Scalar::Float64(x).cast(dtype),
            ArrayOrScalar::PyComplex(re, im) => Scalar::Complex128(dtypes::c128::new(re, im)).cast(dtype),
            ArrayOrScalar::Scalar(s) => s.cast(dtype),
            ArrayOrScalar::Array(_) => return Err(NumrtError::Internal("scalar_as of an array".into())),
        })
    }
}

impl Array {
    /// `np.<name>(*args, out=out, where=where_, dtype=dtype, casting=casting)` for a
    /// single-output ufunc. With `out`, the result is written there (the returned array is a
    /// view of `out`'s buffer); otherwise the result is lazy.
    pub fn ufunc(
        name: &str,
        args: &[ArrayOrScalar],
        out: Option<&Array>,
        where_: Option<&Array>,
        dtype: Option<DType>,
        casting: Casting,
    ) -> Result<Array, NumrtError> {
        let mut results = Array::ufunc_outs(name, args, &[out], where_, dtype, casting)?;
        Ok(results.swap_remove(0))
    }

    /// The general form: one result per ufunc output; `outs[k]` is the `out=` array of output
    /// `k` (missing entries mean none).
    pub fn ufunc_outs(
        name: &str,
        args: &[ArrayOrScalar],
        outs: &[Option<&Array>],
        where_: Option<&Array>,
        dtype: Option<DType>,
        casting: Casting,
    ) -> Result<Vec<Array>, NumrtError> {
        let ufunc = ufuncs::get(name).ok_or_else(|| NumrtError::NotImplemented(format!("the ufunc '{name}'")))?;
        if args.len() != ufunc.nin {
            return Err(NumrtError::Type(format!(
                "{}() takes {} positional arguments but {} were given",
                ufunc.name,
                ufunc.nin,
                args.len()
            )));
        }
        let ops: Vec<Operand> = args.iter().map(|a| a.operand()).collect();
        let res = ufunc.resolve_with(&ops, dtype, casting)?;
        diagnostics::record_fp(&res.cast_flags);
        let loop_index = ufunc
            .loops
            .iter()
            .position(|l| std::ptr::eq(l, res.lp))
            .ok_or_else(|| NumrtError::Internal(format!("{name}: resolved loop not in the table")))?;
        let inputs: Vec<Arc<Node>> = match res.constant_output {
            // NumPy does not run the loop (nor convert the scalars): only shapes matter.
            Some(_) => args.iter().filter_map(|a| match a {
                ArrayOrScalar::Array(arr) => Some(arr.node()),
                _ => None,
            }).collect(),
            None => args
                .iter()
                .zip(&res.in_dtypes)
                .zip(&res.scalar_inputs)
                .map(|((a, &d), converted)| match converted {
                    Some(value) => Ok(Node::constant(*value)),
                    None => a.node_as(d),
                })
                .collect::<Result<_, _>>()?,
        };
        (0..ufunc.nout)
            .map(|k| {
                let out = outs.get(k).copied().flatten();
                if let Some(o) = out {
                    res.check_output(k, o.dtype(), casting)?;
                }
                let shape = out.map(|o| o.shape());
                let node = match res.constant_output {
                    Some(v) => constant_result(v, &inputs, shape.as_deref())?,
                    None => Node::ufunc(ufunc, loop_index, k, inputs.clone(), shape.as_deref())?,
                };
                match out {
                    Some(o) => write_output(o, node, where_),
                    None => masked(node, where_),
                }
            })
            .collect()
    }

    /// `np.where(cond, a, b)`. The result dtype is NEP 50's; Python scalars are converted with
    /// an unsafe cast as NumPy does here (`np.where(c, uint8_arr, 300)` wraps to 44).
    pub fn where_(cond: &Array, a: ArrayOrScalar, b: ArrayOrScalar) -> Result<Array, NumrtError> {
        let dtype = result_type(&[a.operand(), b.operand()])?;
        let c = Node::cast(&cond.node(), DType::Bool)?;
        let branch = |x: ArrayOrScalar| match x {
            ArrayOrScalar::PyInt(v) => Ok(Node::constant(wrapped_int(v).cast(dtype))),
            other => other.node_as(dtype),
        };
        Ok(Array::from_node(Node::select(&c, &branch(a)?, &branch(b)?, None)?))
    }

    /// `a.astype(dtype)` (a new array; unsafe casting as NumPy's default).
    pub fn astype(&self, dtype: DType) -> Result<Array, NumrtError> {
        Ok(Array::from_node(Node::copy(&self.node(), dtype, None)?))
    }

    /// `a.copy()` (a new, lazily computed array in the input's memory order).
    pub fn copy(&self) -> Result<Array, NumrtError> {
        self.astype(self.dtype())
    }
}

/// A Python int as a NumPy scalar before an unsafe cast (C long, or unsigned long, else a double).
fn wrapped_int(v: i128) -> Scalar {
    if let Ok(i) = i64::try_from(v) {
        Scalar::Int64(i)
    } else if let Ok(u) = u64::try_from(v) {
        Scalar::UInt64(u)
    } else {
        Scalar::Float64(v as f64)
    }
}

/// `where=` without `out=`: unselected elements are unspecified in NumPy; numrt gives zeros.
fn masked(node: Arc<Node>, where_: Option<&Array>) -> Result<Array, NumrtError> {
    let Some(mask) = where_ else { return Ok(Array::from_node(node)) };
    let m = Node::cast(&mask.node(), DType::Bool)?;
    let zero = Node::constant(Scalar::zero(node.dtype()));
    Ok(Array::from_node(Node::select(&m, &node, &zero, Some(node.shape()))?))
}

/// NumPy's answer when it does not run the loop (`uint8_arr < 300`): `value` everywhere.
fn constant_result(value: bool, inputs: &[Arc<Node>], shape: Option<&[usize]>) -> Result<Arc<Node>, NumrtError> {
    let shapes: Vec<&[usize]> = inputs.iter().map(|i| i.shape()).chain(shape).collect();
    let full = crate::layout::broadcast_shapes(&shapes)?;
    Node::copy(&Node::constant(Scalar::Bool(value)), DType::Bool, Some(&full))
}

/// Evaluate `node` into `out` (NumPy's `out=`, output casting already checked): `where=` keeps
/// the old values, and inputs overlapping the output are read as if copied first.
fn write_output(out: &Array, node: Arc<Node>, where_: Option<&Array>) -> Result<Array, NumrtError> {
    let target = out.claim()?;
    target.check_writeable()?;
    // Own the only reference to the root when possible: in-place evaluation needs it.
    let mut root = if node.dtype() == target.dtype { node } else { Node::cast(&node, target.dtype)? };
    if let Some(mask) = where_ {
        let m = Node::cast(&mask.node(), DType::Bool)?;
        root = Node::select(&m, &root, &Node::source(target.clone()), Some(&target.shape))?;
    }
    write_node(&target, root)?;
    Ok(Array::from_view(target))
}

/// Write `root` (dtype and shape of `target`) into `target`: in place when nothing else holds
/// the node and no input overlaps the output differently; else through a temporary.
pub(crate) fn write_node(target: &View, root: Arc<Node>) -> Result<(), NumrtError> {
    let direct = root.is_pending() && Arc::strong_count(&root) == 1 && !overlaps(&root, target);
    if direct {
        prepare_write_except(&target.buffer, Some(&root))?;
        let flags = eval::evaluate_into(&root, target)?;
        return diagnostics::check(&flags);
    }
    let value = force(&root)?;
    drop(root);
    prepare_write(&target.buffer)?;
    crate::copy::copy_into(target, &value)
}

/// Whether a value read by `root`'s pending expression shares memory with `target` other than
/// element for element (same offset and strides, where in-place evaluation is safe).
fn overlaps(root: &Arc<Node>, target: &View) -> bool {
    let mut stack = vec![root.clone()];
    let mut seen = std::collections::HashSet::new();
    while let Some(n) = stack.pop() {
        if !seen.insert(n.id()) {
            continue;
        }
        if let Some(v) = n.value() {
            if v.may_share_memory(target) && !same_elements(&v, target) {
                return true;
            }
            continue;
        }
        stack.extend(n.inputs());
    }
    false
}

fn same_elements(v: &View, target: &View) -> bool {
    v.offset == target.offset
        && v.dtype.itemsize() == target.dtype.itemsize()
        && broadcast_strides(&v.shape, &v.strides, &target.shape).is_ok_and(|s| s == target.strides)
}
