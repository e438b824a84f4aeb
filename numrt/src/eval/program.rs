//! A fused elementwise piece compiled for the blocked evaluator: the piece's leaves, and its ops
//! as a list of instructions over block-sized scratch slots.
//!
//! Per block of at most `BLOCK` elements, each instruction runs one typed inner loop (a ufunc
//! loop, a cast, or a select) reading leaves in place (strided or broadcast, through their own
//! strides) or slots, and writing a slot — or, for the last one, the output directly. A node
//! used twice is computed once per block; slots are reused once their last reader has run, so a
//! chain of N ops needs a few slots, not N full-size temporaries.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

use dtypes::{cast_strided, with_dtype, DType, Element, Scalar};
use ufuncs::{FpFlags, InnerLoop};

use crate::error::NumrtError;
use crate::eval::pool::Pooled;
use crate::eval::runs::Rows;
use crate::graph::{Node, NodeId, Op};
use crate::layout::broadcast_strides;
use crate::view::View;

/// Elements per block: small enough that a block of every live slot stays in L2, large enough
/// that each leaf is read in long bursts (measured: 2048 -> 8192 made a four-leaf expression
/// 13% faster on one thread).
pub const BLOCK: usize = 8192;
/// Bytes per element of a slot (the largest itemsize).
const CELL: usize = 16;

/// Where an instruction finds (or puts) a block of values.
#[derive(Clone, Copy, Debug)]
enum Loc {
    Slot { index: usize, itemsize: usize },
    Leaf(usize),
    Const(usize),
    Out,
}

#[derive(Clone, Copy)]
enum Kernel {
    Ufunc(InnerLoop),
    Cast { from: DType, to: DType },
    Select { itemsize: usize },
}

struct Instr {
    kernel: Kernel,
    /// Inputs then outputs.
    locs: Vec<Loc>,
}

/// A leaf the program reads: a materialised view and its byte strides at the program's shape.
pub struct Leaf {
    pub view: View,
    pub strides: Vec<isize>,
}

pub struct Program {
    pub shape: Vec<usize>,
    pub leaves: Vec<Leaf>,
    pub out_dtype: DType,
    consts: Vec<[u128; 1]>,
    instrs: Vec<Instr>,
    nslots: usize,
}

/// Scratch memory for one thread running a program, and the FP flags its loops raised.
pub struct Scratch {
    buf: Pooled,
    /// Gathered leaves and the output of a gathered block (taken on first use).
    gather: Option<Pooled>,
    /// Bytes per slot: room for the largest block this scratch serves.
    slot_bytes: usize,
    /// Per leaf, the (offset, rows) of a block of identical rows already in its gather slot.
    repeated: Vec<Option<(isize, usize)>>,
    pub flags: FpFlags,
}

/// Runs shorter than this are gathered into whole blocks (`run_gathered`).
pub const SHORT_RUN: usize = 256;

impl Program {
    /// Compile the pending elementwise subgraph under `root` (evaluated at `root`'s shape) so
    /// that its value, cast to `out_dtype`, lands in the output.
    pub fn compile(root: &Arc<Node>, out_dtype: DType) -> Result<Program, NumrtError> {
        Compiler::new(root.shape().to_vec()).run(root, out_dtype)
    }

    /// Scratch for evaluating at most `positions` positions (blocks never exceed
    /// `min(positions, BLOCK)`), from this thread's pool.
    pub fn scratch(&self, positions: usize) -> Scratch {
        let slot_bytes = positions.clamp(1, BLOCK) * CELL;
        Scratch {
            buf: Pooled::take(self.nslots.max(1) * slot_bytes / 16),
            gather: None,
            slot_bytes,
            repeated: vec![None; self.leaves.len()],
            flags: FpFlags(0),
        }
    }

    /// The leaf this program only copies to its output (one aligned leaf of the output dtype),
    /// if that is all it does: readers may then take the leaf's values in place.
    pub fn identity_leaf(&self) -> Option<&Leaf> {
        match (self.instrs.as_slice(), self.leaves.as_slice()) {
            ([Instr { kernel: Kernel::Cast { from, to }, locs }], [leaf])
                if from == to && matches!(locs.as_slice(), [Loc::Leaf(0), Loc::Out]) =>
            {
                Some(leaf)
            }
            _ => None,
        }
    }

    pub fn ninstrs(&self) -> usize {
        self.instrs.len()
    }

    pub fn nslots(&self) -> usize {
        self.nslots
    }

