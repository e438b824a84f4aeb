//! Shared helpers of the table-driven tests: load a JSON table from `tests/data/` (written by
//! `scripts/gen_dtype_tables.py`) and decode its operands.

#![allow(dead_code)]

use dtypes::{DType, Operand};
use serde_json::Value;

pub fn load(name: &str) -> Value {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn dtype(v: &Value) -> DType {
    DType::from_name(v.as_str().expect("dtype name")).expect("known dtype")
}

fn float(v: &Value) -> f64 {
    v.as_str().expect("float repr").parse().expect("float")
}

/// One `result_type` operand as the generator wrote it.
pub fn operand(v: &Value) -> Operand {
    match v["kind"].as_str().unwrap() {
        "array" => Operand::Array(dtype(&v["dtype"])),
        "scalar" => Operand::Scalar(dtype(&v["dtype"])),
        "bool" => Operand::PyBool(v["value"].as_bool().unwrap()),
        "int" => Operand::PyInt(v["value"].as_str().unwrap().parse().expect("int fits i128")),
        "float" => Operand::PyFloat(float(&v["value"])),
        "complex" => Operand::PyComplex(float(&v["re"]), float(&v["im"])),
        k => panic!("unknown operand kind {k}"),
    }
}
