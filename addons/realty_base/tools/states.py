"""Room sale states and the transition table as data (§2.1, §2.3, §2.4).

The table answers one question: may *action* be taken from *state*, and which state
follows? Guards that need records (a permit, an approval, the reserving customer,
received money) are listed on each :class:`Transition` by name and checked by the
models; :data:`GUARDS` says what each guard means and which error code it raises.
Refusals that follow from the table and the §11 options alone are raised here:
``ERR_ROOM_HELD``, ``ERR_FILING_ACTIVE``, ``ERR_SUBSCRIPTION_REQUIRED``,
``ERR_RENAME_AFTER_FILING`` and, for anything else, ``ERR_STATE_TRANSITION``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import (
    ERR_APPROVAL_REQUIRED,
    ERR_AREA_NOT_SETTLED,
    ERR_AREA_SUM,
    ERR_DEPOSIT_CAP,
    ERR_FILING_ACTIVE,
    ERR_INVALID_INPUT,
    ERR_NO_PERMIT,
    ERR_NO_PRICE,
    ERR_RENAME_AFTER_FILING,
    ERR_RESERVED_FOR_OTHER,
    ERR_ROOM_HELD,
    ERR_ROOM_OCCUPIED,
    ERR_STATE_TRANSITION,
    ERR_SUBSCRIPTION_REQUIRED,
    RealtyError,
)

# §2.1 states, in sale order.
UNRELEASED = "unreleased"
AVAILABLE = "available"
HELD = "held"
RESERVED = "reserved"
SMALL_DEPOSIT = "small_deposit"
DEPOSIT = "deposit"
SUBSCRIBED = "subscribed"
CONTRACTED = "contracted"
FILED = "filed"
DELIVERED = "delivered"
STATES = (
    UNRELEASED,
    AVAILABLE,
    HELD,
    RESERVED,
    SMALL_DEPOSIT,
    DEPOSIT,
    SUBSCRIBED,
    CONTRACTED,
    FILED,
    DELIVERED,
)
MONEY_STATES = (SMALL_DEPOSIT, DEPOSIT, SUBSCRIBED, CONTRACTED, FILED, DELIVERED)
"""States whose transaction holds money and a locked price (§3.8)."""

# Actions.
RELEASE = "release"
RELEASE_HELD = "release_held"
HOLD = "hold"
UNHOLD = "unhold"
WITHDRAW = "withdraw"
RESERVE = "reserve"
TAKE_SMALL_DEPOSIT = "small_deposit"
TAKE_DEPOSIT = "deposit"
SUBSCRIBE = "subscribe"
SIGN_CONTRACT = "sign_contract"
FILE = "file"
HAND_OVER = "hand_over"
CANCEL = "cancel"
TERMINATE = "terminate"
CANCEL_FILING = "cancel_filing"
RETURN_DELIVERED = "return_delivered"
CHANGE_ROOM = "change_room"
RENAME = "rename"
AMEND = "amend"
SALE_ACTIONS = frozenset({TAKE_SMALL_DEPOSIT, TAKE_DEPOSIT, SUBSCRIBE, SIGN_CONTRACT})

# Targets that depend on the options or on the record.
UNCHANGED = "@unchanged"
PRE_CONTRACT_RETURN = "@pre_contract_return"
POST_CONTRACT_RETURN = "@post_contract_return"
DEPOSIT_STAGE = "@deposit_stage"
RESERVATION_ORIGIN = "@reservation_origin"
CHANGE_ROOM_RETURN = "@change_room_return"

GUARDS: dict[str, tuple[str, str | None]] = {
    "permit": ("an active permit or sale filing covers the room (§1.5)", ERR_NO_PERMIT),
    "list_price": ("the list price is > 0", ERR_NO_PRICE),
    "area_sum": ("building = inner + shared within tolerance (§1.3)", ERR_AREA_SUM),
    "reason": ("a reason code is given and logged", None),
    "manager": ("the user is a sales manager", ERR_APPROVAL_REQUIRED),
    "no_batch_history": ("no transaction history in the current batch", None),
    "named_customer": ("a named customer; expiry = now + reservation.hours", None),
    "reservation_quota": ("reservation.max_active_per_consultant not exceeded", None),
    "same_customer": (
        "a reserved room is sold to its customer",
        ERR_RESERVED_FOR_OTHER,
    ),
    "small_deposit_min": ("receipt ≥ small_deposit.min_amount", None),
    "deposit_min": ("定金 ≥ deposit.min_amount or min_ratio × deal total", None),
    "deposit_cap": ("定金 ≤ 20 % of the deal total (§5.8)", ERR_DEPOSIT_CAP),
    "subscription_signed": ("the 认购书 is signed", None),
    "discount_approved": (
        "the discount approval level is met (§4.5)",
        ERR_APPROVAL_REQUIRED,
    ),
    "deposit_received": ("定金 fully received unless allow_unpaid_deposit", None),
    "contract_complete": ("contract fields complete (§8.3) and approval done", None),
    "filing_number": ("the city filing number is recorded", None),
    "completion_filed": ("completion filed; measured area present", None),
    "area_settled": ("area adjustment settled or waived (§7.4)", ERR_AREA_NOT_SETTLED),
    "maintenance_fund": ("maintenance fund paid (§6.4)", None),
    "handover_payments": ("handover.payment_condition met (§9.10)", None),
    "handover_notice": ("handover notice sent ≥ 10 days before (§8.1)", None),
    "refund_voucher": ("refund voucher for the money returned (§9.8)", None),
    "deposit_outcome": ("定金 outcome by reason code (§5.8, V-47)", None),
    "approval": ("approval of the action", ERR_APPROVAL_REQUIRED),
    "termination_agreement": ("termination agreement or court document", None),
    "bank_consent": ("bank consent when a mortgage pre-registration exists", None),
    "filing_cancelled": ("the filing is cancelled first", ERR_FILING_ACTIVE),
    "target_room_free": ("room B available or reserved for the customer", None),
    "resigned_contract": ("the contract is re-signed", None),
    "refiling": ("filing cancel and re-file (rename.after_filing)", None),
    "supplementary_agreement": ("a 补充协议 when ≥ contracted", None),
}
"""Guard name → (what the model checks, error code it raises or None)."""


@dataclass(frozen=True)
class StateOptions:
    """The §11 options that change the table; defaults are §11's."""

    require_subscription: bool = False
    filing_required: bool = True
    merge_deposit_stage: bool = False
    rename_after_filing: str = "forbid"
    pre_contract_return_state: str = AVAILABLE
    post_contract_return_state: str = HELD

    def __post_init__(self) -> None:
        if self.rename_after_filing not in ("forbid", "family_only", "any"):
            raise RealtyError(
                ERR_INVALID_INPUT,
                "rename.after_filing cannot be {value!r}",
                value=self.rename_after_filing,
            )
        for state in (self.pre_contract_return_state, self.post_contract_return_state):
            if state not in (AVAILABLE, HELD):
                raise RealtyError(
                    ERR_INVALID_INPUT,
                    "a return state must be available or held: {s}",
                    s=state,
                )


