"""V-38: phone numbers."""

import pytest
from realty_base.tools import RealtyError, parse_phone, phone

VALID = [
    ("13800138000", "mobile", "+8613800138000", "138 0013 8000"),
    ("+86 138-0013-8000", "mobile", "+8613800138000", "138 0013 8000"),
    ("(+86)13800138000", "mobile", "+8613800138000", "138 0013 8000"),
    ("008613800138000", "mobile", "+8613800138000", "138 0013 8000"),
    ("8613800138000", "mobile", "+8613800138000", "138 0013 8000"),
    ("19912345678", "mobile", "+8619912345678", "199 1234 5678"),
    ("010-12345678", "landline", "+861012345678", "010-12345678"),
    ("01012345678", "landline", "+861012345678", "010-12345678"),
    ("0755-1234567", "landline", "+867551234567", "0755-1234567"),
    ("0755-12345678-801", "landline", "+8675512345678", "0755-12345678-801"),
    ("400-820-8820", "service", "+864008208820", "400-820-8820"),
]


@pytest.mark.parametrize("raw, kind, e164, display", VALID, ids=[v[0] for v in VALID])
def test_v38_valid_numbers(raw, kind, e164, display):
    number = parse_phone(raw, kind)
    assert (number.kind, number.e164, number.display) == (kind, e164, display)
    assert parse_phone(raw).kind == kind


def test_v38_extension_kept_apart():
    assert parse_phone("0755-12345678-801").extension == "801"


@pytest.mark.parametrize(
    "raw, kind",
    [
        ("12345678901", "mobile"),
        ("1380013800", "mobile"),
        ("138001380001", "mobile"),
        ("021-123456", "landline"),
        ("021-123456", None),
        ("4008208820x", "service"),
    ],
)
def test_v38_invalid_numbers(raw, kind):
    with pytest.raises(RealtyError) as info:
        parse_phone(raw, kind)
    assert info.value.code == "ERR_PHONE_FORMAT"


def test_v38_mobile_only_when_asked():
    with pytest.raises(RealtyError) as info:
        parse_phone("010-12345678", "mobile")
    assert info.value.code == "ERR_PHONE_FORMAT"


# ------------------------------------------------ the stored forms of a buyer's numbers
@pytest.mark.parametrize(
    "raw, stored",
    [
        ("138 0013 8000", "+8613800138000"),
        ("+86 138-0013-8000", "+8613800138000"),
        ("+852 9123 4567", "+85291234567"),  # Hong Kong, with its country code
        ("00852 9123 4567", "+85291234567"),
    ],
)
def test_v38_stored_mobile(raw, stored):
    assert phone.normalise_mobile(raw) == stored
    assert phone.mobile_key(raw) == stored


@pytest.mark.parametrize("raw", ["12345678901", "010-12345678", "+852 123", "91234567"])
def test_v38_stored_mobile_refused(raw):
    with pytest.raises(RealtyError) as info:
        phone.normalise_mobile(raw)
    assert info.value.code == "ERR_PHONE_FORMAT"
    assert phone.mobile_key(raw) is None


@pytest.mark.parametrize(
    "raw, stored",
    [
        ("010-12345678", "010-12345678"),
        ("+86 10 1234 5678", "010-12345678"),  # Odoo's phone widget format
        ("+86 400 820 8820", "400-820-8820"),  # not a landline of area 0400
        ("13800138000", "+8613800138000"),  # a mobile in the phone field
        ("+852 2123 4567", "+85221234567"),
    ],
)
def test_v38_stored_phone(raw, stored):
    assert phone.normalise_phone(raw) == stored


def test_v38_stored_phone_refused():
    with pytest.raises(RealtyError) as info:
        phone.normalise_phone("021-123456")
    assert info.value.code == "ERR_PHONE_FORMAT"


@pytest.mark.parametrize(
    "stored, shown",
    [
        ("+8613800138000", "138 0013 8000"),
        ("+85291234567", "+852 9123 4567"),
        ("not a number", "not a number"),
        (None, None),
        ("", None),
    ],
)
def test_v38_mobile_display(stored, shown):
    assert phone.mobile_display(stored) == shown
