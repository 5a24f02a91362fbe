"""Nominal floor labels and room codes (§1.4).

Physical floors count real storeys (…, -2, -1, 1, 2, …; there is no floor 0).
Nominal labels are the positive integers without the building's skip set, given in
order to physical floors 1, 2, 3, …; basements are labelled ``B1``, ``B2``, ….
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .errors import ERR_INVALID_INPUT, ERR_SKIPPED_FLOOR, RealtyError

DEFAULT_ROOM_CODE_TEMPLATE = "{building}-{unit}-{floor_label}{position:02d}"
"""``inventory.room_code_template`` (§11)."""

TABOO_SKIP_FLOORS = frozenset({4, 13, 14, 18})
"""The "common taboo" preset of ``building.skip_floor_numbers`` (the default is ∅)."""

_DEFAULT_CODE_RE = re.compile(
    r"^(?P<building>[^-]+)-(?P<unit>[^-]+)-(?P<floor_label>B?\d+)(?P<position>\d{2})$"
)


@dataclass(frozen=True)
class RoomCode:
    """The parts of a room code written with the default template (§1.4)."""

    building: str
    unit: str
    floor_label: str
    position: int


def _skip_set(skip_floor_numbers: Iterable[int]) -> frozenset[int]:
    skip = frozenset(skip_floor_numbers)
    if any(not isinstance(n, int) or n < 1 for n in skip):
        raise RealtyError(
            ERR_INVALID_INPUT,
            "skipped floor numbers must be positive integers: {skip}",
            skip=sorted(skip, key=str),
        )
    return skip


def nominal_floor_labels(
    floors_above: int,
    skip_floor_numbers: Iterable[int] = (),
    floors_below: int = 0,
) -> dict[int, str]:
    """Map every physical floor of a building to its nominal label (§1.4, V-01).

    :param floors_above: number of storeys above ground (physical 1 … n).
    :param floors_below: number of basement storeys (physical -1 … -m → B1 … Bm).
    :returns: ``{physical: label}`` from the lowest basement to the top floor.
    """
    if floors_above < 0 or floors_below < 0:
        raise RealtyError(
            ERR_INVALID_INPUT,
            "floor counts must not be negative: {above}/{below}",
            above=floors_above,
            below=floors_below,
        )
    skip = _skip_set(skip_floor_numbers)
    labels = {-depth: f"B{depth}" for depth in range(floors_below, 0, -1)}
    number = 0
    for physical in range(1, floors_above + 1):
        number += 1
        while number in skip:
            number += 1
        labels[physical] = str(number)
    return labels


def nominal_floor_label(
    physical_floor: int, skip_floor_numbers: Iterable[int] = ()
) -> str:
    """Return the nominal label of one physical floor (§1.4): ``12 → "15"`` with the
    taboo set, ``-1 → "B1"``."""
    if physical_floor == 0:
        raise RealtyError(ERR_INVALID_INPUT, "there is no physical floor 0")
    if physical_floor < 0:
        return f"B{-physical_floor}"
    return nominal_floor_labels(physical_floor, skip_floor_numbers)[physical_floor]


def check_floor_label(floor_label: str, skip_floor_numbers: Iterable[int] = ()) -> None:
    """Refuse a nominal label that is in the skip set (§1.4).

    :raises RealtyError: ``ERR_SKIPPED_FLOOR``.
    """
    if floor_label.isdigit() and int(floor_label) in _skip_set(skip_floor_numbers):
        raise RealtyError(
            ERR_SKIPPED_FLOOR,
            "floor label {label} is a skipped floor number",
            label=floor_label,
        )


def room_code(
    building: str | int,
    unit: str | int,
    floor_label: str,
    position: int,
    *,
    skip_floor_numbers: Iterable[int] = (),
    template: str = DEFAULT_ROOM_CODE_TEMPLATE,
) -> str:
    """Format a room code from the template (§1.4): ``(1, 2, "15", 1) → "1-2-1501"``.

    :raises RealtyError: ``ERR_SKIPPED_FLOOR`` when the label is skipped,
        ``ERR_INVALID_INPUT`` for a template with other fields.
    """
    check_floor_label(floor_label, skip_floor_numbers)
    try:
        return template.format(
            building=building, unit=unit, floor_label=floor_label, position=position
        )
    except (KeyError, IndexError, ValueError) as exc:
        raise RealtyError(
            ERR_INVALID_INPUT,
            "cannot format room code with template {template!r}",
            template=template,
        ) from exc


def parse_room_code(code: str, skip_floor_numbers: Iterable[int] = ()) -> RoomCode:
    """Split a code written with the default template and check its floor (§1.4).

    ``"1-2-1401"`` with 14 skipped raises ``ERR_SKIPPED_FLOOR`` (V-01). Codes made
    with a custom template are checked with :func:`check_floor_label` instead.

    :raises RealtyError: ``ERR_INVALID_INPUT`` when the code does not match the
        default template, ``ERR_SKIPPED_FLOOR`` when its floor label is skipped.
    """
    match = _DEFAULT_CODE_RE.match(code.strip())
    if not match:
        raise RealtyError(
            ERR_INVALID_INPUT,
            "{code!r} is not a room code of the default template",
            code=code,
        )
    parts = match.groupdict()
    check_floor_label(parts["floor_label"], skip_floor_numbers)
    return RoomCode(
        building=parts["building"],
        unit=parts["unit"],
        floor_label=parts["floor_label"],
        position=int(parts["position"]),
    )
