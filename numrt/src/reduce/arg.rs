//! `argmin` / `argmax`: the index of the first extreme value along an axis (or of the C-order
//! flattening), with NumPy's rules — the first NaN wins (it is "maximal" and "minimal"),
//! complex values compare lexicographically. The input is streamed from the blocked evaluator.

use std::sync::Arc;

use dtypes::{with_dtype, Element, Wide};
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
    let len = spec.reduced_len(&shape);
    let n_out = result.size();
    let is_max = spec.kind == ReduceKind::ArgMax;
    let out = SendPtr(result.data_ptr());
    // One feed per chunk of outputs: positions p*len..(p+1)*len are output p's values.
    let scan_range = |ps: std::ops::Range<usize>| -> FpFlags {
        let mut feed = Feed::new(&prog, &layout, ps.start * len, ps.end * len);
        for p in ps {
            let idx = with_dtype!(input.dtype(), T => scan::<T>(&mut feed, len, is_max));
            // SAFETY: the result is a fresh C-contiguous int64 array of n_out elements.
            unsafe { *(out.get() as *mut i64).add(p) = idx };
        }
        feed.flags()
    };
    let per = (CHUNK / len.max(1)).max(1);
    let chunks: Vec<std::ops::Range<usize>> = (0..n_out).step_by(per).map(|p| p..(p + per).min(n_out)).collect();
    let flags = if n_out * len >= PAR_MIN && rayon::current_num_threads() > 1 {
        chunks.into_par_iter().map(scan_range).reduce(|| FpFlags(0), |a, b| FpFlags(a.0 | b.0))
    } else {
        chunks.into_iter().map(scan_range).fold(FpFlags(0), |a, b| FpFlags(a.0 | b.0))
    };
    Ok((result, flags))
}

/// Index of the first maximum (minimum) of the next `len` values, NaN first.
fn scan<T: Element>(feed: &mut Feed, len: usize, is_max: bool) -> i64 {
    let mut best: Option<Wide> = None;
    let mut best_i = 0usize;
    let mut done = false;
    let mut i = 0usize;
    while i < len {
        let (p, n) = feed.next_bytes((len - i).min(BLOCK));
        // SAFETY: the feed yields `n` values of the program's dtype, which is T.
        let vals = unsafe { std::slice::from_raw_parts(p as *const T, n) };
        for (j, v) in vals.iter().enumerate() {
            if done {
                break;
            }
            let w = v.to_wide();
            let take = match best {
                None => true,
                Some(b) => is_nan(w) || if is_max { greater(w, b) } else { greater(b, w) },
            };
            if take {
                best = Some(w);
                best_i = i + j;
                // The first NaN wins; the rest of the row is still consumed from the feed.
                done = is_nan(w);
            }
        }
        i += n;
    }
    best_i as i64
}

fn is_nan(w: Wide) -> bool {
    match w {
        Wide::Float(f) => f.is_nan(),
        Wide::Complex(re, im) => re.is_nan() || im.is_nan(),
        _ => false,
    }
}

/// `a > b` for two values of one dtype (complex: lexicographic).
fn greater(a: Wide, b: Wide) -> bool {
    match (a, b) {
        (Wide::Bool(x), Wide::Bool(y)) => x & !y,
        (Wide::Int(x), Wide::Int(y)) => x > y,
        (Wide::UInt(x), Wide::UInt(y)) => x > y,
        (Wide::Float(x), Wide::Float(y)) => x > y,
        (Wide::Complex(xr, xi), Wide::Complex(yr, yi)) => xr > yr || (xr == yr && xi > yi),
        _ => false,
    }
}
