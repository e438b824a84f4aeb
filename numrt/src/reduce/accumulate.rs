//! `cumsum` / `cumprod` (NumPy's `add.accumulate` / `multiply.accumulate`): the input, cast to
//! the loop dtype, is evaluated into the result, then each step along the axis applies the
//! ufunc loop to the previous step — `out[i] = op(out[i-1], out[i])` — across all lanes at once,
//! or, when there are fewer lane elements than steps, each lane element is scanned along the
//! axis in one call (the same operations per element).
//! Rounding happens at every step, as in NumPy (float16 cumsum saturates at 2048).

use std::sync::Arc;

use ufuncs::FpFlags;

use crate::error::NumrtError;
use crate::eval::blocked::{run_range, SendPtr};
use crate::eval::program::Program;
use crate::eval::allocate;
use crate::graph::Node;
use crate::iter::RunLayout;
use crate::reduce::find_loop;
use crate::reduce::spec::ReduceSpec;
use crate::view::{c_strides, View};

pub(crate) fn accumulate(node: &Node, spec: &ReduceSpec, input: &Arc<Node>) -> Result<(View, FpFlags), NumrtError> {
    let result = allocate(node.shape(), node.strides(), spec.dtype)?;
    let prog = Program::compile(input, spec.dtype)?;
    let isz = spec.dtype.itemsize();
    // Where each input position lands in the result.
    let dest: Vec<isize> = if spec.flatten { c_strides(input.shape(), isz) } else { result.strides.clone() };
    let mut operands: Vec<&[isize]> = vec![&dest];
    operands.extend(prog.leaves.iter().map(|l| l.strides.as_slice()));
    let layout = RunLayout::new(input.shape(), &operands);
    let mut flags = run_range(&prog, &layout, SendPtr(result.data_ptr()), 0, layout.size());
    let inner = find_loop(spec.kind.ufunc_name().expect("accumulations have a ufunc"), spec.dtype)?;
    let axis = if spec.flatten { 0 } else { spec.axes[0] };
    let (len, step) = (result.shape[axis], result.strides[axis]);
    let lane_shape: Vec<usize> = (0..result.ndim()).map(|k| if k == axis { 1 } else { result.shape[k] }).collect();
    let mut lanes: Vec<(isize, usize, isize)> = vec![];
    RunLayout::new(&lane_shape, &[&result.strides]).for_each_run(|offs, n, steps| lanes.push((offs[0], n, steps[0])));
    let base = result.data_ptr();
    let width: usize = lanes.iter().map(|l| l.1).sum();
    if len > 1 && width < len {
        // Few lanes, a long axis: each lane element scanned along the axis in one call
        // (`out[i] = op(out[i-1], out[i])`, NumPy's accumulate convention).
        for &(off, n, s) in &lanes {
            for j in 0..n as isize {
                // SAFETY: the lane element's positions along the axis are elements of the result.
                unsafe {
                    let first = base.offset(off + j * s);
                    let cur = first.offset(step);
                    inner(&[first, cur, cur], &[step, step, step], len - 1, &mut flags);
                }
            }
        }
        return Ok((result, flags));
    }
    for i in 1..len as isize {
        for &(off, n, s) in &lanes {
            // SAFETY: offsets address elements of the result at steps i-1 and i.
            unsafe {
                let prev = base.offset(off + (i - 1) * step);
                let cur = base.offset(off + i * step);
                inner(&[prev, cur, cur], &[s, s, s], n, &mut flags);
            }
        }
    }
    Ok((result, flags))
}
