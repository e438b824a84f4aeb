//! Property test: basic indexing (`index_basic`) against a naive reference that walks Python's
//! slice rules element by element and reads the source with multi-index arithmetic.

use dtypes::{DType, Scalar};
use numrt::{IndexItem, View};
use proptest::prelude::*;

/// `np.arange(n).reshape(shape)`, optionally reversed along axis 0 (negative strides).
fn base(shape: &[usize], reversed: bool) -> View {
    let v = View::zeros(shape, DType::Int64).unwrap();
    let p = v.data_ptr() as *mut i64;
    // SAFETY: fresh contiguous array of `size` int64.
    (0..v.size()).for_each(|i| unsafe { p.add(i).write(i as i64) });
    if reversed && !shape.is_empty() {
        let mut items = vec![IndexItem::Slice { start: None, stop: None, step: Some(-1) }];
        items.extend((1..shape.len()).map(|_| IndexItem::full()));
        return v.index_basic(&items).unwrap();
    }
    v
}

/// Positions a Python slice selects from `0..len`, by walking it.
fn slice_positions(start: Option<i64>, stop: Option<i64>, step: i64, len: i64) -> Vec<i64> {
    let norm = |v: i64| if v < 0 { v + len } else { v };
    let mut out = vec![];
    if step > 0 {
        let mut i = start.map(norm).unwrap_or(0).clamp(0, len);
        let stop = stop.map(norm).unwrap_or(len).clamp(0, len);
        while i < stop {
            out.push(i);
            i += step;
        }
    } else {
        let mut i = start.map(norm).unwrap_or(len - 1).clamp(-1, len - 1);
        let stop = stop.map(norm).unwrap_or(-1).clamp(-1, len - 1);
        while i > stop {
            out.push(i);
            i += step;
        }
    }
    out
}

/// Per source axis: the selected positions (an integer keeps its axis out of the result), plus
/// where new axes go. `None` when NumPy raises.
enum Axis {
    Fixed(i64),
    Range(Vec<i64>),
    New,
}

fn reference_plan(shape: &[usize], items: &[IndexItem]) -> Option<Vec<Axis>> {
    let ellipses = items.iter().filter(|i| matches!(i, IndexItem::Ellipsis)).count();
    let used = items.iter().filter(|i| matches!(i, IndexItem::Int(_) | IndexItem::Slice { .. })).count();
    if ellipses > 1 || used > shape.len() {
        return None;
    }
    let mut plan = vec![];
    let mut axis = 0;
    for item in items {
        match item {
            IndexItem::Int(i) => {
                let len = shape[axis] as i64;
                let j = if *i < 0 { i + len } else { *i };
                if j < 0 || j >= len {
                    return None;
                }
                plan.push(Axis::Fixed(j));
                axis += 1;
            }
            IndexItem::Slice { start, stop, step } => {
                let step = step.unwrap_or(1);
                if step == 0 {
                    return None;
                }
                plan.push(Axis::Range(slice_positions(*start, *stop, step, shape[axis] as i64)));
                axis += 1;
            }
            IndexItem::NewAxis => plan.push(Axis::New),
            IndexItem::Ellipsis => {
                for _ in 0..shape.len() - used {
                    plan.push(Axis::Range((0..shape[axis] as i64).collect()));
                    axis += 1;
                }
            }
            _ => unreachable!(),
        }
    }
    while axis < shape.len() {
        plan.push(Axis::Range((0..shape[axis] as i64).collect()));
        axis += 1;
    }
    Some(plan)
}

/// Expected shape and C-order values of `source[items]` by multi-index arithmetic.
fn reference(source: &View, items: &[IndexItem]) -> Option<(Vec<usize>, Vec<i64>)> {
    let plan = reference_plan(&source.shape, items)?;
    let out_shape: Vec<usize> = plan
        .iter()
        .filter_map(|a| match a {
            Axis::Fixed(_) => None,
            Axis::Range(r) => Some(r.len()),
            Axis::New => Some(1),
        })
        .collect();
    let n: usize = out_shape.iter().product();
    let mut values = Vec::with_capacity(n);
    for lin in 0..n {
        // Output multi-index of `lin`, then the source multi-index it reads.
        let mut rem = lin;
        let mut out_idx = vec![0usize; out_shape.len()];
        for k in (0..out_shape.len()).rev() {
            out_idx[k] = rem % out_shape[k];
            rem /= out_shape[k];
        }
        let mut src = vec![];
        let mut o = 0;
        for a in &plan {
            match a {
                Axis::Fixed(j) => src.push(*j as usize),
                Axis::Range(r) => {
                    src.push(r[out_idx[o]] as usize);
                    o += 1;
                }
                Axis::New => o += 1,
            }
        }
        values.push(source.get(&src).unwrap().get::<i64>().unwrap());
    }
    Some((out_shape, values))
}

fn item_strategy() -> impl Strategy<Value = IndexItem> {
    let bound = prop::option::of(-8i64..8);
    prop_oneof![
        4 => (-7i64..7).prop_map(IndexItem::Int),
        6 => (bound.clone(), bound, prop::option::of(prop_oneof![Just(0i64), -4i64..-1, 1i64..5]))
            .prop_map(|(start, stop, step)| IndexItem::Slice { start, stop, step }),
        1 => Just(IndexItem::Ellipsis),
        1 => Just(IndexItem::NewAxis),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 800, ..ProptestConfig::default() })]

    #[test]
    fn basic_index_matches_reference(
        shape in prop::collection::vec(0usize..5, 0..4),
        reversed in any::<bool>(),
        items in prop::collection::vec(item_strategy(), 0..5),
    ) {
        let source = base(&shape, reversed);
        let got = source.index_basic(&items);
        match reference(&source, &items) {
            None => prop_assert!(got.is_err(), "expected an error for {:?} on {:?}, got {:?}", items, shape, got),
            Some((want_shape, want_values)) => {
                let got = got.unwrap();
                prop_assert_eq!(&got.shape, &want_shape);
                let values: Vec<i64> = got.to_scalars().into_iter().map(|s| s.get::<i64>().unwrap()).collect();
                prop_assert_eq!(values, want_values);
                prop_assert!(std::sync::Arc::ptr_eq(&got.buffer, &source.buffer));
                // Writing through the view reaches the source.
                if got.size() > 0 {
                    let first = vec![0usize; got.ndim()];
                    got.set(&first, Scalar::Int64(-1)).unwrap();
                    prop_assert_eq!(got.get(&first).unwrap(), Scalar::Int64(-1));
                }
            }
        }
    }
}
