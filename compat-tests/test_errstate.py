"""numpypy.errstate / seterr / geterr / seterrcall against NumPy's, through scalar math."""

import pytest

from compat import same

CASES = [
    "np.geterr()",
    "out = np.seterr(all='ignore'); out = (out, np.geterr()); np.seterr(**out[0])",
    "with np.errstate(divide='ignore'):\n    out = (np.float64(1) / 0, np.geterr())",
    "with np.errstate(all='raise'):\n    out = np.float64(1) / 0",
    "with np.errstate(invalid='raise'):\n    out = np.float64(1) / 0",
    "with np.errstate(over='raise'):\n    out = np.int8(100) + np.int8(100)",
    "with np.errstate(over='ignore'):\n    out = np.int8(100) * np.int8(100)",
    "with np.errstate(divide='raise'):\n    out = np.int8(1) // np.int8(0)",
    "with np.errstate(all='ignore', divide='raise'):\n    out = divmod(np.float64(1), 0.0)",
    "with np.errstate(all='raise', divide='ignore'):\n    out = divmod(np.float64(1), 0.0)",
    "with np.errstate(under='raise'):\n    out = np.float64(1e-308) * np.float64(1e-308)",
    "with np.errstate(invalid='raise'):\n    out = np.int8(np.float64(1e20))",
    "with np.errstate(over='raise'):\n    out = np.float32(1e40)",
    "with np.errstate(over='raise'):\n    out = np.float16(1) + 1e10",
    "out = np.seterr(divide='bogus')",
    "out = np.errstate(bogus='raise')",
    "with np.errstate(all='ignore'):\n    with np.errstate(divide='warn'):\n"
    "        out = [np.float64(1) / 0, np.float64(0) / 0, np.geterr()]\n"
    "    out.append(np.geterr())",
    "e = np.errstate(all='ignore')\nwith e:\n    pass\nwith e:\n    out = np.geterr()",
    "log = []\nwith np.errstate(all='call', call=lambda *a: log.append(a)):\n"
    "    np.float64(1) / 0\n    np.float64(0) / 0\nout = log",
    "class L:\n    def __init__(self): self.lines = []\n    def write(self, s): self.lines.append(s)\n"
    "h = L()\nwith np.errstate(all='log', call=h):\n    np.float64(1) / 0\nout = h.lines",
    "f = np.errstate(divide='ignore')(lambda: np.float64(1) / 0)\nout = (f(), f())",
    "old = np.seterrcall(print)\nout = (old, np.geterrcall() is print)\nnp.seterrcall(old)",
]


@pytest.mark.parametrize("case", CASES)
def test_errstate_case(case):
    same(case, stmt="\n" in case or case.startswith("out"))


def test_errstate_print(capfd):
    import numpypy as np

    with np.errstate(all="print"):
        np.float64(1) / 0
    assert capfd.readouterr().out == "Warning: divide by zero encountered in scalar divide\n"
