"""The demo project 湖畔花园 (Lakeside Garden, Hangzhou), built once at install.

``demo/realty_demo.xml`` defines the developer (a company of its own), its users,
the project, its phases, layouts, buildings and draft presale permits (XML ids
ending in ``_demo``), then calls
:meth:`RealtyDemo._create_demo_project`. That method does what a sales office does
next, through the models' own methods:

1. generates the rooms of each building in one batch (``_generate_rooms``);
2. tags their views (湖景, 园景, 街景);
3. prices them with price plans (§3.2): one coefficient plan per building and
   usage, the parking spaces room by room, each previewed, approved and applied
   with its prices filed (备案价, 一房一价); a +1 % adjustment waits for approval;
4. validates the permits, with their approved area;
5. as the demo sales manager, releases three launch batches and holds a few rooms
   (销控) with the hold reasons of ``data/realty_hold_reason_data.xml``.

The file is ``noupdate``, so an update (``-u``) runs none of this again.
"""

import logging
import time
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from odoo import Command, api, models

from ..const import USAGES
from ..tools import list_unit_price, total_price, unit_price_from_total

_logger = logging.getLogger(__name__)

XMLID = "realty_base.{}_demo"

# ------------------------------------------------------------------------- the plan

LAYOUT_AREAS = {
    # layout: (building, inner, shared) predicted areas in m², building = inner +
    # shared exactly, and (balconies, enclosed balconies)
    "layout_a1": (("125.36", "98.82", "26.54"), (2, 1)),
    "layout_a2": (("98.57", "77.91", "20.66"), (1, 0)),
    "layout_b1": (("143.28", "113.06", "30.22"), (2, 1)),
    "layout_c1": (("89.57", "72.33", "17.24"), (1, 0)),
    "layout_d1": (("168.45", "142.17", "26.28"), (3, 1)),
    "layout_s1": (("65.32", "52.18", "13.14"), (0, 0)),
}

ORIENTATION_COEFFICIENTS = {
    "north_south": "0.02",
    "south": "0.015",
    "southeast": "0.01",
    "southwest": "0.005",
    "north": "-0.02",
}
"""Price coefficients (§3.2 ``pct_j``) of the orientations; the others are 0."""

VIEW_TAGS = {
    # key: (English name, Chinese name, price coefficient)
    "lake": ("Lake View", "湖景", "0.03"),
    "garden": ("Garden View", "园景", "0.01"),
    "street": ("Street View", "街景", "-0.01"),
}


@dataclass(frozen=True)
class Pricing:
    """A building's price plan (§3.2): ``base`` 元/m² at ``base_floor``, ``step``
    元/m² per physical floor, ``overrides`` the step of some floors."""

    base: str
    base_floor: int = 1
    step: str = "0"
    overrides: tuple = ()


@dataclass(frozen=True)
class Line:
    """One line of a building's room generation, with how its rooms are priced and
    which views they have. A line with a ``total`` is priced per unit (parking)."""

    stairs: tuple
    floors: tuple
    positions: tuple
    layout: str | None = None
    pricing: Pricing | None = None
    orientation: str | bool = False
    views: tuple = ()
    usage: str = "residential"
    areas: tuple | None = None
    coefficients: tuple = ()
    total: str | None = None
    property_right: str = "full"

    def area_values(self):
        if self.areas:
            return self.areas, (0, 0)
        return LAYOUT_AREAS[self.layout]


TOWER_STEPS = {"base_floor": 3, "overrides": ((1, "-900"), (2, "-600"))}
P1 = Pricing("32600", step="90", **TOWER_STEPS)  # 1#, on the lake
P2 = Pricing("31200", step="85", **TOWER_STEPS)
P3 = Pricing("30400", step="80", **TOWER_STEPS)
P5 = Pricing("34000", base_floor=2, step="-250", overrides=((1, "1200"), (6, "600")))
"""5# has no elevator: higher floors are cheaper, the ground floor has a private
garden and the top floor a terrace."""
P6 = Pricing("31800", step="90", **TOWER_STEPS)
P7 = Pricing("31000", step="85", **TOWER_STEPS)
P8 = Pricing("29800", step="80", **TOWER_STEPS)
SHOPS = Pricing("56000")
STORAGE = Pricing("12800")

