//! Target descriptions: what the lowering needs to know about a machine (triple, CPU name,
//! feature string, preferred vector width, FMA), one module per architecture, and the LLVM
//! `TargetMachine` built from a description.
//!
//! Lowering reads a `TargetDesc`; it never asks `cfg!` what it is running on. The host
//! description is built from LLVM's host CPU name and feature string, set explicitly on the
//! target machine and on every function (MCJIT/ORC would otherwise default to a generic CPU and
//! emit SSE2 only).

mod aarch64;
mod ppc64;
mod x86_64;

use std::sync::{Once, OnceLock};

use inkwell::targets::{CodeModel, InitializationConfig, RelocMode, Target, TargetMachine, TargetTriple};
use inkwell::OptimizationLevel;

use crate::error::CodegenError;

/// The instruction-set family of a target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Arch {
    X86_64,
    AArch64,
    PowerPC64,
}

/// Everything lowering and code emission need to know about a machine.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TargetDesc {
    pub arch: Arch,
    pub triple: String,
    pub cpu: String,
    /// LLVM feature string, e.g. `+avx2,+fma,-avx512f`.
    pub features: String,
    /// Bytes in the vector registers lowering should fill (16 for SSE/NEON/VSX, 32 for AVX2).
    pub vector_bytes: usize,
    /// Fused multiply-add in hardware (lowering never contracts `a*b+c` unless asked to).
    pub has_fma: bool,
}

impl TargetDesc {
    /// The machine this process runs on.
    pub fn host() -> &'static TargetDesc {
        static HOST: OnceLock<TargetDesc> = OnceLock::new();
        HOST.get_or_init(|| {
            init_llvm();
            let triple = TargetMachine::get_default_triple().as_str().to_string_lossy().into_owned();
            let cpu = TargetMachine::get_host_cpu_name().to_string();
            let features = TargetMachine::get_host_cpu_features().to_string();
            describe(&triple, &cpu, &features)
        })
    }

    /// A description for `triple` (`x86_64-…`, `aarch64-…`, `powerpc64le-…`) with the given CPU
    /// and features; empty strings take the architecture's defaults.
    pub fn for_triple(triple: &str, cpu: &str, features: &str) -> Result<TargetDesc, CodegenError> {
        let arch = arch_of(triple).ok_or_else(|| CodegenError::Target(format!("unsupported target triple {triple:?}")))?;
        let (cpu, features) = match arch {
            Arch::X86_64 => x86_64::defaults(cpu, features),
            Arch::AArch64 => aarch64::defaults(cpu, features),
            Arch::PowerPC64 => ppc64::defaults(cpu, features),
        };
        Ok(describe(triple, &cpu, &features))
    }

    /// A key naming this machine for caches (triple, CPU and features).
    pub fn cache_key(&self) -> String {
        format!("{}|{}|{}", self.triple, self.cpu, self.features)
    }

    /// The LLVM target machine for this description (optimising, position independent).
    pub fn machine(&self) -> Result<TargetMachine, CodegenError> {
        init_llvm();
        let triple = TargetTriple::create(&self.triple);
        let target = Target::from_triple(&triple).map_err(|e| CodegenError::Target(e.to_string()))?;
        target
            .create_target_machine(&triple, &self.cpu, &self.features, OptimizationLevel::Aggressive, RelocMode::PIC, CodeModel::Small)
            .ok_or_else(|| CodegenError::Target(format!("LLVM cannot build a target machine for {}", self.triple)))
    }
}

fn arch_of(triple: &str) -> Option<Arch> {
    let first = triple.split('-').next()?;
    match first {
        "x86_64" => Some(Arch::X86_64),
        "aarch64" | "arm64" => Some(Arch::AArch64),
        "powerpc64le" | "powerpc64" | "ppc64le" | "ppc64" => Some(Arch::PowerPC64),
        _ => None,
    }
}

fn describe(triple: &str, cpu: &str, features: &str) -> TargetDesc {
    let arch = arch_of(triple).unwrap_or(Arch::X86_64);
    let (vector_bytes, has_fma) = match arch {
        Arch::X86_64 => x86_64::capabilities(features),
        Arch::AArch64 => aarch64::capabilities(features),
        Arch::PowerPC64 => ppc64::capabilities(features),
    };
    TargetDesc { arch, triple: triple.into(), cpu: cpu.into(), features: features.into(), vector_bytes, has_fma }
}

/// Whether a comma-separated LLVM feature string enables `name` (`+name`).
pub(crate) fn has_feature(features: &str, name: &str) -> bool {
    features.split(',').any(|f| f.strip_prefix('+') == Some(name))
}

/// Initialise LLVM's targets once per process.
pub(crate) fn init_llvm() {
    static INIT: Once = Once::new();
    INIT.call_once(|| {
        let config = InitializationConfig::default();
        Target::initialize_x86(&config);
        Target::initialize_aarch64(&config);
        Target::initialize_power_pc(&config);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_is_described_from_llvm() {
        let host = TargetDesc::host();
        assert!(!host.cpu.is_empty() && host.vector_bytes >= 16);
        host.machine().unwrap();
    }

    #[test]
    fn cross_descriptions() {
        let a = TargetDesc::for_triple("aarch64-unknown-linux-gnu", "", "").unwrap();
        assert_eq!((a.arch, a.vector_bytes, a.has_fma), (Arch::AArch64, 16, true));
        let p = TargetDesc::for_triple("powerpc64le-unknown-linux-gnu", "", "").unwrap();
        assert_eq!((p.arch, p.vector_bytes, p.has_fma), (Arch::PowerPC64, 16, true));
        a.machine().unwrap();
        p.machine().unwrap();
        assert!(TargetDesc::for_triple("riscv64-unknown-linux-gnu", "", "").is_err());
    }
}
