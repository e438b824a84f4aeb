"""The magnify demo of PyPy's 2011 "Realtime image processing in Python", on numpypy.

    python demos/magnify.py [INPUT.y4m | -] [-b] [--out OUT.y4m] [--frames N] [--vectorised]

``magnify`` is the 2011 loop: one implementation, and the interpolation comes from the image
class it is given — ``NNImage`` (nearest, the default) or ``BilImage`` (``-b``). The
vectorised variant computes the lens map once with numpypy array math (arctan2, cos, sin,
floor, where) and gathers every frame. Both give exactly the frames of the Rust ``magnify``.
"""

import os
import sys
from math import atan2, cos, sin, sqrt

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from plain import BilImage, NNImage, as_bytes  # noqa: E402
import video  # noqa: E402


def magnify(img):
    out = img.new("B")
    out.data[:] = img.data
    maxr = img.height // 3
    cx, cy = img.width // 2, img.height // 2
    for y in range(cy - maxr, cy + maxr):
        for x in range(max(cx - maxr, 0), min(cx + maxr, img.width)):
            dx, dy = x - cx, y - cy
            a = atan2(dy, dx)
            r = sqrt(dx ** 2 + dy ** 2)
            if r < maxr:
                nr = r * r / maxr
                nx, ny = nr * cos(a), nr * sin(a)
                out[x, y] = min(int(img[nx + cx, ny + cy]), 255)
    return out


class Lens(object):
    """The vectorised magnifier for (h, w) frames: the map, computed once."""

    def __init__(self, np, w, h, bilinear):
        self.np, self.bilinear = np, bilinear
        cx, cy, maxr = w // 2, h // 2, h // 3
        self.rows = slice(cy - maxr, cy + maxr)
        self.cols = slice(max(cx - maxr, 0), min(cx + maxr, w))
        self.empty = maxr == 0 or self.cols.stop <= self.cols.start
        if self.empty:
            return
        x = np.arange(self.cols.start, self.cols.stop, dtype=np.float64).reshape(1, -1)
        y = np.arange(self.rows.start, self.rows.stop, dtype=np.float64).reshape(-1, 1)
        dx, dy = x - cx, y - cy
        r = np.sqrt(dx * dx + dy * dy)
        inside = r < maxr
        a = np.arctan2(dy, dx)
        nr = r * r / maxr
        sx = np.where(inside, nr * np.cos(a) + cx, x)
        sy = np.where(inside, nr * np.sin(a) + cy, y)

        def flat(col, row):
            col = np.minimum(np.maximum(col, 0.0), w - 1.0).astype(np.int64)
            row = np.minimum(np.maximum(row, 0.0), h - 1.0).astype(np.int64)
            return row * w + col

        if not bilinear:
            self.index = [flat(np.floor(sx + 0.5), np.floor(sy + 0.5))]
            return
        fx, fy = np.floor(sx), np.floor(sy)
        xo, yo = sx - fx, sy - fy
        self.index = [flat(fx, fy), flat(fx, fy + 1.0), flat(fx + 1.0, fy), flat(fx + 1.0, fy + 1.0)]
        self.weight = [(1.0 - xo) * (1.0 - yo), (1.0 - xo) * yo, xo * (1.0 - yo), xo * yo]

    def __call__(self, a):
        np = self.np
        out = a.copy()
        if self.empty:
            return out
        flat = a.reshape(-1)
        square = out[self.rows, self.cols]
        if not self.bilinear:
            square[...] = flat[self.index[0]]
            return out
        g = [flat[i] for i in self.index]
        v = self.weight[0] * g[0] + self.weight[1] * g[1] + self.weight[2] * g[2] + self.weight[3] * g[3]
        np.minimum(v, 255.0, out=square, casting="unsafe")
        return out


def main(argv=None):
    extra = [(("-b", "--bilinear"), dict(action="store_true", help="bilinear interpolation"))]
    o = video.parse_args(argv, "magnify.py", extra)
    if o.vectorised:
        from sobel import array_module

        np = array_module(o.backend)
        lenses = {}

        def step(w, h, luma):
            if (w, h) not in lenses:
                lenses[w, h] = Lens(np, w, h, o.bilinear)
            a = np.frombuffer(bytes(luma), dtype=np.uint8).reshape(h, w)
            return as_bytes(lenses[w, h](a))
    else:
        cls = BilImage if o.bilinear else NNImage

        def step(w, h, luma):
            return magnify(cls(w, h, "B", luma, o.backend)).tobytes()
    if o.frames is None and o.input is None and not o.vectorised:
        o.frames = 1
    name = "magnify.py" + (" -b" if o.bilinear else "") + (" --vectorised" if o.vectorised else "")
    video.run(name, o, step)


if __name__ == "__main__":
    main()