S12 = ("1", "2")
LOW, HIGH = (1, 7), (8, 33)  # the lake is seen from the 8th physical floor up


def _shops(positions, *coefficients):
    """Street shops on the ground floor of both entrances."""
    return Line(
        S12,
        (1, 1),
        positions,
        "layout_s1",
        SHOPS,
        "west",
        ("street",),
        usage="commercial",
        coefficients=coefficients,
    )


def _storage(positions, areas):
    """Storage rooms on the first basement floor of both entrances."""
    return Line(S12, (-1, -1), positions, areas=areas, pricing=STORAGE, usage="storage")


def _parking(zone, positions, areas, total, property_right="full"):
    """Parking spaces of a garage zone (its "entrance"), priced per space."""
    return Line(
        (zone,),
        (-1, -1),
        positions,
        areas=areas,
        usage="parking",
        total=total,
        property_right=property_right,
    )


PLAN = {
    "building_1": [
        Line(S12, LOW, (1, 1), "layout_b1", P1, "southeast", ("garden",)),
        Line(S12, HIGH, (1, 1), "layout_b1", P1, "southeast", ("lake",)),
        Line(S12, LOW, (2, 2), "layout_a2", P1, "south", ("garden",)),
        Line(S12, HIGH, (2, 2), "layout_a2", P1, "south", ("lake",)),
        Line(S12, LOW, (3, 3), "layout_a1", P1, "southwest", ("garden",)),
        Line(S12, HIGH, (3, 3), "layout_a1", P1, "southwest", ("lake",)),
    ],
    "building_2": [
        # the podium: street shops, the corner ones (01, 05) 6 % dearer
        _shops((1, 1), "0.06"),
        _shops((2, 4)),
        _shops((5, 5), "0.06"),
        Line(S12, (2, 10), (1, 1), "layout_a1", P2, "north_south", ("street",)),
        Line(S12, (11, 33), (1, 1), "layout_a1", P2, "north_south"),
        Line(S12, (2, 33), (2, 2), "layout_c1", P2, "south", ("garden",)),
    ],
    "building_3": [
        Line(S12, (1, 26), (1, 1), "layout_a1", P3, "southeast", ("garden",)),
        Line(S12, (1, 26), (2, 2), "layout_c1", P3, "north"),
        Line(S12, (1, 26), (3, 3), "layout_a2", P3, "southwest", ("garden",)),
    ],
    "building_5": [
        Line(S12, (1, 6), (1, 2), "layout_d1", P5, "north_south", ("lake", "garden")),
        # basement storage rooms (储藏室): 5-1-B101 …
        _storage((1, 2), ("8.65", "7.02", "1.63")),
        _storage((3, 4), ("10.28", "8.34", "1.94")),
        _storage((5, 6), ("12.40", "10.06", "2.34")),
    ],
    "building_garage": [
        # parking zones A, B (property right) and C (civil defence, use right only),
        # priced per space: P-A-B101 …
        _parking("A", (1, 10), ("35.42", "13.25", "22.17"), "248000"),
        _parking("A", (11, 60), ("35.42", "13.25", "22.17"), "228000"),
        _parking("B", (1, 60), ("34.86", "12.50", "22.36"), "198000"),
        _parking("C", (1, 60), ("32.10", "12.50", "19.60"), "158000", "use_right"),
    ],
    "building_6": [
        Line(S12, LOW, (1, 1), "layout_b1", P6, "southeast", ("garden",)),
        Line(S12, HIGH, (1, 1), "layout_b1", P6, "southeast", ("lake",)),
        Line(S12, (1, 33), (2, 2), "layout_a1", P6, "south", ("garden",)),
    ],
    "building_7": [
        Line(S12, (1, 33), (1, 1), "layout_a1", P7, "south", ("garden",)),
        Line(S12, (1, 33), (2, 2), "layout_a2", P7, "south"),
    ],
    "building_8": [
        Line(S12, (1, 33), (1, 1), "layout_a2", P8, "southeast"),
        Line(S12, (1, 10), (2, 2), "layout_c1", P8, "north", ("street",)),
        Line(S12, (11, 33), (2, 2), "layout_c1", P8, "north"),
        Line(S12, (1, 33), (3, 3), "layout_a2", P8, "southwest"),
    ],
}

