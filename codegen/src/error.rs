//! `CodegenError`: what can go wrong between a kernel description and a callable kernel.

use thiserror::Error;

#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum CodegenError {
    /// The kernel description is malformed (a bug in whoever built it).
    #[error("invalid kernel IR: {0}")]
    InvalidIr(String),
    /// An op or dtype combination this backend does not lower (the caller falls back).
    #[error("not lowered by the LLVM backend: {0}")]
    Unsupported(String),
    /// LLVM rejected the generated module (verifier) or failed to emit code.
    #[error("LLVM: {0}")]
    Llvm(String),
    /// No target machine for the requested triple / CPU.
    #[error("target: {0}")]
    Target(String),
    /// The JIT could not load an object or find a symbol.
    #[error("JIT: {0}")]
    Jit(String),
}
