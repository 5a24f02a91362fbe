"""V-06 … V-09: the discount chain, points modes, round-off, ratios and approval."""

import random
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from realty_base.tools import (
    DiscountLine,
    RealtyError,
    apply_discounts,
    percent,
    required_approval,
)

LIST_TOTAL = Decimal(1411808)
AREA = Decimal("89.57")


def v06_lines(extra=()):
    return [
        DiscountLine("total_amount", Decimal(5000)),
        DiscountLine("points", Decimal(1)),
        DiscountLine("percent", Decimal("0.98"), standard=True),
        DiscountLine("payment_method", Decimal("0.95"), standard=True),
        DiscountLine("unit_amount", Decimal(100)),
        *extra,
    ]


def test_v06_running_mode_chain():
    result = apply_discounts(LIST_TOTAL, v06_lines(), AREA)
    assert [step.price_after for step in result.steps] == [
        Decimal("1402851.00"),
        Decimal("1332708.45"),
        Decimal("1306054.281"),
        Decimal("1292993.73819"),
        Decimal("1287993.73819"),
    ]
    assert result.deal_total == Decimal(1287994)
    assert result.discount_amount == Decimal(123814)


def test_v07_list_points_mode():
    result = apply_discounts(LIST_TOTAL, v06_lines(), AREA, points_mode="list")
    assert result.steps[3].price_after == Decimal("1291936.201")
    assert result.deal_total == Decimal(1286936)
    assert percent(result.overall_ratio) == Decimal("91.16")


def test_v07_notation_98_then_1_point():
    lines = [DiscountLine("percent", "0.98"), DiscountLine("points", "1")]
    running = apply_discounts(100000, lines, 100)
    listed = apply_discounts(100000, lines, 100, points_mode="list")
    assert running.unrounded_total == Decimal(97020)
    assert listed.unrounded_total == Decimal(97000)


def test_v08_round_off_is_final():
    result = apply_discounts(
        LIST_TOTAL, v06_lines([DiscountLine("round_off", Decimal(100))]), AREA
    )
    assert result.steps[-2].price_after == Decimal("1287993.73819")
    assert result.deal_total == Decimal(1287900)


def test_v09_ratios_and_manager_approval():
    result = apply_discounts(LIST_TOTAL, v06_lines(), AREA)
    assert percent(result.overall_ratio) == Decimal("91.23")
    assert result.standard_only_total == Decimal("1314393.248")
    assert percent(result.discretionary_ratio) == Decimal("97.99")
    assert result.discretionary_amount == Decimal("26399.248")
    assert required_approval(result) == "sales_manager"


def test_v09_counter_case_marketing_director():
    extra = [DiscountLine("total_amount", Decimal(20000), sequence=20)]
    result = apply_discounts(LIST_TOTAL, v06_lines(extra), AREA)
    assert result.deal_total == Decimal(1267994)
    assert percent(result.discretionary_ratio) == Decimal("96.47")
    assert required_approval(result) == "marketing_director"


def test_v09_standard_lines_only_need_no_approval():
    lines = [DiscountLine("payment_method", "0.95", standard=True)]
    assert required_approval(apply_discounts(LIST_TOTAL, lines, AREA)) is None


def test_v09_beyond_ladder_goes_to_group():
    result = apply_discounts(LIST_TOTAL, [DiscountLine("percent", "0.80")], AREA)
    assert required_approval(result) == "group_approval"


def test_v09_fixed_price_goes_to_top_level():
    result = apply_discounts(LIST_TOTAL, [DiscountLine("fixed_price", "1400000")], AREA)
    assert result.deal_total == Decimal(1400000)
    assert required_approval(result) == "project_gm"


def test_v09_ratio_boundary_is_exact():
    # 97.00 % exactly is covered by the manager; one yuan less is not.
    exact = apply_discounts(100000, [DiscountLine("total_amount", "3000")], 100)
    below = apply_discounts(100000, [DiscountLine("total_amount", "3001")], 100)
    assert required_approval(exact) == "sales_manager"
    assert required_approval(below) == "marketing_director"


def test_v06_custom_category_sequence():
    lines = [DiscountLine("total_amount", "1000"), DiscountLine("percent", "0.90")]
    sequence = [
        "total_amount",
        "unit_amount",
        "payment_method",
        "percent",
        "points",
        "round_off",
    ]
    result = apply_discounts(100000, lines, 100, category_sequence=sequence)
    assert result.deal_total == Decimal(89100)


@pytest.mark.parametrize(
    "line",
    [
        ("percent", "1.01"),
        ("percent", "0"),
        ("points", "-1"),
        ("round_off", "5"),
        ("total_amount", "-1"),
        ("bonus", "1"),
    ],
)
def test_v06_invalid_lines(line):
    with pytest.raises(RealtyError) as info:
        DiscountLine(*line)
    assert info.value.code == "ERR_INVALID_INPUT"


def test_v06_discounts_beyond_price_refused():
    with pytest.raises(RealtyError) as info:
        apply_discounts(1000, [DiscountLine("total_amount", "1001")], 10)
    assert info.value.code == "ERR_INVALID_INPUT"


def _line_strategy(list_total: int, area: int):
    cents = st.integers
    return st.one_of(
        st.builds(
            DiscountLine,
            st.just("unit_amount"),
            cents(0, list_total // area // 10).map(Decimal),
            st.booleans(),
        ),
        st.builds(
            DiscountLine,
            st.sampled_from(["payment_method", "percent"]),
            cents(8000, 10000).map(lambda v: Decimal(v) / 10000),
            st.booleans(),
        ),
        st.builds(
            DiscountLine,
            st.just("points"),
            cents(0, 500).map(lambda v: Decimal(v) / 100),
            st.booleans(),
        ),
        st.builds(
            DiscountLine,
            st.just("total_amount"),
            cents(0, list_total // 20).map(Decimal),
            st.booleans(),
        ),
        st.builds(
            DiscountLine,
            st.just("round_off"),
            st.sampled_from([10, 100, 1000]).map(Decimal),
        ),
    )


@st.composite
def chains(draw):
    list_total = draw(st.integers(100_000, 50_000_000))
    area = draw(st.integers(20, 300))
    lines = draw(st.lists(_line_strategy(list_total, area), max_size=7))
    return list_total, area, lines


@settings(max_examples=300)
@given(chains(), st.sampled_from(["running", "list"]), st.sampled_from(["1", "0.01"]))
def test_property_discounts_never_raise_the_price(chain, points_mode, precision):
    list_total, area, lines = chain
    result = apply_discounts(
        list_total, lines, area, points_mode=points_mode, total_precision=precision
    )
    assert Decimal(0) <= result.deal_total <= Decimal(list_total)
    assert result.standard_only_total <= Decimal(list_total)
    shuffled = list(lines)
    random.Random(len(lines)).shuffle(shuffled)
    again = apply_discounts(
        list_total, shuffled, area, points_mode=points_mode, total_precision=precision
    )
    assert again.deal_total == result.deal_total
