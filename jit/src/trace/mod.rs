//! Tracing: loop-header counters decide when a loop is hot (`hooks`); the `recorder` (with
//! `record_ops`) turns one iteration into trace IR (`ir`), `opt` optimises it, `exec` runs it
//! and deoptimises from its snapshots, `log` writes the JIT log.
//!
//! State machine per loop (`LoopTraces`): counting -> recording -> (trace | aborted, counting
//! again with a higher bar | blacklisted after `MAX_ABORTS`); a trace that keeps exiting
//! without running iterations is dropped and the loop blacklisted.

pub mod exec;
pub mod hooks;
pub mod ir;
pub mod log;
pub mod opt;
pub mod record_ops;
pub mod recorder;

use std::cell::Cell;
use std::rc::Rc;

/// Aborted recordings before a loop is left to the interpreter for good.
pub const MAX_ABORTS: u32 = 3;

thread_local! {
    static THRESHOLD: Cell<u32> = Cell::new(
        std::env::var("NUMPYPY_JIT_THRESHOLD").ok().and_then(|s| s.parse().ok()).unwrap_or(100));
}

/// Iterations of a loop in the interpreter before it is traced (0: never trace).
pub fn threshold() -> u32 {
    THRESHOLD.with(|t| t.get())
}

pub fn set_threshold(n: u32) {
    THRESHOLD.with(|t| t.set(n));
}

/// Per-loop JIT state of one function.
#[derive(Default, Debug)]
pub struct LoopTraces {
    /// Iterations seen by the interpreter since the last trace attempt.
    pub counter: u32,
    pub trace: Option<Rc<ir::Trace>>,
    pub aborts: u32,
    pub blacklisted: bool,
    /// Trace entries and the iterations they ran, for the give-up rule.
    pub entries: u64,
    pub iterations: u64,
}

#[cfg(test)]
mod tests;
