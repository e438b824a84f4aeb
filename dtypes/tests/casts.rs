//! Value casts (`Element::cast`, `Scalar::cast`, `cast_strided`) between every pair of dtypes
//! against NumPy's `.astype(dst)` (table `tests/data/casts.json`, made by
//! `scripts/gen_dtype_tables.py`).
//!
//! Values are stored as exact bit patterns and read through `Scalar::read_from`, so this test is
//! generic over dtypes. Any NaN equals any NaN; everything else (signed zeros included) must
//! match bit for bit. For float -> uint32 casts of NaN/inf/out-of-range values NumPy's answer
//! depends on its loop (SIMD body or scalar tail); the table's expected value is the one of long
//! contiguous arrays, which `element.rs` reproduces.

mod common;

use common::{dtype, load};
use dtypes::{cast_strided, DType, Scalar, Wide};
use serde_json::Value;

/// Little-endian bytes of one stored value of `dt`.
fn bytes_of(v: &Value, dt: DType) -> Vec<u8> {
    if let Some(parts) = v.as_array() {
        let half = dt.itemsize() / 2;
        return parts.iter().flat_map(|p| int_bytes(p, half)).collect();
    }
    if let Some(b) = v.as_bool() {
        return vec![b as u8];
    }
    int_bytes(v, dt.itemsize())
}

fn int_bytes(v: &Value, size: usize) -> Vec<u8> {
    let wide: i128 = match (v.as_i64(), v.as_u64()) {
        (Some(i), _) => i as i128,
        (None, Some(u)) => u as i128,
        _ => panic!("not an integer: {v}"),
    };
    wide.to_le_bytes()[..size].to_vec()
}

fn decode(v: &Value, dt: DType) -> Scalar {
    let bytes = bytes_of(v, dt);
    // SAFETY: `bytes` holds exactly one element of `dt`.
    unsafe { Scalar::read_from(dt, bytes.as_ptr()) }
}

fn raw(s: Scalar) -> Vec<u8> {
    let mut buf = vec![0u8; s.dtype().itemsize()];
    // SAFETY: `buf` holds exactly one element of `s.dtype()`.
    unsafe { s.write_to(buf.as_mut_ptr()) };
    buf
}

fn float_parts(s: Scalar) -> Option<Vec<f64>> {
    match s.to_wide() {
        Wide::Float(x) => Some(vec![x]),
        Wide::Complex(re, im) => Some(vec![re, im]),
        _ => None,
    }
}

/// Bit-exact equality, except that any NaN equals any NaN.
fn same(a: Scalar, b: Scalar) -> bool {
    if a.dtype() != b.dtype() {
        return false;
    }
    if raw(a) == raw(b) {
        return true;
    }
    match (float_parts(a), float_parts(b)) {
        (Some(x), Some(y)) => {
            x.iter().zip(&y).all(|(p, q)| (p.is_nan() && q.is_nan()) || p.to_bits() == q.to_bits())
        }
        _ => false,
    }
}

struct Pair {
    from: DType,
    to: DType,
    sources: Vec<Scalar>,
    expected: Vec<Scalar>,
    reprs: Vec<String>,
}

fn pairs() -> Vec<Pair> {
    let table = load("casts.json");
    let casts = table["casts"].as_array().unwrap();
    assert_eq!(casts.len(), 196);
    casts
        .iter()
        .map(|row| {
            let (from, to) = (dtype(&row["from"]), dtype(&row["to"]));
            let src = &table["sources"][from.name()];
            let sources = src["values"].as_array().unwrap().iter().map(|v| decode(v, from));
            let expected = row["results"].as_array().unwrap().iter().map(|v| decode(v, to));
            let reprs = src["repr"].as_array().unwrap().iter();
            Pair {
                from,
                to,
                sources: sources.collect(),
                expected: expected.collect(),
                reprs: reprs.map(|r| r.as_str().unwrap().to_string()).collect(),
            }
        })
        .collect()
}

#[test]
fn scalar_casts_match_numpy() {
    let mut n = 0;
    let mut failures = Vec::new();
    for p in pairs() {
        for ((s, e), r) in p.sources.iter().zip(&p.expected).zip(&p.reprs) {
            let got = s.cast(p.to);
            if !same(got, *e) {
                failures.push(format!("{} -> {}: {r} gave {got:?}, NumPy {e:?}", p.from, p.to));
            }
            n += 1;
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {n} casts differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(n > 5000);
}

/// `cast_strided` over the whole source column, forwards and backwards.
#[test]
fn strided_casts_match_numpy() {
    for p in pairs() {
        let src: Vec<u8> = p.sources.iter().flat_map(|s| raw(*s)).collect();
        let (n, ssz, dsz) = (p.sources.len(), p.from.itemsize(), p.to.itemsize());
        let mut fwd = vec![0u8; n * dsz];
        let mut back = vec![0u8; n * dsz];
        // SAFETY: both buffers hold n elements; the backward walk starts at the last element.
        unsafe {
            cast_strided(
                p.from,
                src.as_ptr(),
                ssz as isize,
                p.to,
                fwd.as_mut_ptr(),
                dsz as isize,
                n,
            );
            let (s_last, d_last) =
                (src.as_ptr().add((n - 1) * ssz), back.as_mut_ptr().add((n - 1) * dsz));
            cast_strided(p.from, s_last, -(ssz as isize), p.to, d_last, -(dsz as isize), n);
        }
        for (i, e) in p.expected.iter().enumerate() {
            for out in [&fwd, &back] {
                // SAFETY: element i of `out` is a valid element of `p.to`.
                let got = unsafe { Scalar::read_from(p.to, out.as_ptr().add(i * dsz)) };
                assert!(
                    same(got, *e),
                    "{} -> {}: {} gave {got:?}, NumPy {e:?}",
                    p.from,
                    p.to,
                    p.reprs[i]
                );
            }
        }
    }
}
