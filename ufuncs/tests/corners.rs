//! Hand-written corner cases of NumPy's semantics, one per rule, through the public API
//! (`get` -> `resolve` -> `Loop::call_scalar`). The NumPy-generated tables cover the same ground
//! exhaustively; these say what the rules are.

use dtypes::{c128, f16, Casting, DType, Operand, Scalar};
use ufuncs::{FpFlags, UfuncError};

use DType::*;
use Operand::{Array, PyComplex, PyFloat, PyInt};

/// Apply ufunc `name` to NumPy scalars of their own dtypes (strong operands).
fn apply(name: &str, args: &[Scalar]) -> (Scalar, FpFlags) {
    let uf = ufuncs::get(name).unwrap();
    let ops: Vec<Operand> = args.iter().map(|s| Array(s.dtype())).collect();
    let r = uf.resolve(&ops).unwrap();
    let (out, fl) = r.lp.call_scalar(args);
    (out[0], fl)
}

fn value(name: &str, args: &[Scalar]) -> Scalar {
    apply(name, args).0
}

fn flags(name: &str, args: &[Scalar]) -> u8 {
    apply(name, args).1 .0
}

fn loop_of(name: &str, ops: &[Operand]) -> String {
    ufuncs::get(name).unwrap().resolve(ops).map(|r| r.lp.signature()).unwrap_or_else(|e| e.to_string())
}

#[test]
fn integers_wrap_and_divide_by_zero_gives_zero() {
    assert_eq!(value("add", &[Scalar::Int8(127), Scalar::Int8(1)]), Scalar::Int8(-128));
    assert_eq!(value("absolute", &[Scalar::Int8(-128)]), Scalar::Int8(-128));
    assert_eq!(value("negative", &[Scalar::UInt8(1)]), Scalar::UInt8(255));
    assert_eq!(apply("floor_divide", &[Scalar::Int32(7), Scalar::Int32(0)]), (Scalar::Int32(0), FpFlags(FpFlags::DIVIDE)));
    assert_eq!(apply("remainder", &[Scalar::Int32(7), Scalar::Int32(0)]), (Scalar::Int32(0), FpFlags(FpFlags::DIVIDE)));
    assert_eq!(apply("fmod", &[Scalar::UInt16(7), Scalar::UInt16(0)]), (Scalar::UInt16(0), FpFlags(FpFlags::DIVIDE)));
    let min = Scalar::Int64(i64::MIN);
    assert_eq!(apply("floor_divide", &[min, Scalar::Int64(-1)]), (min, FpFlags(FpFlags::OVERFLOW)));
    assert_eq!(apply("remainder", &[min, Scalar::Int64(-1)]), (Scalar::Int64(0), FpFlags::default()));
}

#[test]
fn python_sign_rules() {
    assert_eq!(value("floor_divide", &[Scalar::Int16(7), Scalar::Int16(-2)]), Scalar::Int16(-4));
    assert_eq!(value("remainder", &[Scalar::Int16(7), Scalar::Int16(-2)]), Scalar::Int16(-1));
    assert_eq!(value("fmod", &[Scalar::Int16(7), Scalar::Int16(-2)]), Scalar::Int16(1));
    assert_eq!(value("floor_divide", &[Scalar::Float64(-7.0), Scalar::Float64(2.0)]), Scalar::Float64(-4.0));
    assert_eq!(value("remainder", &[Scalar::Float64(-7.0), Scalar::Float64(2.0)]), Scalar::Float64(1.0));
    assert_eq!(value("fmod", &[Scalar::Float64(-7.0), Scalar::Float64(2.0)]), Scalar::Float64(-1.0));
    // The zero remainder takes the divisor's sign.
    assert_eq!(value("remainder", &[Scalar::Float64(4.0), Scalar::Float64(-2.0)]), Scalar::Float64(-0.0));
}

#[test]
fn float_division_by_zero() {
    let (q, fl) = apply("floor_divide", &[Scalar::Float64(1.0), Scalar::Float64(0.0)]);
    assert_eq!((q, fl.0), (Scalar::Float64(f64::INFINITY), FpFlags::DIVIDE));
    let (q, fl) = apply("floor_divide", &[Scalar::Float64(0.0), Scalar::Float64(0.0)]);
    assert!(matches!(q, Scalar::Float64(x) if x.is_nan()) && fl.0 == FpFlags::INVALID);
    let (r, fl) = apply("remainder", &[Scalar::Float64(1.0), Scalar::Float64(0.0)]);
    assert!(matches!(r, Scalar::Float64(x) if x.is_nan()) && fl.0 == FpFlags::INVALID);
    assert_eq!(flags("divide", &[Scalar::Float32(-1.0), Scalar::Float32(0.0)]), FpFlags::DIVIDE);
    assert_eq!(flags("log", &[Scalar::Float64(0.0)]), FpFlags::DIVIDE);
    assert_eq!(flags("sqrt", &[Scalar::Float64(-1.0)]), FpFlags::INVALID);
    assert_eq!(flags("multiply", &[Scalar::Float64(1e300), Scalar::Float64(1e10)]), FpFlags::OVERFLOW);
    assert_eq!(flags("add", &[Scalar::Float64(f64::NAN), Scalar::Float64(1.0)]), 0);
}

