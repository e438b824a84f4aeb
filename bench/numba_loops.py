"""The 2011 demo loops for Numba's @njit (bench/demos.py): the same float64 arithmetic as
demos/sobel.py and demos/magnify.py, on (h, w) uint8 arrays."""

import math

import numpy as np
from numba import njit


@njit(cache=True)
def sobel(a, b):
    h, w = a.shape
    for y in range(1, h - 1):
        for x in range(1, w - 1):
            dx = (-1.0 * a[y - 1, x - 1] + 1.0 * a[y - 1, x + 1] - 2.0 * a[y, x - 1] + 2.0 * a[y, x + 1]
                  - 1.0 * a[y + 1, x - 1] + 1.0 * a[y + 1, x + 1])
            dy = (-1.0 * a[y - 1, x - 1] - 2.0 * a[y - 1, x] - 1.0 * a[y - 1, x + 1]
                  + 1.0 * a[y + 1, x - 1] + 2.0 * a[y + 1, x] + 1.0 * a[y + 1, x + 1])
            b[y, x] = min(int(math.sqrt(dx * dx + dy * dy) / 4.0), 255)


@njit(inline="always")
def _px(a, x, y):
    h, w = a.shape
    return float(a[min(max(y, 0), h - 1), min(max(x, 0), w - 1)])


@njit(inline="always")
def _lens(a, b, bilinear):
    h, w = a.shape
    b[:, :] = a
    maxr = h // 3
    cx, cy = w // 2, h // 2
    for y in range(cy - maxr, cy + maxr):
        for x in range(max(cx - maxr, 0), min(cx + maxr, w)):
            dx, dy = x - cx, y - cy
            an = math.atan2(dy, dx)
            r = math.sqrt(dx * dx + dy * dy)
            if r < maxr:
                nr = r * r / maxr
                sx, sy = nr * math.cos(an) + cx, nr * math.sin(an) + cy
                if bilinear:
                    x0, y0 = int(math.floor(sx)), int(math.floor(sy))
                    xo, yo = sx - x0, sy - y0
                    v = ((1.0 - xo) * (1.0 - yo) * _px(a, x0, y0) + (1.0 - xo) * yo * _px(a, x0, y0 + 1)
                         + xo * (1.0 - yo) * _px(a, x0 + 1, y0) + xo * yo * _px(a, x0 + 1, y0 + 1))
                else:
                    v = _px(a, int(math.floor(sx + 0.5)), int(math.floor(sy + 0.5)))
                b[y, x] = min(int(v), 255)


@njit(cache=True)
def magnify(a, b):
    _lens(a, b, False)


@njit(cache=True)
def magnify_b(a, b):
    _lens(a, b, True)


def run(fn, frame, w, h):
    a = np.frombuffer(frame, dtype=np.uint8).reshape(h, w)
    b = np.zeros((h, w), dtype=np.uint8)
    fn(a, b)
    return b.tobytes()
