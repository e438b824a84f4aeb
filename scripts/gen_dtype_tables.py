#!/usr/bin/env python3
"""Generate the NumPy reference tables that dtypes/tests/ check the Rust crate against.

Run from the repository root with the project's NumPy:

    .venv/bin/python scripts/gen_dtype_tables.py

It writes four JSON files under dtypes/tests/data/:

- promotion.json  np.promote_types for all 14x14 pairs; np.result_type over mixes of arrays,
                  NumPy scalars and Python bool/int/float/complex (weak, NEP 50); the outcome of
                  `x + py_scalar` and `x - py_scalar` (dtype or exception) for arrays and NumPy
                  scalars of every dtype.
- can_cast.json   np.can_cast for all 14x14 pairs under the 5 casting rules.
- casts.json      `.astype(dst)` of a list of source values for every (src, dst) pair.
- dtype_facts.json  name/char/kind/itemsize/alignment/str, np.iinfo, np.finfo, and what
                  np.dtype() makes of many spellings.

Encoding (so the Rust side can compare exactly without a float parser for hex):
- Python ints are decimal strings (they may exceed 64 bits); Python floats are repr() strings.
- Cast values: bool -> JSON bool, integers -> JSON integers, floats -> their bit pattern as an
  unsigned JSON integer (float16: 16 bits, float32: 32, float64: 64), complex -> [re_bits,
  im_bits]. Any NaN equals any NaN; everything else compares bit-exactly.
- Float -> integer casts of NaN, inf and out-of-range values are undefined in C and NumPy's result
  depends on the loop it runs (SIMD body or scalar remainder). The expected value is the one of a
  long contiguous array (`np.full(64, x).astype(dst)[0]`); where a 1-element or a strided cast
  gives something else, that value is stored under "alt" for information.
"""

import json
import random
import warnings
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent.parent / "dtypes" / "tests" / "data"

NAMES = ["bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64",
         "float16", "float32", "float64", "complex64", "complex128"]
CASTINGS = ["no", "equiv", "safe", "same_kind", "unsafe"]

PY_INTS = [0, 1, -1, 2, 127, 128, -128, -129, 255, 256, 300, -300, 32767, 32768, -32769, 65535,
           65536, 70000, 2**31 - 1, 2**31, -2**31 - 1, 2**32 - 1, 2**32, 2**53 + 1, 2**63 - 1,
           2**63, -2**63, -2**63 - 1, 2**64 - 1, 2**64, 2**100, -2**100]
PY_FLOATS = [0.0, -0.0, 1.0, -1.5, 0.1, 300.7, 65504.0, 70000.0, 1e20, 1e300, -1e300,
             float("inf"), float("-inf"), float("nan")]
PY_COMPLEX = [0j, 1j, 1 + 2j, -1.5 + 0.5j, complex(1e300, 1), complex(float("nan"), 0)]
PY_BOOLS = [True, False]


# ---------------------------------------------------------------------------------------------
# Operand encoding
# ---------------------------------------------------------------------------------------------

def enc_operand(op):
    """JSON description of one operand: (kind, payload)."""
    kind, val = op
    if kind in ("array", "scalar"):
        return {"kind": kind, "dtype": val}
    if kind == "bool":
        return {"kind": "bool", "value": val}
    if kind == "int":
        return {"kind": "int", "value": str(val)}
    if kind == "float":
        return {"kind": "float", "value": repr(val)}
    if kind == "complex":
        return {"kind": "complex", "re": repr(val.real), "im": repr(val.imag)}
    raise ValueError(kind)


def materialise(op):
    kind, val = op
    if kind == "array":
        return np.zeros(0, dtype=val)
    if kind == "scalar":
        return np.zeros((), dtype=val)[()]
    return val


