"""NumPy's scalar types: ``generic`` and its abstract subclasses, ``bool``, ``int8`` ..
``uint64``, ``float16`` .. ``float64``, ``complex64``, ``complex128`` and NumPy 2's aliases.

The classes are Python classes because NumPy's hierarchy needs multiple inheritance
(``float64`` is both ``floating`` and ``float``; ``complex128`` both ``complexfloating`` and
``complex``). Their values and all their math live in Rust (``numpypy/src/scalars.rs``,
``scalar_ops.rs``, ``scalar_api.rs``): arithmetic and comparisons run the ufunc table's loops with
NEP 50 promotion and NumPy's scalar warnings; reprs are NumPy's text (``np.float64(1.5)``).

Storage: ``float64``/``complex128`` hold their value as the float/complex they are; every
other class keeps the Python bool/int/float/complex exactly equal to its value in ``_v``.
"""

import warnings

from . import _core
from .exceptions import ComplexWarning

dtype = _core.dtype

__all__ = [
    "generic", "number", "integer", "signedinteger", "unsignedinteger", "inexact",
    "floating", "complexfloating", "bool", "bool_", "True_", "False_",
    "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
    "float16", "float32", "float64", "complex64", "complex128",
]

_NO_VALUE = object()
_NAN = float("nan")
_pybool, _pyint, _pyfloat, _pycomplex = bool, int, float, complex


def _binary(name):
    def op(self, other):
        return _core._scalar_binary(name, self, other)

    def rop(self, other):
        return _core._scalar_binary(name, other, self)

    return op, rop


def _unary(name):
    def op(self):
        return _core._scalar_unary(name, self)

    return op


def _real_part(value):
    if isinstance(value, _pycomplex):
        warnings.warn("Casting complex values to real discards the imaginary part",
                      ComplexWarning, stacklevel=3)
        return value.real
    return value


class generic:
    """Base class of numpypy's scalar types (``numpy.generic``)."""

    __slots__ = ()

    def __new__(cls, *args, **kwargs):
        raise TypeError(f"cannot create 'numpypy.{cls.__name__}' instances")

    # --- array-like attributes of a 0-d value ---
    @property
    def dtype(self):
        return _core._scalar_dtype(self)

    @property
    def itemsize(self):
        return self.dtype.itemsize

    @property
    def nbytes(self):
        return self.dtype.itemsize

    ndim = 0
    shape = ()
    strides = ()
    size = 1

    @property
    def T(self):
        return self

    @property
    def real(self):
        return _core._scalar_unary("real", self)

    @property
    def imag(self):
        return _core._scalar_unary("imag", self)

    def item(self, *args):
        if args and not (len(args) == 1 and args[0] in (0, -1, ())):
            index = args[0] if len(args) == 1 else args
            raise IndexError(f"index {index} is out of bounds for size 1")
        return _core._scalar_item(self)

    def tolist(self):
        return _core._scalar_item(self)

    def astype(self, dtype, order="K", casting="unsafe", subok=True, copy=True):
        if casting != "unsafe" and not _core._can_cast(self.dtype, dtype, casting):
            raise TypeError(
                f"Cannot cast scalar from {self.dtype!r} to {_core.dtype(dtype)!r} "
                f"according to the rule '{casting}'")
        return _core._scalar_astype(self, dtype)

    def conjugate(self):
        return _core._scalar_unary("conjugate", self)

    conj = conjugate

    # --- Python protocols ---
    def __repr__(self):
        return _core._scalar_repr(self)

    def __str__(self):
        return _core._scalar_str(self)

    def __format__(self, spec):
        # NumPy formats the equivalent Python number (a bool as an int, unless spec is empty).
        value = _core._scalar_item(self)
        if type(value) is _pybool:
            return str(self) if not spec else format(_pyint(value), spec)
        return format(value, spec)

    def __hash__(self):
        return hash(_core._scalar_item(self))

    def __bool__(self):
        return _pybool(_core._scalar_item(self))

    def __int__(self):
        return _pyint(_real_part(_core._scalar_item(self)))

    def __float__(self):
        return _pyfloat(_real_part(_core._scalar_item(self)))

    def __complex__(self):
        return _pycomplex(_core._scalar_item(self))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __reduce__(self):
        return (type(self), (_core._scalar_item(self),))

    # --- arithmetic: the ufunc table with NumPy's scalar rules ---
    __add__, __radd__ = _binary("add")
    __sub__, __rsub__ = _binary("subtract")
    __mul__, __rmul__ = _binary("multiply")
    __truediv__, __rtruediv__ = _binary("divide")
    __floordiv__, __rfloordiv__ = _binary("floor_divide")
    __mod__, __rmod__ = _binary("remainder")
    __lshift__, __rlshift__ = _binary("left_shift")
    __rshift__, __rrshift__ = _binary("right_shift")
    __and__, __rand__ = _binary("bitwise_and")
    __or__, __ror__ = _binary("bitwise_or")
    __xor__, __rxor__ = _binary("bitwise_xor")
    __neg__ = _unary("negative")
    __pos__ = _unary("positive")
    __abs__ = _unary("absolute")
    __invert__ = _unary("invert")

    def __pow__(self, other, mod=None):
        if mod is not None:
            return NotImplemented
        return _core._scalar_binary("power", self, other)

    def __rpow__(self, other, mod=None):
        if mod is not None:
            return NotImplemented
        return _core._scalar_binary("power", other, self)

    def __divmod__(self, other):
        return _core._scalar_divmod(self, other)

    def __rdivmod__(self, other):
        return _core._scalar_divmod(other, self)

    __eq__, _ = _binary("equal")
    __ne__, _ = _binary("not_equal")
    __lt__, _ = _binary("less")
    __le__, _ = _binary("less_equal")
    __gt__, _ = _binary("greater")
    __ge__, _ = _binary("greater_equal")
    del _


