"""``ndarray.base`` and ``flags.owndata`` against NumPy: owners have no base, views record the
array that owns the memory (NumPy collapses chains of views), copies own their memory, imports
record the exporting object, and ``repr(a.flags)`` is NumPy's text."""

import pytest

from compat import same

# Each case binds ``a`` (an owner) and ``v`` (what is checked): the result is whether v's base
# is a, whether it is None, v's OWNDATA flag, and the type name of its base.
SETUP = "a = np.arange(12.0).reshape(3, 4).copy()\n"
CHECK = "\nout = (v.base is a, v.base is None, v.flags.owndata, v.flags['OWNDATA'], type(v.base).__name__)"

DERIVED = [
    "v = a", "v = a[1:]", "v = a[1:][1:]", "v = a[::2, ::-1][1:]", "v = a[0]", "v = a[...]",
    "v = a[:, None]", "v = a[None, ..., None]", "v = a.T", "v = a.T.T", "v = a.transpose(1, 0)",
    "v = a.reshape(4, 3)", "v = a.reshape(-1)", "v = a.ravel()", "v = a.T.ravel()",
    "v = a.flatten()", "v = a.T.reshape(-1)", "v = a.copy()", "v = a.astype(np.float32)",
    "v = a + 1", "v = a * a", "v = -a", "v = a[[0, 2]]", "v = a[a > 3]", "v = a[:, [1, 2]]",
    "v = a.view()", "v = a.view(np.int64)", "v = a.view().view()", "v = a.real", "v = a.imag",
    "v = np.broadcast_to(a, (2, 3, 4))", "v = a.squeeze()", "v = a[None].squeeze()",
    "v = np.expand_dims(a, 0)", "v = a.swapaxes(0, 1)", "v = np.moveaxis(a, 0, 1)",
    "v = np.flip(a)", "v = np.fliplr(a)", "v = np.flipud(a)", "v = np.atleast_3d(a)",
    "v = np.split(a, 3)[1]", "v = np.array_split(a, 2, axis=1)[0]", "v = np.asarray(a)",
    "v = np.array(a)", "v = np.array(a, copy=False)", "v = np.ascontiguousarray(a)",
    "v = np.ascontiguousarray(a.T)", "v = a.sum(axis=0)", "v = np.concatenate([a, a])",
    "v = np.sort(a)", "v = np.where(a > 2, a, 0)", "v = a.reshape(2, 6)[1:].reshape(3, 2)",
    "v = np.ravel(a)", "v = np.reshape(a, (6, 2))", "v = np.transpose(a)",
    "v = np.zeros(3)", "v = np.arange(3)", "v = np.array([1, 2])", "v = np.eye(2)",
]

COMPLEX = [
    "a = np.array([1+2j, 3-4j])\nv = a.real", "a = np.array([1+2j, 3-4j])\nv = a.imag",
    "a = np.array([1+2j, 3-4j])\nv = a[1:].imag", "a = np.array([1+2j, 3-4j])\nv = a.conj()",
]

FLAGS = [
    "repr(np.arange(3).flags)", "repr(np.arange(6).reshape(2, 3).T.flags)",
    "repr(np.arange(6)[::2].flags)", "repr(np.broadcast_to(np.arange(3), (2, 3)).flags)",
    "np.arange(3).flags.owndata", "np.arange(3)[1:].flags.owndata",
    "np.arange(6).reshape(2, 3).flags['O']",
]


@pytest.mark.parametrize("case", DERIVED)
def test_base_of_derived_arrays(case):
    same(SETUP + case + CHECK, stmt=True)


@pytest.mark.parametrize("case", COMPLEX)
def test_base_of_complex_parts(case):
    same(case + CHECK, stmt=True)


@pytest.mark.parametrize("case", FLAGS)
def test_flags_text(case):
    same(case)


def test_reshape_copy_records_an_intermediate_copy():
    """NumPy's reshape that needs a copy returns a view of a new C-ordered copy."""
    case = ("a = np.arange(6).reshape(2, 3)\nv = a.T.reshape(-1)\n"
            "out = (v.base is a, v.flags.owndata, v.base.shape, v.base.base is None)")
    same(case, stmt=True)


