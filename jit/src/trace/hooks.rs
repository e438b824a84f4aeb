//! What the interpreter calls at loop headers: count the iteration.

use crate::interp::Interp;
use crate::value::Res;

/// What the interpreter does after a loop header.
pub enum LoopEvent {
    /// Go on interpreting the loop body.
    Continue,
    /// The frame stack was replaced: dispatch again from the new top frame.
    Resume,
}

/// Count one iteration of loop `loop_id` of the top frame.
pub fn loop_head(it: &mut Interp<'_>, loop_id: u32) -> Res<LoopEvent> {
    let f = it.frames.last().unwrap();
    let mut st = f.func.state.borrow_mut();
    st.stats.loop_iterations += 1;
    let l = &mut st.loops[loop_id as usize];
    l.counter = l.counter.saturating_add(1);
    Ok(LoopEvent::Continue)
}
