"""Zero-copy interop between numpypy and NumPy: the buffer protocol (PEP 3118 formats,
strides, read-only), ``__array_interface__`` v3, ``__array__``, ``numpy.asarray(x)`` sharing
memory with a numpypy array and ``numpypy.asarray(n)`` / ``from_dlpack(n)`` / ``frombuffer``
sharing memory with a NumPy array or a bytes object — and laziness staying invisible when
either side writes."""

import numpy
import pytest

import numpypy as npp

DTYPES = ["bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64",
          "float16", "float32", "float64", "complex64", "complex128"]
FORMATS = {"bool": "?", "int8": "b", "uint8": "B", "int16": "h", "uint16": "H", "int32": "i",
           "uint32": "I", "int64": "l", "uint64": "L", "float16": "e", "float32": "f",
           "float64": "d", "complex64": "Zf", "complex128": "Zd"}
LAYOUTS = ["a", "a[::2]", "a[::-1]", "a.reshape(3, 4).T", "a.reshape(3, 4)[1:, ::-2]",
           "a.reshape(2, 2, 3)[:, 0]", "a[5:5]", "a.reshape(2, 6)[1, 3:4]"]


def _pair(dtype, layout):
    n = eval(layout, {"a": numpy.arange(12).astype(dtype)})
    x = eval(layout, {"a": npp.arange(12).astype(dtype)})
    return n, x


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_numpy_asarray_shares_memory(dtype, layout):
    n, x = _pair(dtype, layout)
    got = numpy.asarray(x)
    assert got.dtype == n.dtype and got.shape == n.shape and got.strides == n.strides
    numpy.testing.assert_array_equal(got, n)
    if got.size:
        assert numpy.shares_memory(got, numpy.asarray(x))


@pytest.mark.parametrize("dtype", DTYPES)
def test_buffer_format_and_memoryview(dtype):
    x = npp.arange(6).astype(dtype).reshape(2, 3)
    m = memoryview(x)
    assert m.format == FORMATS[dtype] and m.shape == (2, 3) and not m.readonly
    assert m.strides == x.strides and m.itemsize == x.itemsize and m.nbytes == x.nbytes
    assert m.tobytes() == numpy.arange(6).astype(dtype).tobytes()


def test_buffer_noncontiguous_and_readonly():
    x = npp.arange(6.0).reshape(2, 3).T
    m = memoryview(x)
    assert not m.c_contiguous and m.f_contiguous and m.strides == (8, 24)
    import ctypes
    r = npp.broadcast_to(npp.arange(3.0), (2, 3))
    assert memoryview(r).readonly
    with pytest.raises((BufferError, TypeError)):
        ctypes.c_char.from_buffer(r)
    assert not numpy.asarray(r).flags.writeable


@pytest.mark.parametrize("dtype", DTYPES)
def test_array_interface(dtype):
    x = npp.arange(6).astype(dtype).reshape(2, 3)
    n = numpy.arange(6).astype(dtype).reshape(2, 3)
    ai, an = x.__array_interface__, n.__array_interface__
    for key in ("typestr", "shape", "strides", "version", "descr"):
        assert ai[key] == an[key], key
    assert ai["data"][1] is False
    t = x.T.__array_interface__
    assert t["strides"] == n.T.__array_interface__["strides"]


def test_array_dunder():
    x = npp.arange(4.0)
    a = x.__array__()
    assert isinstance(a, numpy.ndarray) and numpy.shares_memory(a, numpy.asarray(x))
    assert x.__array__(numpy.float32).dtype == numpy.float32
    c = x.__array__(copy=True)
    assert not numpy.shares_memory(c, a)
    assert x.__dlpack_device__() == (1, 0)


def test_writes_through_numpy_are_seen_and_laziness_is_invisible():
    x = npp.arange(5.0)
    b = x + 1
    n = numpy.asarray(x)
    n[0] = 9
    assert b.tolist() == [1.0, 2.0, 3.0, 4.0, 5.0]
    assert x.tolist() == [9.0, 1.0, 2.0, 3.0, 4.0]
    assert (x + 1).tolist() == [10.0, 2.0, 3.0, 4.0, 5.0]
    x[1] = -1
    assert n[1] == -1


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_numpypy_asarray_of_numpy_shares_memory(dtype, layout):
    n, _ = _pair(dtype, layout)
    x = npp.asarray(n)
    assert x.dtype.name == n.dtype.name and x.shape == n.shape and x.strides == n.strides
    assert x.tolist() == n.tolist()
    if n.size:
        assert numpy.shares_memory(numpy.asarray(x), n)
    y = npp.from_dlpack(n)
    assert y.tolist() == n.tolist()


