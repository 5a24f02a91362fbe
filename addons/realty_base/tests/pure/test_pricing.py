"""V-03, V-04, V-05 (list prices and re-pricing) and V-10 (deal unit price)."""

from decimal import Decimal

import pytest
from realty_base.tools import (
    Coefficient,
    DiscountLine,
    RealtyError,
    amount_to_capital,
    apply_discounts,
    check_filed_price,
    coefficient_unit_price,
    contract_price,
    convert_unit_price,
    deal_price,
    list_unit_price,
    reprice,
    total_price,
    unit_price_from_total,
)

V03_UNIT = Decimal("15762.06")


def test_v03_list_unit_and_total():
    unit = list_unit_price(
        "15000.00",
        physical_floor=12,
        base_floor=6,
        floor_step="50.00",
        coefficients=["0.01", "0.02"],
    )
    assert unit == V03_UNIT
    assert total_price(unit, "89.57") == Decimal(1411808)


def test_v03_total_precision_cent_variant():
    assert total_price(V03_UNIT, "89.57", precision="0.01") == Decimal("1411807.71")


def test_v03_floor_override_replaces_step():
    unit = list_unit_price(
        "15000.00",
        physical_floor=1,
        base_floor=6,
        floor_step="50.00",
        floor_overrides={1: "-500"},
    )
    assert unit == Decimal("14500.00")


def test_v03_float_inputs_go_through_str():
    assert list_unit_price(15000.0, coefficients=[0.01, 0.02], additions=[300.0]) == (
        V03_UNIT
    )


V03_ROOM = {"floor_physical": 12, "orientation": "south", "view_tag_ids": [7, 9]}
V03_COEFFICIENTS = [
    Coefficient("orientation", "south", "percent", Decimal("0.01")),
    Coefficient("view_tag_ids", 7, "percent", Decimal("0.02")),
]


def test_v03_coefficients_chosen_by_the_room():
    unit = coefficient_unit_price(
        "15000.00",
        V03_ROOM,
        base_floor=6,
        floor_step="50.00",
        coefficients=V03_COEFFICIENTS,
    )
    assert unit == V03_UNIT
    north = dict(V03_ROOM, orientation="north", view_tag_ids=[])
    assert coefficient_unit_price(
        "15000.00",
        north,
        base_floor=6,
        floor_step="50.00",
        coefficients=V03_COEFFICIENTS,
    ) == Decimal("15300.00")


def test_coefficient_additions_before_percentages():
    coefficients = [
        Coefficient("position", 1, "percent", Decimal("0.10")),
        Coefficient("position", 1, "additive", Decimal(300)),
        Coefficient("position", 2, "additive", Decimal(999)),
    ]
    room = {"floor_physical": 1, "position": 1}
    assert coefficient_unit_price("10000", room, coefficients=coefficients) == Decimal(
        "11330.00"
    )


@pytest.mark.parametrize(
    "coefficient, room, applies",
    [
        (
            Coefficient("layout_id", None, "additive", Decimal(1)),
            {"layout_id": None},
            True,
        ),
        (
            Coefficient("layout_id", 3, "additive", Decimal(1)),
            {"layout_id": None},
            False,
        ),
        (
            Coefficient("view_tag_ids", None, "percent", Decimal(1)),
            {"view_tag_ids": []},
            False,
        ),
        (
            Coefficient("view_tag_ids", 4, "percent", Decimal(1)),
            {"view_tag_ids": [4]},
            True,
        ),
        (
            Coefficient("stair_code", "", "additive", Decimal(1)),
            {"stair_code": None},
            False,
        ),
        (Coefficient("position", 0, "additive", Decimal(1)), {"position": 0}, True),
    ],
)
def test_coefficient_applies_on_equal_or_contained_values(coefficient, room, applies):
    assert coefficient.applies(room) is applies


def test_coefficient_method_is_checked():
    with pytest.raises(RealtyError) as caught:
        Coefficient("usage", "residential", "times", Decimal(2))
    assert caught.value.code == "ERR_INVALID_INPUT"


def test_v04_inner_area_conversion():
    unit_inner = convert_unit_price(V03_UNIT, "89.57", "72.33")
    assert unit_inner == Decimal("19518.98")
    assert total_price(unit_inner, "72.33") == Decimal(1411808)


@pytest.mark.parametrize(
    "room, state, kind, value, new_unit, new_total, skipped",
    [
        ("R1", "available", "percent", "0.02", "16077.30", "1440044", False),
        ("R2", "small_deposit", "percent", "0.02", "15762.06", "1411808", True),
        ("R3", "held", "amount_per_m2", "300", "16062.06", "1438679", False),
    ],
)
def test_v05_price_adjustment(room, state, kind, value, new_unit, new_total, skipped):
    change = reprice(state, V03_UNIT, 1411808, "89.57", kind, value)
    assert change.new_unit == Decimal(new_unit)
    assert change.new_total == Decimal(new_total)
    assert change.skipped is skipped
    assert (change.old_unit, change.old_total) == (V03_UNIT, Decimal(1411808))