    /// Evaluate `n` consecutive elements. Leaf `k`'s first element is at its data pointer plus
    /// `offs[k]`, then every `steps[k]` bytes; results go to `out`, every `out_step` bytes.
    ///
    /// # Safety
    /// Offsets and steps must address elements inside the leaves for all `n` elements, and `out`
    /// must be valid for `n` writes of `out_dtype` at `out_step`.
    pub unsafe fn run(
        &self,
        offs: &[isize],
        steps: &[isize],
        n: usize,
        out: *mut u8,
        out_step: isize,
        scratch: &mut Scratch,
    ) {
        let mut ptrs: Vec<*mut u8> = self.leaves.iter().zip(offs).map(|(l, &o)| l.view.data_ptr().offset(o)).collect();
        let mut done = 0;
        while done < n {
            let m = (n - done).min(BLOCK);
            let dst = out.offset(done as isize * out_step);
            let base = scratch.buf.as_mut_ptr();
            self.run_block(base, scratch.slot_bytes, &ptrs, steps, m, dst, out_step, &mut scratch.flags);
            for (p, &s) in ptrs.iter_mut().zip(steps) {
                *p = p.offset(m as isize * s);
            }
            done += m;
        }
    }

    /// Several short runs as one block: the leaves' elements are gathered into scratch, every
    /// instruction runs once over the block, and the result is scattered back to each run.
    /// `offs` holds, per run, the output offset (relative to `out`) then each leaf's offset;
    /// `steps` the output's and leaves' inner strides; `lens` each run's length (sum <= BLOCK).
    ///
    /// # Safety
    /// As for `run`, for every run.
    pub unsafe fn run_gathered(&self, offs: &[isize], lens: &[usize], steps: &[isize], out: *mut u8, scratch: &mut Scratch) {
        let nops = self.leaves.len() + 1;
        let total: usize = lens.iter().sum();
        let g = scratch.gather_slots(nops);
        scratch.repeated.fill(None);
        let slot = scratch.slot_bytes;
        let mut leaf_ptrs = Vec::with_capacity(nops - 1);
        let mut leaf_steps = Vec::with_capacity(nops - 1);
        for (k, leaf) in self.leaves.iter().enumerate() {
            let isz = leaf.view.dtype.itemsize();
            let dst = g.add((k + 1) * slot);
            let mut pos = 0;
            for (r, &len) in lens.iter().enumerate() {
                let src = leaf.view.data_ptr().offset(offs[r * nops + 1 + k]);
                copy_elements(isz, src, steps[1 + k], dst.add(pos * isz), isz as isize, len);
                pos += len;
            }
            leaf_ptrs.push(dst);
            leaf_steps.push(isz as isize);
        }
        let osz = self.out_dtype.itemsize();
        let base = scratch.buf.as_mut_ptr();
        self.run_block(base, slot, &leaf_ptrs, &leaf_steps, total, g, osz as isize, &mut scratch.flags);
        let mut pos = 0;
        for (r, &len) in lens.iter().enumerate() {
            let dst = out.offset(offs[r * nops]);
            copy_elements(osz, g.add(pos * osz), osz as isize, dst, steps[0], len);
            pos += len;
        }
    }

