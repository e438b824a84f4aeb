//! How NumPy 2.4 iterates a reduction, reproduced so that sums come out bit for bit the same.
//!
//! NumPy reduces with a buffered nditer over two operands: the result (stride 0 on reduced
//! axes) and the input. The order of axes (`eval::order`), the coalescing of axes, and the
//! iterator's choice of "core" and buffer size (`npyiter_find_buffering_setup` in
//! `nditer_constr.c`: cost model over (1 + buffered operands) / size, buffer size 8192, GROWINNER)
//! decide how many elements each inner-loop call gets — and a float sum is pairwise *within* a
//! call and sequential *across* calls. Verified against NumPy 2.4.6 for float32 sums (full,
//! first/last/middle axes, multi-axis, strided, transposed, negative strides; with and without a
//! buffered cast) by the Python emulator this file was ported from and by
//! `tests/reduce_numpy_tables.rs`.
//!
//! Not modelled: unaligned or byte-swapped inputs (NumPy buffers them), `where=`, `initial=`.

use crate::eval::order::iteration_order;

/// NumPy's default ufunc buffer size (`np.getbufsize()`).
pub const NPY_BUFSIZE: usize = 8192;

/// The iteration NumPy uses for one reduction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReducePlan {
    /// Input axes in iteration order, outermost first (flat positions: last axis fastest).
    pub order: Vec<usize>,
    /// Byte strides (per input axis) of the accumulator NumPy allocates: contiguous over kept
    /// axes in iteration order, 0 on reduced axes.
    pub out_strides: Vec<isize>,
    /// Positions per group (the innermost dims up to NumPy's "outer dim"); calls never straddle
    /// groups.
    pub group_len: usize,
    /// Positions per inner-loop call (the last call of a group may be shorter).
    pub call_len: usize,
    /// A call reduces into one output element (else it updates distinct elements elementwise).
    pub call_reduces: bool,
    /// Calls of one group write disjoint output elements.
    pub calls_independent: bool,
    /// Different groups write disjoint output elements.
    pub groups_independent: bool,
}

/// One coalesced iteration dim (NumPy's axisdata), innermost first.
#[derive(Clone, Debug)]
struct Dim {
    axes: Vec<usize>,
    size: usize,
    out: isize,
    inp: isize,
}

impl ReducePlan {
    /// Plan a reduction of an input with `shape` and byte `strides` over the axes flagged in
    /// `reduced`; `cast` says the input is cast in NumPy's buffers; `itemsize` is the
    /// accumulator's.
    pub fn new(shape: &[usize], strides: &[isize], reduced: &[bool], cast: bool, itemsize: usize) -> ReducePlan {
        let strides: Vec<isize> = (0..shape.len()).map(|k| if shape[k] == 1 { 0 } else { strides[k] }).collect();
        let perm = iteration_order(shape, &[&strides]);
        let out_elems = out_strides_in_order(shape, &perm, reduced);
        let out_strides: Vec<isize> = out_elems.iter().map(|s| s * itemsize as isize).collect();
        let dims = coalesce(&perm, shape, &out_elems, &strides);
        let order: Vec<usize> = dims.iter().rev().flat_map(|d| d.axes.iter().rev().copied()).collect();
        let order = complete_order(order, shape);
        let total: usize = shape.iter().product();
        if total == 0 || dims.is_empty() {
            return ReducePlan::trivial(order, out_strides, total.max(1));
        }
        let setup = buffering_setup(&dims, cast);
        let group: &[Dim] = &dims[..=setup.best_dim];
        let group_len: usize = group.iter().map(|d| d.size).product();
        let call_dims = if setup.using_reduce { &dims[..setup.best_dim] } else { group };
        let call_len = if setup.using_reduce { setup.core } else { setup.size.min(group_len) };
        let call_reduces = call_dims.iter().all(|d| d.out == 0);
        let outer_kept = |d: &Dim| d.out != 0 || d.size == 1;
        let calls_independent = if setup.using_reduce {
            call_reduces && outer_kept(&dims[setup.best_dim])
        } else {
            !call_reduces
        };
        ReducePlan {
            order,
            out_strides,
            group_len,
            call_len: call_len.max(1),
            call_reduces,
            calls_independent,
            groups_independent: dims[setup.best_dim + 1..].iter().all(outer_kept),
        }
    }

    fn trivial(order: Vec<usize>, out_strides: Vec<isize>, len: usize) -> ReducePlan {
        ReducePlan {
            order,
            out_strides,
            group_len: len,
            call_len: len,
            call_reduces: true,
            calls_independent: false,
            groups_independent: true,
        }
    }
}

/// Element strides of the accumulator: contiguous over kept axes of length > 1, in `perm`.
fn out_strides_in_order(shape: &[usize], perm: &[usize], reduced: &[bool]) -> Vec<isize> {
    let mut out = vec![0isize; shape.len()];
    let mut acc = 1isize;
    for &ax in perm {
        if !reduced[ax] && shape[ax] != 1 {
            out[ax] = acc;
            acc *= shape[ax] as isize;
        }
    }
    out
}

