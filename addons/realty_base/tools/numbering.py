"""Receipt and queue number formats (§9.3, §10.1): formatting and parsing only.

Allocation is gapless and transactional, so it belongs to the models (a row-locked
``next_no`` or a ``no_gap`` sequence); these helpers hold no state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import ERR_NUMBER_FORMAT, RealtyError

RECEIPT_SEQUENCE_MAX = 999_999
QUEUE_SEQUENCE_MAX = 9_999

_PREFIX = re.compile(r"^[A-Z]+$")
_RECEIPT = re.compile(r"^(?P<prefix>[A-Z]+)(?P<year>\d{4})(?P<seq>\d{6})$")
_QUEUE = re.compile(r"^(?P<category>[A-Z]+)(?P<seq>\d{4})$")


@dataclass(frozen=True, order=True)
class ReceiptNumber:
    """A receipt number ``{prefix}{YYYY}{seq:06d}`` (§9.3): ``SJ2025000123``."""

    prefix: str
    year: int
    sequence: int

    def __str__(self) -> str:
        return f"{self.prefix}{self.year:04d}{self.sequence:06d}"


@dataclass(frozen=True, order=True)
class QueueNumber:
    """A queue number ``{category}{seq:04d}`` (§10.1): ``A0001``; instances sort by
    category, then number (the selection order of §10.1)."""

    category: str
    sequence: int

    def __str__(self) -> str:
        return f"{self.category}{self.sequence:04d}"


def _refuse(text: object, what: str) -> RealtyError:
    return RealtyError(
        ERR_NUMBER_FORMAT, "{text!r} is not a valid {what}", text=text, what=what
    )


def format_receipt_number(prefix: str, year: int, sequence: int) -> str:
    """``{prefix}{YYYY}{seq:06d}`` (§9.3, V-40).

    :param prefix: the receipt book's prefix, upper-case letters.
    :raises RealtyError: ``ERR_NUMBER_FORMAT`` for a bad prefix, year or sequence
        (1 … 999,999).
    """
    if (
        not _PREFIX.match(prefix)
        or not 1000 <= year <= 9999
        or not 1 <= sequence <= RECEIPT_SEQUENCE_MAX
    ):
        raise _refuse((prefix, year, sequence), "receipt number part")
    return str(ReceiptNumber(prefix, year, sequence))


def parse_receipt_number(text: str) -> ReceiptNumber:
    """Split a receipt number into prefix, year and sequence (§9.3).

    :raises RealtyError: ``ERR_NUMBER_FORMAT``.
    """
    match = _RECEIPT.match(text.strip())
    if not match or not int(match["seq"]) or int(match["year"]) < 1000:
        raise _refuse(text, "receipt number")
    return ReceiptNumber(match["prefix"], int(match["year"]), int(match["seq"]))


def format_queue_number(category: str, sequence: int) -> str:
    """``{category}{seq:04d}`` (§10.1): ``("A", 1) → "A0001"``.

    :raises RealtyError: ``ERR_NUMBER_FORMAT`` for a bad category or a sequence
        outside 1 … 9,999.
    """
    if not _PREFIX.match(category) or not 1 <= sequence <= QUEUE_SEQUENCE_MAX:
        raise _refuse((category, sequence), "queue number part")
    return str(QueueNumber(category, sequence))


def parse_queue_number(text: str) -> QueueNumber:
    """Split a queue number into category and sequence (§10.1).

    :raises RealtyError: ``ERR_NUMBER_FORMAT``.
    """
    match = _QUEUE.match(text.strip())
    if not match or not int(match["seq"]):
        raise _refuse(text, "queue number")
    return QueueNumber(match["category"], int(match["seq"]))
