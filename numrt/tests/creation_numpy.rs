//! arange, linspace, eye and np.array(nested) against NumPy (tests/data/views/creation.json,
//! nested.json): dtype, shape and exact bits of every value, or the exception class and text.

mod views_common;

use numrt::creation::{arange, eye, linspace};
use numrt::{from_nested, Nested, NumrtError, View};
use serde_json::Value;
use views_common::*;

fn run_creation(case: &Value) -> Result<View, NumrtError> {
    let dtype = opt_dtype(&case["dtype"]);
    match case["fn"].as_str().unwrap() {
        "arange" => {
            let args: Vec<_> = case["args"].as_array().unwrap().iter().map(py_scalar).collect();
            arange(args[0], args.get(1).copied(), args.get(2).copied(), dtype)
        }
        "linspace" => {
            let args: Vec<_> = case["args"].as_array().unwrap().iter().map(py_scalar).collect();
            linspace(args[0], args[1], case["num"].as_i64().unwrap(), case["endpoint"].as_bool().unwrap(), dtype)
        }
        "eye" => eye(
            case["n"].as_u64().unwrap() as usize,
            case["m"].as_u64().map(|m| m as usize),
            case["k"].as_i64().unwrap(),
            dtype.unwrap(),
        ),
        other => panic!("unknown fn {other}"),
    }
}

#[test]
fn creation_matches_numpy() {
    for (i, case) in load("creation.json").iter().enumerate() {
        let ctx = format!("case {i}: {case}");
        if case["error"] == "object" {
            assert!(matches!(run_creation(case), Err(NumrtError::NotImplemented(_))), "object dtype: {ctx}");
            continue;
        }
        if let Some(r) = expect_outcome(run_creation(case), case, &ctx) {
            assert_array(&r, &case["result"], &ctx);
        }
    }
}

fn nested(v: &Value) -> Nested {
    if let Some(items) = v.get("list") {
        return Nested::List(items.as_array().unwrap().iter().map(nested).collect());
    }
    if let Some(a) = v.get("array") {
        return Nested::Array(array(a));
    }
    if let Some(s) = v.get("scalar") {
        return Nested::Scalar(array(s).get(&[]).unwrap());
    }
    match py_scalar(v) {
        numrt::PyScalar::Bool(b) => Nested::Bool(b),
        numrt::PyScalar::Int(i) => Nested::Int(i),
        numrt::PyScalar::Float(f) => Nested::Float(f),
        numrt::PyScalar::Complex(re, im) => Nested::Complex(re, im),
    }
}

#[test]
fn nested_matches_numpy() {
    for (i, case) in load("nested.json").iter().enumerate() {
        let ctx = format!("case {i}: {case}");
        let got = from_nested(&nested(&case["data"]), opt_dtype(&case["dtype"]));
        if case["error"] == "object" {
            assert!(matches!(got, Err(NumrtError::NotImplemented(_))), "object dtype is not implemented: {ctx}");
            continue;
        }
        if let Some(r) = expect_outcome(got, case, &ctx) {
            assert_array(&r, &case["result"], &ctx);
        }
    }
}
