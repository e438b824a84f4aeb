//! `argmin` / `argmax`: the index of the first extreme value along an axis (or of the C-order
//! flattening), with NumPy's rules — the first NaN wins (it is "maximal" and "minimal"),
//! complex values compare lexicographically. The input is streamed from the blocked evaluator.

use std::sync::Arc;

use dtypes::{with_dtype, Element, Wide};
use rayon::prelude::*;
use ufuncs::FpFlags;

use crate::error::NumrtError;
use crate::eval::blocked::PAR_MIN;
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
    let scan_one = |p: usize| -> (i64, FpFlags) {
        let mut feed = Feed::new(&prog, &layout, p * len, (p + 1) * len);
        let idx = with_dtype!(input.dtype(), T => scan::<T>(&mut feed, len, is_max));
        (idx, feed.flags())
    };
    let results: Vec<(i64, FpFlags)> = if n_out * len >= PAR_MIN && rayon::current_num_threads() > 1 {
        (0..n_out).into_par_iter().map(scan_one).collect()
    } else {
        (0..n_out).map(scan_one).collect()
    };
    let out = result.data_ptr() as *mut i64;
    let mut flags = FpFlags(0);
    for (p, (idx, f)) in results.into_iter().enumerate() {
        // SAFETY: the result is a fresh C-contiguous int64 array of n_out elements.
        unsafe { *out.add(p) = idx };
        flags.0 |= f.0;
    }
    Ok((result, flags))
}

/// Index of the first maximum (minimum) of the next `len` values, NaN first.
fn scan<T: Element>(feed: &mut Feed, len: usize, is_max: bool) -> i64 {
    let mut best: Option<Wide> = None;
    let mut best_i = 0usize;
    let mut i = 0usize;
    while i < len {
        let (p, n) = feed.next_bytes((len - i).min(BLOCK));
        // SAFETY: the feed yields `n` values of the program's dtype, which is T.
        let vals = unsafe { std::slice::from_raw_parts(p as *const T, n) };
        for (j, v) in vals.iter().enumerate() {
            let w = v.to_wide();
            let take = match best {
                None => true,
                Some(b) => is_nan(w) || if is_max { greater(w, b) } else { greater(b, w) },
            };
            if take {
                best = Some(w);
                best_i = i + j;
                if is_nan(w) {
                    return best_i as i64;
                }
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
