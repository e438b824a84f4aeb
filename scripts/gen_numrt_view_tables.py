#!/usr/bin/env python3
"""Generate the NumPy reference tables that numrt's view, indexing and creation tests check.

Run from the repository root with the project's NumPy:

    .venv/bin/python scripts/gen_numrt_view_tables.py

It writes JSON files under numrt/tests/data/views/ (fixed seeds, so reruns are identical):

- index_get.json   `a[index]` for random shapes and index tuples (ints, slices with any steps,
                   `...`, newaxis, integer arrays, boolean masks, 0-d arrays), on C-ordered and
                   transposed bases: result shape and contents, strides for basic indexes, or
                   the exception.
- index_set.json   `a[index] = value` with values of broadcastable (or not) shapes: the whole
                   array afterwards, or the exception.
- layout.json      reshape (view or copy, NumPy's strides), transpose, swapaxes, moveaxis,
                   squeeze, expand_dims, broadcast_to on strided bases, with errors.
- creation.json    arange, linspace, eye: dtype, shape and exact contents, or the exception.
- nested.json      np.array(nested data, dtype=...): inferred dtype, shape, contents, or the
                   exception (ragged inputs, out-of-range Python ints, NaN to int, ...).
- memory.json      the text of NumPy's MemoryError for array allocations of many sizes.

Encoding:
- Array contents are `np.ascontiguousarray(x).tobytes().hex()` (little-endian, exact bits).
- Python ints are decimal strings; Python floats are repr() strings ("nan", "inf" included).
- Index items: {"int": i}, {"slice": [start, stop, step]} (null for omitted), "...",
  "newaxis", {"ints": array}, {"mask": array}; an array is {"dtype", "shape", "hex"}.
- Nested data: {"bool": b}, {"int": "123"}, {"float": "0.1"}, {"complex": ["1.0", "2.0"]},
  {"scalar": array of shape []}, {"list": [...]}, {"array": array}.
- An exception is {"error": ClassName, "message": str(e)}.
"""

import json
import random
import warnings
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent.parent / "numrt" / "tests" / "data" / "views"

warnings.simplefilter("ignore")


def enc_array(x):
    x = np.asarray(x)
    return {"dtype": x.dtype.name, "shape": list(x.shape), "hex": np.ascontiguousarray(x).tobytes().hex()}


def enc_error(e):
    return {"error": type(e).__name__, "message": str(e)}


def outcome(f):
    try:
        return f(), None
    except Exception as e:  # noqa: BLE001 - every NumPy exception is recorded
        return None, enc_error(e)


def owner(x):
    return x if x.base is None else x.base


# ---------------------------------------------------------------- indexing

def rand_shape(rng, max_nd=4):
    nd = rng.choice([0, 1, 1, 2, 2, 2, 3, 3, 4][: max_nd * 2 + 1])
    return tuple(rng.choice([0, 1, 2, 3, 3, 4, 5]) if rng.random() < 0.1 else rng.choice([1, 2, 3, 4, 5])
                 for _ in range(nd))


def rand_bound(rng, dim):
    if rng.random() < 0.25:
        return None
    return rng.randint(-dim - 3, dim + 3)


def rand_slice(rng, dim):
    step = None
    if rng.random() < 0.5:
        step = rng.choice([1, 2, 3, -1, -2, -3, 7, -7])
        if rng.random() < 0.02:
            step = 0
    return slice(rand_bound(rng, dim), rand_bound(rng, dim), step)


def rand_int(rng, dim):
    if rng.random() < 0.08:
        return rng.choice([dim, -dim - 1, dim + 5])
    return rng.randint(-dim, dim - 1) if dim > 0 else 0


def rand_int_array(rng, dim):
    nd = rng.choice([0, 1, 1, 1, 2])
    shape = tuple(rng.randint(1, 3) for _ in range(nd))
    vals = [rand_int(rng, dim) for _ in range(int(np.prod(shape, dtype=int)))]
    dtype = rng.choice(["int64", "int64", "int32", "uint8", "int8"])
    arr = np.array(vals, dtype=np.int64).reshape(shape)
    if dtype != "int64":
        if dtype.startswith("u"):
            arr = np.abs(arr)
        arr = arr.astype(dtype)
    return arr


