"""Private exception classes NumPy raises from ufuncs (``numpy._core._exceptions``).

All are TypeErrors; code should catch TypeError. They exist so that the class hierarchy of a
failed ufunc call matches NumPy's.
"""


class UFuncTypeError(TypeError):
    """A ufunc could not run on the given dtypes."""


class _UFuncNoLoopError(UFuncTypeError):
    """No typed loop of the ufunc matches the operand dtypes."""


class _UFuncCastingError(UFuncTypeError):
    """An operand cannot be cast under the ufunc's ``casting=`` rule."""


class _UFuncInputCastingError(_UFuncCastingError):
    """An input cannot be cast to the loop dtype."""


class _UFuncOutputCastingError(_UFuncCastingError):
    """The loop's result cannot be cast to the ``out=`` dtype."""
