"""V-19 … V-25 (deed tax, VAT, stamp duty, registration, maintenance) and V-43 (POS)."""

from decimal import Decimal

import pytest
from realty_base.tools import (
    CollectionFees,
    RealtyError,
    amount_to_capital,
    deed_tax,
    deed_tax_rate,
    maintenance_fund,
    maintenance_fund_rate,
    pos_fee,
    registration_fee,
    stamp_duty,
    vat_breakdown,
)

D = Decimal


def test_v19_deed_tax_first_home_no_land_deduction():
    vat = vat_breakdown(1500000)
    assert vat.vat == D("123853.21")
    tax = deed_tax(1500000, "89.57", "first", vat.vat)
    assert (tax.base, tax.rate, tax.tax) == (D("1376146.79"), D("0.01"), D("13761.47"))
    assert amount_to_capital(tax.tax) == "壹万叁仟柒佰陆拾壹元肆角柒分"


def test_v19_incl_vat_variant():
    tax = deed_tax(1500000, "89.57", "first", D("123853.21"), base_mode="incl_vat")
    assert tax.tax == D("15000.00")


def test_v20_land_price_deduction():
    vat = vat_breakdown(1500000, building_area="89.57", land_cost_per_m2="5000.00")
    assert vat.land_deduction == D("447850.00")
    assert vat.vat == D("86874.77")
    assert vat.amount_excl_vat == D("1413125.23")
    assert vat.amount_excl_vat + vat.vat == D("1500000.00")
    assert deed_tax(1500000, "89.57", "first", vat.vat).tax == D("14131.25")


def test_v21_second_home_above_140_with_land_deduction():
    vat = vat_breakdown(4860000, building_area="143.20", land_cost_per_m2="8000.00")
    assert vat.vat == D("306693.58")
    tax = deed_tax(4860000, "143.20", "second", vat.vat)
    assert (tax.base, tax.rate, tax.tax) == (D("4553306.42"), D("0.02"), D("91066.13"))


@pytest.mark.parametrize(
    "area, rate, expected",
    [("140.00", "0.01", "25688.07"), ("140.01", "0.015", "38532.11")],
)
def test_v22_140_boundary_inclusive(area, rate, expected):
    vat = vat_breakdown(2800000)
    assert vat.vat == D("231192.66")
    tax = deed_tax(2800000, area, "first", vat.vat)
    assert tax.base == D("2568807.34")
    assert (tax.rate, tax.tax) == (D(rate), D(expected))


@pytest.mark.parametrize("area", ["95.00", "200.00"])
def test_v23_third_home_statutory_rate(area):
    vat = vat_breakdown(2000000)
    assert vat.vat == D("165137.61")
    tax = deed_tax(2000000, area, "third_plus", vat.vat)
    assert (tax.base, tax.rate, tax.tax) == (D("1834862.39"), D("0.03"), D("55045.87"))


def test_v24_shop_bought_by_individual():
    vat = vat_breakdown(1200000)
    assert vat.vat == D("99082.57")
    tax = deed_tax(1200000, "60.00", "first", vat.vat, residential=False)
    assert (tax.base, tax.tax) == (D("1100917.43"), D("33027.52"))
    assert stamp_duty(1200000, residential=False, individual_buyer=True) == D("600.00")
    assert registration_fee("non_residential") == D("550.00")


def test_v24_housing_stamp_duty_exempt_and_company_buyer():
    assert stamp_duty(1200000, residential=True, individual_buyer=True) == D("0.00")
    assert stamp_duty(1200000, residential=True, individual_buyer=False) == D("600.00")
    tax = deed_tax(1200000, "60.00", "first", 0, individual_buyer=False)
    assert tax.rate == D("0.03")


def test_use_right_sales_pay_no_deed_tax():
    """§1.2: a use-right sale (人防车位) transfers no title; no deed tax, whatever
    the tier, area or buyer."""
    vat = vat_breakdown(200000)
    for tier in ("first", "second", "third_plus"):
        tax = deed_tax(
            200000,
            "12.50",
            tier,
            vat.vat,
            residential=False,
            property_right="use_right",
        )
        assert (tax.base, tax.rate, tax.tax, tax.taxable) == (0, 0, D("0.00"), False)
    full = deed_tax(200000, "12.50", "first", vat.vat, residential=False)
    assert (full.rate, full.tax, full.taxable) == (D("0.03"), D("5504.59"), True)
    assert deed_tax_rate("first", "12.50", property_right="use_right") == 0
    with pytest.raises(RealtyError):
        deed_tax(200000, "12.50", "first", vat.vat, property_right="lease")
    with pytest.raises(RealtyError):
        deed_tax(200000, "12.50", "first", 0, base_mode="x", property_right="use_right")


def test_v19_v25_collection_fees_total():
    """V-19 deed tax, V-25 maintenance fund and registration (3 certificates), no
    stamp duty for housing: the fees the buyer pays add up to 22,818.47."""
    vat = vat_breakdown(1500000)
    fees = CollectionFees(
        vat=vat,
        deed_tax=deed_tax(1500000, "89.57", "first", vat.vat),
        stamp_duty=stamp_duty(1500000, residential=True, individual_buyer=True),
        registration_fee=registration_fee("residential", 3),
        maintenance_fund=maintenance_fund(building_area="89.57"),
        others=(("抵押登记", D("80.00")), ("代办", D("500.00"))),
    )
    assert fees.others_total == D("580.00")
    assert fees.total == D("13761.47") + D("8957.00") + D("100.00") + D("580.00")
    assert fees.total == D("23398.47")
    assert CollectionFees(vat, fees.deed_tax, 0, 0, 0).others_total == D("0.00")


def test_v25_maintenance_fund_both_modes():
    assert maintenance_fund(building_area="89.57") == D("8957.00")
    assert maintenance_fund(mode="percent_of_price", deal_total=1500000) == D(
        "30000.00"
    )
    rate = maintenance_fund_rate(
        False, elevator_residential=120, non_elevator_residential=80
    )
    assert rate == D(80)


def test_v25_registration_fees():
    assert registration_fee("residential", certificates=3) == D("100.00")
    assert registration_fee("parking_storage") == D("80.00")
    with pytest.raises(RealtyError) as info:
        registration_fee("residential", certificates=0)
    assert info.value.code == "ERR_INVALID_INPUT"


def test_v25_maintenance_fund_missing_input():
    with pytest.raises(RealtyError) as info:
        maintenance_fund(mode="percent_of_price")
    assert info.value.code == "ERR_INVALID_INPUT"


@pytest.mark.parametrize(
    "gross, fee, net",
    [
        ("3000.00", "15.00", "2985.00"),
        ("5000.00", "25.00", "4975.00"),
        ("50000.00", "25.00", "49975.00"),
    ],
)
def test_v43_debit_pos_fee(gross, fee, net):
    result = pos_fee(gross, "debit")
    assert (result.gross, result.fee, result.net) == (D(gross), D(fee), D(net))


def test_v43_credit_card_refused_for_price_item():
    with pytest.raises(RealtyError) as info:
        pos_fee("50000.00", "credit")
    assert info.value.code == "ERR_CREDIT_CARD_NOT_ALLOWED"


def test_v43_credit_card_for_collection_fee_has_no_cap():
    result = pos_fee("50000.00", "credit", price_item=False)
    assert (result.fee, result.net) == (D("300.00"), D("49700.00"))
