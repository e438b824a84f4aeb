//! Runs over a flat range of a `RunLayout`: the piece of iteration one block, one chunk of a
//! thread pool, or one reduction call covers.
//!
//! Positions are numbered in the layout's order (last dim fastest). `for_each_run_in(start, end)`
//! visits the positions `start..end` as inner runs, splitting runs at the range ends, with each
//! operand's byte offset at the start of the run.

use crate::iter::RunLayout;

/// Call `f(offsets, len, inner_strides)` for the runs covering positions `start..end`.
pub fn for_each_run_in(layout: &RunLayout, start: usize, end: usize, mut f: impl FnMut(&[isize], usize, &[isize])) {
    let nops = layout.strides.len();
    let nd = layout.shape.len();
    if start >= end || layout.shape.contains(&0) {
        return;
    }
    if nd == 0 {
        f(&vec![0; nops], 1, &vec![0; nops]);
        return;
    }
    let inner: Vec<isize> = layout.strides.iter().map(|s| s[nd - 1]).collect();
    let (mut idx, mut offs) = unravel(layout, start);
    let inner_len = layout.shape[nd - 1];
    let mut pos = start;
    while pos < end {
        let len = (inner_len - idx[nd - 1]).min(end - pos);
        f(&offs, len, &inner);
        pos += len;
        idx[nd - 1] += len;
        for (op, o) in offs.iter_mut().enumerate() {
            *o += len as isize * inner[op];
        }
        if idx[nd - 1] == inner_len {
            carry(layout, &mut idx, &mut offs);
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
    fn zero_d_and_empty() {
        let l = RunLayout::new(&[], &[&[]]);
        assert_eq!(collect(&l, 0, 1), vec![0]);
        let e = RunLayout::new(&[0, 3], &[&[24, 8]]);
        assert!(collect(&e, 0, 5).is_empty());
    }
}
