"""Amounts in Chinese capital numerals, 人民币大写 (§9.9).

The output is §9.9's canonical form: rule 3's first form everywhere, no 整 after
角, 负 for negative amounts. Documents print "人民币" before it.
"""

from __future__ import annotations

from decimal import Decimal

from .errors import ERR_AMOUNT_RANGE, RealtyError
from .rounding import CENT, Number, rnd, to_decimal

MAX_CAPITAL_AMOUNT = Decimal("999999999999.99")

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_PLACES = ("仟", "佰", "拾", "")
_GROUP_UNITS = ("", "万", "亿")
_ZERO = "零"


def _integer_capital(integer: int) -> str:
    """Integer part in groups of four (个, 万, 亿) with §9.9's zero rules.

    A zero after written digits leaves one pending 零, written before the next
    non-zero digit. The trailing zeros of a non-zero group cancel it, so that only
    zeros between digits, a group's leading zeros and wholly zero groups give 零.
    """
    groups = []
    while integer:
        integer, group = divmod(integer, 10_000)
        groups.append(group)
    parts: list[str] = []
    zero_pending = False
    for level in range(len(groups) - 1, -1, -1):
        for digit, place in zip(f"{groups[level]:04d}", _PLACES, strict=True):
            if digit == "0":
                zero_pending = bool(parts)
                continue
            if zero_pending:
                parts.append(_ZERO)
                zero_pending = False
            parts.append(_DIGITS[int(digit)] + place)
        if groups[level]:
            zero_pending = False
            parts.append(_GROUP_UNITS[level])
    return "".join(parts)


def amount_to_capital(amount: Number) -> str:
    """Write an amount in capital numerals, canonical form (§9.9, V-35).

    The amount is first rounded half_up to 0.01. ``1409.50 → 壹仟肆佰零玖元伍角``,
    ``0 → 零元整``, ``-1500.50 → 负壹仟伍佰元零伍角``.

    :raises RealtyError: ``ERR_AMOUNT_RANGE`` when the rounded magnitude exceeds
        999,999,999,999.99.
    """
    value = rnd(amount, CENT)
    if value.copy_abs() > MAX_CAPITAL_AMOUNT:
        raise RealtyError(
            ERR_AMOUNT_RANGE,
            "{amount} is outside ±999,999,999,999.99",
            amount=to_decimal(amount),
        )
    cents = int(value.copy_abs().scaleb(2))
    integer, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    text = "负" if value < 0 else ""
    if integer:
        text += _integer_capital(integer) + "元"
    if not jiao and not fen:
        return text + ("整" if integer else "零元整")
    if jiao:
        if integer and integer % 10 == 0:
            text += _ZERO
        text += _DIGITS[jiao] + "角"
    elif integer:
        text += _ZERO
    if fen:
        text += _DIGITS[fen] + "分"
    return text
