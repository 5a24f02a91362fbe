"""V-11 … V-18: loan split, rates, quotes and repayment schedules."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from realty_base.tools import (
    RealtyError,
    amount_to_capital,
    check_loan_amount,
    combined_loan_quote,
    commercial_rate,
    equal_principal_payment,
    loan_quote,
    minimum_down_payment_ratio,
    percent,
    provident_rate,
    repayment_quote,
    repayment_schedule,
    split_loan,
)

D = Decimal


def test_v11_commercial_split_at_minimum():
    split = split_loan(2345678, minimum_down_payment_ratio("commercial"))
    assert (split.loan, split.commercial, split.provident) == (
        D(1990000),
        D(1990000),
        0,
    )
    assert split.down_payment == D(355678)
    assert percent(split.down_payment_ratio) == D("15.16")
    assert amount_to_capital(split.loan) == "壹佰玖拾玖万元整"
    assert amount_to_capital(split.down_payment) == "叁拾伍万伍仟陆佰柒拾捌元整"


def test_v12_buyer_chooses_30_percent():
    split = split_loan(2345678, "0.15", down_ratio="0.30")
    assert split.loan == D(1640000)
    assert split.down_payment == D(705678)
    assert percent(split.down_payment_ratio) == D("30.08")


def test_v12_chosen_ratio_below_minimum_uses_minimum():
    assert split_loan(2345678, "0.15", down_ratio="0.10").loan == D(1990000)


def test_v13_combined_loan():
    minimum = minimum_down_payment_ratio("combined")
    assert minimum == D("0.20")
    split = split_loan(
        3000000,
        minimum,
        loan_type="combined",
        pf_city_cap=1200000,
        pf_account_balance=50000,
        pf_multiple=20,
    )
    assert split.loan_max == D(2400000)
    assert (split.provident, split.commercial, split.down_payment) == (
        D(1000000),
        D(1400000),
        D(600000),
    )


def test_v13_provident_only_and_pf_rounding():
    split = split_loan(
        3000000, "0.20", loan_type="provident", pf_account_balance=50001, pf_multiple=20
    )
    assert (split.provident, split.commercial, split.down_payment) == (
        D(1000000),
        0,
        D(2000000),
    )


@pytest.mark.parametrize(
    "tier, residential, loan_type, expected",
    [
        ("first", True, "commercial", "0.15"),
        ("second", True, "commercial", "0.15"),
        ("first", True, "provident", "0.20"),
        ("second", True, "combined", "0.20"),
        ("first", False, "commercial", "0.50"),
    ],
)
def test_v13_minimum_down_payment_ratios(tier, residential, loan_type, expected):
    ratio = minimum_down_payment_ratio(loan_type, tier, residential=residential)
    assert ratio == D(expected)


def test_v11_loan_exceeds_max():
    check_loan_amount(1993826.30, 2345678, "0.15")
    with pytest.raises(RealtyError) as info:
        check_loan_amount("1993826.31", 2345678, "0.15")
    assert info.value.code == "ERR_LOAN_EXCEEDS_MAX"


def test_v14_rates():
    assert commercial_rate(360, "0.0300", "0.0350", -45) == D("0.0305")
    assert commercial_rate(360, "0.0300", "0.0350", -5) == D("0.0345")
    assert commercial_rate(60, "0.0300", "0.0350", -45) == D("0.0255")
    assert provident_rate(360, "0.021", "0.026") == D("0.026")
    assert provident_rate(60, "0.021", "0.026") == D("0.021")


def test_v14_equal_installment_quote_and_schedule():
    quote = repayment_quote(1990000, "0.0305", 360)
    assert quote.monthly == D("8443.68")
    assert quote.total_interest == D("1049724.18")
    rows = repayment_schedule(1990000, "0.0305", 360)
    assert sum(row.interest for row in rows) == D("1049723.80")
    assert rows[-1].payment == D("8442.68")
    assert all(row.payment == D("8443.68") for row in rows[:-1])


def test_v15_equal_principal_quote():
    quote = repayment_quote(1990000, "0.0305", 360, "equal_principal")
    assert quote.first_payment == D("10585.69")
    assert equal_principal_payment(1990000, "0.0305", 360, 2) == D("10571.64")
    assert quote.decrement == D("14.05")
    assert quote.last_payment == D("5541.83")
    assert quote.total_interest == D("912953.96")


def test_v15_equal_principal_schedule():
    rows = repayment_schedule(1990000, "0.0305", 360, "equal_principal")
    assert rows[0].principal == D("5527.78") and rows[0].interest == D("5057.92")
    assert rows[0].payment == D("10585.70")
    assert rows[1].payment == D("10571.65")
    assert all(row.principal == D("5527.78") for row in rows[:-1])
    assert rows[-1].principal == D("5526.98")
    assert rows[-1].payment == D("5541.03")
    assert sum(row.interest for row in rows) == D("912953.61")


@pytest.mark.parametrize(
    "principal, rate, months, monthly, quote_interest, schedule_interest, last",
    [
        (1000000, "0.026", 360, "4003.40", "441222.96", "441222.35", "4001.75"),
        (1400000, "0.0305", 360, "5940.28", "738499.42", "738498.52", "5938.00"),
        (300000, "0.021", 60, "5271.46", "16287.76", "16287.74", "5271.60"),
        (1000000, "0.0305", 360, "4243.05", "527499.59", "527500.42", "4245.47"),
    ],
    ids=["v16-provident", "v16-commercial", "v17-provident-5y", "v18-reference"],
)
def test_v16_v17_v18_equal_installments(
    principal, rate, months, monthly, quote_interest, schedule_interest, last
):
    quote = repayment_quote(principal, rate, months)
    assert quote.monthly == D(monthly)
    assert quote.total_interest == D(quote_interest)
    rows = repayment_schedule(principal, rate, months)
    assert sum(row.interest for row in rows) == D(schedule_interest)
    assert rows[-1].payment == D(last)


def test_v16_combined_monthly():
    provident = repayment_quote(1000000, "0.026", 360).monthly
    commercial = repayment_quote(1400000, "0.0305", 360).monthly
    assert provident + commercial == D("9943.68")


def test_v14_v15_loan_quote_answers_both_methods():
    """One call gives V-14's 等额本息 and V-15's 等额本金 with their interest."""
    quote = loan_quote(1990000, "0.0305", 360)
    assert (quote.principal, quote.annual_rate, quote.months) == (
        D(1990000),
        D("0.0305"),
        360,
    )
    equal = quote.equal_installment
    assert (equal.monthly, equal.last_payment, equal.total_interest) == (
        D("8443.68"),
        D("8443.68"),
        D("1049724.18"),
    )
    declining = quote.by_method("equal_principal")
    assert (
        declining.first_payment,
        declining.decrement,
        declining.last_payment,
        declining.total_interest,
    ) == (D("10585.69"), D("14.05"), D("5541.83"), D("912953.96"))
    assert quote.by_method("equal_installment") is equal
    with pytest.raises(RealtyError):
        quote.by_method("balloon")


def test_v18_loan_quote_reference_values():
    quote = loan_quote(1000000, "0.0305", 360)
    equal = quote.equal_installment
    assert (equal.monthly, equal.total_interest) == (D("4243.05"), D("527499.59"))
    assert (
        quote.equal_principal.first_payment,
        quote.equal_principal.total_interest,
    ) == (D("5319.44"), D("458770.83"))


def test_v16_combined_loan_quote():
    """V-16: the V-13 split, commercial at 3.05 %, provident at 2.60 %, 30 years."""
    split = split_loan(
        3000000,
        "0.20",
        loan_type="combined",
        pf_city_cap=1200000,
        pf_account_balance=50000,
        pf_multiple=20,
    )
    quote = combined_loan_quote(
        split.commercial, "0.0305", split.provident, "0.026", 360
    )
    assert quote.commercial.equal_installment.monthly == D("5940.28")
    assert quote.commercial.equal_installment.total_interest == D("738499.42")
    assert quote.provident.equal_installment.monthly == D("4003.40")
    assert quote.provident.equal_installment.total_interest == D("441222.96")
    assert quote.monthly == D("9943.68")
    assert quote.principal == D(2400000)
    assert quote.equal_installment.total_interest == D("1179722.38")
    # 等额本金: each lender's figures, then their sums (V-15's formulas)
    commercial = quote.commercial.equal_principal
    provident = quote.provident.equal_principal
    combined = quote.by_method("equal_principal")
    assert combined.first_payment == commercial.first_payment + provident.first_payment
    assert combined.decrement == commercial.decrement + provident.decrement
    assert combined.last_payment == commercial.last_payment + provident.last_payment
    assert combined.total_interest == (
        commercial.total_interest + provident.total_interest
    )
    assert (provident.first_payment, provident.decrement, provident.last_payment) == (
        D("4944.44"),
        D("6.02"),
        D("2783.80"),
    )  # V-18 at 2.60 %: the provident part is 1,000,000


def test_v11_combined_quote_of_a_commercial_only_split():
    """A commercial-only split has no provident part; the sums are V-14's."""
    split = split_loan(2345678, "0.15")
    quote = combined_loan_quote(split.commercial, "0.0305", split.provident, 0, 360)
    assert quote.provident is None
    assert quote.monthly == D("8443.68")
    assert quote.equal_principal.first_payment == D("10585.69")
    assert quote.equal_principal.total_interest == D("912953.96")
    empty = combined_loan_quote(0, "0.0305", 0, "0.026", 360)
    assert (empty.monthly, empty.principal, empty.commercial) == (0, 0, None)
    with pytest.raises(RealtyError):
        combined_loan_quote(-1, "0.0305", 0, "0.026", 360)


