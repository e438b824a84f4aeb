#!/usr/bin/env python3
"""Generate the NumPy reference texts that numrt/tests/format_*.rs check numrt::format against.

Run from the repository root with the project's NumPy (2.4):

    .venv/bin/python scripts/gen_format_tables.py

It writes under numrt/tests/data/format/:

- arrays.json   repr(a) and str(a) of arrays of every dtype: many shapes (0-d, empty, 1-d to
                4-d), random and corner values (nan, inf, -0.0, subnormals, extremes, values at
                the fixed/scientific cut-offs), rows that wrap at the line width, summarised
                arrays (> 1000 elements) and non-contiguous views (reversed, strided,
                transposed, broadcast). Cases under "options" are printed inside
                np.printoptions(**options).
- scalars.json  repr(s) and str(s) of NumPy scalars of every dtype, including a sweep of
                float16 bit patterns and random float32/float64/complex bit patterns.

Encoding: an array case stores the bytes of its base array (hex, native little-endian, C
order) and the view's byte offset, shape and byte strides into it, so the Rust side rebuilds
the exact view (and exact bit patterns). A scalar stores its bytes in hex.
"""

import json
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent.parent / "numrt" / "tests" / "data" / "format"
RNG = np.random.default_rng(20240611)

INTS = ["int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64"]
FLOATS = ["float16", "float32", "float64"]
COMPLEX = ["complex64", "complex128"]
ALL = ["bool"] + INTS + FLOATS + COMPLEX


# ---------------------------------------------------------------------------------------------
# Encoding
# ---------------------------------------------------------------------------------------------

def view_case(view, base, name, options=None):
    """One array case: `view` must be a view into the C-contiguous `base`."""
    assert base.flags.c_contiguous
    offset = view.__array_interface__["data"][0] - base.__array_interface__["data"][0]
    if view.size == 0:
        offset = 0
    assert 0 <= offset < max(base.nbytes, 1), name
    case = {
        "name": name,
        "dtype": view.dtype.name,
        "base": base.tobytes().hex(),
        "offset": int(offset),
        "shape": list(view.shape),
        "strides": [int(s) for s in view.strides],
    }
    if options:
        case["options"] = options
        with np.printoptions(**options):
            case["repr"], case["str"] = repr(view), str(view)
    else:
        case["repr"], case["str"] = repr(view), str(view)
    return case


def array_case(a, name, options=None):
    a = np.array(a)
    return view_case(a, a, name, options)


# ---------------------------------------------------------------------------------------------
# Values
# ---------------------------------------------------------------------------------------------

def random_values(dtype, n):
    """Random values of `dtype` spread over many magnitudes."""
    dt = np.dtype(dtype)
    if dt.kind == "b":
        return RNG.integers(0, 2, n).astype(bool)
    if dt.kind in "iu":
        info = np.iinfo(dt)
        style = RNG.integers(0, 3)
        if style == 0:
            return RNG.integers(info.min, info.max, n, dtype=dt, endpoint=True)
        if style == 1:
            return RNG.integers(max(info.min, -50), min(info.max, 50), n, endpoint=True).astype(dt)
        return RNG.integers(0, min(info.max, 1000), n).astype(dt)
    if dt.kind == "f":
        return random_floats(dt, n)
    part = np.dtype(f"float{dt.itemsize * 4}")
    with np.errstate(invalid="ignore"):
        re, im = random_floats(part, n), random_floats(part, n)
    z = np.empty(n, dt)
    z.real, z.imag = re, im
    return z


def random_floats(dt, n):
    style = RNG.integers(0, 6)
    if style == 0:  # small positional values
        v = RNG.normal(0, 10, n).round(RNG.integers(0, 5))
    elif style == 1:  # wide magnitudes
        v = RNG.choice([-1, 1], n) * 10.0 ** RNG.uniform(-12, 12, n)
    elif style == 2:  # integers stored as floats
        v = RNG.integers(-1000, 1000, n).astype(float)
    elif style == 3:  # uniform in [0, 1)
        v = RNG.random(n)
    elif style == 4:  # random bit patterns of the type
        bits = RNG.integers(0, 2 ** (8 * dt.itemsize), n, dtype=np.uint64)
        v = bits.astype(f"u{dt.itemsize}").view(dt)
        return v
    else:  # moderate magnitudes
        v = RNG.normal(0, 1, n) * 10.0 ** RNG.integers(-3, 6)
    with np.errstate(over="ignore"):
        return v.astype(dt)


