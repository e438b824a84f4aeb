//! `argmin` / `argmax`: the index of the first extreme value along an axis (or of the C-order
//! flattening), with NumPy's rules — the first NaN wins (it is "maximal" and "minimal"),
//! complex values compare lexicographically. The input is streamed from the blocked evaluator
//! and scanned block by block with typed comparisons; a single long row is cut into pieces
//! scanned on the pool and combined in order (the earliest of equal extremes wins).

use std::sync::Arc;

use std::ops::Range;

use dtypes::{c128, c64, f16, with_dtype, Element};
use rayon::prelude::*;
use ufuncs::FpFlags;

use crate::error::NumrtError;
use crate::eval::blocked::{SendPtr, CHUNK, PAR_MIN};
use crate::eval::program::{Program, BLOCK};
use crate::eval::allocate;
use crate::graph::Node;
use crate::iter::RunLayout;
use crate::reduce::feed::Feed;
use crate::reduce::spec::{ReduceKind, ReduceSpec};
use crate::view::View;

pub(crate) fn arg_reduce(node: &Node, spec: &ReduceSpec, input: &Arc<Node>) -> Result<(View, FpFlags), NumrtError> {
    let shape = input.shape().to_vec();
    let result = allocate(node.shape(), node.strides(), dtypes::DType::Int64)?;
    let prog = Program::compile(input, input.dtype())?;
    // Iterate the kept axes (C order) then the reduced axis (or everything, flattened).
    let order: Vec<usize> = if spec.flatten {
        (0..shape.len()).collect()
    } else {
        (0..shape.len()).filter(|k| !spec.axes.contains(k)).chain(spec.axes.iter().copied()).collect()
    };
    let ordered: Vec<usize> = order.iter().map(|&a| shape[a]).collect();
    let mut operands: Vec<Vec<isize>> = vec![vec![0; order.len()]];
    operands.extend(prog.leaves.iter().map(|l| order.iter().map(|&a| l.strides[a]).collect()));
    let refs: Vec<&[isize]> = operands.iter().map(|s| s.as_slice()).collect();
    let layout = RunLayout::new(&ordered, &refs);
    let job = Job { prog: &prog, layout: &layout, len: spec.reduced_len(&shape), is_max: spec.kind == ReduceKind::ArgMax };
    let out = SendPtr(result.data_ptr());
    let n_out = result.size();
    let flags = with_dtype!(input.dtype(), T => if job.is_max { job.run::<T, true>(out, n_out) } else { job.run::<T, false>(out, n_out) });
    Ok((result, flags))
}

/// One arg-reduction: output `p` is the index of the extreme among positions
/// `p*len..(p+1)*len` of the layout.
struct Job<'a> {
    prog: &'a Program,
    layout: &'a RunLayout,
    len: usize,
    is_max: bool,
}

impl Job<'_> {
    fn run<T: ArgValue, const MAX: bool>(&self, out: SendPtr, n_out: usize) -> FpFlags {
        let parallel = n_out * self.len >= PAR_MIN && rayon::current_num_threads() > 1;
        if n_out == 1 && parallel {
            return self.run_split::<T, MAX>(out);
        }
        // One feed per chunk of outputs.
        let per = (CHUNK / self.len.max(1)).max(1);
        let chunks: Vec<Range<usize>> = (0..n_out).step_by(per).map(|p| p..(p + per).min(n_out)).collect();
        let scan_outputs = |ps: Range<usize>| -> FpFlags {
            let mut feed = Feed::new(self.prog, self.layout, ps.start * self.len, ps.end * self.len);
            for p in ps {
                let best = self.scan::<T, MAX>(&mut feed, 0, self.len);
                // SAFETY: the result is a fresh C-contiguous int64 array of n_out elements.
                unsafe { *(out.get() as *mut i64).add(p) = best.map_or(0, |b| b.index) as i64 };
            }
            feed.flags()
        };
        let merge = |a: FpFlags, b: FpFlags| FpFlags(a.0 | b.0);
        if parallel {
            chunks.into_par_iter().map(scan_outputs).reduce(|| FpFlags(0), merge)
        } else {
            chunks.into_iter().map(scan_outputs).fold(FpFlags(0), merge)
        }
    }

    /// A single long row, cut into pieces scanned on the pool and combined in order.
    fn run_split<T: ArgValue, const MAX: bool>(&self, out: SendPtr) -> FpFlags {
        let pieces: Vec<Range<usize>> = (0..self.len).step_by(CHUNK).map(|a| a..(a + CHUNK).min(self.len)).collect();
        let found: Vec<(Option<Best<T>>, FpFlags)> = pieces
            .into_par_iter()
            .map(|r| {
                let mut feed = Feed::new(self.prog, self.layout, r.start, r.end);
                (self.scan::<T, MAX>(&mut feed, r.start, r.len()), feed.flags())
            })
            .collect();
        let mut best: Option<Best<T>> = None;
        let mut flags = FpFlags(0);
        for (b, f) in found {
            flags.0 |= f.0;
            best = better::<T, MAX>(best, b);
        }
        // SAFETY: the result holds one int64.
        unsafe { *(out.get() as *mut i64) = best.map_or(0, |b| b.index) as i64 };
        flags
    }

    /// The extreme of the next `len` values of `feed` (indices from `start`), block by block.
    fn scan<T: ArgValue, const MAX: bool>(&self, feed: &mut Feed, start: usize, len: usize) -> Option<Best<T>> {
        let mut best: Option<Best<T>> = None;
        let mut i = 0;
        while i < len {
            let (p, n) = feed.next_bytes((len - i).min(BLOCK));
            if n == 0 {
                break;
            }
            // SAFETY: the feed yields `n` aligned values of the program's dtype, which is T.
            let vals = unsafe { std::slice::from_raw_parts(p as *const T, n) };
            if !best.is_some_and(|b| b.nan) {
                best = better::<T, MAX>(best, block_best::<T, MAX>(vals, start + i, best.map(|b| b.value)));
            }
            i += n;
        }
        best
    }
}

