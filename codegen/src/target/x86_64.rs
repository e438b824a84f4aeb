//! x86-64: SSE2 is the baseline; AVX/AVX2 give 32-byte vectors, AVX-512F 64-byte ones (unless
//! the feature string asks for `prefer-256-bit`), FMA3 fused multiply-add.

use super::has_feature;

pub(super) fn capabilities(features: &str) -> (usize, bool) {
    let bytes = if has_feature(features, "avx512f") && !has_feature(features, "prefer-256-bit") {
        64
    } else if has_feature(features, "avx") {
        32
    } else {
        16
    };
    (bytes, has_feature(features, "fma"))
}

pub(super) fn defaults(cpu: &str, features: &str) -> (String, String) {
    let cpu = if cpu.is_empty() { "x86-64-v3" } else { cpu };
    (cpu.into(), features.into())
}