    /// Whole rows as one block (`rows.count * rows.len <= BLOCK`): operand `k` (0 the output,
    /// then the leaves) has row `r` at `offs[k] + r * row[k]`, elements `inner[k]` apart. A leaf
    /// contiguous over the block, or a single broadcast value, is read in place; others are
    /// gathered (a leaf repeating one row is gathered once and reused while its offset stays);
    /// a non-contiguous output is computed in scratch and scattered.
    ///
    /// # Safety
    /// As for `run`, for every row.
    pub unsafe fn run_rows(&self, rows: &Rows, out: *mut u8, scratch: &mut Scratch) {
        let nops = self.leaves.len() + 1;
        let m = rows.count * rows.len;
        let g = scratch.gather_slots(nops);
        let slot = scratch.slot_bytes;
        let (mut ptrs, mut steps) = (vec![std::ptr::null_mut(); nops - 1], vec![0isize; nops - 1]);
        for (k, leaf) in self.leaves.iter().enumerate() {
            let isz = leaf.view.dtype.itemsize();
            let src = leaf.view.data_ptr().offset(rows.offs[k + 1]);
            let (inner, row) = (rows.inner[k + 1], rows.row[k + 1]);
            if dense(rows, inner, row, isz) {
                (ptrs[k], steps[k]) = (src, isz as isize);
            } else if inner == 0 && (row == 0 || rows.count == 1) {
                (ptrs[k], steps[k]) = (src, 0);
            } else {
                let dst = g.add((k + 1) * slot);
                let repeat = (row == 0).then_some((rows.offs[k + 1], rows.count));
                if repeat.is_none() || scratch.repeated[k] != repeat {
                    copy_rows(isz, src, row, inner, rows, dst);
                }
                scratch.repeated[k] = repeat;
                (ptrs[k], steps[k]) = (dst, isz as isize);
            }
        }
        let osz = self.out_dtype.itemsize();
        let base = scratch.buf.as_mut_ptr();
        let dst = out.offset(rows.offs[0]);
        if dense(rows, rows.inner[0], rows.row[0], osz) {
            self.run_block(base, slot, &ptrs, &steps, m, dst, osz as isize, &mut scratch.flags);
            return;
        }
        self.run_block(base, slot, &ptrs, &steps, m, g, osz as isize, &mut scratch.flags);
        for r in 0..rows.count {
            let from = g.add(r * rows.len * osz);
            copy_elements(osz, from, osz as isize, dst.offset(r as isize * rows.row[0]), rows.inner[0], rows.len);
        }
    }

    #[allow(clippy::too_many_arguments)]
    unsafe fn run_block(
        &self,
        base: *mut u8,
        slot_bytes: usize,
        leaves: &[*mut u8],
        steps: &[isize],
        m: usize,
        out: *mut u8,
        out_step: isize,
        flags: &mut FpFlags,
    ) {
        let mut args = [std::ptr::null_mut::<u8>(); 8];
        let mut arg_steps = [0isize; 8];
        for ins in &self.instrs {
            for (j, loc) in ins.locs.iter().enumerate() {
                (args[j], arg_steps[j]) = match *loc {
                    Loc::Slot { index, itemsize } => (base.add(index * slot_bytes), itemsize as isize),
                    Loc::Leaf(k) => (leaves[k], steps[k]),
                    Loc::Const(k) => (self.consts[k].as_ptr() as *mut u8, 0),
                    Loc::Out => (out, out_step),
                };
            }
            let k = ins.locs.len();
            match ins.kernel {
                Kernel::Ufunc(inner) => inner(&args[..k], &arg_steps[..k], m, flags),
                Kernel::Cast { from, to } => cast(from, args[0], arg_steps[0], to, args[1], arg_steps[1], m),
                Kernel::Select { itemsize } => select(&args[..4], &arg_steps[..4], m, itemsize),
            }
        }
    }
}

impl Scratch {
    /// The gather slots (one per operand), taken on first use.
    fn gather_slots(&mut self, nops: usize) -> *mut u8 {
        let bytes = nops * self.slot_bytes;
        self.gather.get_or_insert_with(|| Pooled::take(bytes / 16)).as_mut_ptr()
    }
}

/// An operand whose rows of a block lie back to back: one contiguous run of elements.
fn dense(rows: &Rows, inner: isize, row: isize, itemsize: usize) -> bool {
    inner == itemsize as isize && (rows.count == 1 || row == (rows.len * itemsize) as isize)
}

/// Gather the block's rows of one operand into `dst`, contiguously.
unsafe fn copy_rows(itemsize: usize, src: *const u8, row: isize, inner: isize, rows: &Rows, dst: *mut u8) {
    for r in 0..rows.count {
        let from = src.offset(r as isize * row);
        copy_elements(itemsize, from, inner, dst.add(r * rows.len * itemsize), itemsize as isize, rows.len);
    }
}

/// NumPy's value cast of `n` elements (`dtypes::cast_strided`), with contiguous runs cast
/// through slices so that the conversion vectorises (the same per-element `Element::cast`).
unsafe fn cast(from: DType, src: *const u8, ss: isize, to: DType, dst: *mut u8, ds: isize, n: usize) {
    if ss != from.itemsize() as isize || ds != to.itemsize() as isize {
        return cast_strided(from, src, ss, to, dst, ds, n);
    }
    unsafe fn go<S: Element, D: Element>(src: *const u8, dst: *mut u8, n: usize) {
        let (src, dst) = (src as *const S, dst as *mut D);
        for i in 0..n {
            dst.add(i).write_unaligned(src.add(i).read_unaligned().cast::<D>());
        }
    }
    with_dtype!(from, S => with_dtype!(to, D => go::<S, D>(src, dst, n)))
}