def test_views_keep_their_base_alive():
    case = ("import gc\ndef make():\n    return np.arange(5.0)[1:]\n"
            "v = make()\ngc.collect()\nout = (v.base.shape, v.base.tolist(), v.base.flags.owndata)")
    same(case, stmt=True)


def test_imported_memory_records_the_exporter():
    import numpy
    import numpypy

    n = numpy.arange(4.0)
    assert numpypy.asarray(n).base is n
    assert numpypy.asarray(n)[1:].base is n
    assert not numpypy.asarray(n).flags.owndata
    b = b"abcdefgh"
    assert numpypy.frombuffer(b, numpypy.uint8).base is b
    assert type(numpypy.frombuffer(bytearray(8), numpypy.uint8).base).__name__ == \
        type(numpy.frombuffer(bytearray(8), numpy.uint8).base).__name__
    assert type(numpypy.from_dlpack(n).base).__name__ == type(numpy.from_dlpack(n).base).__name__


# Memory layout of new arrays: copies in each order, NumPy's transposed results of advanced
# indexing, Fortran-order reshapes, and the functions that return the array itself.
LAYOUT = [
    "{t}.copy().strides", "{t}.copy('F').strides", "{t}.copy('A').strides", "{t}.copy('K').strides",
    "np.copy({t}).strides", "np.array({t}).strides", "np.array({t}, order='C').strides",
    "np.array({t}, order='F').strides", "{t}.astype(np.float32).strides",
    "{t}.astype(np.int64, order='C').strides", "np.ascontiguousarray({t}).strides",
    "({t} + 1).strides", "{t}.reshape(6, order='F')", "{t}.reshape((3, 2), order='A')",
    "{t}.reshape(2, 3, order='F')", "{t}.flatten('F')", "{t}.flatten('K')", "{t}.flatten('A')",
    "{t}.ravel('F')", "{t}.astype({t}.dtype, copy=False) is {t}",
    "{t}.astype({t}.dtype, order='C', copy=False) is {t}", "{t}.squeeze() is {t}",
    "np.squeeze({t}) is {t}", "{t}.copy(order='Z')",
]
TRANSPOSED = ["np.arange(6).reshape(2, 3).T", "np.arange(6)[::-2]", "np.arange(8).reshape(2, 4)[:, ::2]"]

FANCY = ["(S, [1, 2])", "([0, 1],)", "(Ellipsis, [1])", "(S, 0, [1, 2])", "(0, S, [1, 2])",
         "(S, [[0], [1]], slice(1, None))", "(S, a[0, :, 0] > 3)", "(slice(1, None), [0, 1], [1, 2])",
         "(S, [0, 2], S, None)", "([1], S, 0)", "(S, S, [3, 0])", "(0, [1, 2])"]


@pytest.mark.parametrize("case", [c.format(t=t) for c in LAYOUT for t in TRANSPOSED])
def test_copy_orders_and_layouts(case):
    same(case)


@pytest.mark.parametrize("key", FANCY)
def test_advanced_index_layout(key):
    case = (f"a = np.arange(24.0).reshape(2, 3, 4)\nS = slice(None)\nr = a[{key}]\n"
            "out = (r, r.strides, r.flags.c_contiguous, r.flags.owndata, r.base is None)")
    same(case, stmt=True)


MEMORY_ORDER = ["np.arange(24).reshape(2, 3, 4).transpose(1, 0, 2)", "np.arange(24).reshape(2, 3, 4)[:, ::-1, ::2]",
                "np.arange(24).reshape(2, 3, 4).transpose(2, 0, 1)[::-1]", "np.arange(6).reshape(2, 3).T"]


@pytest.mark.parametrize("case", [f"{t}.flatten('K')" for t in MEMORY_ORDER]
                         + [f"np.ravel({t}, 'K')" for t in MEMORY_ORDER]
                         + [f"{t}.ravel('K')" for t in MEMORY_ORDER]
                         + [f"{t}.copy('K').strides" for t in MEMORY_ORDER])
def test_memory_order(case):
    same(case)
