//! `np.array(data, dtype=...)` from nested Python data: shape discovery (NumPy's
//! `PyArray_DiscoverDTypeAndShape`, including its ragged-input error), dtype inference (each
//! Python scalar contributes its default dtype, NumPy scalars and arrays their own, combined with
//! `promote_types`), and packing each value into the result with NumPy's `setitem` rules
//! (`PyScalar::to_dtype`, `numpy_scalar_to_dtype`).
//!
//! Python scalars arrive already converted by the binding layer; this module never sees Python
//! objects.

use dtypes::{promote_types, DType, Scalar};

use crate::copy::copy_into;
use crate::error::{fmt_tuple, NumrtError};
use crate::view::View;

/// NumPy's maximum number of dimensions.
pub const MAX_DIMS: usize = 64;

/// Nested input data, as the binding layer converts a Python object.
#[derive(Clone, Debug)]
pub enum Nested {
    /// Python `bool`.
    Bool(bool),
    /// Python `int` (values beyond i128 are the binding's OverflowError).
    Int(i128),
    /// Python `float`.
    Float(f64),
    /// Python `complex` (re, im).
    Complex(f64, f64),
    /// A NumPy scalar (strong dtype).
    Scalar(Scalar),
    /// A Python list or tuple.
    List(Vec<Nested>),
    /// An array (its shape becomes trailing dims of the result).
    Array(View),
}

/// One Python number (`bool`, `int`, `float`, `complex`), as arguments of `arange`/`linspace`
/// and leaves of `Nested`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PyScalar {
    Bool(bool),
    Int(i128),
    Float(f64),
    Complex(f64, f64),
}

fn overflow(msg: String) -> NumrtError {
    NumrtError::Overflow(msg)
}

/// A Python int stored into an integer dtype: NumPy checks the range ("Python integer 300 out of
/// bounds for uint8"); values that do not even fit a C long fail first.
fn py_int_to_integer(v: i128, dtype: DType) -> Result<Scalar, NumrtError> {
    let (lo, hi) = dtype.int_limits().expect("integer dtype");
    if v >= lo && v <= hi {
        let s = if v < 0 { Scalar::Int64(v as i64) } else { Scalar::UInt64(v as u64) };
        return Ok(s.cast(dtype));
    }
    if v >= i64::MIN as i128 && v <= i64::MAX as i128 {
        return Err(overflow(format!("Python integer {v} out of bounds for {dtype}")));
    }
    Err(overflow("Python int too large to convert to C long".into()))
}

/// Python's `int(x)` of a float, then stored as a Python int.
fn py_float_to_integer(x: f64, dtype: DType) -> Result<Scalar, NumrtError> {
    if x.is_nan() {
        return Err(NumrtError::Value("cannot convert float NaN to integer".into()));
    }
    if x.is_infinite() {
        return Err(overflow("cannot convert float infinity to integer".into()));
    }
    let t = x.trunc();
    if t.abs() >= 2f64.powi(127) {
        return Err(overflow("Python int too large to convert to C long".into()));
    }
    py_int_to_integer(t as i128, dtype)
}

impl PyScalar {
    /// NumPy's `setitem` of a Python number into `dtype`.
    pub fn to_dtype(self, dtype: DType) -> Result<Scalar, NumrtError> {
        let int = dtype.is_integer();
        match self {
            PyScalar::Bool(b) => Ok(Scalar::Bool(b).cast(dtype)),
            PyScalar::Int(v) if int => py_int_to_integer(v, dtype),
            PyScalar::Int(v) if dtype.is_bool() => Ok(Scalar::Bool(v != 0)),
            PyScalar::Int(v) => Ok(Scalar::Float64(v as f64).cast(dtype)),
            PyScalar::Float(x) if int => py_float_to_integer(x, dtype),
            PyScalar::Float(x) => Ok(Scalar::Float64(x).cast(dtype)),
            PyScalar::Complex(re, im) => match dtype {
                d if d.is_complex() || d.is_bool() => Ok(Scalar::Complex128(dtypes::c128::new(re, im)).cast(d)),
                d if d.is_integer() => Err(NumrtError::Type(
                    "int() argument must be a string, a bytes-like object or a real number, not 'complex'".into(),
                )),
                _ => Err(NumrtError::Type("float() argument must be a string or a real number, not 'complex'".into())),
            },
        }
    }

