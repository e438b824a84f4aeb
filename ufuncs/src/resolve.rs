//! NumPy's loop selection ("type resolution") with NEP 50 weak Python scalars.
//!
//! The order is NumPy 2's: a loop matching the operand dtypes exactly wins; then the ufunc's own
//! rule (`Resolver`: NumPy's promoters and legacy type resolvers); then the legacy search — the
//! first loop in table order that every input can be cast to safely. A weak Python scalar
//! "casts" by kind when some operand is an array of at least its kind (NumPy's
//! `should_use_min_scalar_weak_literals`): a Python int to any integer, float or complex loop, a
//! Python float to float or complex, a Python complex to complex; otherwise it counts as its
//! default dtype (int64, float64, complex128). With `dtype=` only loops with that output
//! qualify, and the all-`dtype` loop is the fallback (NumPy's type-tuple resolver).
//!
//! After selection the inputs are checked against `casting=` and the Python scalars converted
//! to the loop dtypes (`weak.rs`).

use std::cmp::Ordering;

use dtypes::{can_cast, result_type, Casting, DType, Kind, Operand, Scalar};

use crate::table::{Loop, Resolver, Ufunc};
use crate::weak::{check_input_casting, convert_scalars, int_scalar};
use crate::{FpFlags, UfuncError};

/// The outcome of type resolution: the loop to run and how to feed it.
#[derive(Debug)]
pub struct Resolution<'a> {
    pub ufunc: &'a Ufunc,
    /// The loop to run.
    pub lp: &'a Loop,
    /// The dtypes each input must be cast to (the loop's input dtypes).
    pub in_dtypes: Vec<DType>,
    /// The dtypes the loop writes.
    pub out_dtypes: Vec<DType>,
    /// For each input given as a Python scalar (`Operand::PyBool/PyInt/PyFloat/PyComplex`), its
    /// value converted to `in_dtypes[i]` as NumPy converts it; `None` for arrays and NumPy
    /// scalars (their values are cast by the caller with `dtypes::cast_strided`).
    pub scalar_inputs: Vec<Option<Scalar>>,
    /// errstate flags of converting the Python scalars (NumPy reports them as "... encountered
    /// in cast", e.g. `float16_arr + 1e10` overflows).
    pub cast_flags: FpFlags,
    /// `Some(v)`: NumPy's result is `v` everywhere and the loop must not run. NumPy 2 compares
    /// an integer array with a Python int outside the array dtype's range this way
    /// (`uint8_arr < 300` is all True), and two Python ints exactly.
    pub constant_output: Option<bool>,
    /// The inputs are cast to the loop dtypes whatever `casting=` says (NumPy's logical
    /// functions cast any input to bool).
    pub force_cast_inputs: bool,
}

impl Resolution<'_> {
    /// Check that output `index` of the loop may be written to an array of `out_dtype` under
    /// `casting` (NumPy checks `out=` arrays this way).
    pub fn check_output(
        &self,
        index: usize,
        out_dtype: DType,
        casting: Casting,
    ) -> Result<(), UfuncError> {
        let from = *self.out_dtypes.get(index).ok_or_else(|| {
            UfuncError::NotImplemented(format!("output {index} of ufunc '{}'", self.ufunc.name))
        })?;
        if can_cast(from, out_dtype, casting) {
            return Ok(());
        }
        Err(UfuncError::OutputCasting {
            ufunc: self.ufunc.name,
            index: (self.ufunc.nout > 1).then_some(index),
            from,
            to: out_dtype,
            casting,
        })
    }
}

