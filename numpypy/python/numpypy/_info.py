"""``finfo`` and ``iinfo``: machine limits of float and integer dtypes, as NumPy gives them.

The facts come from ``dtypes`` (Rust) through ``_core._float_facts``/``_core._int_limits``;
float attributes are scalars of the float dtype (``finfo(float32).eps`` is a float32).
"""

from . import _core
from ._scalars import generic

__all__ = ["finfo", "iinfo"]


def _dtype_of(x):
    if isinstance(x, (_core.dtype, str, type)):
        return _core.dtype(x)
    if isinstance(x, generic):
        return x.dtype
    return _core.dtype(type(x))


class finfo:
    """Machine limits of a float (or complex: its parts') dtype."""

    _cache = {}

    def __new__(cls, dtype):
        dt = _dtype_of(dtype)
        if dt.kind not in "fc":
            raise ValueError(f"data type {dt.type!r} not inexact")
        real = _core.dtype(_core._float_facts(dt)["dtype"])
        if real not in cls._cache:
            obj = object.__new__(cls)
            obj._init(real)
            cls._cache[real] = obj
        return cls._cache[real]

    def _init(self, dt):
        facts = _core._float_facts(dt)
        make = dt.type
        self.dtype = dt
        self.bits = facts["bits"]
        self.precision = facts["precision"]
        self.nmant = facts["mant_digits"] - 1
        self.nexp = self.iexp = self.bits - facts["mant_digits"]
        self.maxexp, self.minexp = facts["maxexp"], facts["minexp"]
        self.machep, self.negep = -self.nmant, -self.nmant - 1
        self.eps = make(facts["eps"])
        self.epsneg = make(2.0 ** self.negep)
        self.max, self.min = make(facts["max"]), make(facts["min"])
        self.smallest_normal = self.tiny = make(facts["smallest_normal"])
        self.smallest_subnormal = make(facts["smallest_subnormal"])
        self.resolution = make(facts["resolution"])

    def __repr__(self):
        return (f"finfo(resolution={self.resolution!s}, min={self.min!s}, max={self.max!s}, "
                f"dtype={self.dtype})")

    def __str__(self):
        return "\n".join([
            f"Machine parameters for {self.dtype}",
            "-" * 63,
            f"precision = {self.precision}   resolution = {self.resolution!s}",
            f"machep = {self.machep}   eps =        {self.eps!s}",
            f"negep =  {self.negep}   epsneg =     {self.epsneg!s}",
            f"minexp = {self.minexp}   tiny =       {self.tiny!s}",
            f"maxexp = {self.maxexp}   max =        {self.max!s}",
            f"nexp =   {self.nexp}   min =        -max",
            f"smallest_normal = {self.smallest_normal!s}   "
            f"smallest_subnormal = {self.smallest_subnormal!s}",
            "-" * 63,
            "",
        ])


class iinfo:
    """Machine limits of an integer dtype: ``bits``, ``min``, ``max`` (Python ints)."""

    def __init__(self, int_type):
        dt = _dtype_of(int_type)
        limits = _core._int_limits(dt)
        if limits is None:
            raise ValueError(f"Invalid integer data type {dt.kind!r}.")
        self.dtype = dt
        self.kind = dt.kind
        self.bits = dt.itemsize * 8
        self.min, self.max = limits

    def __repr__(self):
        return f"iinfo(min={self.min!s}, max={self.max!s}, dtype={self.dtype})"

    def __str__(self):
        return "\n".join([
            f"Machine parameters for {self.dtype}",
            "-" * 63,
            f"min = {self.min!s}",
            f"max = {self.max!s}",
            "-" * 63,
            "",
        ])
