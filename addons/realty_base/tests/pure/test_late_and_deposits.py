"""V-41 (late penalty), V-42 (aging) and V-47 (定金 outcomes and cap)."""

from datetime import date
from decimal import Decimal

import pytest
from realty_base.tools import (
    RealtyError,
    aging_bucket,
    days_overdue,
    deposit_outcome,
    late_penalty,
    split_deposit,
)

D = Decimal
DUE = date(2025, 3, 10)


def test_v41_paid_in_full_late():
    assert days_overdue(DUE, date(2025, 3, 30)) == 20
    assert late_penalty("305678.00", DUE, [(date(2025, 3, 30), "305678.00")]) == D(
        "3056.78"
    )


def test_v41_partial_payments():
    payments = [(date(2025, 3, 30), "105678.00"), (date(2025, 3, 20), "200000.00")]
    assert late_penalty("305678.00", DUE, payments) == D("2056.78")


def test_v41_paid_on_due_date():
    assert late_penalty("305678.00", DUE, [(DUE, "305678.00")]) == D("0.00")


def test_v41_unpaid_rest_counted_to_as_of():
    payments = [(date(2025, 3, 20), "200000.00"), (date(2025, 4, 30), "105678.00")]
    # As of 03-30 the later payment is ignored: same as V-41's second case.
    assert late_penalty("305678.00", DUE, payments, as_of=date(2025, 3, 30)) == D(
        "2056.78"
    )
    assert late_penalty("305678.00", DUE, as_of=date(2025, 3, 30)) == D("3056.78")


def test_v41_unpaid_without_as_of_refused():
    with pytest.raises(RealtyError) as info:
        late_penalty("305678.00", DUE, [(date(2025, 3, 20), "200000.00")])
    assert info.value.code == "ERR_INVALID_INPUT"


V42 = [
    (date(2025, 7, 5), "not_due"),
    (date(2025, 6, 30), "due_today"),
    (date(2025, 6, 15), "1-30"),
    (date(2025, 5, 1), "31-60"),
    (date(2025, 4, 1), "61-90"),
    (date(2025, 3, 31), "91-180"),
    (date(2024, 12, 31), "181-365"),
    (date(2024, 6, 30), "181-365"),
    (date(2024, 6, 29), ">365"),
]


@pytest.mark.parametrize("due, bucket", V42, ids=[str(due) for due, _ in V42])
def test_v42_aging_buckets(due, bucket):
    assert aging_bucket(due, date(2025, 6, 30)) == bucket


def test_v42_configured_buckets():
    assert aging_bucket(date(2025, 5, 1), date(2025, 6, 30), (0, 90)) == "1-90"
    assert aging_bucket(date(2025, 3, 1), date(2025, 6, 30), (0, 90)) == ">90"
    with pytest.raises(RealtyError) as info:
        aging_bucket(DUE, DUE, (30, 60))
    assert info.value.code == "ERR_INVALID_INPUT"


@pytest.mark.parametrize(
    "reason, refund, income, expense",
    [
        ("buyer_fault", "0.00", "50000.00", "0"),
        ("seller_fault", "100000.00", "0", "50000.00"),
        ("no_fault", "50000.00", "0", "0"),
    ],
)
def test_v47_deposit_outcomes(reason, refund, income, expense):
    outcome = deposit_outcome(D("50000.00"), reason)
    assert (outcome.refund, outcome.seller_income, outcome.penalty_expense) == (
        D(refund),
        D(income),
        D(expense),
    )


def test_v47_negotiated_outcome():
    outcome = deposit_outcome(D("50000.00"), "negotiated", D("30000.00"))
    assert (outcome.refund, outcome.seller_income) == (D("30000.00"), D("20000.00"))
    with pytest.raises(RealtyError) as info:
        deposit_outcome(D("50000.00"), "negotiated")
    assert info.value.code == "ERR_INVALID_INPUT"


def test_v47_deposit_cap():
    assert split_deposit(D("469135.60"), 2345678).deposit == D("469135.60")
    with pytest.raises(RealtyError) as info:
        split_deposit(D("500000.00"), 2345678)
    assert info.value.code == "ERR_DEPOSIT_CAP"
    assert info.value.params["cap"] == D("469135.60")


def test_v47_excess_booked_as_prepayment():
    split = split_deposit(D("500000.00"), 2345678, allow_prepayment=True)
    assert (split.deposit, split.prepayment) == (D("469135.60"), D("30864.40"))
