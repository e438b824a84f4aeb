//! Reductions with a ufunc (`sum`, `prod`, `min`, `max`, `all`, `any`), executed as NumPy's
//! iterator would execute them (`plan.rs`): the same groups, the same inner-loop calls in the
//! same order — float sums pairwise within a call — with the input streamed from the blocked
//! evaluator. Work is split across threads only where NumPy's order allows it (independent
//! outputs, disjoint columns, subtrees of one pairwise sum), so results never depend on the
//! number of threads.

use std::ops::Range;
use std::sync::Arc;

use dtypes::{c128, c64, f16, DType, Scalar};
use rayon::prelude::*;
use ufuncs::{FpFlags, InnerLoop, RegroupCheck};

use crate::error::NumrtError;
use crate::eval::blocked::{run_range, SendPtr, CHUNK, PAR_MIN};
use crate::eval::program::{Program, BLOCK};
use crate::eval::runs::for_each_run_in;
use crate::eval::allocate;
use crate::graph::Node;
use crate::iter::RunLayout;
use crate::reduce::feed::{ByteSource, Feed};
use crate::reduce::pairwise::{
    complex_split, narrow_half, pairwise_complex, pairwise_real, real_split, AccFloat, PairwiseComplex, PairwiseReal,
};
use crate::reduce::plan::ReducePlan;
use crate::reduce::rows::{calls_are_runs, run_rows};
use crate::reduce::spec::{ReduceKind, ReduceSpec};
use crate::reduce::regroup::reduce_regrouped;
use crate::reduce::{find_ufunc_loop, plan_strides};
use crate::view::View;

/// Below this many values a single pairwise sum is not split across threads.
const PAR_PAIRWISE: usize = 1 << 17;

/// Everything a call needs.
pub(super) struct Ctx<'a> {
    pub(super) prog: &'a Program,
    pub(super) layout: RunLayout,
    pub(super) acc: SendPtr,
    pub(super) kind: ReduceKind,
    pub(super) dtype: DType,
    pub(super) inner: InnerLoop,
    /// The loop's check of a regrouped result, when reductions with it may regroup.
    pub(super) regroup: Option<RegroupCheck>,
}

pub(crate) fn fold(node: &Node, spec: &ReduceSpec, input: &Arc<Node>) -> Result<(View, FpFlags), NumrtError> {
    let shape = input.shape().to_vec();
    let reduced: Vec<bool> = (0..shape.len()).map(|k| spec.axes.contains(&k)).collect();
    let plan = ReducePlan::new(&shape, &plan_strides(input, spec), &reduced, spec.cast_input, spec.dtype.itemsize());
    let result = allocate(node.shape(), &result_strides(node, spec, &plan, &shape), spec.dtype)?;
    let prog = Program::compile(input, spec.dtype)?;
    let ufunc = spec.kind.ufunc_name().expect("fold kinds have a ufunc");
    let lp = find_ufunc_loop(ufunc, spec.dtype)?;
    let mut flags = init_accumulator(&result, spec, &prog, &plan.out_strides, &shape)?;
    let mut operands: Vec<Vec<isize>> = vec![plan.order.iter().map(|&a| plan.out_strides[a]).collect()];
    operands.extend(prog.leaves.iter().map(|l| plan.order.iter().map(|&a| l.strides[a]).collect()));
    let ordered_shape: Vec<usize> = plan.order.iter().map(|&a| shape[a]).collect();
    let refs: Vec<&[isize]> = operands.iter().map(|s| s.as_slice()).collect();
    let layout = RunLayout::new(&ordered_shape, &refs);
    let acc = SendPtr(result.data_ptr());
    let ctx = Ctx { prog: &prog, layout, acc, kind: spec.kind, dtype: spec.dtype, inner: lp.inner, regroup: lp.regroup };
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
        fill(result.buffer.as_ptr(), n_out, id.cast(spec.dtype));
        return Ok(FpFlags(0));
    }
    let keep: Vec<usize> = (0..shape.len()).map(|k| if spec.axes.contains(&k) { 1 } else { shape[k] }).collect();
    let mut operands: Vec<&[isize]> = vec![out_strides];
    operands.extend(prog.leaves.iter().map(|l| l.strides.as_slice()));
    let layout = RunLayout::new(&keep, &operands);
    Ok(run_range(prog, &layout, SendPtr(result.data_ptr()), 0, layout.size()))
}

