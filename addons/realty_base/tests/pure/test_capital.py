"""V-35: amounts in capital numerals, canonical form, and a round-trip property."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from realty_base.tools import RealtyError, amount_to_capital

V35 = [
    ("0.00", "零元整"),
    ("0.05", "伍分"),
    ("0.50", "伍角"),
    ("1.01", "壹元零壹分"),
    ("1.10", "壹元壹角"),
    ("10.00", "壹拾元整"),
    ("10.05", "壹拾元零伍分"),
    ("10.50", "壹拾元零伍角"),
    ("110.00", "壹佰壹拾元整"),
    ("1010.00", "壹仟零壹拾元整"),
    ("1409.50", "壹仟肆佰零玖元伍角"),
    ("6007.14", "陆仟零柒元壹角肆分"),
    ("1680.32", "壹仟陆佰捌拾元零叁角贰分"),
    ("10005.00", "壹万零伍元整"),
    ("16409.02", "壹万陆仟肆佰零玖元零贰分"),
    ("325.04", "叁佰贰拾伍元零肆分"),
    ("100000.00", "壹拾万元整"),
    ("107000.53", "壹拾万柒仟元零伍角叁分"),
    ("1000100.00", "壹佰万零壹佰元整"),
    ("1000000.10", "壹佰万元零壹角"),
    ("1234567.89", "壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分"),
    ("1287994.00", "壹佰贰拾捌万柒仟玖佰玖拾肆元整"),
    ("10008000.00", "壹仟万捌仟元整"),
    ("20000000.01", "贰仟万元零壹分"),
    ("100000001.00", "壹亿零壹元整"),
    ("100010000.00", "壹亿零壹万元整"),
    ("100008000.00", "壹亿零捌仟元整"),
    ("305000050.00", "叁亿零伍佰万零伍拾元整"),
    ("999999999999.99", "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
    ("-1500.50", "负壹仟伍佰元零伍角"),
    ("12.345", "壹拾贰元叁角伍分"),
]


@pytest.mark.parametrize("amount, expected", V35, ids=[a for a, _ in V35])
def test_v35_capital_numerals(amount, expected):
    assert amount_to_capital(Decimal(amount)) == expected


@pytest.mark.parametrize(
    "amount", ["1000000000000.00", "-1000000000000.00", "999999999999.995"]
)
def test_v35_amount_range(amount):
    with pytest.raises(RealtyError) as info:
        amount_to_capital(Decimal(amount))
    assert info.value.code == "ERR_AMOUNT_RANGE"


@pytest.mark.parametrize(
    "alternative", ["壹仟陆佰捌拾元叁角贰分", "壹拾万零柒仟元伍角叁分", "壹佰万元壹角"]
)
def test_v35_alternative_forms_not_produced(alternative):
    produced = {
        amount_to_capital(Decimal(a)) for a in ("1680.32", "107000.53", "1000000.10")
    }
    assert alternative not in produced


def test_v35_float_and_int_inputs():
    assert amount_to_capital(1409.5) == "壹仟肆佰零玖元伍角"
    assert amount_to_capital(10) == "壹拾元整"
    assert amount_to_capital("-0.001") == "零元整"


DIGITS = {c: i for i, c in enumerate("零壹贰叁肆伍陆柒捌玖")}
PLACES = {"拾": 10, "佰": 100, "仟": 1000}
ALLOWED = set("零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整负")


def parse_capital(text: str) -> Decimal:
    """An independent reader of capital numerals, for the round trip."""
    sign = -1 if text.startswith("负") else 1
    text = text.removeprefix("负").removesuffix("整")
    integer_part, _, fraction = text.rpartition("元")
    total = section = 0
    digit = None
    for char in integer_part:
        if char in DIGITS:
            digit = DIGITS[char]
        elif char in PLACES:
            section += digit * PLACES[char]
            digit = None
        else:  # 万 or 亿 closes a section
            section += digit or 0
            total += section * (10_000 if char == "万" else 100_000_000)
            section, digit = 0, None
    total += section + (digit or 0)
    cents = total * 100
    digit = None
    for char in fraction:
        if char in DIGITS:
            digit = DIGITS[char]
        elif char == "角":
            cents += digit * 10
        elif char == "分":
            cents += digit
    return sign * Decimal(cents) / 100


def test_v35_parser_reads_the_table():
    for amount, text in V35[:-1]:
        assert parse_capital(text) == Decimal(amount)


@settings(max_examples=2500)
@given(
    st.one_of(
        st.integers(0, 99_999_999_999_999),
        st.integers(0, 9_999).map(lambda n: n * 10**8),
        st.integers(0, 9_999_999).map(lambda n: n * 10_000 + n % 10),
    ),
    st.booleans(),
)
def test_property_capital_round_trip(cents, negative):
    amount = Decimal(-cents if negative else cents) / 100
    text = amount_to_capital(amount)
    assert set(text) <= ALLOWED
    assert "零零" not in text
    assert not text.startswith("零") or cents == 0
    assert not text.startswith("负零")
    assert text.endswith(("整", "角", "分"))
    assert parse_capital(text) == amount
