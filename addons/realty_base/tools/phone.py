"""Phone numbers: mobiles, landlines and 400/800 service numbers (§8.6).

§8.6's patterns decide validity; the ``phonenumbers`` library parses the national
number and writes the E.164 form that is stored (``+8613800138000``).

* :func:`parse_phone` validates a mainland number of a kind (V-38).
* :func:`normalise_mobile` and :func:`normalise_phone` give the stored form of a
  buyer's mobile and other phone; numbers outside the mainland, written with their
  country code, are accepted in E.164. :func:`mobile_key` (the stored form or None)
  and :func:`mobile_display` (``138 0013 8000``) read them back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

from .errors import ERR_INVALID_INPUT, ERR_PHONE_FORMAT, RealtyError

MOBILE = "mobile"
LANDLINE = "landline"
SERVICE = "service"
PHONE_KINDS = (MOBILE, LANDLINE, SERVICE)

_MOBILE_CLEAN = re.compile(r"[\s\-()]")
_MOBILE_PREFIX = re.compile(r"^(?:\+86|0086)")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(
    r"^(?P<area>0(?:10|2\d))-?(?P<local>\d{8})(?:-(?P<ext>\d{1,6}))?$"
    r"|^(?P<area4>0[3-9]\d{2})-?(?P<local4>\d{7,8})(?:-(?P<ext4>\d{1,6}))?$"
)
_SERVICE = re.compile(r"^(?P<head>400|800)-?(?P<mid>\d{3})-?(?P<tail>\d{4})$")


@dataclass(frozen=True)
class PhoneNumber:
    """A validated phone number: E.164 for storage, a display form, the extension."""

    kind: str
    e164: str
    display: str
    extension: str = ""


def _formats(national: str) -> tuple[str, str]:
    """The E.164 and national display forms of a mainland number (``phonenumbers``)."""
    parsed = phonenumbers.parse(national, "CN")
    return (
        phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164),
        phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL),
    )


def _mobile(raw: str) -> PhoneNumber | None:
    digits = _MOBILE_CLEAN.sub("", raw)
    stripped = _MOBILE_PREFIX.sub("", digits)
    if stripped == digits and len(digits) == 13 and digits.startswith("86"):
        stripped = digits[2:]
    if not _MOBILE.match(stripped):
        return None
    return PhoneNumber(MOBILE, *_formats(stripped))


def _landline(raw: str) -> PhoneNumber | None:
    match = _LANDLINE.match(re.sub(r"\s", "", raw))
    if not match:
        return None
    area = match["area"] or match["area4"]
    local = match["local"] or match["local4"]
    extension = match["ext"] or match["ext4"] or ""
    display = f"{area}-{local}" + (f"-{extension}" if extension else "")
    return PhoneNumber(LANDLINE, _formats(area + local)[0], display, extension)


def _service(raw: str) -> PhoneNumber | None:
    match = _SERVICE.match(re.sub(r"\s", "", raw))
    if not match:
        return None
    national = match["head"] + match["mid"] + match["tail"]
    display = f"{match['head']}-{match['mid']}-{match['tail']}"
    return PhoneNumber(SERVICE, _formats(national)[0], display)


_PARSERS = {MOBILE: _mobile, LANDLINE: _landline, SERVICE: _service}


def parse_phone(raw: str, kind: str | None = None) -> PhoneNumber:
    """Validate and normalise a phone number (§8.6, V-38).

    Mobiles: spaces, hyphens and parentheses are removed, then a leading ``+86`` or
    ``0086``, or ``86`` when the string has 13 digits; the rest must match
    ``^1[3-9]\\d{9}$``. Landlines and service numbers follow §8.6's patterns after
    removing spaces.

    :param kind: ``mobile``, ``landline`` or ``service``; None tries them in that
        order.
    :raises RealtyError: ``ERR_PHONE_FORMAT``.
    """
    if kind is not None and kind not in _PARSERS:
        raise RealtyError(ERR_INVALID_INPUT, "unknown phone kind {kind!r}", kind=kind)
    for parser_kind in [kind] if kind else PHONE_KINDS:
        number = _PARSERS[parser_kind](raw)
        if number is not None:
            return number
    raise RealtyError(
        ERR_PHONE_FORMAT,
        "{raw!r} is not a valid {kind} number",
        raw=raw,
        kind=kind or "phone",
    )


def _foreign_e164(raw: str) -> str | None:
    """E.164 of a valid number outside the mainland (``+852 9123 4567``), else None.

    §8.6 describes mainland numbers; buyers from Hong Kong, Macau, Taiwan or abroad
    may only have their own, written with their country code."""
    cleaned = _MOBILE_CLEAN.sub("", raw)
    if not cleaned.startswith(("+", "00")) or _MOBILE_PREFIX.match(cleaned):
        return None
    international = "+" + cleaned[2:] if cleaned.startswith("00") else cleaned
    try:
        parsed = phonenumbers.parse(international, None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def _mainland_from_international(raw: str) -> PhoneNumber | None:
    """A landline or service number written as ``+86 10 1234 5678`` (the form Odoo's
    phone widget produces), else None.

    A 400/800 number is tried first: with a 0 before it, ``+86 400 820 8820`` would
    pass for a landline of the (non-existent) area code 0400."""
    cleaned = _MOBILE_CLEAN.sub("", raw)
    match = _MOBILE_PREFIX.match(cleaned)
    if not match:
        return None
    national = cleaned[match.end() :]
    for candidate, kind in ((national, SERVICE), ("0" + national, LANDLINE)):
        number = _PARSERS[kind](candidate)
        if number is not None:
            return number
    return None


def normalise_mobile(raw: str) -> str:
    """The stored form of a buyer's mobile: E.164 (``+8613800138000``, V-38).

    :raises RealtyError: ``ERR_PHONE_FORMAT``.
    """
    try:
        return parse_phone(raw, MOBILE).e164
    except RealtyError:
        foreign = _foreign_e164(raw)
        if foreign:
            return foreign
        raise


def normalise_phone(raw: str) -> str:
    """The stored form of a buyer's other phone: a mobile in E.164, a landline or
    service number in its display form (``010-12345678``, extension kept).

    :raises RealtyError: ``ERR_PHONE_FORMAT``.
    """
    try:
        number = parse_phone(raw)
    except RealtyError:
        number = _mainland_from_international(raw)
        if number is None:
            foreign = _foreign_e164(raw)
            if foreign:
                return foreign
            raise
    return number.e164 if number.kind == MOBILE else number.display


def mobile_key(raw: str | None) -> str | None:
    """The E.164 form of `raw` if it is a mobile, else None (never raises)."""
    if not raw:
        return None
    try:
        return normalise_mobile(raw)
    except RealtyError:
        return None


def mobile_display(value: str | None) -> str | None:
    """The display form of a stored mobile: ``138 0013 8000``; foreign numbers in
    international form; anything else unchanged (None for none)."""
    if not value:
        return None
    try:
        return parse_phone(value, MOBILE).display
    except RealtyError:
        foreign = _foreign_e164(value)
        if not foreign:
            return value
        return phonenumbers.format_number(
            phonenumbers.parse(foreign, None),
            phonenumbers.PhoneNumberFormat.INTERNATIONAL,
        )
