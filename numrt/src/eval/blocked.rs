//! The portable blocked evaluator: runs a compiled `Program` over its whole shape into an
//! output view, block by block, splitting large outputs across the rayon pool.
//!
//! The iteration space is the program's shape with the output's and every leaf's strides,
//! coalesced (`RunLayout`); it is cut into fixed chunks of `CHUNK` positions, so the work a
//! chunk does — and the result — does not depend on how many threads there are. Long runs are
//! evaluated in place; short ones are gathered into whole blocks, by blocks of rows where the
//! rows are long enough, else run by run.

use rayon::prelude::*;
use ufuncs::FpFlags;

use crate::error::NumrtError;
use crate::eval::program::{Program, Scratch, BLOCK, SHORT_RUN};
use crate::eval::runs::{for_each_run_in, RunBatch, RunCursor};
use crate::iter::RunLayout;
use crate::view::View;

/// Positions per parallel chunk.
pub const CHUNK: usize = 1 << 15;
/// Below this many positions everything runs on the calling thread (reductions).
pub const PAR_MIN: usize = 1 << 16;
/// An elementwise evaluation runs on the pool from this many positions times instructions
/// (measured: a single add gains from 2 threads at 3e5 elements and loses at 1.5e5; a
/// five-op expression gains from 7e4).
pub const PAR_WORK: usize = 1 << 18;

thread_local! {
    static SHORT_RUN_LIMIT: std::cell::Cell<usize> = const { std::cell::Cell::new(SHORT_RUN) };
    static ROW_BLOCK_MIN: std::cell::Cell<usize> = const { std::cell::Cell::new(ROW_BLOCK) };
}

/// Short runs are gathered by blocks of whole rows (`Program::run_rows`) when a block holds at
/// least this many positions, else run by run (`Program::run_gathered`).
pub const ROW_BLOCK: usize = BLOCK / 4;

/// Run `f` with row blocks used from `min` positions per block on this thread (0: always,
/// `usize::MAX`: never). Tests use it to exercise both ways of gathering on the same inputs.
pub fn with_row_block_min<T>(min: usize, f: impl FnOnce() -> T) -> T {
    let old = ROW_BLOCK_MIN.with(|c| c.replace(min));
    let out = f();
    ROW_BLOCK_MIN.with(|c| c.set(old));
    out
}

/// Rows per block when short runs of this layout are gathered by row blocks, else `None`.
pub(crate) fn row_block(layout: &RunLayout) -> Option<usize> {
    let nd = layout.shape.len();
    if nd < 2 {
        return None;
    }
    let (rows, len) = (layout.shape[nd - 2], layout.shape[nd - 1].max(1));
    let per_block = (BLOCK / len).max(1);
    (per_block.min(rows) * len >= ROW_BLOCK_MIN.with(|c| c.get())).then_some(per_block)
}

/// Run `f` with runs shorter than `limit` gathered into blocks on this thread (0: never gather).
/// Tests use it to exercise both the gathered and the in-place paths on the same inputs.
pub fn with_short_run_limit<T>(limit: usize, f: impl FnOnce() -> T) -> T {
    let old = SHORT_RUN_LIMIT.with(|c| c.replace(limit.min(SHORT_RUN)));
    let out = f();
    SHORT_RUN_LIMIT.with(|c| c.set(old));
    out
}

/// Whether runs of this layout are short enough to gather (a single run never is).
pub(crate) fn gathers(layout: &RunLayout) -> bool {
    let limit = SHORT_RUN_LIMIT.with(|c| c.get());
    layout.shape.len() >= 2 && layout.shape.last().is_some_and(|&inner| inner < limit)
}

/// A raw address that may cross threads (chunks write disjoint elements).
#[derive(Clone, Copy)]
pub(crate) struct SendPtr(pub *mut u8);
unsafe impl Send for SendPtr {}
unsafe impl Sync for SendPtr {}

impl SendPtr {
    /// The address (a method, so closures capture the whole `SendPtr`, which is `Sync`).
    pub(crate) fn get(&self) -> *mut u8 {
        self.0
    }
}

/// Evaluate `prog` into `out` (same shape, dtype `prog.out_dtype`). Returns the FP flags.
pub fn run_into(prog: &Program, out: &View) -> Result<FpFlags, NumrtError> {
    if out.shape != prog.shape || out.dtype != prog.out_dtype {
        return Err(NumrtError::Internal(format!("output {out:?} does not match the program")));
    }
    let mut operands: Vec<&[isize]> = vec![&out.strides];
    operands.extend(prog.leaves.iter().map(|l| l.strides.as_slice()));
    let layout = RunLayout::new(&prog.shape, &operands);
    let total = layout.size();
    let base = SendPtr(out.data_ptr());
    if total.saturating_mul(prog.ninstrs().max(1)) < PAR_WORK || rayon::current_num_threads() == 1 {
        return Ok(run_range(prog, &layout, base, 0, total));
    }
    let nchunks = total.div_ceil(CHUNK);
    let flags = (0..nchunks)
        .into_par_iter()
        .map(|c| run_range(prog, &layout, base, c * CHUNK, ((c + 1) * CHUNK).min(total)))
        .reduce(|| FpFlags(0), |a, b| FpFlags(a.0 | b.0));
    Ok(flags)
}

/// Evaluate positions `start..end` of `layout` (operand 0 = output, then the leaves).
pub(crate) fn run_range(prog: &Program, layout: &RunLayout, out: SendPtr, start: usize, end: usize) -> FpFlags {
    let mut scratch = prog.scratch(end.saturating_sub(start));
    if gathers(layout) {
        if let Some(per_block) = row_block(layout) {
            let mut cursor = RunCursor::new(layout, start, end);
            while let Some(rows) = cursor.next_rows(per_block) {
                // SAFETY: the offsets come from the layout of the output and the leaves.
                unsafe { prog.run_rows(&rows, out.0, &mut scratch) };
            }
            return scratch.flags;
        }
        let mut batch = RunBatch::new(BLOCK);
        let flush = |b: &mut RunBatch, scratch: &mut Scratch| {
            // SAFETY: the offsets come from the layout of the output and the leaves.
            unsafe { prog.run_gathered(&b.offs, &b.lens, &b.steps, out.0, scratch) };
            b.clear();
        };
        for_each_run_in(layout, start, end, |offs, n, steps| {
            if batch.push(offs, n, steps) {
                flush(&mut batch, &mut scratch);
            }
        });
        if !batch.is_empty() {
            flush(&mut batch, &mut scratch);
        }
        return scratch.flags;
    }
    for_each_run_in(layout, start, end, |offs, n, steps| {
        // SAFETY: the layout was built from the output's and leaves' own shapes and strides.
        unsafe {
            prog.run(&offs[1..], &steps[1..], n, out.0.offset(offs[0]), steps[0], &mut scratch);
        }
    });
    scratch.flags
}
