"""V-44 (reproducible draw) and the §9.3/§10.1 number formats."""

import pytest
from realty_base.tools import (
    RealtyError,
    draw_key,
    format_queue_number,
    format_receipt_number,
    input_list_hash,
    parse_queue_number,
    parse_receipt_number,
    run_draw,
)

SEED = "20250601-7F3A"
V44 = [
    ("RC0003", "1993b2ea1318ac33"),
    ("RC0001", "676a8436b0c15b94"),
    ("RC0005", "7332e52d11eb12ae"),
    ("RC0004", "91c17d1995ff3172"),
    ("RC0002", "dd4f15d7de97f3d2"),
    ("RC0006", "de62f1b743454736"),
]


def test_v44_draw_order_and_keys():
    result = run_draw(SEED, [f"RC{n:04d}" for n in range(1, 7)])
    assert [(reg, key[:16]) for reg, key in result.order] == V44
    assert result.seed == SEED


def test_v44_full_key():
    assert draw_key(SEED, "RC0003") == (
        "1993b2ea1318ac3349c8b4d1012b21b76c7be7fd9f420a71cfa8d66b8e5e70bc"
    )


def test_v44_input_order_does_not_matter():
    forward = run_draw(SEED, [f"RC{n:04d}" for n in range(1, 7)])
    backward = run_draw(SEED, [f"RC{n:04d}" for n in range(6, 0, -1)])
    assert forward == backward
    assert input_list_hash(["b", "a"]) == input_list_hash(["a", "b"])
    assert input_list_hash(["a", "b"]) != input_list_hash(["a", "c"])


def test_v44_duplicates_refused():
    with pytest.raises(RealtyError) as info:
        run_draw(SEED, ["RC0001", "RC0001"])
    assert info.value.code == "ERR_INVALID_INPUT"


def test_v40_receipt_number_format():
    assert format_receipt_number("SJ", 2025, 123) == "SJ2025000123"
    number = parse_receipt_number("SJ2025000123")
    assert (number.prefix, number.year, number.sequence) == ("SJ", 2025, 123)
    assert str(number) == "SJ2025000123"


@pytest.mark.parametrize(
    "parts", [("SJ", 2025, 0), ("SJ", 2025, 1_000_000), ("sj", 2025, 1), ("SJ", 25, 1)]
)
def test_v40_receipt_number_bad_parts(parts):
    with pytest.raises(RealtyError) as info:
        format_receipt_number(*parts)
    assert info.value.code == "ERR_NUMBER_FORMAT"


@pytest.mark.parametrize("text", ["SJ2025000000", "2025000123", "SJ202500012", "SJ-1"])
def test_v40_receipt_number_bad_text(text):
    with pytest.raises(RealtyError) as info:
        parse_receipt_number(text)
    assert info.value.code == "ERR_NUMBER_FORMAT"


def test_queue_numbers_sort_by_category_then_number():
    assert format_queue_number("A", 1) == "A0001"
    assert format_queue_number("B", 12) == "B0012"
    numbers = [parse_queue_number(t) for t in ["B0001", "A0010", "A0002"]]
    assert [str(n) for n in sorted(numbers)] == ["A0002", "A0010", "B0001"]
    for bad in ("A0000", "A12345", "1234"):
        with pytest.raises(RealtyError) as info:
            parse_queue_number(bad)
        assert info.value.code == "ERR_NUMBER_FORMAT"
    with pytest.raises(RealtyError):
        format_queue_number("A", 10_000)
