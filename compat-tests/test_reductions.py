"""The reduction family against NumPy: module-level sum ... std (with out=, initial=, where=),
the nan-ignoring functions (and their all-NaN / empty-slice warnings), ptp, average (weights,
returned), median, percentile and quantile (method='linear')."""

import pytest

from compat import same

# Differences owned by numrt's mean/var/std (reduce/stats.rs), strict so a fix is noticed.
NUMRT_STATS = "numrt stats: var/std/mean report the flags of the final division ('scalar divide'), NumPy the step that raised them ('subtract', 'reduce')"
KNOWN = {
    "np.var(np.array([np.inf, -1.0, 2.0]))": NUMRT_STATS,
    "np.std(np.array([np.inf, -1.0, 2.0]), axis=-1)": NUMRT_STATS,
    "np.median(np.array([1e308, 1e308]))": NUMRT_STATS,
}


def params(cases):
    return [pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=KNOWN[c]))
            if c in KNOWN else c for c in cases]

ARRAYS = [
    "np.array([3, 1, 2])", "np.array([[1, 5, 2], [7, -2, 0]], np.int8)",
    "np.array([[1.5, np.nan], [-2.0, 0.25]])", "np.array([0.1, 0.2, 0.7], np.float32)",
    "np.array([1, 2, 3, 4], np.float16)", "np.array([[1, 2], [3, 4]], np.uint8)",
    "np.array([True, False, True])", "np.array([np.nan, 1.0, np.nan])",
    "np.arange(24, dtype=np.int16).reshape(2, 3, 4)", "np.array([np.inf, -1.0, 2.0])",
]
COMPLEX = ["np.array([1+2j, 3-1j, np.nan])", "np.array([[1+1j, 2], [0, 1j]], np.complex64)"]

FUNCS = [
    "np.sum({a})", "np.sum({a}, axis=0)", "np.sum({a}, axis=-1, keepdims=True)",
    "np.prod({a})", "np.prod({a}, axis=0)", "np.min({a})", "np.max({a}, axis=0)",
    "np.amin({a}, axis=-1)", "np.amax({a})", "np.all({a})", "np.any({a}, axis=0)",
    "np.mean({a})", "np.mean({a}, axis=0)", "np.var({a})", "np.std({a}, axis=-1)",
    "np.cumsum({a})", "np.cumprod({a}, axis=0)", "np.ptp({a})", "np.ptp({a}, axis=0)",
    "np.nansum({a})", "np.nansum({a}, axis=0)", "np.nanprod({a})", "np.nanprod({a}, axis=-1)",
    "np.nanmin({a})", "np.nanmin({a}, axis=0)", "np.nanmax({a}, axis=-1, keepdims=True)",
    "np.nanmean({a})", "np.nanmean({a}, axis=0)", "np.nanmean({a}, axis=-1, keepdims=True)",
    "np.average({a})", "np.average({a}, axis=0)", "np.average({a}, returned=True)",
    "np.median({a})", "np.median({a}, axis=0)", "np.median({a}, axis=-1, keepdims=True)",
    "np.percentile({a}, 30)", "np.percentile({a}, [0, 25, 50, 100], axis=0)",
    "np.quantile({a}, 0.75)", "np.quantile({a}, np.array([0.1, 0.9]), axis=-1, keepdims=True)",
    "np.percentile({a}, np.float32(30))",
]