def outcome(fn):
    """Run fn; return {"dtype": name} or {"error": class, "message": text}."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            r = fn()
        return {"dtype": (r if isinstance(r, np.dtype) else r.dtype).name}
    except Exception as e:  # noqa: BLE001 - we record whatever NumPy raises
        return {"error": type(e).__name__, "message": str(e)}


# ---------------------------------------------------------------------------------------------
# promotion.json
# ---------------------------------------------------------------------------------------------

def py_scalars():
    return ([("bool", b) for b in PY_BOOLS] + [("int", i) for i in PY_INTS]
            + [("float", f) for f in PY_FLOATS] + [("complex", c) for c in PY_COMPLEX])


def result_type_case(ops):
    res = outcome(lambda: np.result_type(*[materialise(o) for o in ops]))
    return {"operands": [enc_operand(o) for o in ops], "expected": res}


def result_type_cases():
    cases = []
    strong = [(k, n) for k in ("array", "scalar") for n in NAMES]
    # every strong dtype with every Python scalar, both orders for a subset
    for s in strong:
        for p in py_scalars():
            cases.append(result_type_case([s, p]))
    for n in NAMES:
        cases.append(result_type_case([("int", 1), ("array", n)]))
        cases.append(result_type_case([("complex", 1j), ("scalar", n)]))
    # single operands
    for o in strong + py_scalars():
        cases.append(result_type_case([o]))
    # only Python scalars
    pys = py_scalars()
    for a in [("bool", True), ("int", 1), ("int", 2**64), ("float", 1.0), ("complex", 1j)]:
        for b in [("bool", False), ("int", -1), ("int", 2**63), ("float", 0.5), ("complex", 2j)]:
            cases.append(result_type_case([a, b]))
    # array with a NumPy scalar of another dtype (strong both)
    for a in NAMES:
        for b in NAMES[::3]:
            cases.append(result_type_case([("array", a), ("scalar", b)]))
    # random mixes of 1..4 operands
    rng = random.Random(20240605)
    pool = strong + pys
    for _ in range(600):
        k = rng.randint(1, 4)
        cases.append(result_type_case([rng.choice(pool) for _ in range(k)]))
    return cases


def binop_cases(name, fn, left, dtypes):
    cases = []
    for n in dtypes:
        for p in py_scalars():
            x = materialise((left, n)) if left == "scalar" else np.zeros(1, dtype=n)
            res = outcome(lambda: fn(x, materialise(p)))
            cases.append({"op": name, "operands": [enc_operand((left, n)), enc_operand(p)],
                          "expected": res})
    return cases


def promotion_table():
    pairs = [{"a": a, "b": b, "expected": np.promote_types(a, b).name}
             for a in NAMES for b in NAMES]
    # NumPy scalars behave as arrays here (checked when this table was made); keep a few.
    binops = (binop_cases("add", np.add, "array", NAMES)
              + binop_cases("add", np.add, "scalar", NAMES[::4])
              + binop_cases("subtract", np.subtract, "array", ["bool", "uint8", "float32"]))
    # Every triple of array dtypes: promote_types is not associative, result_type is
    # order-independent. Compact rows [a, b, c, expected].
    triples = [[a, b, c, np.result_type(*(np.zeros(0, d) for d in (a, b, c))).name]
               for a in NAMES for b in NAMES for c in NAMES]
    return {"numpy_version": np.__version__, "promote_types": pairs,
            "result_type": result_type_cases(), "result_type_triples": triples,
            "binary_ops": binops}


# ---------------------------------------------------------------------------------------------
# can_cast.json
# ---------------------------------------------------------------------------------------------

def can_cast_table():
    rows = [{"from": a, "to": b, "casting": c, "expected": bool(np.can_cast(a, b, casting=c))}
            for a in NAMES for b in NAMES for c in CASTINGS]
    return {"numpy_version": np.__version__, "can_cast": rows}


# ---------------------------------------------------------------------------------------------
# casts.json
# ---------------------------------------------------------------------------------------------

BITS = {"float16": np.uint16, "float32": np.uint32, "float64": np.uint64}


def enc_value(x, dtype):
    """Exact JSON encoding of one element `x` (a NumPy scalar of `dtype`)."""
    dt = np.dtype(dtype)
    if dt.kind == "b":
        return bool(x)
    if dt.kind in "iu":
        return int(x)
    if dt.kind == "f":
        return int(np.array(x, dtype=dt).view(BITS[dt.name]))
    comp = np.dtype(dt.name.replace("complex64", "float32").replace("complex128", "float64"))
    return [enc_value(comp.type(x.real), comp.name), enc_value(comp.type(x.imag), comp.name)]


def int_candidates():
    vals = set(PY_INTS) | {65504, 65505, 65519, 65520, 2049, 2051, 16777217, 2**53, 2**53 + 2,
                           2**60 + 2**36 + 1, -(2**60 + 2**36 + 1), 2**63 + 2**39 + 1}
    for n in NAMES[1:9]:
        info = np.iinfo(n)
        vals |= {int(info.min), int(info.max), int(info.min) + 1, int(info.max) - 1}
    return sorted(vals)


def float_candidates():
    vals = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 3.5, 0.1, 1 / 3, 300.7,
            -300.7, -129.0, 127.5, 255.5, 2049.0, 2051.0, 65504.0, 65519.0, 65520.0, 65536.0,
            1e20, -1e20, 1e-8, 6e-8, 3e-8, 1e-40, 5e-324, 3.4028235e38, 3.5e38, 1.7976931348623157e308,
            float(2**53 + 1), float(2**24 + 1), 16777217.0, 1 + 2**-11, 1 + 3 * 2**-11,
            float("nan"), float("inf"), float("-inf")]
    for n in NAMES[1:9]:
        info = np.iinfo(n)
        for v in (int(info.min), int(info.max)):
            vals += [float(v) - 1, float(v), float(v) + 1]
    vals += [float(-2**63) - 1e5, float(2**64), -2147483649.0]
    return vals


def complex_candidates():
    specials = [1j, -1.5 + 2.5j, complex(-0.0, -0.0), complex(-0.0, 1.0), complex(float("nan"), 1),
                complex(1, float("nan")), complex(float("inf"), float("-inf")), 300.7 - 1j,
                1e20 + 1e20j, 65520 + 1j, -129.5 + 0.5j, complex(2.5, -0.0), complex(70000, 3e38)]
    return [complex(f, 0.0) for f in float_candidates()] + specials


def source_values(src):
    dt = np.dtype(src)
    if dt.kind == "b":
        arr = np.array([False, True])
    elif dt.kind in "iu":
        info = np.iinfo(dt)
        arr = np.array([v for v in int_candidates() if info.min <= v <= info.max], dtype=dt)
    else:
        cands = float_candidates() if dt.kind == "f" else complex_candidates()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            arr = np.array(cands).astype(dt)
    seen, out = set(), []
    for x in arr:
        key = json.dumps(enc_value(x, src))
        if key not in seen:
            seen.add(key)
            out.append(x)
    return out


def cast_one(x, src, dst):
    """(bulk, single, strided) results of casting x from src to dst."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bulk = np.full(64, x, dtype=src).astype(dst)[0]
        single = np.full(1, x, dtype=src).astype(dst)[0]
        strided = np.full(128, x, dtype=src)[::2].astype(dst)[0]
    return [enc_value(v, dst) for v in (bulk, single, strided)]


