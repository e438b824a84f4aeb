//! Runs over a flat range of a `RunLayout`: the piece of iteration one block, one chunk of a
//! thread pool, or one reduction call covers.
//!
//! Positions are numbered in the layout's order (last dim fastest). `for_each_run_in(start, end)`
//! (or a `RunCursor`, one run at a time) visits the positions `start..end` as inner runs,
//! splitting runs at the range ends, with each operand's byte offset at the start of the run.

use crate::iter::RunLayout;

/// Call `f(offsets, len, inner_strides)` for the runs covering positions `start..end`.
pub fn for_each_run_in(layout: &RunLayout, start: usize, end: usize, mut f: impl FnMut(&[isize], usize, &[isize])) {
    let mut cursor = RunCursor::new(layout, start, end);
    while let Some((offs, len, inner)) = cursor.next_run() {
        f(offs, len, inner);
    }
}

/// The runs covering positions `start..end` of a layout, one at a time (what `for_each_run_in`
/// visits, for callers that consume runs at their own pace), or several whole runs at once
/// (`next_rows`).
pub struct RunCursor<'a> {
    layout: &'a RunLayout,
    idx: Vec<usize>,
    offs: Vec<isize>,
    inner: Vec<isize>,
    /// Each operand's stride along the second-innermost dim (zeros below two dims).
    row: Vec<isize>,
    pos: usize,
    end: usize,
    /// Length and count of the runs handed out last (the cursor moves past them next time).
    last: (usize, usize),
}

/// Whole runs handed out together: `count` runs of `len` positions, run `r` starting at
/// `offs + r * row` (per operand), positions within a run `inner` apart.
pub struct Rows<'c> {
    pub offs: &'c [isize],
    pub count: usize,
    pub len: usize,
    pub inner: &'c [isize],
    pub row: &'c [isize],
}

impl<'a> RunCursor<'a> {
    pub fn new(layout: &'a RunLayout, start: usize, end: usize) -> RunCursor<'a> {
        let nops = layout.strides.len();
        let nd = layout.shape.len();
        let empty = start >= end || layout.shape.contains(&0);
        let (idx, offs) = if nd == 0 || empty { (vec![], vec![0; nops]) } else { unravel(layout, start) };
        let dim = |k: usize| layout.strides.iter().map(|s| s[k]).collect();
        let inner = if nd == 0 { vec![0; nops] } else { dim(nd - 1) };
        let row = if nd < 2 { vec![0; nops] } else { dim(nd - 2) };
        let end = if empty { start } else if nd == 0 { start + 1 } else { end };
        RunCursor { layout, idx, offs, inner, row, pos: start, end, last: (0, 0) }
    }

    /// The next run: each operand's byte offset at its start, its length, the inner strides.
    pub fn next_run(&mut self) -> Option<(&[isize], usize, &[isize])> {
        let rows = self.next_rows(1)?;
        Some((rows.offs, rows.len, rows.inner))
    }

    /// The next runs: up to `max_rows` whole runs along the second-innermost dim (without
    /// passing its end), or else one run (possibly partial, at the range ends).
    pub fn next_rows(&mut self, max_rows: usize) -> Option<Rows<'_>> {
        let (len, count) = std::mem::take(&mut self.last);
        if count > 0 {
            self.advance(len, count);
        }
        if self.pos >= self.end {
            return None;
        }
        let nd = self.idx.len();
        let (len, count) = if nd == 0 {
            (1, 1)
        } else {
            let len = self.layout.shape[nd - 1];
            let whole = if nd >= 2 && self.idx[nd - 1] == 0 { (self.end - self.pos) / len } else { 0 };
            let count = max_rows.min(whole).min(if nd >= 2 { self.layout.shape[nd - 2] - self.idx[nd - 2] } else { 1 });
            if count >= 1 {
                (len, count)
            } else {
                ((len - self.idx[nd - 1]).min(self.end - self.pos), 1)
            }
        };
        self.last = (len, count);
        Some(Rows { offs: &self.offs, count, len, inner: &self.inner, row: &self.row })
    }

    /// Move past `count` runs of `len` handed out from the current position.
    fn advance(&mut self, len: usize, count: usize) {
        self.pos += len * count;
        let nd = self.idx.len();
        if nd == 0 || self.pos >= self.end {
            return;
        }
        if count > 1 {
            // Whole runs: to the start of the last one, then past it as below.
            self.idx[nd - 2] += count - 1;
            for (o, s) in self.offs.iter_mut().zip(&self.row) {
                *o += (count - 1) as isize * s;
            }
        }
        self.idx[nd - 1] += len;
        for (o, s) in self.offs.iter_mut().zip(&self.inner) {
            *o += len as isize * s;
        }
        if self.idx[nd - 1] == self.layout.shape[nd - 1] {
            carry(self.layout, &mut self.idx, &mut self.offs);
        }
    }
}

