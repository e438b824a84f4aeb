//! Every loop of every ufunc against NumPy: corner and random inputs from
//! `tests/data/kernels.json` (written by `scripts/gen_ufunc_tables.py`), comparing outputs and
//! the errstate flags NumPy raises for each element.

mod common;

use std::collections::BTreeMap;

use common::{decode, dtype_of_char, float_parts, load, same_value, ulps};
use dtypes::{DType, Scalar};
use ufuncs::FpFlags;

/// Functions NumPy computes with SIMD code (SVML, Highway) on an AVX-512 machine instead of
/// the C library the reference kernels call: values may differ by a few ULP, and UNDERFLOW is
/// raised in implementation-specific places (it is ignored by default in NumPy's errstate).
const TRANSCENDENTAL: &[&str] = &[
    "exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "sin", "cos", "tan", "arcsin",
    "arccos", "arctan", "sinh", "cosh", "tanh", "arcsinh", "arccosh", "arctanh", "arctan2",
    "power", "angle", "sqrt", "hypot",
];

/// Largest ULP difference accepted for `TRANSCENDENTAL` functions.
const MAX_ULPS: u64 = 2;

struct Mismatch {
    inputs: Vec<Scalar>,
    want: Scalar,
    got: Scalar,
    want_flags: u8,
    got_flags: u8,
}

/// Largest ULP distance between two values' float parts (0 when identical).
fn max_ulps(a: Scalar, b: Scalar) -> u64 {
    match (float_parts(a), float_parts(b)) {
        (Some(x), Some(y)) => {
            let real = a.dtype().real_dtype();
            x.iter().zip(&y).map(|(p, q)| ulps(*p, *q, real)).max().unwrap_or(0)
        }
        _ => {
            if a == b {
                0
            } else {
                u64::MAX
            }
        }
    }
}

#[test]
fn kernels_match_numpy() {
    let data = load("kernels.json");
    let mut report: BTreeMap<String, (usize, usize, u64, Vec<Mismatch>)> = BTreeMap::new();
    let mut total = 0;
    for (name, loops) in data["ufuncs"].as_object().unwrap() {
        let uf = ufuncs::get(name).unwrap_or_else(|| panic!("missing ufunc {name}"));
        for rec in loops.as_array().unwrap() {
            let sig = rec["loop"].as_str().unwrap();
            let lp = uf.loops.iter().find(|l| l.signature() == sig).unwrap();
            let in_types: Vec<DType> = sig.split("->").next().unwrap().chars().map(dtype_of_char).collect();
            let out_type = dtype_of_char(sig.split("->").nth(1).unwrap().chars().next().unwrap());
            let n = rec["out"].as_array().unwrap().len();
            for i in 0..n {
                total += 1;
                let inputs: Vec<Scalar> =
                    in_types.iter().enumerate().map(|(k, &dt)| decode(&rec["in"][k][i], dt)).collect();
                let (outs, flags) = lp.call_scalar(&inputs);
                let key = format!("{name} {sig}");
                let entry = report.entry(key).or_insert((0, 0, 0, Vec::new()));
                if let Some(err) = rec["errors"].get(i.to_string()) {
                    assert_eq!(err[0], "ValueError", "{name} {sig} {inputs:?}");
                    if !flags.has(FpFlags::NEGATIVE_POWER) {
                        entry.0 += 1;
                    }
                    continue;
                }
                let want = decode(&rec["out"][i], out_type);
                let alt = rec["batch"].get(i.to_string()).map(|v| decode(v, out_type));
                let want_flags = rec["flags"][i].as_u64().unwrap() as u8;
                let got = outs[0];
                let loose = TRANSCENDENTAL.contains(&name.as_str());
                let mut value_ok = same_value(want, got) || alt.is_some_and(|a| same_value(a, got));
                if !value_ok {
                    let d = max_ulps(want, got).min(alt.map_or(u64::MAX, |a| max_ulps(a, got)));
                    entry.2 = entry.2.max(d);
                    value_ok = loose && d <= MAX_ULPS;
                    if !value_ok {
                        entry.0 += 1;
                    }
                }
                let mut mask = if loose { FpFlags::ERRSTATE & !FpFlags::UNDERFLOW } else { FpFlags::ERRSTATE };
                if name == "power" && float_parts(inputs[1]).is_some_and(|p| p[0].is_infinite()) {
                    // NumPy's SVML pow (float32/64 on AVX-512) raises DIVIDE for 0 ** -inf and
                    // OVERFLOW for some huge bases ** inf; the C library's pow (NumPy's float16
                    // loop, and the reference) raises neither.
                    mask &= !(FpFlags::OVERFLOW | FpFlags::DIVIDE);
                }
                let flags_ok = flags.0 & mask == want_flags & mask;
                if !flags_ok {
                    entry.1 += 1;
                }
                if (!value_ok || !flags_ok) && entry.3.len() < 4 {
                    entry.3.push(Mismatch { inputs, want, got, want_flags, got_flags: flags.0 });
                }
            }
        }
    }
    let mut bad = 0;
    for (key, (values, flags, ulp, examples)) in &report {
        if *values == 0 && *flags == 0 {
            continue;
        }
        bad += 1;
        println!("{key}: {values} value mismatches (max {ulp} ulp), {flags} flag mismatches");
        for m in examples {
            println!(
                "    {:?} -> want {:?} flags {} got {:?} flags {}",
                m.inputs, m.want, m.want_flags, m.got, m.got_flags
            );
        }
    }
    println!("{total} cases, {bad} loops with mismatches");
    assert_eq!(bad, 0);
}
