//! Interpreter values and exceptions. Python ints (i64, or a big int only when out of i64 range),
//! floats, bools, complexes and NumPy scalars are unboxed; arrays keep their numrt view beside the
//! Python object (identity); anything else is an opaque host object (`Obj`) that only the `Host`
//! can operate on.

use std::any::Any;
use std::fmt;
use std::rc::Rc;

use dtypes::Scalar;
use num_bigint::BigInt;
use num_complex::Complex64;

use crate::function::Function;

/// An opaque host (Python) object.
#[derive(Clone)]
pub struct Obj(pub Rc<dyn Any>);

impl fmt::Debug for Obj {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<obj>")
    }
}

/// A numpypy array: the Python object and the materialised view read and written in place.
pub struct ArrayRef {
    pub obj: Obj,
    pub view: numrt::View,
}

impl fmt::Debug for ArrayRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<array {:?} {:?}>", self.view.dtype, self.view.shape)
    }
}

/// Functions the interpreter runs itself (with the real Python object kept for the exact slow
/// path: any case the native code does not cover is a host call of `obj`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BuiltinId {
    Abs, Min, Max, Int, Float, Round, Len, Range, Bool, DivMod, Complex,
    MathSqrt, MathExp, MathLog, MathLog2, MathLog10, MathLog1p, MathExpm1, MathSin, MathCos,
    MathTan, MathAsin, MathAcos, MathAtan, MathAtan2, MathSinh, MathCosh, MathTanh, MathFloor,
    MathCeil, MathTrunc, MathFabs, MathHypot, MathIsnan, MathIsinf, MathIsfinite, MathCopysign,
    MathPow, MathFmod, MathDegrees, MathRadians,
}

/// Every builtin with the dotted name it stands for.
pub const BUILTINS: &[(BuiltinId, &str)] = &[
    (BuiltinId::Abs, "abs"), (BuiltinId::Min, "min"), (BuiltinId::Max, "max"),
    (BuiltinId::Int, "int"), (BuiltinId::Float, "float"), (BuiltinId::Round, "round"),
    (BuiltinId::Len, "len"), (BuiltinId::Range, "range"), (BuiltinId::Bool, "bool"),
    (BuiltinId::DivMod, "divmod"), (BuiltinId::Complex, "complex"),
    (BuiltinId::MathSqrt, "math.sqrt"), (BuiltinId::MathExp, "math.exp"), (BuiltinId::MathLog, "math.log"),
    (BuiltinId::MathLog2, "math.log2"), (BuiltinId::MathLog10, "math.log10"),
    (BuiltinId::MathLog1p, "math.log1p"), (BuiltinId::MathExpm1, "math.expm1"),
    (BuiltinId::MathSin, "math.sin"), (BuiltinId::MathCos, "math.cos"), (BuiltinId::MathTan, "math.tan"),
    (BuiltinId::MathAsin, "math.asin"), (BuiltinId::MathAcos, "math.acos"), (BuiltinId::MathAtan, "math.atan"),
    (BuiltinId::MathAtan2, "math.atan2"), (BuiltinId::MathSinh, "math.sinh"), (BuiltinId::MathCosh, "math.cosh"),
    (BuiltinId::MathTanh, "math.tanh"), (BuiltinId::MathFloor, "math.floor"), (BuiltinId::MathCeil, "math.ceil"),
    (BuiltinId::MathTrunc, "math.trunc"), (BuiltinId::MathFabs, "math.fabs"), (BuiltinId::MathHypot, "math.hypot"),
    (BuiltinId::MathIsnan, "math.isnan"), (BuiltinId::MathIsinf, "math.isinf"),
    (BuiltinId::MathIsfinite, "math.isfinite"), (BuiltinId::MathCopysign, "math.copysign"),
    (BuiltinId::MathPow, "math.pow"), (BuiltinId::MathFmod, "math.fmod"),
    (BuiltinId::MathDegrees, "math.degrees"), (BuiltinId::MathRadians, "math.radians"),
];

impl BuiltinId {
    pub fn name(self) -> &'static str {
        BUILTINS.iter().find(|(b, _)| *b == self).map_or("?", |(_, n)| n)
    }
}

/// A builtin and its Python object.
#[derive(Debug)]
pub struct Builtin {
    pub id: BuiltinId,
    pub obj: Obj,
}

