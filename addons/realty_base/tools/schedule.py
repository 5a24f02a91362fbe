"""Month arithmetic and installment schedules from payment-plan templates (§0.6, §5.1).

Percentage lines are ``rnd(total × pct / 100, 1, half_up)``, fixed lines are rounded
to 0.01, and the ``remainder`` line, or the last line of an all-percent template,
takes ``total − Σ(other lines)``, so the lines always sum to the total exactly.
Converted money (诚意金/小订/定金, §5.8) is credited to the lines flagged
``credit_deposit``: the line keeps its amount and its payable part shrinks (V-39,
V-40).
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from .errors import ERR_INVALID_INPUT, ERR_SCHEDULE_TEMPLATE, RealtyError
from .rounding import CENT, HUNDRED, YUAN, ZERO, Number, exact, rnd, to_decimal

ON_SUBSCRIPTION = "on_subscription"
ON_CONTRACT = "on_contract"
DAYS_AFTER_CONTRACT = "days_after_contract"
MONTHS_AFTER_CONTRACT = "months_after_contract"
FIXED_DATE = "fixed_date"
BEFORE_DELIVERY = "before_delivery"
ON_LOAN_DISBURSEMENT = "on_loan_disbursement"
DUE_RULE_KINDS = (
    ON_SUBSCRIPTION,
    ON_CONTRACT,
    DAYS_AFTER_CONTRACT,
    MONTHS_AFTER_CONTRACT,
    FIXED_DATE,
    BEFORE_DELIVERY,
    ON_LOAN_DISBURSEMENT,
)

PERCENT = "percent"
FIXED = "fixed"
REMAINDER = "remainder"
BASES = (PERCENT, FIXED, REMAINDER)


def add_months(start: date, months: int) -> date:
    """Add calendar months keeping the day, clamped to the month's end (§0.6):
    2025-01-31 + 1 month = 2025-02-28; 2024-01-31 + 1 month = 2024-02-29."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(start.day, last_day))


@dataclass(frozen=True)
class DueRule:
    """A due-date rule of a plan line (§5.1).

    :ivar count: days for ``days_after_contract``, ``before_delivery`` and
        ``on_loan_disbursement`` (the expected date, contract + N days); months for
        ``months_after_contract``.
    :ivar on: the date of ``fixed_date``.
    """

    kind: str
    count: int = 0
    on: date | None = None

    def __post_init__(self) -> None:
        if (
            self.kind not in DUE_RULE_KINDS
            or self.count < 0
            or ((self.kind == FIXED_DATE) != (self.on is not None))
        ):
            raise RealtyError(
                ERR_SCHEDULE_TEMPLATE,
                "invalid due rule {kind}({count}, {on})",
                kind=self.kind,
                count=self.count,
                on=self.on,
            )

    def due_date(
        self,
        contract_date: date,
        subscription_date: date | None = None,
        delivery_date: date | None = None,
    ) -> date:
        """Resolve the rule; ``on_subscription`` falls back to the contract date for
        a direct signing without subscription."""
        if self.kind == ON_SUBSCRIPTION:
            return subscription_date or contract_date
        if self.kind == ON_CONTRACT:
            return contract_date
        if self.kind in (DAYS_AFTER_CONTRACT, ON_LOAN_DISBURSEMENT):
            return contract_date + timedelta(days=self.count)
        if self.kind == MONTHS_AFTER_CONTRACT:
            return add_months(contract_date, self.count)
        if self.kind == FIXED_DATE:
            return self.on  # type: ignore[return-value]
        if delivery_date is None:
            raise RealtyError(
                ERR_SCHEDULE_TEMPLATE, "before_delivery needs the planned delivery date"
            )
        return delivery_date - timedelta(days=self.count)