/// Copy `n` elements of `itemsize` bytes between strided places (unaligned allowed).
unsafe fn copy_elements(itemsize: usize, src: *const u8, ss: isize, dst: *mut u8, ds: isize, n: usize) {
    unsafe fn go<W: Copy>(src: *const u8, ss: isize, dst: *mut u8, ds: isize, n: usize) {
        for i in 0..n as isize {
            (dst.offset(i * ds) as *mut W).write_unaligned((src.offset(i * ss) as *const W).read_unaligned());
        }
    }
    match itemsize {
        1 => go::<u8>(src, ss, dst, ds, n),
        2 => go::<u16>(src, ss, dst, ds, n),
        4 => go::<u32>(src, ss, dst, ds, n),
        8 => go::<u64>(src, ss, dst, ds, n),
        _ => go::<u128>(src, ss, dst, ds, n),
    }
}

/// `dst[i] = cond[i] ? a[i] : b[i]` for elements of `itemsize` bytes (a size, not a dtype).
unsafe fn select(args: &[*mut u8], steps: &[isize], n: usize, itemsize: usize) {
    unsafe fn go<W: Copy>(args: &[*mut u8], steps: &[isize], n: usize) {
        for i in 0..n as isize {
            let c = *args[0].offset(i * steps[0]) != 0;
            let src = if c { args[1].offset(i * steps[1]) } else { args[2].offset(i * steps[2]) };
            (args[3].offset(i * steps[3]) as *mut W).write_unaligned((src as *const W).read_unaligned());
        }
    }
    match itemsize {
        1 => go::<u8>(args, steps, n),
        2 => go::<u16>(args, steps, n),
        4 => go::<u32>(args, steps, n),
        8 => go::<u64>(args, steps, n),
        _ => go::<u128>(args, steps, n),
    }
}

/// Maps keyed by node id. Ids are unique integers: one multiplication hashes them (SipHash was
/// a tenth of the time of a small evaluation).
type IdMap<V> = HashMap<NodeId, V, BuildHasherDefault<IdHasher>>;

#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ b as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0 ^ x).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// Builds a `Program` from a node graph.
struct Compiler {
    shape: Vec<usize>,
    leaves: Vec<Leaf>,
    consts: Vec<[u128; 1]>,
    instrs: Vec<Instr>,
    locs: IdMap<Loc>,
    /// Remaining uses of each computed node's slot.
    uses: IdMap<usize>,
    free: Vec<usize>,
    nslots: usize,
}

impl Compiler {
    fn new(shape: Vec<usize>) -> Compiler {
        Compiler {
            shape,
            leaves: vec![],
            consts: vec![],
            instrs: vec![],
            locs: IdMap::default(),
            uses: IdMap::default(),
            free: vec![],
            nslots: 0,
        }
    }

    fn run(mut self, root: &Arc<Node>, out_dtype: DType) -> Result<Program, NumrtError> {
        let order = pending_post_order(root);
        for node in &order {
            for input in node.inputs() {
                *self.uses.entry(input.id()).or_insert(0) += 1;
            }
        }
        for node in &order {
            let is_root = Arc::ptr_eq(node, root);
            self.instr(node, is_root && node.dtype() == out_dtype)?;
        }
        let root_loc = self.input_loc(root)?;
        if !matches!(root_loc, Loc::Out) {
            // A leaf root or a root needing a final cast.
            self.instrs.push(Instr { kernel: Kernel::Cast { from: root.dtype(), to: out_dtype }, locs: vec![root_loc, Loc::Out] });
        }
        Ok(Program {
            shape: self.shape,
            leaves: self.leaves,
            out_dtype,
            consts: self.consts,
            instrs: self.instrs,
            nslots: self.nslots,
        })
    }

