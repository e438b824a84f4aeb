//! Loop selection against NumPy (`tests/data/resolution.json`, written by
//! `scripts/gen_ufunc_tables.py`): every ufunc with every combination of the 14 dtypes and weak
//! Python int/float/complex; Python scalar values (out-of-range ints, overflowing floats,
//! comparisons with ints outside the array's range); and random `dtype=`/`casting=` requests.

mod common;

use common::{decode, dtype_of_char, dtype_of_name, load, same_value, ulps};
use dtypes::{Casting, DType, Operand, Scalar};
use serde_json::Value;
use ufuncs::{FpFlags, Resolution, UfuncError};

fn operand(label: &str) -> Operand {
    match label {
        "int" => Operand::PyInt(1),
        "float" => Operand::PyFloat(1.0),
        "complex" => Operand::PyComplex(0.0, 1.0),
        name => Operand::Array(dtype_of_name(name)),
    }
}

/// The loop chars of a resolution (inputs then outputs), as the generator writes them.
fn loop_chars(r: &Resolution) -> String {
    r.in_dtypes.iter().chain(&r.out_dtypes).map(|d| d.char()).collect()
}

/// Compare an outcome with an expected "!<error index>" or an expected string.
fn check(
    errors: &Value,
    want: &str,
    got: Result<String, UfuncError>,
    what: &str,
    failures: &mut Vec<String>,
) {
    match (want.strip_prefix('!'), got) {
        (Some(idx), Err(e)) => {
            let exc = &errors[idx.parse::<usize>().unwrap()];
            let (class, msg) = (exc[0].as_str().unwrap(), exc[1].as_str().unwrap());
            if e.exception_class() != class || e.to_string() != msg {
                failures.push(format!("{what}: want {class}: {msg}\n      got {}: {e}", e.exception_class()));
            }
        }
        (Some(idx), Ok(got)) => failures.push(format!("{what}: want error {}, got {got}", errors[idx.parse::<usize>().unwrap()])),
        (None, Err(e)) => failures.push(format!("{what}: want {want}, got error {e}")),
        (None, Ok(got)) if got != want => failures.push(format!("{what}: want {want}, got {got}")),
        _ => {}
    }
}

fn report(name: &str, total: usize, failures: &[String]) {
    for f in failures.iter().take(40) {
        println!("  {f}");
    }
    println!("{name}: {total} cases, {} failures", failures.len());
    assert!(failures.is_empty());
}