impl Ufunc {
    /// NumPy's loop selection with NEP 50 weak scalars: the first loop (in table order) that
    /// all inputs can be cast to safely, after NumPy's exact-match and per-ufunc rules. Weak
    /// Python scalars' values are checked and converted (`uint8_arr + 300` is an OverflowError).
    pub fn resolve(&self, ops: &[Operand]) -> Result<Resolution<'_>, UfuncError> {
        self.resolve_with(ops, None, Casting::SameKind)
    }

    /// `resolve` with NumPy's `dtype=` (the output dtype requested, NumPy's
    /// `signature=(None, ..., dtype)`) and `casting=` (checked for the inputs).
    pub fn resolve_with(
        &self,
        ops: &[Operand],
        dtype: Option<DType>,
        casting: Casting,
    ) -> Result<Resolution<'_>, UfuncError> {
        if ops.len() != self.nin {
            return Err(UfuncError::WrongArity { ufunc: self.name, nin: self.nin, given: ops.len() });
        }
        if let Some(r) = self.resolve_pyint_comparison(ops, dtype)? {
            return Ok(r);
        }
        let as_arrays = self.function_operands(ops);
        let lp = self.select_loop(&as_arrays, dtype)?;
        let force = self.resolver == Resolver::Logical && lp.inputs().iter().all(|d| d.is_bool());
        if !force {
            check_input_casting(self, &as_arrays, lp, casting)?;
        }
        let (scalar_inputs, cast_flags) = convert_scalars(ops, lp.inputs())?;
        Ok(self.resolution(lp, scalar_inputs, cast_flags, None, force))
    }

    fn resolution<'a>(
        &'a self,
        lp: &'a Loop,
        scalar_inputs: Vec<Option<Scalar>>,
        cast_flags: FpFlags,
        constant_output: Option<bool>,
        force_cast_inputs: bool,
    ) -> Resolution<'a> {
        Resolution {
            ufunc: self,
            lp,
            in_dtypes: lp.inputs().to_vec(),
            out_dtypes: lp.outputs().to_vec(),
            scalar_inputs,
            cast_flags,
            constant_output,
            force_cast_inputs,
        }
    }

    /// np.real/np.imag/np.angle turn a Python scalar into an array first.
    fn function_operands(&self, ops: &[Operand]) -> Vec<Operand> {
        if !matches!(self.resolver, Resolver::Function | Resolver::Angle) {
            return ops.to_vec();
        }
        ops.iter()
            .map(|&op| match op.weak_kind() {
                Some(k) => Operand::Array(default_dtype(k)),
                None => op,
            })
            .collect()
    }

    fn select_loop(&self, ops: &[Operand], dtype: Option<DType>) -> Result<&Loop, UfuncError> {
        if let Some(lp) = self.exact_loop(ops, dtype) {
            return Ok(lp);
        }
        if self.resolver == Resolver::Logical {
            let out = dtype.unwrap_or(DType::Bool);
            let bools = vec![DType::Bool; self.nin];
            if let Some(lp) = self.loops.iter().find(|lp| lp.inputs() == bools && lp.outputs() == [out]) {
                return Ok(lp);
            }
        }
        match dtype {
            None => self.select_default(ops),
            Some(d) => self.select_for_output(ops, d),
        }
    }

    /// A loop whose inputs are exactly the (strong) operand dtypes.
    fn exact_loop(&self, ops: &[Operand], dtype: Option<DType>) -> Option<&Loop> {
        let dts: Option<Vec<DType>> = ops.iter().map(|op| op.strong_dtype()).collect();
        let dts = dts?;
        self.loops.iter().find(|lp| {
            lp.inputs() == dts.as_slice() && dtype.is_none_or(|d| lp.outputs().iter().all(|&o| o == d))
        })
    }

    fn select_default(&self, ops: &[Operand]) -> Result<&Loop, UfuncError> {
        match self.resolver {
            Resolver::Uniform | Resolver::Negative | Resolver::Subtract => self.uniform_loop(ops, None),
            Resolver::Absolute if !is_complex(ops) => self.uniform_loop(ops, None),
            Resolver::TrueDivide if ops.iter().all(is_integer_like) => self
                .loop_for(&[DType::Float64; 3])
                .ok_or(UfuncError::NoLoop { ufunc: self.name }),
            Resolver::Angle if !is_complex(ops) => self.angle_loop(ops),
            _ => self.linear_search(ops),
        }
    }

    fn select_for_output(&self, ops: &[Operand], d: DType) -> Result<&Loop, UfuncError> {
        match self.resolver {
            Resolver::Uniform | Resolver::Negative | Resolver::Subtract => {
                self.uniform_loop(ops, Some(d))
            }
            Resolver::Absolute if !is_complex(ops) => self.uniform_loop(ops, Some(d)),
            _ => self.type_tuple_search(ops, d),
        }
    }

    /// NumPy's `SimpleUniformOperationTypeResolver`: every operand takes `result_type` of the
    /// inputs (or the requested dtype), and that loop must exist.
    fn uniform_loop(&self, ops: &[Operand], dtype: Option<DType>) -> Result<&Loop, UfuncError> {
        let t = match dtype {
            Some(d) => d,
            None => result_type(ops)?,
        };
        match self.resolver {
            Resolver::Negative if t == DType::Bool => return Err(UfuncError::BooleanNegative),
            Resolver::Subtract if t == DType::Bool => return Err(UfuncError::BooleanSubtract),
            _ => {}
        }
        self.loop_for(&vec![t; self.nin + self.nout]).ok_or_else(|| UfuncError::NoLoopForTypes {
            ufunc: self.name,
            inputs: ops.to_vec(),
            output: dtype,
        })
    }

    /// np.angle of a real value is `arctan2(0, x)`: resolve that, then take the matching row.
    fn angle_loop(&self, ops: &[Operand]) -> Result<&Loop, UfuncError> {
        let atan2 = crate::get("arctan2").ok_or(UfuncError::NoLoop { ufunc: self.name })?;
        let t = atan2.linear_search(&[Operand::PyInt(0), ops[0]])?.outputs()[0];
        self.loop_for(&[t, t]).ok_or(UfuncError::NoLoop { ufunc: self.name })
    }

    /// NumPy's `linear_search_type_resolver`.
    fn linear_search(&self, ops: &[Operand]) -> Result<&Loop, UfuncError> {
        let by_kind = use_min_scalar(ops);
        self.loops
            .iter()
            .find(|lp| inputs_cast_safely(ops, lp.inputs(), by_kind))
            .ok_or(UfuncError::NoLoop { ufunc: self.name })
    }

    /// NumPy's `type_tuple_type_resolver` for `signature=(None, ..., d)`.
    fn type_tuple_search(&self, ops: &[Operand], d: DType) -> Result<&Loop, UfuncError> {
        let by_kind = use_min_scalar(ops);
        let with_output = |lp: &&Loop| lp.outputs().iter().all(|&o| o == d);
        if let Some(lp) = self
            .loops
            .iter()
            .filter(with_output)
            .find(|lp| inputs_cast_safely(ops, lp.inputs(), by_kind))
        {
            return Ok(lp);
        }
        self.loop_for(&vec![d; self.nin + self.nout])
            .ok_or(UfuncError::NoLoopForSignature { ufunc: self.name })
    }

    /// NumPy 2 compares integer arrays with Python ints exactly: in range, the int takes the
    /// array's dtype; out of range, the answer is the same for every element. Two Python ints
    /// compare as Python does.
    fn resolve_pyint_comparison(
        &self,
        ops: &[Operand],
        dtype: Option<DType>,
    ) -> Result<Option<Resolution<'_>>, UfuncError> {
        if !self.is_comparison() || dtype.is_some_and(|d| d != DType::Bool) {
            return Ok(None);
        }
        let (a, b) = match ops {
            [Operand::PyInt(a), Operand::PyInt(b)] => {
                let lp = self.loop_for(&[DType::Int64, DType::Int64, DType::Bool]);
                let lp = lp.ok_or(UfuncError::NoLoop { ufunc: self.name })?;
                let holds = comparison_holds(self.name, a.cmp(b));
                return Ok(Some(self.resolution(lp, vec![None, None], FpFlags::default(), Some(holds), false)));
            }
            [a, b] => (*a, *b),
            _ => return Ok(None),
        };
        let (arr, value, weak_first) = match (a, b) {
            (arr, Operand::PyInt(v)) => (arr, v, false),
            (Operand::PyInt(v), arr) => (arr, v, true),
            _ => return Ok(None),
        };
        let Some(t) = arr.strong_dtype().filter(|d| d.is_integer()) else {
            return Ok(None);
        };
        let lp = self.loop_for(&[t, t, DType::Bool]).ok_or(UfuncError::NoLoop { ufunc: self.name })?;
        let (lo, hi) = t.int_limits().unwrap_or((0, 0));
        let mut scalars = vec![None, None];
        let constant = if value < lo || value > hi {
            // Every element compares to the value the same way.
            let elem_vs_value = if value > hi { Ordering::Less } else { Ordering::Greater };
            let ord = if weak_first { elem_vs_value.reverse() } else { elem_vs_value };
            Some(comparison_holds(self.name, ord))
        } else {
            scalars[usize::from(!weak_first)] = Some(int_scalar(value, t));
            None
        };
        Ok(Some(self.resolution(lp, scalars, FpFlags::default(), constant, false)))
    }
}