    /// Emit the instruction computing `node`.
    fn instr(&mut self, node: &Arc<Node>, to_out: bool) -> Result<(), NumrtError> {
        let inputs = node.inputs();
        let mut locs = Vec::with_capacity(inputs.len() + 2);
        for input in &inputs {
            locs.push(self.input_loc(input)?);
        }
        let (kernel, nout, chosen) = match node.op() {
            Op::Ufunc { ufunc, loop_index, output } => (Kernel::Ufunc(ufunc.loops[*loop_index].inner), ufunc.nout, *output),
            Op::Cast(to) => (Kernel::Cast { from: inputs[0].dtype(), to: *to }, 1, 0),
            Op::Where => (Kernel::Select { itemsize: node.dtype().itemsize() }, 1, 0),
            other => return Err(NumrtError::Internal(format!("{} in an elementwise piece", other.name()))),
        };
        let out_types: Vec<DType> = match node.op() {
            Op::Ufunc { ufunc, loop_index, .. } => ufunc.loops[*loop_index].types[ufunc.nin..].to_vec(),
            _ => vec![node.dtype()],
        };
        for (k, dt) in out_types.iter().enumerate().take(nout) {
            let loc = if k == chosen && to_out { Loc::Out } else { self.alloc_slot(dt.itemsize()) };
            locs.push(loc);
        }
        let result_loc = locs[inputs.len() + chosen];
        // Scratch outputs of multi-output loops are free right after the instruction.
        for (k, loc) in locs[inputs.len()..].iter().enumerate() {
            if k != chosen {
                if let Loc::Slot { index, .. } = loc {
                    self.free.push(*index);
                }
            }
        }
        for input in &inputs {
            self.release(input);
        }
        self.locs.insert(node.id(), result_loc);
        self.instrs.push(Instr { kernel, locs });
        Ok(())
    }

    /// Where an input's values are: a computed node's slot, or a leaf (added on first use).
    fn input_loc(&mut self, node: &Arc<Node>) -> Result<Loc, NumrtError> {
        if let Some(loc) = self.locs.get(&node.id()) {
            return Ok(*loc);
        }
        let loc = match (node.op(), node.value()) {
            (Op::Const(s), _) => self.add_const(*s),
            (_, Some(view)) => self.add_leaf(view)?,
            _ => return Err(NumrtError::Internal(format!("{node:?} used before it was computed"))),
        };
        self.locs.insert(node.id(), loc);
        Ok(loc)
    }

    fn add_const(&mut self, s: Scalar) -> Loc {
        let mut cell = [0u128; 1];
        // SAFETY: 16 bytes hold any scalar.
        unsafe { s.write_to(cell.as_mut_ptr() as *mut u8) };
        self.consts.push(cell);
        Loc::Const(self.consts.len() - 1)
    }

    /// A view leaf; unaligned views are first copied into a slot by a cast (which reads
    /// unaligned), since inner loops may assume aligned elements.
    fn add_leaf(&mut self, view: View) -> Result<Loc, NumrtError> {
        let strides = broadcast_strides(&view.shape, &view.strides, &self.shape)?;
        let align = view.dtype.alignment() as isize;
        let aligned = (view.data_ptr() as usize as isize) % align == 0 && strides.iter().all(|s| s % align == 0);
        let dtype = view.dtype;
        self.leaves.push(Leaf { view, strides });
        let leaf = Loc::Leaf(self.leaves.len() - 1);
        if aligned {
            return Ok(leaf);
        }
        let slot = self.alloc_slot(dtype.itemsize());
        self.instrs.push(Instr { kernel: Kernel::Cast { from: dtype, to: dtype }, locs: vec![leaf, slot] });
        // The copy is read by every user of the leaf: never freed early.
        Ok(slot)
    }

    fn alloc_slot(&mut self, itemsize: usize) -> Loc {
        let index = self.free.pop().unwrap_or_else(|| {
            self.nslots += 1;
            self.nslots - 1
        });
        Loc::Slot { index, itemsize }
    }

    /// One use of `node` is done; free its slot after the last.
    fn release(&mut self, node: &Arc<Node>) {
        let Some(n) = self.uses.get_mut(&node.id()) else { return };
        *n -= 1;
        if *n == 0 && node.is_pending() {
            if let Some(Loc::Slot { index, .. }) = self.locs.get(&node.id()) {
                self.free.push(*index);
            }
        }
    }
}

/// The pending elementwise nodes under `root`, inputs before users (iterative DFS).
pub fn pending_post_order(root: &Arc<Node>) -> Vec<Arc<Node>> {
    let mut order = vec![];
    let mut seen: HashSet<NodeId, BuildHasherDefault<IdHasher>> = HashSet::default();
    let mut stack: Vec<(Arc<Node>, bool)> = vec![(root.clone(), false)];
    while let Some((node, expanded)) = stack.pop() {
        if expanded {
            order.push(node);
            continue;
        }
        if !node.is_pending() || !seen.insert(node.id()) {
            continue;
        }
        stack.push((node.clone(), true));
        for input in node.inputs().into_iter().rev() {
            stack.push((input, false));
        }
    }
    order
}
