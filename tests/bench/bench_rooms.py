"""Benchmark of room generation (房源生成), ``realty.building._generate_rooms``.

Generates 10,000 rooms: 50 buildings × 25 floors (skipping the floor numbers 4,
13, 14 and 18) × 8 positions × 1 entrance, one ``_generate_rooms`` batch per
building; the project and its buildings are created before the clock starts. The
timed part includes what the method does besides inserting rooms: planning the
codes, checking they are free, and creating the 50 entrances and 1,250 floors.

The baseline, timed in the same run: PostgreSQL inserting the same 10,000 rows
(every column, same values) into ``realty_room`` with one
``INSERT ... SELECT FROM unnest(...)``, after the ORM-created rooms are deleted.

Also reported: the rate in rooms per second and the growth of the process's peak
resident memory during generation (``ru_maxrss``; 0 when an earlier peak was
higher).

Run with ``make bench`` (``run_odoo(env, verbose)`` in an Odoo shell on a copy of
the test template; the harness rolls everything back).
"""

from __future__ import annotations

import resource
import time

from psycopg2.extras import Json

BUILDINGS = 50
FLOORS = 25
POSITIONS = 8
ROOMS = BUILDINGS * FLOORS * POSITIONS
SKIP = "4,13,14,18"
SQL_REPETITIONS = 3

# (building, inner, shared) predicted areas of positions 1..8, building = inner +
# shared exactly
AREAS = [
    (143.28, 113.06, 30.22),
    (125.36, 98.82, 26.54),
    (98.57, 77.91, 20.66),
    (89.57, 72.33, 17.24),
    (89.57, 72.33, 17.24),
    (98.57, 77.91, 20.66),
    (125.36, 98.82, 26.54),
    (143.28, 113.06, 30.22),
]
ORIENTATIONS = [
    "southeast",
    "south",
    "south",
    "north",
    "north",
    "south",
    "south",
    "southwest",
]


def _setup(env):
    """The project, one phase, a layout and the buildings, with no rooms."""
    project = env["realty.project"].create(
        {"name": "Bench Project", "code": "BENCH-ROOMS", "skip_floor_numbers": SKIP}
    )
    phase = env["realty.phase"].create({"name": "Bench", "project_id": project.id})
    layout = env["realty.layout"].create({"name": "BENCH", "project_id": project.id})
    buildings = env["realty.building"].create(
        [
            {
                "name": f"B{number}#",
                "code": f"B{number}",
                "project_id": project.id,
                "phase_id": phase.id,
                "floors_above": FLOORS,
                "skip_floor_numbers": SKIP,
            }
            for number in range(1, BUILDINGS + 1)
        ]
    )
    specs = [
        {
            "stair_codes": ["1"],
            "floor_from": 1,
            "floor_to": FLOORS,
            "position_from": position,
            "layout_id": layout.id,
            "orientation": ORIENTATIONS[position - 1],
            "area_building": area,
            "area_inner": inner,
            "area_shared": shared,
            "balcony_count": 1,
        }
        for position, (area, inner, shared) in enumerate(AREAS, start=1)
    ]
    env.flush_all()
    return buildings, specs


def _peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _generate(env, buildings, specs):
    """Seconds to generate every room with the ORM, flushed; the new room ids."""
    start = time.perf_counter()
    room_ids = []
    for building in buildings:
        room_ids += building._generate_rooms(specs).ids
    env.flush_all()
    return time.perf_counter() - start, room_ids


def _columns(cr):
    """``[(column, array type)]`` of realty_room, without its id."""
    cr.execute(
        """
        SELECT attname, format_type(atttypid, atttypmod)
          FROM pg_attribute
         WHERE attrelid = 'realty_room'::regclass
           AND attnum > 0 AND NOT attisdropped AND attname <> 'id'
         ORDER BY attnum
        """
    )
    return cr.fetchall()


def _direct_insert(env, room_ids):
    """Best seconds of one INSERT ... SELECT FROM unnest(...) of the same rows,
    after deleting them (and between repetitions)."""
    cr = env.cr
    columns = _columns(cr)
    names = ", ".join(f'"{name}"' for name, _type in columns)
    cr.execute(
        f"SELECT {names} FROM realty_room WHERE id = ANY(%s) ORDER BY id",
        [room_ids],
    )
    rows = cr.fetchall()
    assert len(rows) == ROOMS, len(rows)
    values = [
        [Json(v) if isinstance(v, dict) else v for v in column]  # jsonb columns
        for column in zip(*rows, strict=True)
    ]
    arrays = ", ".join(f"%s::{sql_type}[]" for _name, sql_type in columns)
    insert = f"INSERT INTO realty_room ({names}) SELECT * FROM unnest({arrays})"
    delete = "DELETE FROM realty_room WHERE building_id = ANY(%s)"
    building_ids = sorted(set(values[[n for n, _t in columns].index("building_id")]))
    best = float("inf")
    for _repetition in range(SQL_REPETITIONS):
        cr.execute(delete, [building_ids])
        start = time.perf_counter()
        cr.execute(insert, values)
        best = min(best, time.perf_counter() - start)
        assert cr.rowcount == ROOMS, cr.rowcount
    env.invalidate_all()
    return best


def run_odoo(env, verbose=False):
    """Every figure; returns ``(name, value, unit, ratio_or_None)`` tuples."""
    buildings, specs = _setup(env)
    rss_before = _peak_rss_mib()
    orm_seconds, room_ids = _generate(env, buildings, specs)
    rss_growth = _peak_rss_mib() - rss_before
    assert len(room_ids) == ROOMS, len(room_ids)
    sql_seconds = _direct_insert(env, room_ids)
    ratio = orm_seconds / sql_seconds
    results = [
        (f"rooms.generate_{ROOMS}", orm_seconds, "s", ratio),
        (f"rooms.generate_{ROOMS}_rate", ROOMS / orm_seconds, "rooms per second", None),
        (f"rooms.generate_{ROOMS}_peak_rss_growth", rss_growth, "MiB", None),
    ]
    if verbose:
        print(
            f"rooms.generate_{ROOMS}: {orm_seconds:.2f} s ({ratio:.1f} x a direct "
            f"SQL INSERT of the same rows, {sql_seconds:.3f} s; {BUILDINGS} "
            "_generate_rooms batches, entrances and floors included)",
            flush=True,
        )
        print(
            f"rooms.generate_{ROOMS}_rate: {ROOMS / orm_seconds:.0f} rooms per second",
            flush=True,
        )
        print(
            f"rooms.generate_{ROOMS}_peak_rss_growth: {rss_growth:.0f} MiB "
            "(growth of the process's peak resident memory while generating)",
            flush=True,
        )
    return results