def _round(x, ndigits):
    """NumPy's ``round(x, ndigits)`` of a scalar: scale by a power of ten in x's dtype, round
    half to even (``rint``), scale back; integers round through Python ints."""
    if isinstance(x, integer):
        return x if ndigits >= 0 else type(x)(round(_core._scalar_item(x), ndigits))
    scale = type(x)(10.0 ** abs(ndigits))
    if ndigits >= 0:
        return _core._scalar_unary("rint", x * scale) / scale
    return _core._scalar_unary("rint", x / scale) * scale


def _round_method(self, ndigits=None):
    if ndigits is None:
        return round(_core._scalar_item(self))
    return _round(self, _pyint(ndigits))


class number(generic):
    __slots__ = ()


class integer(number):
    __slots__ = ()

    __round__ = _round_method

    def __index__(self):
        return _core._scalar_item(self)

    def is_integer(self):
        return True

    def bit_count(self):
        return abs(_core._scalar_item(self)).bit_count()

    numerator = property(lambda self: self)
    denominator = property(lambda self: 1)


class signedinteger(integer):
    __slots__ = ()


class unsignedinteger(integer):
    __slots__ = ()


class inexact(number):
    __slots__ = ()


class floating(inexact):
    __slots__ = ()

    __round__ = _round_method

    def is_integer(self):
        return _core._scalar_item(self).is_integer()

    def as_integer_ratio(self):
        return _core._scalar_item(self).as_integer_ratio()


def _no_complex_op(self, other):
    return NotImplemented


class complexfloating(inexact):
    __slots__ = ()

    # NumPy's complex scalars have no //, % or divmod: Python raises its TypeError.
    __floordiv__ = __rfloordiv__ = __mod__ = __rmod__ = _no_complex_op
    __divmod__ = __rdivmod__ = _no_complex_op


# --- concrete types ---------------------------------------------------------------------------

def _new_from(cls, value):
    """NumPy's scalar constructor ``cls(value)`` for a concrete class."""
    dt = cls._dtype
    if isinstance(value, generic):
        return _core._scalar_astype(value, dt)
    if isinstance(value, (list, tuple)) or hasattr(value, "__array_interface__"):
        raise NotImplementedError(
            f"numpypy does not implement {cls.__name__}(sequence) yet (an array in NumPy)")
    kind = dt.kind
    if kind in "iu":
        value = value if isinstance(value, _pyint) else _pyint(value)
    elif kind == "f":
        value = _convert_float(value)
    elif kind == "c":
        value = _pycomplex(_NAN, _NAN) if value is None else _pycomplex(value)
    return _core._scalar_from_python(value, dt)


def _convert_float(value):
    if value is None:
        return _pyfloat("nan")
    if isinstance(value, (_pyint, _pyfloat)):
        return value
    return _pyfloat(value)