/// NumPy's `npyiter_coalesce_axes`: merge neighbours whose strides chain for both operands;
/// length-1 dims merge with anything.
fn coalesce(perm: &[usize], shape: &[usize], out: &[isize], inp: &[isize]) -> Vec<Dim> {
    let mut dims: Vec<Dim> = Vec::new();
    for &ax in perm {
        let d = Dim { axes: vec![ax], size: shape[ax], out: out[ax], inp: inp[ax] };
        if let Some(p) = dims.last_mut() {
            let chains = p.out * p.size as isize == d.out && p.inp * p.size as isize == d.inp;
            if d.size == 1 || p.size == 1 || chains {
                if p.size == 1 {
                    p.out = d.out;
                    p.inp = d.inp;
                }
                p.axes.push(ax);
                p.size *= d.size;
                continue;
            }
        }
        dims.push(d);
    }
    dims
}

/// Axes dropped by coalescing never are; but keep every input axis in `order` exactly once.
fn complete_order(mut order: Vec<usize>, shape: &[usize]) -> Vec<usize> {
    for ax in 0..shape.len() {
        if !order.contains(&ax) {
            order.insert(0, ax);
        }
    }
    order
}

struct Setup {
    best_dim: usize,
    core: usize,
    size: usize,
    using_reduce: bool,
}

/// `npyiter_find_buffering_setup` for the two reduction operands (0 = result, 1 = input).
fn buffering_setup(dims: &[Dim], cast: bool) -> Setup {
    let max = NPY_BUFSIZE;
    let mut cost: usize = 1 + cast as usize;
    let mut single = [1usize, 1usize];
    let mut op_outer_reduce = [0usize, 0usize];
    let mut outer_reduce = 0usize;
    let mut size = dims[0].size;
    let (mut best_dim, mut best_cost, mut best_size, mut best_core) = (0usize, cost, size, 1usize);
    for idim in 1..dims.len() {
        if outer_reduce != 0 || (size >= max && cost > 1) {
            break;
        }
        let (prev, cur) = (&dims[idim - 1], &dims[idim]);
        for (op, (ps, cs)) in [(prev.out, cur.out), (prev.inp, cur.inp)].into_iter().enumerate() {
            if single[op] == idim {
                if ps * prev.size as isize == cs {
                    single[op] += 1;
                    continue;
                }
                if !(op == 1 && cast) {
                    cost += 1;
                }
            }
            if op == 0 && (cs == 0 || ps == 0) {
                op_outer_reduce[op] = idim;
                outer_reduce = idim;
            }
        }
        let core = size;
        size *= cur.size;
        if size == 0 {
            break;
        }
        let bufsize = if size > max && cost > 1 { max } else { size };
        if (cost as f64) * (best_size as f64) <= (best_cost as f64) * (bufsize as f64) {
            (best_cost, best_core, best_size, best_dim) = (cost, core, size, idim);
        }
    }
    let using_reduce = outer_reduce != 0 && best_dim == outer_reduce;
    let must_buffer = (0..2).any(|op| operand_buffered(op, cast, using_reduce, best_dim, outer_reduce, &single, &op_outer_reduce, dims));
    if must_buffer && max < best_size {
        best_size = best_core * (max / best_core);
    }
    Setup { best_dim, core: best_core, size: best_size, using_reduce }
}

/// Whether NumPy copies operand `op` into a buffer under this setup.
#[allow(clippy::too_many_arguments)]
fn operand_buffered(
    op: usize,
    cast: bool,
    using_reduce: bool,
    best_dim: usize,
    outer_reduce: usize,
    single: &[usize; 2],
    op_outer_reduce: &[usize; 2],
    dims: &[Dim],
) -> bool {
    let cast_op = op == 1 && cast;
    let outer_stride = if op == 0 { dims[outer_reduce].out } else { dims[outer_reduce].inp };
    let is_reduce_op = using_reduce
        && (op_outer_reduce[op] == best_dim
            || (single[op] == best_dim && !cast_op)
            || (outer_stride == 0 && single[op] <= best_dim));
    cast_op || single[op] + is_reduce_op as usize <= best_dim
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(shape: &[usize], strides: &[isize], reduced: &[usize], cast: bool) -> ReducePlan {
        let flags: Vec<bool> = (0..shape.len()).map(|k| reduced.contains(&k)).collect();
        ReducePlan::new(shape, strides, &flags, cast, 4)
    }

    #[test]
    fn contiguous_full_reduction_is_one_call() {
        let p = plan(&[100_000], &[4], &[0], false);
        assert_eq!((p.group_len, p.call_len, p.call_reduces), (100_000, 100_000, true));
    }

    #[test]
    fn last_axis_calls_are_rows() {
        let p = plan(&[300, 20], &[80, 4], &[1], false);
        assert_eq!((p.call_len, p.call_reduces, p.calls_independent), (20, true, true));
    }

    #[test]
    fn first_axis_is_elementwise_row_adds() {
        let p = plan(&[300, 20], &[80, 4], &[0], false);
        assert_eq!((p.call_len, p.call_reduces, p.calls_independent), (20, false, false));
        assert_eq!(p.order, vec![0, 1]);
    }

    #[test]
    fn non_coalescable_full_reduction_is_buffered_in_whole_rows() {
        // (1000, 50) with reversed rows: buffers of 8192 // 50 * 50 = 8150 elements.
        let p = plan(&[1000, 50], &[-200, 4], &[0, 1], false);
        assert_eq!((p.group_len, p.call_len, p.call_reduces), (50_000, 8150, true));
    }

    #[test]
    fn transposed_input_iterates_in_memory_order() {
        let p = plan(&[20, 300], &[4, 80], &[0], false);
        // Axis 0 has the smallest stride: innermost.
        assert_eq!(p.order, vec![1, 0]);
        assert_eq!((p.call_len, p.call_reduces), (20, true));
        assert_eq!(p.out_strides, vec![0, 4]);
    }
}
