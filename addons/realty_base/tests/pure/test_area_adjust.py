"""V-26 … V-34: area adjustment, the Option 2 rescission check, deed-tax and fund
effects, and the rescission refund; properties of the ±3 % boundaries."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from realty_base.tools import (
    RealtyError,
    area_adjustment,
    deed_tax,
    maintenance_fund,
    rescission_refund,
    vat_breakdown,
)

D = Decimal
A0, P, TP = D("89.57"), D("14379.75"), D("1287994")


def test_v26_within_band_larger():
    result = area_adjustment(A0, "91.20", P, TP)
    assert result.within and not result.rescission_right
    assert result.ratio_percent == D("1.82")
    assert result.band_limit == D("2.6871")
    assert (result.buyer_pays, result.net) == (D("23438.99"), D("23438.99"))
    assert result.adjusted_total == D("1311432.99")


def test_v27_within_band_smaller():
    result = area_adjustment(A0, "87.40", P, TP)
    assert (result.net, result.ratio_percent) == (D("-31204.06"), D("-2.42"))
    assert result.refund_single == D("31204.06")
    assert result.adjusted_total == D("1256789.94")


def test_v28_beyond_plus_3_percent():
    result = area_adjustment(A0, "93.60", P, TP)
    assert result.ratio_percent == D("4.50")
    assert result.buyer_pays == D("38639.83")
    assert result.seller_bears == D("19310.57")
    assert result.difference - result.band_limit == D("1.3429")
    assert (result.net, result.adjusted_total) == (D("38639.83"), D("1326633.83"))
    assert result.rescission_right


def test_v29_beyond_minus_3_percent_double_refund():
    result = area_adjustment(A0, "85.10", P, TP)
    assert result.ratio_percent == D("-4.99")
    assert (result.refund_single, result.refund_double) == (
        D("38639.83"),
        D("51275.31"),
    )
    assert result.net == D("-89915.14")
    assert result.adjusted_total == D("1198078.86")


@pytest.mark.parametrize(
    "a1, ratio, within, pays, bears, refund, net",
    [
        ("103.00", "3.00", True, "30000.00", "0", "0", "30000.00"),
        ("103.01", "3.01", False, "30000.00", "100.00", "0", "30000.00"),
        ("97.00", "-3.00", True, "0", "0", "30000.00", "-30000.00"),
        ("96.99", "-3.01", False, "0", "0", "30200.00", "-30200.00"),
    ],
)
def test_v30_exact_boundaries(a1, ratio, within, pays, bears, refund, net):
    result = area_adjustment("100.00", a1, "10000.00", 1000000)
    assert result.ratio_percent == D(ratio) and result.within is within
    assert result.buyer_pays == D(pays) and result.seller_bears == D(bears)
    assert result.refund_single + result.refund_double == D(refund)
    assert result.net == D(net)


def test_v31_inner_area_beyond_gives_rescission_right():
    result = area_adjustment(
        A0, "90.50", P, TP, inner_contract_area="72.33", inner_measured_area="74.60"
    )
    assert result.within and result.ratio_percent == D("1.04")
    assert result.inner_ratio_percent == D("3.14")
    assert result.rescission_right
    assert result.net == D("13373.17")


def test_v31_without_inner_areas_no_right():
    assert not area_adjustment(A0, "90.50", P, TP).rescission_right


def test_v32_inner_area_pricing():
    result = area_adjustment("72.33", "71.10", "17807.19", TP)
    assert result.within and result.band_limit == D("2.1699")
    assert (result.ratio_percent, result.net) == (D("-1.70"), D("-21902.84"))


def test_v33_deed_tax_band_and_maintenance_fund_move():
    result = area_adjustment("139.20", "141.30", "20000.00", 2784000)
    assert result.within and result.ratio_percent == D("1.51")
    assert (result.net, result.adjusted_total) == (D("42000.00"), D("2826000.00"))
    before_vat = vat_breakdown(2784000)
    before = deed_tax(2784000, "139.20", "first", before_vat.vat)
    after_vat = vat_breakdown(result.adjusted_total)
    after = deed_tax(result.adjusted_total, "141.30", "first", after_vat.vat)
    assert (before_vat.vat, before.base, before.tax) == (
        D("229871.56"),
        D("2554128.44"),
        D("25541.28"),
    )
    assert (after_vat.vat, after.base, after.tax) == (
        D("233339.45"),
        D("2592660.55"),
        D("38889.91"),
    )
    assert after.tax - before.tax == D("13348.63")
    fund_before = maintenance_fund(building_area="139.20")
    fund_after = maintenance_fund(building_area="141.30")
    assert (fund_before, fund_after) == (D("13920.00"), D("14130.00"))
    assert fund_after - fund_before == D("210.00")


def test_v34_rescission_refund_with_interest():
    refund = rescission_refund(
        [(date(2025, 1, 10), "500000.00")], date(2025, 7, 8), "0.03"
    )
    assert (refund.paid, refund.interest, refund.total) == (
        D("500000.00"),
        D("7356.16"),
        D("507356.16"),
    )


def test_v34_several_payments_rounded_once():
    payments = [(date(2025, 1, 1), 100), (date(2025, 1, 2), 100)]
    refund = rescission_refund(payments, date(2025, 1, 3), "0.0365")
    # 100 × 0.0365 × (2 + 1) / 365 = 0.03 exactly (per line 0.02 + 0.01).
    assert refund.interest == D("0.03")


def test_v30_custom_mode_parameters():
    result = area_adjustment(
        "100.00",
        "105.00",
        "10000.00",
        1000000,
        mode="custom",
        band="0.02",
        over_band_buyer_share="0.5",
        under_band_refund_multiplier=3,
    )
    assert (result.buyer_pays, result.buyer_pays_beyond) == (
        D("20000.00"),
        D("15000.00"),
    )
    assert result.seller_bears == D("15000.00")
    assert result.net == D("35000.00")
    refund = area_adjustment(
        "100.00",
        "96.00",
        "10000.00",
        1000000,
        mode="custom",
        band="0.02",
        under_band_refund_multiplier=3,
    )
    assert (refund.refund_single, refund.refund_double) == (
        D("20000.00"),
        D("60000.00"),
    )


def test_v30_model_contract_takes_no_custom_parameters():
    with pytest.raises(RealtyError) as info:
        area_adjustment("100.00", "105.00", "10000.00", 1000000, band="0.05")
    assert info.value.code == "ERR_INVALID_INPUT"


prices = st.integers(100_000, 10_000_000).map(lambda cents: D(cents) / 100)


@settings(max_examples=400)
@given(st.integers(10, 500).map(lambda v: D(v)), prices, st.sampled_from([1, -1]))
def test_property_net_continuous_at_band_boundary(a0_whole, price, sign):
    # A0 with a band limit on the 0.01 grid: 3 % of a whole number of m².
    limit = D("0.03") * a0_whole
    at_band = area_adjustment(a0_whole, a0_whole + sign * limit, price, 0)
    beyond = area_adjustment(a0_whole, a0_whole + sign * (limit + D("0.01")), price, 0)
    assert at_band.within and not beyond.within
    in_band_part = (limit * price).quantize(D("0.01"), "ROUND_HALF_UP")
    assert at_band.net == sign * in_band_part
    if sign > 0:
        assert beyond.buyer_pays == at_band.buyer_pays
        assert beyond.net == at_band.net
        assert beyond.seller_bears == (D("0.01") * price).quantize(
            D("0.01"), "ROUND_HALF_UP"
        )
    else:
        assert beyond.refund_single == at_band.refund_single
        double = (2 * D("0.01") * price).quantize(D("0.01"), "ROUND_HALF_UP")
        assert beyond.net - at_band.net == -double


@settings(max_examples=400)
@given(
    st.integers(3000, 30000).map(lambda cents: D(cents) / 100),
    prices,
    st.integers(1, 500).map(lambda cents: D(cents) / 100),
)
def test_property_beyond_band_components_change_only_by_excess(a0, price, excess):
    limit = D("0.03") * a0
    inside_up = (limit * 100).to_integral_value("ROUND_FLOOR") / 100
    outside_up = inside_up + D("0.01") + excess
    inside = area_adjustment(a0, a0 + inside_up, price, 0)
    larger = area_adjustment(a0, a0 + outside_up, price, 0)
    smaller = area_adjustment(a0, a0 - outside_up, price, 0)
    assert inside.within and not larger.within and not smaller.within
    within_part = (limit * price).quantize(D("0.01"), "ROUND_HALF_UP")
    # Just inside the band the net approaches the band part from below.
    assert (
        D(0)
        <= within_part - inside.net
        <= ((limit - inside_up) * price).quantize(D("0.01"), "ROUND_UP") + D("0.01")
    )
    assert larger.net == larger.buyer_pays == within_part
    assert smaller.refund_single == within_part
    beyond = (outside_up - limit) * price
    assert larger.seller_bears == beyond.quantize(D("0.01"), "ROUND_HALF_UP")
    assert smaller.refund_double == (2 * beyond).quantize(D("0.01"), "ROUND_HALF_UP")
