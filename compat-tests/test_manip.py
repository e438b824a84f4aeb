"""numpypy's array manipulation against NumPy: reshape/ravel/transpose/swapaxes/moveaxis/
squeeze/expand_dims, broadcasting, atleast_*d, joining, splitting, flipping, roll, repeat,
tile, where, clip, take, round, nonzero — every dtype family, edge shapes and NumPy's errors."""

import pytest

from compat import same

ARRAYS = [
    "np.arange(6).reshape(2, 3)", "np.array([[1.5, -2.0, np.nan], [0.0, -0.0, np.inf]])",
    "np.array([[True, False], [False, True]])", "np.array([[1+2j, 3-1j, np.nan]])",
    "np.arange(24, dtype=np.uint8).reshape(2, 3, 4)", "np.array([1, -2, 3], np.int8)",
    "np.array([0.1, 0.25], np.float32)", "np.array([1, 2, 3], np.float16)", "np.array(5)",
    "np.zeros((0, 3))", "np.arange(12, dtype=np.int16).reshape(3, 4)[:, ::2]",
    "np.arange(8.0)[::-1]",
]

TEMPLATES = [
    "np.reshape({a}, -1)", "np.ravel({a})", "np.transpose({a})", "np.squeeze({a})",
    "np.expand_dims({a}, 0)", "np.expand_dims({a}, -1)", "np.atleast_1d({a})",
    "np.atleast_2d({a})", "np.atleast_3d({a})", "np.flip({a})", "np.roll({a}, 1)",
    "np.roll({a}, -7)", "np.repeat({a}, 2)", "np.tile({a}, 2)", "np.tile({a}, (2, 1))",
    "np.concatenate([{a}, {a}], axis=None)", "np.stack([{a}, {a}])", "np.stack([{a}, {a}], -1)",
    "np.where({a})", "np.nonzero({a})", "np.clip({a}, 0, 2)", "np.clip({a}, None, 1)",
    "np.clip({a}, 1, None)", "np.round({a})", "np.round({a}, 1)", "np.round({a}, -1)",
    "np.around({a}, 2)", "np.take({a}, [0, 1])", "np.take({a}, 0)",
    "np.take({a}, [0, -1], mode='wrap')", "np.take({a}, [7, -9], mode='clip')",
    "np.broadcast_to({a}, (2,) + np.shape({a}))", "np.where({a}, {a}, 0)",
    "np.swapaxes({a}, 0, -1)", "np.moveaxis({a}, 0, -1)", "np.hstack([{a}, {a}])",
    "np.vstack([{a}, {a}])", "np.flipud({a})", "np.fliplr({a})",
    "np.concatenate([{a}, {a}])", "np.concatenate([{a}, {a}], axis=-1)",
    "np.split({a}, 1)", "np.array_split({a}, 2)", "np.array_split({a}, [1, 5])",
    "{a}.swapaxes(0, -1)", "{a}.squeeze()", "{a}.repeat(3)", "{a}.clip(0, 1)",
    "{a}.take([0])", "{a}.round()", "{a}.nonzero()",
]

