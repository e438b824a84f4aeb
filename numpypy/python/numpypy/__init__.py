"""numpypy: a NumPy-compatible array engine in Rust. Use it as ``import numpypy as numpy``.

The extension ``numpypy._core`` (Rust, pyo3) does the work; this package arranges NumPy's
namespace: dtypes, scalar types, exceptions, errstate, finfo/iinfo and constants.

Text convention: reprs print exactly NumPy's text, module alias included
(``repr(numpypy.float64(1.5)) == 'np.float64(1.5)'``, ``repr(numpypy.dtype('f4')) ==
"dtype('float32')"``), since numpypy is meant to stand in for ``numpy`` in existing code.
"""

import math as _math

from . import _core
from . import exceptions
from ._core import (
    arange, array, asarray, can_cast, dtype, empty, eye, full, identity, linspace, ndarray,
    ones, promote_types, ufunc, zeros,
)
from ._core import divmod  # noqa: A004  (NumPy's divmod: floor_divide and remainder at once)
from ._errstate import errstate, geterr, geterrcall, seterr, seterrcall
from ._info import finfo, iinfo
from ._logic import *  # noqa: F403  (allclose, isclose, array_equal, array_equiv)
from ._manip import *  # noqa: F403  (manipulation, sorting and searching: see _manip.__all__)
from ._reductions import (
    all, amax, amin, any, average, cumprod, cumsum, max, mean, median, min, nanmax, nanmean,
    nanmin, nanprod, nansum, percentile, prod, ptp, quantile, std, sum, var,
)
from ._scalars import (
    False_, True_, bool, bool_, complex64, complex128, complexfloating, float16, float32,
    float64, floating, generic, inexact, int8, int16, int32, int64, integer, number,
    signedinteger, uint8, uint16, uint32, uint64, unsignedinteger,
)

__version__ = _core.__version__
__array_api_version__ = "2024.12"

# NumPy 2's aliases of the scalar types (C names on LP64 Linux).
byte, short, intc, int_, intp, long, longlong = int8, int16, int32, int64, int64, int64, int64
ubyte, ushort, uintc, uint, uintp, ulong, ulonglong = (
    uint8, uint16, uint32, uint64, uint64, uint64, uint64)
half, single, double = float16, float32, float64
csingle, cdouble = complex64, complex128

pi = _math.pi
e = _math.e
euler_gamma = 0.5772156649015329
inf = _math.inf
nan = _math.nan
newaxis = None

# One ufunc object per ufunc of the table, and NumPy's aliases (abs, conj, mod, true_divide, ...).
globals().update({name: obj for name, obj in vars(_core).items() if isinstance(obj, ufunc)})

# Helper J: zero-copy interop, creation leftovers, products, .npy/text I/O, numpypy.linalg.
from ._creation import *  # noqa: F403,E402  (asarray/array over NumPy arrays, *_like, meshgrid, ...)
from ._products import *  # noqa: F403,E402  (matmul, dot, inner, outer, vdot, tensordot, kron, ...)
from ._products import _imatmul  # noqa: E402
from ._io import load, loadtxt, save, savetxt  # noqa: E402
from . import linalg  # noqa: E402
from ._jit import jit  # noqa: E402  (@numpypy.jit: the tracing JIT for Python functions)
