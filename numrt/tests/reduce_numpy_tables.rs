//! Reductions against NumPy: `tests/data/reduce/cases.json` (from
//! `scripts/gen_numrt_reduce_tables.py`) holds inputs as deterministic generators plus layouts,
//! and NumPy's results as raw bytes — float results (float32 sums included) must match bit for
//! bit, with NumPy's dtype, shape, strides, errors and warnings.

mod eval_support;

use dtypes::{c128, DType, Scalar};
use numrt::{Array, Axes, IndexItem, NumrtError, View};
use serde_json::Value;

fn lcg(seed: u64) -> impl FnMut() -> u64 {
    let mul = 6364136223846793005u64;
    let inc = 1442695040888963407u64;
    let mut s = seed.wrapping_mul(mul).wrapping_add(inc);
    move || {
        s = s.wrapping_mul(mul).wrapping_add(inc);
        s
    }
}

/// The generator of the Python script, value for value.
fn values(gen: &Value, seed_offset: u64, n: usize) -> Vec<Scalar> {
    let mut next = lcg(gen["seed"].as_u64().unwrap() + seed_offset);
    let kind = gen["kind"].as_str().unwrap();
    (0..n)
        .map(|_| {
            let u = next();
            match kind {
                "float" => {
                    let bits = gen["bits"].as_u64().unwrap();
                    let (elo, ehi) = (gen["elo"].as_i64().unwrap(), gen["ehi"].as_i64().unwrap());
                    let m = (u >> (64 - bits)) as i64 - (1i64 << (bits - 1));
                    let e = elo + ((u >> 8) % (ehi - elo + 1) as u64) as i64;
                    Scalar::Float64(m as f64 * 2f64.powi(e as i32))
                }
                "int" => {
                    let (lo, hi) = (gen["lo"].as_i64().unwrap(), gen["hi"].as_i64().unwrap());
                    Scalar::Int64(lo + ((u >> 16) % (hi - lo + 1) as u64) as i64)
                }
                _ => Scalar::Bool((u >> 33) & 1 == 1),
            }
        })
        .collect()
}

fn build(case: &Value) -> Array {
    let shape: Vec<usize> = case["shape"].as_array().unwrap().iter().map(|d| d.as_u64().unwrap() as usize).collect();
    let dtype = DType::from_name(case["dtype"].as_str().unwrap()).unwrap();
    let n: usize = shape.iter().product();
    let re = values(&case["gen"], 0, n);
    let data: Vec<Scalar> = if dtype.is_complex() {
        let im = values(&case["gen"], 1, n);
        re.iter()
            .zip(&im)
            .map(|(a, b)| Scalar::Complex128(c128::new(eval_support::wide_f64(a.to_wide()), eval_support::wide_f64(b.to_wide()))))
            .collect()
    } else {
        re
    };
    let flat = View::zeros(&[n], dtype).unwrap();
    for (i, s) in data.iter().enumerate() {
        flat.set(&[i], s.cast(dtype)).unwrap();
    }
    if let Some(specials) = case.get("specials").and_then(|s| s.as_array()) {
        for sp in specials {
            let pos = sp[0].as_u64().unwrap() as usize;
            let v = match sp[1].as_str().unwrap() {
                "nan" => Scalar::Float64(f64::NAN),
                "inf" => Scalar::Float64(f64::INFINITY),
                "-inf" => Scalar::Float64(f64::NEG_INFINITY),
                _ => Scalar::Complex128(c128::new(0.0, f64::NAN)),
            };
            flat.set(&[pos], v.cast(dtype)).unwrap();
        }
    }
    let ishape: Vec<isize> = shape.iter().map(|&d| d as isize).collect();
    let mut a = Array::from_view(flat).reshape(&ishape).unwrap();
    if let Some(perm) = case["perm"].as_array() {
        let p: Vec<isize> = perm.iter().map(|x| x.as_i64().unwrap() as isize).collect();
        a = a.transpose(Some(&p)).unwrap();
    }
    if let Some(slices) = case["slices"].as_array() {
        let items: Vec<IndexItem> = slices
            .iter()
            .map(|s| IndexItem::Slice { start: s[0].as_i64(), stop: s[1].as_i64(), step: s[2].as_i64() })
            .collect();
        a = a.getitem(&items).unwrap();
    }
    a
}

fn axes(kw: &Value) -> Axes {
    match &kw["axis"] {
        Value::Null => Axes::All,
        Value::Array(v) => Axes::Many(v.iter().map(|x| x.as_i64().unwrap() as isize).collect()),
        x => Axes::One(x.as_i64().unwrap() as isize),
    }
}

fn run(case: &Value, a: &Array) -> Result<Array, NumrtError> {
    let kw = &case["kw"];
    let keep = kw["keepdims"].as_bool().unwrap_or(false);
    let dtype = kw["dtype"].as_str().map(|d| DType::from_name(d).unwrap());
    let ddof = kw["ddof"].as_f64().unwrap_or(0.0);
    let axis = kw["axis"].as_i64().map(|x| x as isize);
    match case["op"].as_str().unwrap() {
        "sum" => a.sum(&axes(kw), keep, dtype),
        "prod" => a.prod(&axes(kw), keep, dtype),
        "min" => a.min(&axes(kw), keep),
        "max" => a.max(&axes(kw), keep),
        "all" => a.all(&axes(kw), keep),
        "any" => a.any(&axes(kw), keep),
        "argmin" => a.argmin(axis, keep),
        "argmax" => a.argmax(axis, keep),
        "mean" => a.mean(&axes(kw), keep, dtype),
        "var" => a.var(&axes(kw), keep, ddof, dtype),
        "std" => a.std(&axes(kw), keep, ddof, dtype),
        "cumsum" => a.cumsum(axis, dtype),
        "cumprod" => a.cumprod(axis, dtype),
        op => panic!("unknown op {op}"),
    }
}

