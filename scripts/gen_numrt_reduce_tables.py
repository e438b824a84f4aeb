#!/usr/bin/env python3
"""Generate numrt's reduction expectations from NumPy.

Writes numrt/tests/data/reduce/cases.json, read by numrt/tests/reduce_numpy_tables.rs.

Each case builds an input array from a deterministic generator (so large float32 inputs need
not be stored): a 64-bit LCG whose draws become exactly representable values, identical in
Python and Rust (see `values()` here and in the Rust test). The input is then given a layout
(transpose, then basic slicing) and reduced; the expected result is stored as dtype, shape and
the raw little-endian bytes of the C-order result, so floats are compared bit for bit — or as
the exception NumPy raised. Warnings NumPy emitted are recorded too.

Run: .venv/bin/python scripts/gen_numrt_reduce_tables.py
"""
import json
import os
import random
import warnings

import numpy as np

assert np.__version__.startswith("2.4"), np.__version__

OUT = os.path.join(os.path.dirname(__file__), "..", "numrt", "tests", "data", "reduce", "cases.json")
MASK = (1 << 64) - 1


def lcg(seed):
    s = (seed * 6364136223846793005 + 1442695040888963407) & MASK
    while True:
        s = (s * 6364136223846793005 + 1442695040888963407) & MASK
        yield s


def values(gen, n):
    """Exact values: mantissa * 2**e for floats, raw bits for ints, parity for bools."""
    kind, seed = gen["kind"], gen["seed"]
    g = lcg(seed)
    out = []
    for _ in range(n):
        u = next(g)
        if kind == "float":
            bits, elo, ehi = gen["bits"], gen["elo"], gen["ehi"]
            m = (u >> (64 - bits)) - (1 << (bits - 1))
            e = elo + (u >> 8) % (ehi - elo + 1)
            out.append(float(m) * 2.0 ** e)
        elif kind == "int":
            lo, hi = gen["lo"], gen["hi"]
            out.append(lo + (u >> 16) % (hi - lo + 1))
        else:  # bool
            out.append(bool((u >> 33) & 1))
    return out


def build(case):
    n = int(np.prod(case["shape"]))
    vals = values(case["gen"], n)
    dt = np.dtype(case["dtype"])
    if dt.kind == "c":
        re = np.array(vals, dtype=np.float64)
        im = np.array(values(dict(case["gen"], seed=case["gen"]["seed"] + 1), n), dtype=np.float64)
        a = (re + 1j * im).astype(dt)
    else:
        a = np.array(vals).astype(dt)
    for pos, special in case.get("specials", []):
        a[pos] = {"nan": np.nan, "inf": np.inf, "-inf": -np.inf, "nanj": complex(0, np.nan)}[special]
    a = a.reshape(case["shape"])
    if case.get("perm") is not None:
        a = a.transpose(case["perm"])
    if case.get("slices") is not None:
        a = a[tuple(slice(*s) for s in case["slices"])]
    return a


def run(case):
    a = build(case)
    op, kw = case["op"], dict(case["kw"])
    if "axis" in kw and isinstance(kw["axis"], list):
        kw["axis"] = tuple(kw["axis"])
    if "dtype" in kw:
        kw["dtype"] = np.dtype(kw["dtype"])
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        try:
            r = np.asarray(getattr(np, op)(a, **kw))
        except Exception as e:  # noqa: BLE001
            return {"error": type(e).__name__, "message": str(e)}
    res = {
        "dtype": r.dtype.name,
        "shape": list(r.shape),
        "bytes": np.ascontiguousarray(r).tobytes().hex(),
        "warnings": sorted({str(x.message) for x in w}),
    }
    if r.ndim > 0:
        res["strides"] = list(r.strides)
    return res