@dataclass(frozen=True)
class Transition:
    """One row of the §2.3/§2.4 tables.

    :ivar target: a state, or a token resolved per room: ``@unchanged``,
        ``@pre_contract_return`` / ``@post_contract_return`` (the §11 return
        states), ``@deposit_stage`` (``subscribed`` when the deposit stage is
        merged), ``@reservation_origin`` (R1) or ``@change_room_return`` (R7).
    :ivar guards: names in :data:`GUARDS` that the model checks.
    :ivar enabled_when: ``direct_signing``, ``no_filing`` or
        ``rename_after_filing``: the row applies only when the options allow it,
        otherwise the action is refused with *refusal*.
    """

    rule: str
    action: str
    sources: frozenset[str]
    target: str
    guards: tuple[str, ...] = ()
    enabled_when: str | None = None
    refusal: str = ERR_STATE_TRANSITION


@dataclass(frozen=True)
class Move:
    """An allowed transition resolved for one room."""

    rule: str
    action: str
    source: str
    target: str
    guards: tuple[str, ...]


def _rule(
    rule: str,
    action: str,
    sources: list[str] | tuple[str, ...],
    target: str,
    guards: list[str] | tuple[str, ...] = (),
    **kwargs: str,
) -> Transition:
    return Transition(rule, action, frozenset(sources), target, tuple(guards), **kwargs)


