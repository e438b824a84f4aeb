#!/usr/bin/env python3
"""Generate the ufunc table and the NumPy reference data that ufuncs/tests/ check against.

Run from the repository root with the project's NumPy:

    .venv/bin/python scripts/gen_ufunc_tables.py

It writes:

- ufuncs/src/table_data.rs      the ufunc table as Rust data: NumPy's name (`np.divide.__name__`
                                is 'divide'; other spellings are aliases), nin, nout, identity and
                                the typed loops in NumPy's order (`np.<name>.types` filtered to the 14
                                dtypes numpypy has; 'q'/'Q' are int64/uint64 on Linux and their
                                duplicate loops are dropped, the mixed 'qQ'/'Qq' comparison loops
                                are kept). `real`, `imag` and `angle` are NumPy functions, not
                                ufuncs; their rows are derived from what np.real/np.imag/np.angle
                                return and are checked here.
- ufuncs/tests/data/resolution.json
    "plain":     every ufunc x every input combination of the 14 dtypes and the weak Python
                 int/float/complex (types only, `ufunc.resolve_dtypes`) -> loop or error.
    "weak":      array dtype (op) Python scalar *value*, both orders, for a set of ufuncs -> the
                 result dtype and values, the errstate flags, those of them NumPy reports as
                 "... encountered in cast" (the Python scalar's conversion), or the exception.
    "signature": random (inputs, dtype=, casting=) triples -> loop or error.
- ufuncs/tests/data/kernels.json
    For every ufunc and every loop: corner and random inputs -> NumPy's outputs and the errstate
    flags each element raises (1-element calls under np.errstate(all='warn'), the
    RuntimeWarnings recorded). Where one contiguous call over all cases (NumPy's SIMD loops)
    gives a different value, it is kept under "batch"; either value is NumPy's.

The SIMD code NumPy picks depends on the CPU (this data: AVX-512, see ufuncs/tests); values of
transcendental functions may then differ from the C library's by a few ULP.

Encoding: bool -> 0/1, integers -> JSON integers, floats -> bit patterns as unsigned integers,
complex -> [re_bits, im_bits]. Flags: DIVIDE=1, OVERFLOW=2, UNDERFLOW=4, INVALID=8 (FpFlags).
Exceptions are [class name, message].
"""

import json
import random
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
TABLE_RS = ROOT / "ufuncs" / "src" / "table_data.rs"
DATA = ROOT / "ufuncs" / "tests" / "data"

CHARS = "?bBhHiIlLefdFD"
NAMES = ["bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64",
         "float16", "float32", "float64", "complex64", "complex128"]
CHAR_NAME = dict(zip(CHARS, NAMES))
LONGLONG = {"q": "l", "Q": "L"}
CASTINGS = ["no", "equiv", "safe", "same_kind", "unsafe"]

UFUNCS = """add subtract multiply true_divide floor_divide remainder fmod power negative positive
absolute sign sqrt square reciprocal exp exp2 expm1 log log2 log10 log1p sin cos tan arcsin arccos
arctan arctan2 sinh cosh tanh arcsinh arccosh arctanh hypot floor ceil trunc rint minimum maximum
fmin fmax equal not_equal less less_equal greater greater_equal logical_and logical_or logical_xor
logical_not bitwise_and bitwise_or bitwise_xor invert left_shift right_shift isnan isinf isfinite
signbit copysign conjugate""".split()
FUNCS = ["real", "imag", "angle"]  # NumPy functions given table rows
# Other spellings of the same ufunc (NumPy's own name, `np.<x>.__name__`, is the table's).
ALIASES = {"true_divide": "divide", "mod": "remainder", "abs": "absolute",
           "conj": "conjugate", "bitwise_not": "invert"}

FLAG_BITS = {"divide by zero": 1, "overflow": 2, "underflow": 4, "invalid value": 8}


def npfunc(name):
    return getattr(np, name)


# ---------------------------------------------------------------------------------------------
# The table
# ---------------------------------------------------------------------------------------------

def loops_of(name):
    """NumPy's loops restricted to our dtypes, as 'ab->c' strings with 'q'/'Q' mapped."""
    out = []
    for t in npfunc(name).types:
        ins, res = t.split("->")
        sig = "".join(LONGLONG.get(c, c) for c in ins) + "->" + "".join(
            LONGLONG.get(c, c) for c in res)
        if all(c in CHARS for c in sig.replace("->", "")) and sig not in out:
            out.append(sig)
    return out


