//! PowerPC64 (little-endian first): POWER9 with VSX, 16-byte vectors with FMA.

use super::has_feature;

pub(super) fn capabilities(features: &str) -> (usize, bool) {
    let vsx = features.is_empty() || has_feature(features, "vsx");
    (16, vsx)
}

pub(super) fn defaults(cpu: &str, features: &str) -> (String, String) {
    let cpu = if cpu.is_empty() { "pwr9" } else { cpu };
    let features = if features.is_empty() { "+vsx,+altivec" } else { features };
    (cpu.into(), features.into())
}
