"""numpypy.exceptions: the exception and warning classes of ``numpy.exceptions``.

The Rust extension raises these (``AxisError``, ``DTypePromotionError``) by importing this
module; the mapping from every core error to its class lives in ``numpypy/src/errors.rs``.
"""

__all__ = [
    "AxisError",
    "ComplexWarning",
    "DTypePromotionError",
    "ModuleDeprecationWarning",
    "RankWarning",
    "TooHardError",
    "VisibleDeprecationWarning",
]


class ComplexWarning(RuntimeWarning):
    """Casting a complex value to a real type discards its imaginary part."""


class ModuleDeprecationWarning(DeprecationWarning):
    """A deprecated module."""


class VisibleDeprecationWarning(UserWarning):
    """A deprecation shown by default (usually a user mistake)."""


class RankWarning(RuntimeWarning):
    """A rank-deficient least-squares fit."""


class TooHardError(RuntimeError):
    """A search that exceeded its work limit (``max_work``)."""


class AxisError(ValueError, IndexError):
    """An ``axis`` argument outside ``[-ndim, ndim)``.

    ``AxisError(axis, ndim, msg_prefix=None)`` gives NumPy's text
    "axis 2 is out of bounds for array of dimension 1", prefixed by ``msg_prefix: ``;
    ``AxisError(message)`` carries a custom message (``axis`` and ``ndim`` are then None).
    Subclasses both ValueError and IndexError, as NumPy's does.
    """

    __slots__ = ("_msg", "axis", "ndim")

    def __init__(self, axis, ndim=None, msg_prefix=None):
        if ndim is None and msg_prefix is None:
            self._msg, self.axis, self.ndim = axis, None, None
        else:
            self._msg, self.axis, self.ndim = msg_prefix, axis, ndim

    def __str__(self):
        if self.axis is None and self.ndim is None:
            return self._msg
        text = f"axis {self.axis} is out of bounds for array of dimension {self.ndim}"
        return text if self._msg is None else f"{self._msg}: {text}"


class DTypePromotionError(TypeError):
    """Two dtypes without a common dtype (``promote_types``, ``result_type``)."""
