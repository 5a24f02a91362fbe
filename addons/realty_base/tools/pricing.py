"""List prices, re-pricing, filed-price checks and deal unit prices (§3).

Unit prices are rounded to 0.01 half_up; totals to ``pricing.total_precision``
(1 元 by default) with ``pricing.total_rounding`` (half_up by default).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from .areas import positive_area
from .discounts import DiscountResult
from .errors import ERR_ABOVE_FILED_PRICE, ERR_INVALID_INPUT, RealtyError
from .rounding import CENT, HALF_UP, ONE, YUAN, ZERO, Number, exact, rnd, to_decimal
from .states import AVAILABLE, HELD, RESERVED, UNRELEASED

PERCENT = "percent"
AMOUNT_PER_M2 = "amount_per_m2"
SET_UNIT = "set_unit"
SET_TOTAL = "set_total"
ADJUSTMENT_KINDS = (PERCENT, AMOUNT_PER_M2, SET_UNIT, SET_TOTAL)
ADDITIVE = "additive"
COEFFICIENT_METHODS = (PERCENT, ADDITIVE)

REPRICEABLE_STATES = frozenset({UNRELEASED, AVAILABLE, HELD, RESERVED})
"""States whose list price follows price adjustments (§3.4, §3.8)."""

DECORATION_INCLUDED = "included"
DECORATION_SEPARATE = "separate"
DECORATION_MODES = (DECORATION_INCLUDED, DECORATION_SEPARATE)
"""``pricing.decoration_mode`` (§3.7)."""


@exact
def list_unit_price(
    base: Number,
    *,
    physical_floor: int | None = None,
    base_floor: int | None = None,
    floor_step: Number = 0,
    floor_overrides: Mapping[int, Number] | None = None,
    additions: Iterable[Number] = (),
    coefficients: Iterable[Number] = (),
    precision: Number = CENT,
) -> Decimal:
    """List unit price by the coefficient method (§3.2, V-03).

    ``rnd((base + step + Σ additions) × Π (1 + pct), precision, half_up)`` where
    ``step = floor_step × (physical_floor − base_floor)`` unless *floor_overrides*
    gives the step of that physical floor (first floor, top floor, terrace …).

    :param coefficients: the percentage coefficients as fractions (0.01 for +1 %),
        applied in the given order with no intermediate rounding.
    :param precision: ``pricing.unit_price_precision``.
    """
    overrides = floor_overrides or {}
    if physical_floor in overrides:
        step = to_decimal(overrides[physical_floor], "floor override")
    else:
        floor_step = to_decimal(floor_step, "floor_step")
        if floor_step and (physical_floor is None or base_floor is None):
            raise RealtyError(
                ERR_INVALID_INPUT, "a floor step needs the physical and base floors"
            )
        step = floor_step * ((physical_floor or 0) - (base_floor or 0))
    price = to_decimal(base, "base") + step
    price += sum((to_decimal(a, "addition") for a in additions), Decimal(0))
    for pct in coefficients:
        price *= ONE + to_decimal(pct, "coefficient")
    return rnd(price, precision)


@dataclass(frozen=True)
class Coefficient:
    """A coefficient of the §3.2 method for the rooms whose *attribute* equals
    *value* (or, for a set-valued attribute such as the views, contains it).

    :param method: ``percent`` (*amount* a fraction, 0.01 for +1 %) or ``additive``
        (*amount* in 元/m², added to the unit price before the percentages).
    """

    attribute: str
    value: object
    method: str
    amount: Decimal

    def __post_init__(self):
        if self.method not in COEFFICIENT_METHODS:
            raise RealtyError(
                ERR_INVALID_INPUT,
                "unknown coefficient method {method!r}",
                method=self.method,
            )

    def applies(self, room: Mapping[str, object]) -> bool:
        """Whether the coefficient prices *room*, a mapping of its attributes."""
        actual = room[self.attribute]
        if isinstance(actual, (set, frozenset, list, tuple)):
            return self.value in actual
        return actual == self.value


def coefficient_unit_price(
    base: Number,
    room: Mapping[str, object],
    *,
    base_floor: int | None = None,
    floor_step: Number = 0,
    floor_overrides: Mapping[int, Number] | None = None,
    coefficients: Iterable[Coefficient] = (),
    precision: Number = CENT,
) -> Decimal:
    """List unit price of one *room* by the coefficient method (§3.2, V-03): the
    :func:`list_unit_price` of its ``floor_physical`` with the *coefficients* that
    apply to it, the percentages in their given order.

    :param room: the room's attributes by name (``floor_physical`` and those the
        coefficients look at), e.g. a row read from the database.

    It only chooses the coefficients; the arithmetic is :func:`list_unit_price`'s
    (exact, under the library context).
    """
    additions, percentages = [], []
    for coefficient in coefficients:
        if coefficient.applies(room):
            if coefficient.method == PERCENT:
                percentages.append(coefficient.amount)
            else:
                additions.append(coefficient.amount)
    return list_unit_price(
        base,
        physical_floor=room["floor_physical"],
        base_floor=base_floor,
        floor_step=floor_step,
        floor_overrides=floor_overrides,
        additions=additions,
        coefficients=percentages,
        precision=precision,
    )


@exact
def total_price(
    unit_price: Number,
    area: Number,
    *,
    precision: Number = YUAN,
    rounding: str = HALF_UP,
) -> Decimal:
    """``rnd(unit × area, total_precision, total_rounding)`` (§3.2 list total, V-03;
    §3.7 decoration total)."""
    return rnd(
        to_decimal(unit_price, "unit price") * positive_area(area), precision, rounding
    )


@exact
def unit_price_from_total(
    total: Number, area: Number, precision: Number = CENT
) -> Decimal:
    """``rnd(total / area, 0.01, half_up)``: the deal unit price (§3.5, V-10), the
    display unit price of per-unit pricing (§3.2) and of ``set_total`` (§3.4)."""
    return rnd(to_decimal(total, "total") / positive_area(area), precision)


@exact
def convert_unit_price(
    unit_price: Number, from_area: Number, to_area: Number, precision: Number = CENT
) -> Decimal:
    """Convert a unit price to another area basis, same total (§3.1, V-04):
    ``rnd(unit × from_area / to_area, 0.01)``, multiplying before dividing."""
    return rnd(
        to_decimal(unit_price, "unit price")
        * positive_area(from_area, "from_area")
        / positive_area(to_area, "to_area"),
        precision,
    )


@dataclass(frozen=True)
class DealPrice:
    """A deal's price (§3.5): the discount chain's result (§4) and the contract
    unit price on the pricing area ``A_p``.

    :ivar area: the area the unit reductions and the unit price use.
    :ivar unit_price: ``rnd(deal_total / A_p, 0.01)``; 0 without an area.
    """

    discounts: DiscountResult
    area: Decimal
    unit_price: Decimal

    @property
    def list_total(self) -> Decimal:
        return self.discounts.list_total

    @property
    def deal_total(self) -> Decimal:
        return self.discounts.deal_total


@exact
def deal_price(discounts: DiscountResult, area: Number) -> DealPrice:
    """The deal price of a discount result on the pricing area (§3.5, V-10)."""
    pricing_area = to_decimal(area, "area")
    unit = (
        unit_price_from_total(discounts.deal_total, pricing_area)
        if pricing_area
        else rnd(ZERO)
    )
    return DealPrice(discounts, pricing_area, unit)


@dataclass(frozen=True)
class ContractPrice:
    """The contract price (§3.7): the house price and, when decoration is priced
    separately, the decoration price beside it.

    :ivar house_total: the deal total of the house (discounts apply to it only).
    :ivar decoration_unit: 元/m² of decoration; 0 when it is included.
    :ivar decoration_total: ``rnd(decoration_unit × A_p, total_precision)``.
    """

    house_total: Decimal
    decoration_unit: Decimal
    decoration_total: Decimal

    @property
    def total(self) -> Decimal:
        """The contract total: house + decoration. Deed tax is levied on it."""
        return self.house_total + self.decoration_total


@exact
def contract_price(
    house_total: Number,
    area: Number = 0,
    decoration_unit: Number = 0,
    *,
    mode: str = DECORATION_INCLUDED,
    precision: Number = YUAN,
    rounding: str = HALF_UP,
) -> ContractPrice:
    """House plus decoration (§3.7).

    In ``included`` mode (the default) the house price is the whole price and a
    decoration unit price is refused. In ``separate`` mode the decoration total is
    ``rnd(decoration_unit × A_p, pricing.total_precision, pricing.total_rounding)``
    (the way a list total is rounded) and the contract total is the house deal
    total plus it.

    :param area: the pricing area ``A_p`` (needed in ``separate`` mode).
    :raises RealtyError: ``ERR_INVALID_INPUT`` for an unknown mode, a negative
        amount, or a decoration price in ``included`` mode.
    """
    house = to_decimal(house_total, "house total")
    unit = to_decimal(decoration_unit, "decoration unit price")
    if mode not in DECORATION_MODES or house < ZERO or unit < ZERO:
        raise RealtyError(
            ERR_INVALID_INPUT,
            "invalid contract price: mode {mode!r}, house {house}, decoration {unit}",
            mode=mode,
            house=house,
            unit=unit,
        )
    if mode == DECORATION_INCLUDED:
        if unit:
            raise RealtyError(
                ERR_INVALID_INPUT,
                "decoration is included in the price; it has no price of its own",
            )
        return ContractPrice(house, unit, ZERO)
    deco = total_price(unit, area, precision=precision, rounding=rounding)
    return ContractPrice(house, unit, deco)


@dataclass(frozen=True)
class PriceChange:
    """Result of re-pricing one room (§3.4, V-05); *skipped* rooms keep their price
    and get no history row."""

    old_unit: Decimal
    old_total: Decimal
    new_unit: Decimal
    new_total: Decimal
    skipped: bool


@exact
def reprice(
    state: str,
    old_unit: Number,
    old_total: Number,
    area: Number,
    kind: str,
    value: Number,
    *,
    total_precision: Number = YUAN,
    total_rounding: str = HALF_UP,
) -> PriceChange:
    """Apply a price adjustment to one room (§3.4, V-05).

    :param kind: ``percent`` (value 0.02 = +2 %), ``amount_per_m2``, ``set_unit`` or
        ``set_total``.
    :param area: the pricing area ``A_p``.
    :returns: a :class:`PriceChange`; rooms outside :data:`REPRICEABLE_STATES` are
        skipped (their price is locked, §3.8).
    """
    unit, total = to_decimal(old_unit, "old unit"), to_decimal(old_total, "old total")
    if state not in REPRICEABLE_STATES:
        return PriceChange(unit, total, unit, total, skipped=True)
    amount = to_decimal(value, "adjustment")
    if kind == SET_TOTAL:
        new_total = rnd(amount, total_precision, total_rounding)
        new_unit = unit_price_from_total(new_total, area)
    else:
        if kind == PERCENT:
            new_unit = rnd(unit * (ONE + amount), CENT)
        elif kind == AMOUNT_PER_M2:
            new_unit = rnd(unit + amount, CENT)
        elif kind == SET_UNIT:
            new_unit = rnd(amount, CENT)
        else:
            raise RealtyError(
                ERR_INVALID_INPUT, "unknown adjustment kind {kind!r}", kind=kind
            )
        new_total = total_price(
            new_unit, area, precision=total_precision, rounding=total_rounding
        )
    if new_unit <= 0:
        raise RealtyError(
            ERR_INVALID_INPUT,
            "the adjustment leaves no positive price: {unit}",
            unit=new_unit,
        )
    return PriceChange(unit, total, new_unit, new_total, skipped=False)


@exact
def check_filed_price(
    deal_total: Number,
    filed_total: Number,
    *,
    enforce_ceiling: bool = True,
    max_below_pct: Number | None = None,
) -> bool:
    """Check a deal total against the filed total (§3.3).

    :param max_below_pct: ``price_filing.max_below_pct`` as a fraction (0.15).
    :returns: True when the deal is below ``filed_total × (1 − pct)`` and needs
        a re-filing flag and approval.
    :raises RealtyError: ``ERR_ABOVE_FILED_PRICE`` when the ceiling is enforced and
        the deal total exceeds the filed total.
    """
    deal, filed = to_decimal(deal_total, "deal total"), to_decimal(filed_total, "filed")
    if enforce_ceiling and deal > filed:
        raise RealtyError(
            ERR_ABOVE_FILED_PRICE,
            "deal total {deal} is above the filed total {filed}",
            deal=deal,
            filed=filed,
        )
    if max_below_pct is None:
        return False
    return deal < filed * (ONE - to_decimal(max_below_pct, "max_below_pct"))