/// `range(start, stop, step)` with i64 bounds (bigger ranges stay host objects).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RangeVal {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl RangeVal {
    /// Python's `len(range)`.
    pub fn len(&self) -> i128 {
        let (start, stop, step) = (self.start as i128, self.stop as i128, self.step as i128);
        if step > 0 && start < stop {
            (stop - start - 1) / step + 1
        } else if step < 0 && start > stop {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        }
    }
}

/// Iterator state for `for` loops.
#[derive(Debug)]
pub enum IterState {
    Range { next: i64, stop: i64, step: i64 },
    Tuple { items: Rc<[Value]>, pos: usize },
    /// Over an array's first axis.
    Array { arr: Rc<ArrayRef>, pos: usize },
    /// Any other iterable: a host iterator object.
    Host(Obj),
}

/// One interpreter value.
#[derive(Clone, Debug, Default)]
pub enum Value {
    /// A local that has no value yet.
    #[default]
    Unbound,
    None,
    Bool(bool),
    Int(i64),
    /// A Python int outside i64 (never one that fits).
    BigInt(Rc<BigInt>),
    Float(f64),
    Complex(Complex64),
    /// A numpypy scalar (`numpypy.float64(1.5)`, `numpypy.int8(3)`, `numpypy.True_`).
    Np(Scalar),
    Str(Rc<str>),
    Tuple(Rc<[Value]>),
    Range(RangeVal),
    Array(Rc<ArrayRef>),
    Func(Rc<Function>),
    Builtin(Rc<Builtin>),
    Iter(Rc<std::cell::RefCell<IterState>>),
    Obj(Obj),
}

impl Value {
    /// A Python int from an i128 (big when outside i64).
    pub fn int(v: i128) -> Value {
        match i64::try_from(v) {
            Ok(i) => Value::Int(i),
            Err(_) => Value::BigInt(Rc::new(BigInt::from(v))),
        }
    }

    /// A Python int from a BigInt (normalised to i64 when it fits).
    pub fn big(v: BigInt) -> Value {
        match i64::try_from(&v) {
            Ok(i) => Value::Int(i),
            Err(_) => Value::BigInt(Rc::new(v)),
        }
    }

    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Rc::from(items))
    }

    pub fn str(s: &str) -> Value {
        Value::Str(Rc::from(s))
    }

    /// Python's type name (for messages and the JIT log).
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Unbound => "<unbound>",
            Value::None => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) | Value::BigInt(_) => "int",
            Value::Float(_) => "float",
            Value::Complex(_) => "complex",
            Value::Np(s) => s.dtype().name(),
            Value::Str(_) => "str",
            Value::Tuple(_) => "tuple",
            Value::Range(_) => "range",
            Value::Array(_) => "ndarray",
            Value::Func(_) => "function",
            Value::Builtin(_) => "builtin_function_or_method",
            Value::Iter(_) => "iterator",
            Value::Obj(_) => "object",
        }
    }

    /// The value as an i64 Python int (bools included), if it is one that fits.
    pub fn as_small_int(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            Value::Bool(b) => Some(*b as i64),
            _ => None,
        }
    }
}

/// Python exception classes the interpreter raises itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExcKind {
    ZeroDivisionError,
    IndexError,
    OverflowError,
    ValueError,
    TypeError,
    NameError,
    UnboundLocalError,
    RecursionError,
    StopIteration,
}

impl ExcKind {
    pub fn name(self) -> &'static str {
        match self {
            ExcKind::ZeroDivisionError => "ZeroDivisionError",
            ExcKind::IndexError => "IndexError",
            ExcKind::OverflowError => "OverflowError",
            ExcKind::ValueError => "ValueError",
            ExcKind::TypeError => "TypeError",
            ExcKind::NameError => "NameError",
            ExcKind::UnboundLocalError => "UnboundLocalError",
            ExcKind::RecursionError => "RecursionError",
            ExcKind::StopIteration => "StopIteration",
        }
    }
}

/// A raised exception: one the interpreter made, or a host exception object.
#[derive(Clone, Debug)]
pub enum Exc {
    Native { kind: ExcKind, msg: String },
    Host(Obj),
}

impl Exc {
    pub fn new(kind: ExcKind, msg: impl Into<String>) -> Exc {
        Exc::Native { kind, msg: msg.into() }
    }
}

pub type Res<T> = Result<T, Exc>;

pub fn zero_division(msg: &str) -> Exc {
    Exc::new(ExcKind::ZeroDivisionError, msg)
}

pub fn overflow(msg: &str) -> Exc {
    Exc::new(ExcKind::OverflowError, msg)
}

pub fn value_error(msg: &str) -> Exc {
    Exc::new(ExcKind::ValueError, msg)
}