#[test]
fn plain_dtype_combinations() {
    let data = load("resolution.json");
    let labels: Vec<&str> = data["operands"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    let mut failures = Vec::new();
    let mut total = 0;
    for (name, results) in data["plain"].as_object().unwrap() {
        let uf = ufuncs::get(name).unwrap();
        let combos: Vec<Vec<&str>> = if uf.nin == 1 {
            labels.iter().map(|l| vec![*l]).collect()
        } else {
            labels.iter().flat_map(|a| labels.iter().map(move |b| vec![*a, *b])).collect()
        };
        for (ops, want) in combos.iter().zip(results.as_array().unwrap()) {
            total += 1;
            let operands: Vec<Operand> = ops.iter().map(|l| operand(l)).collect();
            let got = uf.resolve(&operands).map(|r| {
                if ["real", "imag", "angle"].contains(&name.as_str()) {
                    r.out_dtypes[0].char().to_string()
                } else if r.constant_output.is_some() && uf.is_comparison() {
                    // Two Python ints: NumPy compares them with its object loop ("OO?").
                    "OO?".to_string()
                } else {
                    loop_chars(&r)
                }
            });
            check(&data["errors"], want.as_str().unwrap(), got, &format!("{name}{ops:?}"), &mut failures);
        }
    }
    report("plain", total, &failures);
}

#[test]
fn dtype_and_casting_requests() {
    let data = load("resolution.json");
    let mut failures = Vec::new();
    let cases = data["signature"].as_array().unwrap();
    for case in cases {
        let name = case[0].as_str().unwrap();
        let ops: Vec<Operand> = case[1].as_array().unwrap().iter().map(|l| operand(l.as_str().unwrap())).collect();
        let dtype = case[2].as_str().map(dtype_of_name);
        let casting = Casting::from_name(case[3].as_str().unwrap()).unwrap();
        let uf = ufuncs::get(name).unwrap();
        let got = uf.resolve_with(&ops, dtype, casting).map(|r| loop_chars(&r));
        let what = format!("{name}{:?} dtype={dtype:?} casting={casting:?}", case[1]);
        check(&data["errors"], case[4].as_str().unwrap(), got, &what, &mut failures);
    }
    report("signature", cases.len(), &failures);
}

fn weak_operand(v: &Value) -> Operand {
    match v[0].as_str().unwrap() {
        "bool" => Operand::PyBool(v[1].as_u64().unwrap() != 0),
        "int" => Operand::PyInt(v[1].as_str().unwrap().parse().unwrap()),
        "float" => Operand::PyFloat(f64::from_bits(v[1].as_u64().unwrap())),
        _ => Operand::PyComplex(
            f64::from_bits(v[1][0].as_u64().unwrap()),
            f64::from_bits(v[1][1].as_u64().unwrap()),
        ),
    }
}

/// Run a resolution over the array `[0, 1]` (the generator's array) and the Python scalar.
fn run(r: &Resolution, array_dtype: DType, weak_first: bool) -> (Vec<Scalar>, FpFlags) {
    let mut flags = r.cast_flags;
    let values = (0..2)
        .map(|k| {
            if let Some(c) = r.constant_output {
                return Scalar::Bool(c);
            }
            let elem = Scalar::Int64(k).cast(array_dtype);
            let (ai, si) = if weak_first { (1, 0) } else { (0, 1) };
            let mut inputs = vec![Scalar::Bool(false); 2];
            inputs[ai] = elem.cast(r.in_dtypes[ai]);
            inputs[si] = r.scalar_inputs[si].expect("scalar input converted");
            let (out, fl) = r.lp.call_scalar(&inputs);
            flags.merge(fl);
            out[0]
        })
        .collect();
    (values, flags)
}

#[test]
fn python_scalar_values() {
    let data = load("resolution.json");
    let mut failures = Vec::new();
    let cases = data["weak"].as_array().unwrap();
    for case in cases {
        let name = case[0].as_str().unwrap();
        let array_dtype = dtype_of_name(case[1].as_str().unwrap());
        let weak_first = case[2].as_u64().unwrap() != 0;
        let weak = weak_operand(&case[3]);
        let ops = if weak_first { [weak, Operand::Array(array_dtype)] } else { [Operand::Array(array_dtype), weak] };
        let uf = ufuncs::get(name).unwrap();
        let what = format!("{name}({ops:?})");
        let resolved = uf.resolve(&ops);
        let want = &case[4];
        if let Some(s) = want.as_str() {
            // An error NumPy raises while resolving, or from the loop (negative int powers).
            let outcome = resolved.and_then(|r| match run(&r, array_dtype, weak_first).1.error() {
                Some(e) => Err(e),
                None => Ok(loop_chars(&r)),
            });
            check(&data["errors"], s, outcome, &what, &mut failures);
            continue;
        }
        let r = match resolved {
            Ok(r) => r,
            Err(e) => {
                failures.push(format!("{what}: want {want}, got error {e}"));
                continue;
            }
        };
        let out = dtype_of_char(want[0].as_str().unwrap().chars().next().unwrap());
        if r.out_dtypes[0] != out {
            failures.push(format!("{what}: want out {out}, got {}", loop_chars(&r)));
            continue;
        }
        let (values, flags) = run(&r, array_dtype, weak_first);
        let loose = ["arctan2", "power", "true_divide"].contains(&name);
        for (k, got) in values.iter().enumerate() {
            let want_v = decode(&want[1][k], out);
            let close = loose && common::float_parts(want_v).zip(common::float_parts(*got)).is_some_and(|(a, b)| {
                a.iter().zip(&b).all(|(x, y)| ulps(*x, *y, out.real_dtype()) <= 2)
            });
            if !same_value(want_v, *got) && !close {
                failures.push(format!("{what}[{k}]: want {want_v:?}, got {got:?}"));
            }
        }
        let (want_flags, want_cast) = (want[2].as_u64().unwrap() as u8, want[3].as_u64().unwrap() as u8);
        let mask = if loose { FpFlags::ERRSTATE & !FpFlags::UNDERFLOW } else { FpFlags::ERRSTATE };
        if flags.0 & mask != want_flags & mask || r.cast_flags.0 != want_cast {
            failures.push(format!(
                "{what}: want flags {want_flags} (cast {want_cast}), got {} (cast {})",
                flags.0, r.cast_flags.0
            ));
        }
    }
    report("weak", cases.len(), &failures);
}
