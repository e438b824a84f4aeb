//! What a reduction node computes (`ReduceSpec`) and NumPy's rules for it: result dtypes
//! (`sum` of int8 is int64, ...), result shapes (keepdims, flattening), axis normalisation and
//! the errors NumPy raises when the operation is written (bad axis, empty reduction without
//! identity). No element is read here.

use dtypes::DType;

use crate::error::NumrtError;
use crate::layout::normalize_axis;

/// The reductions and accumulations numrt implements natively (mean/var/std are built from
/// these and ufunc nodes in `stats.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReduceKind {
    Sum,
    Prod,
    Min,
    Max,
    All,
    Any,
    ArgMin,
    ArgMax,
    CumSum,
    CumProd,
}

impl ReduceKind {
    /// The ufunc whose loops do the work (`add.reduce` is `sum`, ...), if any.
    pub fn ufunc_name(self) -> Option<&'static str> {
        Some(match self {
            ReduceKind::Sum | ReduceKind::CumSum => "add",
            ReduceKind::Prod | ReduceKind::CumProd => "multiply",
            ReduceKind::Min => "minimum",
            ReduceKind::Max => "maximum",
            ReduceKind::All => "logical_and",
            ReduceKind::Any => "logical_or",
            ReduceKind::ArgMin | ReduceKind::ArgMax => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            ReduceKind::Sum => "sum",
            ReduceKind::Prod => "prod",
            ReduceKind::Min => "min",
            ReduceKind::Max => "max",
            ReduceKind::All => "all",
            ReduceKind::Any => "any",
            ReduceKind::ArgMin => "argmin",
            ReduceKind::ArgMax => "argmax",
            ReduceKind::CumSum => "cumsum",
            ReduceKind::CumProd => "cumprod",
        }
    }

    pub fn is_accumulation(self) -> bool {
        matches!(self, ReduceKind::CumSum | ReduceKind::CumProd)
    }

    pub fn is_arg(self) -> bool {
        matches!(self, ReduceKind::ArgMin | ReduceKind::ArgMax)
    }

    /// The loop dtype NumPy uses for an input of dtype `d` when no `dtype=` is given: `add`
    /// and `multiply` reductions widen bool and small integers to int64/uint64; `all`/`any`
    /// work on bool; arg-reductions keep the input dtype (their result is int64).
    pub fn default_dtype(self, d: DType) -> DType {
        match self {
            ReduceKind::Sum | ReduceKind::Prod | ReduceKind::CumSum | ReduceKind::CumProd => match d {
                DType::Bool | DType::Int8 | DType::Int16 | DType::Int32 => DType::Int64,
                DType::UInt8 | DType::UInt16 | DType::UInt32 => DType::UInt64,
                other => other,
            },
            ReduceKind::All | ReduceKind::Any => DType::Bool,
            _ => d,
        }
    }

    /// Whether an empty reduction has a value (NumPy's ufunc identity).
    pub fn has_identity(self) -> bool {
        matches!(self, ReduceKind::Sum | ReduceKind::Prod | ReduceKind::All | ReduceKind::Any)
    }
}

/// One reduction node's parameters.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ReduceSpec {
    pub kind: ReduceKind,
    /// Reduced input axes, sorted and unique (accumulations: the one axis; flattened: all).
    pub axes: Vec<usize>,
    pub keepdims: bool,
    /// `axis=None` for arg-reductions and accumulations: work on the C-order flattening.
    pub flatten: bool,
    /// The input is a cast to the loop dtype that NumPy would do in its iterator buffers (this
    /// changes how NumPy chunks a float sum, so the plan must know).
    pub cast_input: bool,
    /// The loop (accumulator) dtype; the result dtype except for arg-reductions (int64).
    pub dtype: DType,
}

/// NumPy's `axis=` argument.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Axes {
    /// `axis=None`: every axis.
    All,
    /// `axis=k`.
    One(isize),
    /// `axis=(..)`, possibly empty.
    Many(Vec<isize>),
}

impl Axes {
    /// Normalised, sorted axes; AxisError for out-of-range, ValueError for duplicates.
    pub fn resolve(&self, ndim: usize) -> Result<Vec<usize>, NumrtError> {
        let raw: Vec<isize> = match self {
            Axes::All => return Ok((0..ndim).collect()),
            Axes::One(a) => vec![*a],
            Axes::Many(v) => v.clone(),
        };
        let mut axes = Vec::with_capacity(raw.len());
        for a in raw {
            let ax = normalize_axis(a, ndim)?;
            if axes.contains(&ax) {
                return Err(NumrtError::Value("duplicate value in 'axis'".into()));
            }
            axes.push(ax);
        }
        axes.sort_unstable();
        Ok(axes)
    }
}

