"""§9.7 dunning ladder: steps, the letter to send, and a letter's amounts (V-41)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from realty_base.tools import (
    DEFAULT_DUNNING_STEPS,
    DemandAmounts,
    DunningStep,
    RealtyError,
    demand_amounts,
    due_steps,
    dunning_date,
    dunning_steps,
    format_dunning_steps,
    late_penalty,
    parse_dunning_steps,
)

D = Decimal
DUE = date(2025, 3, 10)
KINDS = ["reminder", "overdue_notice", "demand", "second_demand", "termination"]


def day(offset: int) -> date:
    return DUE + timedelta(days=offset)


def refused(call, *args, **kwargs) -> RealtyError:
    with pytest.raises(RealtyError) as info:
        call(*args, **kwargs)
    assert info.value.code == "ERR_INVALID_INPUT"
    return info.value


# Steps ---------------------------------------------------------------------------


def test_default_ladder_is_section_11():
    assert [(s.offset_days, s.kind) for s in DEFAULT_DUNNING_STEPS] == [
        (-3, "reminder"),
        (1, "overdue_notice"),
        (15, "demand"),
        (30, "second_demand"),
        (90, "termination"),
    ]
    assert dunning_steps() == DEFAULT_DUNNING_STEPS
    assert format_dunning_steps(DEFAULT_DUNNING_STEPS) == "D-3,D+1,D+15,D+30,D+90"
    assert [str(step) for step in DEFAULT_DUNNING_STEPS][:2] == ["D-3", "D+1"]


def test_terminate_after_days_sets_the_last_step():
    assert dunning_steps(60)[-1] == DunningStep(60, "termination")
    assert dunning_steps(31)[-1].offset_days == 31
    refused(dunning_steps, 30)  # not after the second demand
    refused(dunning_steps, 15)


@pytest.mark.parametrize(
    "text",
    [
        "D-3,D+1,D+15,D+30,D+90",
        "D−3, D+1, D+15, D+30, D+90",  # §11 as printed (U+2212, spaces)
        "d-3，d+1；D + 15、D+30 ,D+90",
        " D－3,D＋1,D+15,D+30,D+090 ",
    ],
)
def test_parse_default_forms(text):
    assert parse_dunning_steps(text) == DEFAULT_DUNNING_STEPS


@pytest.mark.parametrize(
    "text, kinds",
    [
        ("D+1", ["overdue_notice"]),
        ("D+1,D+15", ["overdue_notice", "demand"]),
        ("D+1,D+15,D+60", ["overdue_notice", "demand", "termination"]),
        ("D+1,D+15,D+30,D+60", KINDS[1:]),
        ("D-7,D+1", ["reminder", "overdue_notice"]),
        ("D+0,D+1", ["reminder", "overdue_notice"]),  # on the due date: a reminder
        ("D-0,D+5,D+20", ["reminder", "overdue_notice", "demand"]),
        ("D-3,D+1,D+15,D+30,D+90", KINDS),
    ],
)
def test_parse_assigns_kinds_by_position(text, kinds):
    assert [step.kind for step in parse_dunning_steps(text)] == kinds


def test_parse_round_trips():
    for text in ("D-3,D+1,D+15,D+30,D+90", "D+0,D+2", "D+1,D+10,D+20,D+3650"):
        assert format_dunning_steps(parse_dunning_steps(text)) == text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "D+",
        "D3",
        "X+3",
        "D+1,,D+15",
        "D+1;",
        "D+1.5",
        "D+15,D+1",  # decreasing
        "D+1,D+1",  # not strictly increasing
        "D-3,D-3,D+1",
        "D-7,D-3,D+1",  # two reminders: a kind is sent once
        "D-3",  # nothing after the due date
        "D+1,D+15,D+30,D+60,D+90",  # five steps after it
        "D+12345",
        "D+3651",
    ],
)
def test_parse_refuses(text):
    error = refused(parse_dunning_steps, text)
    assert "text" in error.params


def test_parse_none_refused():
    refused(parse_dunning_steps, None)


@pytest.mark.parametrize(
    "offset, kind",
    [(1, "letter"), (True, "reminder"), ("1", "demand"), (3651, "demand")],
)
def test_step_refuses_bad_values(offset, kind):
    refused(DunningStep, offset, kind)


def test_step_at_the_offset_limit():
    assert DunningStep(-3650, "reminder").offset_days == -3650
    assert str(DunningStep(3650, "termination")) == "D+3650"
    assert str(DunningStep(0, "reminder")) == "D+0"


def test_ladders_must_increase_in_kind_order():
    refused(format_dunning_steps, ())
    refused(format_dunning_steps, (DunningStep(1, "demand"), DunningStep(15, "demand")))
    refused(
        format_dunning_steps,
        (DunningStep(1, "demand"), DunningStep(15, "overdue_notice")),
    )
    refused(
        format_dunning_steps,
        (DunningStep(15, "overdue_notice"), DunningStep(15, "demand")),
    )
    custom = (DunningStep(1, "overdue_notice"), DunningStep(45, "termination"))
    assert format_dunning_steps(custom) == "D+1,D+45"


def test_dunning_dates_are_calendar_days():
    dates = [dunning_date(DUE, step) for step in DEFAULT_DUNNING_STEPS]
    assert dates == [
        date(2025, 3, 7),
        date(2025, 3, 11),
        date(2025, 3, 25),
        date(2025, 4, 9),
        date(2025, 6, 8),
    ]
    assert dunning_date(date(2024, 2, 28), DunningStep(1, "overdue_notice")) == date(
        2024, 2, 29
    )


# The letter to send --------------------------------------------------------------


@pytest.mark.parametrize(
    "offset, kind",
    [
        (-4, None),
        (-3, "reminder"),
        (0, "reminder"),  # due today is not overdue yet
        (1, "overdue_notice"),
        (14, "overdue_notice"),
        (15, "demand"),
        (29, "demand"),
        (30, "second_demand"),
        (89, "second_demand"),
        (90, "termination"),
        (400, "termination"),
    ],
)
def test_due_step_on_each_side_of_each_rung(offset, kind):
    steps = due_steps(DUE, day(offset), D("305678.00"))
    assert [step.kind for step in steps] == ([kind] if kind else [])


def test_only_the_latest_unsent_step_is_sent():
    # Nothing was sent (the line was in transit, then the transfer bounced):
    # on D+20 the demand goes out, not the reminder and the notice as well.
    assert due_steps(DUE, day(20), 100) == [DunningStep(15, "demand")]
    assert due_steps(DUE, day(20), 100, sent_kinds=["reminder"]) == [
        DunningStep(15, "demand")
    ]


def test_sent_steps_are_not_sent_again():
    assert due_steps(DUE, day(0), 100, sent_kinds=["reminder"]) == []
    assert due_steps(DUE, day(1), 100, sent_kinds=["reminder"]) == [
        DunningStep(1, "overdue_notice")
    ]
    assert due_steps(DUE, day(29), 100, sent_kinds={"overdue_notice", "demand"}) == []
    assert due_steps(DUE, day(30), 100, sent_kinds=("demand",)) == [
        DunningStep(30, "second_demand")
    ]
    assert due_steps(DUE, day(200), 100, sent_kinds=["termination"]) == []


def test_a_stronger_letter_sent_early_silences_the_weaker_ones():
    # A demand written by hand on D+10: the D+1 notice would be a step back.
    assert due_steps(DUE, day(10), 100, sent_kinds=["demand"]) == []
    assert due_steps(DUE, day(15), 100, sent_kinds=["demand"]) == []
    assert due_steps(DUE, day(30), 100, sent_kinds=["demand"])[0].kind == (
        "second_demand"
    )


@pytest.mark.parametrize(
    "outstanding, in_transit, sent",
    [
        ("100.00", "0", True),
        ("0.01", "0", True),
        ("0.00", "0", False),
        ("-50.00", "0", False),  # overpaid
        ("100.00", "100.00", False),  # in transit counts as paid
        ("100.00", "99.99", True),
        ("100.00", "150.00", False),
    ],
)
def test_paid_lines_are_suppressed(outstanding, in_transit, sent):
    steps = due_steps(DUE, day(15), D(outstanding), in_transit=D(in_transit))
    assert steps == ([DunningStep(15, "demand")] if sent else [])


def test_due_steps_refuses_bad_input():
    refused(due_steps, DUE, day(15), 100, in_transit=-1)
    refused(due_steps, DUE, day(15), 100, sent_kinds=["letter"])
    refused(due_steps, DUE, day(15), "abc")
    refused(due_steps, DUE, day(15), 100, steps=())


def test_due_steps_follows_a_configured_ladder():
    ladder = parse_dunning_steps("D+1,D+10")
    assert due_steps(DUE, day(9), 100, steps=ladder) == [ladder[0]]
    assert due_steps(DUE, day(10), 100, steps=ladder) == [ladder[1]]
    assert due_steps(DUE, day(90), 100, steps=ladder) == [ladder[1]]
    short = dunning_steps(45)
    assert due_steps(DUE, day(45), 100, steps=short)[0].kind == "termination"
    assert due_steps(DUE, day(44), 100, steps=short)[0].kind == "second_demand"


@given(
    st.integers(-10, 120),
    st.sets(st.sampled_from(KINDS)),
    st.integers(31, 120),
)
def test_due_steps_properties(offset, sent, terminate_after):
    ladder = dunning_steps(terminate_after)
    steps = due_steps(DUE, day(offset), 1, sent_kinds=sent, steps=ladder)
    reached = [s for s in ladder if dunning_date(DUE, s) <= day(offset)]
    assert len(steps) <= 1
    if steps:
        (step,) = steps
        assert step == reached[-1]  # the latest reached, never an earlier one
        assert all(KINDS.index(kind) < KINDS.index(step.kind) for kind in sent)
    else:
        assert not reached or any(
            KINDS.index(kind) >= KINDS.index(reached[-1].kind) for kind in sent
        )
    assert (
        due_steps(DUE, day(offset), 1, sent_kinds=sent, steps=ladder, in_transit=1)
        == []
    )


# A letter's amounts --------------------------------------------------------------


def test_v41_demand_unpaid():
    amounts = demand_amounts("305678.00", DUE, [], date(2025, 3, 30))
    assert amounts == DemandAmounts(D("305678.00"), D("3056.78"), 20)


def test_v41_demand_after_a_partial_payment():
    # 305,678 × 0.0005 × 10 + 105,678 × 0.0005 × 5 = 1,792.585 → 1,792.59
    payments = [(date(2025, 3, 20), "200000.00")]
    amounts = demand_amounts("305678.00", DUE, payments, date(2025, 3, 25))
    assert amounts == DemandAmounts(D("105678.00"), D("1792.59"), 15)
    later = [*payments, (date(2025, 3, 30), "105678.00")]
    assert demand_amounts("305678.00", DUE, later, date(2025, 3, 25)) == amounts
    paid = demand_amounts("305678.00", DUE, later, date(2025, 3, 30))
    assert paid == DemandAmounts(D("0.00"), D("2056.78"), 20)


def test_demand_before_and_on_the_due_date():
    assert demand_amounts(1000, DUE, [], day(-3)) == DemandAmounts(
        D("1000.00"), D("0.00"), -3
    )
    assert demand_amounts(1000, DUE, [], DUE) == DemandAmounts(
        D("1000.00"), D("0.00"), 0
    )
    assert demand_amounts(1000, DUE, [], day(1)).penalty == D("0.50")


def test_demand_amounts_rate_and_overpayment():
    amounts = demand_amounts(
        "305678.00", DUE, [], date(2025, 3, 30), daily_rate=D("0.0001")
    )
    assert amounts.penalty == D("611.36")  # 305,678 × 0.0001 × 20 = 611.356
    overpaid = demand_amounts(1000, DUE, [(DUE, 1200)], day(5))
    assert (overpaid.outstanding, overpaid.penalty) == (D("0.00"), D("0.00"))


def test_demand_amounts_refuses_bad_input():
    refused(demand_amounts, -1, DUE, [], day(5))
    refused(demand_amounts, 1000, DUE, [(DUE, "abc")], day(5))


@given(
    st.integers(1, 10**8).map(lambda cents: D(cents) / 100),
    st.lists(
        st.tuples(st.integers(-5, 60), st.integers(1, 10**7).map(lambda c: D(c) / 100)),
        max_size=4,
    ),
    st.integers(-5, 60),
)
def test_demand_penalty_is_late_penalty(amount, paid, as_of_offset):
    payments = [(day(offset), value) for offset, value in paid]
    as_of = day(as_of_offset)
    amounts = demand_amounts(amount, DUE, payments, as_of)
    assert amounts.penalty == late_penalty(amount, DUE, payments, as_of=as_of)
    paid_so_far = sum((v for d, v in payments if d <= as_of), D(0))
    assert amounts.outstanding == max(amount - paid_so_far, D(0))
    assert amounts.days_overdue == as_of_offset
