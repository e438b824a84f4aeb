"""The 2011 demos' image classes: an ``Image`` addressed by ``(x, y)`` tuples, and two
subclasses that sample at fractional coordinates — ``NNImage`` (nearest neighbour) and
``BilImage`` (bilinear). PyPy's JIT inlines the pixel access method and specialises the
algorithm for each subclass; that is what the 2011 blog post showed.

Storage is a flat array of ``width * height`` pixels: a numpypy array by default (the point of
numpypy), NumPy's, or the standard library's ``array.array`` (pure Python, for PyPy).
Fractional coordinates are clamped into the image (only frames narrower than two thirds of
their height reach outside it); integer ones raise IndexError outside, as in 2011.
"""

from math import floor


def storage(backend, typecode, n, data=None):
    """A flat array of n pixels ('B': uint8, 'd': float64), optionally filled from bytes."""
    if backend == "array":
        import array

        if data is not None:
            return array.array(typecode, data)
        return array.array(typecode, [0]) * n
    if backend == "numpy":
        import numpy
    else:
        import numpypy as numpy
    dtype = {"B": numpy.uint8, "d": numpy.float64}[typecode]
    if data is not None:
        return numpy.frombuffer(bytes(data), dtype=numpy.uint8).astype(dtype)
    return numpy.zeros(n, dtype=dtype)


class Image(object):
    def __init__(self, w, h, typecode="d", data=None, backend="numpypy"):
        self.width = w
        self.height = h
        self.typecode = typecode
        self.backend = backend
        self.data = storage(backend, typecode, w * h, data)

    def _idx(self, x, y):
        if 0 <= x < self.width and 0 <= y < self.height:
            return y * self.width + x
        raise IndexError("pixel (%r, %r) outside a %dx%d image" % (x, y, self.width, self.height))

    def __getitem__(self, pos):
        x, y = pos
        return self.data[self._idx(x, y)]

    def __setitem__(self, pos, val):
        x, y = pos
        self.data[self._idx(x, y)] = val

    def clamped(self, x, y):
        """The pixel at integer (x, y) moved into the image."""
        x = min(max(x, 0), self.width - 1)
        y = min(max(y, 0), self.height - 1)
        return Image.__getitem__(self, (x, y))

    def new(self, typecode="B"):
        """A black image of the same size and storage."""
        return Image(self.width, self.height, typecode, backend=self.backend)

    def tobytes(self):
        if self.backend == "array":
            return self.data.tobytes()
        return as_bytes(self.data)


def as_bytes(arr):
    """The bytes of a C-contiguous array: ``tobytes()`` where the array has it, else through
    the buffer protocol (numpypy arrays export one)."""
    tobytes = getattr(arr, "tobytes", None)
    return tobytes() if tobytes is not None else bytes(memoryview(arr))


class NNImage(Image):
    """Fractional coordinates read the nearest pixel."""

    def __getitem__(self, pos):
        x, y = pos
        if isinstance(x, float) or isinstance(y, float):
            return self.clamped(int(floor(x + 0.5)), int(floor(y + 0.5)))
        return Image.__getitem__(self, pos)


class BilImage(Image):
    """Fractional coordinates interpolate the four pixels around them."""

    def __getitem__(self, pos):
        x, y = pos
        if isinstance(x, float) or isinstance(y, float):
            x0, y0 = int(floor(x)), int(floor(y))
            xoff, yoff = x - x0, y - y0
            x1, y1 = x0 + 1, y0 + 1
            return ((1.0 - xoff) * (1.0 - yoff) * self.clamped(x0, y0)
                    + (1.0 - xoff) * yoff * self.clamped(x0, y1)
                    + xoff * (1.0 - yoff) * self.clamped(x1, y0)
                    + xoff * yoff * self.clamped(x1, y1))
        return Image.__getitem__(self, pos)