@dataclass(frozen=True)
class PlanLine:
    """A payment-plan template line (§5.1).

    :ivar item: ``deposit``, ``down_payment``, ``installment``, ``balance``,
        ``commercial_loan`` or ``provident_loan``.
    :ivar basis: ``percent`` (value in percent of the deal total: 30 = 30 %),
        ``fixed`` (value in 元) or ``remainder``.
    :ivar due: one rule, or several of which the earliest applies ("whichever is
        earlier").
    :ivar credit_deposit: converted money is credited to this line.
    """

    item: str
    basis: str
    due: DueRule | tuple[DueRule, ...]
    value: Decimal = ZERO
    credit_deposit: bool = False

    def __post_init__(self) -> None:
        rules = self.due if isinstance(self.due, tuple) else (self.due,)
        object.__setattr__(self, "due", rules)
        object.__setattr__(self, "value", to_decimal(self.value, f"{self.item} value"))
        if self.basis not in BASES or not rules or self.value < ZERO:
            raise RealtyError(
                ERR_SCHEDULE_TEMPLATE,
                "invalid plan line {item}: {basis} {value}",
                item=self.item,
                basis=self.basis,
                value=self.value,
            )


@dataclass(frozen=True)
class ScheduleLine:
    """A computed schedule line; ``payable = amount − credited``."""

    sequence: int
    item: str
    due_date: date
    amount: Decimal
    credited: Decimal
    payable: Decimal


def _absorbing_index(lines: Sequence[PlanLine]) -> int:
    """Index of the line that takes the rest: the remainder line, else the last line
    of an all-percent template whose percentages total 100."""
    remainders = [i for i, line in enumerate(lines) if line.basis == REMAINDER]
    if len(remainders) == 1:
        return remainders[0]
    all_percent = all(line.basis == PERCENT for line in lines)
    if not remainders and all_percent and sum(line.value for line in lines) == HUNDRED:
        return len(lines) - 1
    raise RealtyError(
        ERR_SCHEDULE_TEMPLATE,
        "a plan needs exactly one remainder line, or percent lines totalling 100",
    )


@exact
def build_schedule(
    total: Number,
    lines: Sequence[PlanLine],
    *,
    contract_date: date,
    subscription_date: date | None = None,
    delivery_date: date | None = None,
    credit: Number = 0,
    next_working_day: Callable[[date], date] | None = None,
) -> tuple[ScheduleLine, ...]:
    """Build the schedule of a deal from its plan template (§5.1, V-39, V-40).

    :param total: the deal (contract) total.
    :param credit: converted money already received (§5.8), credited to the
        ``credit_deposit`` lines in template order.
    :param next_working_day: with ``schedule.shift_non_working_days``, a function
        returning the first working day on or after a date; None keeps the dates.
    :raises RealtyError: ``ERR_SCHEDULE_TEMPLATE`` for a template that cannot
        produce a schedule or a line that would be negative; ``ERR_INVALID_INPUT``
        for a credit that the flagged lines cannot take.
    """
    amount_total = to_decimal(total, "total")
    remaining_credit = to_decimal(credit, "credit")
    if amount_total < ZERO or remaining_credit < ZERO or not lines:
        raise RealtyError(
            ERR_INVALID_INPUT,
            "invalid schedule input: total {total}, credit {credit}",
            total=amount_total,
            credit=remaining_credit,
        )
    absorbing = _absorbing_index(lines)
    amounts = [
        rnd(amount_total * line.value / HUNDRED, YUAN)
        if line.basis == PERCENT
        else rnd(line.value, CENT)
        for line in lines
    ]
    amounts[absorbing] = amount_total - (sum(amounts) - amounts[absorbing])
    if amounts[absorbing] < ZERO:
        raise RealtyError(
            ERR_SCHEDULE_TEMPLATE,
            "the plan lines exceed the total {total}",
            total=amount_total,
        )
    schedule = []
    for sequence, (line, amount) in enumerate(
        zip(lines, amounts, strict=True), start=1
    ):
        credited = ZERO
        if line.credit_deposit:
            credited = min(remaining_credit, amount)
            remaining_credit -= credited
        due = min(
            rule.due_date(contract_date, subscription_date, delivery_date)
            for rule in line.due
        )
        if next_working_day is not None:
            due = next_working_day(due)
        schedule.append(
            ScheduleLine(sequence, line.item, due, amount, credited, amount - credited)
        )
    if remaining_credit:
        raise RealtyError(
            ERR_INVALID_INPUT,
            "credit exceeds the lines that take it by {rest}",
            rest=remaining_credit,
        )
    return tuple(schedule)
