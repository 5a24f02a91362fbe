"""V-45: the transition table's part of the lifecycle vectors (T01 … T22)."""

import pytest
from realty_base.tools import (
    GUARDS,
    STATES,
    TRANSITIONS,
    RealtyError,
    StateOptions,
    allowed_actions,
    change_room_states,
    check_transition,
)

DEFAULTS = StateOptions()


def target(state, action, **kwargs):
    return check_transition(state, action, **kwargs).target


def refusal(state, action, options=DEFAULTS):
    with pytest.raises(RealtyError) as info:
        check_transition(state, action, options)
    return info.value.code


def guard_codes(state, action):
    return {GUARDS[g][1] for g in check_transition(state, action).guards}


def test_v45_t01_release():
    assert target("unreleased", "release") == "available"


def test_v45_t02_t03_release_guards_carry_codes():
    assert {"ERR_NO_PERMIT", "ERR_NO_PRICE", "ERR_AREA_SUM"} <= guard_codes(
        "unreleased", "release"
    )


def test_v45_t04_hold():
    assert target("available", "hold") == "held"


@pytest.mark.parametrize(
    "action", ["small_deposit", "deposit", "subscribe", "sign_contract"]
)
def test_v45_t05_sale_on_held_room(action):
    assert refusal("held", action) == "ERR_ROOM_HELD"


def test_v45_t06_reserve_and_expire():
    assert target("available", "reserve") == "reserved"
    assert target("reserved", "cancel") == "available"
    assert target("held", "reserve") == "reserved"
    assert "manager" in check_transition("held", "reserve").guards
    assert target("reserved", "cancel", reserved_from="held") == "held"


def test_v45_t07_other_customer_is_a_guard():
    assert "ERR_RESERVED_FOR_OTHER" in guard_codes("reserved", "small_deposit")


def test_v45_t08_small_deposit_from_reserved():
    assert target("reserved", "small_deposit") == "small_deposit"


def test_v45_t09_direct_signing():
    assert target("available", "sign_contract") == "contracted"


def test_v45_t10_subscription_required():
    options = StateOptions(require_subscription=True)
    assert refusal("available", "sign_contract", options) == "ERR_SUBSCRIPTION_REQUIRED"
    assert target("subscribed", "sign_contract", options=options) == "contracted"


def test_v45_t11_subscribe_from_small_deposit():
    assert target("small_deposit", "subscribe") == "subscribed"


def test_v45_t12_approval_is_a_guard():
    assert "ERR_APPROVAL_REQUIRED" in guard_codes("deposit", "subscribe")


def test_v45_t13_filing():
    assert target("contracted", "file") == "filed"


def test_v45_t14_terminate_from_filed():
    assert refusal("filed", "terminate") == "ERR_FILING_ACTIVE"


def test_v45_t15_cancel_filing_then_terminate():
    assert target("filed", "cancel_filing") == "contracted"
    assert target("contracted", "terminate") == "held"


def test_v45_t16_t17_hand_over():
    assert target("filed", "hand_over") == "delivered"
    assert "ERR_AREA_NOT_SETTLED" in guard_codes("filed", "hand_over")
    assert refusal("contracted", "hand_over") == "ERR_STATE_TRANSITION"
    no_filing = StateOptions(filing_required=False)
    assert target("contracted", "hand_over", options=no_filing) == "delivered"


def test_v45_t18_change_room():
    assert change_room_states("subscribed", "available") == ("available", "subscribed")
    assert change_room_states("small_deposit", "reserved") == (
        "available",
        "small_deposit",
    )
    assert change_room_states("filed", "available") == ("held", "subscribed")


@pytest.mark.parametrize(
    "room_b, code",
    [
        ("held", "ERR_ROOM_HELD"),
        ("deposit", "ERR_ROOM_OCCUPIED"),
        ("unreleased", "ERR_STATE_TRANSITION"),
    ],
)
def test_v45_t18_change_room_target_must_be_free(room_b, code):
    with pytest.raises(RealtyError) as info:
        change_room_states("subscribed", room_b)
    assert info.value.code == code


def test_v45_t19_rename_after_filing():
    assert refusal("filed", "rename") == "ERR_RENAME_AFTER_FILING"
    family = StateOptions(rename_after_filing="family_only")
    assert target("filed", "rename", options=family) == "filed"


def test_v45_t20_rename_subscribed():
    assert target("subscribed", "rename") == "subscribed"


def test_v45_t21_cancel_deposit():
    assert target("deposit", "cancel") == "available"
    held = StateOptions(pre_contract_return_state="held")
    assert target("subscribed", "cancel", options=held) == "held"


def test_v45_t22_return_after_handover():
    assert target("delivered", "return_delivered") == "held"


def test_v45_merged_deposit_stage():
    merged = StateOptions(merge_deposit_stage=True)
    assert target("available", "deposit") == "deposit"
    assert target("available", "deposit", options=merged) == "subscribed"


def test_v45_unknown_state_or_action():
    with pytest.raises(RealtyError) as info:
        check_transition("sold", "release")
    assert info.value.code == "ERR_INVALID_INPUT"
    assert refusal("available", "fly") == "ERR_STATE_TRANSITION"


def test_v45_table_is_consistent():
    for rule in TRANSITIONS:
        assert rule.sources <= set(STATES)
        assert all(guard in GUARDS for guard in rule.guards)
    assert allowed_actions("delivered") == ("return_delivered",)
    assert "sign_contract" not in allowed_actions(
        "available", StateOptions(require_subscription=True)
    )