def layouts(rng, shape):
    """A few layouts of an array whose *final* shape is derived from `shape`."""
    nd = len(shape)
    out = [(list(shape), None, None)]
    if nd >= 2:
        perm = list(range(nd))[::-1]
        out.append(([shape[p] for p in perm], perm, None))
    base = [s * 2 for s in shape]
    out.append((base, None, [[None, None, 2]] * nd))
    rev = list(shape)
    sl = [[None, None, None]] * nd
    k = rng.randrange(nd)
    sl = [list(s) for s in sl]
    sl[k] = [None, None, -1]
    out.append((rev, None, sl))
    if nd >= 2:
        base = [s * 3 if i == nd - 1 else s for i, s in enumerate(shape)]
        out.append((base, list(range(nd))[::-1], [[None, None, 3] if i == 0 else [None, None, None] for i in range(nd)]))
    return out


def axis_choices(rng, nd):
    ch = [None] + list(range(nd)) + [-1]
    if nd >= 2:
        ch += [[0, nd - 1], [nd - 1, 0]]
    if nd >= 3:
        ch += [[0, 1], [1, 2], [0, 1, 2]]
    return ch


def main():
    rng = random.Random(20240601)
    cases = []
    seed = [1]

    def add(op, dtype, shape, gen, kw, perm=None, slices=None, specials=None, tag=""):
        seed[0] += 1
        c = {"op": op, "dtype": dtype, "shape": shape, "gen": dict(gen, seed=seed[0]), "kw": kw,
             "perm": perm, "slices": slices, "tag": tag}
        if specials:
            c["specials"] = specials
        c["expect"] = run(c)
        # Keep the table small: results larger than 4 KiB are left out (the cumulative float16
        # saturation case is the one big result kept on purpose).
        if len(c["expect"].get("bytes", "")) > 8192 and tag != "cum16":
            return
        cases.append(c)

    f32 = {"kind": "float", "bits": 24, "elo": -12, "ehi": 8}
    f16 = {"kind": "float", "bits": 11, "elo": -6, "ehi": 0}
    f64 = {"kind": "float", "bits": 53, "elo": -40, "ehi": 30}
    small = {"kind": "int", "lo": -100, "hi": 100}
    tiny = {"kind": "int", "lo": -3, "hi": 3}
    boolean = {"kind": "bool"}

    # float32 sums: exact order across layouts and axes (the core of this table).
    shapes = [[1000], [20000], [8193], [37, 300], [300, 37], [9, 1000], [1000, 50], [130, 130],
              [3, 10000], [5000, 3], [4, 50, 60], [60, 4, 50], [7, 8, 200], [2, 3, 4, 5]]
    for shape in shapes:
        for base, perm, slices in layouts(rng, shape):
            nd = len(shape)
            for axis in rng.sample(axis_choices(rng, nd), min(3, len(axis_choices(rng, nd)))):
                kw = {"axis": axis, "keepdims": rng.random() < 0.3}
                add("sum", "float32", base, f32, kw, perm, slices, tag="f32sum")
    # float32 sums and means with a buffered cast / other float types.
    for shape in [[20000], [300, 37], [1000, 50], [4, 50, 60]]:
        for base, perm, slices in layouts(rng, shape)[:3]:
            for axis in [None, 0, -1]:
                add("sum", "float16", base, f16, {"axis": axis}, perm, slices, tag="f16sum")
                add("mean", "float16", base, f16, {"axis": axis}, perm, slices, tag="f16mean")
                add("sum", "float64", base, f64, {"axis": axis}, perm, slices, tag="f64sum")
                add("sum", "float32", base, f32, {"axis": axis, "dtype": "float64"}, perm, slices, tag="castsum")
                add("mean", "float32", base, f32, {"axis": axis}, perm, slices, tag="f32mean")
                add("sum", "complex64", base, f32, {"axis": axis}, perm, slices, tag="c64sum")
    # integer and bool reductions: result dtypes and values.
    for dt in ["int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64", "bool"]:
        gen = boolean if dt == "bool" else ({"kind": "int", "lo": 0, "hi": 100} if dt.startswith("u") else small)
        for op in ["sum", "prod", "min", "max", "argmin", "argmax", "all", "any", "mean", "cumsum", "cumprod"]:
            g = tiny if op in ("prod", "cumprod") and dt != "bool" else gen
            if op in ("prod", "cumprod") and dt.startswith("u"):
                g = {"kind": "int", "lo": 0, "hi": 3}
            shape = [6, 7]
            for axis in [None, 0, 1]:
                kw = {"axis": axis}
                if op not in ("cumsum", "cumprod", "argmin", "argmax"):
                    kw["keepdims"] = rng.random() < 0.3
                add(op, dt, shape, g, kw, tag="int")
    # float min/max/arg with NaN and infinities; complex lexicographic order.
    for dt in ["float16", "float32", "float64", "complex64", "complex128"]:
        for op in ["min", "max", "argmin", "argmax", "sum", "prod", "mean", "var", "std", "cumsum", "cumprod", "all", "any"]:
            for specials in [[], [[5, "nan"]], [[3, "inf"], [17, "-inf"]], [[2, "nan"], [9, "nan"]]]:
                if dt.startswith("complex") and specials and specials[0][1] == "nan" and rng.random() < 0.5:
                    specials = [[specials[0][0], "nanj"]]
                axis = rng.choice([None, 0, 1])
                g = tiny if op in ("prod", "cumprod") else (f16 if dt == "float16" else f32)
                add(op, dt, [4, 6], g, {"axis": axis}, specials=specials, tag="special")
    # mean / var / std over layouts, ddof, dtypes.
    for dt, g in [("float32", f32), ("float64", f64), ("int16", small), ("complex64", f32), ("float16", f16), ("bool", boolean)]:
        for shape in [[50, 40], [3, 4, 50]]:
            for base, perm, slices in layouts(rng, shape)[:3]:
                for op in ["mean", "var", "std"]:
                    axis = rng.choice(axis_choices(rng, len(shape)))
                    kw = {"axis": axis, "keepdims": rng.random() < 0.3}
                    if op != "mean":
                        kw["ddof"] = rng.choice([0, 1, 2.5])
                    add(op, dt, base, g, kw, perm, slices, tag="stats")
    # cumulative ops: float16 saturation, axis None of layouts.
    add("cumsum", "float16", [5000], {"kind": "int", "lo": 1, "hi": 1}, {}, tag="cum16")
    add("sum", "float16", [5000], {"kind": "int", "lo": 1, "hi": 1}, {}, tag="sum16")
    for shape in [[6, 7], [3, 4, 5]]:
        for base, perm, slices in layouts(rng, shape):
            for op in ["cumsum", "cumprod"]:
                axis = rng.choice([None, 0, -1])
                add(op, "float32", base, tiny if op == "cumprod" else f32, {"axis": axis}, perm, slices, tag="cum")
    # empty arrays.
    for shape, axis in [([0], None), ([0, 3], 0), ([0, 3], 1), ([3, 0], 1), ([0, 0], 1), ([2, 0, 3], [0, 2])]:
        for op in ["sum", "prod", "max", "min", "argmax", "argmin", "mean", "var", "all", "any", "cumsum"]:
            kw = {"axis": axis}
            if op in ("argmax", "argmin", "cumsum") and isinstance(axis, list):
                continue
            add(op, "float64", shape, f64, kw, tag="empty")
    # errors raised when the operation is written.
    add("sum", "float64", [2, 3], f64, {"axis": 2}, tag="error")
    add("sum", "float64", [2, 3], f64, {"axis": [0, -2]}, tag="error")
    add("max", "float64", [2, 3], f64, {"axis": -3}, tag="error")
    add("cumsum", "float64", [2, 3], f64, {"axis": 2}, tag="error")
    add("argmax", "float64", [2, 3], f64, {"axis": 5}, tag="error")

    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump({"numpy": np.__version__, "cases": cases}, f, separators=(",", ":"))
        f.write("\n")
    print(f"{len(cases)} cases -> {os.path.relpath(OUT)} ({os.path.getsize(OUT)} bytes)")


if __name__ == "__main__":
    main()
