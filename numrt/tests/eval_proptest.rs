//! Property tests: the blocked (fused) evaluator against the naive one-op-at-a-time evaluator
//! and against an element-by-element evaluation with the scalar reference kernels
//! (`Loop::call_scalar`), over random shapes, dtypes, layouts (strided, negative, transposed,
//! zero-stride broadcast) and random op trees. Reductions of lazy inputs against the naive path
//! and, where order does not matter, a brute-force reference.

mod eval_support;

use std::sync::Arc;

use dtypes::{Casting, DType, Scalar, Wide};
use numrt::eval::blocked::{with_row_block_min, with_short_run_limit};
use numrt::eval::{evaluate_naive, materialise};
use numrt::graph::{force, Node, Op};
use numrt::{Array, ArrayOrScalar as A, Axes, IndexItem, ReduceKind, View};
use proptest::prelude::*;

const DTYPES: [DType; 9] = [
    DType::Bool,
    DType::Int8,
    DType::UInt8,
    DType::Int32,
    DType::Int64,
    DType::Float16,
    DType::Float32,
    DType::Float64,
    DType::Complex64,
];

#[derive(Clone, Debug)]
enum Layout {
    Contiguous,
    /// A view with these steps (negative reverses) of a larger array.
    Stepped(Vec<i64>),
    /// The transpose of an array of the reversed shape.
    Transposed,
}

#[derive(Clone, Debug)]
struct Leaf {
    dtype: DType,
    /// Per target dim: broadcast (length 1) in this operand.
    ones: Vec<bool>,
    /// Leading target dims the operand does not have.
    drop: usize,
    layout: Layout,
    seed: u64,
}

