//! Common-subexpression elimination at emit time: an instruction identical (op, operands,
//! type) to an earlier pure one reuses it. Guards merge too (a condition already checked need
//! not be checked again: guard elimination). Loads merge only with loads after the last store
//! (any store may alias: arrays can share buffers). Across the `Loop` marker this is what
//! hoists invariant code: the peeled loop body re-emits the preamble's instructions, and every
//! one whose operands did not change is found here.

use std::collections::HashMap;

use crate::trace::ir::{IrOp, Ref, Ty};

#[derive(Default)]
pub struct Cse {
    seen: HashMap<(IrOp, Ty, u32), Ref>,
    /// Number of stores emitted so far (the epoch loads are keyed by).
    stores: u32,
}

impl Cse {
    fn key(&self, op: IrOp, ty: Ty) -> (IrOp, Ty, u32) {
        let epoch = if matches!(op, IrOp::ArrLoad(..)) { self.stores } else { 0 };
        (op, ty, epoch)
    }

    pub fn lookup(&self, op: IrOp, ty: Ty) -> Option<Ref> {
        if !op.is_pure() {
            return None;
        }
        self.seen.get(&self.key(op, ty)).copied()
    }

    pub fn record(&mut self, op: IrOp, ty: Ty, r: Ref) {
        if matches!(op, IrOp::ArrStore(..)) {
            self.stores += 1;
        }
        if op.is_pure() {
            // The latest wins: a loop-body copy shadows the preamble's variant original.
            let k = self.key(op, ty);
            self.seen.insert(k, r);
        }
    }
}
