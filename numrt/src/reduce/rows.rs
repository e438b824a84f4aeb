//! A reduction's inner-loop calls walked as blocks of whole rows of its layout, for plans whose
//! every call is one run of the layout (`calls_are_runs`, the common case: last-axis and
//! first-axis reductions). A call then costs a few nanoseconds instead of a walk of the
//! iteration, and a materialised input is read in place rather than copied.
//!
//! Calls that update the same outputs row after row (a first-axis sum: the accumulator does not
//! move from one row to the next) run column by column down a block of rows — one long inner
//! loop call per output element instead of one short call per row. Every output element still
//! takes its values in NumPy's order, and elements never interact, so results are unchanged.

use ufuncs::FpFlags;

use crate::eval::program::BLOCK;
use crate::eval::runs::{Rows, RunCursor};
use crate::iter::RunLayout;
use crate::reduce::feed::{Feed, InPlace};
use crate::reduce::fold::{reduce_values, Ctx};
use crate::reduce::plan::ReducePlan;

/// Every inner-loop call of the plan is exactly one run of the layout.
pub(super) fn calls_are_runs(plan: &ReducePlan, layout: &RunLayout) -> bool {
    layout.shape.last().is_some_and(|&len| plan.call_len == len && plan.group_len.is_multiple_of(len))
}

/// Where the values of the rows come from.
enum Values<'a> {
    /// The input array itself (operand 1 of the layout), contiguous along the runs.
    InPlace(*const u8),
    /// The input computed block by block, in order.
    Fed(Box<Feed<'a>>),
}

/// Run the calls covering positions `s..e` (whole calls) of a plan whose calls are runs;
/// `reduces` says each call reduces into one element (else it updates a run of outputs).
pub(super) fn run_rows(ctx: &Ctx, reduces: bool, s: usize, e: usize) -> FpFlags {
    let isz = ctx.dtype.itemsize() as isize;
    let contiguous = ctx.layout.strides.get(1).and_then(|st| st.last()) == Some(&isz);
    let mut values = match ctx.prog.identity_leaf() {
        Some(leaf) if contiguous => Values::InPlace(leaf.view.data_ptr()),
        _ => Values::Fed(Box::new(Feed::new(ctx.prog, &ctx.layout, s, e))),
    };
    let len = ctx.layout.shape.last().copied().unwrap_or(1).max(1);
    let mut cursor = RunCursor::new(&ctx.layout, s, e);
    let mut flags = FpFlags(0);
    while let Some(rows) = cursor.next_rows((BLOCK / len).max(1)) {
        flags.merge(if reduces { reduce_rows(ctx, &rows, &mut values) } else { update_rows(ctx, &rows, &mut values) });
    }
    if let Values::Fed(feed) = values {
        flags.merge(feed.flags());
    }
    flags
}

/// Each row reduces into its own accumulator element.
fn reduce_rows(ctx: &Ctx, rows: &Rows, values: &mut Values) -> FpFlags {
    let isz = ctx.dtype.itemsize();
    let mut flags = FpFlags(0);
    for r in 0..rows.count as isize {
        // SAFETY: the layout's offsets address the accumulator and, in place, the input.
        let acc = unsafe { ctx.acc.get().offset(rows.offs[0] + r * rows.row[0]) };
        let f = match values {
            Values::InPlace(base) => {
                let ptr = unsafe { base.offset(rows.offs[1] + r * rows.row[1]) };
                reduce_values(ctx, acc, rows.len, &mut InPlace { ptr, len: rows.len, itemsize: isz })
            }
            Values::Fed(feed) => reduce_values(ctx, acc, rows.len, &mut **feed),
        };
        flags.merge(f);
    }
    flags
}

/// Each row updates a run of accumulator elements: `acc[j] = op(acc[j], x[j])`.
fn update_rows(ctx: &Ctx, rows: &Rows, values: &mut Values) -> FpFlags {
    if rows.count > 1 && rows.row[0] == 0 {
        return update_columns(ctx, rows, values);
    }
    let isz = ctx.dtype.itemsize() as isize;
    let step = rows.inner[0];
    let mut flags = FpFlags(0);
    for r in 0..rows.count as isize {
        // SAFETY: the layout's offsets address the accumulator and, in place, the input; a fed
        // block holds the `m` values asked for.
        unsafe {
            let acc = ctx.acc.get().offset(rows.offs[0] + r * rows.row[0]);
            match values {
                Values::InPlace(base) => {
                    let x = base.offset(rows.offs[1] + r * rows.row[1]) as *mut u8;
                    (ctx.inner)(&[acc, x, acc], &[step, rows.inner[1], step], rows.len, &mut flags);
                }
                Values::Fed(feed) => {
                    let mut done = 0;
                    while done < rows.len {
                        let (x, m) = feed.next_bytes((rows.len - done).min(BLOCK));
                        let a = acc.offset(done as isize * step);
                        (ctx.inner)(&[a, x as *mut u8, a], &[step, isz, step], m, &mut flags);
                        done += m;
                    }
                }
            }
        }
    }
    flags
}

/// Rows that all update the same outputs: one call per output element, down the rows.
fn update_columns(ctx: &Ctx, rows: &Rows, values: &mut Values) -> FpFlags {
    let isz = ctx.dtype.itemsize() as isize;
    // SAFETY: in place, the offset addresses the block's first value; fed, the block holds
    // count * len <= BLOCK values (the cursor was asked for at most BLOCK / len rows).
    let (x, row_step, col_step) = match values {
        Values::InPlace(base) => (unsafe { base.offset(rows.offs[1]) }, rows.row[1], rows.inner[1]),
        Values::Fed(feed) => (feed.next_bytes(rows.count * rows.len).0, rows.len as isize * isz, isz),
    };
    let mut flags = FpFlags(0);
    for j in 0..rows.len as isize {
        // SAFETY: column j of the block: its accumulator element and `count` values.
        unsafe {
            let acc = ctx.acc.get().offset(rows.offs[0] + j * rows.inner[0]);
            let xj = x.offset(j * col_step) as *mut u8;
            (ctx.inner)(&[acc, xj, acc], &[0, row_step, 0], rows.count, &mut flags);
        }
    }
    flags
}
