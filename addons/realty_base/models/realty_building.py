from odoo import api, fields, models

from ..const import BUILDING_STRUCTURES, SOLD_STATES, USAGES
from ..exceptions import RealtyUserError, RealtyValidationError
from ..inputs import FLOORS, Vals, arguments
from ..tools import RealtyError, floors
from ..tools import errors as codes

ERR_ROOMS_EXIST = "ERR_ROOMS_EXIST"
"""Room generation on a building that has rooms, without "add missing only"."""

ROOM_SPEC_DEFAULTS = {
    "position_to": None,
    "layout_id": False,
    "usage": "residential",
    "orientation": False,
    "decoration": "bare",
    "property_right": "full",
    "area_building": 0.0,
    "area_inner": 0.0,
    "area_shared": 0.0,
    "balcony_count": 0,
    "balcony_enclosed_count": 0,
}
"""What a room generation spec may leave out (see RealtyBuilding._plan_rooms)."""


class RealtyBuilding(models.Model):
    _name = "realty.building"
    _description = "Building"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "project_id, sequence, name"
    _check_company_auto = True
    _rec_names_search = ["name", "registered_name", "project_id.name"]

    name = fields.Char(
        string="Building",
        required=True,
        tracking=True,
        help="Marketing number, e.g. 1#",
    )
    registered_name = fields.Char(help="Registered number, e.g. 1幢 (1栋)")
    code = fields.Char(
        required=True,
        help="The building part of its room codes, e.g. 1 in 1-2-1501.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    project_id = fields.Many2one(
        "realty.project", required=True, index=True, ondelete="cascade", tracking=True
    )
    phase_id = fields.Many2one(
        "realty.phase",
        index=True,
        domain="[('project_id', '=', project_id)]",
        check_company=True,
    )
    company_id = fields.Many2one(
        related="project_id.company_id", store=True, index=True
    )
    structure = fields.Selection(BUILDING_STRUCTURES, string="Main Structure")
    usage = fields.Selection(USAGES, string="Main Usage", default="residential")
    floors_above = fields.Integer(
        bounds=(0, FLOORS[1]), string="Floors Above Ground", default=1
    )
    floors_below = fields.Integer(bounds=(0, -FLOORS[0]), string="Floors Below Ground")
    has_elevator = fields.Boolean(
        default=True, help="Drives the maintenance fund rate in many cities."
    )
    stairs_households = fields.Char(
        string="Elevators per Households", help="e.g. 2 elevators for 4 households"
    )
    survey_agency = fields.Char()
    completion_filing_date = fields.Date(string="Completion Filed On")
    skip_floor_numbers = fields.Char(
        string="Skipped Floor Numbers",
        compute="_compute_skip_floor_numbers",
        store=True,
        readonly=False,
        precompute=True,
        help="Numbers the nominal floor labels skip, e.g. 4,13,14,18. Physical floors "
        "are not skipped: physical floor 4 is labelled 5.",
    )
    stair_ids = fields.One2many("realty.stair", "building_id", string="Entrances")
    floor_ids = fields.One2many("realty.floor", "building_id", string="Floors")
    room_ids = fields.One2many("realty.room", "building_id", string="Rooms")
    permit_ids = fields.Many2many(
        "realty.permit",
        "realty_permit_building_rel",
        "building_id",
        "permit_id",
        string="Permits",
        readonly=True,
    )
    room_count = fields.Integer(compute="_compute_room_stats")
    room_count_unreleased = fields.Integer(compute="_compute_room_stats")
    room_count_available = fields.Integer(compute="_compute_room_stats")
    room_count_sold = fields.Integer(compute="_compute_room_stats")

    _sql_constraints = [
        (
            "code_project_uniq",
            "unique(code, project_id)",
            "A building code must be unique in its project.",
        ),
        (
            "floors_positive",
            "CHECK(floors_above >= 0 AND floors_below >= 0)",
            "Floor counts cannot be negative.",
        ),
    ]

    @api.depends("project_id")
    def _compute_skip_floor_numbers(self):
        """New buildings take their project's default; rooms fix the numbers."""
        for building in self:
            if not building.room_ids:
                building.skip_floor_numbers = building.project_id.skip_floor_numbers

    @api.depends("room_ids")
    def _compute_room_stats(self):
        counts = {}
        for building, state, count in self.env["realty.room"]._read_group(
            [("building_id", "in", self.ids)], ["building_id", "state"], ["__count"]
        ):
            counts.setdefault(building.id, {})[state] = count
        for building in self:
            by_state = counts.get(building.id, {})
            building.room_count = sum(by_state.values())
            building.room_count_unreleased = by_state.get("unreleased", 0)
            building.room_count_available = by_state.get("available", 0)
            building.room_count_sold = sum(by_state.get(s, 0) for s in SOLD_STATES)

    # ---------------------------------------------------------------- constraints
    @api.model
    def _parse_skip_floors(self, text):
        """``"4, 13,14"`` → ``frozenset({4, 13, 14})``; refuses anything else."""
        numbers = set()
        for part in (text or "").replace("，", ",").split(","):
            part = part.strip()
            if not part:
                continue
            if not part.isdigit() or int(part) < 1:
                raise RealtyValidationError(
                    codes.ERR_INVALID_INPUT,
                    self.env._(
                        "Skipped floor numbers are positive whole numbers separated "
                        "by commas, e.g. 4,13,14,18; %(value)s is not one.",
                        value=part,
                    ),
                )
            numbers.add(int(part))
        return frozenset(numbers)

    @api.constrains("skip_floor_numbers")
    def _check_skip_floor_numbers(self):
        for building in self:
            self._parse_skip_floors(building.skip_floor_numbers)

    @arguments(vals=Vals())
    def write(self, vals):
        """Floor labels are in the codes of existing rooms: they cannot change."""
        if {"skip_floor_numbers", "code"} & vals.keys():
            changed = self.filtered(
                lambda b: (
                    b.room_ids
                    and (
                        ("code" in vals and b.code != vals["code"])
                        or (
                            "skip_floor_numbers" in vals
                            and self._parse_skip_floors(b.skip_floor_numbers)
                            != self._parse_skip_floors(vals["skip_floor_numbers"])
                        )
                    )
                )
            )
            if changed:
                raise RealtyUserError(
                    codes.ERR_INVALID_INPUT,
                    self.env._(
                        "Building %(building)s has rooms: its code and skipped floor "
                        "numbers are part of their room codes and cannot change.",
                        building=changed[0].display_name,
                    ),
                )
        return super().write(vals)

    # ----------------------------------------------------------------- floor labels
    def _floor_labels(self):
        """``{physical: nominal label}`` of this building (§1.4, V-01)."""
        self.ensure_one()
        return floors.nominal_floor_labels(
            self.floors_above,
            self._parse_skip_floors(self.skip_floor_numbers),
            self.floors_below,
        )

    # ---------------------------------------------------------- room generation
    def _plan_rooms(self, specs):
        """The rooms `specs` describe, as dicts, without writing anything.

        Each spec is a dict with ``stair_codes`` (list), ``floor_from``,
        ``floor_to`` (physical floors, inclusive; floor 0 does not exist),
        ``position_from``, optionally ``position_to``, and the room attributes of
        :data:`ROOM_SPEC_DEFAULTS`. Specs that overlap, floors outside the building
        and codes on skipped floors are refused with every problem listed.
        """
        self.ensure_one()
        labels = self._floor_labels()
        skip = self._parse_skip_floors(self.skip_floor_numbers)
        template = self.project_id.room_code_template
        planned, errors = {}, []
        for number, raw in enumerate(specs, start=1):
            spec = {**ROOM_SPEC_DEFAULTS, **raw}
            low, high = sorted((spec["floor_from"], spec["floor_to"]))
            pos_low = spec["position_from"]
            pos_high = spec["position_to"] or pos_low
            outside = [f for f in range(low, high + 1) if f and f not in labels]
            if outside or pos_low < 1 or pos_high < pos_low or not spec["stair_codes"]:
                errors.append(
                    self.env._(
                        "Line %(line)s: floors %(low)s to %(high)s, positions "
                        "%(p1)s to %(p2)s and entrances %(stairs)s do not fit building "
                        "%(building)s (%(above)s floors above and %(below)s below "
                        "ground).",
                        line=number,
                        low=low,
                        high=high,
                        p1=pos_low,
                        p2=pos_high,
                        stairs=",".join(spec["stair_codes"]) or "-",
                        building=self.display_name,
                        above=self.floors_above,
                        below=self.floors_below,
                    )
                )
                continue
            for stair in spec["stair_codes"]:
                for physical in (f for f in range(low, high + 1) if f):
                    for position in range(pos_low, pos_high + 1):
                        key = (stair, physical, position)
                        if key in planned:
                            errors.append(
                                self.env._(
                                    "Line %(line)s repeats room %(code)s.",
                                    line=number,
                                    code=planned[key]["code"],
                                )
                            )
                            continue
                        try:
                            code = floors.room_code(
                                self.code,
                                stair,
                                labels[physical],
                                position,
                                skip_floor_numbers=skip,
                                template=template,
                            )
                        except RealtyError as exc:
                            errors.append(f"{exc.code}: {exc}")
                            continue
                        planned[key] = {
                            "stair_code": stair,
                            "physical": physical,
                            "label": labels[physical],
                            "position": position,
                            "code": code,
                            **{
                                k: spec[k]
                                for k in ROOM_SPEC_DEFAULTS
                                if k != "position_to"
                            },
                        }
        if errors:
            raise RealtyUserError(codes.ERR_INVALID_INPUT, "\n".join(errors))
        return list(planned.values())

    def _generate_rooms(self, specs, add_missing_only=False):
        """Create the rooms of `specs` in one batch (房源生成); returns them.

        A building that already has rooms is refused unless `add_missing_only`,
        which creates only the rooms whose (entrance, floor, position) is new.
        Entrances and floors are created as needed, floors with their labels.
        """
        self.ensure_one()
        plan = self._plan_rooms(specs)
        Room = self.env["realty.room"]
        existing = {
            (room.stair_id.code, room.floor_id.physical, room.position)
            for room in Room.search_fetch(
                [("building_id", "=", self.id)], ["stair_id", "floor_id", "position"]
            )
        }
        if existing and not add_missing_only:
            raise RealtyUserError(
                ERR_ROOMS_EXIST,
                self.env._(
                    "Building %(building)s already has %(count)s rooms. Generate "
                    "again with 'Add missing rooms only' to complete it.",
                    building=self.display_name,
                    count=len(existing),
                ),
            )
        plan = [
            p
            for p in plan
            if (p["stair_code"], p["physical"], p["position"]) not in existing
        ]
        if not plan:
            return Room
        self._check_codes_free([p["code"] for p in plan])
        stairs = self._ensure_stairs({p["stair_code"] for p in plan})
        floor_ids = self._ensure_floors({p["physical"]: p["label"] for p in plan})
        return Room.with_context(
            tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True
        ).create(
            [
                {
                    "building_id": self.id,
                    "stair_id": stairs[p["stair_code"]],
                    "floor_id": floor_ids[p["physical"]],
                    "position": p["position"],
                    "code": p["code"],
                    "layout_id": p["layout_id"],
                    "usage": p["usage"],
                    "orientation": p["orientation"],
                    "decoration": p["decoration"],
                    "property_right": p["property_right"],
                    "area_building_pred": p["area_building"],
                    "area_inner_pred": p["area_inner"],
                    "area_shared_pred": p["area_shared"],
                    "balcony_count": p["balcony_count"],
                    "balcony_enclosed_count": p["balcony_enclosed_count"],
                }
                for p in plan
            ]
        )

    def _check_codes_free(self, room_codes):
        taken = self.env["realty.room"].search_fetch(
            [("project_id", "=", self.project_id.id), ("code", "in", room_codes)],
            ["code"],
            limit=10,
        )
        if taken:
            raise RealtyUserError(
                ERR_ROOMS_EXIST,
                self.env._(
                    "These room codes already exist in project %(project)s: %(codes)s.",
                    project=self.project_id.display_name,
                    codes=", ".join(taken.mapped("code")),
                ),
            )

    def _ensure_stairs(self, stair_codes):
        """``{code: stair id}`` for `stair_codes`, creating the missing ones."""
        stairs = {s.code: s.id for s in self.stair_ids}
        missing = sorted(set(stair_codes) - stairs.keys())
        if missing:
            created = self.env["realty.stair"].create(
                [
                    {"building_id": self.id, "code": code, "sequence": index}
                    for index, code in enumerate(missing, start=len(stairs) + 1)
                ]
            )
            stairs.update({s.code: s.id for s in created})
        return stairs

    def _ensure_floors(self, labels):
        """``{physical: floor id}`` for `labels` (physical → label), creating the
        missing floors; an existing floor must carry the same label."""
        floors_by_physical = {f.physical: f for f in self.floor_ids}
        wrong = [
            floors_by_physical[p]
            for p, label in labels.items()
            if p in floors_by_physical and floors_by_physical[p].label != label
        ]
        if wrong:
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._(
                    "Floor %(physical)s of %(building)s is labelled %(label)s, not "
                    "%(expected)s: check the skipped floor numbers.",
                    physical=wrong[0].physical,
                    building=self.display_name,
                    label=wrong[0].label,
                    expected=labels[wrong[0].physical],
                ),
            )
        missing = sorted(set(labels) - floors_by_physical.keys())
        created = self.env["realty.floor"].create(
            [
                {"building_id": self.id, "physical": p, "label": labels[p]}
                for p in missing
            ]
        )
        result = {p: f.id for p, f in floors_by_physical.items()}
        result.update({f.physical: f.id for f in created})
        return result

    # -------------------------------------------------------------------- actions
    def action_open_generate_wizard(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "realty_base.realty_room_generate_action"
        )
        action["context"] = {"default_building_id": self.id}
        return action

    def action_view_rooms(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "realty_base.realty_room_action"
        )
        action["domain"] = [("building_id", "=", self.id)]
        action["context"] = {"default_building_id": self.id}
        return action

    def action_release_rooms(self):
        """Release every unreleased room of the buildings (F1, all or nothing)."""
        rooms = self.room_ids.filtered(lambda r: r.state == "unreleased")
        return rooms.action_release()
