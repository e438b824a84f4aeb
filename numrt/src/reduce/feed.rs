//! `Feed`: the values of a lazily computed input over a flat range of a reduction's iteration,
//! produced block by block by the blocked evaluator and handed out in order — so a reduction
//! reads its input once and never materialises it.

use ufuncs::FpFlags;

use crate::eval::program::{Program, Scratch, BLOCK};
use crate::eval::runs::for_each_run_in;
use crate::iter::RunLayout;
use crate::reduce::pairwise::ValueSource;

/// Values of `prog` (dtype `prog.out_dtype`) at positions `pos..end` of `layout`, whose operand
/// 0 is the accumulator (ignored here) and operands 1.. the program's leaves.
pub struct Feed<'a> {
    prog: &'a Program,
    layout: &'a RunLayout,
    pos: usize,
    end: usize,
    buf: Vec<u128>,
    itemsize: usize,
    head: usize,
    tail: usize,
    scratch: Scratch,
}

const CAPACITY: usize = 2 * BLOCK;

impl<'a> Feed<'a> {
    pub fn new(prog: &'a Program, layout: &'a RunLayout, start: usize, end: usize) -> Feed<'a> {
        let itemsize = prog.out_dtype.itemsize();
        Feed {
            prog,
            layout,
            pos: start,
            end,
            buf: vec![0u128; CAPACITY * itemsize / 16 + 1],
            itemsize,
            head: 0,
            tail: 0,
            scratch: prog.scratch(),
        }
    }

    /// FP flags raised while computing the values so far.
    pub fn flags(&self) -> FpFlags {
        self.scratch.flags
    }

    /// The next `k` values (k <= BLOCK) as bytes; fewer only if the range ends.
    pub fn next_bytes(&mut self, k: usize) -> (*const u8, usize) {
        if self.tail - self.head < k {
            self.refill();
        }
        let k = k.min(self.tail - self.head);
        let base = self.buf.as_ptr() as *const u8;
        // SAFETY: head + k <= tail <= CAPACITY values inside `buf`.
        let p = unsafe { base.add(self.head * self.itemsize) };
        self.head += k;
        (p, k)
    }

    fn refill(&mut self) {
        let isz = self.itemsize;
        let base = self.buf.as_mut_ptr() as *mut u8;
        let live = self.tail - self.head;
        // SAFETY: both ranges lie in `buf`; `copy` allows overlap.
        unsafe { std::ptr::copy(base.add(self.head * isz), base, live * isz) };
        self.head = 0;
        self.tail = live;
        let n = (CAPACITY - live).min(self.end - self.pos);
        let (prog, scratch) = (self.prog, &mut self.scratch);
        let mut tail = self.tail;
        for_each_run_in(self.layout, self.pos, self.pos + n, |offs, len, steps| {
            // SAFETY: the layout addresses the leaves; the destination has room for `len`.
            unsafe {
                prog.run(&offs[1..], &steps[1..], len, base.add(tail * isz), isz as isize, scratch);
            }
            tail += len;
        });
        self.tail = tail;
        self.pos += n;
    }
}

impl<T> ValueSource<T> for Feed<'_> {
    fn take(&mut self, k: usize) -> &[T] {
        let (p, n) = self.next_bytes(k);
        // SAFETY: `buf` is 16-byte aligned and holds `n` values of the program's dtype, which the
        // caller names as `T`.
        unsafe { std::slice::from_raw_parts(p as *const T, n) }
    }
}
