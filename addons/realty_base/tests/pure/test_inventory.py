"""V-01 (floors, room codes) and V-02 (area identities)."""

from decimal import Decimal

import pytest
from realty_base.tools import (
    RealtyError,
    apportionment_coefficient,
    check_area_sum,
    check_floor_label,
    efficiency_percent,
    nominal_floor_label,
    nominal_floor_labels,
    parse_room_code,
    room_code,
    shared_ratio,
)

TABOO = {4, 13, 14, 18}
V01_LABELS = [1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 15, 16, 17, 19, 20, 21, 22, 23, 24]


def test_v01_nominal_labels_of_20_floors():
    labels = nominal_floor_labels(20, TABOO)
    assert labels == {p: str(n) for p, n in enumerate(V01_LABELS, start=1)}


@pytest.mark.parametrize(
    "physical, label", [(4, "5"), (12, "15"), (15, "19"), (20, "24"), (-1, "B1")]
)
def test_v01_nominal_label(physical, label):
    assert nominal_floor_label(physical, TABOO) == label


def test_v01_top_floor_label_is_24():
    assert nominal_floor_labels(20, TABOO)[20] == "24"


def test_v01_room_code_physical_12():
    assert room_code(1, 2, nominal_floor_label(12, TABOO), 1) == "1-2-1501"


def test_v01_room_code_without_skip_set():
    assert room_code(1, 2, nominal_floor_label(12), 1) == "1-2-1201"


def test_v01_basement_room_code():
    labels = nominal_floor_labels(3, TABOO, floors_below=2)
    assert labels[-2] == "B2" and labels[-1] == "B1" and 0 not in labels
    assert room_code(1, 1, labels[-1], 1) == "1-1-B101"


def test_v01_skipped_floor_code_refused():
    with pytest.raises(RealtyError) as info:
        parse_room_code("1-2-1401", TABOO)
    assert info.value.code == "ERR_SKIPPED_FLOOR"


def test_v01_room_code_with_skipped_label_refused():
    with pytest.raises(RealtyError) as info:
        room_code(1, 2, "13", 1, skip_floor_numbers=TABOO)
    assert info.value.code == "ERR_SKIPPED_FLOOR"


def test_v01_parse_valid_codes():
    parsed = parse_room_code("1-2-1501", TABOO)
    assert (parsed.building, parsed.unit, parsed.floor_label, parsed.position) == (
        "1",
        "2",
        "15",
        1,
    )
    assert parse_room_code("1-1-B101", TABOO).floor_label == "B1"
    check_floor_label("B4", TABOO)


@pytest.mark.parametrize("code", ["1-2", "1-2-1", "x"])
def test_v01_malformed_code(code):
    with pytest.raises(RealtyError) as info:
        parse_room_code(code)
    assert info.value.code == "ERR_INVALID_INPUT"


def test_v01_no_floor_zero():
    with pytest.raises(RealtyError) as info:
        nominal_floor_label(0)
    assert info.value.code == "ERR_INVALID_INPUT"


def test_v02_area_sum_valid():
    assert check_area_sum("89.57", "72.33", "17.24") == Decimal("0.00")


def test_v02_area_sum_within_tolerance_boundary():
    assert check_area_sum("89.57", "72.33", "17.23") == Decimal("0.01")


def test_v02_area_sum_error():
    with pytest.raises(RealtyError) as info:
        check_area_sum("89.57", "72.33", "17.20")
    assert info.value.code == "ERR_AREA_SUM"


def test_v02_efficiency_and_shared_ratio():
    assert efficiency_percent("72.33", "89.57") == Decimal("80.75")
    assert shared_ratio("17.24", "72.33") == Decimal("0.2384")


def test_v02_apportionment_coefficient():
    assert apportionment_coefficient(["17.24", "17.24"], ["72.33", "72.33"]) == Decimal(
        "0.2384"
    )
