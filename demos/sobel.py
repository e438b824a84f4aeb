"""The Sobel demo of PyPy's 2011 "Realtime image processing in Python", on numpypy.

    python demos/sobel.py [INPUT.y4m | -] [--out OUT.y4m] [--frames N] [--vectorised]

``sobel_magnitude`` is the 2011 loop over an ``Image`` (numpypy storage by default); under
plain CPython it is slow, as it was in 2011 — the tracing JIT is what makes it fast.
``sobel_vectorised`` is the same computation as numpypy array expressions on shifted views,
which numpypy evaluates fused. Both give exactly the frames of the Rust ``sobel`` binary.
"""

import os
import sys
from math import sqrt

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from plain import Image, as_bytes  # noqa: E402
import video  # noqa: E402


def sobel_magnitude(a):
    b = a.new("B")
    for y in range(1, a.height - 1):
        for x in range(1, a.width - 1):
            dx = (-1.0 * a[x - 1, y - 1] + 1.0 * a[x + 1, y - 1]
                  - 2.0 * a[x - 1, y] + 2.0 * a[x + 1, y]
                  - 1.0 * a[x - 1, y + 1] + 1.0 * a[x + 1, y + 1])
            dy = (-1.0 * a[x - 1, y - 1] - 2.0 * a[x, y - 1] - 1.0 * a[x + 1, y - 1]
                  + 1.0 * a[x - 1, y + 1] + 2.0 * a[x, y + 1] + 1.0 * a[x + 1, y + 1])
            b[x, y] = min(int(sqrt(dx * dx + dy * dy) / 4.0), 255)
    return b


def sobel_vectorised(np, a):
    """The same on an (h, w) uint8 array: nine shifted views, one expression. float32 is exact
    here (see demos/src/sobel.rs) and moves half the bytes of float64."""
    h, w = a.shape
    out = np.zeros((h, w), dtype=np.uint8)
    if h < 3 or w < 3:
        return out

    def p(r, c):
        return a[r:r + h - 2, c:c + w - 2].astype(np.float32)

    dx = (p(0, 2) - p(0, 0)) + 2.0 * (p(1, 2) - p(1, 0)) + (p(2, 2) - p(2, 0))
    dy = (p(2, 0) - p(0, 0)) + 2.0 * (p(2, 1) - p(0, 1)) + (p(2, 2) - p(0, 2))
    np.minimum(np.sqrt(dx * dx + dy * dy) / 4.0, 255.0, out=out[1:-1, 1:-1], casting="unsafe")
    return out


def array_module(backend):
    if backend == "numpy":
        import numpy
    else:
        import numpypy as numpy
    return numpy


def main(argv=None):
    o = video.parse_args(argv, "sobel.py")
    if o.vectorised:
        np = array_module(o.backend)

        def step(w, h, luma):
            a = np.frombuffer(bytes(luma), dtype=np.uint8).reshape(h, w)
            return as_bytes(sobel_vectorised(np, a))
    else:
        def step(w, h, luma):
            return sobel_magnitude(Image(w, h, "B", luma, o.backend)).tobytes()
    if o.frames is None and o.input is None and not o.vectorised:
        o.frames = 1
    video.run("sobel.py" + (" --vectorised" if o.vectorised else ""), o, step)


if __name__ == "__main__":
    main()
