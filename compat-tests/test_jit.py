"""Differential tests of ``numpypy.jit``: every function in ``jit_cases`` runs as plain CPython
and under ``@numpypy.jit`` on copies of the same arguments; results (type and value), raised
exceptions (class and message), warnings and the arguments' contents afterwards (side effects)
must be identical. ``jit.stats`` and the fallback warnings are checked too, and hypothesis
draws inputs for a subset.
"""

import contextlib
import math
import warnings

import pytest
from hypothesis import given, settings, strategies as st

import numpypy as np
from numpypy import jit
from numpypy._jit import JitFallbackWarning

import jit_cases as C


def copy_arg(a):
    if isinstance(a, np.ndarray):
        return a.copy()
    return a


def describe(v):
    """A comparable description: type and exact text, recursively for tuples."""
    if isinstance(v, tuple):
        return ("tuple", tuple(describe(x) for x in v))
    if isinstance(v, np.ndarray):
        return ("ndarray", str(v.dtype), v.shape, repr(v))
    if isinstance(v, float) and math.isnan(v):
        return (type(v).__name__, "nan")
    return (type(v).__name__, repr(v))


def run(f, args, kwargs):
    args = [copy_arg(a) for a in args]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.filterwarnings("ignore", category=JitFallbackWarning)
        try:
            out = ("ok", describe(f(*args, **kwargs)))
        except Exception as e:  # noqa: BLE001 - the exception itself is compared
            out = ("raise", type(e).__name__, str(e))
    warned = [(w.category.__name__, str(w.message)) for w in caught]
    return out, [describe(a) for a in args], warned


# Loop iterations before tracing: 0 keeps everything in the bytecode interpreter; 1 and 5
# record early iterations and run the rest as optimised traces (with deoptimisation).
THRESHOLDS = (0, 1, 5)


@contextlib.contextmanager
def threshold(n):
    old = jit.set_param(threshold=n)["threshold"]
    try:
        yield
    finally:
        jit.set_param(threshold=old)


def check(f, *args, jf=None, **kwargs):
    want = run(f, args, kwargs)
    if jf is not None:
        assert run(jf, args, kwargs) == want
        return jf
    for th in THRESHOLDS:
        with threshold(th):
            got = run(jit(f), args, kwargs)
        assert got == want, f"threshold {th}"


def arr(values, dtype=None):
    return np.array(values, dtype=dtype)


IMG = arr([[float((x * 7 + y * 13) % 17) for x in range(9)] for y in range(7)])