FLOAT_CORNERS = [
    [np.nan], [np.inf], [-np.inf], [-0.0], [0.0], [np.nan, 1.0], [np.inf, -np.inf, np.nan],
    [-0.0, 0.0, 1.5], [1e-4, 1.0], [9.99e-5, 1.0], [1.0, 1000.0], [1.0, 1001.0], [1e8], [9.9e7],
    [1e16], [1e-16, 1.0], [1e300, 1e-300], [5e-324], [1.7976931348623157e308], [0.1, 0.2, 0.3],
    [1.0, 2.5, 3.0], [123456.789], [0.5, -0.25, np.nan, -np.inf], [1e3], [999.0, 1.0],
    [1e6], [999999.0, 1.0], [65504.0], [6e-8, 1.0], [1 / 3, 2 / 3], [100.0, 0.001],
    [-1e-5], [12345678.9], [0.0, 0.0], [np.nan, np.nan], [-np.inf], [1e22, 1e23],
    [0.30000000000000004], [2.0 ** 53, 2.0 ** 53 + 2], [1.23456789012, 1.0],
]

COMPLEX_CORNERS = [
    [1 + 2j, -1j], [complex(np.nan, np.nan)], [complex(np.inf, 0)], [complex(0, np.inf)],
    [complex(-np.inf, -np.nan)], [0j, -0j], [complex(-0.0, 1)], [1.5 + 2j, complex(np.nan, 1),
    complex(np.nan, np.inf)], [1e-5 + 1e10j], [complex(1e20, 1e-20)], [1 + 1e-7j, 3 - 2j],
    [complex(0, -0.0)], [0.1 + 0.2j, 1e5 + 1j],
]


# ---------------------------------------------------------------------------------------------
# Array cases
# ---------------------------------------------------------------------------------------------

SHAPES = [(), (1,), (5,), (2, 3), (3, 1), (2, 3, 4), (2, 1, 2, 3), (1, 1, 1), (4, 4), (12,)]
EMPTY_SHAPES = [(0,), (0, 3), (3, 0), (2, 0, 4), (0, 0)]


def basic_cases():
    cases = []
    for dtype in ALL:
        for shape in SHAPES:
            for k in range(2):
                n = int(np.prod(shape))
                a = random_values(dtype, n).reshape(shape)
                cases.append(array_case(a, f"random {dtype} {shape} #{k}"))
        for shape in EMPTY_SHAPES:
            cases.append(array_case(np.zeros(shape, dtype), f"empty {dtype} {shape}"))
    return cases


def corner_cases():
    cases = []
    for dtype in FLOATS:
        for vals in FLOAT_CORNERS:
            with np.errstate(over="ignore"):
                a = np.array(vals).astype(dtype)
            cases.append(array_case(a, f"corner {dtype} {vals!r}"))
            if len(vals) == 1:
                cases.append(array_case(a.reshape(()), f"0-d {dtype} {vals!r}"))
    for dtype in COMPLEX:
        for vals in COMPLEX_CORNERS:
            a = np.array(vals, dtype=dtype)
            cases.append(array_case(a, f"corner {dtype} {vals!r}"))
            if len(vals) == 1:
                cases.append(array_case(a.reshape(()), f"0-d {dtype} {vals!r}"))
    for dtype in INTS:
        info = np.iinfo(dtype)
        for vals in ([info.min, info.max], [info.max], [info.min], [0], [-1 if info.min else 1, 7]):
            cases.append(array_case(np.array(vals, dtype=dtype), f"limits {dtype} {vals}"))
    for vals in ([True], [False], [True, False, True]):
        cases.append(array_case(np.array(vals), f"bool {vals}"))
    return cases