def func_loops(name):
    """Rows for real/imag/angle, checked against the dtypes the functions return."""
    if name in ("real", "imag"):
        loops = [c + "->" + c for c in CHARS[:12]] + ["F->f", "D->d"]
    else:
        loops = ["e->e", "f->f", "d->d", "F->f", "D->d"]
    for c in CHARS:
        got = np.asarray(npfunc(name)(np.ones(1, c))).dtype.char
        if c in "FD":
            want = {"F": "f", "D": "d"}[c]
        elif name == "angle":
            # np.angle of a real array is arctan2(0, x): resolved like a weak int and x.
            want = np.arctan2(0, np.ones(1, c)).dtype.char
        else:
            want = c
        assert got == want, (name, c, got, want)
    return loops


def identity_of(name):
    if name in FUNCS:
        return None
    ident = npfunc(name).identity
    if ident is None:
        return None
    return int(ident)


def table_rows():
    rows = []
    for name in UFUNCS + FUNCS:
        if name in FUNCS:
            rows.append((name, 1, 1, None, func_loops(name)))
        else:
            u = npfunc(name)
            rows.append((u.__name__, u.nin, u.nout, identity_of(name), loops_of(name)))
    return rows


def write_table_rs(rows):
    lines = [
        "//! GENERATED by `scripts/gen_ufunc_tables.py` from NumPy %s -- do not edit by hand." % np.__version__,
        "//!",
        "//! One row per ufunc: name, nin, nout, identity and NumPy's typed loops in NumPy's order",
        "//! (`np.<name>.types` restricted to numpypy's 14 dtypes; 'l'/'L' = int64/uint64, the",
        "//! duplicate 'q'/'Q' loops dropped). `real`, `imag` and `angle` are NumPy functions given",
        "//! table rows of their own. Kernels are attached in `table.rs`.",
        "",
        "/// One generated row.",
        "pub(crate) struct UfuncRow {",
        "    pub name: &'static str,",
        "    pub nin: usize,",
        "    pub nout: usize,",
        "    pub identity: Option<i64>,",
        "    pub loops: &'static [&'static str],",
        "}",
        "",
        "/// NumPy's spellings that name the same ufunc.",
        "pub(crate) const ALIASES: &[(&str, &str)] = &[",
    ]
    for a, b in ALIASES.items():
        lines.append('    ("%s", "%s"),' % (a, b))
    lines += ["];", "", "pub(crate) const ROWS: &[UfuncRow] = &["]
    for name, nin, nout, ident, loops in rows:
        ident_s = "None" if ident is None else "Some(%d)" % ident
        lines.append("    UfuncRow {")
        lines.append('        name: "%s",' % name)
        lines.append("        nin: %d," % nin)
        lines.append("        nout: %d," % nout)
        lines.append("        identity: %s," % ident_s)
        lines.append("        loops: &[")
        chunk = []
        for lp in loops:
            chunk.append('"%s"' % lp)
            if len(chunk) == 8:
                lines.append("            " + ", ".join(chunk) + ",")
                chunk = []
        if chunk:
            lines.append("            " + ", ".join(chunk) + ",")
        lines.append("        ],")
        lines.append("    },")
    lines.append("];")
    TABLE_RS.write_text("\n".join(lines) + "\n")


# ---------------------------------------------------------------------------------------------
# Value encoding and errstate capture
# ---------------------------------------------------------------------------------------------

def enc_value(x, char):
    x = np.asarray(x, dtype=char)[()]
    if char == "?":
        return int(bool(x))
    if char in "bBhHiIlL":
        return int(x)
    if char == "e":
        return int(np.array(x, np.float16).view(np.uint16))
    if char == "f":
        return int(np.array(x, np.float32).view(np.uint32))
    if char == "d":
        return int(np.array(x, np.float64).view(np.uint64))
    if char == "F":
        return [enc_value(x.real, "f"), enc_value(x.imag, "f")]
    if char == "D":
        return [enc_value(x.real, "d"), enc_value(x.imag, "d")]
    raise ValueError(char)


def enc_exc(e):
    return [type(e).__name__, str(e)]


