"""Taxes and collected fees (§6, §9.2, §9.5).

Every amount is rounded once, to 0.01 half_up (§0.3). Rates are fractions.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .areas import positive_area
from .errors import ERR_CREDIT_CARD_NOT_ALLOWED, ERR_INVALID_INPUT, RealtyError
from .rounding import CENT, ONE, ZERO, Number, exact, rnd, to_decimal

GENERAL = "general"
SIMPLE = "simple"

FIRST_HOME = "first"
SECOND_HOME = "second"
THIRD_PLUS = "third_plus"
HOME_TIERS = (FIRST_HOME, SECOND_HOME, THIRD_PLUS)

EXCL_VAT = "excl_vat"
INCL_VAT = "incl_vat"

FULL_RIGHT = "full"
"""Full property right: a transfer of title, filed, deed tax due (§1.2)."""
USE_RIGHT = "use_right"
"""A long-term use right (e.g. civil-defence parking 人防车位): no deed tax (§1.2)."""
PROPERTY_RIGHTS = (FULL_RIGHT, USE_RIGHT)

RESIDENTIAL = "residential"
NON_RESIDENTIAL = "non_residential"
PARKING_STORAGE = "parking_storage"

PER_M2 = "per_m2"
PERCENT_OF_PRICE = "percent_of_price"

DEBIT = "debit"
CREDIT = "credit"

_RELIEF_RATES = {
    FIRST_HOME: (Decimal("0.01"), Decimal("0.015")),
    SECOND_HOME: (Decimal("0.01"), Decimal("0.02")),
}
"""Deed-tax relief from 2024-12-01 (§6.1): tier → (rate ≤ threshold, rate above)."""


def _amount(value: Number, name: str) -> Decimal:
    amount = to_decimal(value, name)
    if amount < ZERO:
        raise RealtyError(ERR_INVALID_INPUT, "{name} is negative", name=name)
    return amount


@dataclass(frozen=True)
class VatBreakdown:
    """VAT on a sale (§9.2, V-20): ``amount_excl_vat + vat == total``."""

    total: Decimal
    land_deduction: Decimal
    vat: Decimal
    amount_excl_vat: Decimal


@exact
def vat_breakdown(
    total: Number,
    *,
    building_area: Number = 0,
    land_cost_per_m2: Number = 0,
    method: str = GENERAL,
    rate: Number = Decimal("0.09"),
    simple_rate: Number = Decimal("0.03"),
) -> VatBreakdown:
    """VAT of a contract total (§9.2, V-19 … V-21).

    General method: ``VAT = rnd((total − land) × rate / (1 + rate))`` with the land
    deduction ``land_cost_per_m2 × building_area`` (kept exact). Simple method:
    ``rnd(total × simple_rate / (1 + simple_rate))``, without land deduction.
    """
    amount = _amount(total, "total")
    if method == GENERAL:
        land = _amount(land_cost_per_m2, "land cost") * _amount(building_area, "area")
        vat_rate = _amount(rate, "vat rate")
    elif method == SIMPLE:
        land, vat_rate = ZERO, _amount(simple_rate, "simple rate")
    else:
        raise RealtyError(ERR_INVALID_INPUT, "unknown VAT method {m!r}", m=method)
    if land > amount:
        raise RealtyError(
            ERR_INVALID_INPUT,
            "land deduction {land} exceeds the total {total}",
            land=land,
            total=amount,
        )
    vat = rnd((amount - land) * vat_rate / (ONE + vat_rate))
    return VatBreakdown(amount, land, vat, amount - vat)


@exact
def deed_tax_rate(
    home_tier: str,
    building_area: Number,
    *,
    residential: bool = True,
    individual_buyer: bool = True,
    relief_area_threshold: Number = Decimal("140.00"),
    statutory_rate: Number = Decimal("0.03"),
    property_right: str = FULL_RIGHT,
) -> Decimal:
    """The deed-tax rate (§6.1): relief for individuals buying housing from
    2024-12-01 (≤ 140 m² inclusive: 1 %; above: 1.5 % first home, 2 % second home);
    otherwise the provincial statutory rate; 0 for a use-right sale (§1.2).

    :param home_tier: ``first``, ``second`` or ``third_plus``, from the housing
        authority's query or the buyer's declaration (never inferred).
    :param property_right: ``full`` or ``use_right``.
    """
    if home_tier not in HOME_TIERS or property_right not in PROPERTY_RIGHTS:
        raise RealtyError(
            ERR_INVALID_INPUT,
            "unknown home tier {tier!r} or property right {right!r}",
            tier=home_tier,
            right=property_right,
        )
    if property_right == USE_RIGHT:
        return ZERO
    relief = _RELIEF_RATES.get(home_tier)
    if relief is None or not (residential and individual_buyer):
        return _amount(statutory_rate, "statutory rate")
    within = positive_area(building_area) <= to_decimal(relief_area_threshold)
    return relief[0] if within else relief[1]


@dataclass(frozen=True)
class DeedTax:
    """Deed tax (§6.1): ``tax = rnd(base × rate)``; a use-right sale is not
    taxable (base, rate and tax 0)."""

    base: Decimal
    rate: Decimal
    tax: Decimal
    taxable: bool = True


@exact
def deed_tax(
    contract_total: Number,
    building_area: Number,
    home_tier: str,
    vat: Number,
    *,
    base_mode: str = EXCL_VAT,
    residential: bool = True,
    individual_buyer: bool = True,
    relief_area_threshold: Number = Decimal("140.00"),
    statutory_rate: Number = Decimal("0.03"),
    property_right: str = FULL_RIGHT,
) -> DeedTax:
    """Deed tax on a contract total (§6.1, V-19 … V-24, V-33).

    :param contract_total: the contract total, decoration included (§3.7,
        :func:`~.pricing.contract_price`).
    :param vat: the invoice VAT (:func:`vat_breakdown`); the base is
        ``contract_total − vat`` in ``excl_vat`` mode, the contract total in
        ``incl_vat`` mode.
    :param building_area: the contract area for an estimate, the measured area at
        settlement (§7.6).
    :param property_right: ``use_right`` sales transfer no title and pay none
        (§1.2): the answer is a non-taxable :class:`DeedTax` of 0.00.
    """
    total = _amount(contract_total, "contract total")
    if base_mode == EXCL_VAT:
        base = total - _amount(vat, "vat")
    elif base_mode == INCL_VAT:
        base = total
    else:
        raise RealtyError(ERR_INVALID_INPUT, "unknown base mode {m!r}", m=base_mode)
    rate = deed_tax_rate(
        home_tier,
        building_area,
        residential=residential,
        individual_buyer=individual_buyer,
        relief_area_threshold=relief_area_threshold,
        statutory_rate=statutory_rate,
        property_right=property_right,
    )
    if property_right == USE_RIGHT:
        return DeedTax(rnd(ZERO), rate, rnd(ZERO), taxable=False)
    return DeedTax(base, rate, rnd(base * rate))


@exact
def stamp_duty(
    amount: Number,
    *,
    residential: bool,
    individual_buyer: bool,
    rate: Number = Decimal("0.0005"),
) -> Decimal:
    """Stamp duty on the buyer's copy (§6.2, V-24): housing bought by an individual
    is exempt (0.00); otherwise ``rnd(amount × rate)``."""
    if residential and individual_buyer:
        return rnd(ZERO)
    return rnd(_amount(amount, "amount") * _amount(rate, "stamp rate"))


@exact
def registration_fee(
    kind: str = RESIDENTIAL,
    certificates: int = 1,
    *,
    residential: Number = 80,
    non_residential: Number = 550,
    parking_storage: Number = 80,
    extra_certificate: Number = 10,
) -> Decimal:
    """Registration fee per case (§6.3, V-24, V-25): the fee of *kind* includes the
    first certificate; each further certificate costs *extra_certificate*."""
    fees = {
        RESIDENTIAL: residential,
        NON_RESIDENTIAL: non_residential,
        PARKING_STORAGE: parking_storage,
    }
    if kind not in fees or not isinstance(certificates, int) or certificates < 1:
        raise RealtyError(
            ERR_INVALID_INPUT,
            "invalid registration: {kind!r}, {n} certificates",
            kind=kind,
            n=certificates,
        )
    extra = _amount(extra_certificate, "extra certificate fee") * (certificates - 1)
    return rnd(_amount(fees[kind], kind) + extra)


@exact
def maintenance_fund_rate(
    has_elevator: bool,
    residential: bool = True,
    *,
    elevator_residential: Number = 100,
    non_elevator_residential: Number = 100,
    non_residential: Number = 100,
) -> Decimal:
    """Per-m² maintenance-fund rate ``fees.maint.per_m2.*`` (§6.4)."""
    if not residential:
        return _amount(non_residential, "rate")
    return _amount(
        elevator_residential if has_elevator else non_elevator_residential, "rate"
    )


@exact
def maintenance_fund(
    *,
    mode: str = PER_M2,
    building_area: Number | None = None,
    rate_per_m2: Number = 100,
    deal_total: Number | None = None,
    percent: Number = Decimal("0.02"),
) -> Decimal:
    """Special maintenance fund (§6.4, V-25, V-33): ``rnd(rate × building area)`` in
    ``per_m2`` mode, ``rnd(pct × deal total)`` in ``percent_of_price`` mode."""
    if mode == PER_M2 and building_area is not None:
        return rnd(_amount(rate_per_m2, "rate") * positive_area(building_area))
    if mode == PERCENT_OF_PRICE and deal_total is not None:
        return rnd(_amount(percent, "percent") * _amount(deal_total, "deal total"))
    raise RealtyError(
        ERR_INVALID_INPUT, "maintenance fund mode {mode!r} lacks its input", mode=mode
    )


@dataclass(frozen=True)
class CollectionFees:
    """The fees collected for others on one sale (代收费用, §6, V-19 … V-25), each
    computed by its own function, and what they add up to.

    :ivar others: ``(name, amount)`` of the configured other items (§6.5).
    """

    vat: VatBreakdown
    deed_tax: DeedTax
    stamp_duty: Decimal
    registration_fee: Decimal
    maintenance_fund: Decimal
    others: tuple[tuple[str, Decimal], ...] = ()

    @property
    def others_total(self) -> Decimal:
        return sum((amount for _name, amount in self.others), rnd(ZERO))

    @property
    def total(self) -> Decimal:
        """Everything the buyer pays besides the price (the VAT is in the price)."""
        return (
            self.deed_tax.tax
            + self.stamp_duty
            + self.registration_fee
            + self.maintenance_fund
            + self.others_total
        )


@dataclass(frozen=True)
class PosFee:
    """Card payment (§9.5): the receipt shows *gross*; the bank pays *net*."""

    gross: Decimal
    fee: Decimal
    net: Decimal


@exact
def pos_fee(
    gross: Number,
    card: str = DEBIT,
    *,
    price_item: bool = True,
    allow_credit_card_for_price: bool = False,
    debit_rate: Number = Decimal("0.005"),
    debit_cap: Number | None = Decimal("25.00"),
    credit_rate: Number = Decimal("0.006"),
    credit_cap: Number | None = None,
) -> PosFee:
    """POS fee ``min(rnd(gross × rate), cap)`` and arrival amount (§9.5, V-43).

    :param price_item: the item is house price (定金, 首付款, …), not a 代收 fee.
    :raises RealtyError: ``ERR_CREDIT_CARD_NOT_ALLOWED`` for a credit card on a
        house-price item unless ``pos.allow_credit_card_for_price``.
    """
    if card not in (DEBIT, CREDIT):
        raise RealtyError(ERR_INVALID_INPUT, "unknown card type {card!r}", card=card)
    if card == CREDIT and price_item and not allow_credit_card_for_price:
        raise RealtyError(
            ERR_CREDIT_CARD_NOT_ALLOWED, "credit cards cannot pay house-price items"
        )
    amount = _amount(gross, "gross")
    rate, cap = (debit_rate, debit_cap) if card == DEBIT else (credit_rate, credit_cap)
    fee = rnd(amount * _amount(rate, "POS rate"), CENT)
    if cap is not None:
        fee = min(fee, rnd(_amount(cap, "POS cap")))
    return PosFee(amount, fee, amount - fee)
