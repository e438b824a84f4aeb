//! Strided iteration over one shape shared by several operands, by inner-loop runs.
//!
//! `for_each_run` calls its closure once per innermost run with the byte offsets of each operand
//! at the start of the run, the run length and each operand's inner stride — NumPy's inner-loop
//! convention. Dimensions are coalesced first wherever every operand is contiguous across them, so
//! a C-contiguous array of any rank is one run.

/// A shape with per-operand byte strides, dims coalesced where possible. Dims of length 1 are
/// dropped; the innermost dim is last.
#[derive(Clone, Debug, PartialEq)]
pub struct RunLayout {
    pub shape: Vec<usize>,
    /// `strides[op][dim]`.
    pub strides: Vec<Vec<isize>>,
}

impl RunLayout {
    pub fn new(shape: &[usize], strides: &[&[isize]]) -> RunLayout {
        let keep: Vec<usize> = (0..shape.len()).filter(|&k| shape[k] != 1).collect();
        let mut out_shape: Vec<usize> = Vec::with_capacity(keep.len());
        let mut out_strides: Vec<Vec<isize>> = vec![Vec::with_capacity(keep.len()); strides.len()];
        for &k in &keep {
            let mergeable = !out_shape.is_empty()
                && strides.iter().enumerate().all(|(op, s)| {
                    *out_strides[op].last().unwrap() == s[k] * shape[k] as isize
                });
            if mergeable {
                *out_shape.last_mut().unwrap() *= shape[k];
                for (op, s) in strides.iter().enumerate() {
                    *out_strides[op].last_mut().unwrap() = s[k];
                }
            } else {
                out_shape.push(shape[k]);
                for (op, s) in strides.iter().enumerate() {
                    out_strides[op].push(s[k]);
                }
            }
        }
        RunLayout { shape: out_shape, strides: out_strides }
    }

    pub fn size(&self) -> usize {
        self.shape.iter().product()
    }

    /// Call `f(offsets, len, inner_strides)` for every innermost run. Does nothing for empty
    /// shapes; a 0-d shape is one run of length 1.
    pub fn for_each_run(&self, mut f: impl FnMut(&[isize], usize, &[isize])) {
        let nops = self.strides.len();
        if self.shape.contains(&0) {
            return;
        }
        if self.shape.is_empty() {
            f(&vec![0; nops], 1, &vec![0; nops]);
            return;
        }
        let nd = self.shape.len();
        let inner_len = self.shape[nd - 1];
        let inner: Vec<isize> = self.strides.iter().map(|s| s[nd - 1]).collect();
        let mut idx = vec![0usize; nd - 1];
        let mut offs = vec![0isize; nops];
        loop {
            f(&offs, inner_len, &inner);
            // Odometer increment over the outer dims.
            let mut k = nd - 1;
            loop {
                if k == 0 {
                    return;
                }
                k -= 1;
                idx[k] += 1;
                for (op, o) in offs.iter_mut().enumerate() {
                    *o += self.strides[op][k];
                }
                if idx[k] < self.shape[k] {
                    break;
                }
                for (op, o) in offs.iter_mut().enumerate() {
                    *o -= self.strides[op][k] * self.shape[k] as isize;
                }
                idx[k] = 0;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contiguous_coalesces_to_one_run() {
        let l = RunLayout::new(&[2, 3, 4], &[&[96, 32, 8], &[0, 0, 8]]);
        assert_eq!(l.shape, vec![6, 4]);
        let c = RunLayout::new(&[2, 3, 4], &[&[96, 32, 8]]);
        assert_eq!(c.shape, vec![24]);
        let mut runs = 0;
        c.for_each_run(|_, n, s| {
            runs += 1;
            assert_eq!((n, s[0]), (24, 8));
        });
        assert_eq!(runs, 1);
    }

    #[test]
    fn visits_every_offset_once_in_c_order() {
        let l = RunLayout::new(&[2, 3], &[&[-8, 16]]);
        let mut seen = vec![];
        l.for_each_run(|o, n, s| (0..n).for_each(|i| seen.push(o[0] + i as isize * s[0])));
        assert_eq!(seen, vec![0, 16, 32, -8, 8, 24]);
    }

    #[test]
    fn empty_and_zero_d() {
        let mut n = 0;
        RunLayout::new(&[3, 0], &[&[0, 8]]).for_each_run(|_, _, _| n += 1);
        assert_eq!(n, 0);
        RunLayout::new(&[], &[&[]]).for_each_run(|_, len, _| n += len);
        assert_eq!(n, 1);
    }
}
