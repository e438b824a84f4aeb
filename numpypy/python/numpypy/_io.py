"""NumPy's ``.npy`` files (save/load, format versions 1.0-3.0 read, 1.0 written with NumPy's
exact header bytes) and plain numeric text tables (savetxt/loadtxt, common arguments).

Data moves through the buffer protocol without copies in Python: ``save`` writes the array's
memory (``memoryview``), ``load`` reads the payload into a ``bytearray`` that the new array
views (``frombuffer``).
"""

import ast
import os
import struct
import warnings

from . import _core

__all__ = ["save", "load", "savetxt", "loadtxt"]

MAGIC = b"\x93NUMPY"
ARRAY_ALIGN = 64
GROWTH_AXIS_MAX_DIGITS = 21

_DESCR = {
    "bool": "|b1", "int8": "|i1", "uint8": "|u1", "int16": "<i2", "uint16": "<u2",
    "int32": "<i4", "uint32": "<u4", "int64": "<i8", "uint64": "<u8", "float16": "<f2",
    "float32": "<f4", "float64": "<f8", "complex64": "<c8", "complex128": "<c16",
}


def _np():
    import numpypy
    return numpypy


def _header(arr, fortran):
    d = {"descr": _DESCR[arr.dtype.name], "fortran_order": fortran, "shape": arr.shape}
    text = "{" + "".join(f"'{k}': {v!r}, " for k, v in sorted(d.items())) + "}"
    if arr.shape:
        text += " " * (GROWTH_AXIS_MAX_DIGITS - len(repr(arr.shape[-1 if fortran else 0])))
    raw = text.encode("latin1")
    hlen = len(raw) + 1
    padlen = ARRAY_ALIGN - ((len(MAGIC) + 2 + 2 + hlen) % ARRAY_ALIGN)
    return MAGIC + b"\x01\x00" + struct.pack("<H", hlen + padlen) + raw + b" " * padlen + b"\n"


def save(file, arr, allow_pickle=True):
    """Write ``arr`` to ``file`` (a path, '.npy' appended if missing, or a binary file)."""
    np = _np()
    arr = np.asarray(arr)
    fortran = arr.ndim > 1 and not arr.flags.c_contiguous and arr.T.flags.c_contiguous
    data = arr.T if fortran else arr
    if not data.flags.c_contiguous:
        data = data.copy()
    payload = _header(arr, fortran)
    if isinstance(file, (str, os.PathLike)):
        file = os.fspath(file)
        if not file.endswith(".npy"):
            file += ".npy"
        with open(file, "wb") as f:
            f.write(payload)
            f.write(memoryview(data).cast("B") if data.size else b"")
    else:
        file.write(payload)
        file.write(memoryview(data).cast("B") if data.size else b"")


def _read_header(f):
    magic = f.read(8)
    if len(magic) < 8 or magic[:6] != MAGIC:
        if magic[:1] in (b"\x80",):
            raise ValueError("This file contains pickled (object) data. If you trust the file "
                             "you can load it unsafely using the `allow_pickle=` keyword "
                             "argument or `pickle.load()`.")
        if magic[:2] == b"PK":
            raise NotImplementedError("numpypy does not implement loading .npz files yet")
        raise ValueError(f"Failed to interpret file {getattr(f, 'name', f)!r} as a pickle")
    major = magic[6]
    if major == 1:
        (hlen,) = struct.unpack("<H", f.read(2))
    elif major in (2, 3):
        (hlen,) = struct.unpack("<I", f.read(4))
    else:
        raise ValueError(f"we only support format version (1,0), (2,0), and (3,0), not {(major, magic[7])}")
    text = f.read(hlen).decode("utf8" if major == 3 else "latin1")
    return ast.literal_eval(text)


def _dtype_of(descr, allow_pickle):
    if not isinstance(descr, str):
        raise NotImplementedError("numpypy does not implement structured data types yet")
    if descr.endswith("O"):
        if not allow_pickle:
            raise ValueError("Object arrays cannot be loaded when allow_pickle=False")
        raise NotImplementedError("numpypy does not implement object arrays yet")
    if descr[0] == ">" and descr[1:] not in ("b1", "i1", "u1"):
        raise NotImplementedError("numpypy does not implement big-endian data yet")
    name = {v[1:]: k for k, v in _DESCR.items()}.get(descr.lstrip("<>|="))
    if name is None:
        raise NotImplementedError(f"numpypy does not implement data type {descr!r} yet")
    return _np().dtype(name)


def load(file, mmap_mode=None, allow_pickle=False, fix_imports=True, encoding="ASCII",
         *, max_header_size=10000):
    """Read an array from a ``.npy`` file (path or binary file object)."""
    if mmap_mode is not None:
        raise NotImplementedError("numpypy does not implement load(mmap_mode=...) yet")
    if isinstance(file, (str, os.PathLike)):
        with open(os.fspath(file), "rb") as f:
            return _load_from(f, allow_pickle)
    return _load_from(file, allow_pickle)


