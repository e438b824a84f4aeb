//! Reductions with a ufunc (`sum`, `prod`, `min`, `max`, `all`, `any`), executed as NumPy's
//! iterator would execute them (`plan.rs`): the same groups, the same inner-loop calls in the
//! same order — float sums pairwise within a call — with the input streamed from the blocked
//! evaluator. Work is split across threads only where NumPy's order allows it (independent
//! outputs, disjoint columns, subtrees of one pairwise sum), so results never depend on the
//! number of threads.

use std::sync::Arc;

use dtypes::{c128, c64, f16, DType, Scalar};
use rayon::prelude::*;
use ufuncs::{FpFlags, InnerLoop};

use crate::error::NumrtError;
use crate::eval::blocked::{run_range, SendPtr, PAR_MIN};
use crate::eval::program::{Program, BLOCK};
use crate::eval::runs::{for_each_run_in, unravel};
use crate::eval::allocate;
use crate::graph::Node;
use crate::iter::RunLayout;
use crate::reduce::feed::Feed;
use crate::reduce::pairwise::{
    complex_split, narrow_half, pairwise_complex, pairwise_real, real_split, AccFloat, PairwiseComplex, PairwiseReal,
};
use crate::reduce::plan::ReducePlan;
use crate::reduce::spec::{ReduceKind, ReduceSpec};
use crate::reduce::{find_loop, plan_strides};
use crate::view::View;

/// Below this many values a single pairwise sum is not split across threads.
const PAR_PAIRWISE: usize = 1 << 17;

/// Everything a call needs.
struct Ctx<'a> {
    prog: &'a Program,
    layout: RunLayout,
    acc: SendPtr,
    kind: ReduceKind,
    dtype: DType,
    inner: InnerLoop,
}

pub(crate) fn fold(node: &Node, spec: &ReduceSpec, input: &Arc<Node>) -> Result<(View, FpFlags), NumrtError> {
    let shape = input.shape().to_vec();
    let reduced: Vec<bool> = (0..shape.len()).map(|k| spec.axes.contains(&k)).collect();
    let plan = ReducePlan::new(&shape, &plan_strides(input, spec), &reduced, spec.cast_input, spec.dtype.itemsize());
    let result = allocate(node.shape(), &result_strides(node, spec, &plan, &shape), spec.dtype)?;
    let prog = Program::compile(input, spec.dtype)?;
    let ufunc = spec.kind.ufunc_name().expect("fold kinds have a ufunc");
    let inner = find_loop(ufunc, spec.dtype)?;
    let mut flags = init_accumulator(&result, spec, &prog, &plan.out_strides, &shape)?;
    let mut operands: Vec<Vec<isize>> = vec![plan.order.iter().map(|&a| plan.out_strides[a]).collect()];
    operands.extend(prog.leaves.iter().map(|l| plan.order.iter().map(|&a| l.strides[a]).collect()));
    let ordered_shape: Vec<usize> = plan.order.iter().map(|&a| shape[a]).collect();
    let refs: Vec<&[isize]> = operands.iter().map(|s| s.as_slice()).collect();
    let layout = RunLayout::new(&ordered_shape, &refs);
    let ctx = Ctx { prog: &prog, layout, acc: SendPtr(result.data_ptr()), kind: spec.kind, dtype: spec.dtype, inner };
    flags.0 |= run_plan(&ctx, &plan).0;
    Ok((result, flags))
}

/// The result's strides: the plan's accumulator layout over the kept axes (they agree with the
/// node's NumPy layout, except when the naive evaluator reduces a materialised copy), the node's
/// strides on length-1 axes.
fn result_strides(node: &Node, spec: &ReduceSpec, plan: &ReducePlan, shape: &[usize]) -> Vec<isize> {
    let kept: Vec<usize> = (0..shape.len()).filter(|k| spec.keepdims || !spec.axes.contains(k)).collect();
    kept.iter()
        .zip(node.strides())
        .map(|(&k, &own)| if shape[k] > 1 && !spec.axes.contains(&k) { plan.out_strides[k] } else { own })
        .collect()
}

/// Start values: the identity, or (min/max) the first element along the reduced axes.
fn init_accumulator(
    result: &View,
    spec: &ReduceSpec,
    prog: &Program,
    out_strides: &[isize],
    shape: &[usize],
) -> Result<FpFlags, NumrtError> {
    let n_out = result.size();
    let identity = match spec.kind {
        ReduceKind::Sum => Some(Scalar::zero(spec.dtype)),
        ReduceKind::Prod => Some(Scalar::one(spec.dtype)),
        ReduceKind::All => Some(Scalar::Bool(true)),
        ReduceKind::Any => Some(Scalar::Bool(false)),
        _ => None,
    };
    if let Some(id) = identity {
        let isz = spec.dtype.itemsize();
        for i in 0..n_out {
            // SAFETY: the result buffer holds exactly n_out dense elements.
            unsafe { id.cast(spec.dtype).write_to(result.buffer.as_ptr().add(i * isz)) };
        }
        return Ok(FpFlags(0));
    }
    let keep: Vec<usize> = (0..shape.len()).map(|k| if spec.axes.contains(&k) { 1 } else { shape[k] }).collect();
    let mut operands: Vec<&[isize]> = vec![out_strides];
    operands.extend(prog.leaves.iter().map(|l| l.strides.as_slice()));
    let layout = RunLayout::new(&keep, &operands);
    Ok(run_range(prog, &layout, SendPtr(result.data_ptr()), 0, layout.size()))
}