def _slot_class(name, base, dt_name, zero):
    def __new__(cls, value=_NO_VALUE, /):
        return cls._make(zero) if value is _NO_VALUE else _new_from(cls, value)

    def _make(cls, v):
        obj = object.__new__(cls)
        obj._v = v
        return obj

    cls = type(base)(name, (base,), {
        "__slots__": ("_v",),
        "__new__": __new__,
        "_make": classmethod(_make),
        "__module__": __name__.rpartition(".")[0],
        "__qualname__": name,
        "__doc__": f"numpypy's {dt_name} scalar type (``numpy.{dt_name}``).",
    })
    cls._dtype = dtype(dt_name)
    return cls


int8 = _slot_class("int8", signedinteger, "int8", 0)
int16 = _slot_class("int16", signedinteger, "int16", 0)
int32 = _slot_class("int32", signedinteger, "int32", 0)
int64 = _slot_class("int64", signedinteger, "int64", 0)
uint8 = _slot_class("uint8", unsignedinteger, "uint8", 0)
uint16 = _slot_class("uint16", unsignedinteger, "uint16", 0)
uint32 = _slot_class("uint32", unsignedinteger, "uint32", 0)
uint64 = _slot_class("uint64", unsignedinteger, "uint64", 0)
float16 = _slot_class("float16", floating, "float16", 0.0)
float32 = _slot_class("float32", floating, "float32", 0.0)
complex64 = _slot_class("complex64", complexfloating, "complex64", 0j)


class float64(floating, float):
    """numpypy's float64 scalar type (``numpy.float64``); a subclass of Python's float."""

    __slots__ = ()

    def __new__(cls, value=_NO_VALUE, /):
        return cls._make(0.0) if value is _NO_VALUE else _new_from(cls, value)

    @classmethod
    def _make(cls, v):
        return _pyfloat.__new__(cls, v)

    def hex(self):
        return _pyfloat.hex(self)


class complex128(complexfloating, complex):
    """numpypy's complex128 scalar type (``numpy.complex128``); a subclass of Python's complex."""

    __slots__ = ()

    def __new__(cls, real=_NO_VALUE, imag=_NO_VALUE, /):
        if real is _NO_VALUE:
            return cls._make(0j)
        if imag is not _NO_VALUE:
            return cls._make(_pycomplex(real, imag))
        return _new_from(cls, real)

    @classmethod
    def _make(cls, v):
        return _pycomplex.__new__(cls, v)


def _complex64_new(cls, real=_NO_VALUE, imag=_NO_VALUE, /):
    if real is _NO_VALUE:
        return cls._make(0j)
    if imag is not _NO_VALUE:
        return _new_from(cls, _pycomplex(real, imag))
    return _new_from(cls, real)


complex64.__new__ = _complex64_new


class bool(generic):
    """numpypy's boolean scalar type (``numpy.bool``); not a subclass of Python's bool."""

    __slots__ = ("_v",)

    def __new__(cls, value=False, /):
        return True_ if value else False_

    @classmethod
    def _make(cls, v):
        return True_ if v else False_

    def __index__(self):
        raise TypeError("'numpypy.bool' object cannot be interpreted as an integer")


def _bool_singleton(v):
    obj = object.__new__(bool)
    obj._v = v
    return obj


True_ = _bool_singleton(True)
False_ = _bool_singleton(False)
bool_ = bool
bool._dtype = dtype("bool")
float64._dtype = dtype("float64")
complex128._dtype = dtype("complex128")
for _cls in (generic, number, integer, signedinteger, unsignedinteger, inexact, floating,
             complexfloating, bool, float64, complex128):
    _cls.__module__ = __name__.rpartition(".")[0]
del _cls

_ABSTRACT = (
    (generic, "Converting `np.generic` to a dtype is not allowed."),
    (number, "Converting `np.inexact` or `np.floating` to a dtype not allowed"),
    (integer, "Converting 'np.integer' or 'np.signedinteger' to a dtype is not allowed"),
    (signedinteger, "Converting 'np.integer' or 'np.signedinteger' to a dtype is not allowed"),
    (unsignedinteger, "Converting `np.unsignedinteger` to a dtype is not allowed"),
    (inexact, "Converting `np.inexact` or `np.floating` to a dtype not allowed"),
    (floating, "Converting `np.inexact` or `np.floating` to a dtype not allowed"),
    (complexfloating, "Converting `np.complex` to a dtype is not allowed."),
)

_core._register_scalar_types(
    (bool, int8, uint8, int16, uint16, int32, uint32, int64, uint64, float16, float32, float64,
     complex64, complex128),
    _ABSTRACT,
)