impl ReduceSpec {
    pub fn describe(&self) -> String {
        let axes: Vec<String> = self.axes.iter().map(|a| a.to_string()).collect();
        format!(
            "{}[{}{}{}]:{}",
            self.kind.name(),
            axes.join(","),
            if self.keepdims { ";keep" } else { "" },
            if self.flatten { ";flat" } else { "" },
            self.dtype.char()
        )
    }

    /// The result dtype.
    pub fn out_dtype(&self) -> DType {
        if self.kind.is_arg() {
            DType::Int64
        } else {
            self.dtype
        }
    }

    /// The result shape for an input of `shape`.
    pub fn out_shape(&self, shape: &[usize]) -> Vec<usize> {
        if self.kind.is_accumulation() {
            return if self.flatten { vec![shape.iter().product()] } else { shape.to_vec() };
        }
        if self.keepdims {
            (0..shape.len()).map(|k| if self.axes.contains(&k) { 1 } else { shape[k] }).collect()
        } else {
            (0..shape.len()).filter(|k| !self.axes.contains(k)).map(|k| shape[k]).collect()
        }
    }

    /// The number of input elements reduced into each output element.
    pub fn reduced_len(&self, shape: &[usize]) -> usize {
        self.axes.iter().map(|&a| shape[a]).product()
    }

    /// NumPy's errors for an empty reduction without identity.
    pub fn check_empty(&self, shape: &[usize]) -> Result<(), NumrtError> {
        if self.kind.has_identity() || self.kind.is_accumulation() || self.reduced_len(shape) != 0 {
            return Ok(());
        }
        Err(NumrtError::Value(match self.kind {
            ReduceKind::ArgMin | ReduceKind::ArgMax => format!("attempt to get {} of an empty sequence", self.kind.name()),
            ReduceKind::Min => "zero-size array to reduction operation minimum which has no identity".into(),
            _ => "zero-size array to reduction operation maximum which has no identity".into(),
        }))
    }

    /// Invariant check used by `graph::verify`.
    pub fn verify(&self, in_shape: &[usize], out_shape: &[usize]) -> Result<(), NumrtError> {
        let sorted = self.axes.windows(2).all(|w| w[0] < w[1]);
        if !sorted || self.axes.iter().any(|&a| a >= in_shape.len()) {
            return Err(NumrtError::Internal(format!("bad reduction axes {:?}", self.axes)));
        }
        if self.out_shape(in_shape) != out_shape {
            return Err(NumrtError::Internal(format!("reduction shape {out_shape:?} for input {in_shape:?}")));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dtypes_and_shapes() {
        assert_eq!(ReduceKind::Sum.default_dtype(DType::Int8), DType::Int64);
        assert_eq!(ReduceKind::Sum.default_dtype(DType::UInt8), DType::UInt64);
        assert_eq!(ReduceKind::Sum.default_dtype(DType::Bool), DType::Int64);
        assert_eq!(ReduceKind::Max.default_dtype(DType::Int8), DType::Int8);
        let spec = ReduceSpec { kind: ReduceKind::Sum, axes: vec![0, 2], keepdims: false, flatten: false, cast_input: false, dtype: DType::Float64 };
        assert_eq!(spec.out_shape(&[2, 3, 4]), vec![3]);
        assert_eq!(Axes::Many(vec![-1, 0]).resolve(3).unwrap(), vec![0, 2]);
        assert!(matches!(Axes::One(3).resolve(3), Err(NumrtError::Axis { .. })));
        assert!(matches!(Axes::Many(vec![1, -2]).resolve(3), Err(NumrtError::Value(_))));
    }

    #[test]
    fn empty_rules() {
        let max = |axes: Vec<usize>| ReduceSpec { kind: ReduceKind::Max, axes, keepdims: false, flatten: false, cast_input: false, dtype: DType::Float64 };
        assert!(max(vec![0]).check_empty(&[0, 3]).is_err());
        assert!(max(vec![1]).check_empty(&[0, 3]).is_ok());
        assert!(max(vec![1]).check_empty(&[0, 0]).is_err());
    }
}
