from collections import Counter

from markupsafe import Markup, escape

from odoo import api, fields, models

from ..const import USAGES
from ..exceptions import RealtyUserError
from ..inputs import FLOORS

PREVIEW_SAMPLE = 6  # room codes shown at each end of the preview


class RealtyRoomGenerate(models.TransientModel):
    """Room generation (房源生成): a building's rooms from floors × entrances ×
    positions, with a preview before anything is written."""

    _name = "realty.room.generate"
    _description = "Generate Rooms"

    building_id = fields.Many2one("realty.building", required=True, ondelete="cascade")
    project_id = fields.Many2one(related="building_id.project_id")
    floors_above = fields.Integer(
        bounds=(0, FLOORS[1]),
        compute="_compute_from_building",
        store=True,
        readonly=False,
    )
    floors_below = fields.Integer(
        bounds=(0, -FLOORS[0]),
        compute="_compute_from_building",
        store=True,
        readonly=False,
    )
    skip_floor_numbers = fields.Char(
        compute="_compute_from_building", store=True, readonly=False
    )
    stair_codes = fields.Char(
        string="Entrances",
        required=True,
        default="1",
        help="The entrance codes of the building, comma separated, e.g. 1,2.",
    )
    add_missing_only = fields.Boolean(
        string="Add Missing Rooms Only",
        help="The building already has rooms: create only those that do not exist.",
    )
    line_ids = fields.One2many("realty.room.generate.line", "wizard_id", string="Lines")
    preview_count = fields.Integer(compute="_compute_preview")
    preview_html = fields.Html(compute="_compute_preview", sanitize=False)

    @api.depends("building_id")
    def _compute_from_building(self):
        for wizard in self:
            building = wizard.building_id
            wizard.floors_above = building.floors_above
            wizard.floors_below = building.floors_below
            wizard.skip_floor_numbers = building.skip_floor_numbers

    # -------------------------------------------------------------------- specs
    def _stair_list(self, text):
        return [
            c.strip() for c in (text or "").replace("，", ",").split(",") if c.strip()
        ]

    def _specs(self):
        self.ensure_one()
        all_stairs = self._stair_list(self.stair_codes)
        return [
            {
                "stair_codes": self._stair_list(line.stair_codes) or all_stairs,
                "floor_from": line.floor_from,
                "floor_to": line.floor_to,
                "position_from": line.position_from,
                "position_to": line.position_to,
                "layout_id": line.layout_id.id,
                "usage": line.usage,
                "orientation": line.orientation,
                "decoration": line.decoration,
                "property_right": line.property_right,
                "area_building": line.area_building,
                "area_inner": line.area_inner,
                "area_shared": line.area_shared,
                "balcony_count": line.balcony_count,
                "balcony_enclosed_count": line.balcony_enclosed_count,
            }
            for line in self.line_ids
        ]

    def _draft_building(self):
        """The building as this wizard would leave it (floors, skipped numbers), not
        yet saved, so the preview shows the labels and codes the user will get."""
        building = self.building_id
        return building.new(
            {
                "name": building.name,
                "code": building.code,
                "project_id": building.project_id.id,
                "floors_above": self.floors_above,
                "floors_below": self.floors_below,
                "skip_floor_numbers": self.skip_floor_numbers,
            },
            origin=building,
        )

    # ------------------------------------------------------------------ preview
    @api.depends(
        "building_id",
        "floors_above",
        "floors_below",
        "skip_floor_numbers",
        "stair_codes",
        "add_missing_only",
        "line_ids",
        "line_ids.stair_codes",
        "line_ids.floor_from",
        "line_ids.floor_to",
        "line_ids.position_from",
        "line_ids.position_to",
        "line_ids.layout_id",
        "line_ids.usage",
    )
    def _compute_preview(self):
        for wizard in self:
            if not wizard.building_id or not wizard.line_ids:
                wizard.preview_count = 0
                wizard.preview_html = False
                continue
            try:
                plan = wizard._draft_building()._plan_rooms(wizard._specs())
            except (RealtyUserError, ValueError) as exc:
                wizard.preview_count = 0
                wizard.preview_html = Markup(
                    '<div class="alert alert-danger" role="alert">%s</div>'
                ) % Markup("<br/>").join(escape(exc.args[0]).splitlines())
                continue
            existing = len(wizard.building_id.room_ids)
            wizard.preview_count = len(plan)
            wizard.preview_html = wizard._preview_table(plan, existing)

    def _preview_table(self, plan, existing):
        env = self.env
        usages = dict(USAGES)
        by_usage = Counter(usages.get(p["usage"], p["usage"]) for p in plan)
        floors = sorted({(p["physical"], p["label"]) for p in plan}, reverse=True)
        codes = [p["code"] for p in plan]
        sample = (
            codes
            if len(codes) <= 2 * PREVIEW_SAMPLE
            else (codes[:PREVIEW_SAMPLE] + ["…"] + codes[-PREVIEW_SAMPLE:])
        )
        rows = [
            (env._("Rooms to generate"), str(len(plan))),
            (
                env._("By usage"),
                ", ".join(f"{k}: {v}" for k, v in sorted(by_usage.items())),
            ),
            (
                env._("Floors (physical → nominal)"),
                ", ".join(f"{phys}→{label}" for phys, label in floors),
            ),
            (env._("Room codes"), ", ".join(sample)),
        ]
        if existing:
            rows.append((env._("Rooms already in the building"), str(existing)))
        body = Markup("").join(
            Markup("<tr><th>%s</th><td>%s</td></tr>") % (label, value)
            for label, value in rows
        )
        return (
            Markup('<table class="table table-sm o_realty_generate_preview">%s</table>')
            % body
        )

    # ------------------------------------------------------------------- action
    def action_generate(self):
        self.ensure_one()
        building = self.building_id
        settings = {
            "floors_above": self.floors_above,
            "floors_below": self.floors_below,
            "skip_floor_numbers": self.skip_floor_numbers,
        }
        changed = {k: v for k, v in settings.items() if building[k] != v}
        if changed:
            building.write(changed)
        rooms = building._generate_rooms(
            self._specs(), add_missing_only=self.add_missing_only
        )
        building.message_post(
            body=self.env._("%(count)s rooms generated.", count=len(rooms))
        )
        return building.action_view_rooms()
