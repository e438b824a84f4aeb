//! `promote_types`, `result_type`, `weak_int_fits` and `can_cast` against NumPy's answers
//! (tables in `tests/data/`, made by `scripts/gen_dtype_tables.py`).

mod common;

use common::{dtype, load, operand};
use dtypes::{can_cast, promote_types, result_type, weak_int_fits, Casting, DTypeError, Operand};
use serde_json::Value;

#[test]
fn promote_types_all_pairs() {
    let table = load("promotion.json");
    let pairs = table["promote_types"].as_array().unwrap();
    assert_eq!(pairs.len(), 196);
    for case in pairs {
        let (a, b) = (dtype(&case["a"]), dtype(&case["b"]));
        assert_eq!(promote_types(a, b), Ok(dtype(&case["expected"])), "promote_types({a}, {b})");
    }
}

/// Compare one `result_type` outcome with NumPy's. NumPy's `object` answers (a lone Python int
/// beyond 64 bits) must be numpypy's `Unsupported` error.
fn check_result_type(ops: &[Operand], expected: &Value) {
    let got = result_type(ops);
    match expected["dtype"].as_str() {
        Some("object") => {
            assert!(matches!(got, Err(DTypeError::Unsupported(_))), "{ops:?}: {got:?}")
        }
        Some(_) => assert_eq!(got, Ok(dtype(&expected["dtype"])), "result_type({ops:?})"),
        None => panic!("result_type({ops:?}): NumPy raised {expected}"),
    }
}

#[test]
fn result_type_table() {
    let table = load("promotion.json");
    let cases = table["result_type"].as_array().unwrap();
    assert!(cases.len() >= 300);
    for case in cases {
        let ops: Vec<Operand> = case["operands"].as_array().unwrap().iter().map(operand).collect();
        check_result_type(&ops, &case["expected"]);
    }
}

#[test]
fn result_type_all_array_triples() {
    let table = load("promotion.json");
    let rows = table["result_type_triples"].as_array().unwrap();
    assert_eq!(rows.len(), 14 * 14 * 14);
    for row in rows {
        let ops: Vec<Operand> = (0..3).map(|i| Operand::Array(dtype(&row[i]))).collect();
        assert_eq!(result_type(&ops), Ok(dtype(&row[3])), "result_type({ops:?})");
    }
}

/// The outcome `x OP py_scalar` should have by promotion alone: the result dtype, or the
/// OverflowError of a Python int that does not fit the dtype it becomes.
fn binary_outcome(ops: &[Operand]) -> Result<String, String> {
    let dt = result_type(ops).map_err(|e| e.to_string())?;
    if let Operand::PyInt(v) = ops[1] {
        weak_int_fits(v, dt).map_err(|e| format!("OverflowError: {e}"))?;
    }
    Ok(dt.name().to_string())
}

#[test]
fn binary_ops_with_python_scalars() {
    let table = load("promotion.json");
    let mut checked = 0;
    for case in table["binary_ops"].as_array().unwrap() {
        let ops: Vec<Operand> = case["operands"].as_array().unwrap().iter().map(operand).collect();
        let exp = &case["expected"];
        let expected = match exp["dtype"].as_str() {
            Some(d) => Ok(d.to_string()),
            // bool - bool has no loop: a ufunc matter, not promotion (see ufuncs/).
            None if exp["error"] == "TypeError" => continue,
            None => Err(format!(
                "{}: {}",
                exp["error"].as_str().unwrap(),
                exp["message"].as_str().unwrap()
            )),
        };
        assert_eq!(binary_outcome(&ops), expected, "{} {ops:?}", case["op"]);
        checked += 1;
    }
    assert!(checked > 1000, "only {checked} binary cases checked");
}

#[test]
fn can_cast_all_pairs_and_rules() {
    let table = load("can_cast.json");
    let rows = table["can_cast"].as_array().unwrap();
    assert_eq!(rows.len(), 14 * 14 * 5);
    for row in rows {
        let (from, to) = (dtype(&row["from"]), dtype(&row["to"]));
        let casting = Casting::from_name(row["casting"].as_str().unwrap()).unwrap();
        let expected = row["expected"].as_bool().unwrap();
        assert_eq!(can_cast(from, to, casting), expected, "can_cast({from}, {to}, {casting})");
    }
}
