from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.realty_base.const import ROOM_STATES
from odoo.addons.realty_base.inputs import PERCENT, Id, arguments
from odoo.addons.realty_base.tools import states

from .realty_room import INITIALS_FROM

STATE_COLORS = {
    states.UNRELEASED: "#adb5bd",
    states.AVAILABLE: "#28a745",
    states.HELD: "#6c757d",
    states.RESERVED: "#17a2b8",
    states.SMALL_DEPOSIT: "#ffc107",
    states.DEPOSIT: "#fd7e14",
    states.SUBSCRIBED: "#e83e8c",
    states.CONTRACTED: "#dc3545",
    states.FILED: "#6f42c1",
    states.DELIVERED: "#343a40",
}
"""The grid's colours per state, shared by the client action, the site plan and the
self-service page (and its legend)."""


class RealtyBuilding(models.Model):
    _inherit = "realty.building"

    plan_x = fields.Float(
        bounds=PERCENT,
        string="Site Plan X (%)",
        digits=(5, 2),
        help="Where the building's hotspot sits on the project's site plan, from the "
        "left edge, in % of the image width.",
    )
    plan_y = fields.Float(
        bounds=PERCENT,
        string="Site Plan Y (%)",
        digits=(5, 2),
        help="From the top edge, in % of the image height.",
    )

    # ------------------------------------------------------------ the grid (销控表)
    @api.model
    @arguments(building_id=Id("realty.building", exists=False))  # check_access
    def get_sales_grid(self, building_id):
        """Everything the sales-control grid shows of one building, in one call and
        a fixed number of queries whatever the number of rooms (§2.6).

        :returns: a dict: ``building``, ``buildings`` (the project's, to switch),
            ``stairs`` (column groups with their positions), ``floors`` (rows, top
            down), ``cells`` (one per room), ``states`` (legend with counts, area and
            amount), ``layouts`` and ``actions`` (what the user may start from a
            cell, per state).
        """
        building = self.browse(building_id)
        building.check_access("read")
        return building._sales_grid(public=False)

    def _sales_grid(self, public=False):
        """The grid of one building. ``public``: for the self-service page, without
        buyers and with prices only where the project publishes them."""
        self.ensure_one()
        project = self.project_id
        show_price = not public or project.self_service_show_price
        self.env["realty.room"].flush_model()
        self.env["realty.deal"].flush_model(["room_id", "status", "partner_id"])
        self.env["res.partner"].flush_model(["name"])
        rows = self.env.execute_query_dict(
            SQL(
                """
                SELECT r.id, r.code, r.stair_id, r.floor_label, r.floor_physical,
                       r.position, r.state, r.layout_id, r.hold_reason_id,
                       COALESCE(NULLIF(r.area_building_meas, 0), r.area_building_pred)
                           AS area,
                       r.list_unit_price AS unit_price, r.list_total AS total,
                       r.state_date, p.name AS buyer,
                       r.opening_pick_id IS NOT NULL AS picked
                  FROM realty_room r
             LEFT JOIN realty_deal d ON d.room_id = r.id AND d.status = 'active'
             LEFT JOIN res_partner p ON p.id = d.partner_id
                 WHERE r.building_id = %s
              ORDER BY r.floor_physical DESC, r.position
                """,
                self.id,
            )
        )
        if public:
            rows = [row for row in rows if row["state"] != states.UNRELEASED]
        stairs = self.stair_ids  # one query, with the building's prefetch
        layouts = self.env["realty.layout"].browse(
            {row["layout_id"] for row in rows if row["layout_id"]}
        )
        layout_names = {layout.id: layout.name for layout in layouts}
        hold_names = {}
        if not public:
            reasons = self.env["realty.hold.reason"].browse(
                {row["hold_reason_id"] for row in rows if row["hold_reason_id"]}
            )
            hold_names = {reason.id: reason.name for reason in reasons}
        stair_codes = {stair.id: stair.code for stair in stairs}
        cells, floors, positions = [], {}, {}
        totals = {key: [0, 0.0, 0.0] for key, _label in ROOM_STATES}
        for row in rows:
            state = row["state"]
            floors.setdefault(row["floor_physical"], row["floor_label"])
            positions.setdefault(row["stair_id"], set()).add(row["position"])
            counted = totals[state]
            counted[0] += 1
            counted[1] += row["area"] or 0.0
            counted[2] += row["total"] or 0.0
            cells.append(
                {
                    "id": row["id"],
                    "code": row["code"],
                    "stair_id": row["stair_id"],
                    "floor": row["floor_physical"],
                    "position": row["position"],
                    "state": state,
                    "area": row["area"] or 0.0,
                    "unit_price": row["unit_price"] if show_price else None,
                    "total": row["total"] if show_price else None,
                    "layout_id": row["layout_id"],
                    "layout": layout_names.get(row["layout_id"], ""),
                    "initials": (
                        row["buyer"][:1]
                        if not public and row["buyer"] and state in INITIALS_FROM
                        else ""
                    ),
                    "hold_reason": hold_names.get(row["hold_reason_id"], ""),
                    # held by an opening-day pick until its deal is written
                    "picked": row["picked"],
                    "state_since": (
                        fields.Datetime.to_string(row["state_date"])
                        if row["state_date"] and not public
                        else False
                    ),
                }
            )
        state_labels = {
            key: label
            for key, label in self.env["realty.room"]
            ._fields["state"]
            ._description_selection(self.env)
        }
        return {
            "building": {
                "id": self.id,
                "name": self.name,
                "code": self.code,
                "project_id": project.id,
                "project_name": project.name,
            },
            "buildings": [
                {"id": building.id, "name": building.name}
                for building in project.building_ids
            ],
            "stairs": [
                {
                    "id": stair.id,
                    "code": stair_codes[stair.id],
                    "positions": sorted(positions.get(stair.id, ())),
                }
                for stair in stairs
                if stair.id in positions
            ],
            "floors": [
                {"floor": floor, "label": label}
                for floor, label in sorted(floors.items(), reverse=True)
            ],
            "cells": cells,
            "states": [
                {
                    "key": key,
                    "label": state_labels[key],
                    "color": STATE_COLORS[key],
                    "count": totals[key][0],
                    "area": round(totals[key][1], 2),
                    "amount": round(totals[key][2], 2) if show_price else None,
                }
                for key, _label in ROOM_STATES
                if not public or key != states.UNRELEASED
            ],
            "layouts": sorted(
                ({"id": id_, "name": name} for id_, name in layout_names.items()),
                key=lambda layout: layout["name"],
            ),
            "actions": {} if public else self._sales_grid_actions(),
            "currency": {
                "symbol": project.company_id.currency_id.symbol,
                "position": project.company_id.currency_id.position,
            },
            "show_price": show_price,
        }

    @api.model
    def _sales_grid_actions(self):
        """The actions a cell offers this user, per room state: new deals in a stage
        (through the deal form, the one state path), holding and unholding."""
        user = self.env.user
        actions = {}
        if user.has_group("realty_base.group_realty_consultant"):
            actions[states.AVAILABLE] = [
                "reservation",
                "small_deposit",
                "deposit",
                "subscription",
                "contract",
            ]
        if user.has_group("realty_base.group_realty_manager"):
            actions.setdefault(states.AVAILABLE, []).append("hold")
            actions[states.HELD] = ["reservation", "unhold"]
        return actions

    def action_open_sales_grid(self):
        self.ensure_one()
        return {
            "type": "ir.actions.client",
            "tag": "realty_sales.sales_grid",
            "name": self.env._("Sales Control: %(building)s", building=self.name),
            "params": {"building_id": self.id},
        }