CASES = [
    (C.sum_squares, [(0,), (10,), (1000,)]),
    (C.float_loop, [(5,), (300,)]),
    (C.while_countdown, [(27,), (1,), (97,)]),
    (C.negative_step, [(10,), (0,), (31,)]),
    (C.range_forms, [(5, 12, -2), (0, 3, -1), (7, 2, 1)]),
    (C.int_overflow_to_big, [(3,), (40,)]),
    (C.big_int_mixed, [(1,), (25,)]),
    (C.float_semantics, [(7.5, 2.0), (-7.5, 2.0), (7.5, -2.0), (1.0, 0.1), (-0.0, 3.0), (2.5, 0.0)]),
    (C.int_semantics, [(7, 2), (-7, 2), (7, -3), (2 ** 62, 3), (-(2 ** 63), -1), (5, 0)]),
    (C.true_division_exact, [(2 ** 63 - 1, 3), (10 ** 30, 7), (-(10 ** 25), 3 ** 40), (1, 0)]),
    (C.comparisons, [(1, 2), (2, 2), (3.5, 2), (2 ** 53 + 1, 2.0 ** 53), (10 ** 20, 1e20), (None, 1)]),
    (C.nan_compare, [(1.0,), (float("inf"),), (3,)]),
    (C.bool_ops, [(True, False), (0, 5), (3, 0), ((), 2.0)]),
    (C.complex_math, [(1 + 2j, 3 - 4j), (2j, 1.5), (1 + 1j, 0j)]),
    (C.builtins_mix, [(2.5, 7), (-3.5, -2), (1e300, 0)]),
    (C.math_functions, [(0.75,), (2.0,), (10.0,)]),
    (C.tuple_ops, [(2,), (3.5,)]),
    (C.nested_tuple_unpack, [(4,)]),
    (C.globals_and_helpers, [(4,), (20.0,), (-5,)]),
    (C.recursion_fib, [(15,)]),
    (C.recursion_ackermann, [(2, 3)]),
    (C.defaults_and_keywords, [(5,), (50, 1), (-9, 2, 0.25)]),
    (C.break_continue_else, [(20,), (5,), (200,)]),
    (C.branch_flips_mid_loop, [(100,), (3,)]),
    (C.nested_loops, [(6, 7), (0, 3)]),
    (C.unbound_local, [(True,), (False,)]),
    (C.zero_division_mid_loop, [(3, 10), (8, 5)]),
    (C.float_zero_division, [(2.0,)]),
    (C.assert_and_raise, [(5,), (-1,), (500,)]),
    (C.overflow_errors, [(2,), (400,), (-3,)]),
    (C.int_of_inf, [(1.0,), (0.0,)]),
    (C.changing_types, [(3,), (2.5,), (1j,), (2 ** 62,)]),
    (C.string_passthrough, [("abc", 2)]),
    (C.early_return, [(10,), (3,)]),
    (C.implicit_none, [(1,)]),
    (C.array_sum, [(arr([1.0, 2.5, -3.0]),), (arr([1, 2, 3]),), (arr([], dtype="float64"),)]),
    (C.array_negative_index, [(arr([1.0, 2.0, 3.0]),), (arr([4, 5], dtype="int8"),)]),
    (C.array_set_loop, [(arr([1.0, 2.0, 3.0]),), (arr([1, 2, 3]),), (arr([1, 2, 3], dtype="int16"),)]),
    (C.array_2d_nested, [(IMG,)]),
    (C.sobel_like, [(IMG,)]),
    (C.index_error_mid_loop, [(np.zeros(5), 8), (np.zeros(5), 3)]),
    (C.index_error_2d, [(np.zeros((3, 4)),), (np.zeros((3, 6)),)]),
    (C.array_attributes, [(np.zeros((3, 4)),), (arr([1, 2], dtype="uint8"),)]),
    (C.array_methods_and_functions, [(arr([1.0, 4.0, 9.0, 16.0]),)]),
    (C.mixed_array_scalar, [(arr([1.0, 2.0, 3.0]), 5)]),
    (C.iterate_array_rows, [(IMG,)]),
    (C.iterate_1d, [(arr([3, 9, 2]),), (arr([1.5, -2.0]),)]),
    (C.int_array_wrap, [(arr([100, 50], dtype="int8"),), (arr([2 ** 62, 1]),)]),
    (C.uint8_image, [(arr([10, 200, 255], dtype="uint8"),)]),
    (C.scalar_types, [(arr([2.5]),), (arr([3], dtype="int32"),), (arr([127], dtype="int8"),), (arr([True]),)]),
    (C.float32_array, [(arr([1.0, 2.0, 3.0], dtype="float32"),)]),
    (C.slices_and_views, [(np.arange(6.0),)]),
    (C.np_scalar_division, [(arr([3.0, 0.0]),), (arr([3, 0]),), (arr([7.0, 2.0]),)]),
    (C.bool_array, [(arr([True, False, True]),)]),
    (C.write_then_raise, [(arr([1.0, 2.0]),)]),
    (C.dtype_checks, [(np.zeros(2),), (np.zeros(2, dtype="int32"),)]),
    (C.print_call, [(3,), (2.5,)]),
    (C.mandelbrot_point, [(0.0, 0.0, 50), (1.0, 1.0, 50), (-0.75, 0.1, 100)]),
    (C.magnify_nearest, [(IMG, 2.0), (IMG, 1.5)]),
    (C.uses_dict, [(3,)]),
    (C.uses_list_comp, [(5,)]),
    (C.uses_string_method, [("abc",)]),
    (C.uses_try, [(0,), (5,)]),
    (C.uses_closure_maker, [(4,)]),
    (C.takes_list, [([1, 2, 3],)]),
    (C.uses_fstring, [(3,)]),
]