def test_v05_set_unit_and_set_total():
    assert reprice(
        "reserved", V03_UNIT, 1411808, "89.57", "set_unit", "16000"
    ).new_total == (Decimal(1433120))
    change = reprice("unreleased", V03_UNIT, 1411808, "89.57", "set_total", "1400000")
    assert change.new_total == Decimal(1400000)
    assert change.new_unit == Decimal("15630.23")


@pytest.mark.parametrize("state", ["deposit", "subscribed", "contracted", "filed"])
def test_v05_locked_states_are_skipped(state):
    assert reprice(state, V03_UNIT, 1411808, "89.57", "percent", "0.02").skipped


def test_v05_unknown_kind():
    with pytest.raises(RealtyError) as info:
        reprice("available", V03_UNIT, 1411808, "89.57", "double", "2")
    assert info.value.code == "ERR_INVALID_INPUT"


def test_v10_deal_unit_price_and_capital():
    deal_unit = unit_price_from_total(1287994, "89.57")
    assert deal_unit == Decimal("14379.75")
    difference = deal_unit * Decimal("89.57") - 1287994
    assert difference == Decimal("0.2075") < Decimal("89.57") * Decimal("0.005")
    assert unit_price_from_total(1287994, "72.33") == Decimal("17807.19")
    assert amount_to_capital(1287994) == "壹佰贰拾捌万柒仟玖佰玖拾肆元整"


def test_v10_filed_price_ceiling():
    assert check_filed_price(1287994, 1411808) is False
    with pytest.raises(RealtyError) as info:
        check_filed_price(1411809, 1411808)
    assert info.value.code == "ERR_ABOVE_FILED_PRICE"
    assert check_filed_price(1411809, 1411808, enforce_ceiling=False) is False


def test_v10_filed_price_floor_flag():
    assert check_filed_price(1199999, 1411808, max_below_pct="0.15") is True
    assert check_filed_price(1200037, 1411808, max_below_pct="0.15") is False


def test_v06_v10_deal_price():
    """The V-06 chain on 89.57 m² gives V-10's contract figures in one answer."""
    lines = [
        DiscountLine("unit_amount", 100),
        DiscountLine("payment_method", "0.95", standard=True),
        DiscountLine("percent", "0.98", standard=True),
        DiscountLine("points", 1),
        DiscountLine("total_amount", 5000),
    ]
    price = deal_price(apply_discounts(1411808, lines, "89.57"), "89.57")
    assert (price.list_total, price.deal_total, price.unit_price) == (
        Decimal(1411808),
        Decimal(1287994),
        Decimal("14379.75"),
    )
    assert price.area == Decimal("89.57")
    assert price.discounts.discount_amount == Decimal(123814)
    # inner-area basis (V-10's equivalent); no area: no unit price
    assert deal_price(price.discounts, "72.33").unit_price == Decimal("17807.19")
    assert deal_price(price.discounts, 0).unit_price == Decimal("0.00")


def test_s37_contract_price_house_plus_decoration():
    """§3.7: decoration priced separately on A_p, rounded like a total; the
    contract total (the deed-tax base) is house + decoration."""
    included = contract_price(1287994)
    assert (included.decoration_total, included.total) == (0, Decimal(1287994))
    separate = contract_price(1287994, "89.57", 2000, mode="separate")
    assert separate.decoration_total == Decimal(179140)  # 2,000 × 89.57
    assert separate.total == Decimal(1467134)
    odd = contract_price(1287994, "89.57", "1234.56", mode="separate")
    assert odd.decoration_total == Decimal(110580)  # rnd(110,579.5392, 1)
    assert odd.total == Decimal(1398574)
    cent = contract_price(
        1287994, "89.57", "1234.56", mode="separate", precision="0.01"
    )
    assert cent.decoration_total == Decimal("110579.54")
    down = contract_price(1287994, "89.57", "1234.56", mode="separate", rounding="down")
    assert down.decoration_total == Decimal(110579)
    assert contract_price(1287994, "89.57", mode="separate").total == 1287994


@pytest.mark.parametrize(
    "args, kwargs",
    [
        ((1287994, "89.57", 2000), {}),  # included: no decoration price
        ((1287994, "89.57", 2000), {"mode": "extra"}),
        ((-1, "89.57", 2000), {"mode": "separate"}),
        ((1287994, "89.57", -5), {"mode": "separate"}),
        ((1287994, 0, 2000), {"mode": "separate"}),  # no area to price it on
    ],
)
def test_s37_contract_price_refuses_bad_input(args, kwargs):
    with pytest.raises(RealtyError) as info:
        contract_price(*args, **kwargs)
    assert info.value.code == "ERR_INVALID_INPUT"