/// Write `value` into `n` dense elements at `base`: once, then by doubling copies.
fn fill(base: *mut u8, n: usize, value: Scalar) {
    if n == 0 {
        return;
    }
    let isz = value.dtype().itemsize();
    // SAFETY: the caller's buffer holds `n` dense elements of the value's dtype; each copy goes
    // from the filled prefix to the disjoint range after it.
    unsafe {
        value.write_to(base);
        let mut filled = 1;
        while filled < n {
            let m = filled.min(n - filled);
            std::ptr::copy_nonoverlapping(base, base.add(filled * isz), m * isz);
            filled += m;
        }
    }
}

fn parallel(work: usize) -> bool {
    work >= PAR_MIN && rayon::current_num_threads() > 1
}

fn merge(a: FpFlags, b: FpFlags) -> FpFlags {
    FpFlags(a.0 | b.0)
}

/// The plan's inner-loop calls, numbered in iteration order: call `k` covers positions
/// `range(k)`; consecutive calls cover consecutive positions.
struct Calls {
    group_len: usize,
    call_len: usize,
    per_group: usize,
    ngroups: usize,
}

impl Calls {
    fn new(plan: &ReducePlan, total: usize) -> Calls {
        let per_group = plan.group_len.div_ceil(plan.call_len);
        Calls { group_len: plan.group_len, call_len: plan.call_len, per_group, ngroups: total / plan.group_len }
    }
    fn len(&self) -> usize {
        self.ngroups * self.per_group
    }
    fn range(&self, k: usize) -> (usize, usize) {
        let (g, c) = (k / self.per_group, k % self.per_group);
        let start = g * self.group_len + c * self.call_len;
        (start, (start + self.call_len).min((g + 1) * self.group_len))
    }
    /// Call indices in chunks of about `positions` positions, in order.
    fn chunks(&self, calls: Range<usize>, positions: usize) -> Vec<Range<usize>> {
        let per = (positions / self.call_len).max(1);
        calls.clone().step_by(per).map(|k| k..(k + per).min(calls.end)).collect()
    }
}

/// Run every call of the plan in NumPy's order, in parallel only across calls that write
/// different outputs (or, within calls, across columns and pairwise subtrees).
fn run_plan(ctx: &Ctx, plan: &ReducePlan) -> FpFlags {
    let total = ctx.layout.size();
    if total == 0 {
        return FpFlags(0);
    }
    let calls = Calls::new(plan, total);
    let all = 0..calls.len();
    if !parallel(total) {
        return run_calls(ctx, plan, &calls, all);
    }
    let par = |chunks: Vec<Range<usize>>| chunks.into_par_iter().map(|r| run_calls(ctx, plan, &calls, r)).reduce(|| FpFlags(0), merge);
    let groups = |g: Range<usize>| g.start * calls.per_group..g.end * calls.per_group;
    match (plan.groups_independent, plan.calls_independent) {
        (true, true) => par(calls.chunks(all, CHUNK)),
        (true, false) if calls.ngroups > 1 => {
            let per = (CHUNK / plan.group_len).max(1);
            par((0..calls.ngroups).step_by(per).map(|g| groups(g..(g + per).min(calls.ngroups))).collect())
        }
        // Wide elementwise calls that update the same outputs group after group (a first-axis
        // sum: one call per group): threads take columns across all calls. Groups share an
        // accumulator range exactly or not at all, so columns never overlap.
        _ if !plan.call_reduces && plan.call_len >= 2 * COLUMN_MIN && (calls.per_group == 1 || !plan.calls_independent) => {
            by_columns(ctx, plan, &calls, all)
        }
        (false, true) => (0..calls.ngroups).map(|g| par(calls.chunks(groups(g..g + 1), CHUNK))).fold(FpFlags(0), merge),
        _ => run_calls(ctx, plan, &calls, all),
    }
}

