"""PyPy's 2011 numpypy demo, unchanged but for the import: plot a sine with matplotlib.

    python examples/plot_sin.py [out.png]

The numpypy array reaches matplotlib without a copy: matplotlib calls ``numpy.asarray`` on
it, which takes numpypy's memory through the buffer protocol (see
``compat-tests/test_examples.py``).
"""

import sys

import matplotlib

matplotlib.use("Agg")

import numpypy as numpy  # noqa: E402
import pylab  # noqa: E402


def main(out="plot_sin.png"):
    pylab.plot(numpy.sin(numpy.arange(100) / 10.0))
    pylab.title("numpy.sin(numpy.arange(100) / 10.0) with import numpypy as numpy")
    pylab.savefig(out)
    print(f"wrote {out}")
    return out


if __name__ == "__main__":
    main(*sys.argv[1:2])
