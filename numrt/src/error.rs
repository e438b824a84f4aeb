//! `NumrtError`: every error the runtime raises. Each variant maps one-to-one onto a NumPy
//! exception class at the Python boundary (noted per variant).

use dtypes::{DType, DTypeError};
use ufuncs::UfuncError;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum NumrtError {
    /// ValueError: shapes that do not broadcast.
    #[error("operands could not be broadcast together with shapes {}", fmt_shapes(.shapes))]
    Broadcast { shapes: Vec<Vec<usize>> },
    /// ValueError: `broadcast_to` to a shape the array cannot take (NumPy's nditer text).
    #[error("{}", fmt_broadcast_to(.from, .to))]
    BroadcastTo { from: Vec<usize>, to: Vec<usize> },
    /// ValueError: reshape to a different size.
    #[error("cannot reshape array of size {size} into shape {shape}")]
    Reshape { size: usize, shape: String },
    /// ValueError: any other bad value (NumPy's message).
    #[error("{0}")]
    Value(String),
    /// numpy.exceptions.AxisError (a ValueError and an IndexError).
    #[error("axis {axis} is out of bounds for array of dimension {ndim}")]
    Axis { axis: isize, ndim: usize },
    /// numpy.exceptions.AxisError with NumPy's argument-name prefix (`swapaxes`' "axis1: ...",
    /// `moveaxis`' "source: ...").
    #[error("{arg}: axis {axis} is out of bounds for array of dimension {ndim}")]
    AxisArg { arg: &'static str, axis: isize, ndim: usize },
    /// IndexError: an index out of range.
    #[error("index {index} is out of bounds for axis {axis} with size {size}")]
    IndexOutOfBounds { index: i64, axis: usize, size: usize },
    /// IndexError: any other bad index (too many indices, bad mask shape, ...).
    #[error("{0}")]
    Index(String),
    /// TypeError.
    #[error("{0}")]
    Type(String),
    /// OverflowError.
    #[error("{0}")]
    Overflow(String),
    /// ZeroDivisionError (e.g. `arange` with step 0).
    #[error("{0}")]
    ZeroDivision(String),
    /// MemoryError: an allocation that cannot be satisfied.
    #[error("Unable to allocate array with {bytes} bytes")]
    Memory { bytes: usize },
    /// MemoryError: an array allocation that failed, with NumPy's text ("Unable to allocate
    /// 4.00 EiB for an array with shape (4611686018427387904,) and data type bool").
    #[error("Unable to allocate {} for an array with shape {} and data type {dtype}", fmt_nbytes(*.bytes), fmt_tuple(.shape))]
    ArrayMemory { bytes: usize, shape: Vec<usize>, dtype: DType },
    /// ValueError: assignment destination is read-only.
    #[error("assignment destination is read-only")]
    ReadOnly,
    /// NotImplementedError: a feature numrt does not have yet, named.
    #[error("numpypy does not implement {0} yet")]
    NotImplemented(String),
    /// A dtype error (its own mapping applies).
    #[error(transparent)]
    DType(#[from] DTypeError),
    /// A ufunc error (its own mapping applies).
    #[error(transparent)]
    Ufunc(#[from] UfuncError),
    /// A broken internal invariant (RuntimeError): a bug, reported instead of panicking.
    #[error("internal error: {0}")]
    Internal(String),
}

fn fmt_shapes(shapes: &[Vec<usize>]) -> String {
    // NumPy's text ends every shape with a space, the last one too.
    shapes.iter().map(|s| fmt_shape(s) + " ").collect()
}

fn fmt_broadcast_to(from: &[usize], to: &[usize]) -> String {
    if from.len() > to.len() {
        return "input operand has more dimensions than allowed by the axis remapping".into();
    }
    format!(
        "operands could not be broadcast together with remapped shapes [original->remapped]: {}  and requested shape {}",
        fmt_shape(from),
        fmt_shape(to)
    )
}

/// Python's repr of a shape tuple: `(3,)`, `(2, 3)`, `()`.
pub fn fmt_tuple(shape: &[usize]) -> String {
    match shape {
        [d] => format!("({d},)"),
        _ => format!("({})", shape.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ")),
    }
}

/// NumPy's `_ArrayMemoryError._size_to_string`: binary units, 3 significant digits.
fn fmt_nbytes(bytes: usize) -> String {
    const UNITS: [&str; 7] = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    let bit_length = usize::BITS - bytes.leading_zeros();
    let mut unit = (bit_length.saturating_sub(1).max(1) / 10) as usize;
    let mut n = bytes as f64 / (1u64 << (unit * 10)) as f64;
    if n.round_ties_even() == 1024.0 {
        unit += 1;
        n /= 1024.0;
    }
    if unit == 0 {
        return format!("{n:.0} bytes");
    }
    if n.round_ties_even() < 1000.0 {
        // Python's `{:#.3g}`: three significant digits, the point always kept.
        let exp: i32 = format!("{n:.2e}").split('e').nth(1).and_then(|e| e.parse().ok()).unwrap_or(0);
        let decimals = (2 - exp).max(0) as usize;
        let text = format!("{n:.decimals$}");
        let text = if decimals == 0 { format!("{text}.") } else { text };
        return format!("{text} {}", UNITS[unit]);
    }
    format!("{n:.0}. {}", UNITS[unit])
}

/// NumPy's tuple text for a shape: `(3,)`, `(2,3)` in error messages.
pub fn fmt_shape(shape: &[usize]) -> String {
    match shape {
        [d] => format!("({d},)"),
        _ => format!("({})", shape.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(",")),
    }
}

impl NumrtError {
    pub fn unsupported_dtype(op: &str, dtype: DType) -> NumrtError {
        NumrtError::Type(format!("{op} is not supported for dtype {dtype}"))
    }
}