/// Consecutive calls, streamed through one feed, or walked as rows when calls are runs (big
/// reductions: each call on its own, so that its pairwise sum can be split across threads).
fn run_calls(ctx: &Ctx, plan: &ReducePlan, calls: &Calls, ks: Range<usize>) -> FpFlags {
    if ks.is_empty() {
        return FpFlags(0);
    }
    if plan.call_reduces && plan.call_len >= PAR_PAIRWISE {
        return ks.map(|k| reduce_call_alone(ctx, calls.range(k))).fold(FpFlags(0), merge);
    }
    let (start, end) = (calls.range(ks.start).0, calls.range(ks.end - 1).1);
    if calls_are_runs(plan, &ctx.layout) {
        return run_rows(ctx, plan.call_reduces, start, end);
    }
    let mut feed = Feed::new(ctx.prog, &ctx.layout, start, end);
    let mut flags = FpFlags(0);
    if plan.call_reduces {
        for k in ks {
            let (s, e) = calls.range(k);
            // SAFETY: the offset addresses an element of the accumulator.
            let acc = unsafe { ctx.acc.0.offset(acc_offset(&ctx.layout, s)) };
            flags = merge(flags, reduce_values(ctx, acc, e - s, &mut feed));
        }
    } else {
        flags = elementwise_values(ctx, start, end, &mut feed);
    }
    merge(flags, feed.flags())
}

/// Narrowest column a thread takes in `by_columns`.
const COLUMN_MIN: usize = 1024;

/// Elementwise calls updating the same outputs (a first-axis sum): threads take columns (two
/// per thread, so that a late thread does not leave the other idle).
fn by_columns(ctx: &Ctx, plan: &ReducePlan, calls: &Calls, ks: Range<usize>) -> FpFlags {
    let width = plan.call_len.div_ceil(2 * rayon::current_num_threads()).next_multiple_of(64).max(COLUMN_MIN);
    let cols: Vec<(usize, usize)> = (0..plan.call_len).step_by(width).map(|a| (a, (a + width).min(plan.call_len))).collect();
    let column = |&(a, b): &(usize, usize)| {
        ks.clone()
            .map(|k| calls.range(k))
            .filter(|&(s, e)| s + a < e)
            .map(|(s, e)| {
                let mut feed = Feed::new(ctx.prog, &ctx.layout, s + a, (s + b).min(e));
                merge(elementwise_values(ctx, s + a, (s + b).min(e), &mut feed), feed.flags())
            })
            .fold(FpFlags(0), merge)
    };
    cols.par_iter().map(column).reduce(|| FpFlags(0), merge)
}

/// Byte offset of position `pos` in the accumulator (operand 0 of the layout).
fn acc_offset(layout: &RunLayout, mut pos: usize) -> isize {
    let mut off = 0;
    for k in (0..layout.shape.len()).rev() {
        off += (pos % layout.shape[k]) as isize * layout.strides[0][k];
        pos /= layout.shape[k];
    }
    off
}

/// Positions `s..e` of calls whose outputs are distinct: `acc[o(p)] = op(acc[o(p)], x[p])`,
/// with the values taken from `feed` in order.
fn elementwise_values(ctx: &Ctx, s: usize, e: usize, feed: &mut Feed) -> FpFlags {
    let isz = ctx.dtype.itemsize() as isize;
    let mut flags = FpFlags(0);
    for_each_run_in(&ctx.layout, s, e, |offs, n, steps| {
        let mut done = 0;
        while done < n {
            let (vals, m) = feed.next_bytes((n - done).min(BLOCK));
            // SAFETY: offsets come from the accumulator's layout; `vals` holds `m` values.
            unsafe {
                let acc = ctx.acc.0.offset(offs[0] + done as isize * steps[0]);
                (ctx.inner)(&[acc, vals as *mut u8, acc], &[steps[0], isz, steps[0]], m, &mut flags);
            }
            done += m;
        }
    });
    flags
}

/// One call of `n` values from `feed` into the single element `acc`.
pub(super) fn reduce_values(ctx: &Ctx, acc: *mut u8, n: usize, feed: &mut impl ByteSource) -> FpFlags {
    let mut flags = FpFlags(0);
    match (ctx.kind, ctx.dtype) {
        (ReduceKind::Sum, DType::Float16) => sum_real::<f16>(acc, n, feed, &mut flags),
        (ReduceKind::Sum, DType::Float32) => sum_real::<f32>(acc, n, feed, &mut flags),
        (ReduceKind::Sum, DType::Float64) => sum_real::<f64>(acc, n, feed, &mut flags),
        (ReduceKind::Sum, DType::Complex64) => sum_complex::<c64>(acc, n, feed, &mut flags),
        (ReduceKind::Sum, DType::Complex128) => sum_complex::<c128>(acc, n, feed, &mut flags),
        (ReduceKind::Prod, DType::Float16) => prod_half(acc, n, feed, &mut flags),
        _ => fold_with_loop(ctx, acc, n, feed, &mut flags),
    }
    flags
}

