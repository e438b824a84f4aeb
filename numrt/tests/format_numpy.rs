//! `numrt::format` against NumPy 2.4: every case of `tests/data/format/*.json` (written by
//! `scripts/gen_format_tables.py`) is rebuilt bit-exactly as a `View` or `Scalar` and its
//! repr/str compared character for character. Failures are collected and reported together.

use std::sync::Arc;

use dtypes::{DType, Scalar};
use numrt::format::{
    array_repr, array_str, scalar_repr, scalar_str, FloatMode, PrintOptions, Sign,
};
use numrt::{Buffer, View};
use serde_json::Value;

fn load(name: &str) -> Vec<Value> {
    let path = format!("{}/tests/data/format/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn hex_bytes(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn dtype(case: &Value) -> DType {
    DType::from_name(case["dtype"].as_str().unwrap()).expect("known dtype")
}

fn usizes(v: &Value) -> Vec<usize> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_u64().unwrap() as usize)
        .collect()
}

fn view(case: &Value) -> View {
    let bytes = hex_bytes(case["base"].as_str().unwrap());
    let buffer = Buffer::alloc_zeroed(bytes.len()).unwrap();
    // SAFETY: the buffer was just allocated with `bytes.len()` bytes and nothing else uses it.
    unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), buffer.as_ptr(), bytes.len()) };
    let strides = case["strides"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_i64().unwrap() as isize);
    let offset = case["offset"].as_u64().unwrap() as usize;
    View::new(
        Arc::clone(&buffer),
        offset,
        usizes(&case["shape"]),
        strides.collect(),
        dtype(case),
    )
    .expect("case view fits its base")
}

fn options(case: &Value) -> PrintOptions {
    let mut o = PrintOptions::default();
    let Some(map) = case.get("options").and_then(Value::as_object) else {
        return o;
    };
    for (key, v) in map {
        match key.as_str() {
            "precision" => o.precision = v.as_u64().unwrap() as usize,
            "threshold" => o.threshold = v.as_u64().unwrap() as usize,
            "edgeitems" => o.edgeitems = v.as_u64().unwrap() as usize,
            "linewidth" => o.linewidth = v.as_u64().unwrap() as usize,
            "suppress" => o.suppress = v.as_bool().unwrap(),
            "nanstr" => o.nanstr = v.as_str().unwrap().to_string(),
            "infstr" => o.infstr = v.as_str().unwrap().to_string(),
            "sign" => {
                o.sign = match v.as_str().unwrap() {
                    "+" => Sign::Plus,
                    " " => Sign::Space,
                    _ => Sign::Minus,
                }
            }
            "floatmode" => {
                o.floatmode = match v.as_str().unwrap() {
                    "fixed" => FloatMode::Fixed,
                    "unique" => FloatMode::Unique,
                    "maxprec_equal" => FloatMode::MaxPrecEqual,
                    _ => FloatMode::MaxPrec,
                }
            }
            other => panic!("unknown print option {other}"),
        }
    }
    o
}

fn check(failures: &mut Vec<String>, what: &str, got: &str, want: &str) {
    if got != want {
        failures.push(format!("{what}\n  got:  {got:?}\n  want: {want:?}"));
    }
}

fn report(failures: &[String], total: usize) {
    for f in failures.iter().take(40) {
        eprintln!("{f}");
    }
    assert!(
        failures.is_empty(),
        "{} of {total} texts differ from NumPy",
        failures.len()
    );
}

#[test]
fn arrays_match_numpy() {
    let cases = load("arrays.json");
    let mut failures = Vec::new();
    for case in &cases {
        let (v, o) = (view(case), options(case));
        let name = case["name"].as_str().unwrap();
        check(
            &mut failures,
            &format!("repr {name}"),
            &array_repr(&v, &o),
            case["repr"].as_str().unwrap(),
        );
        check(
            &mut failures,
            &format!("str {name}"),
            &array_str(&v, &o),
            case["str"].as_str().unwrap(),
        );
    }
    report(&failures, 2 * cases.len());
}

#[test]
fn scalars_match_numpy() {
    let cases = load("scalars.json");
    let o = PrintOptions::default();
    let mut failures = Vec::new();
    for case in &cases {
        let bytes = hex_bytes(case["hex"].as_str().unwrap());
        let dt = dtype(case);
        assert_eq!(bytes.len(), dt.itemsize());
        // SAFETY: `bytes` holds exactly one element of `dt`.
        let s = unsafe { Scalar::read_from(dt, bytes.as_ptr()) };
        let what = format!("{dt} {}", case["hex"]);
        check(
            &mut failures,
            &format!("repr {what}"),
            &scalar_repr(s, &o),
            case["repr"].as_str().unwrap(),
        );
        check(
            &mut failures,
            &format!("str {what}"),
            &scalar_str(s),
            case["str"].as_str().unwrap(),
        );
    }
    report(&failures, 2 * cases.len());
}

#[test]
fn module_prefix_is_an_option() {
    let o = PrintOptions {
        module: "npp".to_string(),
        ..PrintOptions::default()
    };
    assert_eq!(scalar_repr(Scalar::Float64(1.5), &o), "npp.float64(1.5)");
    assert_eq!(scalar_repr(Scalar::Bool(true), &o), "npp.True_");
    let bare = PrintOptions {
        module: String::new(),
        ..PrintOptions::default()
    };
    assert_eq!(scalar_repr(Scalar::Int8(3), &bare), "int8(3)");
}

/// A C-contiguous float64 view holding `values` in `shape`.
fn f64_view(values: &[f64], shape: &[usize]) -> View {
    let v = View::zeros(shape, DType::Float64).unwrap();
    for (i, &x) in values.iter().enumerate() {
        // SAFETY: `i` indexes the fresh contiguous buffer of `values.len()` float64s.
        unsafe { Scalar::Float64(x).write_to(v.data_ptr().add(8 * i)) };
    }
    v
}

#[test]
fn extreme_options_do_not_panic() {
    let v = f64_view(
        &[1e-300, 1.5, f64::NAN, -0.0, 1e300, 7.0, 8.0, 9.0],
        &[2, 2, 2],
    );
    let extremes = [
        PrintOptions {
            precision: usize::MAX,
            floatmode: FloatMode::Fixed,
            ..Default::default()
        },
        PrintOptions {
            precision: usize::MAX,
            suppress: true,
            ..Default::default()
        },
        PrintOptions {
            linewidth: 0,
            ..Default::default()
        },
        PrintOptions {
            linewidth: usize::MAX,
            ..Default::default()
        },
        PrintOptions {
            threshold: 0,
            edgeitems: usize::MAX,
            ..Default::default()
        },
        PrintOptions {
            threshold: 0,
            edgeitems: 0,
            ..Default::default()
        },
    ];
    for o in &extremes {
        assert!(array_repr(&v, o).starts_with("array("));
        assert!(array_str(&v, o).starts_with('['));
    }
    let fixed = &extremes[0];
    let text = array_str(&f64_view(&[0.5], &[1]), fixed);
    assert_eq!(
        text.len(),
        "[0.]".len() + 16_000,
        "precision is clamped to 16000 digits"
    );
}
