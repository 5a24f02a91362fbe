"""V-39 (installments, month ends), V-40 (conversions and receipt numbers);
schedule properties."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from realty_base.tools import (
    DueRule,
    PlanLine,
    RealtyError,
    add_months,
    amount_to_capital,
    build_schedule,
    format_receipt_number,
    parse_receipt_number,
    split_deposit,
    split_loan,
)

D = Decimal
INST3 = (
    PlanLine("installment", "percent", DueRule("on_contract"), 30, credit_deposit=True),
    PlanLine("installment", "percent", DueRule("months_after_contract", 3), 30),
    PlanLine(
        "balance",
        "remainder",
        (DueRule("months_after_contract", 6), DueRule("before_delivery", 30)),
    ),
)


def test_v39_inst3_schedule():
    lines = build_schedule(
        1287994,
        INST3,
        contract_date=date(2025, 1, 31),
        delivery_date=date(2025, 9, 30),
        credit=50000,
    )
    assert [line.amount for line in lines] == [D(386398), D(386398), D(515198)]
    assert [line.payable for line in lines] == [D(336398), D(386398), D(515198)]
    assert lines[0].credited == D(50000)
    assert [line.due_date for line in lines] == [
        date(2025, 1, 31),
        date(2025, 4, 30),
        date(2025, 7, 31),
    ]
    assert sum(line.amount for line in lines) == D("1287994.00")


def test_v39_earlier_of_two_rules_picks_delivery():
    lines = build_schedule(
        1287994, INST3, contract_date=date(2025, 1, 31), delivery_date=date(2025, 8, 15)
    )
    assert lines[2].due_date == date(2025, 7, 16)


@pytest.mark.parametrize(
    "start, months, expected",
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 1, 31), 3, date(2025, 4, 30)),
        (date(2025, 1, 31), 6, date(2025, 7, 31)),
        (date(2025, 11, 30), 3, date(2026, 2, 28)),
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
    ],
)
def test_v39_month_arithmetic(start, months, expected):
    assert add_months(start, months) == expected


def test_v39_due_rules():
    contract = date(2025, 1, 31)
    assert DueRule("days_after_contract", 7).due_date(contract) == date(2025, 2, 7)
    assert DueRule("on_loan_disbursement", 60).due_date(contract) == date(2025, 4, 1)
    assert DueRule("on_subscription").due_date(contract, date(2025, 1, 20)) == date(
        2025, 1, 20
    )
    assert DueRule("on_subscription").due_date(contract) == contract
    assert DueRule("fixed_date", on=date(2025, 5, 1)).due_date(contract) == date(
        2025, 5, 1
    )
    with pytest.raises(RealtyError) as info:
        DueRule("before_delivery", 30).due_date(contract)
    assert info.value.code == "ERR_SCHEDULE_TEMPLATE"


def test_v39_working_day_shift():
    def next_weekday(day):
        return day + timedelta(days=(7 - day.weekday()) % 7 if day.weekday() > 4 else 0)

    plan = [
        PlanLine("balance", "remainder", DueRule("fixed_date", on=date(2025, 5, 31)))
    ]
    kept = build_schedule(100, plan, contract_date=date(2025, 1, 31))
    shifted = build_schedule(
        100, plan, contract_date=date(2025, 1, 31), next_working_day=next_weekday
    )
    assert kept[0].due_date == date(2025, 5, 31)  # a Saturday
    assert shifted[0].due_date == date(2025, 6, 2)


def test_v40_conversions_and_receipt_numbers():
    split = split_loan(2345678, "0.15")
    deposit = split_deposit(D("50000.00"), 2345678)
    assert deposit.cap == D("469135.60") and deposit.prepayment == 0
    plan = [
        PlanLine(
            "down_payment", "remainder", DueRule("on_contract"), credit_deposit=True
        ),
        PlanLine(
            "commercial_loan", "fixed", DueRule("on_loan_disbursement", 60), split.loan
        ),
    ]
    contract = date(2025, 3, 1)
    lines = build_schedule(
        2345678, plan, contract_date=contract, credit=deposit.deposit
    )
    assert lines[0].amount == D(355678)
    assert lines[0].payable == D("305678.00")
    assert amount_to_capital(lines[0].payable) == "叁拾万伍仟陆佰柒拾捌元整"
    assert (lines[1].amount, lines[1].due_date) == (D("1990000.00"), date(2025, 4, 30))
    issued = [format_receipt_number("SJ", 2025, seq) for seq in range(123, 128)]
    assert issued == [
        "SJ2025000123",
        "SJ2025000124",
        "SJ2025000125",
        "SJ2025000126",
        "SJ2025000127",
    ]
    sequences = [parse_receipt_number(number).sequence for number in issued]
    assert sequences == list(range(sequences[0], sequences[0] + 5))


@pytest.mark.parametrize(
    "plan",
    [
        [
            PlanLine("a", "percent", DueRule("on_contract"), 60),
            PlanLine("b", "percent", DueRule("on_contract"), 30),
        ],
        [
            PlanLine("a", "remainder", DueRule("on_contract")),
            PlanLine("b", "remainder", DueRule("on_contract")),
        ],
        [
            PlanLine("a", "percent", DueRule("on_contract"), 70),
            PlanLine("b", "percent", DueRule("on_contract"), 40),
            PlanLine("c", "remainder", DueRule("on_contract")),
        ],
    ],
    ids=["percent-not-100", "two-remainders", "over-100"],
)
def test_v39_invalid_templates(plan):
    with pytest.raises(RealtyError) as info:
        build_schedule(1000000, plan, contract_date=date(2025, 1, 1))
    assert info.value.code == "ERR_SCHEDULE_TEMPLATE"


def test_v40_credit_larger_than_flagged_lines():
    with pytest.raises(RealtyError) as info:
        build_schedule(
            1000,
            INST3,
            contract_date=date(2025, 1, 1),
            delivery_date=date(2026, 1, 1),
            credit=301,
        )
    assert info.value.code == "ERR_INVALID_INPUT"


def half_up(value: Decimal, unit: str) -> Decimal:
    return value.quantize(D(unit), "ROUND_HALF_UP")


@st.composite
def plans(draw):
    """Percent lines (in hundredths of a percent, at least 1 %) totalling < 100 %,
    then a remainder line, or, half the time, a last percent line making 100 %."""
    count = draw(st.integers(1, 5))
    basis_points = []
    left = 9_900
    for _ in range(count):
        value = draw(
            st.integers(100, min(6_000, left - 100 * (count - len(basis_points))))
        )
        basis_points.append(value)
        left -= value
    close_with_percent = draw(st.booleans())
    lines = [
        PlanLine(
            "installment", "percent", DueRule("months_after_contract", i), D(bp) / 100
        )
        for i, bp in enumerate(basis_points)
    ]
    rule = DueRule("months_after_contract", count)
    if close_with_percent:
        lines.append(
            PlanLine("balance", "percent", rule, D(10_000 - sum(basis_points)) / 100)
        )
    else:
        lines.append(PlanLine("balance", "remainder", rule))
    return lines


@settings(max_examples=800)
@given(
    plans(),
    st.one_of(
        st.integers(10_000, 100_000_000).map(D),
        st.integers(1_000_000, 10_000_000_000).map(lambda c: D(c) / 100),
    ),
    st.dates(date(2000, 1, 1), date(2090, 12, 31)),
)
def test_property_installments_sum_exactly(plan, total, contract):
    lines = build_schedule(total, plan, contract_date=contract)
    assert sum(line.amount for line in lines) == total
    for line, template in zip(lines[:-1], plan[:-1], strict=True):
        assert line.amount == half_up(total * template.value / 100, "1")
    assert lines[-1].amount == total - sum(line.amount for line in lines[:-1])
    assert all(line.amount >= 0 and line.payable == line.amount for line in lines)
    for months, line in enumerate(lines):
        assert (line.due_date.year * 12 + line.due_date.month) - (
            contract.year * 12 + contract.month
        ) == months
        assert line.due_date.day == contract.day or line.due_date.day < contract.day
