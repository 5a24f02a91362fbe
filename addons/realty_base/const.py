"""Selections shared by several realty models (domain.md §1.2, §2.1).

Values are the codes of domain.md; labels are English and translated in zh_CN.po.
"""

from .tools import states

ROOM_STATES = [
    (states.UNRELEASED, "Unreleased"),
    (states.AVAILABLE, "Available"),
    (states.HELD, "Held"),
    (states.RESERVED, "Reserved"),
    (states.SMALL_DEPOSIT, "Small Deposit"),
    (states.DEPOSIT, "Deposit"),
    (states.SUBSCRIBED, "Subscribed"),
    (states.CONTRACTED, "Contracted"),
    (states.FILED, "Filed"),
    (states.DELIVERED, "Delivered"),
]
SOLD_STATES = states.MONEY_STATES  # price locked, counted as sold in the stock figures

ROOM_ACTIONS = [
    (states.RELEASE, "Release"),
    (states.RELEASE_HELD, "Release as Held"),
    (states.HOLD, "Hold"),
    (states.UNHOLD, "Unhold"),
    (states.WITHDRAW, "Withdraw"),
    (states.RESERVE, "Reserve"),
    (states.TAKE_SMALL_DEPOSIT, "Small Deposit"),
    (states.TAKE_DEPOSIT, "Deposit"),
    (states.SUBSCRIBE, "Subscribe"),
    (states.SIGN_CONTRACT, "Sign the Contract"),
    (states.FILE, "File Online"),
    (states.HAND_OVER, "Hand Over"),
    (states.CANCEL, "Cancel"),
    (states.TERMINATE, "Terminate"),
    (states.CANCEL_FILING, "Cancel the Filing"),
    (states.RETURN_DELIVERED, "Take Back after Handover"),
    (states.CHANGE_ROOM, "Change Room"),
    (states.RENAME, "Change the Buyers"),
    (states.AMEND, "Amend"),
]
"""Every action of the transition table (tools.states), for the state log."""

USAGES = [
    ("residential", "Residential"),
    ("commercial", "Commercial"),
    ("office", "Office"),
    ("apartment", "Apartment"),
    ("parking", "Parking Space"),
    ("storage", "Storage Room"),
    ("other", "Other"),
]
RESIDENTIAL_USAGES = ("residential",)

ORIENTATIONS = [
    ("east", "East"),
    ("south", "South"),
    ("west", "West"),
    ("north", "North"),
    ("southeast", "Southeast"),
    ("northeast", "Northeast"),
    ("southwest", "Southwest"),
    ("northwest", "Northwest"),
    ("north_south", "North-South Through"),
]

DECORATIONS = [
    ("bare", "Bare Shell"),
    ("simple", "Simply Decorated"),
    ("fitted", "Fully Fitted"),
]

PROPERTY_RIGHTS = [
    ("full", "Full Property Right"),
    ("use_right", "Use Right Only"),
]

BUILDING_STRUCTURES = [
    ("shear_wall", "Reinforced Concrete Shear Wall"),
    ("frame_shear", "Frame-Shear Wall"),
    ("frame", "Reinforced Concrete Frame"),
    ("steel", "Steel"),
    ("brick_concrete", "Brick-Concrete"),
    ("other", "Other"),
]

SCHEDULE_ITEMS = [
    ("deposit", "Deposit (定金)"),
    ("down_payment", "Down Payment"),
    ("installment", "Installment"),
    ("balance", "Balance"),
    ("commercial_loan", "Commercial Loan"),
    ("provident_loan", "Provident Fund Loan"),
    ("area_adjustment", "Area Adjustment"),
    ("area_refund", "Area Adjustment Refund"),
]
"""What a line of a payment schedule is for (§5.1): on a payment method's template
and on a deal's schedule (``area_adjustment``: the settled area difference, §7.4,
added by realty_aftersales, negative when a refund is set against what the buyer
owes; ``area_refund``: the rest of a refund, paid back)."""
