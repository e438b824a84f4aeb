"""Private exception classes NumPy raises from ufuncs (``numpy._core._exceptions``).

All are TypeErrors; code should catch TypeError. They exist so that the class hierarchy of a
failed ufunc call matches NumPy's. As in NumPy, the private subclasses display as their base
(``__name__`` is ``'UFuncTypeError'``; ``__qualname__`` keeps the real name).
"""


def _display_as_base(cls):
    cls.__name__ = cls.__base__.__name__
    return cls


class UFuncTypeError(TypeError):
    """A ufunc could not run on the given dtypes."""


@_display_as_base
class _UFuncNoLoopError(UFuncTypeError):
    """No typed loop of the ufunc matches the operand dtypes."""


@_display_as_base
class _UFuncCastingError(UFuncTypeError):
    """An operand cannot be cast under the ufunc's ``casting=`` rule."""


@_display_as_base
class _UFuncInputCastingError(_UFuncCastingError):
    """An input cannot be cast to the loop dtype."""


@_display_as_base
class _UFuncOutputCastingError(_UFuncCastingError):
    """The loop's result cannot be cast to the ``out=`` dtype."""


@_display_as_base
class _ArrayMemoryError(MemoryError):
    """An array allocation that cannot be satisfied (NumPy's text names size, shape, dtype)."""