fn bytes_hex(v: &View) -> String {
    let mut out = String::new();
    for s in v.to_scalars() {
        let mut b = [0u8; 16];
        unsafe { s.write_to(b.as_mut_ptr()) };
        for byte in &b[..v.dtype.itemsize()] {
            out.push_str(&format!("{byte:02x}"));
        }
    }
    out
}

/// Bit-for-bit equality, except that any NaN equals any NaN (NumPy's NaN sign and payload
/// depend on the CPU's operation order, not on semantics).
fn same_values(v: &View, expected_hex: &str) -> bool {
    let got = bytes_hex(v);
    if got == expected_hex {
        return true;
    }
    let bytes: Vec<u8> = (0..expected_hex.len()).step_by(2).map(|i| u8::from_str_radix(&expected_hex[i..i + 2], 16).unwrap()).collect();
    let isz = v.dtype.itemsize();
    if bytes.len() != v.size() * isz {
        return false;
    }
    v.to_scalars().iter().enumerate().all(|(i, s)| {
        let e = unsafe { Scalar::read_from(v.dtype, bytes[i * isz..].as_ptr()) };
        let parts = |s: &Scalar| match s.to_wide() {
            dtypes::Wide::Float(f) => vec![f],
            dtypes::Wide::Complex(re, im) => vec![re, im],
            _ => vec![],
        };
        let (a, b) = (parts(s), parts(&e));
        if a.is_empty() {
            return s == &e;
        }
        a.iter().zip(&b).all(|(x, y)| x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan()))
    })
}

fn error_class(e: &NumrtError) -> &'static str {
    match e {
        NumrtError::Axis { .. } => "AxisError",
        NumrtError::Value(_) => "ValueError",
        NumrtError::Type(_) => "TypeError",
        _ => "other",
    }
}

/// Compare one case; `Err(description)` on a mismatch.
fn check(case: &Value) -> Result<(), String> {
    let expect = &case["expect"];
    let _ = numrt::eval::diagnostics::take();
    let got = run(case, &build(case)).and_then(|r| r.force());
    let diag = numrt::eval::diagnostics::take();
    let warnings = diag.warnings;
    if let Some(class) = expect["error"].as_str() {
        return match got {
            Err(e) if error_class(&e) == class && e.to_string() == expect["message"].as_str().unwrap() => Ok(()),
            other => Err(format!("expected {class}: {}, got {other:?}", expect["message"])),
        };
    }
    let v = got.map_err(|e| format!("error {e}"))?;
    let shape: Vec<usize> = expect["shape"].as_array().unwrap().iter().map(|d| d.as_u64().unwrap() as usize).collect();
    if v.dtype.name() != expect["dtype"].as_str().unwrap() || v.shape != shape {
        return Err(format!("got {} {:?}, expected {} {:?}", v.dtype, v.shape, expect["dtype"], shape));
    }
    if !same_values(&v, expect["bytes"].as_str().unwrap()) {
        return Err(format!("values differ: {:?}", v.to_scalars().iter().take(6).collect::<Vec<_>>()));
    }
    if let Some(strides) = expect["strides"].as_array() {
        let s: Vec<isize> = strides.iter().map(|x| x.as_i64().unwrap() as isize).collect();
        if s != v.strides {
            return Err(format!("strides {:?}, expected {s:?}", v.strides));
        }
    }
    let numpy_warnings: Vec<&str> = expect["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .filter(|w| !w.contains("encountered"))
        .collect();
    if numpy_warnings != warnings {
        return Err(format!("warnings {warnings:?}, expected {numpy_warnings:?}"));
    }
    // NumPy's floating-point warnings as flags (underflow is ignored by NumPy's default errstate).
    let mut want = 0u8;
    for w in expect["warnings"].as_array().unwrap().iter().map(|w| w.as_str().unwrap()) {
        for (words, bit) in [("divide by zero", 1u8), ("overflow", 2), ("invalid value", 8)] {
            if w.starts_with(words) {
                want |= bit;
            }
        }
    }
    if diag.fp & 11 != want {
        return Err(format!("fp flags {:#x}, expected {want:#x} ({:?})", diag.fp, expect["warnings"]));
    }
    Ok(())
}

#[test]
fn reductions_match_numpy() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/reduce/cases.json")).unwrap();
    let data: Value = serde_json::from_str(&text).unwrap();
    let cases = data["cases"].as_array().unwrap();
    let mut failures = vec![];
    for (i, case) in cases.iter().enumerate() {
        if let Err(msg) = check(case) {
            failures.push(format!(
                "#{i} [{}] {} {} {:?} perm={} slices={} kw={}: {msg}",
                case["tag"], case["op"], case["dtype"], case["shape"], case["perm"], case["slices"], case["kw"]
            ));
        }
    }
    for f in failures.iter().take(40) {
        eprintln!("{f}");
    }
    assert!(failures.is_empty(), "{} of {} cases differ from NumPy", failures.len(), cases.len());
    assert!(cases.len() >= 1000);
}
