"""NumPy's times for the cases of the blocked_eval criterion benchmark (run both in the same
minutes: the machine is shared). Same sizes and layouts; best of N runs, in ms.

    .venv/bin/python numrt/benches/numpy_side.py
    cargo bench -p numrt --bench blocked_eval -- --warm-up-time 1 --measurement-time 5
"""

import time

import numpy as np

N = 10**7


def best(f, runs=20):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return min(times) * 1e3


def main():
    rng = np.random.default_rng(0)
    a, b, c, d = (rng.random(N) for _ in range(4))
    big = rng.random(N)
    m = big[: N // 10 * 3].reshape(N // 10, 3)
    zeros, row = np.zeros((N // 10, 3)), np.zeros(3)
    ints = (big * 1000).astype(np.int64)
    cases = [
        ("2a+3b-cd f64 1e7", lambda: 2 * a + 3 * b - c * d),
        ("matrix+row f64 1e6x3", lambda: zeros + row),
        ("sum 1e7", lambda: big.sum()),
        ("sum axis=1 of 1e6x3", lambda: m.sum(axis=1)),
        ("sum axis=0 of 1e6x3", lambda: m.sum(axis=0)),
        ("max 1e7", lambda: big.max()),
        ("sum int64 1e7", lambda: ints.sum()),
    ]
    print(f"NumPy {np.__version__}")
    for name, f in cases:
        print(f"{name:24s} {best(f):8.2f} ms")


if __name__ == "__main__":
    main()