class Flags:
    """The errstate reports of one call: bits and NumPy's messages ("overflow encountered in
    cast", "divide by zero encountered in divide", ...)."""

    def __init__(self, messages):
        self.messages = messages
        self.bits = 0
        for msg in messages:
            for k, v in FLAG_BITS.items():
                if msg.startswith(k):
                    self.bits |= v


def call_with_flags(f, *args, **kw):
    with np.errstate(all="warn"), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        r = f(*args, **kw)
    return r, Flags([str(w.message) for w in caught if w.category is RuntimeWarning])


def sig_of(dtypes):
    chars = "".join(LONGLONG.get(d.char, d.char) for d in dtypes)
    return chars


# ---------------------------------------------------------------------------------------------
# Resolution data
# ---------------------------------------------------------------------------------------------

WEAK_TYPES = {"int": int, "float": float, "complex": complex}
OPERANDS = list(CHARS) + ["int", "float", "complex"]


def op_label(o):
    return CHAR_NAME.get(o, o)


class Errors:
    """Deduplicated exception table: results refer to errors by index ("!<index>")."""

    def __init__(self):
        self.items = []

    def ref(self, e):
        item = enc_exc(e)
        if item not in self.items:
            self.items.append(item)
        return "!%d" % self.items.index(item)


def resolve_plain(name, ops, errors):
    """Loop signature chars ('bbb') for a ufunc, or the out dtype char for real/imag/angle."""
    f = npfunc(name)
    if name in FUNCS:
        (o,) = ops
        arg = {"int": 1, "float": 1.0, "complex": 1j}.get(o)
        arg = np.ones(1, o) if arg is None else arg
        return np.asarray(f(arg)).dtype.char.replace("q", "l").replace("Q", "L")
    args = tuple(WEAK_TYPES[o] if o in WEAK_TYPES else np.dtype(o) for o in ops)
    try:
        return sig_of(f.resolve_dtypes(args + (None,) * f.nout))
    except Exception as e:  # noqa: BLE001 - we record the exception
        return errors.ref(e)


def plain_cases(errors):
    """{ufunc: [result per operand combination]}; binary combinations in row-major order."""
    out = {}
    for name in UFUNCS + FUNCS:
        nin = 1 if name in FUNCS else npfunc(name).nin
        combos = [[o] for o in OPERANDS] if nin == 1 else [[a, b] for a in OPERANDS for b in OPERANDS]
        out[name] = [resolve_plain(name, ops, errors) for ops in combos]
    return out


WEAK_INTS = [1, -1, 127, 128, -129, 255, 256, 300, -300, 2**32, 2**63 - 1, 2**63, 2**64 - 1,
             2**64, -2**63 - 1]
WEAK_FLOATS = [1.5, 1e10, 1e39, 1e-50, float("nan")]
WEAK_COMPLEX = [1j, complex(1e39, 1)]
WEAK_UFUNCS = ["add", "subtract", "true_divide", "power", "maximum", "equal", "less",
               "greater_equal", "logical_and", "bitwise_and", "left_shift", "arctan2"]


def enc_weak(v):
    """Python scalars: ["bool", 0/1], ["int", "decimal"], ["float", bits], ["complex", [re, im]]."""
    if isinstance(v, bool):
        return ["bool", int(v)]
    if isinstance(v, int):
        return ["int", str(v)]
    if isinstance(v, float):
        return ["float", enc_value(v, "d")]
    return ["complex", [enc_value(v.real, "d"), enc_value(v.imag, "d")]]


def weak_cases(errors):
    """[ufunc, array dtype, weak_first, weak, result]; the array is np.array([0, 1], dtype).

    result: "!<error>" or [out dtype char, [values], flags, cast_flags] where cast_flags are the
    errstate reports "... encountered in cast" (the conversion of the Python scalar).
    """
    out = []
    values = [True] + WEAK_INTS + WEAK_FLOATS + WEAK_COMPLEX
    for name in WEAK_UFUNCS:
        f = npfunc(name)
        for c in CHARS:
            arr = np.array([0, 1], dtype=c)
            for v in values:
                for weak_first in (0, 1):
                    args = (v, arr) if weak_first else (arr, v)
                    try:
                        r, fl = call_with_flags(f, *args)
                        cast = sum(bit for msg in fl.messages for k, bit in FLAG_BITS.items()
                                   if msg.startswith(k) and msg.endswith("in cast"))
                        ch = r.dtype.char
                        res = [LONGLONG.get(ch, ch), [enc_value(x, ch) for x in r], fl.bits, cast]
                    except Exception as e:  # noqa: BLE001
                        res = errors.ref(e)
                    out.append([name, CHAR_NAME[c], weak_first, enc_weak(v), res])
    return out