LAUNCH_BATCHES = [
    # (name, date, phase, buildings, garage zones, note)
    (
        "一期首批推盘（1#、2#）",
        "2025-03-28",
        "phase_1",
        ("building_1", "building_2"),
        (),
        "首开：1#、2#全部房源（含2#沿街商铺），按备案价一房一价公示。",
    ),
    (
        "一期加推（3#、5#、车位）",
        "2025-06-08",
        "phase_1",
        ("building_3", "building_5"),
        ("A", "B"),
        "加推3#、5#洋房及储藏室、地下车库A、B区产权车位；C区人防车位暂缓。",
    ),
    (
        "二期首开（6#）",
        "2025-09-27",
        "phase_2",
        ("building_6",),
        (),
        "二期首开：6#全部房源。",
    ),
]

HOLDS = [
    # (hold reason, note, room codes)
    ("hold_reason_company", "样板房（展示中）", ("1-1-301", "1-1-302", "1-1-303")),
    (
        "hold_reason_price_review",
        "转角商铺价格待集团复核",
        ("2-1-101", "2-1-105", "2-2-101", "2-2-105"),
    ),
    ("hold_reason_quality", "外墙渗水整改中", ("3-2-1201", "3-2-1202")),
    ("hold_reason_legal", "在建工程抵押解除手续办理中", ("5-1-101",)),
]


