"""Late-payment penalties and aging buckets (§9.7).

Days overdue are ``as_of − due_date``; a penalty day count runs from the day after
the due date through the payment date inclusive, which is the same difference.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from itertools import pairwise

from .errors import ERR_INVALID_INPUT, RealtyError
from .rounding import ZERO, Number, exact, rnd, to_decimal

DEFAULT_AGING_BUCKETS = (0, 30, 60, 90, 180, 365)
"""``aging.buckets`` (§11): the upper bounds, in days overdue, of each bucket."""

NOT_DUE = "not_due"
DUE_TODAY = "due_today"


def days_overdue(due_date: date, as_of: date) -> int:
    """``as_of − due_date`` in days (§0.6); negative when not yet due."""
    return (as_of - due_date).days


@exact
def late_penalty(
    amount_due: Number,
    due_date: date,
    payments: Iterable[tuple[date, Number]] = (),
    *,
    as_of: date | None = None,
    daily_rate: Number = Decimal("0.0005"),
) -> Decimal:
    """Penalty so far on one due line (§9.7, V-41).

    Each payment closes a period: the overdue amount (due minus what was paid) times
    the days since the previous payment or the due date. Payments on or before the
    due date only reduce the overdue amount. With *as_of*, payments after it are
    ignored and the unpaid rest counts as if paid on *as_of*. The sum is rounded
    once: ``rnd(daily_rate × Σ overdue_i × days_i, 0.01)``.

    :param daily_rate: ``late.daily_rate`` (万分之五 = 0.0005).
    :raises RealtyError: ``ERR_INVALID_INPUT`` when the line is not fully paid and
        no *as_of* date is given.
    """
    overdue = to_decimal(amount_due, "amount due")
    rate = to_decimal(daily_rate, "daily rate")
    period_start = due_date
    weighted = ZERO
    for paid_on, value in sorted(payments, key=lambda payment: payment[0]):
        if as_of is not None and paid_on > as_of:
            break
        if paid_on > period_start:
            weighted += overdue * (paid_on - period_start).days
            period_start = paid_on
        overdue = max(overdue - to_decimal(value, "payment"), ZERO)
    if overdue > ZERO:
        if as_of is None:
            raise RealtyError(
                ERR_INVALID_INPUT,
                "{rest} is still unpaid: give an as_of date",
                rest=overdue,
            )
        if as_of > period_start:
            weighted += overdue * (as_of - period_start).days
    return rnd(rate * weighted)


def aging_bucket(
    due_date: date, as_of: date, buckets: Sequence[int] = DEFAULT_AGING_BUCKETS
) -> str:
    """Aging bucket of an unpaid line (§9.7, V-42): ``not_due`` (d < 0),
    ``due_today`` (d = 0), then ``"1-30"``, …, ``"181-365"``, ``">365"`` for the
    default bounds."""
    if (
        not buckets
        or buckets[0] != 0
        or any(low >= high for low, high in pairwise(buckets))
    ):
        raise RealtyError(
            ERR_INVALID_INPUT,
            "aging buckets must start at 0 and increase: {b}",
            b=list(buckets),
        )
    days = days_overdue(due_date, as_of)
    if days < 0:
        return NOT_DUE
    if days == 0:
        return DUE_TODAY
    for low, high in pairwise(buckets):
        if days <= high:
            return f"{low + 1}-{high}"
    return f">{buckets[-1]}"