STATIC_FALLBACK = {C.uses_dict, C.uses_list_comp, C.uses_try, C.uses_closure_maker, C.uses_fstring}


@pytest.mark.parametrize("f,arglists", CASES, ids=[f.__name__ for f, _ in CASES])
@pytest.mark.parametrize("th", THRESHOLDS)
def test_differential(f, arglists, th):
    with threshold(th):
        jf = jit(f)
        for args in arglists:
            check(f, *args, jf=jf)
        fallback = f in STATIC_FALLBACK
        assert (jit.stats(jf)["mode"] == "plain Python (fallback)") == fallback
        # Same function object again (traces from the first round are reused, guards decide).
        for args in reversed(arglists):
            check(f, *args, jf=jf)


def test_argument_types_change_between_calls():
    for th in THRESHOLDS:
        with threshold(th):
            jf = jit(C.changing_types)
            for x in [1, 2.0, 3, 1j, 2 ** 70, True, np.float64(2.5), np.int8(3), 2 ** 61, -7]:
                check(C.changing_types, x, jf=jf)


def test_hot_loops_get_traces():
    with threshold(2):
        for f, args in [(C.sum_squares, (50,)), (C.float_loop, (50,)), (C.sobel_like, (IMG,)),
                        (C.array_set_loop, (np.arange(30.0),)), (C.mandelbrot_point, (-0.5, 0.1, 200))]:
            jf = jit(f)
            check(f, *args, jf=jf)
            s = jit.stats(jf)
            assert s["mode"] == "traced" and s["loops_traced"] >= 1, (f.__name__, s["last_abort"])
            assert s["trace_entries"] >= 1


def test_trace_deoptimises_on_overflow_and_branch_flip():
    with threshold(3):
        jf = jit(C.int_overflow_to_big)
        check(C.int_overflow_to_big, 60, jf=jf)
        assert jit.stats(jf)["guard_failures"] >= 1
        jf = jit(C.branch_flips_mid_loop)
        check(C.branch_flips_mid_loop, 400, jf=jf)
        assert jit.stats(jf)["trace_entries"] >= 1


def test_unsupported_construct_warns_once_with_line():
    jf = jit(C.uses_dict)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert jf(3) == 4
        assert jf(4) == 5
    msgs = [str(w.message) for w in caught if issubclass(w.category, JitFallbackWarning)]
    assert len(msgs) == 1
    line = C.uses_dict.__code__.co_firstlineno + 1
    assert "a dict display" in msgs[0] and f"line {line}" in msgs[0] and "uses_dict" in msgs[0]
    assert jit.stats(jf)["mode"] == "plain Python (fallback)"


def test_unsupported_argument_warns_and_runs_python():
    jf = jit(C.takes_list)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert jf([1, 2, 3]) == 6
        assert jf((1, 2, 3)) == 6
    msgs = [str(w.message) for w in caught if issubclass(w.category, JitFallbackWarning)]
    assert len(msgs) == 1 and "argument 'xs' is a list" in msgs[0]


def test_string_methods_fall_back():
    jf = jit(C.uses_string_method)
    with pytest.warns(JitFallbackWarning, match="argument 's' is a str"):
        assert jf("abc") == "ABC"

    def const_method(n):
        return "a,b".split(",")[n]

    with pytest.warns(JitFallbackWarning, match="a str method"):
        assert jit(const_method)(1) == "b"


def test_generator_function_falls_back():
    jf = jit(C.uses_generator)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", JitFallbackWarning)
        assert list(jf(3)) == [3]


def test_stats_count_calls_and_loops():
    jf = jit(C.sum_squares)
    jf(10)
    jf(5)
    s = jit.stats(jf)
    assert s["mode"] != "plain Python (fallback)"
    assert s["calls"] == 2
    assert s["loop_iterations"] >= 15
    assert any("ForIter" in line for line in s["bytecode"])


def test_decorator_forms_and_metadata():
    @jit(cache=True)
    def f(x):
        """doc"""
        return x + 1

    assert f(1) == 2 and f.cache is True and f.__doc__ == "doc" and f.__name__ == "f"

    @jit
    def g(x):
        return x * 2

    assert g(4) == 8 and g.__wrapped__(4) == 8


