//! `Feed`: the values of a lazily computed input over a flat range of a reduction's iteration,
//! produced block by block by the blocked evaluator and handed out in order — so a reduction
//! reads its input once and never materialises it.
//!
//! An input that is a materialised array of the reduction's dtype, contiguous along the inner
//! runs, is not copied at all: the feed hands out pointers into the array itself (`Direct`),
//! gathering only a request that straddles two runs.

use ufuncs::FpFlags;

use crate::eval::blocked::{gathers, row_block};
use crate::eval::pool::Pooled;
use crate::eval::program::{Program, Scratch, BLOCK};
use crate::eval::runs::{for_each_run_in, RunBatch, RunCursor, Rows};
use crate::iter::RunLayout;
use crate::reduce::pairwise::ValueSource;

/// Values of `prog` (dtype `prog.out_dtype`) at positions `pos..end` of `layout`, whose operand
/// 0 is the accumulator (ignored here) and operands 1.. the program's leaves.
pub struct Feed<'a> {
    prog: &'a Program,
    layout: &'a RunLayout,
    pos: usize,
    end: usize,
    buf: Pooled,
    itemsize: usize,
    /// Values `buf` holds.
    capacity: usize,
    head: usize,
    tail: usize,
    scratch: Scratch,
    direct: Option<Direct<'a>>,
}

/// In-place reading of an identity program's leaf: the current run's next value and how many
/// values are left in it.
struct Direct<'a> {
    base: *const u8,
    cursor: RunCursor<'a>,
    cur: *const u8,
    left: usize,
}

const CAPACITY: usize = 2 * BLOCK;

