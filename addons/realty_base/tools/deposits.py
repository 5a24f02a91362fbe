"""定金 (earnest deposit) cap and cancellation outcomes (§5.8, §2.4 R3).

The 定金 may not exceed 20 % of the deal total (Civil Code Art. 586); the excess may
be booked as prepayment (预付房款) instead. On cancellation the outcome follows the
reason code (Civil Code Art. 587; V-47).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .errors import ERR_DEPOSIT_CAP, ERR_INVALID_INPUT, RealtyError
from .rounding import CENT, DOWN, ZERO, Number, exact, rnd, to_decimal

DEPOSIT_CAP_RATIO = Decimal("0.20")

BUYER_FAULT = "buyer_fault"
SELLER_FAULT = "seller_fault"
NO_FAULT = "no_fault"
NEGOTIATED = "negotiated"
CANCEL_REASONS = (BUYER_FAULT, SELLER_FAULT, NO_FAULT, NEGOTIATED)


@dataclass(frozen=True)
class DepositSplit:
    """Money received as 定金: the part with 定金 effect and the prepayment excess."""

    deposit: Decimal
    prepayment: Decimal
    cap: Decimal


@exact
def split_deposit(
    amount: Number,
    deal_total: Number,
    *,
    allow_prepayment: bool = False,
    cap_ratio: Number = DEPOSIT_CAP_RATIO,
) -> DepositSplit:
    """Check the 20 % cap ``定金 ≤ cap_ratio × deal total`` exactly (§5.8, V-47).

    :param allow_prepayment: book the excess as prepayment instead of refusing; the
        定金 part is then the cap rounded down to the fen.
    :raises RealtyError: ``ERR_DEPOSIT_CAP`` above the cap without prepayment.
    """
    money = to_decimal(amount, "deposit")
    cap = to_decimal(cap_ratio, "cap ratio") * to_decimal(deal_total, "deal total")
    if money < ZERO or cap < ZERO:
        raise RealtyError(
            ERR_INVALID_INPUT,
            "deposit {amount} and cap {cap} must not be negative",
            amount=money,
            cap=cap,
        )
    if money <= cap:
        return DepositSplit(money, ZERO, cap)
    if not allow_prepayment:
        raise RealtyError(
            ERR_DEPOSIT_CAP,
            "定金 {amount} exceeds 20 % of the deal total ({cap})",
            amount=money,
            cap=cap,
        )
    deposit = rnd(cap, CENT, DOWN)
    return DepositSplit(deposit, money - deposit, cap)


@dataclass(frozen=True)
class DepositOutcome:
    """Money effect of cancelling with a 定金 (V-47): refund to the buyer, other
    income kept by the seller, and penalty expense paid beyond the 定金."""

    refund: Decimal
    seller_income: Decimal
    penalty_expense: Decimal


@exact
def deposit_outcome(
    deposit: Number, reason: str, negotiated_refund: Number | None = None
) -> DepositOutcome:
    """定金 outcome of a pre-contract cancellation (§2.4 R3, §5.8, V-47).

    ``buyer_fault`` → forfeited; ``seller_fault`` → double refund;
    ``no_fault`` → refunded; ``negotiated`` → the approved *negotiated_refund*
    (the rest is income, or any excess over the 定金 a penalty expense).
    """
    amount = to_decimal(deposit, "deposit")
    refunds = {BUYER_FAULT: ZERO, SELLER_FAULT: 2 * amount, NO_FAULT: amount}
    if reason == NEGOTIATED and negotiated_refund is not None:
        refund = to_decimal(negotiated_refund, "negotiated refund")
    elif reason in refunds and negotiated_refund is None:
        refund = refunds[reason]
    else:
        raise RealtyError(
            ERR_INVALID_INPUT,
            "reason {reason!r} with negotiated refund {refund} is not valid",
            reason=reason,
            refund=negotiated_refund,
        )
    if amount < ZERO or refund < ZERO:
        raise RealtyError(ERR_INVALID_INPUT, "amounts must not be negative")
    return DepositOutcome(
        refund=refund,
        seller_income=max(amount - refund, ZERO),
        penalty_expense=max(refund - amount, ZERO),
    )