class RealtyDemo(models.AbstractModel):
    """Builds the demo project (called from demo/realty_demo.xml at install)."""

    _name = "realty.demo"
    _description = "Realty Demo Data"

    @api.model
    def _create_demo_project(self):
        started = time.perf_counter()
        rooms_by_line = self._demo_generate_rooms()
        self._demo_tag_views(rooms_by_line)
        self._demo_price_plans(rooms_by_line)
        self._demo_validate_permits()
        manager = self.env.ref(XMLID.format("user_manager"))
        self.with_user(manager)._demo_release_and_hold(rooms_by_line)
        self.env.flush_all()
        _logger.info(
            "Demo project 湖畔花园: %s rooms in %.2f s",
            sum(len(rooms) for rooms in rooms_by_line.values()),
            time.perf_counter() - started,
        )
        return True

    @api.model
    def _demo_generate_rooms(self):
        """``{(building xmlid, line): rooms}``, one ``_generate_rooms`` per building."""
        rooms_by_line = {}
        for building_key, lines in PLAN.items():
            building = self.env.ref(XMLID.format(building_key))
            specs, line_of = [], {}
            for line in lines:
                (area, inner, shared), (balconies, enclosed) = line.area_values()
                specs.append(
                    {
                        "stair_codes": list(line.stairs),
                        "floor_from": line.floors[0],
                        "floor_to": line.floors[1],
                        "position_from": line.positions[0],
                        "position_to": line.positions[1],
                        "layout_id": line.layout
                        and self.env.ref(XMLID.format(line.layout)).id,
                        "usage": line.usage,
                        "orientation": line.orientation,
                        "property_right": line.property_right,
                        "area_building": float(area),
                        "area_inner": float(inner),
                        "area_shared": float(shared),
                        "balcony_count": balconies,
                        "balcony_enclosed_count": enclosed,
                    }
                )
                for stair in line.stairs:
                    for floor in range(line.floors[0], line.floors[1] + 1):
                        for position in range(line.positions[0], line.positions[1] + 1):
                            line_of[stair, floor, position] = line
            rooms = building._generate_rooms(specs)
            grouped = defaultdict(list)
            for room in rooms:
                key = (room.stair_id.code, room.floor_physical, room.position)
                grouped[line_of[key]].append(room.id)
            Room = self.env["realty.room"]
            for line, ids in grouped.items():
                rooms_by_line[building_key, line] = Room.browse(ids)
        return rooms_by_line

    @api.model
    def _demo_price(self, line, physical_floor):
        """``(list unit price, list total)`` of a room of `line` on `physical_floor`,
        by the coefficient method (§3.2, V-03) or from a fixed total (parking)."""
        area = line.area_values()[0][0]
        if line.total:
            total = Decimal(line.total)
            return unit_price_from_total(total, area), total
        pricing = line.pricing
        coefficients = [
            ORIENTATION_COEFFICIENTS.get(line.orientation),
            *(VIEW_TAGS[view][2] for view in line.views),
            *line.coefficients,
        ]
        unit = list_unit_price(
            pricing.base,
            physical_floor=physical_floor,
            base_floor=pricing.base_floor,
            floor_step=pricing.step,
            floor_overrides=dict(pricing.overrides),
            coefficients=[c for c in coefficients if c],
        )
        return unit, total_price(unit, area)

    @api.model
    def _demo_price_plans(self, rooms_by_line):
        """Price the rooms as a sales office does: a coefficient price plan per
        building and usage (§3.2), the parking spaces room by room (一房一价), every
        plan previewed, approved and applied, its prices also filed (备案价)."""
        project = self.env.ref(XMLID.format("realty_project"))
        tags = self._demo_view_tags()
        groups = defaultdict(list)
        by_room = {}
        for (building_key, line), rooms in rooms_by_line.items():
            if line.total:
                for room in rooms:
                    by_room[room] = self._demo_price(line, room.floor_physical)
            else:
                groups[building_key, line.pricing, line.usage].append((line, rooms))
        Plan = self.env["realty.price.plan"]
        plans = Plan
        for (building_key, pricing, usage), items in groups.items():
            building = self.env.ref(XMLID.format(building_key))
            plans |= Plan.create(
                {
                    "name": f"{building.name} {dict(USAGES)[usage]} 开盘定价",
                    "project_id": project.id,
                    "building_ids": [Command.set(building.ids)],
                    "usage": usage,
                    "reason": "开盘定价（一房一价备案）",
                    "set_filed_price": True,
                    "base_price": float(pricing.base),
                    "base_floor": pricing.base_floor,
                    "floor_step": float(pricing.step),
                    "floor_override_ids": [
                        Command.create({"floor": floor, "amount": float(amount)})
                        for floor, amount in pricing.overrides
                    ],
                    "coefficient_ids": self._demo_coefficients(items, tags),
                }
            )
        garage = self.env.ref(XMLID.format("building_garage"))
        # the room-by-room prices as its import would write them (server code)
        parking = Plan._unlocked().create(
            {
                "name": f"{garage.name} 车位一房一价",
                "project_id": project.id,
                "kind": "import",
                "reason": "车位按个定价",
                "set_filed_price": True,
                "room_ids": [Command.set([room.id for room in by_room])],
                "line_ids": [
                    Command.create(
                        {
                            "room_id": room.id,
                            "new_unit": float(unit),
                            "new_total": float(total),
                        }
                    )
                    for room, (unit, total) in by_room.items()
                ],
            }
        )
        plans |= parking
        plans.action_preview()
        plans.action_approve()
        plans.action_apply()
        # a price adjustment waiting for approval: 2# towers +1 % (调价)
        adjustment = Plan.create(
            {
                "name": "2# 高层调价 +1%",
                "project_id": project.id,
                "kind": "adjustment",
                "adjust_type": "percent",
                "adjust_value": 1,
                "building_ids": [
                    Command.set(self.env.ref(XMLID.format("building_2")).ids)
                ],
                "usage": "residential",
                "floor_from": 11,
                "reason": "去化较快，高层上调1%",
            }
        )
        adjustment.action_preview()
        return plans

    @api.model
    def _demo_coefficients(self, items, tags):
        """The plan coefficients of a building's lines: orientations, views, and the
        lines' own (corner shops) as position coefficients."""
        values, seen = [], set()
        for line, rooms in items:
            coefficient = ORIENTATION_COEFFICIENTS.get(line.orientation)
            if coefficient and ("orientation", line.orientation) not in seen:
                seen.add(("orientation", line.orientation))
                values.append(
                    {
                        "criterion": "orientation",
                        "orientation": line.orientation,
                        "amount": float(Decimal(coefficient) * 100),
                    }
                )
            for view in line.views:
                if ("view", view) not in seen:
                    seen.add(("view", view))
                    values.append(
                        {
                            "criterion": "view",
                            "view_tag_id": tags[view].id,
                            "amount": float(Decimal(VIEW_TAGS[view][2]) * 100),
                        }
                    )
            for coefficient in line.coefficients:
                for position in sorted(set(rooms.mapped("position"))):
                    values.append(
                        {
                            "criterion": "position",
                            "position": position,
                            "amount": float(Decimal(coefficient) * 100),
                        }
                    )
        return [Command.create({"method": "percent", **v}) for v in values]

    @api.model
    def _demo_view_tags(self):
        """``{key: view tag}``: the existing tags of the same name, else new ones
        (created here, without XML id, so that they are not terms to translate)."""
        Tag = self.env["realty.view.tag"].with_context(lang="en_US")
        chinese = self.env["res.lang"]._lang_get("zh_CN")
        tags = {}
        for key, (name, name_zh, _coefficient) in VIEW_TAGS.items():
            tag = Tag.search([("name", "=", name)], limit=1)
            if not tag:
                tag = Tag.create({"name": name})
                if chinese:
                    tag.update_field_translations("name", {"zh_CN": name_zh})
            tags[key] = tag
        return tags

    @api.model
    def _demo_tag_views(self, rooms_by_line):
        """One write per view tag."""
        tags = self._demo_view_tags()
        by_view = defaultdict(list)
        for (_building, line), rooms in rooms_by_line.items():
            for view in line.views:
                by_view[view] += rooms.ids
        Room = self.env["realty.room"].with_context(tracking_disable=True)
        for view, ids in by_view.items():
            Room.browse(ids).write({"view_tag_ids": [Command.link(tags[view].id)]})

    @api.model
    def _demo_validate_permits(self):
        Room = self.env["realty.room"]
        permits = self.env["realty.permit"]
        for key in ("permit_1", "permit_2", "permit_3"):
            permit = self.env.ref(XMLID.format(key))
            covered = Room.search_fetch(
                permit._covered_rooms_domain(), ["area_building_pred"]
            )
            area = sum(
                (Decimal(str(room.area_building_pred)) for room in covered), Decimal(0)
            )
            permit.approved_area = float(area)
            permits |= permit
        permits.action_validate()

    @api.model
    def _demo_release_and_hold(self, rooms_by_line):
        """Release the launch batches (F1) and hold a few rooms (F3), as the
        current user (the demo sales manager)."""
        Room = self.env["realty.room"]
        Batch = self.env["realty.launch.batch"]
        project = self.env.ref(XMLID.format("realty_project"))
        for name, date, phase, buildings, zones, note in LAUNCH_BATCHES:
            rooms = Room.browse(
                [
                    room_id
                    for (building, line), line_rooms in rooms_by_line.items()
                    if building in buildings
                    or (building == "building_garage" and line.stairs[0] in zones)
                    for room_id in line_rooms.ids
                ]
            )
            batch = Batch.create(
                {
                    "name": name,
                    "project_id": project.id,
                    "phase_id": self.env.ref(XMLID.format(phase)).id,
                    "date": date,
                    "note": note,
                    "room_ids": [Command.set(rooms.ids)],
                }
            )
            batch.action_release()
        for reason, note, codes in HOLDS:
            rooms = Room.search(
                [("project_id", "=", project.id), ("code", "in", list(codes))]
            )
            rooms.action_hold(self.env.ref(f"realty_base.{reason}"), note=note)
