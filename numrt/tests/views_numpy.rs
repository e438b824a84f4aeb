//! Layout operations (reshape, transpose, swapaxes, moveaxis, squeeze, expand_dims,
//! broadcast_to) on strided views against NumPy (tests/data/views/layout.json): shapes, exact
//! strides, whether reshape gives a view, read-only flags, values, and error class and text.

mod views_common;

use numrt::{NumrtError, View};
use serde_json::Value;
use views_common::*;

fn apply(b: &View, op: &str, arg: &Value) -> Result<(View, bool), NumrtError> {
    let view = |r: Result<View, NumrtError>| r.map(|v| (v, true));
    match op {
        "reshape" => {
            let shape = isizes(arg);
            match b.reshape(&shape)? {
                Some(v) => Ok((v, true)),
                None => {
                    let copy = b.to_contiguous(b.dtype)?;
                    let v = copy.reshape(&shape)?.expect("a contiguous array reshapes as a view");
                    Ok((v, false))
                }
            }
        }
        "transpose" if arg.is_null() => view(b.transpose(None)),
        "transpose" => view(b.transpose(Some(&isizes(arg)))),
        "swapaxes" => {
            let a = isizes(arg);
            view(b.swapaxes(a[0], a[1]))
        }
        "moveaxis" => view(b.moveaxis(&isizes(&arg[0]), &isizes(&arg[1]))),
        "squeeze" if arg.is_null() => view(b.squeeze(None)),
        "squeeze" => view(b.squeeze(Some(&isizes(arg)))),
        "expand_dims" => view(b.expand_dims(&isizes(arg))),
        "broadcast_to" => view(b.broadcast_to(&usizes(arg))),
        other => panic!("unknown op {other}"),
    }
}

#[test]
fn layout_ops_match_numpy() {
    let cases = load("layout.json");
    for (i, case) in cases.iter().enumerate() {
        let a = float_base(&usizes(&case["base_shape"]));
        let bv = &case["view"];
        let b = relayout(&a, bv["offset"].as_i64().unwrap() as isize, usizes(&bv["shape"]), isizes(&bv["strides"]));
        let op = case["op"].as_str().unwrap();
        let ctx = format!("case {i}: {op} {} of {b:?}", case["arg"]);
        let Some((r, is_view)) = expect_outcome(apply(&b, op, &case["arg"]), case, &ctx) else { continue };
        let want = &case["result"];
        assert_array(&r, want, &ctx);
        assert_eq!(is_view, want["view"].as_bool().unwrap(), "view or copy: {ctx}");
        if is_view {
            assert_eq!(r.strides, isizes(&want["strides"]), "strides: {ctx}");
        }
        assert_eq!(r.readonly, want["readonly"].as_bool().unwrap(), "readonly: {ctx}");
    }
}

#[test]
fn memory_error_text_matches_numpy() {
    for case in load("memory.json") {
        let e = NumrtError::ArrayMemory {
            bytes: case["bytes"].as_str().unwrap().parse().unwrap(),
            shape: usizes(&case["shape"]),
            dtype: dtype(&case["dtype"]),
        };
        assert_eq!(e.to_string(), case["message"].as_str().unwrap());
    }
}
