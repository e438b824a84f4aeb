"""The examples: ``examples/plot_sin.py`` (PyPy 2011's matplotlib demo) writes a PNG, and the
numpypy array it plots reaches matplotlib without a copy — matplotlib converts its inputs with
``numpy.asarray`` (``cbook._to_unmasked_float_array``), which shares numpypy's memory;
``examples/main_job.py`` agrees with NumPy on a small n."""

import os
import runpy
import sys

import numpy
import pytest

import numpypy

EXAMPLES = os.path.join(os.path.dirname(__file__), os.pardir, "examples")


def test_matplotlib_gets_numpypy_memory_without_copy():
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    from matplotlib import cbook
    x = numpypy.sin(numpypy.arange(100) / 10.0)
    seen = cbook._to_unmasked_float_array(x)
    assert isinstance(seen, numpy.ndarray)
    assert numpy.shares_memory(seen, numpy.asarray(x))
    assert seen.__array_interface__["data"][0] == x.__array_interface__["data"][0]


def test_plot_sin_writes_png(tmp_path):
    pytest.importorskip("matplotlib")
    sys.path.insert(0, EXAMPLES)
    try:
        mod = runpy.run_path(os.path.join(EXAMPLES, "plot_sin.py"))
    finally:
        sys.path.remove(EXAMPLES)
    out = mod["main"](str(tmp_path / "sin.png"))
    with open(out, "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"
    line = mod["pylab"].gca().get_lines()[-1]
    numpy.testing.assert_allclose(line.get_ydata(), numpy.sin(numpy.arange(100) / 10.0))


def test_main_job_agrees_small_n(capsys):
    mod = runpy.run_path(os.path.join(EXAMPLES, "main_job.py"))
    assert mod["main"](1000)
    assert "all results agree" in capsys.readouterr().out
