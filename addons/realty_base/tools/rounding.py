"""Exact decimal arithmetic and the one rounding function of the library (§0.1-§0.4).

* :func:`to_decimal` turns an input into a :class:`~decimal.Decimal` without binary
  floats (a float goes through ``str``), so ``0.1`` means one tenth.
* :func:`exact` runs a function under the library's own decimal context: 50
  significant digits and half-up for any inexact step, whatever context the caller
  has. ``ROUND_HALF_EVEN`` is never used.
* :func:`rnd` is §0.2's ``rnd(x, unit, mode)``: it rounds the magnitude to a power of
  ten and restores the sign, so ``rnd(-31204.0575) == Decimal("-31204.06")``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import (
    ROUND_DOWN,
    ROUND_HALF_UP,
    ROUND_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)
from typing import TypeVar

from .errors import ERR_INVALID_INPUT, RealtyError

Number = Decimal | int | float | str
"""What the public functions accept for an amount, area, rate or ratio."""

HALF_UP = "half_up"
DOWN = "down"
UP = "up"
ROUNDING_MODES = (HALF_UP, DOWN, UP)

PRECISION = 50
CENT = Decimal("0.01")
YUAN = Decimal(1)
ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)

_CONTEXT = Context(
    prec=PRECISION,
    rounding=ROUND_HALF_UP,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)
_DECIMAL_MODES = {HALF_UP: ROUND_HALF_UP, DOWN: ROUND_DOWN, UP: ROUND_UP}

_F = TypeVar("_F", bound=Callable[..., object])


def exact(func: _F) -> _F:
    """Decorate *func* so that its body runs under the library context (§0.1)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with localcontext(_CONTEXT):
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def to_decimal(value: Number, name: str = "value") -> Decimal:
    """Return *value* as a finite Decimal; a float is converted through ``str`` (§0.1).

    :raises RealtyError: ``ERR_INVALID_INPUT`` for booleans, non-numbers, NaN and
        infinities.
    """
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool):
        result = None
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        result = Decimal(str(value))
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            result = None
    else:
        result = None
    if result is None or not result.is_finite():
        raise RealtyError(
            ERR_INVALID_INPUT,
            "{name} is not a finite number: {value!r}",
            name=name,
            value=value,
        )
    return result


@functools.lru_cache(maxsize=32)
def _power_of_ten_exponent(step: Decimal) -> int | None:
    """Return k when *step* is 10**k, else None."""
    exponent = step.adjusted()
    if step.is_signed() or step != Decimal(1).scaleb(exponent, _CONTEXT):
        return None
    return exponent


def _unit_exponent(unit: Number) -> int:
    """Return k for a rounding unit 10**k; any other unit is refused."""
    exponent = _power_of_ten_exponent(to_decimal(unit, "unit"))
    if exponent is None:
        raise RealtyError(
            ERR_INVALID_INPUT,
            "rounding unit must be a power of ten, not {unit}",
            unit=unit,
        )
    return exponent


def rnd(x: Number, unit: Number = CENT, mode: str = HALF_UP) -> Decimal:
    """Round *x* to a multiple of *unit* with *mode* applied to the magnitude (§0.2).

    :param unit: a power of ten; §0.2 uses 0.01 ... 10,000, display ratios use
        smaller ones (0.0001).
    :param mode: ``half_up`` (四舍五入), ``down`` (toward zero, 抹零) or ``up``
        (away from zero, 进位).
    :returns: the rounded value, with two decimals for a unit of 0.01 and none for
        a unit of 1 or more; never a negative zero.
    """
    value = to_decimal(x)
    exponent = _unit_exponent(unit)
    rounding = _DECIMAL_MODES.get(mode)
    if rounding is None:
        raise RealtyError(
            ERR_INVALID_INPUT, "unknown rounding mode {mode!r}", mode=mode
        )
    magnitude = value.copy_abs()
    if exponent <= 0:
        result = magnitude.quantize(
            Decimal(1).scaleb(exponent, _CONTEXT), rounding=rounding, context=_CONTEXT
        )
    else:
        whole_units = magnitude.scaleb(-exponent, _CONTEXT).quantize(
            ONE, rounding=rounding, context=_CONTEXT
        )
        result = whole_units.scaleb(exponent, _CONTEXT).quantize(ONE, context=_CONTEXT)
    if value.is_signed() and result:
        result = result.copy_negate()
    return result


@exact
def percent(ratio: Number, unit: Number = CENT) -> Decimal:
    """Return a ratio as a display percentage, ``rnd(ratio × 100, unit)``.

    Display only (§0.3): thresholds are compared on exact values, never on this.
    """
    return rnd(to_decimal(ratio, "ratio") * HUNDRED, unit)