/// Multi-index and operand offsets of flat position `pos`.
pub fn unravel(layout: &RunLayout, mut pos: usize) -> (Vec<usize>, Vec<isize>) {
    let nd = layout.shape.len();
    let mut idx = vec![0usize; nd];
    for k in (0..nd).rev() {
        idx[k] = pos % layout.shape[k];
        pos /= layout.shape[k];
    }
    let offs = layout
        .strides
        .iter()
        .map(|s| idx.iter().zip(s).map(|(&i, &st)| i as isize * st).sum())
        .collect();
    (idx, offs)
}

/// The innermost index reached its end: reset it and increment the outer dims.
#[inline]
fn carry(layout: &RunLayout, idx: &mut [usize], offs: &mut [isize]) {
    let nd = idx.len();
    if nd >= 2 && idx[nd - 2] + 1 < layout.shape[nd - 2] {
        // Common case: the next run is in the same row of runs.
        let inner = idx[nd - 1] as isize;
        idx[nd - 1] = 0;
        idx[nd - 2] += 1;
        for (op, o) in offs.iter_mut().enumerate() {
            let s = &layout.strides[op];
            *o += s[nd - 2] - inner * s[nd - 1];
        }
        return;
    }
    let mut k = nd - 1;
    loop {
        for (op, o) in offs.iter_mut().enumerate() {
            *o -= idx[k] as isize * layout.strides[op][k];
        }
        idx[k] = 0;
        if k == 0 {
            return;
        }
        k -= 1;
        idx[k] += 1;
        for (op, o) in offs.iter_mut().enumerate() {
            *o += layout.strides[op][k];
        }
        if idx[k] < layout.shape[k] {
            return;
        }
    }
}

/// Short runs (each shorter than `SHORT_RUN`) batched into blocks of at most `capacity`
/// positions: `push` runs as `for_each_run_in` yields them, and flush (consume, then `clear`) when
/// `push` says the batch is full.
pub struct RunBatch {
    pub offs: Vec<isize>,
    pub lens: Vec<usize>,
    pub steps: Vec<isize>,
    total: usize,
    capacity: usize,
}

impl RunBatch {
    pub fn new(capacity: usize) -> RunBatch {
        RunBatch { offs: vec![], lens: vec![], steps: vec![], total: 0, capacity }
    }

    /// Add a run; returns true when the batch is full and must be flushed before the next push.
    pub fn push(&mut self, offs: &[isize], len: usize, steps: &[isize]) -> bool {
        if self.steps.is_empty() {
            self.steps = steps.to_vec();
        }
        self.offs.extend_from_slice(offs);
        self.lens.push(len);
        self.total += len;
        self.total + crate::eval::program::SHORT_RUN > self.capacity
    }

    pub fn is_empty(&self) -> bool {
        self.lens.is_empty()
    }

    pub fn clear(&mut self) {
        self.offs.clear();
        self.lens.clear();
        self.total = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(layout: &RunLayout, s: usize, e: usize) -> Vec<isize> {
        let mut out = vec![];
        for_each_run_in(layout, s, e, |o, n, st| (0..n).for_each(|i| out.push(o[0] + i as isize * st[0])));
        out
    }

    #[test]
    fn ranges_concatenate_to_the_whole() {
        let l = RunLayout::new(&[3, 4, 5], &[&[-160, 8, 32]]);
        let all = collect(&l, 0, 60);
        assert_eq!(all.len(), 60);
        let mut pieces = vec![];
        for (s, e) in [(0, 7), (7, 19), (19, 20), (20, 60)] {
            pieces.extend(collect(&l, s, e));
        }
        assert_eq!(all, pieces);
        let mut whole = vec![];
        l.for_each_run(|o, n, st| (0..n).for_each(|i| whole.push(o[0] + i as isize * st[0])));
        assert_eq!(all, whole);
    }

    #[test]
    fn rows_cover_the_same_positions_as_runs() {
        let l = RunLayout::new(&[3, 4, 5], &[&[-160, 8, 32], &[0, 40, 8]]);
        for (s, e) in [(0, 60), (3, 58), (7, 19), (20, 40), (0, 1)] {
            for max_rows in [1, 2, 3, 7] {
                let mut got = vec![];
                let mut cursor = RunCursor::new(&l, s, e);
                while let Some(r) = cursor.next_rows(max_rows) {
                    assert!(r.count <= max_rows && (r.count == 1 || r.len == 5));
                    for k in 0..r.count as isize {
                        (0..r.len as isize).for_each(|i| got.push(r.offs[0] + k * r.row[0] + i * r.inner[0]));
                    }
                }
                assert_eq!(got, collect(&l, s, e), "{s}..{e} by {max_rows}");
            }
        }
    }

    #[test]
    fn zero_d_and_empty() {
        let l = RunLayout::new(&[], &[&[]]);
        assert_eq!(collect(&l, 0, 1), vec![0]);
        let e = RunLayout::new(&[0, 3], &[&[24, 8]]);
        assert!(collect(&e, 0, 5).is_empty());
    }
}