def wrap_cases():
    cases = []
    for dtype in ALL:
        for shape in [(30,), (3, 25), (2, 2, 20), (40,), (17,)]:
            a = random_values(dtype, int(np.prod(shape))).reshape(shape)
            cases.append(array_case(a, f"wrap {dtype} {shape}"))
    for n in range(18, 28):  # where `dtype=int8` moves to its own line
        cases.append(array_case(np.arange(n, dtype=np.int8), f"extras wrap int8 {n}"))
        cases.append(array_case(np.arange(n, dtype=np.float32) / 4, f"extras wrap float32 {n}"))
    cases.append(array_case(np.arange(100.0).reshape(10, 10) ** 3, "cubes 10x10"))
    cases.append(array_case(np.linspace(0, 1, 40), "linspace 40"))
    return cases


def strided_case(dtype, shape, item_strides, name):
    """A summarised-size view over a small random base (overlapping strides keep the committed
    data small while the printed corners still differ)."""
    need = 1 + sum((n - 1) * st for n, st in zip(shape, item_strides))
    base = np.array(random_values(dtype, need))
    size = base.dtype.itemsize
    v = np.lib.stride_tricks.as_strided(base, shape, [st * size for st in item_strides])
    return view_case(v, base, name)


def summary_cases():
    cases = []
    strided = [((40, 40), (2, 1)), ((11, 11, 11), (3, 2, 1)), ((3, 5, 100), (7, 3, 1))]
    for dtype in ALL:
        for shape, st in strided:
            cases.append(strided_case(dtype, shape, st, f"summary {dtype} {shape}"))
    for dtype in ("float64", "int16", "bool", "complex64"):
        cases.append(strided_case(dtype, (7, 7, 7, 7), (4, 3, 2, 1), f"summary {dtype} 4-d"))
    for dtype in ("float64", "float32", "float16", "int8", "uint64", "complex128", "bool"):
        cases.append(array_case(random_values(dtype, 1001), f"summary {dtype} (1001,)"))
    for dtype in ("float64", "int64"):
        for shape in ((1000, 2), (2, 1000)):
            cases.append(strided_case(dtype, shape, (1, 1), f"summary {dtype} {shape}"))
    cases.append(array_case(random_values("float64", 2000), "summary float64 (2000,)"))
    cases.append(array_case(random_values("float64", 1001).reshape(1, 1001), "summary (1, 1001)"))
    a = np.arange(1001.0)
    a[500] = np.nan  # hidden in the middle: not printed, not counted
    cases.append(array_case(a, "summary hidden nan"))
    a[-1] = np.inf
    cases.append(array_case(a, "summary shown inf"))
    cases.append(array_case(np.arange(1001), "summary arange int64"))
    b = np.arange(1002.0)
    v = np.lib.stride_tricks.as_strided(b, (3, 1000), (8, 8))
    cases.append(view_case(v, b, "summary overlapping (3, 1000)"))
    cases.append(array_case(np.zeros((1001, 0)), "empty but large shape"))
    return cases


def view_cases():
    cases = []
    for dtype in ALL:
        base = np.array(random_values(dtype, 60).reshape(6, 10))
        views = {
            "reversed": base[::-1],
            "stepped": base[1::2, ::3],
            "transposed": base.T,
            "neg stepped": base[::-2, ::-4],
            "column": base[:, 4],
            "element": base[2, 3, ...],
        }
        for vname, v in views.items():
            cases.append(view_case(v, base, f"view {vname} {dtype}"))
        small = np.array(random_values(dtype, 3))
        b = np.broadcast_to(small, (2, 4, 3))
        cases.append(view_case(b, small, f"broadcast {dtype}"))
    big = np.array(RNG.normal(size=(34, 34)))
    cases.append(view_case(big.T[::-1], big, "summarised reversed transpose"))
    return cases


