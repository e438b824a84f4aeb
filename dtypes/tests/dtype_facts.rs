//! Per-dtype facts (name, char, kind, itemsize, alignment, typestr, `np.iinfo`, `np.finfo`) and
//! `DType::from_name` against NumPy (table `tests/data/dtype_facts.json`, made by
//! `scripts/gen_dtype_tables.py`).

mod common;

use common::load;
use dtypes::{DType, DTypeError};
use serde_json::Value;

fn u64_field(v: &Value, key: &str) -> u64 {
    v[key].as_u64().unwrap_or_else(|| panic!("{key}: {v}"))
}

fn f64_bits(v: &Value, key: &str) -> f64 {
    f64::from_bits(u64_field(v, key))
}

#[test]
fn static_facts_match_numpy() {
    let table = load("dtype_facts.json");
    let rows = table["dtypes"].as_array().unwrap();
    assert_eq!(rows.len(), DType::ALL.len());
    for (d, row) in DType::ALL.into_iter().zip(rows) {
        assert_eq!(d.name(), row["name"].as_str().unwrap());
        assert_eq!(d.char().to_string(), row["char"].as_str().unwrap(), "{d}");
        assert_eq!(d.kind().char().to_string(), row["kind"].as_str().unwrap(), "{d}");
        assert_eq!(d.itemsize() as u64, u64_field(row, "itemsize"), "{d}");
        assert_eq!(d.alignment() as u64, u64_field(row, "alignment"), "{d}");
        assert_eq!(d.typestr(), row["str"].as_str().unwrap(), "{d}");
        assert_eq!(d.type_num() as u64, u64_field(row, "num"), "{d}");
    }
}

#[test]
fn int_limits_match_iinfo() {
    let table = load("dtype_facts.json");
    for (d, row) in DType::ALL.into_iter().zip(table["dtypes"].as_array().unwrap()) {
        let Some(info) = row.get("iinfo") else {
            assert!(d.is_bool() || d.int_limits().is_none(), "{d}");
            continue;
        };
        let lo = info["min"].as_i64().unwrap() as i128;
        let hi = info["max"].as_u64().unwrap() as i128;
        assert_eq!(d.int_limits(), Some((lo, hi)), "{d}");
        assert_eq!(d.itemsize() as u64 * 8, u64_field(info, "bits"));
    }
}

#[test]
fn float_info_matches_finfo() {
    let table = load("dtype_facts.json");
    for (d, row) in DType::ALL.into_iter().zip(table["dtypes"].as_array().unwrap()) {
        let Some(fi) = row.get("finfo") else {
            assert!(d.float_info().is_none(), "{d}");
            continue;
        };
        let got = d.float_info().unwrap();
        assert_eq!(got.bits as u64, u64_field(fi, "bits"), "{d}");
        assert_eq!(got.eps, f64_bits(fi, "eps"), "{d} eps");
        assert_eq!(got.max, f64_bits(fi, "max"), "{d} max");
        assert_eq!(got.min, f64_bits(fi, "min"), "{d} min");
        assert_eq!(got.smallest_normal, f64_bits(fi, "smallest_normal"), "{d}");
        assert_eq!(got.smallest_subnormal, f64_bits(fi, "smallest_subnormal"), "{d}");
        assert_eq!(got.precision as u64, u64_field(fi, "precision"), "{d}");
        assert_eq!(got.resolution, f64_bits(fi, "resolution"), "{d} resolution");
        assert_eq!(got.mant_digits as u64, u64_field(fi, "nmant") + 1, "{d}");
        assert_eq!(got.max_exp as i64, fi["maxexp"].as_i64().unwrap(), "{d}");
        assert_eq!(got.min_exp as i64, fi["minexp"].as_i64().unwrap(), "{d}");
        assert_eq!(d.real_dtype().name(), fi["dtype"].as_str().unwrap(), "{d}");
    }
}

/// Every spelling NumPy accepts for one of our dtypes parses to it; spellings NumPy accepts for
/// dtypes numpypy lacks (and big-endian ones) are `Unsupported`; the rest are `Unknown`.
#[test]
fn spellings_match_np_dtype() {
    let table = load("dtype_facts.json");
    for case in table["spellings"].as_array().unwrap() {
        let s = case["spelling"].as_str().unwrap();
        let got = DType::from_name(s);
        match case["name"].as_str() {
            Some(name) if s.starts_with('>') && !s.ends_with('1') => {
                assert!(matches!(got, Err(DTypeError::Unsupported(_))), "{s}: {got:?} ({name})")
            }
            Some(name) => match DType::ALL.into_iter().find(|d| d.name() == name) {
                Some(d) => assert_eq!(got, Ok(d), "{s}"),
                None => assert!(matches!(got, Err(DTypeError::Unsupported(_))), "{s}: {got:?}"),
            },
            None => {
                let message = case["message"].as_str().unwrap();
                assert_eq!(got, Err(DTypeError::Unknown(s.to_string())), "{s}");
                if message.starts_with("data type") {
                    assert_eq!(got.unwrap_err().to_string(), message, "{s}");
                }
            }
        }
    }
}
