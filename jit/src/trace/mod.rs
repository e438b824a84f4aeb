//! Tracing: loop-header counters decide when a loop is hot (`hooks`); the trace IR, recorder,
//! optimiser and trace executor hang off the per-loop state kept here.

pub mod hooks;

/// Per-loop JIT state of one function.
#[derive(Default, Debug)]
pub struct LoopTraces {
    /// Iterations seen by the interpreter since the last trace attempt.
    pub counter: u32,
}