def signature_cases(rng, per_ufunc, errors):
    """[ufunc, [operands], dtype or None, casting, result]; result is loop chars or "!<error>"."""
    out = []
    for name in UFUNCS:
        f = npfunc(name)
        for _ in range(per_ufunc):
            ops = [rng.choice(OPERANDS) for _ in range(f.nin)]
            if all(o in WEAK_TYPES for o in ops):
                continue
            dt = rng.choice([None] + list(CHARS))
            casting = rng.choice(CASTINGS)
            args = [{"int": 1, "float": 1.0, "complex": 1j}[o] if o in WEAK_TYPES else np.ones(1, o)
                    for o in ops]
            row = [name, [op_label(o) for o in ops], CHAR_NAME[dt] if dt else None, casting]
            try:
                with warnings.catch_warnings(), np.errstate(all="ignore"):
                    warnings.simplefilter("ignore")
                    f(*args, dtype=dt, casting=casting)
            except Exception as e:  # noqa: BLE001
                out.append(row + [errors.ref(e)])
                continue
            # resolve_dtypes(signature=...) crashes NumPy 2.4 on some error paths; it is only
            # asked once the call itself succeeded.
            rargs = tuple(WEAK_TYPES[o] if o in WEAK_TYPES else np.dtype(o) for o in ops)
            sig = (None,) * f.nin + ((np.dtype(dt),) if dt else (None,))
            r = f.resolve_dtypes(rargs + (None,), signature=sig, casting=casting)
            out.append(row + [sig_of(r)])
    return out


# ---------------------------------------------------------------------------------------------
# Kernel data
# ---------------------------------------------------------------------------------------------

def int_corners(c):
    info = np.iinfo(c)
    bits = info.bits
    vals = {0, 1, 2, 3, 5, 7, 8, bits - 1, bits, bits + 1, info.max, info.max - 1, 100}
    if info.min < 0:
        vals |= {-1, -2, -3, -7, -8, info.min, info.min + 1, -100}
    return sorted(v for v in vals if info.min <= v <= info.max)


def float_corners(c):
    fi = np.finfo(c)
    base = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 2.0, 3.0, -3.0, 7.0, 10.0,
            0.1, 1e-5, 100.0, -100.0, np.pi, np.e, 0.75, -0.75, 1.0000001, 0.9999999,
            float(fi.max), -float(fi.max), float(fi.tiny), float(fi.smallest_subnormal),
            -float(fi.smallest_subnormal), np.inf, -np.inf, np.nan, 30.0, 89.0, 710.0, -745.0,
            1e20, 65504.0, 12.0, -12.0, 1e-300]
    out = []
    for v in base:
        with np.errstate(all="ignore"):
            x = np.array(v, dtype=c)
        if all(enc_value(x, c) != enc_value(y, c) for y in out):
            out.append(x)
    return out


def random_values(c, rng, n):
    if c == "?":
        return [rng.random() < 0.5 for _ in range(n)]
    if c in "bBhHiIlL":
        info = np.iinfo(c)
        return [rng.randint(int(info.min), int(info.max)) if rng.random() < 0.5
                else rng.randint(-20, 20) if info.min < 0 else rng.randint(0, 40) for _ in range(n)]
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.4:
            v = rng.uniform(-10, 10)
        elif r < 0.8:
            v = rng.choice([-1, 1]) * 10 ** rng.uniform(-8, 8)
        else:
            v = float(rng.randint(-50, 50)) / 4
        out.append(v)
    return out


