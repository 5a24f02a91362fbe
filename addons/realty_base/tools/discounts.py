"""The discount chain, its ratios and the approval ladder (§4.1-§4.5).

The running price X starts at the list total; lines apply by category sequence,
then by line sequence, with no intermediate rounding. A ``round_off`` result is
final; otherwise the deal total is rounded by the project rule. A ``fixed_price``
line replaces the whole chain.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from .errors import ERR_INVALID_INPUT, RealtyError
from .rounding import (
    DOWN,
    HALF_UP,
    HUNDRED,
    ONE,
    YUAN,
    ZERO,
    Number,
    exact,
    rnd,
    to_decimal,
)

UNIT_AMOUNT = "unit_amount"
PAYMENT_METHOD = "payment_method"
PERCENT = "percent"
POINTS = "points"
TOTAL_AMOUNT = "total_amount"
ROUND_OFF = "round_off"
FIXED_PRICE = "fixed_price"
DEFAULT_CATEGORY_SEQUENCE = (
    UNIT_AMOUNT,
    PAYMENT_METHOD,
    PERCENT,
    POINTS,
    TOTAL_AMOUNT,
    ROUND_OFF,
)
"""``discount.category_sequence`` (§4.2)."""

POINTS_RUNNING = "running"
POINTS_LIST = "list"

GROUP_APPROVAL = "group_approval"
"""The role returned when no rung of the ladder covers the discount (§4.5)."""


@dataclass(frozen=True)
class DiscountLine:
    """One discount line (§4.1).

    :ivar value: 元/m² for ``unit_amount``; a factor (0.95) for ``payment_method``
        and ``percent``; points (1 = one percentage point) for ``points``; 元 for
        ``total_amount`` and ``fixed_price``; the unit (10/100/1000) for ``round_off``.
    :ivar standard: True for payment-method discounts and published campaigns (§4.3).
    :ivar sequence: order within the category.
    """

    kind: str
    value: Decimal
    standard: bool = False
    sequence: int = 10

    def __post_init__(self) -> None:
        value = to_decimal(self.value, f"{self.kind} value")
        object.__setattr__(self, "value", value)
        if self.kind in (PAYMENT_METHOD, PERCENT):
            valid = ZERO < value <= ONE
        elif self.kind == POINTS:
            valid = ZERO <= value <= HUNDRED
        elif self.kind == ROUND_OFF:
            valid = value in (10, 100, 1000)
        elif self.kind in (UNIT_AMOUNT, TOTAL_AMOUNT, FIXED_PRICE):
            valid = value >= ZERO
        else:
            raise RealtyError(
                ERR_INVALID_INPUT, "unknown discount kind {kind!r}", kind=self.kind
            )
        if not valid:
            raise RealtyError(
                ERR_INVALID_INPUT,
                "{kind} cannot have the value {value}",
                kind=self.kind,
                value=value,
            )


@dataclass(frozen=True)
class DiscountStep:
    """The running price after one line (a row of the V-06 table)."""

    line: DiscountLine
    price_after: Decimal


@dataclass(frozen=True)
class DiscountResult:
    """The outcome of :func:`apply_discounts` (§4.2, §4.4).

    :ivar unrounded_total: X at the end of the chain, before the project rounding.
    :ivar standard_only_total: the chain with the standard lines only, unrounded.
    :ivar overall_ratio: deal / list (exact; display with :func:`percent`).
    :ivar discretionary_ratio: deal / standard_only_total.
    :ivar discretionary_amount: standard_only_total − deal.
    """

    list_total: Decimal
    deal_total: Decimal
    unrounded_total: Decimal
    standard_only_total: Decimal
    discount_amount: Decimal
    overall_ratio: Decimal
    discretionary_ratio: Decimal
    discretionary_amount: Decimal
    has_discretionary: bool
    has_fixed_price: bool
    steps: tuple[DiscountStep, ...] = ()


@dataclass(frozen=True)
class ApprovalRung:
    """One role of the approval ladder (§4.5): it may approve when
    ``discretionary ratio ≥ min_ratio`` and ``discretionary amount ≤ max_amount``."""

    role: str
    min_ratio: Decimal
    max_amount: Decimal

    def __post_init__(self) -> None:
        object.__setattr__(self, "min_ratio", to_decimal(self.min_ratio, "min_ratio"))
        object.__setattr__(
            self, "max_amount", to_decimal(self.max_amount, "max_amount")
        )


DEFAULT_DISCOUNT_LADDER = (
    ApprovalRung("sales_consultant", Decimal("1.00"), Decimal(0)),
    ApprovalRung("sales_manager", Decimal("0.97"), Decimal(100000)),
    ApprovalRung("marketing_director", Decimal("0.95"), Decimal(300000)),
    ApprovalRung("project_gm", Decimal("0.90"), Decimal(1000000)),
)
"""``approval.discount_ladder`` default (§4.5), lowest role first."""


def _ordered(
    lines: Iterable[DiscountLine], category_sequence: Sequence[str]
) -> list[DiscountLine]:
    if sorted(category_sequence) != sorted(DEFAULT_CATEGORY_SEQUENCE) or (
        category_sequence[-1] != ROUND_OFF
    ):
        raise RealtyError(
            ERR_INVALID_INPUT,
            "the category sequence must order all six categories, round_off last: "
            "{sequence}",
            sequence=list(category_sequence),
        )
    rank = {kind: index for index, kind in enumerate(category_sequence)}
    return sorted(lines, key=lambda line: (rank[line.kind], line.sequence))


def _run_chain(
    list_total: Decimal,
    lines: Sequence[DiscountLine],
    area: Decimal,
    points_mode: str,
) -> tuple[Decimal, list[DiscountStep], bool]:
    """Apply the ordered lines; return X, the steps and whether X was rounded off."""
    price = list_total
    steps: list[DiscountStep] = []
    rounded_off = False
    for line in lines:
        if line.kind == UNIT_AMOUNT:
            price -= line.value * area
        elif line.kind in (PAYMENT_METHOD, PERCENT):
            price *= line.value
        elif line.kind == POINTS and points_mode == POINTS_LIST:
            price -= list_total * line.value / HUNDRED
        elif line.kind == POINTS:
            price *= (HUNDRED - line.value) / HUNDRED
        elif line.kind == TOTAL_AMOUNT:
            price -= line.value
        else:
            price = rnd(price, line.value, DOWN)
            rounded_off = True
        steps.append(DiscountStep(line, price))
    return price, steps, rounded_off


@exact
def apply_discounts(
    list_total: Number,
    lines: Iterable[DiscountLine],
    area: Number,
    *,
    points_mode: str = POINTS_RUNNING,
    category_sequence: Sequence[str] = DEFAULT_CATEGORY_SEQUENCE,
    total_precision: Number = YUAN,
    total_rounding: str = HALF_UP,
) -> DiscountResult:
    """Run the discount chain and derive the §4.4 ratios (V-06 … V-09).

    :param area: the pricing area ``A_p`` used by ``unit_amount`` lines.
    :param points_mode: ``discount.points_mode``: ``running`` or ``list``.
    :raises RealtyError: ``ERR_INVALID_INPUT`` for a non-positive list total, an
        unknown points mode, several fixed prices, a fixed price above the list
        total, or discounts that drive the price below zero.
    """
    start = to_decimal(list_total, "list total")
    pricing_area = to_decimal(area, "area")
    if start <= ZERO or pricing_area < ZERO:
        raise RealtyError(
            ERR_INVALID_INPUT,
            "the list total ({total}) must be positive, the area ({area}) not negative",
            total=start,
            area=pricing_area,
        )
    if points_mode not in (POINTS_RUNNING, POINTS_LIST):
        raise RealtyError(
            ERR_INVALID_INPUT, "unknown points mode {mode!r}", mode=points_mode
        )
    all_lines = list(lines)
    fixed = [line for line in all_lines if line.kind == FIXED_PRICE]
    chain = _ordered(
        [line for line in all_lines if line.kind != FIXED_PRICE], category_sequence
    )
    if len(fixed) > 1 or (fixed and fixed[0].value > start):
        raise RealtyError(
            ERR_INVALID_INPUT, "one fixed price at most, not above the list total"
        )
    if fixed:
        unrounded, rounded_off = fixed[0].value, False
        steps = [DiscountStep(fixed[0], unrounded)]
    else:
        unrounded, steps, rounded_off = _run_chain(
            start, chain, pricing_area, points_mode
        )
    if unrounded < ZERO:
        raise RealtyError(
            ERR_INVALID_INPUT,
            "the discounts exceed the price ({price})",
            price=unrounded,
        )
    deal = unrounded if rounded_off else rnd(unrounded, total_precision, total_rounding)
    standard_lines = [line for line in chain if line.standard]
    standard_only, _, _ = _run_chain(start, standard_lines, pricing_area, points_mode)
    return DiscountResult(
        list_total=start,
        deal_total=deal,
        unrounded_total=unrounded,
        standard_only_total=standard_only,
        discount_amount=start - deal,
        overall_ratio=deal / start,
        discretionary_ratio=deal / standard_only if standard_only else ZERO,
        discretionary_amount=standard_only - deal,
        has_discretionary=bool(fixed) or any(not line.standard for line in chain),
        has_fixed_price=bool(fixed),
        steps=tuple(steps),
    )


@exact
def required_approval(
    result: DiscountResult,
    ladder: Sequence[ApprovalRung] = DEFAULT_DISCOUNT_LADDER,
) -> str | None:
    """Return the lowest role that may approve the deal, or None (§4.5, V-09).

    Both tests are exact (§0.5): ``deal ≥ min_ratio × standard_only_total`` and
    ``standard_only_total − deal ≤ max_amount``. A deal without discretionary lines
    needs no approval (None). No covering rung gives :data:`GROUP_APPROVAL`. A fixed
    price goes at least to the top rung of the ladder.
    """
    if not result.has_discretionary:
        return None
    for rung in ladder:
        covered = (
            result.deal_total >= rung.min_ratio * result.standard_only_total
            and result.discretionary_amount <= rung.max_amount
        )
        if covered:
            return ladder[-1].role if result.has_fixed_price else rung.role
    return GROUP_APPROVAL