def rand_mask(rng, dims):
    shape = list(dims)
    if shape and rng.random() < 0.05:
        shape[0] += 1
    return np.array([rng.random() < 0.5 for _ in range(int(np.prod(shape, dtype=int)))], dtype=bool).reshape(shape)


def rand_index(rng, shape, advanced):
    items, axis, used_ellipsis = [], 0, False
    while axis < len(shape) and rng.random() < 0.85:
        r = rng.random()
        dim = shape[axis]
        if r < 0.08 and not used_ellipsis:
            items.append(Ellipsis)
            used_ellipsis = True
            axis = len(shape) - rng.randint(0, len(shape) - axis)
            continue
        if r < 0.15:
            items.append(None)
            continue
        if advanced and r < 0.45:
            items.append(rand_int_array(rng, dim))
        elif advanced and r < 0.55:
            k = rng.randint(1, len(shape) - axis)
            items.append(rand_mask(rng, shape[axis:axis + k]))
            axis += k
            continue
        elif r < 0.35:
            items.append(rand_int(rng, dim))
        else:
            items.append(rand_slice(rng, dim))
        axis += 1
    if rng.random() < 0.04:
        items.append(0)  # often one index too many
    if advanced and rng.random() < 0.05:
        items.append(np.bool_(rng.random() < 0.5))
    if not advanced and rng.random() < 0.03:
        items.append(Ellipsis)
        items.append(Ellipsis)
    return tuple(items)


def enc_item(it):
    if it is Ellipsis:
        return "..."
    if it is None:
        return "newaxis"
    if isinstance(it, slice):
        return {"slice": [it.start, it.stop, it.step]}
    if isinstance(it, (int, np.integer)) and not isinstance(it, (bool, np.bool_)):
        return {"int": int(it)}
    a = np.asarray(it)
    return {"mask": enc_array(a)} if a.dtype == bool else {"ints": enc_array(a)}


def make_base(rng, shape):
    """An int64 array of `shape`, C-ordered or a transposed view."""
    n = int(np.prod(shape, dtype=int))
    if len(shape) >= 2 and rng.random() < 0.3:
        base = np.arange(n, dtype=np.int64).reshape(shape[::-1]).T
        return base, "transposed"
    return np.arange(n, dtype=np.int64).reshape(shape), "c"


def index_get_cases(rng, count):
    cases = []
    for k in range(count):
        shape = rand_shape(rng)
        base, layout = make_base(rng, shape)
        idx = rand_index(rng, shape, advanced=k % 2 == 1)
        case = {"shape": list(shape), "layout": layout, "index": [enc_item(i) for i in idx]}
        r, err = outcome(lambda: base[idx])
        if err:
            case.update(err)
        else:
            r = np.asarray(r)
            case["result"] = enc_array(r)
            basic = all(not isinstance(i, np.ndarray) and not isinstance(i, np.bool_) for i in idx)
            if basic:
                case["strides"] = list(r.strides)
        cases.append(case)
    return cases


def rand_value_shape(rng, shape):
    r = rng.random()
    if r < 0.4:
        return shape
    if r < 0.6:
        return shape[rng.randint(0, len(shape)):] if shape else ()
    if r < 0.8:
        return tuple(1 if rng.random() < 0.5 else d for d in shape)
    if r < 0.9:
        return (1,) + tuple(shape)
    return tuple(d + 1 for d in shape) or (2,)