fn parallel(work: usize) -> bool {
    work >= PAR_MIN && rayon::current_num_threads() > 1
}

/// Run every call of the plan, groups in order.
fn run_plan(ctx: &Ctx, plan: &ReducePlan) -> FpFlags {
    let total = ctx.layout.size();
    if total == 0 {
        return FpFlags(0);
    }
    let ngroups = total / plan.group_len;
    let group = |g: usize| run_group(ctx, plan, g * plan.group_len);
    if plan.groups_independent && ngroups > 1 && parallel(total) {
        (0..ngroups).into_par_iter().map(group).reduce(|| FpFlags(0), merge)
    } else {
        (0..ngroups).map(group).fold(FpFlags(0), merge)
    }
}

fn merge(a: FpFlags, b: FpFlags) -> FpFlags {
    FpFlags(a.0 | b.0)
}

fn run_group(ctx: &Ctx, plan: &ReducePlan, base: usize) -> FpFlags {
    let calls: Vec<(usize, usize)> = (0..plan.group_len)
        .step_by(plan.call_len)
        .map(|c| (base + c, base + (c + plan.call_len).min(plan.group_len)))
        .collect();
    let call = |&(s, e): &(usize, usize)| {
        if plan.call_reduces {
            reduce_call(ctx, s, e)
        } else {
            elementwise_call(ctx, s, e)
        }
    };
    let big = parallel(plan.group_len);
    if plan.calls_independent && big && calls.len() > 1 {
        return calls.par_iter().map(call).reduce(|| FpFlags(0), merge);
    }
    if !plan.call_reduces && big && plan.call_len >= 2 * BLOCK {
        // Every call updates the same outputs elementwise: split the columns instead.
        let cols: Vec<(usize, usize)> = (0..plan.call_len).step_by(BLOCK).map(|a| (a, (a + BLOCK).min(plan.call_len))).collect();
        return cols
            .par_iter()
            .map(|&(a, b)| calls.iter().filter(|c| c.0 + a < c.1).fold(FpFlags(0), |f, c| merge(f, elementwise_call(ctx, c.0 + a, (c.0 + b).min(c.1)))))
            .reduce(|| FpFlags(0), merge);
    }
    calls.iter().map(call).fold(FpFlags(0), merge)
}

/// One call whose outputs are distinct: `acc[o(p)] = op(acc[o(p)], x[p])`.
fn elementwise_call(ctx: &Ctx, s: usize, e: usize) -> FpFlags {
    let isz = ctx.dtype.itemsize();
    let mut tmp = vec![0u128; BLOCK * isz / 16 + 1];
    let tp = tmp.as_mut_ptr() as *mut u8;
    let mut scratch = ctx.prog.scratch();
    for_each_run_in(&ctx.layout, s, e, |offs, n, steps| {
        let mut done = 0;
        while done < n {
            let m = (n - done).min(BLOCK);
            // SAFETY: offsets come from the layout of the accumulator and the leaves.
            unsafe {
                let lo: Vec<isize> = offs[1..].iter().zip(&steps[1..]).map(|(o, s)| o + done as isize * s).collect();
                ctx.prog.run(&lo, &steps[1..], m, tp, isz as isize, &mut scratch);
                let acc = ctx.acc.0.offset(offs[0] + done as isize * steps[0]);
                (ctx.inner)(&[acc, tp, acc], &[steps[0], isz as isize, steps[0]], m, &mut scratch.flags);
            }
            done += m;
        }
    });
    scratch.flags
}

/// One call into a single output element.
fn reduce_call(ctx: &Ctx, s: usize, e: usize) -> FpFlags {
    let out_off = unravel(&ctx.layout, s).1[0];
    // SAFETY: the offset addresses an element of the accumulator.
    let acc = unsafe { ctx.acc.0.offset(out_off) };
    match (ctx.kind, ctx.dtype) {
        (ReduceKind::Sum, DType::Float16) => sum_real::<f16>(ctx, acc, s, e),
        (ReduceKind::Sum, DType::Float32) => sum_real::<f32>(ctx, acc, s, e),
        (ReduceKind::Sum, DType::Float64) => sum_real::<f64>(ctx, acc, s, e),
        (ReduceKind::Sum, DType::Complex64) => sum_complex::<c64>(ctx, acc, s, e),
        (ReduceKind::Sum, DType::Complex128) => sum_complex::<c128>(ctx, acc, s, e),
        (ReduceKind::Prod, DType::Float16) => prod_half(ctx, acc, s, e),
        _ => fold_with_loop(ctx, acc, s, e),
    }
}

