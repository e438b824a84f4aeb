//! One long reduction call by a regroupable loop (`ufuncs::Loop::regroup`: integer add,
//! multiply, min, max, bitwise and logical loops, float min/max/fmin/fmax): the call is cut into
//! consecutive chunks reduced on the thread pool, and the partial results are combined into the
//! accumulator in order. The loop's check says whether that result is the in-order one (always
//! for integers; for float min/max unless it is NaN); if not, the accumulator is restored and
//! the caller reduces in order.

use rayon::prelude::*;
use ufuncs::FpFlags;

use crate::eval::blocked::CHUNK;
use crate::reduce::feed::Feed;
use crate::reduce::fold::{fold_with_loop, Ctx};

/// Calls shorter than this are not regrouped.
const REGROUP_MIN: usize = 1 << 17;

/// Reduce positions `s..e` into `acc` from partial results, or `None` (nothing changed) when
/// the loop cannot regroup, the call is short, or the check rejects the result.
pub(super) fn reduce_regrouped(ctx: &Ctx, acc: *mut u8, s: usize, e: usize) -> Option<FpFlags> {
    let check = ctx.regroup?;
    let threads = rayon::current_num_threads();
    if e - s < REGROUP_MIN || threads == 1 {
        return None;
    }
    let isz = ctx.dtype.itemsize();
    let len = CHUNK.max((e - s).div_ceil(4 * threads));
    let chunks: Vec<(usize, usize)> = (s..e).step_by(len).map(|a| (a, (a + len).min(e))).collect();
    let partials: Vec<([u8; 16], FpFlags)> = chunks.par_iter().map(|&(a, b)| partial(ctx, a, b)).collect();
    let mut saved = [0u8; 16];
    // SAFETY: `acc` is one element of `isz` bytes; partial results are values of the loop dtype.
    unsafe {
        std::ptr::copy_nonoverlapping(acc, saved.as_mut_ptr(), isz);
        let mut flags = FpFlags(0);
        for (p, f) in &partials {
            flags.merge(*f);
            (ctx.inner)(&[acc, p.as_ptr() as *mut u8, acc], &[0, 0, 0], 1, &mut flags);
        }
        if check(acc) {
            return Some(flags);
        }
        std::ptr::copy_nonoverlapping(saved.as_ptr(), acc, isz);
    }
    None
}

/// The reduction of positions `a..b` (at least one) started from their first value, and the
/// flags raised computing the values.
fn partial(ctx: &Ctx, a: usize, b: usize) -> ([u8; 16], FpFlags) {
    let isz = ctx.dtype.itemsize();
    let mut feed = Feed::new(ctx.prog, &ctx.layout, a, b);
    let mut cell = [0u128; 1];
    let cell_ptr = cell.as_mut_ptr() as *mut u8;
    let (first, _) = feed.next_bytes(1);
    let mut flags = FpFlags(0);
    // SAFETY: the feed handed out one value; `cell` holds any element.
    unsafe { std::ptr::copy_nonoverlapping(first, cell_ptr, isz) };
    fold_with_loop(ctx, cell_ptr, b - a - 1, &mut feed, &mut flags);
    flags.merge(feed.flags());
    let mut out = [0u8; 16];
    // SAFETY: both cells are 16 bytes.
    unsafe { std::ptr::copy_nonoverlapping(cell_ptr, out.as_mut_ptr(), 16) };
    (out, flags)
}
