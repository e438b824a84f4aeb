//! The in-process JIT: one ORC LLJIT per process that loads relocatable object files (compiled
//! by `compile`, or read back from the disk cache) and hands out function addresses.
//!
//! Objects resolve external symbols against the process (libc's `memcpy`, libm) and against
//! the runtime entry points `runtime.rs` registers as absolute symbols. Loaded code is never
//! unloaded: kernels live as long as the process (the caches bound how many there are).

use std::ffi::{CStr, CString};
use std::ptr;
use std::sync::{Mutex, OnceLock};

use llvm_sys::core::LLVMCreateMemoryBufferWithMemoryRangeCopy;
use llvm_sys::error::{LLVMDisposeErrorMessage, LLVMErrorRef, LLVMGetErrorMessage};
use llvm_sys::orc2::lljit::{
    LLVMOrcCreateLLJIT, LLVMOrcLLJITAddObjectFile, LLVMOrcLLJITGetExecutionSession, LLVMOrcLLJITGetGlobalPrefix,
    LLVMOrcLLJITGetMainJITDylib, LLVMOrcLLJITLookup, LLVMOrcLLJITRef,
};
use llvm_sys::orc2::{
    LLVMJITEvaluatedSymbol, LLVMJITSymbolFlags, LLVMJITSymbolGenericFlags, LLVMOrcAbsoluteSymbols,
    LLVMOrcCSymbolMapPair, LLVMOrcCreateDynamicLibrarySearchGeneratorForProcess, LLVMOrcDefinitionGeneratorRef,
    LLVMOrcExecutionSessionIntern, LLVMOrcExecutorAddress, LLVMOrcJITDylibAddGenerator, LLVMOrcJITDylibDefine,
    LLVMOrcJITDylibRef,
};

use crate::error::CodegenError;
use crate::target::init_llvm;

/// The process's JIT.
pub struct Jit {
    lljit: LLVMOrcLLJITRef,
    dylib: LLVMOrcJITDylibRef,
    /// Serialises adds and lookups (ORC is thread-safe, but a failed add must not race a
    /// lookup of the same name).
    lock: Mutex<()>,
}

// SAFETY: LLJIT is internally synchronised; we additionally serialise our calls.
unsafe impl Send for Jit {}
unsafe impl Sync for Jit {}

impl Jit {
    /// The process-wide JIT, created on first use with the runtime symbols defined.
    pub fn global() -> Result<&'static Jit, CodegenError> {
        static JIT: OnceLock<Result<Jit, CodegenError>> = OnceLock::new();
        JIT.get_or_init(Jit::create).as_ref().map_err(Clone::clone)
    }

    fn create() -> Result<Jit, CodegenError> {
        init_llvm();
        let mut lljit: LLVMOrcLLJITRef = ptr::null_mut();
        // SAFETY: a null builder asks for LLJIT's defaults (host target, default linking layer).
        check(unsafe { LLVMOrcCreateLLJIT(&mut lljit, ptr::null_mut()) })?;
        let dylib = unsafe { LLVMOrcLLJITGetMainJITDylib(lljit) };
        let mut generator: LLVMOrcDefinitionGeneratorRef = ptr::null_mut();
        let prefix = unsafe { LLVMOrcLLJITGetGlobalPrefix(lljit) };
        check(unsafe { LLVMOrcCreateDynamicLibrarySearchGeneratorForProcess(&mut generator, prefix, None, ptr::null_mut()) })?;
        unsafe { LLVMOrcJITDylibAddGenerator(dylib, generator) };
        let jit = Jit { lljit, dylib, lock: Mutex::new(()) };
        jit.define_absolute(crate::runtime::symbols())?;
        Ok(jit)
    }

    /// Define `(name, address)` pairs as absolute symbols objects may call.
    fn define_absolute(&self, symbols: &[(&str, usize)]) -> Result<(), CodegenError> {
        let session = unsafe { LLVMOrcLLJITGetExecutionSession(self.lljit) };
        let mut pairs: Vec<LLVMOrcCSymbolMapPair> = symbols
            .iter()
            .map(|(name, addr)| {
                let c = CString::new(*name).expect("symbol names have no NUL");
                LLVMOrcCSymbolMapPair {
                    // SAFETY: interning copies the name into the session's pool.
                    Name: unsafe { LLVMOrcExecutionSessionIntern(session, c.as_ptr()) },
                    Sym: LLVMJITEvaluatedSymbol {
                        Address: *addr as LLVMOrcExecutorAddress,
                        Flags: LLVMJITSymbolFlags {
                            GenericFlags: LLVMJITSymbolGenericFlags::LLVMJITSymbolGenericFlagsExported as u8
                                | LLVMJITSymbolGenericFlags::LLVMJITSymbolGenericFlagsCallable as u8,
                            TargetFlags: 0,
                        },
                    },
                }
            })
            .collect();
        // SAFETY: the pairs array is valid for the call; the unit takes ownership of the names.
        let unit = unsafe { LLVMOrcAbsoluteSymbols(pairs.as_mut_ptr(), pairs.len()) };
        check(unsafe { LLVMOrcJITDylibDefine(self.dylib, unit) })
    }

    /// Load a relocatable object file (its symbols become available to `lookup`).
    pub fn add_object(&self, bytes: &[u8]) -> Result<(), CodegenError> {
        let _guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        let name = c"numpypy-kernel";
        // SAFETY: the buffer copies `bytes`; LLJIT takes ownership of it.
        let buffer = unsafe { LLVMCreateMemoryBufferWithMemoryRangeCopy(bytes.as_ptr() as *const _, bytes.len(), name.as_ptr()) };
        check(unsafe { LLVMOrcLLJITAddObjectFile(self.lljit, self.dylib, buffer) })
    }

    /// The address of a loaded symbol (linking its object on first lookup).
    pub fn lookup(&self, symbol: &str) -> Result<usize, CodegenError> {
        let _guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        let c = CString::new(symbol).map_err(|_| CodegenError::Jit(format!("bad symbol name {symbol:?}")))?;
        let mut addr: LLVMOrcExecutorAddress = 0;
        check(unsafe { LLVMOrcLLJITLookup(self.lljit, &mut addr, c.as_ptr()) })?;
        if addr == 0 {
            return Err(CodegenError::Jit(format!("symbol {symbol} resolved to null")));
        }
        Ok(addr as usize)
    }
}

/// Turn an LLVM error into a `CodegenError::Jit` (consuming it).
fn check(err: LLVMErrorRef) -> Result<(), CodegenError> {
    if err.is_null() {
        return Ok(());
    }
    // SAFETY: the message is owned by us until disposed; the error is consumed by GetErrorMessage.
    unsafe {
        let msg = LLVMGetErrorMessage(err);
        let text = CStr::from_ptr(msg).to_string_lossy().into_owned();
        LLVMDisposeErrorMessage(msg);
        Err(CodegenError::Jit(text))
    }
}
