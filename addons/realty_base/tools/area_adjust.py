"""Area adjustment (面积补差) and the rescission refund (§7.2, §7.3).

Bands are tested exactly (§0.5): ``|D| ≤ band × A0`` with the band limit L kept
unrounded. Each printed component is rounded on its own to 0.01 half_up and the net
is the sum of the rounded components.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .areas import positive_area
from .errors import ERR_INVALID_INPUT, RealtyError
from .rounding import HUNDRED, ONE, ZERO, Number, exact, rnd, to_decimal

MODEL_CONTRACT = "model_contract"
CUSTOM = "custom"

DEFAULT_BAND = Decimal("0.03")
DEFAULT_OVER_BAND_BUYER_SHARE = Decimal(0)
DEFAULT_UNDER_BAND_REFUND_MULTIPLIER = Decimal(2)


@dataclass(frozen=True)
class AreaAdjustment:
    """Settlement of one room (§7.3, V-26 … V-33).

    Amounts are positive; ``net > 0`` means the buyer pays, ``net < 0`` the seller
    refunds. Within the band the whole difference is ``buyer_pays`` (larger area) or
    ``refund_single`` (smaller area).

    :ivar buyer_pays: the part within the band the buyer pays.
    :ivar buyer_pays_beyond: custom mode: the buyer's share of the part beyond +band.
    :ivar seller_bears: memo only: the part beyond +band the seller bears (no cash).
    :ivar refund_single: the refund within the band.
    :ivar refund_double: the refund beyond −band × the multiplier (double refund).
    :ivar rescission_right: the buyer may rescind (either basis beyond the band).
    """

    difference: Decimal
    band_limit: Decimal
    ratio_percent: Decimal
    within: bool
    buyer_pays: Decimal
    buyer_pays_beyond: Decimal
    seller_bears: Decimal
    refund_single: Decimal
    refund_double: Decimal
    net: Decimal
    adjusted_total: Decimal
    rescission_right: bool
    inner_ratio_percent: Decimal | None = None


def _band_parameters(
    mode: str,
    band: Number | None,
    over_band_buyer_share: Number | None,
    under_band_refund_multiplier: Number | None,
) -> tuple[Decimal, Decimal, Decimal]:
    custom = (band, over_band_buyer_share, under_band_refund_multiplier)
    if mode == MODEL_CONTRACT and all(value is None for value in custom):
        return (
            DEFAULT_BAND,
            DEFAULT_OVER_BAND_BUYER_SHARE,
            DEFAULT_UNDER_BAND_REFUND_MULTIPLIER,
        )
    if mode != CUSTOM:
        raise RealtyError(
            ERR_INVALID_INPUT,
            "mode {mode!r} takes no custom band parameters",
            mode=mode,
        )
    result = (
        to_decimal(DEFAULT_BAND if band is None else band, "band"),
        to_decimal(
            DEFAULT_OVER_BAND_BUYER_SHARE
            if over_band_buyer_share is None
            else over_band_buyer_share,
            "over_band_buyer_share",
        ),
        to_decimal(
            DEFAULT_UNDER_BAND_REFUND_MULTIPLIER
            if under_band_refund_multiplier is None
            else under_band_refund_multiplier,
            "under_band_refund_multiplier",
        ),
    )
    if not (ZERO < result[0] < ONE and ZERO <= result[1] <= ONE and result[2] >= ZERO):
        raise RealtyError(
            ERR_INVALID_INPUT,
            "invalid custom band parameters {values}",
            values=result,
        )
    return result


def _within(contract_area: Decimal, measured_area: Decimal, band: Decimal) -> bool:
    return abs(measured_area - contract_area) <= band * contract_area


@exact
def area_adjustment(
    contract_area: Number,
    measured_area: Number,
    unit_price: Number,
    contract_total: Number,
    *,
    inner_contract_area: Number | None = None,
    inner_measured_area: Number | None = None,
    mode: str = MODEL_CONTRACT,
    band: Number | None = None,
    over_band_buyer_share: Number | None = None,
    under_band_refund_multiplier: Number | None = None,
) -> AreaAdjustment:
    """Compute the area settlement (§7.3, V-26 … V-33).

    :param contract_area: A0 on the pricing basis; *measured_area* is A1.
    :param unit_price: the contract unit price P (``deal_unit``). For a separately
        priced decoration (§3.7) call again with the decoration unit price: the
        band decision is the same.
    :param inner_contract_area: with *inner_measured_area*, the inner areas B0/B1
        for building-area pricing (model contract Option 2): beyond the band on
        either basis gives the rescission right (V-31). Leave them out for
        inner-area pricing (Option 1).
    :param mode: ``model_contract`` (band 3 %, seller bears all beyond +3 %, double
        refund beyond −3 %) or ``custom`` with *band*, *over_band_buyer_share* and
        *under_band_refund_multiplier* (defaults 0.03 / 0 / 2).
    """
    a0 = positive_area(contract_area, "contract area")
    a1 = positive_area(measured_area, "measured area")
    price = to_decimal(unit_price, "unit price")
    band_ratio, buyer_share, multiplier = _band_parameters(
        mode, band, over_band_buyer_share, under_band_refund_multiplier
    )
    difference = a1 - a0
    limit = band_ratio * a0
    within = _within(a0, a1, band_ratio)
    buyer_pays = buyer_pays_beyond = seller_bears = ZERO
    refund_single = refund_double = ZERO
    if within and difference >= ZERO:
        buyer_pays = rnd(difference * price)
    elif within:
        refund_single = rnd(-difference * price)
    elif difference > ZERO:
        buyer_pays = rnd(limit * price)
        buyer_pays_beyond = rnd(buyer_share * (difference - limit) * price)
        seller_bears = rnd((ONE - buyer_share) * (difference - limit) * price)
    else:
        refund_single = rnd(limit * price)
        refund_double = rnd(multiplier * (-difference - limit) * price)
    net = buyer_pays + buyer_pays_beyond - refund_single - refund_double
    rescission_right = not within
    inner_ratio = None
    if (inner_contract_area is None) != (inner_measured_area is None):
        raise RealtyError(ERR_INVALID_INPUT, "give both inner areas or neither")
    if inner_contract_area is not None:
        b0 = positive_area(inner_contract_area, "inner contract area")
        b1 = positive_area(inner_measured_area, "inner measured area")
        rescission_right = rescission_right or not _within(b0, b1, band_ratio)
        inner_ratio = rnd((b1 - b0) * HUNDRED / b0)
    return AreaAdjustment(
        difference=difference,
        band_limit=limit,
        ratio_percent=rnd(difference * HUNDRED / a0),
        within=within,
        buyer_pays=buyer_pays,
        buyer_pays_beyond=buyer_pays_beyond,
        seller_bears=seller_bears,
        refund_single=refund_single,
        refund_double=refund_double,
        net=net,
        adjusted_total=to_decimal(contract_total, "contract total") + net,
        rescission_right=rescission_right,
        inner_ratio_percent=inner_ratio,
    )


@dataclass(frozen=True)
class RescissionRefund:
    """Refund on rescission (§7.3, V-34): paid money plus interest."""

    paid: Decimal
    interest: Decimal
    total: Decimal


@exact
def rescission_refund(
    payments: Iterable[tuple[date, Number]],
    refund_date: date,
    annual_rate: Number,
    *,
    day_basis: int = 365,
) -> RescissionRefund:
    """Refund all paid money with interest ``Σ amount_i × rate × days_i / basis``,
    ``days_i = refund_date − payment_date_i``, rounded once (§7.3, V-34).

    :param annual_rate: the contract rate (default in practice: the 1-year LPR on
        the rescission date).
    :param day_basis: ``refund.interest_day_basis`` (365).
    """
    rate = to_decimal(annual_rate, "annual rate")
    paid = weighted = ZERO
    for paid_on, value in payments:
        amount = to_decimal(value, "payment")
        days = (refund_date - paid_on).days
        if days < 0 or rate < ZERO:
            raise RealtyError(
                ERR_INVALID_INPUT,
                "payment of {day} after the refund date or bad rate",
                day=paid_on,
            )
        paid += amount
        weighted += amount * days
    interest = rnd(weighted * rate / Decimal(day_basis))
    return RescissionRefund(paid, interest, paid + interest)
