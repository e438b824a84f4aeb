//! What the interpreter calls at loop headers: close a recording that came back to its header,
//! enter a loop's trace, count iterations and start recording hot loops; and what happens when
//! a recording aborts.

use std::rc::Rc;

use crate::host::Host;
use crate::interp::Interp;
use crate::trace::ir::Trace;
use crate::trace::recorder::Recorder;
use crate::trace::{exec, log, opt, threshold, MAX_ABORTS};
use crate::value::{Res, Value};

/// What the interpreter does after a loop header.
pub enum LoopEvent {
    /// Go on interpreting the loop body.
    Continue,
    /// A trace ran and left the frame at its exit: dispatch again from the frame's pc.
    Resume,
}

/// Loop header `loop_id` of the top frame was reached (its pc is the frame's pc - 1).
pub fn loop_head(it: &mut Interp<'_>, loop_id: u32) -> Res<LoopEvent> {
    let depth = it.frames.len();
    let func = it.frames.last().unwrap().func.clone();
    if let Some(rec) = it.recorder.take() {
        if rec.depth == depth && Rc::ptr_eq(&rec.func, &func) && rec.loop_id == loop_id {
            finish(rec);
        } else {
            let mut rec = rec;
            rec.fail::<()>("an inner loop (it gets its own trace)");
            abort(rec);
        }
    }
    let trace = {
        let mut st = func.state.borrow_mut();
        st.stats.loop_iterations += 1;
        st.loops[loop_id as usize].trace.clone()
    };
    if let Some(t) = trace {
        if globals_unchanged(&t, &func, it.host)? {
            enter(it, &t, loop_id);
            return Ok(LoopEvent::Resume);
        }
        func.state.borrow_mut().loops[loop_id as usize].trace = None;
    }
    let mut st = func.state.borrow_mut();
    let l = &mut st.loops[loop_id as usize];
    l.counter = l.counter.saturating_add(1);
    let th = threshold();
    if th > 0 && l.counter >= th && !l.blacklisted && l.trace.is_none() && it.recorder.is_none() {
        l.counter = 0;
        let pc = it.frames.last().unwrap().pc as u32 - 1;
        drop(st);
        it.recorder = Some(Box::new(Recorder::new(func, loop_id, pc, depth)));
    }
    Ok(LoopEvent::Continue)
}

/// The globals the trace took as constants still have those values.
fn globals_unchanged(t: &Trace, func: &crate::function::Function, host: &mut dyn Host) -> Res<bool> {
    for (g, v) in &t.globals {
        let now = func.global(*g, host)?;
        let same = match (v, &now) {
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Builtin(a), Value::Builtin(b)) => a.id == b.id,
            _ => false,
        };
        if !same {
            return Ok(false);
        }
    }
    Ok(true)
}

fn enter(it: &mut Interp<'_>, t: &Rc<Trace>, loop_id: u32) {
    let frame = it.frames.last_mut().unwrap();
    let func = frame.func.clone();
    let exit = exec::run(t, frame);
    let mut st = func.state.borrow_mut();
    st.stats.trace_entries += 1;
    st.stats.guard_failures += 1;
    let l = &mut st.loops[loop_id as usize];
    l.entries += 1;
    l.iterations += exit.iterations;
    // A trace that keeps leaving before it loops costs more than it saves.
    if l.entries >= 64 && l.iterations < l.entries {
        l.trace = None;
        l.blacklisted = true;
    }
}

/// A recording came back to its loop header: optimise and install the trace.
fn finish(rec: Box<Recorder>) {
    if rec.abort.is_some() {
        return abort(rec);
    }
    let func = rec.func.clone();
    let loop_id = rec.loop_id;
    let trace = rec.close();
    let recorded = trace.ins.len();
    match opt::optimise(trace) {
        Ok(t) => {
            log::loop_compiled(&func.code, loop_id, recorded, &t);
            let mut st = func.state.borrow_mut();
            st.stats.traces_recorded += 1;
            st.loops[loop_id as usize].trace = Some(Rc::new(t));
        }
        Err(e) => {
            let mut st = func.state.borrow_mut();
            st.stats.trace_aborts += 1;
            st.stats.last_abort = Some(format!("optimiser: {e}"));
            st.loops[loop_id as usize].blacklisted = true;
        }
    }
}

/// Give up a recording; after `MAX_ABORTS` the loop is never traced again.
pub fn abort(rec: Box<Recorder>) {
    let reason = rec.abort.clone().unwrap_or_else(|| "aborted".into());
    log::aborted(&rec.func.code, rec.loop_id, rec.cur_pc, &reason);
    let mut st = rec.func.state.borrow_mut();
    st.stats.trace_aborts += 1;
    let line = rec.func.code.lines.get(rec.cur_pc as usize).copied().unwrap_or(0);
    st.stats.last_abort = Some(format!("line {line}: {reason}"));
    let l = &mut st.loops[rec.loop_id as usize];
    l.aborts += 1;
    l.counter = 0;
    if l.aborts >= MAX_ABORTS {
        l.blacklisted = true;
    }
}