/// The extreme found so far: its value, its index, whether it is a NaN (which always wins).
#[derive(Clone, Copy)]
struct Best<T> {
    value: T,
    index: usize,
    nan: bool,
}

/// The first extreme of `earlier` then `later` (NumPy: the first NaN, else the first of the
/// largest (smallest) values).
fn better<T: ArgValue, const MAX: bool>(earlier: Option<Best<T>>, later: Option<Best<T>>) -> Option<Best<T>> {
    match (earlier, later) {
        (Some(a), Some(b)) if !a.nan && (b.nan || exceeds::<T, MAX>(b.value, a.value)) => Some(b),
        (None, b) => b,
        (a, _) => a,
    }
}

#[inline(always)]
fn exceeds<T: ArgValue, const MAX: bool>(x: T, y: T) -> bool {
    if MAX {
        x.gt(y)
    } else {
        y.gt(x)
    }
}

/// The first extreme of one block, if it beats `to_beat`: a pass for NaNs and one for the
/// extreme value (both without early exits, so they vectorise; the extreme in 16 lanes, since a
/// chain of selects would run at their latency), then the first index holding it.
fn block_best<T: ArgValue, const MAX: bool>(vals: &[T], start: usize, to_beat: Option<T>) -> Option<Best<T>> {
    let first = *vals.first()?;
    if T::HAS_NAN && vals.iter().fold(false, |any, v| any | v.nan()) {
        let i = vals.iter().position(|v| v.nan()).unwrap_or(0);
        return Some(Best { value: vals[i], index: start + i, nan: true });
    }
    let pick = |m: T, v: T| if exceeds::<T, MAX>(v, m) { v } else { m };
    let mut lanes = [first; 16];
    let chunks = vals.chunks_exact(16);
    let tail = chunks.remainder();
    for chunk in chunks {
        lanes = std::array::from_fn(|k| pick(lanes[k], chunk[k]));
    }
    let m = tail.iter().fold(lanes.into_iter().fold(first, pick), |m, &v| pick(m, v));
    if to_beat.is_some_and(|b| !exceeds::<T, MAX>(m, b)) {
        return None;
    }
    // Which of equal values a lane kept does not matter: the first index equal to the extreme
    // counts (-0.0 equals 0.0, as with NumPy's strict comparison).
    let i = vals.iter().position(|&v| !exceeds::<T, MAX>(m, v)).unwrap_or(0);
    Some(Best { value: vals[i], index: start + i, nan: false })
}

/// How arg-reductions compare values of one element type.
trait ArgValue: Element {
    const HAS_NAN: bool;
    fn nan(self) -> bool;
    /// `self > other` (complex: lexicographic; a NaN compares false).
    fn gt(self, other: Self) -> bool;
}

macro_rules! arg_ordered {
    ($has_nan:expr, $nan:expr; $($t:ty),*) => {$(
        impl ArgValue for $t {
            const HAS_NAN: bool = $has_nan;
            #[inline(always)]
            fn nan(self) -> bool {
                ($nan)(self)
            }
            #[inline(always)]
            #[allow(clippy::bool_comparison)]
            fn gt(self, other: Self) -> bool {
                self > other
            }
        }
    )*};
}

arg_ordered!(false, |_| false; bool, i8, u8, i16, u16, i32, u32, i64, u64);
arg_ordered!(true, |x: f32| x.is_nan(); f32);
arg_ordered!(true, |x: f64| x.is_nan(); f64);
arg_ordered!(true, |x: f16| x.is_nan(); f16);

macro_rules! arg_complex {
    ($($t:ty),*) => {$(
        impl ArgValue for $t {
            const HAS_NAN: bool = true;
            #[inline(always)]
            fn nan(self) -> bool {
                self.re.is_nan() | self.im.is_nan()
            }
            #[inline(always)]
            fn gt(self, other: Self) -> bool {
                self.re > other.re || (self.re == other.re && self.im > other.im)
            }
        }
    )*};
}

arg_complex!(c64, c128);
