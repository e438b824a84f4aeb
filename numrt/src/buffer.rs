//! `Buffer`: a block of bytes that arrays view. Owned (allocated here, 64-byte aligned, zeroed on
//! request) or external (memory owned by someone else — a NumPy array, a Python bytes object —
//! kept alive by an opaque owner).
//!
//! A buffer is shared by every view of it and written through raw pointers: like NumPy, numrt
//! lets aliasing views write the same memory. The rules that keep laziness invisible live here:
//! every write goes through `Buffer::prepare_write`, which first forces the pending expressions
//! that read this buffer (`readers`) and bumps `version`.

use std::alloc::{alloc, alloc_zeroed, dealloc, Layout};
use std::any::Any;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Weak};

use crate::error::NumrtError;
use crate::graph::Node;

static NEXT_BUFFER_ID: AtomicU64 = AtomicU64::new(1);

/// Alignment of every buffer numrt allocates (a cache line; also enough for any SIMD width).
pub const BUFFER_ALIGN: usize = 64;

/// Memory numrt allocated with the global allocator; freed on drop.
struct Allocation {
    ptr: *mut u8,
    layout: Layout,
}

impl Drop for Allocation {
    fn drop(&mut self) {
        // SAFETY: `ptr` came from `alloc`/`alloc_zeroed(layout)` and is freed once.
        unsafe { dealloc(self.ptr, self.layout) }
    }
}

enum Storage {
    /// Allocated by numrt.
    Owned { _alloc: Allocation },
    /// Memory owned elsewhere; `_owner` keeps it alive.
    External { _owner: Box<dyn Any + Send + Sync> },
}

pub struct Buffer {
    id: u64,
    ptr: *mut u8,
    len: usize,
    writeable: bool,
    _storage: Storage,
    /// Incremented on every write; part of the hash-cons key of source nodes.
    version: AtomicU64,
    /// Source nodes (lazy leaves) that read this buffer; pruned of dead entries as it grows.
    readers: Mutex<Vec<Weak<Node>>>,
}

// SAFETY: the buffer is raw memory; synchronisation of element writes is the caller's
// responsibility exactly as in NumPy (numrt writes only from the thread that owns the operation,
// or from disjoint chunks in the thread pool).
unsafe impl Send for Buffer {}
unsafe impl Sync for Buffer {}

impl Buffer {
    /// Allocate `len` bytes, zeroed. Fails with `NumrtError::Memory` instead of aborting.
    /// Large blocks come from the allocator already zeroed (fresh pages from the kernel), so
    /// this costs no memory traffic until the pages are touched — like NumPy's calloc.
    pub fn alloc_zeroed(len: usize) -> Result<Arc<Buffer>, NumrtError> {
        Self::allocate(len, true)
    }

    /// Allocate `len` bytes whose contents the caller will overwrite entirely before reading
    /// (evaluation results): not zeroed, so a block the allocator reuses costs no memset.
    /// `np.empty` uses `alloc_zeroed` and stays deterministic.
    pub fn alloc(len: usize) -> Result<Arc<Buffer>, NumrtError> {
        Self::allocate(len, false)
    }

    fn allocate(len: usize, zeroed: bool) -> Result<Arc<Buffer>, NumrtError> {
        // The allocator is asked for 16-byte alignment (so that it can use calloc, whose large
        // blocks are fresh zero pages: no serial memset pass, and the pages are first touched
        // by the threads that write them) and the start is aligned to BUFFER_ALIGN here.
        let size = len.max(1).checked_add(BUFFER_ALIGN).ok_or(NumrtError::Memory { bytes: len })?;
        let layout = Layout::from_size_align(size, 16).map_err(|_| NumrtError::Memory { bytes: len })?;
        // SAFETY: `layout` has a non-zero size.
        let base = unsafe { if zeroed { alloc_zeroed(layout) } else { alloc(layout) } };
        if base.is_null() {
            return Err(NumrtError::Memory { bytes: len });
        }
        // SAFETY: the offset is below BUFFER_ALIGN, and the block has BUFFER_ALIGN spare bytes.
        let ptr = unsafe { base.add(base.align_offset(BUFFER_ALIGN)) };
        advise_huge_pages(ptr, len);
        let storage = Storage::Owned { _alloc: Allocation { ptr: base, layout } };
        Ok(Arc::new(Buffer::new(ptr, len, true, storage)))
    }

