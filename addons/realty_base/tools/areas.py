"""Area identities and display ratios (§1.3).

Areas come from the survey report with two decimals and are never recomputed; these
functions only validate them and derive display values.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from .errors import ERR_AREA_SUM, ERR_INVALID_INPUT, RealtyError
from .rounding import CENT, HUNDRED, Number, exact, rnd, to_decimal

RATIO_UNIT = Decimal("0.0001")


def positive_area(value: Number, name: str = "area") -> Decimal:
    """Return *value* as a Decimal area, refusing zero and negative areas."""
    area = to_decimal(value, name)
    if area <= 0:
        raise RealtyError(
            ERR_INVALID_INPUT,
            "{name} must be positive, not {value}",
            name=name,
            value=area,
        )
    return area


@exact
def check_area_sum(
    building: Number,
    inner: Number,
    shared: Number,
    tolerance: Number = CENT,
) -> Decimal:
    """Check ``|building − (inner + shared)| ≤ tolerance`` (§1.3, V-02).

    :param tolerance: ``inventory.area_sum_tolerance`` (default 0.01 m²).
    :returns: the absolute difference.
    :raises RealtyError: ``ERR_AREA_SUM`` beyond the tolerance (release blocked).
    """
    building_area = positive_area(building, "building area")
    difference = abs(
        building_area - (to_decimal(inner, "inner area") + to_decimal(shared, "shared"))
    )
    if difference > to_decimal(tolerance, "tolerance"):
        raise RealtyError(
            ERR_AREA_SUM,
            "building area {building} differs from inner + shared by {difference}",
            building=building_area,
            difference=difference,
        )
    return difference


@exact
def efficiency_percent(inner: Number, building: Number, unit: Number = CENT) -> Decimal:
    """得房率 = inner / building as a display percentage (§1.3): 80.75 for V-02."""
    return rnd(
        to_decimal(inner, "inner area") * HUNDRED / positive_area(building), unit
    )


@exact
def shared_ratio(shared: Number, inner: Number, unit: Number = RATIO_UNIT) -> Decimal:
    """Room-level shared ratio = shared / inner, for display (§1.3): 0.2384 (V-02)."""
    return rnd(to_decimal(shared, "shared area") / positive_area(inner, "inner"), unit)


@exact
def apportionment_coefficient(
    shared_areas: Iterable[Number],
    inner_areas: Iterable[Number],
    unit: Number = RATIO_UNIT,
) -> Decimal:
    """分摊系数 K = Σ shared / Σ inner of the participating units (§1.3).

    Informational only: the survey report is the authority.
    """
    total_shared = sum((to_decimal(a, "shared area") for a in shared_areas), Decimal(0))
    total_inner = sum((to_decimal(a, "inner area") for a in inner_areas), Decimal(0))
    return rnd(total_shared / positive_area(total_inner, "total inner area"), unit)
