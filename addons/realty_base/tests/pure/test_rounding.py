"""§0.2 rounding: half_up/down/up on the magnitude, never banker's rounding."""

from decimal import Decimal, localcontext

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from realty_base.tools import RealtyError, rnd, to_decimal

UNITS = ["0.01", "0.1", "1", "10", "100", "1000", "10000"]


@pytest.mark.parametrize(
    "x, unit, mode, expected",
    [
        ("-31204.0575", "0.01", "half_up", "-31204.06"),
        ("2.5", "1", "half_up", "3"),
        ("-2.5", "1", "half_up", "-3"),
        ("0.125", "0.01", "half_up", "0.13"),
        ("1993826.30", "10000", "down", "1990000"),
        ("1287993.73819", "100", "down", "1287900"),
        ("-15.01", "10", "up", "-20"),
        ("-0.004", "0.01", "half_up", "0.00"),
    ],
)
def test_rnd_examples(x, unit, mode, expected):
    result = rnd(Decimal(x), unit, mode)
    assert result == Decimal(expected)
    assert str(result) == expected


def test_rnd_ignores_the_callers_context():
    with localcontext() as context:
        context.prec = 5
        context.rounding = "ROUND_HALF_EVEN"
        assert rnd(Decimal("123456789.125")) == Decimal("123456789.13")


def test_to_decimal_goes_through_str():
    assert to_decimal(0.1) == Decimal("0.1")
    assert to_decimal(1.005) == Decimal("1.005")
    assert rnd(1.005) == Decimal("1.01")
    for bad in (True, "abc", float("nan"), None):
        with pytest.raises(RealtyError) as info:
            to_decimal(bad)
        assert info.value.code == "ERR_INVALID_INPUT"


@pytest.mark.parametrize("unit, mode", [("0.05", "half_up"), ("1", "half_even")])
def test_rnd_rejects_other_units_and_modes(unit, mode):
    with pytest.raises(RealtyError) as info:
        rnd(1, unit, mode)
    assert info.value.code == "ERR_INVALID_INPUT"


@settings(max_examples=1500)
@given(st.integers(0, 10**12), st.sampled_from(UNITS), st.booleans())
def test_property_half_always_away_from_zero(whole, unit, negative):
    step = Decimal(unit)
    half = (whole + Decimal("0.5")) * step
    sign = -1 if negative else 1
    assert rnd(sign * half, unit) == sign * (whole + 1) * step


@settings(max_examples=1500)
@given(
    st.integers(-(10**15), 10**15),
    st.sampled_from(UNITS),
    st.integers(0, 2),
)
def test_property_modes_against_integer_arithmetic(thousandths, unit, scale):
    # x = thousandths / 10**(3 + scale): at most 5 decimals.
    x = Decimal(thousandths).scaleb(-3 - scale)
    step = Decimal(unit)
    magnitude_units, rest = divmod(abs(x), step)
    sign = -1 if x < 0 else 1
    down = sign * magnitude_units * step
    up = sign * (magnitude_units + (1 if rest else 0)) * step
    half = up if rest * 2 >= step else down
    assert rnd(x, unit, "down") == down
    assert rnd(x, unit, "up") == up
    assert rnd(x, unit, "half_up") == half
