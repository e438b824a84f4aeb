"""``.npy`` save/load and text tables against NumPy: files are byte-identical to NumPy's
(format 1.0 header and padding included), each side loads the other's files (C and Fortran
order, every dtype, 0-d and empty arrays), unsupported content raises as documented, and
savetxt/loadtxt agree with NumPy's text and parsing for common arguments."""

import io

import numpy
import pytest

import numpypy as npp
from compat import same

DTYPES = ["bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64",
          "float16", "float32", "float64", "complex64", "complex128"]
ARRAYS = ["np.arange(12).astype('{d}')", "np.arange(12).astype('{d}').reshape(3, 4)",
          "np.arange(12).astype('{d}').reshape(3, 4).T", "np.arange(24).astype('{d}').reshape(2, 3, 4)[:, ::2]",
          "np.zeros((0, 3), '{d}')", "np.array(5).astype('{d}')", "np.arange(3).astype('{d}')[::-1]",
          "np.arange(10**4).astype('{d}').reshape(100, 100)"]


def _save_bytes(mod, arr):
    f = io.BytesIO()
    mod.save(f, arr)
    return f.getvalue()


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("expr", ARRAYS)
def test_save_bytes_identical_and_roundtrip(dtype, expr):
    n = eval(expr.format(d=dtype), {"np": numpy})
    x = eval(expr.format(d=dtype), {"np": npp})
    want, got = _save_bytes(numpy, n), _save_bytes(npp, x)
    assert got == want
    back = npp.load(io.BytesIO(want))
    assert back.dtype.name == n.dtype.name and back.shape == n.shape
    assert back.tolist() == n.tolist()
    back[...] = 0 if back.size else back  # loaded arrays are writeable, as NumPy's
    assert numpy.load(io.BytesIO(got)).tolist() == n.tolist()


def test_save_to_path_appends_npy(tmp_path):
    npp.save(str(tmp_path / "a"), npp.arange(3))
    assert (tmp_path / "a.npy").exists()
    assert numpy.load(tmp_path / "a.npy").tolist() == [0, 1, 2]
    numpy.save(tmp_path / "b.npy", numpy.eye(2))
    assert npp.load(tmp_path / "b.npy").tolist() == [[1.0, 0.0], [0.0, 1.0]]


def _numpy_file(arr, **kw):
    f = io.BytesIO()
    numpy.save(f, arr, **kw)
    f.seek(0)
    return f


def test_unsupported_files():
    with pytest.raises(ValueError, match="Object arrays cannot be loaded when allow_pickle=False"):
        npp.load(_numpy_file(numpy.array([None, 1], dtype=object)))
    with pytest.raises(NotImplementedError):
        npp.load(_numpy_file(numpy.array([None, 1], dtype=object)), allow_pickle=True)
    with pytest.raises(NotImplementedError):
        npp.load(_numpy_file(numpy.arange(3, dtype=">i4")))
    with pytest.raises(NotImplementedError):
        npp.load(_numpy_file(numpy.zeros(2, dtype=[("a", "i4"), ("b", "f8")])))
    with pytest.raises(ValueError):
        npp.load(io.BytesIO(b"not a numpy file at all"))
    with pytest.raises(NotImplementedError):
        npp.load(io.BytesIO(b"PK\x03\x04rest"))
    with pytest.raises(ValueError, match="EOF"):
        npp.load(io.BytesIO(_numpy_file(numpy.arange(4)).getvalue()[:-3]))


def test_load_version_2():
    f = io.BytesIO()
    numpy.lib.format.write_array(f, numpy.arange(5.0), version=(2, 0))
    f.seek(0)
    assert npp.load(f).tolist() == [0.0, 1.0, 2.0, 3.0, 4.0]


SAVETXT = [
    ("np.arange(6.0).reshape(2, 3)", {}), ("np.arange(6).reshape(2, 3)", {"fmt": "%d"}),
    ("np.arange(4.0)", {"fmt": "%.3f"}), ("np.arange(6).reshape(3, 2)", {"fmt": "%d", "delimiter": ","}),
    ("np.arange(6.0).reshape(3, 2)", {"header": "a b\nc", "footer": "end", "fmt": "%g"}),
    ("np.arange(6.0).reshape(3, 2)", {"header": "x", "comments": "// ", "fmt": "%g"}),
    ("np.arange(6.0).reshape(3, 2)", {"fmt": ["%d", "%.2f"]}),
    ("np.arange(6.0).reshape(3, 2)", {"fmt": "%d;%e"}),
    ("np.array([[1.5, -2.25], [1e30, 1e-30]], np.float32)", {}),
    ("np.array([True, False])", {"fmt": "%d"}), ("np.arange(8).reshape(2, 2, 2)", {}),
    ("np.array(3.0)", {}), ("np.arange(6.0).reshape(3, 2)", {"fmt": ["%d"]}),
    ("np.arange(6.0).reshape(3, 2)", {"newline": ";"}),
]


@pytest.mark.parametrize("expr,kw", SAVETXT)
def test_savetxt_text(expr, kw):
    def run(np):
        f = io.StringIO()
        np.savetxt(f, eval(expr, {"np": np}), **kw)
        return f.getvalue()
    same(run)


TABLES = [
    ("1 2 3\n4 5 6\n", {}), ("1 2 3\n4 5 6\n", {"dtype": int}), ("1,2\n3,4\n", {"delimiter": ","}),
    ("# head\n1 2\n3 4 # tail\n", {}), ("skip me\n1 2\n3 4\n", {"skiprows": 1}),
    ("1 2 3\n4 5 6\n", {"usecols": (0, 2)}), ("1 2 3\n4 5 6\n", {"usecols": 1}),
    ("1 2 3\n", {}), ("1\n2\n3\n", {}), ("7\n", {}), ("7\n", {"ndmin": 1}), ("7\n", {"ndmin": 2}),
    ("1 2 3\n", {"ndmin": 2}), ("1\n2\n", {"ndmin": 2}), ("1 2\n3 4\n", {"unpack": True}),
    ("1 2\n3 4\n5 6\n", {"max_rows": 2}), ("1.5 2\n3 4\n", {"dtype": "float32"}),
    ("1 2\n3\n", {}), ("1 x\n", {}), ("1 2\n3 4\n", {"dtype": "int8"}),
    ("% c\n1 2\n", {"comments": "%"}), ("1;2\n\n3;4\n", {"delimiter": ";"}),
    ("1 2\n", {"ndmin": 3}),
]


@pytest.mark.parametrize("text,kw", TABLES)
def test_loadtxt(text, kw):
    same(lambda np: np.loadtxt(io.StringIO(text), **kw), message=False)


def test_loadtxt_path_and_roundtrip(tmp_path):
    p = tmp_path / "t.txt"
    npp.savetxt(str(p), npp.arange(6.0).reshape(2, 3) / 7)
    assert numpy.loadtxt(p).tolist() == npp.loadtxt(str(p)).tolist()
    assert numpy.array_equal(numpy.loadtxt(p), numpy.arange(6.0).reshape(2, 3) / 7)
