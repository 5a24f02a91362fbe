"""The library's single exception type and its stable error codes (§2.7).

User-facing errors carry a stable ``code`` so that tests and the Odoo models assert
codes, not translated messages. ``params`` holds the named values the message uses,
so a model can render a translated message from the code and the parameters.

Codes added by this library (not in §2.7):

* ``ERR_PHONE_FORMAT``: a phone number fails the §8.6 rules;
* ``ERR_INVALID_INPUT``: an argument is outside its domain (not a number, a negative
  area, an unknown mode, a price driven below zero, ...);
* ``ERR_SCHEDULE_TEMPLATE``: a payment-plan template cannot produce a schedule (§5.1);
* ``ERR_NUMBER_FORMAT``: a receipt or queue number does not match its §9.3/§10.1 format;
* ``ERR_QUEUE_FAMILY_LIMIT``: a family already holds the most active queue numbers a
  project allows (§10.1);
* ``ERR_ACCOUNT_MISSING``: the company's chart lacks an account or journal finance
  posts to (§9);
* ``ERR_OVERPAYMENT``: a payment above what is due, not booked as prepayment (§9.7);
* ``ERR_RECEIPT_BOOK``: a receipt from a book that is not the cashier's, not in use or
  used up (§9.3);
* ``ERR_REFUND_EXCEEDS``: a refund above what was received (§9.8);
* ``ERR_IMPORT_ROW``: a row of an imported file (a bank's disbursement list, a
  surveyor's areas) is malformed or does not match (§9.6, §7.4);
* ``ERR_OPENING_WINDOW``: an opening-day pick outside the buyer's window (§10.2);
* ``ERR_OPENING_PAUSED``: a pick while the opening event is paused or not open;
* ``ERR_NO_SINCERITY``: a pick by a buyer without a sincerity deposit (§10.1);
* ``ERR_OPENING_LIMIT``: a pick over the family's limit of rooms (§10.2);
* ``ERR_OPENING_BUSY``: another pick of the same buyer is under way; try again;
* ``ERR_OPENING_SOLD_OUT``: no room on offer is left to pick.
"""

from __future__ import annotations

from typing import Any

ERR_STATE_TRANSITION = "ERR_STATE_TRANSITION"
ERR_NO_PERMIT = "ERR_NO_PERMIT"
ERR_NO_PRICE = "ERR_NO_PRICE"
ERR_AREA_SUM = "ERR_AREA_SUM"
ERR_SKIPPED_FLOOR = "ERR_SKIPPED_FLOOR"
ERR_ROOM_HELD = "ERR_ROOM_HELD"
ERR_RESERVED_FOR_OTHER = "ERR_RESERVED_FOR_OTHER"
ERR_ROOM_OCCUPIED = "ERR_ROOM_OCCUPIED"
ERR_ROOM_TAKEN = "ERR_ROOM_TAKEN"
ERR_ROOM_LOCKED = "ERR_ROOM_LOCKED"
ERR_SUBSCRIPTION_REQUIRED = "ERR_SUBSCRIPTION_REQUIRED"
ERR_APPROVAL_REQUIRED = "ERR_APPROVAL_REQUIRED"
ERR_ABOVE_FILED_PRICE = "ERR_ABOVE_FILED_PRICE"
ERR_DEPOSIT_CAP = "ERR_DEPOSIT_CAP"
ERR_LOAN_EXCEEDS_MAX = "ERR_LOAN_EXCEEDS_MAX"
ERR_SINCERITY_BEFORE_PERMIT = "ERR_SINCERITY_BEFORE_PERMIT"
ERR_FILING_ACTIVE = "ERR_FILING_ACTIVE"
ERR_RENAME_AFTER_FILING = "ERR_RENAME_AFTER_FILING"
ERR_AREA_NOT_SETTLED = "ERR_AREA_NOT_SETTLED"
ERR_NOT_SUPERVISED_ACCOUNT = "ERR_NOT_SUPERVISED_ACCOUNT"
ERR_CREDIT_CARD_NOT_ALLOWED = "ERR_CREDIT_CARD_NOT_ALLOWED"
ERR_RECEIPT_VOID_WINDOW = "ERR_RECEIPT_VOID_WINDOW"
ERR_AMOUNT_RANGE = "ERR_AMOUNT_RANGE"
ERR_ID_FORMAT = "ERR_ID_FORMAT"
ERR_ID_PROVINCE = "ERR_ID_PROVINCE"
ERR_ID_BIRTHDATE = "ERR_ID_BIRTHDATE"
ERR_ID_CHECKSUM = "ERR_ID_CHECKSUM"
# Added by this library (see the module docstring).
ERR_PHONE_FORMAT = "ERR_PHONE_FORMAT"
ERR_INVALID_INPUT = "ERR_INVALID_INPUT"
ERR_SCHEDULE_TEMPLATE = "ERR_SCHEDULE_TEMPLATE"
ERR_NUMBER_FORMAT = "ERR_NUMBER_FORMAT"
ERR_QUEUE_FAMILY_LIMIT = "ERR_QUEUE_FAMILY_LIMIT"
ERR_ACCOUNT_MISSING = "ERR_ACCOUNT_MISSING"
ERR_OVERPAYMENT = "ERR_OVERPAYMENT"
ERR_RECEIPT_BOOK = "ERR_RECEIPT_BOOK"
ERR_REFUND_EXCEEDS = "ERR_REFUND_EXCEEDS"
ERR_IMPORT_ROW = "ERR_IMPORT_ROW"
ERR_OPENING_WINDOW = "ERR_OPENING_WINDOW"
ERR_OPENING_PAUSED = "ERR_OPENING_PAUSED"
ERR_NO_SINCERITY = "ERR_NO_SINCERITY"
ERR_OPENING_LIMIT = "ERR_OPENING_LIMIT"
ERR_OPENING_BUSY = "ERR_OPENING_BUSY"
ERR_OPENING_SOLD_OUT = "ERR_OPENING_SOLD_OUT"

ERROR_CODES = frozenset(
    value for name, value in dict(globals()).items() if name.startswith("ERR_")
)


class RealtyError(ValueError):
    """A user error with a stable code (§2.7).

    :param code: one of the ``ERR_*`` constants of this module.
    :param message: an English message template using ``str.format`` fields that
        are all present in ``params``.
    :param params: the named values of the message, kept in ``.params``.
    """

    def __init__(self, code: str, message: str, /, **params: Any) -> None:
        if code not in ERROR_CODES:
            raise ValueError(f"unknown error code {code!r}")
        self.code = code
        self.params = params
        self.message = message.format(**params)
        super().__init__(f"{code}: {self.message}")
