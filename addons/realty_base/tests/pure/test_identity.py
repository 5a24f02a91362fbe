"""V-36 (resident IDs and permits) and V-37 (USCC); checksum properties."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from realty_base.tools import RealtyError, age_on, validate_personal_id, validate_uscc

TODAY = date(2026, 6, 1)
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
PROVINCES = [
    11,
    12,
    13,
    14,
    15,
    21,
    22,
    23,
    31,
    32,
    33,
    34,
    35,
    36,
    37,
    41,
    42,
    43,
    44,
    45,
    46,
    50,
    51,
    52,
    53,
    54,
    61,
    62,
    63,
    64,
    65,
]


def check_char(first17: str) -> str:
    return "10X98765432"[
        sum(int(c) * w for c, w in zip(first17, WEIGHTS, strict=True)) % 11
    ]


@pytest.mark.parametrize(
    "number, birth, gender",
    [
        ("11010519491231002X", date(1949, 12, 31), "female"),
        ("11010519491231002x", date(1949, 12, 31), "female"),
        ("320106199003071234", date(1990, 3, 7), "male"),
        ("440305198511200028", date(1985, 11, 20), "female"),
        ("510104200002291233", date(2000, 2, 29), "male"),
    ],
)
def test_v36_valid_resident_ids(number, birth, gender):
    person = validate_personal_id(number, today=TODAY)
    assert person.number == number.upper()
    assert (person.birth_date, person.gender, person.is_minor) == (birth, gender, False)


@pytest.mark.parametrize(
    "number, code",
    [
        ("110105194912310021", "ERR_ID_CHECKSUM"),
        ("510104200002291234", "ERR_ID_CHECKSUM"),
        ("110105199902300012", "ERR_ID_BIRTHDATE"),
        ("440524188001010014", "ERR_ID_BIRTHDATE"),
        ("32010619900307123", "ERR_ID_FORMAT"),
        ("991234199001011234", "ERR_ID_PROVINCE"),
        ("810000199001010019", "ERR_ID_PROVINCE"),
        ("110105203001010011", "ERR_ID_BIRTHDATE"),
        ("110105490101001", "ERR_ID_FORMAT"),
    ],
)
def test_v36_invalid_resident_ids(number, code):
    with pytest.raises(RealtyError) as info:
        validate_personal_id(number, today=TODAY)
    assert info.value.code == code


def test_v36_min_birth_year_1800_variant():
    person = validate_personal_id(
        "440524188001010014", today=TODAY, min_birth_year=1800
    )
    assert person.birth_date == date(1880, 1, 1) and person.gender == "male"


def test_v36_hong_kong_residence_permit():
    person = validate_personal_id(
        "810000199001010019", "hmt_residence_permit", today=TODAY
    )
    assert person.id_type == "hmt_residence_permit"
    assert person.birth_date == date(1990, 1, 1)
    with pytest.raises(RealtyError) as info:
        validate_personal_id("11010519491231002X", "hmt_residence_permit", today=TODAY)
    assert info.value.code == "ERR_ID_PROVINCE"


def test_v36_foreign_permanent_resident():
    first17 = "93115619900101012"  # 9, province 31, country 156, 1990-01-01
    number = first17 + check_char(first17)
    person = validate_personal_id(number, "foreign_permanent_resident", today=TODAY)
    assert person.birth_date == date(1990, 1, 1) and person.gender == "female"
    with pytest.raises(RealtyError) as info:
        validate_personal_id(number, today=TODAY)
    assert info.value.code == "ERR_ID_PROVINCE"


def test_v36_minor_flag_and_age():
    first17 = "11010520100602001"
    person = validate_personal_id(first17 + check_char(first17), today=TODAY)
    assert (person.age, person.is_minor) == (15, True)
    assert age_on(date(2008, 2, 29), date(2026, 2, 28)) == 17
    assert age_on(date(2008, 2, 29), date(2026, 3, 1)) == 18


@pytest.mark.parametrize(
    "code, error",
    [
        ("91350100M000100Y43", None),
        ("91350100m000100y43", None),
        ("91350100M000100Y44", "ERR_ID_CHECKSUM"),
        ("91350100I000100Y43", "ERR_ID_FORMAT"),
        ("91350100M000100Y4", "ERR_ID_FORMAT"),
    ],
)
def test_v37_uscc(code, error):
    if error is None:
        assert validate_uscc(code) == code.upper()
    else:
        with pytest.raises(RealtyError) as info:
            validate_uscc(code)
        assert info.value.code == error


@st.composite
def resident_ids(draw):
    province = draw(st.sampled_from(PROVINCES))
    region = draw(st.integers(0, 9999))
    birth = draw(st.dates(date(1900, 1, 1), date(2025, 12, 31)))
    sequence = draw(st.integers(0, 999))
    first17 = f"{province:02d}{region:04d}{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_char(first17), birth, sequence


@settings(max_examples=500)
@given(resident_ids(), st.integers(0, 17), st.integers(1, 10))
def test_property_resident_id_checksum(generated, position, shift):
    number, birth, sequence = generated
    person = validate_personal_id(number, today=TODAY)
    assert person.birth_date == birth
    assert person.gender == ("male" if sequence % 2 else "female")
    alphabet = "0123456789X" if position == 17 else "0123456789"
    step = (shift - 1) % (len(alphabet) - 1) + 1
    changed_char = alphabet[(alphabet.index(number[position]) + step) % len(alphabet)]
    changed = number[:position] + changed_char + number[position + 1 :]
    assert changed != number
    with pytest.raises(RealtyError) as info:
        validate_personal_id(changed, today=TODAY)
    assert info.value.code in ("ERR_ID_PROVINCE", "ERR_ID_BIRTHDATE", "ERR_ID_CHECKSUM")