# (shape, index, value shape): NumPy's special assignment paths (full integer index, one mask of
# the array's shape, 0-d masks and 0-d integer arrays).
FIXED_SET = [
    ((), (), (1,)), ((), (), (1, 1)), ((), (Ellipsis,), (1, 1)), ((), (np.True_,), ()),
    ((), (np.array(True),), (1,)), ((), (np.array(False),), (3,)), ((3,), (np.True_,), (1, 3)),
    ((3,), (np.array(0),), (1,)), ((2, 2), (np.array(0), np.array(1)), (1,)), ((2, 2), (0, 1), ()),
    ((2, 3), (np.ones((2, 3), bool),), (2, 3)), ((2, 3), (np.ones((2, 3), bool),), (5,)),
    ((2, 3), (np.ones((2, 3), bool),), (1,)), ((2, 3), (np.zeros((2, 3), bool),), (2,)),
    ((2, 3), (np.ones((2,), bool),), (2,)), ((4,), (np.array([0, 0, 3, 0]),), (4,)),
]


def index_set_cases(rng, count):
    cases = []
    plans = [(shape, idx, vshape) for shape, idx, vshape in FIXED_SET]
    for k in range(count):
        shape = rand_shape(rng)
        idx = rand_index(rng, shape, advanced=k % 3 != 0)
        plans.append((shape, idx, None))
    for shape, idx, vshape in plans:
        base, layout = make_base(rng, shape)
        got, _ = outcome(lambda: np.asarray(base[idx]).shape)
        if vshape is None:
            vshape = rand_value_shape(rng, got if got is not None else (rng.randint(1, 3),))
        n = int(np.prod(vshape, dtype=int))
        value = (np.arange(n, dtype=np.float64) * 1.5 + 100).reshape(vshape)
        case = {"shape": list(shape), "layout": layout, "index": [enc_item(i) for i in idx],
                "value": enc_array(value)}

        def assign():
            base[idx] = value
            return base

        r, err = outcome(assign)
        if err:
            case.update(err)
        else:
            case["result"] = enc_array(r)
        cases.append(case)
    return cases


# ---------------------------------------------------------------- layout

def factorizations(rng, n, nd):
    dims = []
    rest = n
    for _ in range(nd - 1):
        divs = [d for d in range(1, rest + 1) if rest % d == 0] if rest else [0, 1, 2]
        d = rng.choice(divs)
        dims.append(d)
        rest = rest // d if d else rest
    dims.append(rest if (n or not dims or 0 in dims) else 0)
    rng.shuffle(dims)
    return dims


def strided_base(rng):
    shape = rand_shape(rng)
    n = int(np.prod(shape, dtype=int))
    a = np.arange(n, dtype=np.float64).reshape(shape)
    idx = tuple(rand_slice(rng, d) if rng.random() < 0.5 else slice(None) for d in shape)
    idx = tuple(slice(s.start, s.stop, s.step or 1) if s.step != 0 else slice(None) for s in idx)
    b = a[idx] if idx else a[...]
    if b.ndim >= 2 and rng.random() < 0.3:
        b = b.T
    return a, b


def layout_result(base, r):
    d = enc_array(r)
    d["strides"] = list(r.strides)
    d["view"] = owner(r) is owner(base)
    d["readonly"] = not r.flags.writeable
    return d