/// Whether `a OP b` holds when `a` compares to `b` as `ord`.
fn comparison_holds(name: &str, ord: Ordering) -> bool {
    match name {
        "equal" => ord == Ordering::Equal,
        "not_equal" => ord != Ordering::Equal,
        "less" => ord == Ordering::Less,
        "less_equal" => ord != Ordering::Greater,
        "greater" => ord == Ordering::Greater,
        _ => ord != Ordering::Less,
    }
}

pub(crate) fn default_dtype(kind: Kind) -> DType {
    match kind {
        Kind::Bool => DType::Bool,
        Kind::Int | Kind::UInt => DType::Int64,
        Kind::Float => DType::Float64,
        Kind::Complex => DType::Complex128,
    }
}

/// A complex operand (a Python complex counts: NumPy sees it as a complex128 array here).
fn is_complex(ops: &[Operand]) -> bool {
    ops.iter().any(|op| {
        op.strong_dtype().is_some_and(|d| d.is_complex()) || op.weak_kind() == Some(Kind::Complex)
    })
}

fn is_integer_like(op: &Operand) -> bool {
    match op.strong_dtype() {
        Some(d) => d.is_bool() || d.is_integer(),
        None => op.weak_kind() == Some(Kind::Int),
    }
}

/// NumPy's kind order for this decision: bool 0, integers 1, float and complex 2.
fn kind_order(k: Kind) -> u8 {
    k.rank().min(2)
}

