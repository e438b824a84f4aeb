//! `UfuncError`: every error of ufunc type resolution and of running a loop. Each variant maps
//! to one NumPy exception class at the Python boundary (see `exception_class`).

use dtypes::{DType, DTypeError, Operand};

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum UfuncError {
    /// TypeError: no loop the inputs can be cast to safely (NumPy's legacy type resolver).
    #[error(
        "ufunc '{ufunc}' not supported for the input types, and the inputs could not be safely \
         coerced to any supported types according to the casting rule ''safe''"
    )]
    NoLoop { ufunc: &'static str },
    /// TypeError (NumPy's `_UFuncNoLoopError`, a `UFuncTypeError`): no loop for exactly these
    /// operand dtypes (and the requested output dtype).
    #[error(
        "ufunc '{ufunc}' did not contain a loop with signature matching types {}",
        signature_classes(.inputs, *.output)
    )]
    NoLoopForTypes { ufunc: &'static str, inputs: Vec<Operand>, output: Option<DType> },
    /// TypeError: `dtype=`/`signature=` names a loop that does not exist.
    #[error("No loop matching the specified signature and casting was found for ufunc {ufunc}")]
    NoLoopForSignature { ufunc: &'static str },
    /// TypeError (NumPy's `_UFuncInputCastingError`, a `UFuncTypeError`).
    #[error(
        "Cannot cast ufunc '{ufunc}' input {}from dtype('{from}') to dtype('{to}') with casting \
         rule '{}'",
        operand_index(*.index), .casting.name()
    )]
    InputCasting {
        ufunc: &'static str,
        /// `None` for one-input ufuncs (NumPy then omits the index).
        index: Option<usize>,
        from: DType,
        to: DType,
        casting: dtypes::Casting,
    },
    /// TypeError (NumPy's `_UFuncOutputCastingError`, a `UFuncTypeError`).
    #[error(
        "Cannot cast ufunc '{ufunc}' output {}from dtype('{from}') to dtype('{to}') with casting \
         rule '{}'",
        operand_index(*.index), .casting.name()
    )]
    OutputCasting {
        ufunc: &'static str,
        index: Option<usize>,
        from: DType,
        to: DType,
        casting: dtypes::Casting,
    },
    /// TypeError: `casting='equiv'` with a Python scalar that must change dtype.
    #[error("cannot cast Python {pytype} to {to} under the casting rule 'equiv'")]
    PyScalarEquiv { pytype: &'static str, to: DType },
    /// TypeError: `bool - bool`.
    #[error(
        "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the \
         `^` operator, or the logical_xor function instead."
    )]
    BooleanSubtract,
    /// TypeError: `-bool`.
    #[error(
        "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator \
         or the logical_not function instead."
    )]
    BooleanNegative,
    /// TypeError: wrong number of operands.
    #[error("{ufunc}() takes {nin} positional argument(s) but {given} were given")]
    WrongArity { ufunc: &'static str, nin: usize, given: usize },
    /// ValueError: an integer `power` loop met a negative exponent.
    #[error("Integers to negative integer powers are not allowed.")]
    NegativeIntegerPower,
    /// A dtype error: OverflowError for a Python int that does not fit the loop dtype, ...
    #[error(transparent)]
    DType(#[from] DTypeError),
    /// NotImplementedError: a feature numpypy does not have yet, named.
    #[error("numpypy does not implement {0} yet")]
    NotImplemented(String),
}

impl UfuncError {
    /// The Python exception class NumPy raises for this error.
    pub fn exception_class(&self) -> &'static str {
        use UfuncError::*;
        match self {
            NoLoopForTypes { .. } | InputCasting { .. } | OutputCasting { .. } => "UFuncTypeError",
            NoLoop { .. } | NoLoopForSignature { .. } | PyScalarEquiv { .. } => "TypeError",
            BooleanSubtract | BooleanNegative | WrongArity { .. } => "TypeError",
            NegativeIntegerPower => "ValueError",
            NotImplemented(_) => "NotImplementedError",
            DType(e) => dtype_error_class(e),
        }
    }
}

fn dtype_error_class(e: &DTypeError) -> &'static str {
    match e {
        DTypeError::PyIntOutOfBounds { .. } | DTypeError::PyIntTooLarge { .. } => "OverflowError",
        DTypeError::Unsupported(_) => "NotImplementedError",
        DTypeError::InvalidCasting(_) | DTypeError::NoOperands => "ValueError",
        _ => "TypeError",
    }
}

fn operand_index(index: Option<usize>) -> String {
    index.map(|i| format!("{i} ")).unwrap_or_default()
}

/// NumPy's class name for the DType of an operand (`<class 'numpy.dtypes.Int8DType'>`).
fn dtype_class(op: &Operand) -> String {
    let name = match op.strong_dtype() {
        Some(d) => format!("numpy.dtypes.{}DType", class_stem(d)),
        None => match op {
            Operand::PyInt(_) => "numpy._PyLongDType".to_string(),
            Operand::PyFloat(_) => "numpy._PyFloatDType".to_string(),
            _ => "numpy._PyComplexDType".to_string(),
        },
    };
    format!("<class '{name}'>")
}

fn class_stem(d: DType) -> String {
    let name = d.name();
    let stem = name.trim_start_matches("uint").trim_start_matches("int");
    let prefix = if name.starts_with("uint") {
        "UInt"
    } else if name.starts_with("int") {
        "Int"
    } else {
        ""
    };
    if prefix.is_empty() {
        let mut c = name.chars();
        c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
    } else {
        format!("{prefix}{stem}")
    }
}

fn signature_classes(inputs: &[Operand], output: Option<DType>) -> String {
    let ins: Vec<String> = inputs.iter().map(dtype_class).collect();
    let ins = if ins.len() == 1 { ins[0].clone() } else { format!("({})", ins.join(", ")) };
    let out = output.map_or("None".to_string(), |d| dtype_class(&Operand::Array(d)));
    format!("{ins} -> {out}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numpy_messages() {
        let e = UfuncError::NoLoopForTypes {
            ufunc: "positive",
            inputs: vec![Operand::Array(DType::Float64)],
            output: Some(DType::Bool),
        };
        assert_eq!(
            e.to_string(),
            "ufunc 'positive' did not contain a loop with signature matching types \
             <class 'numpy.dtypes.Float64DType'> -> <class 'numpy.dtypes.BoolDType'>"
        );
        let e = UfuncError::InputCasting {
            ufunc: "add",
            index: Some(1),
            from: DType::Float64,
            to: DType::Int16,
            casting: dtypes::Casting::SameKind,
        };
        assert_eq!(
            e.to_string(),
            "Cannot cast ufunc 'add' input 1 from dtype('float64') to dtype('int16') with \
             casting rule 'same_kind'"
        );
        assert_eq!(class_stem(DType::UInt16), "UInt16");
        assert_eq!(class_stem(DType::Complex128), "Complex128");
    }
}