_PRE_SALE = (AVAILABLE, RESERVED)
TRANSITIONS: tuple[Transition, ...] = (
    _rule("F1", RELEASE, [UNRELEASED], AVAILABLE, ["permit", "list_price", "area_sum"]),
    _rule(
        "F2",
        RELEASE_HELD,
        [UNRELEASED],
        HELD,
        ["permit", "list_price", "area_sum", "reason"],
    ),
    _rule("F3", HOLD, [AVAILABLE], HELD, ["reason"]),
    _rule("F4", UNHOLD, [HELD], AVAILABLE),
    _rule(
        "F5", WITHDRAW, [AVAILABLE, HELD], UNRELEASED, ["no_batch_history", "manager"]
    ),
    _rule(
        "F6", RESERVE, [AVAILABLE], RESERVED, ["named_customer", "reservation_quota"]
    ),
    _rule("F6b", RESERVE, [HELD], RESERVED, ["named_customer", "manager"]),
    _rule(
        "F7",
        TAKE_SMALL_DEPOSIT,
        _PRE_SALE,
        SMALL_DEPOSIT,
        ["permit", "same_customer", "small_deposit_min"],
    ),
    _rule(
        "F8",
        TAKE_DEPOSIT,
        [*_PRE_SALE, SMALL_DEPOSIT],
        DEPOSIT_STAGE,
        ["permit", "same_customer", "deposit_min", "deposit_cap"],
    ),
    _rule(
        "F9",
        SUBSCRIBE,
        [*_PRE_SALE, SMALL_DEPOSIT, DEPOSIT],
        SUBSCRIBED,
        [
            "permit",
            "same_customer",
            "subscription_signed",
            "discount_approved",
            "deposit_received",
            "deposit_cap",
        ],
    ),
    _rule(
        "F10",
        SIGN_CONTRACT,
        [SUBSCRIBED],
        CONTRACTED,
        ["contract_complete", "discount_approved"],
    ),
    _rule(
        "F10",
        SIGN_CONTRACT,
        [*_PRE_SALE, SMALL_DEPOSIT, DEPOSIT],
        CONTRACTED,
        ["permit", "same_customer", "contract_complete", "discount_approved"],
        enabled_when="direct_signing",
        refusal=ERR_SUBSCRIPTION_REQUIRED,
    ),
    _rule("F11", FILE, [CONTRACTED], FILED, ["filing_number"]),
    _rule(
        "F12",
        HAND_OVER,
        [FILED],
        DELIVERED,
        [
            "completion_filed",
            "area_settled",
            "maintenance_fund",
            "handover_payments",
            "handover_notice",
        ],
    ),
    _rule(
        "F12b",
        HAND_OVER,
        [CONTRACTED],
        DELIVERED,
        [
            "completion_filed",
            "area_settled",
            "maintenance_fund",
            "handover_payments",
            "handover_notice",
        ],
        enabled_when="no_filing",
    ),
    _rule("R1", CANCEL, [RESERVED], RESERVATION_ORIGIN),
    _rule("R2", CANCEL, [SMALL_DEPOSIT], AVAILABLE, ["refund_voucher"]),
    _rule(
        "R3",
        CANCEL,
        [DEPOSIT, SUBSCRIBED],
        PRE_CONTRACT_RETURN,
        ["deposit_outcome", "refund_voucher"],
    ),
    _rule(
        "R4",
        TERMINATE,
        [CONTRACTED],
        POST_CONTRACT_RETURN,
        ["termination_agreement", "approval", "refund_voucher"],
    ),
    _rule(
        "R5",
        CANCEL_FILING,
        [FILED],
        CONTRACTED,
        ["termination_agreement", "bank_consent", "approval"],
    ),
    _rule(
        "R6",
        RETURN_DELIVERED,
        [DELIVERED],
        HELD,
        ["approval", "filing_cancelled", "refund_voucher"],
    ),
    _rule(
        "R7",
        CHANGE_ROOM,
        [SMALL_DEPOSIT, DEPOSIT, SUBSCRIBED, CONTRACTED, FILED],
        CHANGE_ROOM_RETURN,
        ["target_room_free", "approval", "filing_cancelled"],
    ),
    _rule("R8", RENAME, [SMALL_DEPOSIT, DEPOSIT, SUBSCRIBED], UNCHANGED, ["approval"]),
    _rule("R8b", RENAME, [CONTRACTED], UNCHANGED, ["approval", "resigned_contract"]),
    _rule(
        "R8c",
        RENAME,
        [FILED],
        UNCHANGED,
        ["approval", "refiling"],
        enabled_when="rename_after_filing",
        refusal=ERR_RENAME_AFTER_FILING,
    ),
    _rule(
        "R9",
        AMEND,
        [SMALL_DEPOSIT, DEPOSIT, SUBSCRIBED, CONTRACTED, FILED],
        UNCHANGED,
        ["approval", "supplementary_agreement"],
    ),
)
"""The §2.3 forward and §2.4 reverse/amendment tables."""

_CONDITIONS = {
    "direct_signing": lambda o: not o.require_subscription,
    "no_filing": lambda o: not o.filing_required,
    "rename_after_filing": lambda o: o.rename_after_filing != "forbid",
}

