"""The settlement of a room with its fees recomputed (§7.3, §7.6): V-33 exactly, the
totals of V-26 … V-32, the other basis and the manual adjustment."""

from decimal import Decimal

import pytest
from realty_base.tools import RealtyError, area_adjustment, area_settlement

D = Decimal
A0, B0, P, TP = D("89.57"), D("72.33"), D("14379.75"), D("1287994")


def settle(a1, b1="72.33", **kwargs):
    return area_settlement(
        A0, a1, P, TP, other_contract_area=B0, other_measured_area=b1, **kwargs
    )


def test_v33_deed_tax_band_and_maintenance_fund():
    result = area_settlement(
        "139.20",
        "141.30",
        "20000.00",
        "2784000",
        other_contract_area="112.00",
        other_measured_area="113.70",
        home_tier="first",
        maintenance_rate_per_m2="100.00",
        registration_fee="80.00",
    )
    adjustment = result.adjustment
    assert adjustment.within and adjustment.ratio_percent == D("1.51")
    assert adjustment.band_limit == D("4.176")
    assert (result.amount, result.adjusted_total) == (D("42000.00"), D("2826000.00"))
    assert (result.vat_before, result.vat_after) == (D("229871.56"), D("233339.45"))
    assert (result.deed_tax_rate_before, result.deed_tax_rate_after) == (
        D("0.01"),
        D("0.015"),
    )
    assert (result.deed_tax_before, result.deed_tax_after) == (
        D("25541.28"),
        D("38889.91"),
    )
    assert result.deed_tax_difference == D("13348.63")
    assert (result.maintenance_fund_before, result.maintenance_fund_after) == (
        D("13920.00"),
        D("14130.00"),
    )
    assert result.maintenance_fund_difference == D("210.00")
    assert result.registration_fee == D("80.00")
    assert result.fees_difference == D("13558.63")
    assert result.total_difference == D("55558.63")


def test_v33_collected_amounts_are_the_before():
    """What was collected at the contract is the "before" (here a deed tax
    collected at 1.5 % by mistake): the difference is against it."""
    result = area_settlement(
        "139.20",
        "141.30",
        "20000",
        "2784000",
        other_contract_area="112.00",
        other_measured_area="113.70",
        deed_tax_collected="38311.93",
        maintenance_fund_collected="13920",
    )
    assert result.deed_tax_before == D("38311.93")
    assert result.deed_tax_difference == D("577.98")
    assert result.maintenance_fund_difference == D("210.00")


@pytest.mark.parametrize(
    ("a1", "amount", "total"),
    [
        ("91.20", "23438.99", "1311432.99"),  # V-26
        ("87.40", "-31204.06", "1256789.94"),  # V-27
        ("93.60", "38639.83", "1326633.83"),  # V-28
        ("85.10", "-89915.14", "1198078.86"),  # V-29
    ],
)
def test_v26_to_v29_totals(a1, amount, total):
    result = settle(a1)
    assert (result.amount, result.adjusted_total) == (D(amount), D(total))
    assert result.adjustment == area_adjustment(
        A0, a1, P, TP, inner_contract_area=B0, inner_measured_area="72.33"
    )
    assert result.measured_building_area == D(a1)


@pytest.mark.parametrize(
    ("a1", "net", "within"),
    [
        ("103.00", "30000.00", True),
        ("103.01", "30000.00", False),
        ("97.00", "-30000.00", True),
        ("96.99", "-30200.00", False),
    ],
)
def test_v30_boundaries(a1, net, within):
    result = area_settlement(
        "100.00",
        a1,
        "10000.00",
        "1000000",
        other_contract_area="80.00",
        other_measured_area="80.00",
    )
    assert result.adjustment.within is within
    assert result.adjustment.rescission_right is not within
    assert result.amount == D(net)


def test_v31_inner_beyond_gives_the_rescission_right():
    result = settle("90.50", "74.60")
    assert result.adjustment.within and result.adjustment.rescission_right
    assert result.adjustment.inner_ratio_percent == D("3.14")
    assert result.amount == D("13373.17")


def test_v32_inner_basis_fees_on_building_areas():
    """Option 1: the formula on the inner areas, the fees on the building areas,
    the inner error alone gives the rescission right."""
    result = area_settlement(
        "72.33",
        "71.10",
        "17807.19",
        TP,
        other_contract_area="89.57",
        other_measured_area="80.00",  # −10.7 %: no rescission on Option 1
        basis="inner",
    )
    assert result.amount == D("-21902.84")
    assert result.adjustment.ratio_percent == D("-1.70")
    assert not result.adjustment.rescission_right
    assert result.adjustment.inner_ratio_percent is None
    assert (result.contract_building_area, result.measured_building_area) == (
        D("89.57"),
        D("80.00"),
    )
    assert result.maintenance_fund_after == D("8000.00")


def test_manual_adjustment_moves_the_total_and_the_fees():
    plain, manual = settle("91.20"), settle("91.20", manual_adjustment="-438.99")
    assert manual.amount == D("23000.00")
    assert manual.adjusted_total == plain.adjusted_total - D("438.99")
    assert manual.vat_after < plain.vat_after
    assert manual.adjustment == plain.adjustment


def test_percent_fund_follows_the_adjusted_total():
    result = settle("91.20", maintenance_mode="percent_of_price")
    assert result.maintenance_fund_before == D("25759.88")
    assert result.maintenance_fund_after == D("26228.66")


def test_refused_inputs():
    for kwargs in ({"basis": "unit"}, {"manual_adjustment": "-2000000"}):
        with pytest.raises(RealtyError) as caught:
            settle("91.20", **kwargs)
        assert caught.value.code == "ERR_INVALID_INPUT"
    with pytest.raises(RealtyError):
        settle("91.20", "0")
