"""Identity numbers: 18-digit resident IDs and permits, and the USCC (§8.5).

Errors follow the precedence format → province → birth date → checksum
(``ERR_ID_FORMAT``, ``ERR_ID_PROVINCE``, ``ERR_ID_BIRTHDATE``, ``ERR_ID_CHECKSUM``).
A USCC fails with ``ERR_ID_FORMAT`` or ``ERR_ID_CHECKSUM``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from .errors import (
    ERR_ID_BIRTHDATE,
    ERR_ID_CHECKSUM,
    ERR_ID_FORMAT,
    ERR_ID_PROVINCE,
    RealtyError,
)

RESIDENT_ID = "resident_id"
"""居民身份证 (GB 11643-1999)."""
HMT_RESIDENCE_PERMIT = "hmt_residence_permit"
"""港澳台居民居住证: prefix 81 (Hong Kong), 82 (Macau), 83 (Taiwan)."""
FOREIGN_PERMANENT_RESIDENT = "foreign_permanent_resident"
"""外国人永久居留身份证, 2023 version: starts with 9, then the province of the
accepting authority; same birth-date position and checksum [K] (confirm)."""
ID_TYPES = (RESIDENT_ID, HMT_RESIDENCE_PERMIT, FOREIGN_PERMANENT_RESIDENT)

MALE = "male"
FEMALE = "female"
ADULT_AGE = 18

CHINA_TZ = timezone(timedelta(hours=8), "Asia/Shanghai")
"""Asia/Shanghai (no daylight saving time): "today" for the birth-date check."""

MAINLAND_PROVINCES = frozenset(
    [
        *range(11, 16),
        *range(21, 24),
        *range(31, 38),
        *range(41, 47),
        *range(50, 55),
        *range(61, 66),
    ]
)
HMT_PREFIXES = frozenset({81, 82, 83})

_ID_PATTERN = re.compile(r"^\d{17}[\dX]$")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_PATTERN = re.compile(f"^[{USCC_CHARSET}]{{18}}$")


@dataclass(frozen=True)
class PersonalId:
    """A validated 18-character ID and what it encodes."""

    number: str
    id_type: str
    birth_date: date
    gender: str
    age: int
    is_minor: bool


def id_check_character(first17: str) -> str:
    """The check character (0-9 or X) of the 17 digits of a resident ID (GB 11643)."""
    total = sum(
        int(digit) * weight for digit, weight in zip(first17, _ID_WEIGHTS, strict=True)
    )
    return _ID_CHECK[total % 11]


def age_on(birth_date: date, on: date) -> int:
    """Age in full years on a date (a 29 February birthday counts on 1 March)."""
    before_birthday = (on.month, on.day) < (birth_date.month, birth_date.day)
    return on.year - birth_date.year - before_birthday


def _error(code: str, number: str, problem: str) -> RealtyError:
    return RealtyError(code, "{number}: {problem}", number=number, problem=problem)


def _region_ok(number: str, id_type: str) -> bool:
    """The region prefix fits the ID type (the "province" step of §8.5)."""
    if id_type == RESIDENT_ID:
        return int(number[:2]) in MAINLAND_PROVINCES
    if id_type == HMT_RESIDENCE_PERMIT:
        return int(number[:2]) in HMT_PREFIXES
    return number[0] == "9" and int(number[1:3]) in MAINLAND_PROVINCES


def validate_personal_id(
    number: str,
    id_type: str = RESIDENT_ID,
    *,
    today: date | None = None,
    min_birth_year: int = 1900,
) -> PersonalId:
    """Validate an 18-character resident ID or permit (§8.5, V-36).

    :param id_type: ``resident_id`` (first two digits a mainland province),
        ``hmt_residence_permit`` (81/82/83) or ``foreign_permanent_resident`` (9).
    :param today: the reference date for "not in the future" and the age (default:
        today in Asia/Shanghai).
    :param min_birth_year: ``id.min_birth_year``.
    :returns: the normalised number (trailing ``x`` upper-cased), birth date,
        gender (17th digit odd = male), age and the minor flag (under 18: guardian
        needed, not a block).
    """
    if id_type not in ID_TYPES:
        raise _error(ERR_ID_FORMAT, str(number), f"unknown ID type {id_type!r}")
    normalised = number.strip().upper()
    if not _ID_PATTERN.match(normalised):
        raise _error(ERR_ID_FORMAT, number, "not 17 digits and a digit or X")
    if not _region_ok(normalised, id_type):
        raise _error(ERR_ID_PROVINCE, number, f"region {normalised[:3]} is not valid")
    reference = today or datetime.now(CHINA_TZ).date()
    try:
        birth = date(
            int(normalised[6:10]), int(normalised[10:12]), int(normalised[12:14])
        )
    except ValueError:
        birth = None
    if birth is None or birth > reference or birth.year < min_birth_year:
        raise _error(ERR_ID_BIRTHDATE, number, f"birth date {normalised[6:14]}")
    if id_check_character(normalised[:17]) != normalised[17]:
        raise _error(ERR_ID_CHECKSUM, number, "wrong check character")
    age = age_on(birth, reference)
    return PersonalId(
        number=normalised,
        id_type=id_type,
        birth_date=birth,
        gender=MALE if int(normalised[16]) % 2 else FEMALE,
        age=age,
        is_minor=age < ADULT_AGE,
    )


def validate_uscc(code: str) -> str:
    """Validate a unified social credit code (GB 32100-2015, §8.5, V-37).

    :returns: the normalised (upper-case) code.
    :raises RealtyError: ``ERR_ID_FORMAT`` (length or a character outside
        ``0-9A-Z`` without I, O, S, V, Z), ``ERR_ID_CHECKSUM``.
    """
    normalised = code.strip().upper()
    if not _USCC_PATTERN.match(normalised):
        raise _error(ERR_ID_FORMAT, code, "not 18 characters of the USCC charset")
    total = sum(
        USCC_CHARSET.index(char) * weight
        for char, weight in zip(normalised[:17], _USCC_WEIGHTS, strict=True)
    )
    if USCC_CHARSET[(31 - total % 31) % 31] != normalised[17]:
        raise _error(ERR_ID_CHECKSUM, code, "wrong check character")
    return normalised