_REFUSALS = {
    **{(HELD, action): ERR_ROOM_HELD for action in SALE_ACTIONS},
    (FILED, TERMINATE): ERR_FILING_ACTIVE,
}
"""Disallowed (state, action) pairs that have their own §2.7 code."""

_DEFAULT_OPTIONS = StateOptions()


def _check_state(state: str) -> None:
    if state not in STATES:
        raise RealtyError(
            ERR_INVALID_INPUT, "unknown room state {state!r}", state=state
        )


def _resolve_target(
    rule: Transition, state: str, options: StateOptions, reserved_from: str
) -> str:
    if rule.target == UNCHANGED:
        return state
    if rule.target == PRE_CONTRACT_RETURN:
        return options.pre_contract_return_state
    if rule.target == POST_CONTRACT_RETURN:
        return options.post_contract_return_state
    if rule.target == DEPOSIT_STAGE:
        return SUBSCRIBED if options.merge_deposit_stage else DEPOSIT
    if rule.target == RESERVATION_ORIGIN:
        return reserved_from
    if rule.target == CHANGE_ROOM_RETURN:
        if state == SMALL_DEPOSIT:
            return AVAILABLE
        if state in (DEPOSIT, SUBSCRIBED):
            return options.pre_contract_return_state
        return options.post_contract_return_state
    return rule.target


def check_transition(
    state: str,
    action: str,
    options: StateOptions = _DEFAULT_OPTIONS,
    *,
    reserved_from: str = AVAILABLE,
) -> Move:
    """Return the move for *action* from *state*, or refuse it (§2.3, §2.4, V-45).

    :param reserved_from: for cancelling a reservation (R1): the state the room
        was reserved from; ``held`` for a reservation made under F6b.
    :returns: the resolved :class:`Move`; the model still checks ``move.guards``.
    :raises RealtyError: ``ERR_ROOM_HELD``, ``ERR_FILING_ACTIVE``,
        ``ERR_SUBSCRIPTION_REQUIRED``, ``ERR_RENAME_AFTER_FILING`` or
        ``ERR_STATE_TRANSITION``.
    """
    _check_state(state)
    if reserved_from not in (AVAILABLE, HELD):
        raise RealtyError(
            ERR_INVALID_INPUT,
            "a room is reserved from available or held, not {s!r}",
            s=reserved_from,
        )
    for rule in TRANSITIONS:
        if rule.action != action or state not in rule.sources:
            continue
        if rule.enabled_when and not _CONDITIONS[rule.enabled_when](options):
            raise RealtyError(
                rule.refusal,
                "{action} is not allowed from {state} ({rule})",
                action=action,
                state=state,
                rule=rule.rule,
            )
        target = _resolve_target(rule, state, options, reserved_from)
        return Move(rule.rule, action, state, target, rule.guards)
    raise RealtyError(
        _REFUSALS.get((state, action), ERR_STATE_TRANSITION),
        "{action} is not allowed from {state}",
        action=action,
        state=state,
    )


def allowed_actions(
    state: str, options: StateOptions = _DEFAULT_OPTIONS
) -> tuple[str, ...]:
    """Return the actions the table allows from *state*, in table order (§2.3, §2.4)."""
    _check_state(state)
    actions: list[str] = []
    for rule in TRANSITIONS:
        enabled = not rule.enabled_when or _CONDITIONS[rule.enabled_when](options)
        if state in rule.sources and enabled and rule.action not in actions:
            actions.append(rule.action)
    return tuple(actions)


def change_room_states(
    state_a: str, state_b: str, options: StateOptions = _DEFAULT_OPTIONS
) -> tuple[str, str]:
    """Return the new states of rooms A and B for a room change (§2.4 R7, V-45 T18).

    A goes to its return state; B takes A's stage when A ≤ subscribed, otherwise
    ``subscribed`` until a new contract is signed.

    :raises RealtyError: from :func:`check_transition` for room A;
        ``ERR_ROOM_HELD`` / ``ERR_ROOM_OCCUPIED`` / ``ERR_STATE_TRANSITION`` when B
        is held, has a transaction, or is not released.
    """
    move = check_transition(state_a, CHANGE_ROOM, options)
    _check_state(state_b)
    if state_b not in (AVAILABLE, RESERVED):
        code = {HELD: ERR_ROOM_HELD, UNRELEASED: ERR_STATE_TRANSITION}.get(
            state_b, ERR_ROOM_OCCUPIED
        )
        raise RealtyError(
            code, "room B cannot take the sale from state {state}", state=state_b
        )
    target_b = (
        state_a if state_a in (SMALL_DEPOSIT, DEPOSIT, SUBSCRIBED) else SUBSCRIBED
    )
    return move.target, target_b