EXTRA = [
    # initial / where / out on the module functions
    "np.sum([[1, 2], [3, 4]], axis=0, initial=10)", "np.sum([[1, 2], [3, 4]], where=[True, False])",
    "np.prod([[1, 2], [3, 4]], axis=1, initial=2)",
    "np.max([[1, 2], [3, 4]], axis=0, where=[True, False], initial=-1)",
    "np.min([[1, 2], [3, 4]], axis=0, where=[True, False])", "np.min(np.array([]), initial=3.5)",
    "np.mean([[1, 2], [3, 4]], axis=0, out=np.zeros(2, dtype=np.float32))",
    "np.sum([[1, 2], [3, 4]], axis=0, out=np.zeros(2, dtype=np.int8))",
    "np.sum([[1.5, 2], [3, 4]], axis=0, out=np.zeros(2, dtype=np.int64))",
    "np.sum(5)", "np.sum([])", "np.prod([])", "np.max([])", "np.mean([])", "np.sum([[1, 2]], axis=2)",
    "np.cumsum([[1, 2], [3, 4]])", "np.cumsum([[1, 2], [3, 4]], axis=1, dtype=np.float32)",
    # nan functions: all-NaN slices, empty, ints
    "np.nanmin(np.array([np.nan, np.nan]))", "np.nanmax(np.array([[np.nan, 1], [np.nan, 2]]), axis=0)",
    "np.nanmin(np.array([[np.nan, 1], [np.nan, 2]], np.float32), axis=1)",
    "np.nanmean(np.array([np.nan, np.nan]))", "np.nanmean(np.array([[np.nan, 1], [np.nan, 2]], np.float32), axis=0)",
    "np.nanmean(np.array([1, 2], np.int8))", "np.nanmin(np.array([], float))",
    "np.nanmin(np.array([1, 2], np.int8))", "np.nansum(np.array([1, np.nan], np.float16))",
    "np.nanprod(np.array([3, np.nan], np.float32))", "np.nansum(np.array([True, True]))",
    "np.nansum(np.array([], float))", "np.nansum([[np.nan, 1], [2, 3]], axis=1, keepdims=True)",
    "np.nanmax(np.array([np.inf, np.nan]))", "np.nanmin(np.array([-np.inf, np.nan]))",
    # ptp
    "np.ptp(np.array([True, True]))", "np.ptp(np.array([1, 200], np.uint8))",
    "np.ptp(np.array([[1, 5], [7, -2]]), axis=1, keepdims=True)", "np.ptp(np.array([]))",
    # average
    "np.average(np.array([1, 2]), weights=[0, 0])", "np.average(np.array([1, 2]), weights=[1, 3])",
    "np.average(np.array([[1, 2], [3, 4]]), axis=1, weights=[1, 3], returned=True)",
    "np.average(np.array([[1, 2], [3, 4]], np.float32), axis=0, weights=[1, 3])",
    "np.average(np.array([[1, 2], [3, 4]], np.float32), axis=0, weights=np.array([1, 3], np.float32))",
    "np.average(np.array([[1, 2], [3, 4]]), weights=[1, 3])",
    "np.average(np.array([[1, 2], [3, 4]]), axis=0, weights=[[1, 3]])",
    "np.average(np.array([[1, 2], [3, 4]]), weights=np.array([[1, 2], [3, 4]]), returned=True)",
    "np.average(np.array([[1, 2], [3, 4]]), axis=1, keepdims=True)", "np.average(np.array([]))",
    "np.average(np.array([True, False]), weights=[1, 2])",
    # median / percentile / quantile
    "np.median(np.array([1, 2, 3, 4], np.int8))", "np.median(np.array([1, np.nan, 3, 4]))",
    "np.median(np.array([[1, np.nan], [3, 4]]), axis=1)", "np.median(np.array([]))",
    "np.median(np.array(3))", "np.median(np.array([True, False]))",
    "np.median(np.arange(24).reshape(2, 3, 4), axis=(0, 2))", "np.median([[5, 1], [2, 8]], axis=None)",
    "np.median(np.array([127, 127], np.int8))", "np.median(np.array([1e308, 1e308]))",
    "np.percentile(np.array([1, 2, 3, 4]), 130)", "np.percentile(np.array([1, 2, 3, 4]), -1)",
    "np.quantile(np.array([1, 2, 3, 4]), 1.5)", "np.quantile(np.array([1, 2, 3, 4]), [0.5, 2])",
    "np.percentile(np.array([True, False]), 50)", "np.percentile(np.array([1+1j]), 50)",
    "np.percentile(np.array([1, 2, np.nan, 4]), 30)", "np.percentile(np.array([1, 2, 3]), 50, axis=1)",
    "np.percentile(np.array([[1, 2, np.nan], [4, 5, 6]]), [10, 90], axis=1)",
    "np.quantile(np.arange(10, dtype=np.uint8), 0.33)", "np.quantile(np.array([-100, 100], np.int8), 0.5)",
    "np.quantile(np.array([1, 2, 3], np.float16), 0.4)",
    "np.percentile(np.arange(12).reshape(3, 4), 40, axis=(0, 1), keepdims=True)",
]


@pytest.mark.parametrize("case", params([f.format(a=a) for f in FUNCS for a in ARRAYS]))
def test_function(case):
    same(case, ulps=4)


@pytest.mark.parametrize("case", [f.format(a=a) for f in FUNCS[:33] for a in COMPLEX])
def test_complex(case):
    same(case, ulps=4)


@pytest.mark.parametrize("case", params(EXTRA))
def test_extra(case):
    same(case, ulps=4)
