//! AArch64: NEON (Advanced SIMD) is part of the architecture: 16-byte vectors with FMA.

use super::has_feature;

pub(super) fn capabilities(features: &str) -> (usize, bool) {
    let _sve = has_feature(features, "sve");
    (16, true)
}

pub(super) fn defaults(cpu: &str, features: &str) -> (String, String) {
    let cpu = if cpu.is_empty() { "neoverse-n1" } else { cpu };
    let features = if features.is_empty() { "+neon" } else { features };
    (cpu.into(), features.into())
}