/// `acc = op(acc, x)` for each value in order, by the ufunc loop with a zero output stride
/// (NumPy's reduce calling convention).
fn fold_with_loop(ctx: &Ctx, acc: *mut u8, s: usize, e: usize) -> FpFlags {
    let mut feed = Feed::new(ctx.prog, &ctx.layout, s, e);
    let isz = ctx.dtype.itemsize() as isize;
    let mut flags = FpFlags(0);
    let mut left = e - s;
    while left > 0 {
        let (p, n) = feed.next_bytes(left.min(BLOCK));
        // SAFETY: `p` holds `n` values; `acc` one element.
        unsafe { (ctx.inner)(&[acc, p as *mut u8, acc], &[0, isz, 0], n, &mut flags) };
        left -= n;
    }
    merge(flags, feed.flags())
}

/// NumPy's float sum call: `acc += pairwise(values)`.
fn sum_real<T: PairwiseReal + Send>(ctx: &Ctx, acc: *mut u8, s: usize, e: usize) -> FpFlags
where
    T::Acc: Send,
{
    let (sum, mut flags) = pairwise_range::<T>(ctx, s, e);
    // SAFETY: `acc` is an aligned element of dtype T.
    unsafe { *(acc as *mut T) = (*(acc as *const T)).add_to(sum, &mut flags) };
    flags
}

/// Pairwise sum of positions `s..e`, long ranges split where the recursion splits them.
fn pairwise_range<T: PairwiseReal + Send>(ctx: &Ctx, s: usize, e: usize) -> (T::Acc, FpFlags)
where
    T::Acc: Send,
{
    let n = e - s;
    if let (Some(n2), true) = (real_split(n), n >= PAR_PAIRWISE && rayon::current_num_threads() > 1) {
        let (a, b) = rayon::join(|| pairwise_range::<T>(ctx, s, s + n2), || pairwise_range::<T>(ctx, s + n2, e));
        let mut flags = merge(a.1, b.1);
        return (a.0.add_fl(b.0, &mut flags), flags);
    }
    let mut feed = Feed::new(ctx.prog, &ctx.layout, s, e);
    let mut flags = FpFlags(0);
    let sum = pairwise_real::<T>(n, &mut feed, &mut flags);
    (sum, merge(flags, feed.flags()))
}

fn sum_complex<T: PairwiseComplex + Send>(ctx: &Ctx, acc: *mut u8, s: usize, e: usize) -> FpFlags
where
    T::F: Send,
{
    let (sum, mut flags) = pairwise_complex_range::<T>(ctx, s, e);
    // SAFETY: `acc` is an aligned element of dtype T.
    unsafe { *(acc as *mut T) = (*(acc as *const T)).add_to(sum, &mut flags) };
    flags
}

fn pairwise_complex_range<T: PairwiseComplex + Send>(ctx: &Ctx, s: usize, e: usize) -> ((T::F, T::F), FpFlags)
where
    T::F: Send,
{
    let n = e - s;
    if let (Some(n2), true) = (complex_split(n), n >= PAR_PAIRWISE && rayon::current_num_threads() > 1) {
        let (a, b) = rayon::join(
            || pairwise_complex_range::<T>(ctx, s, s + n2),
            || pairwise_complex_range::<T>(ctx, s + n2, e),
        );
        let mut flags = merge(a.1, b.1);
        let sum = (a.0 .0.add_fl(b.0 .0, &mut flags), a.0 .1.add_fl(b.0 .1, &mut flags));
        return (sum, flags);
    }
    let mut feed = Feed::new(ctx.prog, &ctx.layout, s, e);
    let mut flags = FpFlags(0);
    let sum = pairwise_complex::<T>(n, &mut feed, &mut flags);
    (sum, merge(flags, feed.flags()))
}

/// NumPy's float16 product call: the running product is kept in float32 and rounded to
/// float16 once at the end of the call.
fn prod_half(ctx: &Ctx, acc: *mut u8, s: usize, e: usize) -> FpFlags {
    let mut feed = Feed::new(ctx.prog, &ctx.layout, s, e);
    // SAFETY: `acc` is an aligned float16.
    let mut p = unsafe { (*(acc as *const f16)).to_f32() };
    let mut flags = FpFlags(0);
    let mut left = e - s;
    while left > 0 {
        let (ptr, n) = feed.next_bytes(left.min(BLOCK));
        // SAFETY: `ptr` holds `n` float16 values.
        let vals = unsafe { std::slice::from_raw_parts(ptr as *const f16, n) };
        for v in vals {
            p = p.mul_fl(v.to_f32(), &mut flags);
        }
        left -= n;
    }
    unsafe { *(acc as *mut f16) = narrow_half(p, &mut flags) };
    merge(flags, feed.flags())
}