def test_foreign_writes_both_ways_and_lifetime():
    import gc
    n = numpy.arange(6.0).reshape(2, 3)
    x = npp.asarray(n)
    n[0, 0] = 42
    assert x[0, 0] == 42
    x[1, 1] = -1
    assert n[1, 1] == -1
    del n
    gc.collect()
    assert x.tolist() == [[42.0, 1.0, 2.0], [3.0, -1.0, 5.0]]
    ro = numpy.arange(3.0)
    ro.flags.writeable = False
    y = npp.asarray(ro)
    with pytest.raises(ValueError, match="read-only"):
        y[0] = 1
    z = npp.array(numpy.arange(3))
    assert not numpy.shares_memory(numpy.asarray(z), ro)


def test_asarray_copy_and_dtype():
    n = numpy.arange(3)
    assert npp.asarray(n, dtype=npp.float32).dtype == npp.float32
    c = npp.asarray(n, copy=True)
    n[0] = 7
    assert c[0] == 0
    assert npp.array(n).tolist() == [7, 1, 2]


def test_unsupported_foreign_dtypes():
    with pytest.raises(NotImplementedError):
        npp.asarray(numpy.arange(3, dtype=">i4"))
    with pytest.raises(NotImplementedError):
        npp.asarray(numpy.array(["a"]))


def test_frombuffer():
    b = bytes(range(8))
    x = npp.frombuffer(b, dtype=npp.uint8)
    assert x.tolist() == list(range(8))
    with pytest.raises(ValueError, match="read-only"):
        x[0] = 1
    assert npp.frombuffer(b, dtype=npp.int16, count=2, offset=2).tolist() == \
        numpy.frombuffer(b, dtype=numpy.int16, count=2, offset=2).tolist()
    ba = bytearray(16)
    y = npp.frombuffer(ba, dtype="f8")
    y[1] = 2.5
    assert numpy.frombuffer(ba)[1] == 2.5
    for kw in ({"dtype": "i8"}, {"dtype": "f8", "count": 3}, {"dtype": "u1", "offset": 9}):
        with pytest.raises(ValueError) as want:
            numpy.frombuffer(b[:7], **kw)
        with pytest.raises(ValueError) as got:
            npp.frombuffer(b[:7], **kw)
        assert str(got.value) == str(want.value)


def test_memory_is_not_copied_for_large_arrays():
    n = numpy.zeros(10**6)
    x = npp.asarray(n)
    assert x.__array_interface__["data"][0] == n.__array_interface__["data"][0]
    assert numpy.asarray(x).__array_interface__["data"][0] == n.__array_interface__["data"][0]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_dlpack_both_ways(dtype, layout):
    n, x = _pair(dtype, layout)
    got = numpy.from_dlpack(x)
    assert got.dtype == n.dtype and got.shape == n.shape and got.strides == n.strides
    numpy.testing.assert_array_equal(got, n)
    back = npp.from_dlpack(n)
    assert back.dtype.name == n.dtype.name and back.strides == n.strides
    assert back.tolist() == n.tolist()
    if n.size:
        assert numpy.shares_memory(got, numpy.asarray(x))
        assert numpy.shares_memory(numpy.asarray(back), n)


def test_dlpack_writes_lifetime_and_readonly():
    import gc
    x = npp.arange(4.0)
    b = x + 1
    n = numpy.from_dlpack(x)
    n[0] = 9
    assert b.tolist() == [1.0, 2.0, 3.0, 4.0] and x[0] == 9
    del x
    gc.collect()
    assert n.tolist() == [9.0, 1.0, 2.0, 3.0]
    m = numpy.arange(3.0)
    y = npp.from_dlpack(m)
    del m
    gc.collect()
    y[1] = 5
    assert y.tolist() == [0.0, 5.0, 2.0]
    r = npp.broadcast_to(npp.arange(3.0), (2, 3))
    assert not numpy.from_dlpack(r).flags.writeable
    with pytest.raises(BufferError):
        r.__dlpack__()
    c = numpy.from_dlpack(npp.arange(3), copy=True)
    assert c.tolist() == [0, 1, 2]
    cap = npp.arange(3).__dlpack__()
    del cap  # an unconsumed capsule frees its tensor
    gc.collect()