def casts_table():
    sources, casts = {}, []
    for src in NAMES:
        vals = source_values(src)
        sources[src] = {"values": [enc_value(x, src) for x in vals],
                        "repr": [repr(x) for x in vals]}
        for dst in NAMES:
            results, alt = [], {}
            for i, x in enumerate(vals):
                bulk, single, strided = cast_one(x, src, dst)
                results.append(bulk)
                for tag, v in (("single", single), ("strided", strided)):
                    if json.dumps(v) != json.dumps(bulk) and not both_nan(v, bulk, dst):
                        alt.setdefault(str(i), {})[tag] = v
            row = {"from": src, "to": dst, "results": results}
            if alt:
                row["alt"] = alt
            casts.append(row)
    return {"numpy_version": np.__version__, "sources": sources, "casts": casts}


def both_nan(a, b, dtype):
    dt = np.dtype(dtype)
    if dt.kind not in "fc":
        return False
    comp = {"float16": np.uint16, "float32": np.uint32, "complex64": np.uint32}.get(dt.name, np.uint64)
    ftype = {np.uint16: np.float16, np.uint32: np.float32, np.uint64: np.float64}[comp]
    parts_a = a if isinstance(a, list) else [a]
    parts_b = b if isinstance(b, list) else [b]
    for pa, pb in zip(parts_a, parts_b):
        fa, fb = np.array(pa, comp).view(ftype), np.array(pb, comp).view(ftype)
        if not (pa == pb or (np.isnan(fa) and np.isnan(fb))):
            return False
    return True


# ---------------------------------------------------------------------------------------------
# dtype_facts.json
# ---------------------------------------------------------------------------------------------