/// A big call on its own: a float sum is split into pairwise subtrees computed in parallel, a
/// regroupable loop into chunks (`regroup`).
fn reduce_call_alone(ctx: &Ctx, (s, e): (usize, usize)) -> FpFlags {
    // SAFETY: the offset addresses an element of the accumulator.
    let acc = unsafe { ctx.acc.0.offset(acc_offset(&ctx.layout, s)) };
    let mut flags = FpFlags(0);
    match (ctx.kind, ctx.dtype) {
        (ReduceKind::Sum, DType::Float16) => add_into::<f16>(acc, pairwise_range::<f16>(ctx, s, e), &mut flags),
        (ReduceKind::Sum, DType::Float32) => add_into::<f32>(acc, pairwise_range::<f32>(ctx, s, e), &mut flags),
        (ReduceKind::Sum, DType::Float64) => add_into::<f64>(acc, pairwise_range::<f64>(ctx, s, e), &mut flags),
        (ReduceKind::Sum, DType::Complex64) => add_complex_into::<c64>(acc, pairwise_complex_range::<c64>(ctx, s, e), &mut flags),
        (ReduceKind::Sum, DType::Complex128) => add_complex_into::<c128>(acc, pairwise_complex_range::<c128>(ctx, s, e), &mut flags),
        _ => {
            if let Some(f) = reduce_regrouped(ctx, acc, s, e) {
                return f;
            }
            let mut feed = Feed::new(ctx.prog, &ctx.layout, s, e);
            flags = merge(reduce_values(ctx, acc, e - s, &mut feed), feed.flags());
        }
    }
    flags
}

/// `acc = op(acc, x)` for each value in order, by the ufunc loop with a zero output stride
/// (NumPy's reduce calling convention).
pub(super) fn fold_with_loop(ctx: &Ctx, acc: *mut u8, n: usize, feed: &mut impl ByteSource, flags: &mut FpFlags) {
    let isz = ctx.dtype.itemsize() as isize;
    let mut left = n;
    while left > 0 {
        let (p, m) = feed.next_bytes(left.min(BLOCK));
        // SAFETY: `p` holds `m` values; `acc` one element.
        unsafe { (ctx.inner)(&[acc, p as *mut u8, acc], &[0, isz, 0], m, flags) };
        left -= m;
    }
}

/// NumPy's float sum call: `acc += pairwise(values)`.
fn sum_real<T: PairwiseReal>(acc: *mut u8, n: usize, feed: &mut impl ByteSource, flags: &mut FpFlags) {
    let sum = pairwise_real::<T>(n, feed, flags);
    add_into::<T>(acc, (sum, FpFlags(0)), flags);
}

fn add_into<T: PairwiseReal>(acc: *mut u8, (sum, f): (T::Acc, FpFlags), flags: &mut FpFlags) {
    flags.merge(f);
    // SAFETY: `acc` is an aligned element of dtype T.
    unsafe { *(acc as *mut T) = (*(acc as *const T)).add_to(sum, flags) };
}

fn sum_complex<T: PairwiseComplex>(acc: *mut u8, n: usize, feed: &mut impl ByteSource, flags: &mut FpFlags) {
    let sum = pairwise_complex::<T>(n, feed, flags);
    add_complex_into::<T>(acc, (sum, FpFlags(0)), flags);
}

fn add_complex_into<T: PairwiseComplex>(acc: *mut u8, (sum, f): ((T::F, T::F), FpFlags), flags: &mut FpFlags) {
    flags.merge(f);
    // SAFETY: `acc` is an aligned element of dtype T.
    unsafe { *(acc as *mut T) = (*(acc as *const T)).add_to(sum, flags) };
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
fn prod_half(acc: *mut u8, n: usize, feed: &mut impl ByteSource, flags: &mut FpFlags) {
    // SAFETY: `acc` is an aligned float16.
    let mut p = unsafe { (*(acc as *const f16)).to_f32() };
    let mut left = n;
    while left > 0 {
        let (ptr, m) = feed.next_bytes(left.min(BLOCK));
        // SAFETY: `ptr` holds `m` float16 values.
        let vals = unsafe { std::slice::from_raw_parts(ptr as *const f16, m) };
        for v in vals {
            p = p.mul_fl(v.to_f32(), flags);
        }
        left -= m;
    }
    unsafe { *(acc as *mut f16) = narrow_half(p, flags) };
}