def test_v11_split_carries_its_minimum():
    split = split_loan(2345678, "0.15", down_ratio="0.30")
    assert split.min_down_ratio == D("0.15")


@pytest.mark.parametrize(
    "rate, first, second, decrement, last, interest",
    [
        ("0.0305", "5319.44", "5312.38", "7.06", "2784.84", "458770.83"),
        ("0.026", "4944.44", None, "6.02", "2783.80", "391083.33"),
    ],
)
def test_v18_equal_principal_reference(rate, first, second, decrement, last, interest):
    quote = repayment_quote(1000000, rate, 360, "equal_principal")
    assert (quote.first_payment, quote.decrement, quote.last_payment) == (
        D(first),
        D(decrement),
        D(last),
    )
    assert quote.total_interest == D(interest)
    if second:
        assert equal_principal_payment(1000000, rate, 360, 2) == D(second)


def test_v18_zero_rate_and_bad_input():
    rows = repayment_schedule(10000, 0, 3)
    assert [row.principal for row in rows] == [D("3333.33"), D("3333.33"), D("3333.34")]
    with pytest.raises(RealtyError) as info:
        repayment_schedule(10000, "0.03", 0)
    assert info.value.code == "ERR_INVALID_INPUT"


@settings(max_examples=150)
@given(
    st.integers(1, 500).map(lambda v: D(v * 10000)),
    st.integers(0, 600).map(lambda bp: D(bp) / 10000),
    st.integers(1, 360),
    st.sampled_from(["equal_installment", "equal_principal"]),
)
def test_property_repayment_tables_close_exactly(principal, rate, months, method):
    rows = repayment_schedule(principal, rate, months, method)
    assert len(rows) == months
    assert sum(row.principal for row in rows) == principal
    assert rows[-1].balance == 0
    balance = principal
    for row in rows:
        assert row.payment == row.principal + row.interest
        assert row.principal >= 0 and row.interest >= 0
        assert row.interest == (balance * rate / 12).quantize(
            D("0.01"), "ROUND_HALF_UP"
        )
        balance -= row.principal
        assert row.balance == balance