CASES = [
    # reshape, ravel, transpose
    "np.reshape(np.arange(6), (3, 2))", "np.reshape(np.arange(6), (4, 2))",
    "np.reshape(np.arange(6), newshape=(2, -1))", "np.ravel([[1, 2], [3, 4]])",
    "np.transpose(np.ones((2, 3, 4)), (1, 0, 2)).shape", "np.transpose(np.ones((2, 3)), (0, 0))",
    # swapaxes, moveaxis, squeeze, expand_dims
    "np.swapaxes(np.ones((2, 3)), 0, 2)", "np.swapaxes(np.ones((2, 3, 4)), 2, 0).shape",
    "np.moveaxis(np.ones((2, 3, 4)), [0, 1], [-1, -2]).shape", "np.moveaxis(np.ones((2, 3)), 0, 5)",
    "np.moveaxis(np.ones((2, 3)), [0, 1], [0])", "np.moveaxis(np.ones((2, 3)), [0, 0], [0, 1])",
    "np.squeeze(np.ones((1, 2, 1)), axis=0).shape", "np.squeeze(np.ones((1, 2, 1)), axis=(0, 2)).shape",
    "np.squeeze(np.ones((1, 2)), axis=1)", "np.squeeze(np.ones((1, 2)), axis=3)",
    "np.expand_dims(np.ones((2, 3)), (0, 3)).shape", "np.expand_dims(np.ones(2), 3)",
    "np.expand_dims(np.ones(2), (0, 0))",
    # broadcasting
    "np.broadcast_to(np.arange(3), (2, 3))", "np.broadcast_to(np.arange(3), (4,))",
    "np.broadcast_to(5, (2, 2))", "np.broadcast_to(np.ones(3), (-1, 3))",
    "np.broadcast_arrays(np.arange(3), np.ones((2, 1)))", "np.broadcast_arrays(np.ones(2), np.ones(3))",
    "np.broadcast_shapes((2, 1), (3,))", "np.broadcast_shapes((2,), (3,))",
    "np.atleast_1d(1, [2, 3])", "np.atleast_2d(1, [2, 3])", "np.atleast_3d(np.ones((2, 3))).shape",
    # concatenate and friends
    "np.concatenate([np.array([1, 2], np.int8), np.array([3.5])])",
    "np.concatenate([np.array([1, 2], np.int8), np.array([3], np.uint8)])",
    "np.concatenate([np.array([1], np.int64), np.array([2], np.uint64)])",
    "np.concatenate([np.array([True]), np.array([2j])])",
    "np.concatenate([[1, 2], [3]], dtype=np.float32)", "np.concatenate([[1.5], [3]], dtype=np.int64)",
    "np.concatenate([[1.5], [3]], dtype=np.int64, casting='unsafe')",
    "np.concatenate([np.ones((2, 2)), np.zeros((1, 2))])", "np.concatenate([np.ones((2, 2)), np.zeros((2, 1))], 1)",
    "np.concatenate([])", "np.concatenate([np.array(1), np.array(2)])",
    "np.concatenate([np.ones((2, 2)), np.ones((2, 3))])", "np.concatenate([np.ones((2, 2)), np.ones(2)])",
    "np.concatenate([np.ones((2, 2))], axis=2)", "np.concatenate([np.ones((0, 2)), np.ones((1, 2))])",
    "np.concatenate([[1], [2]], out=np.zeros(2), dtype=float)",
    "np.stack([[1, 2], [3, 4]], axis=1)", "np.stack([[1, 2], [3]])", "np.stack([])",
    "np.stack([[1, 2], [3, 4]], axis=3)", "np.vstack([[1, 2], [3, 4]])", "np.vstack([1, 2])",
    "np.hstack([[1, 2], [3]])", "np.hstack([np.ones((2, 1)), np.zeros((2, 2))])", "np.hstack([1, 2.5])",
    # split
    "np.split(np.arange(6), 3)", "np.split(np.arange(6), 4)", "np.split(np.arange(6), [2, 10])",
    "np.array_split(np.arange(7), 3)", "np.array_split(np.arange(7), 0)",
    "np.split(np.arange(6).reshape(2, 3), 3, axis=1)", "np.array_split(np.arange(3), 5)",
    # flip, roll
    "np.flip(np.arange(6).reshape(2, 3), 0)", "np.flip(np.arange(6).reshape(2, 3), (0, 1))",
    "np.flip(np.arange(3), 1)", "np.fliplr(np.arange(3))", "np.flipud(np.array(1))",
    "np.roll(np.arange(10).reshape(2, 5), 1, axis=1)", "np.roll(np.arange(10).reshape(2, 5), (1, 2), axis=(0, 1))",
    "np.roll(np.arange(10).reshape(2, 5), 3, axis=(1, 1))", "np.roll(np.arange(5), 1, axis=1)",
    "np.roll(np.array([]), 3)", "np.roll(np.arange(4), [1, 2], axis=[0, 1, 0])",
    # repeat, tile
    "np.repeat([1, 2], [1, 2])", "np.repeat([[1, 2], [3, 4]], [2, 0], axis=0)", "np.repeat([1, 2], -1)",
    "np.repeat([1, 2], [1, 2, 3])", "np.repeat([[1, 2]], [1, -2], axis=1)", "np.repeat(3, 4)",
    "np.repeat([1, 2], 2.5)", "np.repeat(np.array([1.5, 2]), 0)",
    "np.tile([1, 2], (2, 2))", "np.tile(np.array([[1, 2]]), 3)", "np.tile(5, 3)", "np.tile([1, 2], 0)",
    # where, nonzero
    "np.where([True, False], [1, 2], [3.5, 4])", "np.where([[1, 0], [0, 2]])",
    "np.where(np.array([1, 0]) > 0, np.array([1, 2], np.uint8), 300)", "np.where(True, 1, 2)",
    "np.where([True], 1)", "np.where(np.array([1, 0, 2]) > 0, np.float32(1), 2.0)",
    "np.nonzero(np.array(3))", "np.nonzero([[0, 1], [1, 0]])", "np.array([0, 1j]).nonzero()",
    # clip
    "np.clip(np.array([1, 200], np.uint8), 5, 100)", "np.clip(np.arange(5), 1.5, 3)",
    "np.clip(np.array([1.0, np.nan, 5.0]), 2, 4)", "np.clip(np.array([1.0, 5.0]), np.nan, 4)",
    "np.clip(np.arange(5), [0, 1, 2, 3, 4], 2)", "np.clip(np.arange(5), min=1, max=3)",
    "np.clip(np.arange(5), 3, 1)", "np.clip(np.array([1+1j, 3]), 2, 2.5)",
    "np.clip(np.arange(5), 1, 3, out=np.zeros(5, np.int64))", "np.arange(5).clip(max=2)",
    "np.clip(np.array([1, 2], np.int8), np.int16(0), 1)",
    "np.clip(np.array([1, 200], np.uint8), -1, 300)", "np.clip(np.array([1, 200], np.uint8), 5, 300)",
    "np.clip(np.array([1, 200], np.uint8), -1, 100)", "np.clip(np.array([-5, 5], np.int8), -1000, None)",
    "np.clip(np.array([-0.0, 0.0, np.nan]), 0.0, None)", "np.clip(np.array([-0.0, 0.0, np.nan]), None, -0.0)",
    "np.clip(np.array([-0.0, 0.0]), 0.0, 1.0)", "np.clip(np.array([-0.0, 0.0]), -1.0, -0.0)",
    "np.clip(np.array([True, False]), None, None)", "np.clip(np.arange(3.0), None, None)",
    "np.clip(5, 1, 3)", "np.clip([1, 5], 2, 3, out=np.zeros(2))", "np.clip([1, 5], 2, 3, a_min=1)",
    # take
    "np.take([1, 2], [5])", "np.take([1, 2], [-3])", "np.take(np.arange(6).reshape(2, 3), [2, 0], axis=1)",
    "np.take(np.arange(6).reshape(2, 3), [[0, 1]], axis=0)", "np.take([1, 2], [0.5])",
    "np.take([1, 2], [1], mode='bad')", "np.take(np.arange(6).reshape(2, 3), 1, axis=3)",
    "np.take(np.zeros((0,)), [0], mode='wrap')", "np.take([1, 2, 3], np.array([], np.int64))",
    # round
    "np.round(np.array([0.5, 1.5, 2.5, -0.5, -1.5]))", "np.round(np.array([1.25, 1.35, -2.675]), 2)",
    "np.round(np.array([15, 25, -15, 1234]), -1)", "np.round(np.array([15, 25, 1234]), -2)",
    "np.round(np.array([15, 25, 125], np.int8), -1)", "np.round(np.array([1234.5678], np.float32), -2)",
    "np.round(np.array([1.5, 2.5], np.float16))", "np.round(np.array([2.5+3.5j, -1.25-0.5j]), 1)",
    "np.round(np.array([True, False]))", "np.round(np.array([250], np.uint8), -2)",
    "np.round(np.array([1e300]), 10)", "np.round(np.array([np.nan, np.inf, -0.4]))",
]