def layout_cases(rng, count):
    cases = []
    for k in range(count):
        a, b = strided_base(rng)
        op = ["reshape", "reshape", "reshape", "transpose", "swapaxes", "moveaxis", "squeeze",
              "expand_dims", "broadcast_to"][k % 9]
        nd = b.ndim
        if op == "reshape":
            new = factorizations(rng, b.size, rng.randint(0, 4)) if rng.random() < 0.9 else [b.size + 1]
            if new and rng.random() < 0.3:
                new[rng.randrange(len(new))] = -1
            if rng.random() < 0.03:
                new = [-1, -1]
            arg = new
            f = lambda: b.reshape(new)
        elif op == "transpose":
            axes = list(range(nd))
            rng.shuffle(axes)
            if rng.random() < 0.2:
                axes = None
            elif rng.random() < 0.15 and nd:
                axes[0] = axes[-1] if rng.random() < 0.5 else nd + 1
            elif rng.random() < 0.1:
                axes = axes[:-1]
            arg = axes
            f = lambda: b.transpose(axes) if axes is not None else b.transpose()
        elif op == "swapaxes":
            arg = [rng.randint(-nd - 1, nd), rng.randint(-nd - 1, nd)]
            f = lambda: b.swapaxes(*arg)
        elif op == "moveaxis":
            src = rng.sample(range(nd), rng.randint(0, nd)) if nd else []
            dst = rng.sample(range(nd), len(src)) if nd else []
            if rng.random() < 0.1:
                dst = dst + [0]
            arg = [src, dst]
            f = lambda: np.moveaxis(b, src, dst)
        elif op == "squeeze":
            ones = [i for i in range(nd) if b.shape[i] == 1]
            axes = None if rng.random() < 0.3 else (rng.sample(ones, rng.randint(0, len(ones))) if ones else [])
            if axes is not None and rng.random() < 0.2 and nd:
                axes.append(rng.randint(-nd - 1, nd))
            arg = axes
            f = lambda: b.squeeze(tuple(axes)) if axes is not None else b.squeeze()
        elif op == "expand_dims":
            m = rng.randint(1, 2)
            axes = [rng.randint(-nd - m - 1, nd + m) for _ in range(m)]
            arg = axes
            f = lambda: np.expand_dims(b, tuple(axes))
        else:
            target = list(b.shape)
            if rng.random() < 0.5:
                target = [rng.randint(1, 3)] + target
            target = [rng.choice([d, 2, 3]) if d == 1 else d for d in target]
            if rng.random() < 0.15:
                target = target[1:] if target else [2]
            if rng.random() < 0.1 and target:
                target[-1] += 1
            arg = target
            f = lambda: np.broadcast_to(b, target)
        case = {"base_shape": list(a.shape), "op": op, "arg": arg}
        # Record the exact base layout so the Rust side can rebuild it without replaying NumPy.
        case["view"] = {"shape": list(b.shape), "strides": list(b.strides),
                        "offset": int(b.__array_interface__["data"][0] - a.__array_interface__["data"][0])}
        r, err = outcome(f)
        case.update(err if err else {"result": layout_result(b, r)})
        cases.append(case)
    return cases


# ---------------------------------------------------------------- creation

def enc_py(x):
    if isinstance(x, bool):
        return {"bool": x}
    if isinstance(x, int):
        return {"int": str(x)}
    if isinstance(x, float):
        return {"float": repr(x)}
    if isinstance(x, complex):
        return {"complex": [repr(x.real), repr(x.imag)]}
    raise TypeError(x)


def safe_arange_length(vals):
    """False for arguments whose result NumPy would really try to allocate at a huge size (those
    would exhaust this machine's memory instead of raising)."""
    start, stop, step = (0, vals[0], 1) if len(vals) == 1 else (vals + [1])[:3]
    try:
        n = (stop - start) / step
        n = max(n.real, n.imag) if isinstance(n, complex) else n
    except (ZeroDivisionError, OverflowError):
        return True
    return not (n != n) and not (10**6 < n < 2**52)