    /// The dtype `np.array(x)` gives this value: bool, int64 (uint64 for values only it holds),
    /// float64, complex128. Ints beyond uint64 would need NumPy's object dtype.
    pub fn default_dtype(self) -> Result<DType, NumrtError> {
        Ok(match self {
            PyScalar::Bool(_) => DType::Bool,
            PyScalar::Int(v) if v >= i64::MIN as i128 && v <= i64::MAX as i128 => DType::Int64,
            PyScalar::Int(v) if v >= 0 && v <= u64::MAX as i128 => DType::UInt64,
            PyScalar::Int(v) => {
                return Err(NumrtError::NotImplemented(format!(
                    "object arrays (Python integer {v} fits neither int64 nor uint64)"
                )))
            }
            PyScalar::Float(_) => DType::Float64,
            PyScalar::Complex(..) => DType::Complex128,
        })
    }
}

/// NumPy's packing of a NumPy scalar into `dtype`: signed integer dtypes convert it like Python's
/// `int()` and range-check the result ("Python integer 300 out of bounds for int8"); every other
/// dtype takes an unsafe cast.
pub fn numpy_scalar_to_dtype(s: Scalar, dtype: DType) -> Result<Scalar, NumrtError> {
    if !dtype.is_signed_integer() {
        return Ok(s.cast(dtype));
    }
    match s.to_wide() {
        dtypes::Wide::Bool(b) => Ok(Scalar::Bool(b).cast(dtype)),
        dtypes::Wide::Int(i) => py_int_to_integer(i as i128, dtype),
        dtypes::Wide::UInt(u) => py_int_to_integer(u as i128, dtype),
        dtypes::Wide::Float(x) | dtypes::Wide::Complex(x, _) => py_float_to_integer(x, dtype),
    }
}

/// State of shape discovery (NumPy's `update_shape` flags).
struct Discovery {
    max_dims: usize,
    shape: Vec<usize>,
    /// A non-sequence (scalar or array) has fixed the number of dims.
    max_dims_reached: bool,
    ragged: bool,
    too_deep: bool,
}

impl Discovery {
    /// NumPy's `update_shape`: merge `new_shape` found at depth `curr`; false when ragged.
    fn update(&mut self, curr: usize, new_shape: &[usize], sequence: bool) -> bool {
        let mut ok = true;
        let mut new_nd = new_shape.len();
        if curr + new_nd > self.max_dims {
            ok = false;
            new_nd = self.max_dims.saturating_sub(curr);
        } else if !sequence && self.max_dims != curr + new_nd {
            self.max_dims = curr + new_nd;
            if self.max_dims_reached {
                ok = false;
            }
        }
        for (i, &new_dim) in new_shape[..new_nd].iter().enumerate() {
            if !self.max_dims_reached {
                self.shape[curr + i] = new_dim;
            } else if self.shape[curr + i] != new_dim {
                ok = false;
                self.max_dims = if sequence { curr } else { self.max_dims.saturating_sub(new_nd - i) };
                break;
            }
        }
        if !sequence {
            self.max_dims_reached = true;
        }
        ok
    }

    fn visit(&mut self, item: &Nested, curr: usize) {
        match item {
            Nested::List(items) => {
                if curr == MAX_DIMS && !self.max_dims_reached {
                    self.too_deep = true;
                    return;
                }
                if !self.update(curr, &[items.len()], true) {
                    self.ragged = true;
                    return;
                }
                if items.is_empty() {
                    self.max_dims_reached = true;
                    self.max_dims = self.max_dims.min(curr + 1);
                    return;
                }
                for it in items {
                    self.visit(it, curr + 1);
                }
            }
            Nested::Array(v) => self.ragged |= !self.update(curr, &v.shape, false),
            _ => self.ragged |= !self.update(curr, &[], false),
        }
    }
}

/// The shape of nested data, or NumPy's ValueError for ragged or too deep input.
pub fn discover_shape(data: &Nested) -> Result<Vec<usize>, NumrtError> {
    let mut d = Discovery { max_dims: MAX_DIMS, shape: vec![0; MAX_DIMS], max_dims_reached: false, ragged: false, too_deep: false };
    d.visit(data, 0);
    if d.too_deep {
        return Err(NumrtError::Value(format!(
            "setting an array element with a sequence. The requested array would exceed the maximum number of dimension of {MAX_DIMS}."
        )));
    }
    let shape = d.shape[..d.max_dims].to_vec();
    if d.ragged {
        return Err(NumrtError::Value(format!(
            "setting an array element with a sequence. The requested array has an inhomogeneous shape after {} dimensions. The detected shape was {} + inhomogeneous part.",
            d.max_dims,
            fmt_tuple(&shape)
        )));
    }
    Ok(shape)
}