impl<'a> Feed<'a> {
    pub fn new(prog: &'a Program, layout: &'a RunLayout, start: usize, end: usize) -> Feed<'a> {
        let itemsize = prog.out_dtype.itemsize();
        // Room for every value of a short range, else CAPACITY (requests are at most BLOCK).
        let capacity = end.saturating_sub(start).clamp(1, CAPACITY);
        let contiguous = layout.strides.get(1).and_then(|s| s.last()) == Some(&(itemsize as isize));
        let direct = prog.identity_leaf().filter(|_| contiguous).map(|leaf| Direct {
            base: leaf.view.data_ptr(),
            cursor: RunCursor::new(layout, start, end),
            cur: std::ptr::null(),
            left: 0,
        });
        Feed {
            prog,
            layout,
            pos: start,
            end,
            buf: Pooled::take(capacity * itemsize / 16 + 1),
            capacity,
            itemsize,
            head: 0,
            tail: 0,
            scratch: prog.scratch(capacity),
            direct,
        }
    }

    /// FP flags raised while computing the values so far.
    pub fn flags(&self) -> FpFlags {
        self.scratch.flags
    }

    /// The next `k` values (k <= BLOCK) as bytes; fewer only if the range ends.
    pub fn next_bytes(&mut self, k: usize) -> (*const u8, usize) {
        if self.direct.is_some() {
            return self.next_direct(k);
        }
        if self.tail - self.head < k {
            self.refill();
        }
        let k = k.min(self.tail - self.head);
        let base = self.buf.as_ptr();
        // SAFETY: head + k <= tail <= capacity values inside `buf`.
        let p = unsafe { base.add(self.head * self.itemsize) };
        self.head += k;
        (p, k)
    }

    /// `next_bytes` reading the leaf in place; a request crossing runs is gathered into `buf`.
    fn next_direct(&mut self, k: usize) -> (*const u8, usize) {
        let isz = self.itemsize;
        let d = self.direct.as_mut().expect("direct feed");
        if d.left == 0 {
            let Some((offs, len, _)) = d.cursor.next_run() else { return (d.cur, 0) };
            // SAFETY: the offset addresses the run's first element in the leaf.
            (d.cur, d.left) = (unsafe { d.base.offset(offs[1]) }, len);
        }
        if d.left >= k {
            let p = d.cur;
            // SAFETY: the run has `left` more elements after `cur`.
            d.cur = unsafe { d.cur.add(k * isz) };
            d.left -= k;
            return (p, k);
        }
        let dst = self.buf.as_mut_ptr();
        let mut got = 0;
        while got < k {
            if d.left == 0 {
                let Some((offs, len, _)) = d.cursor.next_run() else { break };
                (d.cur, d.left) = (unsafe { d.base.offset(offs[1]) }, len);
            }
            let m = d.left.min(k - got);
            // SAFETY: `m` values of the run into `buf`, which has room for what is left of the
            // range, and for CAPACITY >= k values.
            unsafe {
                std::ptr::copy_nonoverlapping(d.cur, dst.add(got * isz), m * isz);
                d.cur = d.cur.add(m * isz);
            }
            d.left -= m;
            got += m;
        }
        (dst, got)
    }

    fn refill(&mut self) {
        let isz = self.itemsize;
        let base = self.buf.as_mut_ptr();
        let live = self.tail - self.head;
        // SAFETY: both ranges lie in `buf`; `copy` allows overlap.
        unsafe { std::ptr::copy(base.add(self.head * isz), base, live * isz) };
        self.head = 0;
        self.tail = live;
        let n = (self.capacity - live).min(self.end - self.pos);
        if gathers(self.layout) {
            match row_block(self.layout) {
                Some(per_block) => self.refill_rows(n, per_block),
                None => self.refill_gathered(n),
            }
            return;
        }
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

    /// `refill` for short runs gathered by blocks of rows, written in order.
    fn refill_rows(&mut self, n: usize, per_block: usize) {
        let isz = self.itemsize as isize;
        let base = self.buf.as_mut_ptr();
        let mut cursor = RunCursor::new(self.layout, self.pos, self.pos + n);
        while let Some(rows) = cursor.next_rows(per_block) {
            // The values go to the buffer back to back: operand 0 is the buffer, not the layout's.
            let offs: Vec<isize> = std::iter::once(self.tail as isize * isz).chain(rows.offs[1..].iter().copied()).collect();
            let inner: Vec<isize> = std::iter::once(isz).chain(rows.inner[1..].iter().copied()).collect();
            let row: Vec<isize> = std::iter::once(rows.len as isize * isz).chain(rows.row[1..].iter().copied()).collect();
            let block = Rows { offs: &offs, count: rows.count, len: rows.len, inner: &inner, row: &row };
            // SAFETY: the leaves' offsets come from the layout; the buffer has room for `n`.
            unsafe { self.prog.run_rows(&block, base, &mut self.scratch) };
            self.tail += rows.count * rows.len;
        }
        self.pos += n;
    }

    /// `refill` for short runs: batches of runs evaluated as whole blocks, written in order.
    fn refill_gathered(&mut self, n: usize) {
        let isz = self.itemsize;
        let base = self.buf.as_mut_ptr();
        let (prog, scratch) = (self.prog, &mut self.scratch);
        let nops = prog.leaves.len() + 1;
        let mut batch = RunBatch::new(BLOCK);
        let mut tail = self.tail;
        let flush = |b: &mut RunBatch, scratch: &mut Scratch, tail: &mut usize| {
            // The output "offset" of each run is its place in the buffer, contiguously.
            for (r, &len) in b.lens.iter().enumerate() {
                b.offs[r * nops] = (*tail * isz) as isize;
                *tail += len;
            }
            b.steps[0] = isz as isize;
            // SAFETY: the leaves' offsets come from the layout; the buffer has room for `n`.
            unsafe { prog.run_gathered(&b.offs, &b.lens, &b.steps, base, scratch) };
            b.clear();
        };
        for_each_run_in(self.layout, self.pos, self.pos + n, |offs, len, steps| {
            if batch.push(offs, len, steps) {
                flush(&mut batch, scratch, &mut tail);
            }
        });
        if !batch.is_empty() {
            flush(&mut batch, scratch, &mut tail);
        }
        self.tail = tail;
        self.pos += n;
    }
}

/// Values handed out in order as raw bytes.
pub trait ByteSource {
    /// The next `k` values (k <= BLOCK), aligned; fewer only where the values end.
    fn next_bytes(&mut self, k: usize) -> (*const u8, usize);
}

impl ByteSource for Feed<'_> {
    fn next_bytes(&mut self, k: usize) -> (*const u8, usize) {
        Feed::next_bytes(self, k)
    }
}

/// A contiguous run of aligned values read in place.
pub struct InPlace {
    pub ptr: *const u8,
    pub len: usize,
    pub itemsize: usize,
}

impl ByteSource for InPlace {
    fn next_bytes(&mut self, k: usize) -> (*const u8, usize) {
        let (p, m) = (self.ptr, k.min(self.len));
        // SAFETY: the run holds `len` more values after `ptr`.
        self.ptr = unsafe { self.ptr.add(m * self.itemsize) };
        self.len -= m;
        (p, m)
    }
}

impl<T, S: ByteSource> ValueSource<T> for S {
    fn take(&mut self, k: usize) -> &[T] {
        let (p, n) = self.next_bytes(k);
        if n == 0 {
            return &[];
        }
        // SAFETY: sources hand out aligned values of the reduction's dtype, which the caller
        // names as `T`.
        unsafe { std::slice::from_raw_parts(p as *const T, n) }
    }
}
