//! Runtime entry points compiled code may call, registered with the JIT as absolute symbols.
//!
//! `npp_call_loop` runs a reference inner loop of the ufunc table, named by (ufunc index, loop
//! index) rather than by address, so that object files stay valid across processes (the disk
//! cache). Kernels use it for ops that have no native lowering: correct, not vectorised.

use ufuncs::FpFlags;

/// Run `ufuncs::all()[ufunc].loops[lp]` over `n` elements; returns the FP flags it raised.
///
/// # Safety
/// `args` and `steps` must hold nin + nout entries, each pointer valid for `n` elements of the
/// loop's dtype at its step.
pub unsafe extern "C" fn npp_call_loop(ufunc: u32, lp: u32, args: *const *mut u8, steps: *const isize, n: usize) -> u32 {
    let Some(u) = ufuncs::all().get(ufunc as usize) else { return FpFlags::INVALID as u32 | 0x100 };
    let Some(l) = u.loops.get(lp as usize) else { return FpFlags::INVALID as u32 | 0x100 };
    let nargs = u.nin + u.nout;
    let args = std::slice::from_raw_parts(args, nargs);
    let steps = std::slice::from_raw_parts(steps, nargs);
    let mut flags = FpFlags::default();
    (l.inner)(args, steps, n, &mut flags);
    flags.0 as u32
}

/// The symbols compiled code may reference, with their addresses.
pub fn symbols() -> &'static [(&'static str, usize)] {
    use std::sync::OnceLock;
    static SYMS: OnceLock<Vec<(&'static str, usize)>> = OnceLock::new();
    SYMS.get_or_init(|| vec![("npp_call_loop", npp_call_loop as *const () as usize)])
}

/// The index of a ufunc in `ufuncs::all()` (how kernels name it).
pub fn ufunc_index(u: &ufuncs::Ufunc) -> u32 {
    ufuncs::all().iter().position(|x| std::ptr::eq(x, u)).expect("a ufunc of the table") as u32
}
