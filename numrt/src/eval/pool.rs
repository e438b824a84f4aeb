//! Scratch memory reused across evaluations on the same thread: the slots, gather areas and
//! reduction feeds of the blocked evaluator are taken from a small per-thread pool and given
//! back when dropped, so an evaluation neither allocates nor zeroes them again (and fresh
//! pages are not faulted in for every parallel chunk).
//!
//! Contents are whatever the last user left: users write every element before reading it.

use std::cell::RefCell;

/// At most this many bytes are kept per thread.
const KEEP_BYTES: usize = 16 << 20;

thread_local! {
    static POOL: RefCell<Vec<Vec<u128>>> = const { RefCell::new(Vec::new()) };
}

/// A buffer of at least `len` 16-byte cells, from this thread's pool when one fits.
pub struct Pooled(Vec<u128>);

impl Pooled {
    pub fn take(len: usize) -> Pooled {
        let reused = POOL.with(|p| {
            let mut p = p.borrow_mut();
            // The smallest pooled buffer that fits.
            let best = p.iter().enumerate().filter(|(_, b)| b.len() >= len).min_by_key(|(_, b)| b.len()).map(|(i, _)| i);
            best.map(|i| p.swap_remove(i))
        });
        Pooled(reused.unwrap_or_else(|| vec![0u128; len.max(1)]))
    }

    pub fn as_mut_ptr(&mut self) -> *mut u8 {
        self.0.as_mut_ptr() as *mut u8
    }

    pub fn as_ptr(&self) -> *const u8 {
        self.0.as_ptr() as *const u8
    }
}

impl Drop for Pooled {
    fn drop(&mut self) {
        let buf = std::mem::take(&mut self.0);
        // `try_with`: a buffer dropped while the thread shuts down is simply freed.
        let _ = POOL.try_with(|p| {
            let mut p = p.borrow_mut();
            let kept: usize = p.iter().map(|b| b.len() * 16).sum();
            if kept + buf.len() * 16 <= KEEP_BYTES {
                p.push(buf);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buffers_are_reused_on_the_same_thread() {
        let mut a = Pooled::take(1000);
        let p = a.as_mut_ptr();
        drop(a);
        let mut b = Pooled::take(500);
        assert_eq!(b.as_mut_ptr(), p);
        let c = Pooled::take(500);
        assert_ne!(c.as_ptr(), p as *const u8);
    }
}