def creation_cases(rng):
    cases = []
    ints = [0, 1, 2, 3, 5, 7, 10, -3, -5, 250, 300, 2**31, 2**62, 2**63 - 5, 2**63, 2**64]
    floats = [0.0, 0.1, 0.5, 1.5, -2.5, 1e-3, 3.3, 1e300, float("inf"), float("nan"), -0.0]
    dtypes = [None, None, None, "bool", "int8", "uint8", "int16", "int32", "uint32", "int64", "uint64",
              "float16", "float32", "float64", "complex64", "complex128"]
    args = []
    for _ in range(400):
        n = rng.choice([1, 2, 3, 3, 3])
        pool = lambda: rng.choice([rng.choice(ints), rng.choice(floats), rng.randint(-20, 20),
                                   round(rng.uniform(-10, 10), rng.randint(0, 3)), rng.choice([True, False]),
                                   complex(rng.randint(-3, 3), rng.randint(-3, 3))] if rng.random() < 0.05 else
                                  [rng.randint(-20, 20), round(rng.uniform(-10, 10), rng.randint(0, 3)),
                                   rng.choice(ints), rng.choice(floats)])
        vals = [pool() for _ in range(n)]
        if n == 3 and rng.random() < 0.6:
            vals[2] = rng.choice([1, 2, -1, -2, 0.1, 0.25, -0.3, 3, 0.7, 1e-3])
        if n == 3 and rng.random() < 0.03:
            vals[2] = rng.choice([0, 0.0])
        args.append((vals, rng.choice(dtypes)))
    args += [([0, 5, 0], None), ([0.0, 5, 0], None), ([0, 1, 0.1], None), ([1, 2, 0.1], None),
             ([1, 2, 0.1], "float16"), ([0.1, 1, 0.3], "float32"), ([0, 1000, 100], "int8"),
             ([250, 270], "uint8"), ([-5, 5], "uint8"), ([0, 2**63], None), ([0, 2**64], None),
             ([2], "bool"), ([3], "bool"), ([0, 2, 1.5], "bool"), ([1, 5, 1], "complex128"),
             ([0, 3 + 1j, 1], None), ([3j], None), ([0.5], "int64"), ([0.5, 5, 1], "int64"),
             ([10, 0, -3], None), ([0, 1e300, 1e-300], None), ([2**63 - 5, 2**63], None)]
    for vals, dt in args:
        if not safe_arange_length(vals):
            continue
        case = {"fn": "arange", "args": [enc_py(v) for v in vals], "dtype": dt}
        r, err = outcome(lambda: np.arange(*vals, dtype=dt))
        if err is None and r.dtype == object:
            err = {"error": "object", "message": "object dtype"}
        case.update(err if err else {"result": enc_array(r)})
        cases.append(case)
    for _ in range(250):
        start = rng.choice([0, 1, -1, 2.5, -3.25, 10, 0.1, 1e-300, 1e300, 5, rng.uniform(-100, 100)])
        stop = rng.choice([0, 1, -1, 2.5, 7.75, 10, 100, 1e-300, 5, rng.uniform(-100, 100)])
        if rng.random() < 0.05:
            start = complex(rng.randint(-3, 3), rng.randint(-3, 3))
        num = rng.choice([0, 1, 2, 3, 5, 7, 10, 50, rng.randint(0, 100)])
        if rng.random() < 0.03:
            num = -1
        endpoint = rng.random() < 0.7
        dt = rng.choice([None, None, None, "float32", "float16", "int64", "int8", "uint8", "bool", "complex64"])
        case = {"fn": "linspace", "args": [enc_py(start), enc_py(stop)], "num": num, "endpoint": endpoint, "dtype": dt}
        r, err = outcome(lambda: np.linspace(start, stop, num, endpoint=endpoint, dtype=dt))
        case.update(err if err else {"result": enc_array(r)})
        cases.append(case)
    for n, m, k, dt in [(3, None, 0, "float64"), (3, 4, 1, "int8"), (4, 2, -1, "bool"), (3, None, 5, "float64"),
                        (0, None, 0, "float64"), (2, 5, -3, "complex64"), (5, 3, 2, "uint16"), (1, 1, 0, "float16")]:
        case = {"fn": "eye", "n": n, "m": m, "k": k, "dtype": dt}
        case["result"] = enc_array(np.eye(n, m, k, dtype=dt))
        cases.append(case)
    return cases


# ---------------------------------------------------------------- nested

SCALAR_TYPES = ["bool", "int8", "uint8", "int16", "int32", "uint32", "int64", "uint64", "float16", "float32",
                "float64", "complex64", "complex128"]


def rand_leaf(rng):
    r = rng.random()
    if r < 0.1:
        return rng.random() < 0.5
    if r < 0.4:
        return rng.choice([0, 1, -1, 7, 127, 128, 255, 256, 300, -129, 2**31, 2**63 - 1, 2**63, 2**64 - 1, -2**63])
    if r < 0.6:
        return rng.choice([0.0, -0.0, 0.5, -2.75, 1e20, 300.7, float("nan"), float("inf"), 1e-50, 65520.0])
    if r < 0.65:
        return complex(rng.choice([0, 1.5, -2]), rng.choice([0, 1, -0.5]))
    t = rng.choice(SCALAR_TYPES)
    v = rng.choice([0, 1, 3, -1, 200, 300.7, 1e5, float("nan"), 2.5])
    with np.errstate(all="ignore"):
        return np.array(v).astype(t)[()]