    /// Wrap memory owned elsewhere.
    ///
    /// # Safety
    /// `ptr` must be valid for `len` bytes (reads, and writes if `writeable`) for as long as
    /// `owner` lives.
    pub unsafe fn external(
        ptr: *mut u8,
        len: usize,
        writeable: bool,
        owner: Box<dyn Any + Send + Sync>,
    ) -> Arc<Buffer> {
        Arc::new(Buffer::new(ptr, len, writeable, Storage::External { _owner: owner }))
    }

    fn new(ptr: *mut u8, len: usize, writeable: bool, storage: Storage) -> Buffer {
        Buffer {
            id: NEXT_BUFFER_ID.fetch_add(1, Ordering::Relaxed),
            ptr,
            len,
            writeable,
            _storage: storage,
            version: AtomicU64::new(0),
            readers: Mutex::new(Vec::new()),
        }
    }

    pub fn id(&self) -> u64 {
        self.id
    }
    pub fn len(&self) -> usize {
        self.len
    }
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    pub fn as_ptr(&self) -> *mut u8 {
        self.ptr
    }
    pub fn writeable(&self) -> bool {
        self.writeable
    }
    pub fn version(&self) -> u64 {
        self.version.load(Ordering::Acquire)
    }

    /// Register a lazy source node that reads this buffer.
    pub fn add_reader(&self, node: &Arc<Node>) {
        let mut r = self.readers.lock().unwrap();
        if r.len() >= 16 && r.len().is_power_of_two() {
            r.retain(|w| w.strong_count() > 0);
        }
        r.push(Arc::downgrade(node));
    }

    /// Live reader nodes (dead entries are dropped).
    pub fn take_readers(&self) -> Vec<Arc<Node>> {
        let mut r = self.readers.lock().unwrap();
        let live: Vec<Arc<Node>> = r.iter().filter_map(|w| w.upgrade()).collect();
        r.clear();
        live
    }

    /// Bump the version: called by `crate::graph::prepare_write` after readers were forced.
    pub fn bump_version(&self) {
        self.version.fetch_add(1, Ordering::AcqRel);
    }
}

/// Ask Linux for transparent huge pages on large blocks before they are touched (NumPy does the
/// same for arrays of 4 MiB or more): a page fault then maps 2 MiB instead of 4 KiB.
#[cfg(target_os = "linux")]
fn advise_huge_pages(ptr: *mut u8, len: usize) {
    const HUGE_MIN: usize = 4 << 20;
    const PAGE: usize = 4096;
    const MADV_HUGEPAGE: std::os::raw::c_int = 14;
    extern "C" {
        fn madvise(addr: *mut std::ffi::c_void, len: usize, advice: std::os::raw::c_int) -> std::os::raw::c_int;
    }
    if len < HUGE_MIN {
        return;
    }
    let start = (ptr as usize).next_multiple_of(PAGE);
    let end = (ptr as usize + len) / PAGE * PAGE;
    // SAFETY: the page-aligned range lies inside the block; madvise only changes paging
    // policy (failure is harmless and ignored).
    unsafe { madvise(start as *mut std::ffi::c_void, end - start, MADV_HUGEPAGE) };
}

#[cfg(not(target_os = "linux"))]
fn advise_huge_pages(_ptr: *mut u8, _len: usize) {}

impl std::fmt::Debug for Buffer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Buffer(id={}, len={}, writeable={})", self.id, self.len, self.writeable)
    }
}