def option_cases():
    cases = []
    opts = [
        {"precision": 3}, {"precision": 0}, {"sign": "+"}, {"sign": " "}, {"floatmode": "fixed"},
        {"floatmode": "unique"}, {"floatmode": "maxprec_equal"}, {"suppress": True},
        {"linewidth": 40}, {"threshold": 10}, {"threshold": 10, "edgeitems": 1},
        {"nanstr": "NaN", "infstr": "Infinity"}, {"floatmode": "fixed", "precision": 2},
        {"linewidth": 10}, {"threshold": 5, "edgeitems": 0}, {"threshold": 0}, {"linewidth": 0},
        {"threshold": 0, "edgeitems": 0},
        {"threshold": 5, "edgeitems": 1, "linewidth": 20, "precision": 4},
    ]
    arrays = [
        np.array([1.0, 2.5, -3.25, 1e-3]), np.array([1e-9, 1.0, 123.456]),
        np.array([np.nan, -np.inf, 0.5]), np.array([1 + 2j, -3.5 - 1e-3j]),
        np.arange(-5, 20, dtype=np.int16), np.arange(24.0).reshape(2, 3, 4) / 7,
        np.array([True, False]), np.array([0.0, -0.0]), np.array([1e-20, 5.0]),
        np.array([1.0, 2.0], dtype=np.float16), np.array([np.pi], dtype=np.float32),
        np.array([1, 2, 3, 1000] * 3), np.arange(12.0).reshape(3, 4) * 1.5, np.array(2.5),
        np.array(True), np.arange(60, dtype=np.uint8).reshape(3, 4, 5),
    ]
    for o in opts:
        for a in arrays:
            cases.append(array_case(a, f"options {o} {a.dtype}", options=o))
    return cases


# ---------------------------------------------------------------------------------------------
# Scalars
# ---------------------------------------------------------------------------------------------

def scalar_case(s):
    return {"dtype": s.dtype.name, "hex": s.tobytes().hex(), "repr": repr(s), "str": str(s)}


def scalar_cases():
    out = []
    out += [scalar_case(np.bool_(b)) for b in (True, False)]
    for dtype in INTS:
        info = np.iinfo(dtype)
        vals = [0, 1, 3, info.max, info.min] + list(random_values(dtype, 6))
        out += [scalar_case(np.dtype(dtype).type(v)) for v in vals]
    corners = [0.0, -0.0, 1.0, 1.5, 0.1, np.nan, -np.nan, np.inf, -np.inf, 1e-4, 9.99e-5, 1e3,
               999.5, 1e6, 999999.0, 1e16, 9999999999999998.0, 1e-5, 1e22, 5e-324, 65504.0,
               6e-8, 1.7976931348623157e308, 123.456, -2.5e-7, 3.14159265358979]
    for dtype in FLOATS:
        t = np.dtype(dtype).type
        with np.errstate(over="ignore"):
            out += [scalar_case(t(v)) for v in corners]
    half_bits = np.arange(0, 2 ** 16, 37, dtype=np.uint16)
    out += [scalar_case(b) for b in half_bits.view(np.float16)]
    out += [scalar_case(v) for v in RNG.integers(0, 2 ** 32, 400, dtype=np.uint64)
            .astype(np.uint32).view(np.float32)]
    out += [scalar_case(v) for v in RNG.integers(0, 2 ** 63, 400, dtype=np.uint64)
            .view(np.float64)]
    out += [scalar_case(v) for v in (10.0 ** RNG.uniform(-8, 20, 200)).astype(np.float32)]
    out += [scalar_case(v) for v in RNG.normal(0, 1, 200) * 10.0 ** RNG.integers(-6, 18, 200)]
    cvals = [1 + 2j, 1j, -1j, 0j, complex(-0.0, 0), complex(0, -0.0), complex(np.nan, np.nan),
             complex(np.inf, -np.inf), complex(0, np.nan), complex(1e20, 1e-20), 1.5 - 2.5j,
             complex(-0.0, 1), complex(np.nan, 1), complex(0, np.inf), complex(0, -np.inf)]
    for dtype in COMPLEX:
        t = np.dtype(dtype).type
        out += [scalar_case(t(v)) for v in cvals]
        out += [scalar_case(v) for v in random_values(dtype, 60)]
    return out


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    arrays = (basic_cases() + corner_cases() + wrap_cases() + summary_cases() + view_cases()
              + option_cases())
    scalars = scalar_cases()
    for name, data in (("arrays.json", arrays), ("scalars.json", scalars)):
        with open(OUT / name, "w") as f:
            json.dump(data, f, indent=0, separators=(",", ":"))
            f.write("\n")
    print(f"{len(arrays)} array cases, {len(scalars)} scalar cases")


if __name__ == "__main__":
    main()
