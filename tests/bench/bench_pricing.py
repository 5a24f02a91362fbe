"""Benchmark of price plans on 10,000 rooms (realty.price.plan).

* Preview: pricing every room by the coefficient method (§3.2) and creating the plan
  lines, against the pure calculation alone (tools.list_unit_price and total_price
  over the same rooms' attributes, no ORM): the ratio is the cost of the ORM.
* Apply: writing the prices and the history, which the plan does in a fixed number
  of set-based statements, against one hand-written ``UPDATE ... FROM (VALUES ...)``
  of the same 10,000 prices: the ratio is what the history and the checks cost.

Run with ``make bench`` (``run_odoo(env, verbose)`` on a copy of the test template;
the harness rolls everything back).
"""

from __future__ import annotations

import time
from decimal import Decimal

from odoo import Command

BUILDINGS = 20
FLOORS = 25
POSITIONS = 20  # 20 × 25 × 20 = 10,000 rooms
ROOMS = BUILDINGS * FLOORS * POSITIONS


def _setup(env):
    project = env["realty.project"].create({"name": "Bench Pricing", "code": "BENCHP"})
    buildings = env["realty.building"].create(
        [
            {
                "name": f"{b}#",
                "code": f"P{b}",
                "project_id": project.id,
                "floors_above": FLOORS,
            }
            for b in range(1, BUILDINGS + 1)
        ]
    )
    for building in buildings:
        building._generate_rooms(
            [
                {
                    "stair_codes": ["1"],
                    "floor_from": 1,
                    "floor_to": FLOORS,
                    "position_from": 1,
                    "position_to": POSITIONS,
                    "orientation": "south",
                    "area_building": 98.57,
                    "area_inner": 77.91,
                    "area_shared": 20.66,
                }
            ]
        )
    plan = env["realty.price.plan"].create(
        {
            "name": "Bench",
            "project_id": project.id,
            "base_price": 30000,
            "base_floor": 6,
            "floor_step": 60,
            "coefficient_ids": [
                Command.create(
                    {
                        "criterion": "orientation",
                        "orientation": "south",
                        "method": "percent",
                        "amount": 1.5,
                    }
                ),
                Command.create(
                    {
                        "criterion": "position",
                        "position": 1,
                        "method": "additive",
                        "amount": 300,
                    }
                ),
            ],
        }
    )
    return project, plan


def _pure_pricing(env, project):
    """The same prices with the calculation library alone (the baseline)."""
    from odoo.addons.realty_base.tools import list_unit_price, total_price

    rooms = env["realty.room"].search_fetch(
        [("project_id", "=", project.id)],
        ["floor_physical", "position", "area_building_pred"],
    )
    facts = [
        (r.floor_physical, r.position, Decimal(str(r.area_building_pred)))
        for r in rooms
    ]
    start = time.perf_counter()
    for floor, position, area in facts:
        unit = list_unit_price(
            Decimal(30000),
            physical_floor=floor,
            base_floor=6,
            floor_step=Decimal(60),
            additions=[Decimal(300)] if position == 1 else [],
            coefficients=[Decimal("0.015")],
        )
        total_price(unit, area)
    return time.perf_counter() - start


def _sql_update(env, plan):
    """One UPDATE ... FROM (VALUES ...) of the plan's 10,000 prices (the baseline)."""
    rows = [(line.room_id.id, line.new_unit, line.new_total) for line in plan.line_ids]
    values = ",".join(
        env.cr.mogrify("(%s,%s::numeric,%s::numeric)", row).decode() for row in rows
    )
    start = time.perf_counter()
    env.cr.execute(
        "UPDATE realty_room r SET list_unit_price = v.u, list_total = v.t "
        f"FROM (VALUES {values}) AS v(id, u, t) WHERE r.id = v.id"
    )
    return time.perf_counter() - start


def run_odoo(env, verbose=False):
    env = env(context=dict(env.context, tracking_disable=True))
    project, plan = _setup(env)
    env.cr.flush()
    pure = _pure_pricing(env, project)
    start = time.perf_counter()
    plan.action_preview()
    env.flush_all()
    preview = time.perf_counter() - start
    plan.action_approve()
    env.flush_all()
    # the baseline writes the same prices the plan is about to write: the plan's
    # work (history from the rooms' current prices, checks, update) is unchanged
    baseline = _sql_update(env, plan)
    start = time.perf_counter()
    plan.action_apply()
    env.flush_all()
    apply = time.perf_counter() - start
    results = [
        ("pricing.preview_10000", preview, "s", preview / pure),
        ("pricing.apply_10000", apply, "s", apply / baseline),
    ]
    if verbose:
        print(
            f"pricing.preview_10000: {preview:.2f} s ({preview / pure:.1f} x the pure "
            f"calculation alone, {pure:.2f} s; {ROOMS / preview:.0f} rooms per second)"
        )
        print(
            f"pricing.apply_10000: {apply:.3f} s ({apply / baseline:.2f} x one "
            f"hand-written UPDATE of the same prices, {baseline:.3f} s)"
        )
    return results
