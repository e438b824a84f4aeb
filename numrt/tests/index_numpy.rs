//! `a[index]` and `a[index] = value` against NumPy (tests/data/views/index_get.json,
//! index_set.json): random shapes and index tuples mixing integers, slices with any steps,
//! ellipsis, newaxis, integer arrays and boolean masks, on C-ordered and transposed arrays.

mod views_common;

use views_common::*;

#[test]
fn index_get_matches_numpy() {
    for (i, case) in load("index_get.json").iter().enumerate() {
        let a = int_base(&usizes(&case["shape"]), case["layout"].as_str().unwrap());
        let items = index_items(&case["index"]);
        let ctx = format!("case {i}: {:?} [{}]", a.shape, case["index"]);
        let Some(r) = expect_outcome(a.index_get(&items), case, &ctx) else { continue };
        assert_array(&r, &case["result"], &ctx);
        if let Some(strides) = case.get("strides") {
            assert!(std::sync::Arc::ptr_eq(&r.buffer, &a.buffer), "basic index gives a view: {ctx}");
            assert_eq!(r.strides, isizes(strides), "strides: {ctx}");
        }
    }
}

#[test]
fn index_set_matches_numpy() {
    for (i, case) in load("index_set.json").iter().enumerate() {
        let a = int_base(&usizes(&case["shape"]), case["layout"].as_str().unwrap());
        let items = index_items(&case["index"]);
        let value = array(&case["value"]);
        let ctx = format!("case {i}: {:?} [{}] = {:?}", a.shape, case["index"], value.shape);
        if expect_outcome(a.index_set(&items, &value), case, &ctx).is_some() {
            assert_array(&a, &case["result"], &ctx);
        }
    }
}
