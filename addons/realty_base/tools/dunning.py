"""The dunning ladder of a due line (§9.7): which letter to send, and its amounts.

``dunning.steps`` (§11) is a list of offsets from the due date, ``D−3, D+1, D+15,
D+30, D+90`` by default, the last being ``late.terminate_after_days``. Each step has
a kind, given by its position (:func:`parse_dunning_steps`), and a ladder holds each
kind at most once, so that "already sent" is a set of kinds:

* ``reminder``: before or on the due date, the SMS reminder (通知交款);
* ``overdue_notice``: the first step after the due date (D+1);
* ``demand``: the written demand (催款函) stating the penalty so far (D+15);
* ``second_demand``: the second demand (D+30);
* ``termination``: the draft termination notice (解约通知) for legal review (D+N).

A line is suppressed when it is paid, in-transit money counting as paid (§9.7).
When several steps are due and unsent, only the latest one is sent
(:func:`due_steps`): on D+20 a D−3 reminder or a D+1 notice is no longer news.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise

from .errors import ERR_INVALID_INPUT, RealtyError
from .late import days_overdue, late_penalty
from .rounding import ZERO, Number, exact, rnd, to_decimal

REMINDER = "reminder"
OVERDUE_NOTICE = "overdue_notice"
DEMAND = "demand"
SECOND_DEMAND = "second_demand"
TERMINATION = "termination"
DUNNING_KINDS = (REMINDER, OVERDUE_NOTICE, DEMAND, SECOND_DEMAND, TERMINATION)
"""The kinds in the order of the ladder: a later kind is the stronger letter."""

MAX_OFFSET_DAYS = 3650
"""The farthest a step may lie from the due date, either way (ten years)."""

_STEP = re.compile(r"^D\s*([+\-−－＋])\s*(\d{1,4})$", re.IGNORECASE)
_SEPARATORS = re.compile(r"[,，;；、]")
_AFTER_DUE_KINDS = {
    1: (OVERDUE_NOTICE,),
    2: (OVERDUE_NOTICE, DEMAND),
    3: (OVERDUE_NOTICE, DEMAND, TERMINATION),
    4: (OVERDUE_NOTICE, DEMAND, SECOND_DEMAND, TERMINATION),
}
"""Kinds of the steps after the due date by their number (§9.7)."""


@dataclass(frozen=True, order=True)
class DunningStep:
    """One rung of the ladder: a letter of *kind*, *offset_days* from the due date
    (negative before it). ``str(step)`` is its ``dunning.steps`` form, ``D-3``."""

    offset_days: int
    kind: str

    def __post_init__(self) -> None:
        if (
            isinstance(self.offset_days, bool)
            or not isinstance(self.offset_days, int)
            or abs(self.offset_days) > MAX_OFFSET_DAYS
            or self.kind not in DUNNING_KINDS
        ):
            raise RealtyError(
                ERR_INVALID_INPUT,
                "not a dunning step: {offset!r} days, kind {kind!r}",
                offset=self.offset_days,
                kind=self.kind,
            )

    def __str__(self) -> str:
        return f"D{self.offset_days:+d}"


def _check_ladder(steps: Sequence[DunningStep]) -> tuple[DunningStep, ...]:
    """The steps as a tuple, refused unless non-empty, strictly increasing, with
    each kind once and in the order of :data:`DUNNING_KINDS`."""
    ladder = tuple(steps)
    ranks = [DUNNING_KINDS.index(step.kind) for step in ladder]
    if (
        not ladder
        or any(a.offset_days >= b.offset_days for a, b in pairwise(ladder))
        or any(a >= b for a, b in pairwise(ranks))
    ):
        raise RealtyError(
            ERR_INVALID_INPUT,
            "dunning steps must increase, each kind once in ladder order: {steps}",
            steps=", ".join(f"{step} {step.kind}" for step in ladder),
        )
    return ladder


def dunning_steps(terminate_after_days: int = 90) -> tuple[DunningStep, ...]:
    """The default ladder of §9.7: D−3, D+1, D+15, D+30, D+``terminate_after_days``.

    :param terminate_after_days: ``late.terminate_after_days`` (§11, default 90).
    :raises RealtyError: ``ERR_INVALID_INPUT`` unless it is after D+30.
    """
    return _check_ladder(
        (
            DunningStep(-3, REMINDER),
            DunningStep(1, OVERDUE_NOTICE),
            DunningStep(15, DEMAND),
            DunningStep(30, SECOND_DEMAND),
            DunningStep(terminate_after_days, TERMINATION),
        )
    )


DEFAULT_DUNNING_STEPS = dunning_steps()
"""``dunning.steps`` (§11): D−3, D+1, D+15, D+30, D+90."""


def parse_dunning_steps(text: str) -> tuple[DunningStep, ...]:
    """Read a ``dunning.steps`` value such as ``"D-3,D+1,D+15,D+30,D+90"`` (§9.7).

    Steps are separated by commas (also ``，``, ``;``, ``、``); a step is ``D``, a
    sign (``+``, ``-`` or ``−``) and a number of days; spaces do not matter. Kinds
    come from the position: an offset ≤ 0 is the ``reminder`` (at most one); after
    the due date the first step is the ``overdue_notice``, then ``demand`` and
    ``second_demand``, and with three or four steps the last is the
    ``termination`` notice.

    :raises RealtyError: ``ERR_INVALID_INPUT`` for an empty or malformed value,
        offsets not strictly increasing, several offsets ≤ 0, or more than four
        steps after the due date.
    """
    offsets = []
    for part in _SEPARATORS.split(text or ""):
        match = _STEP.match(part.strip())
        if not match or int(match[2]) > MAX_OFFSET_DAYS:
            raise RealtyError(
                ERR_INVALID_INPUT,
                "{part!r} in dunning steps {text!r} is not like D-3 or D+15 "
                "(at most {max_days} days)",
                part=part.strip(),
                text=text,
                max_days=MAX_OFFSET_DAYS,
            )
        sign = -1 if match[1] in "-−－" else 1
        offsets.append(sign * int(match[2]))
    before = [offset for offset in offsets if offset <= 0]
    after = [offset for offset in offsets if offset > 0]
    if (
        len(before) > 1
        or len(after) not in _AFTER_DUE_KINDS
        or any(a >= b for a, b in pairwise(offsets))
    ):
        raise RealtyError(
            ERR_INVALID_INPUT,
            "dunning steps {text!r} must increase, with at most one step on or "
            "before the due date and one to four after it",
            text=text,
        )
    kinds = (REMINDER,) * len(before) + _AFTER_DUE_KINDS[len(after)]
    return _check_ladder(
        [DunningStep(offset, kind) for offset, kind in zip(offsets, kinds, strict=True)]
    )


def format_dunning_steps(steps: Sequence[DunningStep]) -> str:
    """The ``dunning.steps`` text of a ladder, ``"D-3,D+1,D+15,D+30,D+90"``."""
    return ",".join(str(step) for step in _check_ladder(steps))


def dunning_date(due_date: date, step: DunningStep) -> date:
    """The day a step's letter is due: the due date plus its offset in calendar
    days (§0.6, §9.7)."""
    return due_date + timedelta(days=step.offset_days)


@exact
def due_steps(
    due_date: date,
    as_of: date,
    outstanding: Number,
    sent_kinds: Iterable[str] = (),
    steps: Sequence[DunningStep] = DEFAULT_DUNNING_STEPS,
    in_transit: Number = 0,
) -> list[DunningStep]:
    """The letter to send for a due line on *as_of* (§9.7): an empty list, or the
    latest step whose date is on or before *as_of*.

    Nothing is sent when the line is paid, in-transit money counting as paid
    (``outstanding − in_transit ≤ 0``), or when that step or a later one (a
    stronger letter, :data:`DUNNING_KINDS` order) was already sent. Earlier steps
    that were never sent are skipped: the later letter supersedes them.

    :param outstanding: amount due minus the receipts applied, in-transit included
        or not: only the difference with *in_transit* matters here.
    :param sent_kinds: the kinds already sent for this line.
    :param steps: the ladder (``dunning.steps``, :func:`parse_dunning_steps`).
    :param in_transit: the part of the receipts still in transit, not deducted
        from *outstanding*.
    :raises RealtyError: ``ERR_INVALID_INPUT`` for a negative *in_transit*, an
        unknown kind in *sent_kinds* or a malformed ladder.
    """
    ladder = _check_ladder(steps)
    transit = to_decimal(in_transit, "in transit")
    if transit < ZERO:
        raise RealtyError(
            ERR_INVALID_INPUT, "in-transit amount {amount} is negative", amount=transit
        )
    sent = set(sent_kinds)
    unknown = sent.difference(DUNNING_KINDS)
    if unknown:
        raise RealtyError(
            ERR_INVALID_INPUT,
            "unknown dunning kinds {kinds}",
            kinds=", ".join(sorted(unknown)),
        )
    if to_decimal(outstanding, "outstanding") - transit <= ZERO:
        return []
    reached = [step for step in ladder if dunning_date(due_date, step) <= as_of]
    if not reached:
        return []
    latest = reached[-1]
    strongest_sent = max((DUNNING_KINDS.index(kind) for kind in sent), default=-1)
    if DUNNING_KINDS.index(latest.kind) <= strongest_sent:
        return []
    return [latest]


@dataclass(frozen=True)
class DemandAmounts:
    """The amounts a dunning letter states on its date (§9.7).

    :ivar outstanding: amount due minus the payments up to the letter's date.
    :ivar penalty: the late-payment penalty so far (:func:`~.late.late_penalty`).
    :ivar days_overdue: ``as_of − due_date``, negative before the due date.
    """

    outstanding: Decimal
    penalty: Decimal
    days_overdue: int


@exact
def demand_amounts(
    amount_due: Number,
    due_date: date,
    payments: Iterable[tuple[date, Number]],
    as_of: date,
    daily_rate: Number = Decimal("0.0005"),
) -> DemandAmounts:
    """Outstanding amount, penalty so far and days overdue of a due line on the
    date of its letter (§9.7, V-41). The letter prints them in figures and capital
    numerals (:func:`~.capital.amount_to_capital`).

    :param payments: ``(date, amount)`` of the receipts applied to the line, in
        transit included (§9.7); those after *as_of* are ignored.
    :param daily_rate: ``late.daily_rate`` (万分之五 = 0.0005).
    :raises RealtyError: ``ERR_INVALID_INPUT`` for a negative amount due or a
        payment that is not a number.
    """
    due = to_decimal(amount_due, "amount due")
    if due < ZERO:
        raise RealtyError(
            ERR_INVALID_INPUT, "amount due {amount} is negative", amount=due
        )
    payments = list(payments)
    paid = sum(
        (to_decimal(value, "payment") for day, value in payments if day <= as_of),
        ZERO,
    )
    return DemandAmounts(
        outstanding=rnd(max(due - paid, ZERO)),
        penalty=late_penalty(
            due, due_date, payments, as_of=as_of, daily_rate=daily_rate
        ),
        days_overdue=days_overdue(due_date, as_of),
    )
