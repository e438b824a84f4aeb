//! Floating-point flags and RuntimeWarnings raised while evaluating, kept per thread until the
//! caller (the Python layer) takes them and turns them into NumPy's warnings.
//!
//! Laziness moves evaluation to force time, so flags are recorded where the work happens
//! (`force`, write barriers, reductions) and read once the API call that forced returns.

use std::cell::RefCell;

use ufuncs::FpFlags;

/// What one or more evaluations reported.
#[derive(Debug, Default)]
pub struct Diagnostics {
    /// Union of the IEEE flags set by inner loops (DIVIDE, OVERFLOW, UNDERFLOW, INVALID).
    pub fp: u8,
    /// RuntimeWarning messages, NumPy's text (e.g. "Mean of empty slice.").
    pub warnings: Vec<String>,
}

thread_local! {
    static PENDING: RefCell<Diagnostics> = RefCell::new(Diagnostics::default());
}

/// Record flags from an evaluation.
pub fn record_fp(flags: &FpFlags) {
    if flags.0 != 0 {
        PENDING.with(|p| p.borrow_mut().fp |= flags.0);
    }
}

/// Record an evaluation's flags; a hard error reported by a loop (integer `**` with a negative
/// exponent) becomes the error of the evaluation, as NumPy raises it.
pub fn check(flags: &FpFlags) -> Result<(), crate::error::NumrtError> {
    if let Some(e) = flags.error() {
        return Err(e.into());
    }
    record_fp(&FpFlags(flags.0 & FpFlags::ERRSTATE));
    Ok(())
}

/// Record a RuntimeWarning.
pub fn warn(message: &str) {
    PENDING.with(|p| p.borrow_mut().warnings.push(message.to_string()));
}

/// Take (and clear) this thread's flags and warnings.
pub fn take() -> Diagnostics {
    PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()))
}

/// Take (and clear) only the floating-point flags.
pub fn take_fp_flags() -> FpFlags {
    PENDING.with(|p| FpFlags(std::mem::take(&mut p.borrow_mut().fp)))
}