@pytest.mark.parametrize("case", [t.format(a=a) for a in ARRAYS for t in TEMPLATES])
def test_template(case):
    same(case, ulps=1)


@pytest.mark.parametrize("case", CASES)
def test_case(case):
    same(case, ulps=1)


METHODS = [
    "np.ones((1, 2)).squeeze(axis=1)", "np.ones((1, 2)).squeeze(5)", "np.ones((1, 2)).squeeze((0,))",
    "np.arange(6).reshape(2, 3).swapaxes(1, 0)", "np.arange(6).reshape(2, 3).swapaxes(0, 2)",
    "np.arange(3).repeat([1, 2, 0])", "np.arange(3).repeat(-1)", "np.arange(3).take(5)",
    "np.arange(3).take([5], mode='clip')", "np.arange(3.0).clip(1)", "np.arange(3.0).clip(max=1.5)",
    "np.array([1.25, 2.5]).round(1)", "np.array([1.25, 2.5]).round(decimals=-1)",
    "np.array([[0, 1], [2, 0]]).nonzero()", "np.array(0).nonzero()", "np.array([1, 2]).round(1.5)",
    "np.arange(3).swapaxes(0)", "np.ravel(np.arange(4).reshape(2, 2), order='F')",
    "np.ravel(np.arange(6).reshape(2, 3).T, order='A')", "np.ravel(np.arange(6).reshape(2, 3).T, order='K')",
    "np.ravel(np.arange(4), order='X')",
    "np.array([1.5, 2.5], np.float32).round()", "np.array([1.55, 2.45], np.float16).round(1)",
]


@pytest.mark.parametrize("case", METHODS)
def test_method(case):
    same(case, ulps=1)


STATEMENTS = [
    "a = np.arange(6).reshape(2, 3); v = np.squeeze(a[None]); v[0, 0] = 9; out = a",
    "a = np.arange(4); np.flip(a)[0] = 7; out = a",
    "a = np.arange(6).reshape(2, 3); out = np.swapaxes(a, 0, 1).strides == a.T.strides",
    "a = np.broadcast_to(np.arange(3), (2, 3))\ntry:\n    a[0, 0] = 1\nexcept ValueError as e:\n    out = str(e)",
]


@pytest.mark.parametrize("case", STATEMENTS)
def test_statement(case):
    same(case, stmt=True)
