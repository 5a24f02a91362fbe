"""The settlement of one room's area adjustment and its fees (§7.3, §7.6, V-26 … V-33).

:func:`area_settlement` puts together what a settlement sheet (补差结算单) prints:
the band computation of :func:`~.area_adjust.area_adjustment` on the contract's
pricing basis, then the fees of the contract recomputed on the adjusted total by
the functions of :mod:`.fees`:

* the VAT and the deed tax on the adjusted total, the deed-tax band (140 m²) read
  on the **measured** building area;
* the maintenance fund on the measured building area (``per_m2``) or on the
  adjusted total (``percent_of_price``);
* the registration fee unchanged.

"Before" is what was collected at the contract when the caller gives it, else the
same functions on the contract figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from . import fees
from .area_adjust import MODEL_CONTRACT, AreaAdjustment, area_adjustment
from .areas import positive_area
from .errors import ERR_INVALID_INPUT, RealtyError
from .rounding import ZERO, Number, exact, rnd, to_decimal

BUILDING = "building"
INNER = "inner"
BASES = (BUILDING, INNER)
"""The contract's pricing basis for the area formula: building area (model contract
Option 2, the inner area checked for the rescission right) or inner area (Option
1). A per-unit contract (Option 3) has no area formula."""


@dataclass(frozen=True)
class AreaSettlement:
    """One room's settlement (§7.3, §7.6). Amounts in yuan, rounded to the fen.

    :ivar adjustment: the band computation (:class:`~.area_adjust.AreaAdjustment`).
    :ivar manual_adjustment: an amount a person added, with a reason, to the
        formula's net (0 normally).
    :ivar amount: what the buyer pays (> 0) or is refunded (< 0): the formula's net
        plus the manual adjustment.
    :ivar adjusted_total: the contract total plus *amount*.
    :ivar deed_tax_rate_before: and ``_after``: the rate on the contract and on the
        measured building area (the 140 m² band, §7.6).
    """

    adjustment: AreaAdjustment
    manual_adjustment: Decimal
    amount: Decimal
    contract_total: Decimal
    adjusted_total: Decimal
    contract_building_area: Decimal
    measured_building_area: Decimal
    vat_before: Decimal
    vat_after: Decimal
    deed_tax_rate_before: Decimal
    deed_tax_rate_after: Decimal
    deed_tax_before: Decimal
    deed_tax_after: Decimal
    maintenance_fund_before: Decimal
    maintenance_fund_after: Decimal
    registration_fee: Decimal

    @property
    def deed_tax_difference(self) -> Decimal:
        """To collect (> 0) or refund (< 0) on the deed tax (V-33)."""
        return self.deed_tax_after - self.deed_tax_before

    @property
    def maintenance_fund_difference(self) -> Decimal:
        return self.maintenance_fund_after - self.maintenance_fund_before

    @property
    def fees_before(self) -> Decimal:
        """Deed tax, maintenance fund and registration fee at the contract."""
        return (
            self.deed_tax_before + self.maintenance_fund_before + self.registration_fee
        )

    @property
    def fees_after(self) -> Decimal:
        return self.deed_tax_after + self.maintenance_fund_after + self.registration_fee

    @property
    def fees_difference(self) -> Decimal:
        return self.fees_after - self.fees_before

    @property
    def total_difference(self) -> Decimal:
        """What the buyer pays more (> 0) or gets back (< 0), price and fees."""
        return self.amount + self.fees_difference


def _fees_on(
    total: Decimal,
    building_area: Decimal,
    *,
    home_tier: str,
    residential: bool,
    individual_buyer: bool,
    property_right: str,
    vat_method: str,
    vat_rate: Number,
    vat_simple_rate: Number,
    land_cost_per_m2: Number,
    deed_tax_base_mode: str,
    relief_area_threshold: Number,
    statutory_rate: Number,
    maintenance_mode: str,
    maintenance_rate_per_m2: Number,
    maintenance_percent: Number,
) -> tuple[fees.VatBreakdown, fees.DeedTax, Decimal]:
    vat = fees.vat_breakdown(
        total,
        building_area=building_area,
        land_cost_per_m2=land_cost_per_m2,
        method=vat_method,
        rate=vat_rate,
        simple_rate=vat_simple_rate,
    )
    deed = fees.deed_tax(
        total,
        building_area,
        home_tier,
        vat.vat,
        base_mode=deed_tax_base_mode,
        residential=residential,
        individual_buyer=individual_buyer,
        relief_area_threshold=relief_area_threshold,
        statutory_rate=statutory_rate,
        property_right=property_right,
    )
    fund = fees.maintenance_fund(
        mode=maintenance_mode,
        building_area=building_area,
        rate_per_m2=maintenance_rate_per_m2,
        deal_total=total,
        percent=maintenance_percent,
    )
    return vat, deed, fund


@exact
def area_settlement(
    contract_area: Number,
    measured_area: Number,
    unit_price: Number,
    contract_total: Number,
    *,
    other_contract_area: Number,
    other_measured_area: Number,
    basis: str = BUILDING,
    mode: str = MODEL_CONTRACT,
    band: Number | None = None,
    over_band_buyer_share: Number | None = None,
    under_band_refund_multiplier: Number | None = None,
    manual_adjustment: Number = 0,
    home_tier: str = fees.FIRST_HOME,
    residential: bool = True,
    individual_buyer: bool = True,
    property_right: str = fees.FULL_RIGHT,
    vat_method: str = fees.GENERAL,
    vat_rate: Number = Decimal("0.09"),
    vat_simple_rate: Number = Decimal("0.03"),
    land_cost_per_m2: Number = 0,
    deed_tax_base_mode: str = fees.EXCL_VAT,
    relief_area_threshold: Number = Decimal("140.00"),
    statutory_rate: Number = Decimal("0.03"),
    maintenance_mode: str = fees.PER_M2,
    maintenance_rate_per_m2: Number = 100,
    maintenance_percent: Number = Decimal("0.02"),
    registration_fee: Number = 0,
    deed_tax_collected: Number | None = None,
    maintenance_fund_collected: Number | None = None,
) -> AreaSettlement:
    """Settle one room's area difference and recompute its fees (§7.3, §7.6, V-33).

    :param contract_area: A0 on the pricing *basis*; *measured_area* is A1;
        *unit_price* is P on that basis and *contract_total* TP.
    :param other_contract_area: B0, with *other_measured_area* B1, on the other
        basis: the inner areas of a building-area contract (its rescission right
        reads them too, V-31), the building areas of an inner-area contract (the
        fees read them).
    :param basis: ``building`` (model contract Option 2) or ``inner`` (Option 1).
    :param mode: and *band*, *over_band_buyer_share*,
        *under_band_refund_multiplier*: as :func:`~.area_adjust.area_adjustment`.
    :param manual_adjustment: an amount added to the formula's net by a person
        (with a reason the caller keeps); the fees follow the adjusted total.
    :param deed_tax_collected: the deed tax computed at the contract, if it was
        (else it is recomputed on the contract figures); likewise
        *maintenance_fund_collected*.
    :param registration_fee: the registration fee, unchanged by the settlement.

    The other parameters are those of :func:`.fees.vat_breakdown`,
    :func:`.fees.deed_tax` and :func:`.fees.maintenance_fund`; the land deduction
    of the VAT is taken on the contract building area before and on the measured
    one after.
    """
    if basis not in BASES:
        raise RealtyError(
            ERR_INVALID_INPUT, "unknown area basis {basis!r}", basis=basis
        )
    other_contract = positive_area(other_contract_area, "other contract area")
    other_measured = positive_area(other_measured_area, "other measured area")
    inner = {}
    if basis == BUILDING:
        inner = {
            "inner_contract_area": other_contract,
            "inner_measured_area": other_measured,
        }
    adjustment = area_adjustment(
        contract_area,
        measured_area,
        unit_price,
        contract_total,
        mode=mode,
        band=band,
        over_band_buyer_share=over_band_buyer_share,
        under_band_refund_multiplier=under_band_refund_multiplier,
        **inner,
    )
    if basis == BUILDING:
        building_before = positive_area(contract_area, "contract area")
        building_after = positive_area(measured_area, "measured area")
    else:
        building_before, building_after = other_contract, other_measured
    manual = rnd(to_decimal(manual_adjustment, "manual adjustment"))
    total = to_decimal(contract_total, "contract total")
    amount = adjustment.net + manual
    adjusted_total = total + amount
    if adjusted_total < ZERO:
        raise RealtyError(
            ERR_INVALID_INPUT,
            "the adjusted total {total} is negative",
            total=adjusted_total,
        )
    rules = {
        "home_tier": home_tier,
        "residential": residential,
        "individual_buyer": individual_buyer,
        "property_right": property_right,
        "vat_method": vat_method,
        "vat_rate": vat_rate,
        "vat_simple_rate": vat_simple_rate,
        "land_cost_per_m2": land_cost_per_m2,
        "deed_tax_base_mode": deed_tax_base_mode,
        "relief_area_threshold": relief_area_threshold,
        "statutory_rate": statutory_rate,
        "maintenance_mode": maintenance_mode,
        "maintenance_rate_per_m2": maintenance_rate_per_m2,
        "maintenance_percent": maintenance_percent,
    }
    vat_before, deed_before, fund_before = _fees_on(total, building_before, **rules)
    vat_after, deed_after, fund_after = _fees_on(
        adjusted_total, building_after, **rules
    )
    return AreaSettlement(
        adjustment=adjustment,
        manual_adjustment=manual,
        amount=amount,
        contract_total=total,
        adjusted_total=adjusted_total,
        contract_building_area=building_before,
        measured_building_area=building_after,
        vat_before=vat_before.vat,
        vat_after=vat_after.vat,
        deed_tax_rate_before=deed_before.rate,
        deed_tax_rate_after=deed_after.rate,
        deed_tax_before=(
            deed_before.tax
            if deed_tax_collected is None
            else rnd(to_decimal(deed_tax_collected, "deed tax collected"))
        ),
        deed_tax_after=deed_after.tax,
        maintenance_fund_before=(
            fund_before
            if maintenance_fund_collected is None
            else rnd(to_decimal(maintenance_fund_collected, "fund collected"))
        ),
        maintenance_fund_after=fund_after,
        registration_fee=rnd(to_decimal(registration_fee, "registration fee")),
    )
