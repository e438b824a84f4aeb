//! Reductions on `Array`: thin wrappers that resolve NumPy's `axis=` and `dtype=` arguments and
//! build lazy reduction nodes (`reduce`). Shape and axis errors are raised here, at once.

use dtypes::DType;

use crate::array::Array;
use crate::error::NumrtError;
use crate::graph::Node;
use crate::reduce::{stats, Axes, ReduceKind, ReduceSpec};

impl Array {
    /// A ufunc reduction (`sum`, `prod`, `min`, `max`, `all`, `any`).
    pub fn reduce(&self, kind: ReduceKind, axes: &Axes, keepdims: bool, dtype: Option<DType>) -> Result<Array, NumrtError> {
        let node = self.node();
        let axes = axes.resolve(node.ndim())?;
        let dtype = dtype.unwrap_or(kind.default_dtype(node.dtype()));
        let input = Node::cast(&node, dtype)?;
        let spec = ReduceSpec { kind, axes, keepdims, flatten: false, cast_input: dtype != node.dtype(), dtype };
        Ok(Array::from_node(Node::reduce(&input, spec)?))
    }

    pub fn sum(&self, axes: &Axes, keepdims: bool, dtype: Option<DType>) -> Result<Array, NumrtError> {
        self.reduce(ReduceKind::Sum, axes, keepdims, dtype)
    }
    pub fn prod(&self, axes: &Axes, keepdims: bool, dtype: Option<DType>) -> Result<Array, NumrtError> {
        self.reduce(ReduceKind::Prod, axes, keepdims, dtype)
    }
    pub fn min(&self, axes: &Axes, keepdims: bool) -> Result<Array, NumrtError> {
        self.reduce(ReduceKind::Min, axes, keepdims, None)
    }
    pub fn max(&self, axes: &Axes, keepdims: bool) -> Result<Array, NumrtError> {
        self.reduce(ReduceKind::Max, axes, keepdims, None)
    }
    pub fn all(&self, axes: &Axes, keepdims: bool) -> Result<Array, NumrtError> {
        self.reduce(ReduceKind::All, axes, keepdims, None)
    }
    pub fn any(&self, axes: &Axes, keepdims: bool) -> Result<Array, NumrtError> {
        self.reduce(ReduceKind::Any, axes, keepdims, None)
    }

    /// `argmin`/`argmax` along `axis` (None: of the flattened array).
    pub fn arg_reduce(&self, kind: ReduceKind, axis: Option<isize>, keepdims: bool) -> Result<Array, NumrtError> {
        let node = self.node();
        let (axes, flatten) = match axis {
            Some(a) => (Axes::One(a).resolve(node.ndim())?, false),
            None => ((0..node.ndim()).collect(), true),
        };
        let spec = ReduceSpec { kind, axes, keepdims, flatten, cast_input: false, dtype: node.dtype() };
        Ok(Array::from_node(Node::reduce(&node, spec)?))
    }
    pub fn argmin(&self, axis: Option<isize>, keepdims: bool) -> Result<Array, NumrtError> {
        self.arg_reduce(ReduceKind::ArgMin, axis, keepdims)
    }
    pub fn argmax(&self, axis: Option<isize>, keepdims: bool) -> Result<Array, NumrtError> {
        self.arg_reduce(ReduceKind::ArgMax, axis, keepdims)
    }

    /// `cumsum`/`cumprod` along `axis` (None: of the flattened array).
    pub fn accumulate(&self, kind: ReduceKind, axis: Option<isize>, dtype: Option<DType>) -> Result<Array, NumrtError> {
        let node = self.node();
        let (axes, flatten) = match axis {
            Some(a) => (Axes::One(a).resolve(node.ndim())?, false),
            None => (vec![], true),
        };
        let dtype = dtype.unwrap_or(kind.default_dtype(node.dtype()));
        let input = Node::cast(&node, dtype)?;
        let spec = ReduceSpec { kind, axes, keepdims: false, flatten, cast_input: dtype != node.dtype(), dtype };
        Ok(Array::from_node(Node::reduce(&input, spec)?))
    }
    pub fn cumsum(&self, axis: Option<isize>, dtype: Option<DType>) -> Result<Array, NumrtError> {
        self.accumulate(ReduceKind::CumSum, axis, dtype)
    }
    pub fn cumprod(&self, axis: Option<isize>, dtype: Option<DType>) -> Result<Array, NumrtError> {
        self.accumulate(ReduceKind::CumProd, axis, dtype)
    }

    pub fn mean(&self, axes: &Axes, keepdims: bool, dtype: Option<DType>) -> Result<Array, NumrtError> {
        let node = self.node();
        let axes = axes.resolve(node.ndim())?;
        Ok(Array::from_node(stats::mean(&node, &axes, keepdims, dtype)?))
    }
    pub fn var(&self, axes: &Axes, keepdims: bool, ddof: f64, dtype: Option<DType>) -> Result<Array, NumrtError> {
        let node = self.node();
        let axes = axes.resolve(node.ndim())?;
        Ok(Array::from_node(stats::var(&node, &axes, keepdims, ddof, dtype)?))
    }
    pub fn std(&self, axes: &Axes, keepdims: bool, ddof: f64, dtype: Option<DType>) -> Result<Array, NumrtError> {
        let node = self.node();
        let axes = axes.resolve(node.ndim())?;
        Ok(Array::from_node(stats::std(&node, &axes, keepdims, ddof, dtype)?))
    }
}
