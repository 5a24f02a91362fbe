"""Benchmark of the sales-control grid's server method on 1,000- and 5,000-room
buildings (realty.building.get_sales_grid, issue: the grid).

The baseline is one hand-written SQL query returning the same columns for the same
building (rooms, their active deal's buyer, layout, stair and hold reason joined):
the ratio is what the method adds (access checks, the legend, the layout and
translation look-ups, building the dicts). Each figure is the best of 5 calls, so
that the first call's caches do not count.

Run with ``make bench``.
"""

from __future__ import annotations

from bench.harness import best_of

SIZES = (1000, 5000)
REPEAT = 5
BASELINE = """
    SELECT r.id, r.code, r.stair_id, s.code AS stair, r.floor_label, r.floor_physical,
           r.position, r.state, r.layout_id, l.name AS layout,
           r.hold_reason_id, h.name->>'en_US' AS hold_reason,
           COALESCE(NULLIF(r.area_building_meas, 0), r.area_building_pred) AS area,
           r.list_unit_price, r.list_total, r.state_date, p.name AS buyer
      FROM realty_room r
      JOIN realty_stair s ON s.id = r.stair_id
 LEFT JOIN realty_layout l ON l.id = r.layout_id
 LEFT JOIN realty_hold_reason h ON h.id = r.hold_reason_id
 LEFT JOIN realty_deal d ON d.room_id = r.id AND d.status = 'active'
 LEFT JOIN res_partner p ON p.id = d.partner_id
     WHERE r.building_id = %s
  ORDER BY r.floor_physical DESC, r.position
"""


def _building(env, project, rooms):
    """A building of `rooms` rooms: 4 entrances × 25 floors × n positions."""
    positions = rooms // 100
    building = env["realty.building"].create(
        {
            "name": f"G{rooms}#",
            "code": f"G{rooms}",
            "project_id": project.id,
            "floors_above": 25,
        }
    )
    building._generate_rooms(
        [
            {
                "stair_codes": ["1", "2", "3", "4"],
                "floor_from": 1,
                "floor_to": 25,
                "position_from": 1,
                "position_to": positions,
                "area_building": 98.57,
                "area_inner": 77.91,
                "area_shared": 20.66,
            }
        ]
    )
    env.cr.execute(
        "UPDATE realty_room SET list_unit_price = 30000, list_total = 2957100,"
        " state = 'available' WHERE building_id = %s",
        [building.id],
    )
    env.invalidate_all()
    return building


def _best(call):
    return best_of(call, REPEAT)


def run_odoo(env, verbose=False):
    env = env(context=dict(env.context, tracking_disable=True))
    project = env["realty.project"].create({"name": "Bench Grid", "code": "BENCHG"})
    results = []
    for size in SIZES:
        building = _building(env, project, size)
        env.flush_all()
        Building = env["realty.building"]

        def method(building=building, Building=Building):
            env.invalidate_all()
            Building.get_sales_grid(building.id)

        def baseline(building=building):
            env.cr.execute(BASELINE, [building.id])
            env.cr.fetchall()

        grid = _best(method)
        sql = _best(baseline)
        results.append((f"grid.building_{size}", grid, "s", grid / sql))
        if verbose:
            print(
                f"grid.building_{size}: {grid * 1000:.1f} ms ({grid / sql:.1f} x one "
                f"hand-written SQL query of the same columns, {sql * 1000:.1f} ms)"
            )
    return results
