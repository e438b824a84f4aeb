"""The main job: a NumPy-style program run twice, with numpypy and with NumPy, checking that
the results agree and printing both timings side by side.

    python examples/main_job.py [n]        (default n = 10**7 float64 elements)

The expressions are issue 4's benchmark set: E1 ``a*b + c``, E2 ``2*a + 3*b - c*d``,
E3 ``sqrt(a*a + b*b)``, E4 ``sin(a)**2 + cos(b)**2``, E5 ``(a*b + c).sum()``,
E6 ``where(a > 0.5, a*b, c - d)``, plus a matrix product and a solve. Inputs are made by NumPy
and shared with numpypy without copies (``numpypy.asarray``).
"""

import sys
import time

import numpy
import numpypy

EXPRESSIONS = {
    "E1 a*b + c": lambda np, a, b, c, d: a * b + c,
    "E2 2*a + 3*b - c*d": lambda np, a, b, c, d: 2 * a + 3 * b - c * d,
    "E3 sqrt(a*a + b*b)": lambda np, a, b, c, d: np.sqrt(a * a + b * b),
    "E4 sin(a)**2 + cos(b)**2": lambda np, a, b, c, d: np.sin(a) ** 2 + np.cos(b) ** 2,
    "E5 (a*b + c).sum()": lambda np, a, b, c, d: (a * b + c).sum(),
    "E6 where(a > 0.5, a*b, c - d)": lambda np, a, b, c, d: np.where(a > 0.5, a * b, c - d),
    "M  (A @ B).trace()": lambda np, a, b, c, d: np.trace(_square(a) @ _square(b)),
    "S  solve(A + m I, x)": lambda np, a, b, c, d: np.linalg.solve(
        _square(a) + len(_square(a)) * np.eye(len(_square(a))), b[:len(_square(a))]),
}


def _square(x):
    """The first m*m elements of x as an m x m matrix (m <= 500)."""
    m = min(500, int(len(x) ** 0.5))
    return x[:m * m].reshape(m, m)


def best_time(fn, repeat=3):
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def agree(want, got):
    got = numpy.asarray(got) if isinstance(got, numpypy.ndarray) else numpy.asarray(got.item() if hasattr(got, "item") else got)
    return numpy.allclose(got, want, rtol=1e-9, atol=1e-9 * float(numpy.max(numpy.abs(want))))


def main(n=10**7):
    rng = numpy.random.default_rng(0)
    inputs = [rng.random(n) for _ in range(4)]
    shared = [numpypy.asarray(x) for x in inputs]
    print(f"n = {n:,} float64 elements; best of 3 runs")
    print(f"{'expression':34s} {'NumPy ms':>10s} {'numpypy ms':>11s} {'ratio':>7s}  agree")
    ok = True
    for name, expr in EXPRESSIONS.items():
        t_np, want = best_time(lambda: expr(numpy, *inputs))
        t_pp, got = best_time(lambda: expr(numpypy, *shared))
        same = agree(want, got)
        ok &= same
        print(f"{name:34s} {t_np * 1e3:10.1f} {t_pp * 1e3:11.1f} {t_np / t_pp:6.2f}x  {'yes' if same else 'NO'}")
    print("all results agree" if ok else "RESULTS DIFFER")
    return ok


if __name__ == "__main__":
    sys.exit(0 if main(int(float(sys.argv[1])) if len(sys.argv) > 1 else 10**7) else 1)