def test_keyword_and_arity_errors_match_cpython():
    for args, kwargs in [((1, 2, 3, 4), {}), ((), {}), ((1,), {"d": 2}), ((1,), {"a": 2})]:
        check(C.defaults_and_keywords, *args, **kwargs)


def test_recursion_error_is_raised():
    def deep(n):
        return deep(n + 1)

    jf = jit(deep)
    with pytest.raises(RecursionError):
        jf(0)


def test_exceptions_keep_earlier_side_effects():
    a = np.zeros(5)
    with pytest.raises(IndexError):
        jit(C.index_error_mid_loop)(a, 9)
    assert a.tolist() == [0.0, 10.0, 20.0, 30.0, 40.0]


def test_global_rebinding_is_seen():
    jf = jit(C.globals_and_helpers)
    before = jf(4)
    old = C.SCALE
    try:
        C.SCALE = 10
        assert jf(4) == C.globals_and_helpers(4)
    finally:
        C.SCALE = old
    assert jf(4) == before


finite = st.floats(allow_nan=False, allow_infinity=False, width=64)
small_ints = st.integers(min_value=-10 ** 6, max_value=10 ** 6)
any_ints = st.integers(min_value=-(2 ** 80), max_value=2 ** 80)


@settings(max_examples=80, deadline=None)
@given(a=st.one_of(any_ints, finite, st.floats()), b=st.one_of(any_ints, finite, st.floats()))
def test_hypothesis_arithmetic(a, b):
    check(C.changing_types, a)
    check(C.true_division_exact, a, b)
    check(C.comparisons, a, b)


@settings(max_examples=60, deadline=None)
@given(a=any_ints, b=any_ints)
def test_hypothesis_int_semantics(a, b):
    check(C.int_semantics, a, b)


@settings(max_examples=60, deadline=None)
@given(a=finite, b=finite)
def test_hypothesis_float_semantics(a, b):
    check(C.float_semantics, a, b)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(min_value=-20, max_value=40), step=st.sampled_from([-3, -1, 1, 2, 5]),
       start=st.integers(min_value=-10, max_value=10))
def test_hypothesis_ranges(n, step, start):
    check(C.range_forms, n, start, step)
    check(C.negative_step, n)
    check(C.branch_flips_mid_loop, n)


@settings(max_examples=40, deadline=None)
@given(values=st.lists(st.one_of(finite, st.floats()), min_size=1, max_size=12),
       dtype=st.sampled_from(["float64", "float32", "int64", "int8", "uint8"]))
def test_hypothesis_arrays(values, dtype):
    if dtype[0] in "iu":
        values = [int(v) % 100 if math.isfinite(v) else 1 for v in values]
    a = np.array(values, dtype=dtype)
    check(C.array_sum, a)
    check(C.array_set_loop, a)
    check(C.scalar_types, a)
    check(C.iterate_1d, a)


def test_jitlog_writes_loops_and_aborts(tmp_path, monkeypatch):
    import json

    log = tmp_path / "jit.jsonl"
    monkeypatch.setenv("NUMPYPY_JITLOG", str(log))
    with threshold(2):
        jf = jit(C.sobel_like)
        check(C.sobel_like, IMG, jf=jf)
    events = [json.loads(line) for line in log.read_text().splitlines()]
    loops = [e for e in events if e["event"] == "loop"]
    aborts = [e for e in events if e["event"] == "abort"]
    assert loops and aborts, events
    inner = loops[0]
    assert inner["function"] == "sobel_like" and inner["file"].endswith("jit_cases.py")
    assert any("math.sqrt" in s["text"] for s in inner["source"])
    assert any("GetItemN" in b for b in inner["bytecode"])
    assert any("guard" in line for line in inner["trace_ir"]) and inner["guards"] > 0
    assert any("Loop" in line for line in inner["trace_ir"])
    assert inner["llvm_ir"] is None and inner["asm"] is None
    assert "range()" in aborts[0]["reason"] or "loop" in aborts[0]["reason"]