#[test]
fn integer_power() {
    assert_eq!(value("power", &[Scalar::Int8(2), Scalar::Int8(7)]), Scalar::Int8(-128));
    assert_eq!(value("power", &[Scalar::UInt64(3), Scalar::UInt64(40)]), Scalar::UInt64(3u64.wrapping_pow(40)));
    let fl = apply("power", &[Scalar::Int32(1), Scalar::Int32(-1)]).1;
    assert_eq!(fl.error(), Some(UfuncError::NegativeIntegerPower));
    assert_eq!(fl.error().unwrap().exception_class(), "ValueError");
}

#[test]
fn nan_propagates_through_minimum_but_not_fmin() {
    let nan = Scalar::Float64(f64::NAN);
    let one = Scalar::Float64(1.0);
    assert!(matches!(value("minimum", &[one, nan]), Scalar::Float64(x) if x.is_nan()));
    assert!(matches!(value("maximum", &[nan, one]), Scalar::Float64(x) if x.is_nan()));
    assert_eq!(value("fmin", &[one, nan]), one);
    assert_eq!(value("fmax", &[nan, one]), one);
    let h = |x: f32| Scalar::Float16(f16::from_f32(x));
    assert_eq!(value("fmax", &[h(f32::NAN), h(2.0)]), h(2.0));
}

#[test]
fn complex_rules() {
    let z = |re: f64, im: f64| Scalar::Complex128(c128::new(re, im));
    assert_eq!(value("less", &[z(1.0, 5.0), z(2.0, 0.0)]), Scalar::Bool(true));
    assert_eq!(value("less", &[z(1.0, 0.0), z(1.0, -1.0)]), Scalar::Bool(false));
    assert_eq!(value("maximum", &[z(1.0, 5.0), z(1.0, 6.0)]), z(1.0, 6.0));
    assert_eq!(value("sign", &[z(3.0, -4.0)]), z(0.6, -0.8));
    assert_eq!(value("sign", &[z(0.0, 0.0)]), z(0.0, 0.0));
    assert_eq!(value("sqrt", &[z(-1.0, -0.0)]), z(0.0, -1.0));
    assert_eq!(value("absolute", &[z(3.0, 4.0)]), Scalar::Float64(5.0));
    assert_eq!(value("conjugate", &[z(1.0, 2.0)]), z(1.0, -2.0));
    assert_eq!(value("real", &[z(1.0, 2.0)]), Scalar::Float64(1.0));
    assert_eq!(value("imag", &[z(1.0, 2.0)]), Scalar::Float64(2.0));
    assert_eq!(value("angle", &[z(0.0, 1.0)]), Scalar::Float64(std::f64::consts::FRAC_PI_2));
}

#[test]
fn shifts_bits_and_predicates() {
    assert_eq!(value("left_shift", &[Scalar::Int8(1), Scalar::Int8(8)]), Scalar::Int8(0));
    assert_eq!(value("right_shift", &[Scalar::Int8(-8), Scalar::Int8(100)]), Scalar::Int8(-1));
    assert_eq!(value("right_shift", &[Scalar::UInt8(200), Scalar::UInt8(100)]), Scalar::UInt8(0));
    assert_eq!(value("invert", &[Scalar::Bool(true)]), Scalar::Bool(false));
    assert_eq!(value("signbit", &[Scalar::Float64(-0.0)]), Scalar::Bool(true));
    assert_eq!(value("isnan", &[Scalar::Int32(5)]), Scalar::Bool(false));
    assert_eq!(value("isfinite", &[Scalar::UInt8(5)]), Scalar::Bool(true));
    assert_eq!(value("logical_xor", &[Scalar::Float32(f32::NAN), Scalar::Float32(0.0)]), Scalar::Bool(true));
    assert_eq!(value("add", &[Scalar::Bool(true), Scalar::Bool(true)]), Scalar::Bool(true));
    assert_eq!(value("angle", &[Scalar::Float64(-0.0)]), Scalar::Float64(std::f64::consts::PI));
    assert_eq!(value("imag", &[Scalar::Int16(7)]), Scalar::Int16(0));
}

#[test]
fn float16_computes_in_float32_and_rounds() {
    let h = |x: f32| Scalar::Float16(f16::from_f32(x));
    // 65504 is the largest float16; 65520 is half-way to the next power and rounds to inf.
    assert_eq!(apply("add", &[h(65504.0), h(8.0)]), (h(65504.0), FpFlags::default()));
    assert_eq!(apply("add", &[h(65504.0), h(16.0)]), (h(f32::INFINITY), FpFlags(FpFlags::OVERFLOW)));
    // One rounding of the float32 product.
    let want = f16::from_f32(f16::from_f32(0.1).to_f32() * 3.0);
    assert_eq!(value("multiply", &[h(0.1), h(3.0)]), Scalar::Float16(want));
}