def values_for(c, rng, n_random):
    """Corner values followed by random ones, as numpy scalars of type c."""
    if c == "?":
        return [np.bool_(False), np.bool_(True)]
    if c in "bBhHiIlL":
        vals = int_corners(c) + random_values(c, rng, n_random)
        return [np.array(v, dtype=c)[()] for v in vals]
    if c in "efd":
        with np.errstate(all="ignore"):
            rnd = [np.array(v, dtype=c) for v in random_values(c, rng, n_random)]
        vals = float_corners(c) + rnd
        return [np.asarray(v, dtype=c)[()] for v in vals]
    real = "f" if c == "F" else "d"
    parts = float_corners(real)
    pick = [0.0, -0.0, 1.0, -1.0, 0.5, 2.0, -2.5, np.inf, -np.inf, np.nan, 1e-5, 100.0,
            float(np.finfo(real).max), float(np.finfo(real).tiny), 710.0]
    parts = [p for p in parts if any(enc_value(p, real) == enc_value(q, real) for q in pick)]
    vals = [complex(a, b) for a in parts for b in parts[::2]]
    rnd = random_values(real, rng, 2 * n_random)
    vals += [complex(rnd[2 * i], rnd[2 * i + 1]) for i in range(n_random)]
    with np.errstate(all="ignore"):
        return [np.array(v, dtype=c)[()] for v in vals]


def binary_cases(ins, rng):
    xs = values_for(ins[0], rng, 0)
    ys = values_for(ins[1], rng, 0)
    pairs = [(a, b) for a in xs for b in ys]
    if len(pairs) > 160:
        pairs = rng.sample(pairs, 160)
    rx = values_for(ins[0], rng, 40)[-40:] if ins[0] != "?" else xs
    ry = values_for(ins[1], rng, 40)[-40:] if ins[1] != "?" else ys
    pairs += [(rng.choice(rx), rng.choice(ry)) for _ in range(40 if ins[0] != "?" else 0)]
    return pairs


def run_case(f, inputs, out_char):
    """One element as a 1-element call: (output bits, errstate flags) or the exception."""
    arrs = [np.array([x]) for x in inputs]
    try:
        r, fl = call_with_flags(f, *arrs)
    except Exception as e:  # noqa: BLE001
        return None, 0, enc_exc(e)
    return enc_value(np.asarray(r)[0], out_char), fl.bits, None


def batch_outputs(f, cols, out_char):
    """Outputs of one contiguous call over all cases (NumPy's SIMD loops), or None."""
    arrs = [np.array(col) for col in cols]
    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            r = np.asarray(f(*arrs))
    except Exception:  # noqa: BLE001
        return None
    return [enc_value(x, out_char) for x in r]


def loop_cases(f, nin, lp, rng):
    """Columnar record of one loop: inputs, outputs, flags; exceptions and batch differences."""
    ins, res = lp.split("->")
    if nin == 1:
        cases = [(x,) for x in values_for(ins[0], rng, 16)]
    else:
        cases = binary_cases(ins, rng)
    cols = [list(col) for col in zip(*cases)]
    batch = batch_outputs(f, cols, res)
    rec = {"loop": lp, "in": [[enc_value(x, c) for x in col] for col, c in zip(cols, ins)],
           "out": [], "flags": [], "errors": {}, "batch": {}}
    for i, inp in enumerate(cases):
        out, flags, err = run_case(f, inp, res)
        rec["out"].append(out)
        rec["flags"].append(flags)
        if err is not None:
            rec["errors"][str(i)] = err
        elif batch is not None and batch[i] != out:
            rec["batch"][str(i)] = batch[i]
    return rec


def kernel_cases(rng):
    out = {}
    for name, nin, _nout, _ident, loops in table_rows():
        f = npfunc(name)
        out[name] = [loop_cases(f, nin, lp, rng) for lp in loops]
    return out


def main():
    rng = random.Random(20261125)
    rows = table_rows()
    write_table_rs(rows)
    DATA.mkdir(parents=True, exist_ok=True)
    errors = Errors()
    resolution = {
        "numpy_version": np.__version__,
        "operands": [op_label(o) for o in OPERANDS],
        "plain": plain_cases(errors),
        "weak": weak_cases(errors),
        "signature": signature_cases(rng, 60, errors),
    }
    resolution["errors"] = errors.items
    (DATA / "resolution.json").write_text(json.dumps(resolution, separators=(",", ":")))
    kernels = {"numpy_version": np.__version__, "ufuncs": kernel_cases(rng)}
    (DATA / "kernels.json").write_text(json.dumps(kernels, separators=(",", ":")))


if __name__ == "__main__":
    main()
