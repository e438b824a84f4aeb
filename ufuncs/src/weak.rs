//! Python scalars meeting a chosen loop: NumPy's casting check of the inputs (`casting=`) and
//! the conversion of Python bool/int/float/complex values to the loop dtypes.
//!
//! A Python scalar is checked as the dtype NumPy gives it for the loop: the common dtype of its
//! kind and the loop dtype (`result_type` of the two), so `int8_arr + 3.0` under
//! `casting='no'` blames the int8 array, not the float. Converting a Python int to an integer
//! dtype checks its range (OverflowError); converting to float16/float32 may overflow to inf,
//! which NumPy reports as "overflow encountered in cast".

use dtypes::{can_cast, result_type, weak_int_fits, Casting, DType, Kind, Operand, Scalar};

use crate::resolve::default_dtype;
use crate::table::{Loop, Ufunc};
use crate::{FpFlags, UfuncError};

/// NumPy's validation of the inputs against `casting=` once the loop is chosen.
pub(crate) fn check_input_casting(
    ufunc: &Ufunc,
    ops: &[Operand],
    lp: &Loop,
    casting: Casting,
) -> Result<(), UfuncError> {
    // NumPy gives the Python scalars their dtypes (refusing changes under 'equiv') before it
    // validates any input.
    let froms = ops
        .iter()
        .zip(lp.inputs())
        .map(|(op, &to)| match (op.strong_dtype(), op.weak_kind()) {
            (Some(d), _) => Ok(d),
            (None, Some(kind)) => weak_descr(op, kind, to, casting),
            (None, None) => Ok(to),
        })
        .collect::<Result<Vec<DType>, UfuncError>>()?;
    for (i, (&from, &to)) in froms.iter().zip(lp.inputs()).enumerate() {
        if !can_cast(from, to, casting) {
            return Err(UfuncError::InputCasting {
                ufunc: ufunc.name,
                index: (ufunc.nin > 1).then_some(i),
                from,
                to,
                casting,
            });
        }
    }
    Ok(())
}

/// The dtype NumPy gives a Python scalar for a loop dtype (`npy_find_descr_for_scalar`); under
/// `casting='equiv'` NumPy refuses to change it from the scalar's default dtype.
fn weak_descr(op: &Operand, kind: Kind, to: DType, casting: Casting) -> Result<DType, UfuncError> {
    let descr = result_type(&[*op, Operand::Array(to)])?;
    if casting == Casting::Equiv && descr != default_dtype(kind) {
        let pytype = match kind {
            Kind::Float => "float",
            Kind::Complex => "complex",
            _ => "int",
        };
        return Err(UfuncError::PyScalarEquiv { pytype, to: descr });
    }
    Ok(descr)
}

/// The values of the Python scalar operands converted to the loop's input dtypes, and the
/// errstate flags of those conversions.
pub(crate) fn convert_scalars(
    ops: &[Operand],
    in_dtypes: &[DType],
) -> Result<(Vec<Option<Scalar>>, FpFlags), UfuncError> {
    let mut flags = FpFlags::default();
    let values = ops
        .iter()
        .zip(in_dtypes)
        .map(|(op, &to)| convert(op, to, &mut flags))
        .collect::<Result<_, _>>()?;
    Ok((values, flags))
}

fn convert(op: &Operand, to: DType, fl: &mut FpFlags) -> Result<Option<Scalar>, UfuncError> {
    Ok(Some(match *op {
        Operand::PyBool(b) => Scalar::Bool(b).cast(to),
        Operand::PyInt(v) => py_int(v, to, fl)?,
        Operand::PyFloat(x) => from_f64(x, to, fl),
        Operand::PyComplex(re, im) => py_complex(re, im, to, fl),
        Operand::Array(_) | Operand::Scalar(_) => return Ok(None),
    }))
}

/// An integer value known to fit `to` (or any value for bool and inexact dtypes).
pub(crate) fn int_scalar(v: i128, to: DType) -> Scalar {
    if to.is_bool() {
        return Scalar::Bool(v != 0);
    }
    if v < 0 {
        Scalar::Int64(v as i64).cast(to)
    } else {
        Scalar::UInt64(v as u64).cast(to)
    }
}

fn py_int(v: i128, to: DType, fl: &mut FpFlags) -> Result<Scalar, UfuncError> {
    weak_int_fits(v, to)?;
    if to.is_inexact() {
        // Python converts the int to a double (correctly rounded), NumPy casts that.
        return Ok(from_f64(v as f64, to, fl));
    }
    Ok(int_scalar(v, to))
}

/// A double converted to `to`: OVERFLOW when a finite value becomes inf, INVALID when a
/// non-finite or out-of-range value becomes an integer (only under unsafe casting).
fn from_f64(x: f64, to: DType, fl: &mut FpFlags) -> Scalar {
    let s = Scalar::Float64(x).cast(to);
    match to.kind() {
        Kind::Float | Kind::Complex => {
            let back = match s.to_wide() {
                dtypes::Wide::Float(f) | dtypes::Wide::Complex(f, _) => f,
                _ => x,
            };
            if x.is_finite() && back.is_infinite() {
                fl.set(FpFlags::OVERFLOW);
            }
        }
        Kind::Int | Kind::UInt => {
            let (lo, hi) = to.int_limits().unwrap_or((0, 0));
            if !x.is_finite() || x < lo as f64 || x > hi as f64 {
                fl.set(FpFlags::INVALID);
            }
        }
        Kind::Bool => {}
    }
    s
}

fn py_complex(re: f64, im: f64, to: DType, fl: &mut FpFlags) -> Scalar {
    if to.is_bool() {
        // The logical functions: true if either part is nonzero.
        return Scalar::Complex128(dtypes::c128::new(re, im)).cast(to);
    }
    if !to.is_complex() {
        // Only reachable with casting='unsafe': NumPy drops the imaginary part.
        return from_f64(re, to, fl);
    }
    let parts = [re, im].map(|x| from_f64(x, to.real_dtype(), fl).to_wide());
    let part = |w: dtypes::Wide| match w {
        dtypes::Wide::Float(f) => f,
        _ => f64::NAN,
    };
    Scalar::Complex128(dtypes::c128::new(part(parts[0]), part(parts[1]))).cast(to)
}