def _load_from(f, allow_pickle):
    np = _np()
    d = _read_header(f)
    dt = _dtype_of(d["descr"], allow_pickle)
    shape = tuple(d["shape"])
    count = 1
    for n in shape:
        count *= n
    nbytes = count * dt.itemsize
    data = bytearray(nbytes)
    got = f.readinto(data) if nbytes else 0
    if got != nbytes:
        raise ValueError(f"EOF: reading array data, expected {nbytes} bytes got {got}")
    flat = _core._frombuffer(data, dt) if nbytes else np.zeros(count, dtype=dt)
    if d["fortran_order"]:
        return flat.reshape(shape[::-1]).T
    return flat.reshape(shape)


def savetxt(fname, X, fmt="%.18e", delimiter=" ", newline="\n", header="", footer="",
            comments="# ", encoding=None):
    """Write a 1-d or 2-d numeric array as text, one row per line."""
    np = _np()
    X = np.asarray(X)
    if X.ndim == 0 or X.ndim > 2:
        raise ValueError(f"Expected 1D or 2D array, got {X.ndim}D array instead")
    if X.dtype.kind == "c":
        raise NotImplementedError("numpypy does not implement savetxt of complex data yet")
    rows = X.reshape(-1, 1).tolist() if X.ndim == 1 else X.tolist()
    ncol = 1 if X.ndim == 1 else X.shape[1]
    if isinstance(fmt, (list, tuple)):
        if len(fmt) != ncol:
            raise AttributeError(f"fmt has wrong shape.  {fmt}")
        row_fmt = delimiter.join(fmt)
    elif fmt.count("%") == 1:
        row_fmt = delimiter.join([fmt] * ncol)
    elif fmt.count("%") != ncol:
        raise ValueError(f"fmt has wrong number of % formats:  {fmt}")
    else:
        row_fmt = fmt
    lines = []
    if header:
        lines.append(comments + header.replace("\n", "\n" + comments) + newline)
    lines.extend(row_fmt % tuple(r) + newline for r in rows)
    if footer:
        lines.append(comments + footer.replace("\n", "\n" + comments) + newline)
    text = "".join(lines)
    if isinstance(fname, (str, os.PathLike)):
        with open(os.fspath(fname), "w", encoding=encoding or "latin1") as f:
            f.write(text)
    else:
        try:
            fname.write(text)
        except TypeError:
            fname.write(text.encode(encoding or "latin1"))


def _lines(fname):
    if isinstance(fname, (str, os.PathLike)):
        with open(os.fspath(fname), encoding="latin1") as f:
            return f.read().splitlines()
    if isinstance(fname, (list, tuple)):
        return list(fname)
    return [ln.decode("latin1") if isinstance(ln, bytes) else ln for ln in fname.read().splitlines()] \
        if hasattr(fname, "read") else list(fname)


def _strip_comment(line, comments):
    for c in comments:
        i = line.find(c)
        if i >= 0:
            line = line[:i]
    return line.strip("\r\n")


def loadtxt(fname, dtype=float, comments="#", delimiter=None, converters=None, skiprows=0,
            usecols=None, unpack=False, ndmin=0, encoding=None, max_rows=None, *, quotechar=None,
            like=None):
    """Read a numeric table (one row per line) into an array."""
    np = _np()
    if converters is not None or quotechar is not None:
        raise NotImplementedError("numpypy does not implement loadtxt(converters=, quotechar=) yet")
    if ndmin not in (0, 1, 2):
        raise ValueError(f"Illegal value of ndmin keyword: {ndmin}")
    dt = np.dtype(dtype)
    if comments is None:
        comments = ()
    elif isinstance(comments, str):
        comments = (comments,)
    if isinstance(usecols, int):
        usecols = [usecols]
    parse = complex if dt.kind == "c" else float if dt.kind == "f" else int
    if dt.kind == "b":
        parse = lambda s: bool(int(s))  # noqa: E731
    rows = []
    for line in _lines(fname)[skiprows:]:
        if max_rows is not None and len(rows) >= max_rows:
            break
        line = _strip_comment(line, comments)
        fields = line.split(delimiter) if delimiter is not None else line.split()
        if not line.strip():
            continue
        if usecols is not None:
            fields = [fields[i] for i in usecols]
        if rows and len(fields) != len(rows[0]):
            raise ValueError(f"the number of columns changed from {len(rows[0])} to "
                             f"{len(fields)} at row {len(rows) + 1}; use `usecols` to select a "
                             "subset and avoid this error")
        rows.append([parse(x.strip()) for x in fields])
    if not rows:
        warnings.warn(f"loadtxt: input contained no data: \"{fname}\"", UserWarning, stacklevel=2)
        arr = np.zeros((0, len(usecols) if usecols else 0) if ndmin == 2 else (0,), dtype=dt)
        return arr
    arr = np.array(rows, dtype=dt)
    if arr.ndim > ndmin:
        arr = arr.reshape([n for n in arr.shape if n != 1])
    if arr.ndim < ndmin:
        arr = arr.reshape((1,) * (ndmin - arr.ndim) + arr.shape)
    return arr.T if unpack else arr
