"""Reproducible internal draw (§10.3).

``key(n) = SHA-256(UTF-8(seed + "|" + n))`` in lower-case hex; the order is ascending
by key. The seed is published beforehand; the seed, the input-list hash and the
result are stored so that anyone can re-run the draw.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from .errors import ERR_INVALID_INPUT, RealtyError


@dataclass(frozen=True)
class DrawResult:
    """A draw: its seed, the hash of its input list and the ordered registrations
    with their keys (rank = index + 1)."""

    seed: str
    input_hash: str
    order: tuple[tuple[str, str], ...]


def draw_key(seed: str, registration: str) -> str:
    """``SHA-256(UTF-8(seed + "|" + registration))`` as lower-case hex (V-44)."""
    return hashlib.sha256(f"{seed}|{registration}".encode()).hexdigest()


def input_list_hash(registrations: Iterable[str]) -> str:
    """SHA-256 of the sorted registration numbers joined by newlines: the same set
    gives the same hash whatever order it was listed in."""
    return hashlib.sha256("\n".join(sorted(registrations)).encode()).hexdigest()


def run_draw(seed: str, registrations: Iterable[str]) -> DrawResult:
    """Order registrations by their keys (§10.3, V-44).

    :raises RealtyError: ``ERR_INVALID_INPUT`` for an empty seed or a registration
        listed twice.
    """
    entries = list(registrations)
    if not seed or len(set(entries)) != len(entries):
        raise RealtyError(
            ERR_INVALID_INPUT, "a draw needs a seed and distinct registrations"
        )
    keyed = sorted((draw_key(seed, entry), entry) for entry in entries)
    return DrawResult(
        seed=seed,
        input_hash=input_list_hash(entries),
        order=tuple((entry, key) for key, entry in keyed),
    )