/// NumPy's `should_use_min_scalar_weak_literals`: Python scalars cast by kind when some array
/// operand is of at least their kind (a Python int counts as an unsigned int, float and complex
/// as floats).
fn use_min_scalar(ops: &[Operand]) -> bool {
    let max_array = ops.iter().filter_map(|op| op.strong_dtype()).map(|d| kind_order(d.kind())).max();
    let max_scalar = ops.iter().filter_map(|op| op.weak_kind()).map(kind_order).max();
    match (max_array, max_scalar) {
        (None, _) => false,
        (Some(a), Some(s)) => a >= s,
        (Some(_), None) => true,
    }
}

fn inputs_cast_safely(ops: &[Operand], to: &[DType], by_kind: bool) -> bool {
    ops.iter().zip(to).all(|(op, &t)| casts_safely(op, t, by_kind))
}

/// NumPy's input check of the loop search (`ufunc_loop_matches` with `can_cast_pyscalar_scalar_to`).
fn casts_safely(op: &Operand, to: DType, by_kind: bool) -> bool {
    match (op.strong_dtype(), op.weak_kind()) {
        (Some(d), _) => can_cast(d, to, Casting::Safe),
        (None, Some(w)) if by_kind => match to.kind() {
            Kind::Complex => true,
            Kind::Float => w != Kind::Complex,
            Kind::Int | Kind::UInt => w == Kind::Int,
            Kind::Bool => can_cast(default_dtype(w), to, Casting::Safe),
        },
        (None, Some(w)) => can_cast(default_dtype(w), to, Casting::Safe),
        (None, None) => false,
    }
}