#[derive(Clone, Debug)]
enum Expr {
    Leaf(usize),
    Int(i64),
    Float(f64),
    Unary(&'static str, Box<Expr>),
    Binary(&'static str, Box<Expr>, Box<Expr>),
    Where(Box<Expr>, Box<Expr>, Box<Expr>),
}

const UNARY: [&str; 10] = ["negative", "absolute", "square", "sqrt", "sign", "floor", "logical_not", "isnan", "exp", "invert"];
const BINARY: [&str; 14] = [
    "add", "subtract", "multiply", "divide", "floor_divide", "remainder", "maximum", "minimum", "fmax", "less", "equal",
    "arctan2", "bitwise_and", "power",
];

fn layout_strategy(nd: usize) -> impl Strategy<Value = Layout> {
    prop_oneof![
        Just(Layout::Contiguous),
        proptest::collection::vec(prop_oneof![Just(-2i64), Just(-1), Just(1), Just(2), Just(3)], nd).prop_map(Layout::Stepped),
        Just(Layout::Transposed),
    ]
}

fn leaf_strategy(nd: usize) -> impl Strategy<Value = Leaf> {
    (
        proptest::sample::select(DTYPES.to_vec()),
        proptest::collection::vec(proptest::bool::weighted(0.25), nd),
        0..=nd,
        layout_strategy(nd),
        any::<u64>(),
    )
        .prop_map(|(dtype, ones, drop, layout, seed)| Leaf { dtype, ones, drop: drop.min(1), layout, seed })
}

fn expr_strategy(nleaves: usize) -> impl Strategy<Value = Expr> {
    let leaf = prop_oneof![
        6 => (0..nleaves).prop_map(Expr::Leaf),
        1 => (-3i64..4).prop_map(Expr::Int),
        1 => prop_oneof![Just(0.5f64), Just(-1.25), Just(3.0), Just(f64::NAN)].prop_map(Expr::Float),
    ];
    leaf.prop_recursive(4, 16, 3, |inner| {
        prop_oneof![
            3 => (proptest::sample::select(UNARY.to_vec()), inner.clone()).prop_map(|(n, e)| Expr::Unary(n, Box::new(e))),
            5 => (proptest::sample::select(BINARY.to_vec()), inner.clone(), inner.clone())
                .prop_map(|(n, a, b)| Expr::Binary(n, Box::new(a), Box::new(b))),
            1 => (inner.clone(), inner.clone(), inner).prop_map(|(c, a, b)| Expr::Where(Box::new(c), Box::new(a), Box::new(b))),
        ]
    })
}

#[derive(Clone, Debug)]
struct Case {
    shape: Vec<usize>,
    leaves: Vec<Leaf>,
    expr: Expr,
}

fn case_strategy() -> impl Strategy<Value = Case> {
    proptest::collection::vec(0usize..5, 0..=3).prop_flat_map(|shape| {
        let nd = shape.len();
        (Just(shape), proptest::collection::vec(leaf_strategy(nd), 1..=3)).prop_flat_map(|(shape, leaves)| {
            let n = leaves.len();
            (Just(shape), Just(leaves), expr_strategy(n))
        })
    })
    .prop_map(|(shape, leaves, expr)| Case { shape, leaves, expr })
}

/// Deterministic small values for a dtype.
fn value(dtype: DType, seed: u64, i: usize) -> Scalar {
    let h = seed.wrapping_add(i as u64).wrapping_mul(0x9E3779B97F4A7C15) >> 33;
    let k = (h % 41) as i64 - 20;
    match dtype.kind() {
        dtypes::Kind::Bool => Scalar::Bool(h.is_multiple_of(2)),
        dtypes::Kind::UInt => Scalar::Int64(k.abs()).cast(dtype),
        dtypes::Kind::Int => Scalar::Int64(k).cast(dtype),
        dtypes::Kind::Float => Scalar::Float64(match h % 23 {
            0 => f64::NAN,
            1 => f64::INFINITY,
            2 => -0.0,
            _ => k as f64 * 0.375,
        })
        .cast(dtype),
        dtypes::Kind::Complex => Scalar::Complex128(dtypes::c128::new(k as f64 * 0.5, (h % 7) as f64 - 3.0)).cast(dtype),
    }
}

fn build_leaf(leaf: &Leaf, target: &[usize]) -> Array {
    let shape: Vec<usize> = target.iter().zip(&leaf.ones).map(|(&d, &one)| if one { 1 } else { d }).skip(leaf.drop).collect();
    let nd = shape.len();
    let (base_shape, items, transpose): (Vec<usize>, Option<Vec<IndexItem>>, bool) = match &leaf.layout {
        Layout::Contiguous => (shape.clone(), None, false),
        Layout::Transposed => (shape.iter().rev().copied().collect(), None, true),
        Layout::Stepped(steps) => {
            let steps = &steps[steps.len() - nd..];
            let base = shape.iter().zip(steps).map(|(&d, &s)| d * s.unsigned_abs() as usize).collect();
            let items = steps.iter().map(|&s| IndexItem::Slice { start: None, stop: None, step: Some(s) }).collect();
            (base, Some(items), false)
        }
    };
    let n: usize = base_shape.iter().product();
    let flat = View::zeros(&[n], leaf.dtype).unwrap();
    for i in 0..n {
        flat.set(&[i], value(leaf.dtype, leaf.seed, i)).unwrap();
    }
    let ishape: Vec<isize> = base_shape.iter().map(|&d| d as isize).collect();
    let mut a = Array::from_view(flat).reshape(&ishape).unwrap();
    if transpose {
        a = a.transpose(None).unwrap();
    }
    if let Some(items) = items {
        a = a.getitem(&items).unwrap();
    }
    assert_eq!(a.shape(), shape);
    a
}

fn build(expr: &Expr, leaves: &[Array]) -> Option<Array> {
    let call = |name: &str, args: &[A]| Array::ufunc(name, args, None, None, None, Casting::SameKind).ok();
    Some(match expr {
        Expr::Leaf(k) => return leaves[*k].astype(leaves[*k].dtype()).ok(),
        Expr::Int(_) | Expr::Float(_) => return None,
        Expr::Unary(name, e) => call(name, &[arg(e, leaves)?.as_arg()])?,
        Expr::Binary(name, a, b) => {
            let (x, y) = (arg(a, leaves)?, arg(b, leaves)?);
            if matches!((&x, &y), (Arg::Scalar(_), Arg::Scalar(_))) {
                return None;
            }
            call(name, &[x.as_arg(), y.as_arg()])?
        }
        Expr::Where(c, a, b) => {
            let cond = build(c, leaves)?;
            let (x, y) = (arg(a, leaves)?, arg(b, leaves)?);
            Array::where_(&cond, x.as_arg(), y.as_arg()).ok()?
        }
    })
}

enum Arg {
    Array(Array),
    Scalar(A<'static>),
}

impl Arg {
    fn as_arg(&self) -> A<'_> {
        match self {
            Arg::Array(a) => A::Array(a),
            Arg::Scalar(s) => *s,
        }
    }
}

fn arg(e: &Expr, leaves: &[Array]) -> Option<Arg> {
    Some(match e {
        Expr::Int(k) => Arg::Scalar(A::PyInt(*k as i128)),
        Expr::Float(x) => Arg::Scalar(A::PyFloat(*x)),
        Expr::Leaf(k) => Arg::Array(Array::from_view(leaves[*k].force().ok()?)),
        _ => Arg::Array(build(e, leaves)?),
    })
}

/// The value of `node` at `idx` (an index into `target`), element by element with the scalar
/// reference kernels.
fn reference(node: &Arc<Node>, idx: &[usize], target: &[usize]) -> Scalar {
    let off = target.len() - node.ndim();
    let local: Vec<usize> = node.shape().iter().enumerate().map(|(k, &d)| if d == 1 { 0 } else { idx[off + k] }).collect();
    if let Op::Const(s) = node.op() {
        return *s;
    }
    if let Some(v) = node.value() {
        return v.get(&local).unwrap();
    }
    let inputs: Vec<Scalar> = node.inputs().iter().map(|i| reference(i, &local, node.shape())).collect();
    match node.op() {
        Op::Cast(d) => inputs[0].cast(*d),
        Op::Where => {
            if inputs[0].cast(DType::Bool) == Scalar::Bool(true) {
                inputs[1]
            } else {
                inputs[2]
            }
        }
        Op::Ufunc { ufunc, loop_index, output } => ufunc.loops[*loop_index].call_scalar(&inputs).0[*output],
        other => panic!("unexpected {}", other.name()),
    }
}

fn same(a: Scalar, b: Scalar) -> bool {
    let bits = |w: Wide| match w {
        Wide::Float(f) if f.is_nan() => vec![u64::MAX],
        Wide::Float(f) => vec![f.to_bits()],
        Wide::Complex(re, im) => [re, im].iter().map(|x| if x.is_nan() { u64::MAX } else { x.to_bits() }).collect(),
        Wide::Int(i) => vec![i as u64],
        Wide::UInt(u) => vec![u],
        Wide::Bool(b) => vec![b as u64],
    };
    a.dtype() == b.dtype() && bits(a.to_wide()) == bits(b.to_wide())
}

fn indices(shape: &[usize]) -> Vec<Vec<usize>> {
    let mut out = vec![vec![]];
    for &d in shape {
        out = out.into_iter().flat_map(|p| (0..d).map(move |i| [p.clone(), vec![i]].concat())).collect();
    }
    out
}

/// A fixed seed keeps `cargo test` reproducible; set NUMRT_PROPTEST_SEED to explore others.
fn config(cases: u32) -> ProptestConfig {
    let seed = std::env::var("NUMRT_PROPTEST_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5EED_1234);
    ProptestConfig {
        cases,
        max_shrink_iters: 200,
        rng_seed: proptest::test_runner::RngSeed::Fixed(seed),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(900))]

    #[test]
    fn blocked_equals_naive_and_reference(case in case_strategy()) {
        let leaves: Vec<Array> = case.leaves.iter().map(|l| build_leaf(l, &case.shape)).collect();
        // About 80% of generated trees are valid NumPy (the rest raise a TypeError, e.g. a
        // bitwise op on floats) and are checked.
        let Some(result) = build(&case.expr, &leaves) else { return Ok(()) };
        let node = result.node();
        let full = node.shape().to_vec();
        let want: Vec<Scalar> = indices(&full).iter().map(|idx| reference(&node, idx, &full)).collect();
        let (naive, naive_flags) = evaluate_naive(&node).unwrap();
        // The in-place path (runs read through their strides) must agree with the gathered one.
        let in_place = with_short_run_limit(0, || materialise(&node));
        // So must the gathering by blocks of rows (used for big enough blocks).
        let by_rows = with_row_block_min(0, || materialise(&node));
        let _ = numrt::eval::diagnostics::take();
        let blocked = force(&node);
        if naive_flags.error().is_some() {
            // Integer ** negative: NumPy's ValueError, from the forced evaluation too (unless the
            // result is empty: then the fused evaluation computes nothing at all).
            prop_assert!(blocked.is_err() || full.contains(&0));
            return Ok(());
        }
        let blocked = blocked.unwrap();
        let in_place = in_place.unwrap().0.to_scalars();
        let (by_rows, by_rows_flags) = by_rows.unwrap();
        let by_rows = by_rows.to_scalars();
        let blocked_flags = numrt::eval::diagnostics::take_fp_flags();
        prop_assert_eq!(blocked.dtype, naive.dtype);
        prop_assert_eq!(&blocked.shape, &naive.shape);
        let (b, n) = (blocked.to_scalars(), naive.to_scalars());
        for (k, idx) in indices(&full).iter().enumerate() {
            prop_assert!(same(b[k], n[k]), "blocked {:?} naive {:?} at {:?}", b[k], n[k], idx);
            prop_assert!(same(b[k], want[k]), "blocked {:?} reference {:?} at {:?}", b[k], want[k], idx);
            prop_assert!(same(b[k], in_place[k]), "gathered {:?} in place {:?} at {:?}", b[k], in_place[k], idx);
            prop_assert!(same(b[k], by_rows[k]), "gathered {:?} by rows {:?} at {:?}", b[k], by_rows[k], idx);
        }
        // (An empty result computes nothing, while the naive evaluator still computes
        // non-empty operands before they broadcast to it.)
        if !full.contains(&0) {
            prop_assert_eq!(blocked_flags.0 & 15, naive_flags.0 & 15);
            prop_assert_eq!(by_rows_flags.0 & 15, naive_flags.0 & 15);
        }
    }
}

#[derive(Clone, Debug)]
struct ReduceCase {
    leaf: Leaf,
    shape: Vec<usize>,
    kind: ReduceKind,
    axes: Vec<bool>,
    keepdims: bool,
    lazy_input: bool,
}

fn reduce_strategy() -> impl Strategy<Value = ReduceCase> {
    proptest::collection::vec(1usize..7, 1..=3).prop_flat_map(|shape| {
        let nd = shape.len();
        (
            Just(shape),
            leaf_strategy(nd),
            proptest::sample::select(vec![
                ReduceKind::Sum,
                ReduceKind::Prod,
                ReduceKind::Max,
                ReduceKind::Min,
                ReduceKind::All,
                ReduceKind::Any,
                ReduceKind::ArgMax,
                ReduceKind::ArgMin,
                ReduceKind::CumSum,
            ]),
            proptest::collection::vec(any::<bool>(), nd),
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(|(shape, mut leaf, kind, axes, keepdims, lazy_input)| {
                leaf.ones = vec![false; shape.len()];
                leaf.drop = 0;
                ReduceCase { leaf, shape, kind, axes, keepdims, lazy_input }
            })
    })
}

/// Brute-force reference where the order of combination does not matter (integers, bool).
fn brute(kind: ReduceKind, vals: &[Scalar]) -> Option<Scalar> {
    let ints: Option<Vec<i64>> = vals.iter().map(|s| match s.to_wide() {
        Wide::Int(i) => Some(i),
        Wide::UInt(u) => Some(u as i64),
        Wide::Bool(b) => Some(b as i64),
        _ => None,
    }).collect();
    let ints = ints?;
    Some(match kind {
        ReduceKind::Sum => Scalar::Int64(ints.iter().fold(0i64, |a, &b| a.wrapping_add(b))),
        ReduceKind::Max => Scalar::Int64(*ints.iter().max()?),
        ReduceKind::Min => Scalar::Int64(*ints.iter().min()?),
        ReduceKind::All => Scalar::Bool(ints.iter().all(|&x| x != 0)),
        ReduceKind::Any => Scalar::Bool(ints.iter().any(|&x| x != 0)),
        _ => return None,
    })
}

proptest! {
    #![proptest_config(config(400))]

    #[test]
    fn fused_reductions_equal_naive(case in reduce_strategy()) {
        let a = build_leaf(&case.leaf, &case.shape);
        let input = if case.lazy_input {
            match Array::ufunc("add", &[A::Array(&a), A::PyInt(1)], None, None, None, Casting::SameKind) {
                Ok(x) => x,
                Err(_) => return Ok(()),
            }
        } else {
            a
        };
        let axes: Vec<isize> = case.axes.iter().enumerate().filter(|(_, &r)| r).map(|(k, _)| k as isize).collect();
        let r = match case.kind {
            ReduceKind::ArgMax | ReduceKind::ArgMin => input.arg_reduce(case.kind, axes.first().copied(), case.keepdims),
            ReduceKind::CumSum => input.cumsum(axes.first().copied(), None),
            k => input.reduce(k, &Axes::Many(axes.clone()), case.keepdims, None),
        };
        let Ok(r) = r else { return Ok(()) };
        let node = r.node();
        let (naive, _) = evaluate_naive(&node).unwrap();
        let in_place = with_short_run_limit(0, || numrt::reduce::evaluate_for_tests(&node)).unwrap();
        let by_rows = with_row_block_min(0, || numrt::reduce::evaluate_for_tests(&node)).unwrap();
        let fused = force(&node).unwrap();
        prop_assert_eq!(in_place.to_scalars().len(), fused.size());
        for ((x, y), z) in in_place.to_scalars().iter().zip(fused.to_scalars()).zip(by_rows.to_scalars()) {
            prop_assert!(same(*x, y), "in place {:?} gathered {:?}", x, y);
            prop_assert!(same(z, y), "by rows {:?} gathered {:?}", z, y);
        }
        prop_assert_eq!(&fused.shape, &naive.shape);
        let (f, n) = (fused.to_scalars(), naive.to_scalars());
        for k in 0..f.len() {
            prop_assert!(same(f[k], n[k]), "fused {:?} naive {:?} at {}", f[k], n[k], k);
        }
        // Full reductions of integer data against a brute-force fold.
        if axes.len() == case.shape.len() && !case.keepdims && case.kind != ReduceKind::CumSum {
            let vals = input.to_scalars().unwrap();
            if let Some(want) = brute(case.kind, &vals) {
                if f.len() == 1 {
                    prop_assert!(same(f[0].cast(want.dtype()), want), "{:?} vs brute {:?}", f[0], want);
                }
            }
        }
    }
}
