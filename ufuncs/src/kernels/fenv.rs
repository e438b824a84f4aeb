//! The C library's floating-point exception flags, read around a call into it.
//!
//! NumPy's complex loops call C99 functions (`cexp`, `casin`, `cpow`, ...) whose flags depend on
//! their internals; the reference kernels read the same flags the same way NumPy does, from the
//! floating-point environment, around the call and nothing else. On an architecture without a
//! known flag layout no flags are reported for these calls.

use std::hint::black_box;
use std::os::raw::c_int;

use crate::FpFlags;

extern "C" {
    fn feclearexcept(excepts: c_int) -> c_int;
    fn fetestexcept(excepts: c_int) -> c_int;
}

/// (FE_* bit of the C library, FpFlags bit).
#[cfg(target_arch = "x86_64")]
const LAYOUT: &[(c_int, u8)] = &[
    (0x01, FpFlags::INVALID),
    (0x04, FpFlags::DIVIDE),
    (0x08, FpFlags::OVERFLOW),
    (0x10, FpFlags::UNDERFLOW),
];
#[cfg(target_arch = "aarch64")]
const LAYOUT: &[(c_int, u8)] = &[
    (0x01, FpFlags::INVALID),
    (0x02, FpFlags::DIVIDE),
    (0x04, FpFlags::OVERFLOW),
    (0x08, FpFlags::UNDERFLOW),
];
#[cfg(target_arch = "powerpc64")]
const LAYOUT: &[(c_int, u8)] = &[
    (0x2000_0000, FpFlags::INVALID),
    (0x0400_0000, FpFlags::DIVIDE),
    (0x1000_0000, FpFlags::OVERFLOW),
    (0x0800_0000, FpFlags::UNDERFLOW),
];
#[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64", target_arch = "powerpc64")))]
const LAYOUT: &[(c_int, u8)] = &[];

/// Run the C library call `f` on the value `x` and merge the exception flags it raises.
pub(crate) fn c_call<X, R>(x: X, fl: &mut FpFlags, f: impl FnOnce(X) -> R) -> R {
    if LAYOUT.is_empty() {
        return f(x);
    }
    let all = LAYOUT.iter().fold(0, |acc, (bit, _)| acc | bit);
    // The argument is computed before the flags are cleared (black_box orders it).
    let x = black_box(x);
    // SAFETY: feclearexcept/fetestexcept only touch the thread's floating-point status.
    unsafe { feclearexcept(all) };
    let r = black_box(f(x));
    let raised = unsafe { fetestexcept(all) };
    unsafe { feclearexcept(all) };
    for &(bit, flag) in LAYOUT {
        if raised & bit != 0 {
            fl.set(flag);
        }
    }
    r
}