#[test]
fn nep50_resolution() {
    assert_eq!(loop_of("add", &[Array(Int8), PyInt(1)]), "bb->b");
    assert_eq!(loop_of("add", &[Array(Int8), PyFloat(1.0)]), "dd->d");
    assert_eq!(loop_of("multiply", &[Array(Float32), PyFloat(2.0)]), "ff->f");
    assert_eq!(loop_of("add", &[Array(Float16), PyInt(1)]), "ee->e");
    assert_eq!(loop_of("add", &[Array(Float32), PyComplex(0.0, 1.0)]), "FF->F");
    assert_eq!(loop_of("add", &[Array(Float16), Array(Int16)]), "ff->f");
    assert_eq!(loop_of("add", &[Array(UInt64), Array(Int64)]), "dd->d");
    assert_eq!(loop_of("divide", &[Array(Int8), Array(Int8)]), "dd->d");
    assert_eq!(loop_of("sqrt", &[Array(Int8)]), "e->e");
    assert_eq!(loop_of("sqrt", &[Array(Int16)]), "f->f");
    assert_eq!(loop_of("floor", &[Array(Int32)]), "i->i");
    assert_eq!(loop_of("less", &[Array(Int64), Array(UInt64)]), "lL->?");
    assert_eq!(loop_of("logical_and", &[Array(Int8), Array(Float64)]), "??->?");
    let err = ufuncs::get("add").unwrap().resolve(&[Array(UInt8), PyInt(300)]).unwrap_err();
    assert_eq!((err.exception_class(), err.to_string().as_str()), ("OverflowError", "Python integer 300 out of bounds for uint8"));
    let err = ufuncs::get("subtract").unwrap().resolve(&[Array(Bool), Array(Bool)]).unwrap_err();
    assert_eq!(err, UfuncError::BooleanSubtract);
    let err = ufuncs::get("left_shift").unwrap().resolve(&[Array(Float32), Array(Int8)]).unwrap_err();
    assert_eq!(err.exception_class(), "TypeError");
}

#[test]
fn comparisons_with_out_of_range_python_ints() {
    let less = ufuncs::get("less").unwrap();
    let r = less.resolve(&[Array(UInt8), PyInt(300)]).unwrap();
    assert_eq!(r.constant_output, Some(true));
    let r = less.resolve(&[PyInt(-1), Array(UInt8)]).unwrap();
    assert_eq!(r.constant_output, Some(true));
    let r = ufuncs::get("equal").unwrap().resolve(&[Array(Int8), PyInt(1 << 70)]).unwrap();
    assert_eq!(r.constant_output, Some(false));
    let r = less.resolve(&[Array(Int8), PyInt(5)]).unwrap();
    assert_eq!((r.constant_output, r.scalar_inputs[1]), (None, Some(Scalar::Int8(5))));
}

#[test]
fn python_scalar_conversion() {
    let add = ufuncs::get("add").unwrap();
    let r = add.resolve(&[Array(Float16), PyFloat(1e10)]).unwrap();
    assert_eq!(r.scalar_inputs[1], Some(Scalar::Float16(f16::INFINITY)));
    assert!(r.cast_flags.has(FpFlags::OVERFLOW));
    let r = add.resolve(&[Array(Int16), PyInt(-5)]).unwrap();
    assert_eq!(r.scalar_inputs, vec![None, Some(Scalar::Int16(-5))]);
    let r = ufuncs::get("real").unwrap().resolve(&[PyFloat(1.5)]).unwrap();
    assert_eq!(r.scalar_inputs, vec![Some(Scalar::Float64(1.5))]);
}

#[test]
fn dtype_and_casting() {
    let add = ufuncs::get("add").unwrap();
    let r = add.resolve_with(&[Array(Int8), Array(Int8)], Some(Float32), Casting::SameKind).unwrap();
    assert_eq!(r.lp.signature(), "ff->f");
    let err = add.resolve_with(&[Array(Float64), Array(Float64)], Some(Int32), Casting::SameKind).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Cannot cast ufunc 'add' input 0 from dtype('float64') to dtype('int32') with casting rule 'same_kind'"
    );
    let r = add.resolve(&[Array(Float64), Array(Float64)]).unwrap();
    let err = r.check_output(0, Int32, Casting::SameKind).unwrap_err();
    assert_eq!(err.exception_class(), "UFuncTypeError");
    let err = ufuncs::get("sqrt").unwrap().resolve_with(&[Array(Float64)], Some(Int32), Casting::Unsafe).unwrap_err();
    assert_eq!(err, UfuncError::NoLoopForSignature { ufunc: "sqrt" });
}

#[test]
fn every_loop_runs_on_zero_without_panicking() {
    for uf in ufuncs::all() {
        for lp in &uf.loops {
            let zeros: Vec<Scalar> = lp.inputs().iter().map(|&d| Scalar::zero(d)).collect();
            let (out, _) = lp.call_scalar(&zeros);
            assert_eq!(out.len(), uf.nout);
            assert_eq!(out[0].dtype(), lp.outputs()[0]);
        }
    }
}
