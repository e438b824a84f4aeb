//! The JIT log: with `NUMPYPY_JITLOG=path`, every compiled loop (and every aborted recording)
//! is appended to `path` as one JSON object per line: the function, the loop's source lines
//! and bytecode, the trace IR with its guards and snapshots. `llvm_ir` and `asm` are null
//! until the LLVM backend compiles traces.

use std::io::Write;

use serde_json::json;

use crate::bytecode::{Code, Op};
use crate::trace::ir::Trace;

fn path() -> Option<String> {
    std::env::var("NUMPYPY_JITLOG").ok().filter(|p| !p.is_empty())
}

/// The pcs of the loop whose header is at `loop_pc`: up to the jump back to it.
fn loop_range(code: &Code, loop_pc: u32) -> std::ops::Range<usize> {
    let end = code
        .ops
        .iter()
        .enumerate()
        .filter(|(_, op)| matches!(op, Op::Jump { target } if *target == loop_pc))
        .map(|(pc, _)| pc + 1)
        .max()
        .unwrap_or(code.ops.len());
    loop_pc as usize..end
}

fn append(line: serde_json::Value) {
    let Some(p) = path() else { return };
    if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(p) {
        let _ = writeln!(f, "{line}");
    }
}

pub fn loop_compiled(code: &Code, loop_id: u32, recorded: usize, t: &Trace) {
    if path().is_none() {
        return;
    }
    let range = loop_range(code, t.loop_pc);
    let mut lines: Vec<u32> = range.clone().map(|pc| code.lines[pc]).collect();
    lines.sort_unstable();
    lines.dedup();
    let source: Vec<serde_json::Value> = lines
        .iter()
        .filter_map(|&l| {
            let i = l.checked_sub(code.firstlineno)? as usize;
            code.source.get(i).map(|s| json!({"line": l, "text": s}))
        })
        .collect();
    let guards = t.ins.iter().filter(|i| i.guard.is_some()).count();
    let live = t.ins.iter().filter(|i| i.op != crate::trace::ir::IrOp::Nop).count();
    append(json!({
        "event": "loop",
        "function": code.name,
        "file": code.filename,
        "loop_id": loop_id,
        "loop_pc": t.loop_pc,
        "source": source,
        "bytecode": range.map(|pc| code.disassemble(pc)).collect::<Vec<_>>(),
        "trace_ir": t.dump().lines().collect::<Vec<_>>(),
        "recorded_instructions": recorded,
        "optimised_instructions": live,
        "guards": guards,
        "llvm_ir": null,
        "asm": null,
    }));
}

pub fn aborted(code: &Code, loop_id: u32, pc: u32, reason: &str) {
    append(json!({
        "event": "abort",
        "function": code.name,
        "file": code.filename,
        "loop_id": loop_id,
        "pc": pc,
        "line": code.lines.get(pc as usize),
        "reason": reason,
    }));
}