/// The leaf of a nested value, when it is a Python number.
fn py_leaf(item: &Nested) -> Option<PyScalar> {
    Some(match *item {
        Nested::Bool(b) => PyScalar::Bool(b),
        Nested::Int(v) => PyScalar::Int(v),
        Nested::Float(x) => PyScalar::Float(x),
        Nested::Complex(re, im) => PyScalar::Complex(re, im),
        _ => return None,
    })
}

/// The dtype `np.array(data)` infers: promotion of every leaf's dtype; float64 when there is no
/// leaf at all (`np.array([])`).
pub fn infer_dtype(data: &Nested) -> Result<DType, NumrtError> {
    fn walk(item: &Nested, acc: &mut Option<DType>) -> Result<(), NumrtError> {
        let d = match item {
            Nested::List(items) => return items.iter().try_for_each(|it| walk(it, acc)),
            Nested::Scalar(s) => s.dtype(),
            Nested::Array(v) => v.dtype,
            leaf => py_leaf(leaf).expect("python leaf").default_dtype()?,
        };
        *acc = Some(match *acc {
            None => d,
            Some(a) => promote_types(a, d)?,
        });
        Ok(())
    }
    let mut acc = None;
    walk(data, &mut acc)?;
    Ok(acc.unwrap_or(DType::Float64))
}

/// Write `item` (whose shape is `out.shape`) into `out`.
fn fill(out: &View, item: &Nested) -> Result<(), NumrtError> {
    match item {
        Nested::List(items) => items.iter().enumerate().try_for_each(|(i, it)| {
            let sub = out.with_layout(out.offset as isize + i as isize * out.strides[0], out.shape[1..].to_vec(), out.strides[1..].to_vec())?;
            fill(&sub, it)
        }),
        Nested::Array(v) => copy_into(out, v),
        Nested::Scalar(s) => out.set(&[], numpy_scalar_to_dtype(*s, out.dtype)?),
        leaf => out.set(&[], py_leaf(leaf).expect("python leaf").to_dtype(out.dtype)?),
    }
}

/// `np.array(data, dtype=dtype)`: a new C-contiguous array.
pub fn from_nested(data: &Nested, dtype: Option<DType>) -> Result<View, NumrtError> {
    let shape = discover_shape(data)?;
    let dtype = match dtype {
        Some(d) => d,
        None => infer_dtype(data)?,
    };
    let out = View::zeros(&shape, dtype)?;
    match data {
        // A NumPy scalar on its own is converted like a 0-d array: an unsafe cast.
        Nested::Scalar(s) => out.set(&[], *s)?,
        _ => fill(&out, data)?,
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(items: Vec<Nested>) -> Nested {
        Nested::List(items)
    }

    #[test]
    fn ragged_messages_match_numpy() {
        let e = |d: Nested| from_nested(&d, None).unwrap_err().to_string();
        let ints = |v: &[i128]| list(v.iter().map(|&i| Nested::Int(i)).collect());
        assert_eq!(
            e(list(vec![ints(&[1, 2]), ints(&[3])])),
            "setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions. The detected shape was (2,) + inhomogeneous part."
        );
        assert_eq!(
            e(list(vec![list(vec![Nested::Int(1), ints(&[2])]), ints(&[3, 4])])),
            "setting an array element with a sequence. The requested array has an inhomogeneous shape after 2 dimensions. The detected shape was (2, 2) + inhomogeneous part."
        );
    }

    #[test]
    fn inference_and_packing() {
        let d = list(vec![Nested::Scalar(Scalar::Int8(1)), Nested::Int(300)]);
        let a = from_nested(&d, None).unwrap();
        assert_eq!(a.dtype, DType::Int64);
        assert_eq!(a.to_scalars(), vec![Scalar::Int64(1), Scalar::Int64(300)]);
        let e = from_nested(&list(vec![Nested::Int(300)]), Some(DType::UInt8)).unwrap_err();
        assert_eq!(e.to_string(), "Python integer 300 out of bounds for uint8");
        assert_eq!(from_nested(&list(vec![Nested::Int(1 << 63)]), None).unwrap().dtype, DType::UInt64);
        let empty = from_nested(&list(vec![list(vec![]), list(vec![])]), None).unwrap();
        assert_eq!((empty.shape.clone(), empty.dtype), (vec![2, 0], DType::Float64));
    }
}