def rand_nested(rng, shape):
    if not shape:
        return rand_leaf(rng)
    if rng.random() < 0.1:
        t = rng.choice(["int8", "float32", "int64", "bool", "uint16"])
        n = int(np.prod(shape, dtype=int))
        return (np.arange(n) * 37 % 301).astype(t).reshape(shape)
    items = [rand_nested(rng, shape[1:]) for _ in range(shape[0])]
    if rng.random() < 0.05 and items:
        items[-1] = [items[-1], items[-1]] if rng.random() < 0.5 else rand_leaf(rng)
    return items


def enc_nested(x):
    if isinstance(x, list):
        return {"list": [enc_nested(i) for i in x]}
    if isinstance(x, np.ndarray):
        return {"array": enc_array(x)}
    if isinstance(x, np.generic):
        return {"scalar": enc_array(np.asarray(x))}
    return enc_py(x)


def nested_cases(rng, count):
    cases = []
    fixed = [
        [np.float32(1), 2.0], [np.int8(1), 300], [np.uint8(1), -1], [np.float16(1), np.int16(1)],
        [2**63], [2**64], [-1, 2**63], [[1, 2], [3]], [[1, [2]], [3, 4]], [[], []], [[], [1]], [],
        [np.zeros(2, np.int8), [300, 1]], [np.zeros((2, 3)), [1, 2]], [[1], [[2]]], 5, True, 2.5, 1j,
        [True, 2], [True, 2.5j], [np.uint64(1), np.int64(-1)], [np.zeros((2, 0)), np.zeros((2, 1))],
    ]
    dts = [None, "uint8", "int8", "int64", "uint64", "float32", "bool", "complex64", "float16"]
    data = [(d, dt) for d in fixed for dt in (None, "int8", "float64")]
    for _ in range(count):
        shape = rand_shape(rng, 3)
        data.append((rand_nested(rng, shape), rng.choice(dts)))
    for d, dt in data:
        case = {"data": enc_nested(d), "dtype": dt}
        r, err = outcome(lambda: np.array(d, dtype=dt))
        if err is None and r.dtype == object:
            err = {"error": "object", "message": "object dtype"}
        case.update(err if err else {"result": enc_array(r)})
        cases.append(case)
    return cases


def memory_cases():
    """NumPy's MemoryError text for array allocations of many sizes."""
    from numpy._core._exceptions import _ArrayMemoryError

    cases = []
    for shape, dt in [((1,), "bool"), ((1000,), "bool"), ((1023,), "uint8"), ((1024,), "uint8"), ((1025,), "int8"),
                      ((1023, 1024), "uint8"), ((10**15,), "float64"), ((2**62,), "bool"), ((2**59,), "float64"),
                      ((3, 5, 7), "complex128"), ((123456789,), "float32"), ((2**50 - 1,), "uint8"), ((),
                      "float64"), ((0, 5), "int16"), ((999 * 2**20,), "uint8"), ((1023 * 2**20 + 2**19,), "uint8")]:
        e = _ArrayMemoryError(shape, np.dtype(dt))
        cases.append({"shape": list(shape), "dtype": dt, "bytes": str(e._total_size), "message": str(e)})
    return cases


def write(name, cases):
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / name).write_text(json.dumps(cases, separators=(",", ":")) + "\n")
    print(f"{name}: {len(cases)} cases")


def main():
    write("index_get.json", index_get_cases(random.Random(1), 1200))
    write("index_set.json", index_set_cases(random.Random(2), 600))
    write("layout.json", layout_cases(random.Random(3), 900))
    write("creation.json", creation_cases(random.Random(4)))
    write("nested.json", nested_cases(random.Random(5), 300))
    write("memory.json", memory_cases())


if __name__ == "__main__":
    main()