SPELLINGS = [
    "bool", "bool_", "?", "b1", "|b1", "<b1", ">b1", "int8", "i1", "b", "byte", "uint8", "u1", "B",
    "ubyte", "int16", "i2", "h", "short", "<i2", ">i2", "uint16", "u2", "H", "ushort", "int32",
    "i4", "i", "intc", "uint32", "u4", "I", "uintc", "int64", "i8", "l", "q", "p", "int", "int_",
    "intp", "long", "longlong", "uint64", "u8", "L", "Q", "P", "uint", "uintp", "ulong",
    "ulonglong", "float16", "f2", "e", "half", "<f2", "float32", "f4", "f", "single", "float64",
    "f8", "d", "double", "float", "<f8", "=f8", "|f8", ">f8", "complex64", "c8", "F", "csingle",
    "complex128", "c16", "D", "cdouble", "complex", ">c8", ">i1", ">u1",
    # NumPy knows these, numpypy does not support them
    "float128", "longdouble", "g", "f16", "complex256", "clongdouble", "G", "c32", "object", "O",
    "str", "U", "U10", "bytes", "S", "S1", "c", "void", "V", "V8", "datetime64", "M8", "M",
    "datetime64[ns]", "m8", "timedelta64", "m", "T", "<U5", ">M8[s]", "a", "a5",
    # NumPy does not know these
    "float_", "complex_", "int0", "bool8", "cfloat", "longfloat", "float96", "Float64", "float8",
    "int128", "E", "x", " f8", "f8 ", "", "i0", "u16", "i3", "f", "uint128", "<x4", ">i9", "<>f8",
    "f8f", "b2", "c4",
]


def spelling_outcome(s):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return {"spelling": s, "name": np.dtype(s).name}
    except TypeError as e:
        return {"spelling": s, "error": "TypeError", "message": str(e)}


def dtype_facts():
    facts = []
    for n in NAMES:
        dt = np.dtype(n)
        row = {"name": dt.name, "char": dt.char, "kind": dt.kind, "itemsize": dt.itemsize,
               "alignment": dt.alignment, "str": dt.str, "num": dt.num}
        if dt.kind in "iu":
            info = np.iinfo(dt)
            row["iinfo"] = {"min": int(info.min), "max": int(info.max), "bits": info.bits}
        if dt.kind in "fc":
            info = np.finfo(dt)
            ft = info.dtype
            row["finfo"] = {
                "dtype": ft.name, "bits": info.bits, "eps": bits_of(info.eps),
                "max": bits_of(info.max), "min": bits_of(info.min),
                "smallest_normal": bits_of(info.smallest_normal),
                "smallest_subnormal": bits_of(info.smallest_subnormal),
                "precision": info.precision, "resolution": bits_of(info.resolution),
                "nmant": info.nmant, "maxexp": info.maxexp, "minexp": info.minexp,
            }
        facts.append(row)
    spellings = [spelling_outcome(s) for s in SPELLINGS]
    return {"numpy_version": np.__version__, "dtypes": facts, "spellings": spellings}


def bits_of(x):
    """Bit pattern of a finfo value, widened to float64 bits (exact for every finfo field)."""
    return int(np.array(float(x), np.float64).view(np.uint64))


# ---------------------------------------------------------------------------------------------

def dumps_by_line(data):
    """JSON with one list element per line (readable diffs), compact within a line."""
    def one(v):
        return json.dumps(v, separators=(",", ":"))
    parts = []
    for key, value in data.items():
        if isinstance(value, list):
            body = ",\n".join(one(v) for v in value)
            parts.append(f"{one(key)}: [\n{body}\n]")
        elif isinstance(value, dict):
            body = ",\n".join(f"{one(k)}: {one(v)}" for k, v in value.items())
            parts.append(f"{one(key)}: {{\n{body}\n}}")
        else:
            parts.append(f"{one(key)}: {one(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def write(name, data):
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / name
    text = dumps_by_line(data)
    assert json.loads(text) == json.loads(json.dumps(data))
    path.write_text(text)
    print(f"wrote {path.relative_to(OUT.parent.parent.parent)}")


def main():
    promo = promotion_table()
    write("promotion.json", promo)
    print(f"  promote_types: {len(promo['promote_types'])}, result_type: "
          f"{len(promo['result_type'])}, result_type triples: "
          f"{len(promo['result_type_triples'])}, binary ops: {len(promo['binary_ops'])}")
    cc = can_cast_table()
    write("can_cast.json", cc)
    print(f"  can_cast: {len(cc['can_cast'])}")
    casts = casts_table()
    write("casts.json", casts)
    n = sum(len(c["results"]) for c in casts["casts"])
    n_alt = sum(len(c.get("alt", {})) for c in casts["casts"])
    print(f"  casts: {n} values over {len(casts['casts'])} pairs ({n_alt} layout-dependent)")
    facts = dtype_facts()
    write("dtype_facts.json", facts)
    print(f"  dtypes: {len(facts['dtypes'])}, spellings: {len(facts['spellings'])}")


if __name__ == "__main__":
    main()
