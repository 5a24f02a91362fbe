import re

from odoo import api, fields, models

from ..exceptions import RealtyUserError, RealtyValidationError
from ..inputs import AREA, FLOORS, Vals, arguments
from ..tools import errors as codes

PERMIT_KINDS = [
    ("presale", "Presale Permit"),
    ("existing", "Existing-Home Sale Filing"),
]
PERMIT_STATES = [("draft", "Draft"), ("valid", "Valid"), ("revoked", "Revoked")]


class RealtyPermit(models.Model):
    """A presale permit (预售许可证) or existing-home sale filing (现售备案), §1.5.

    It covers whole buildings, a range of their physical floors, or listed rooms.
    A room may be released, or take money of a reservation nature, only while an
    active permit covers it.
    """

    _name = "realty.permit"
    _description = "Presale Permit"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "issue_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Permit Number", required=True, tracking=True)
    kind = fields.Selection(PERMIT_KINDS, required=True, default="presale")
    state = fields.Selection(
        PERMIT_STATES, required=True, default="draft", readonly=True, tracking=True
    )
    project_id = fields.Many2one(
        "realty.project", required=True, index=True, ondelete="restrict", tracking=True
    )
    company_id = fields.Many2one(
        related="project_id.company_id", store=True, index=True
    )
    authority = fields.Char(
        string="Issuing Authority",
        help="The presale approving authority (预售批准机关).",
    )
    issue_date = fields.Date(required=True, tracking=True)
    valid_until = fields.Date(tracking=True, help="Empty: no end date.")
    approved_area = fields.Float(
        bounds=AREA, digits="Realty Area", help="Approved presale area, m²."
    )
    building_ids = fields.Many2many(
        "realty.building",
        "realty_permit_building_rel",
        "permit_id",
        "building_id",
        string="Buildings",
        domain="[('project_id', '=', project_id)]",
        check_company=True,
    )
    floor_from = fields.Integer(
        bounds=FLOORS,
        string="From Physical Floor",
        help="Empty (0): from the lowest floor.",
    )
    floor_to = fields.Integer(
        bounds=FLOORS, string="To Physical Floor", help="Empty (0): to the top."
    )
    room_ids = fields.Many2many(
        "realty.room",
        string="Listed Rooms",
        domain="[('building_id', 'in', building_ids)]",
        check_company=True,
        help="When rooms are listed, the permit covers only them.",
    )
    is_active = fields.Boolean(
        compute="_compute_is_active", search="_search_is_active", string="Active Today"
    )
    covered_room_count = fields.Integer(compute="_compute_covered_room_count")
    note = fields.Text()

    _sql_constraints = [
        (
            "name_project_uniq",
            "unique(name, project_id)",
            "A permit number must be unique in its project.",
        ),
        (
            "dates_order",
            "CHECK(valid_until IS NULL OR valid_until >= issue_date)",
            "A permit cannot end before it is issued.",
        ),
    ]

    # ------------------------------------------------------------------ activity
    @api.model
    def _active_domain(self, date):
        return [
            ("state", "=", "valid"),
            ("issue_date", "<=", date),
            "|",
            ("valid_until", "=", False),
            ("valid_until", ">=", date),
        ]

    @api.depends("state", "issue_date", "valid_until")
    @api.depends_context("tz")
    def _compute_is_active(self):
        today = fields.Date.context_today(self)
        for permit in self:
            permit.is_active = bool(
                permit.state == "valid"
                and permit.issue_date
                and permit.issue_date <= today
                and (not permit.valid_until or permit.valid_until >= today)
            )

    def _search_is_active(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError
        today = fields.Date.context_today(self)
        if (operator == "=") == value:
            return self._active_domain(today)
        return [
            "|",
            "|",
            ("state", "!=", "valid"),
            ("issue_date", ">", today),
            "&",
            ("valid_until", "!=", False),
            ("valid_until", "<", today),
        ]

    # ------------------------------------------------------------------ coverage
    def _covered(self, rooms):
        """The part of `rooms` this permit covers (listed rooms, else its buildings
        within the floor range)."""
        self.ensure_one()
        if self.room_ids:
            return rooms & self.room_ids
        return rooms.filtered(
            lambda r: (
                r.building_id in self.building_ids
                and (not self.floor_from or r.floor_physical >= self.floor_from)
                and (not self.floor_to or r.floor_physical <= self.floor_to)
            )
        )

    def _covered_rooms_domain(self):
        self.ensure_one()
        if self.room_ids:
            return [("id", "in", self.room_ids.ids)]
        domain = [("building_id", "in", self.building_ids.ids)]
        if self.floor_from:
            domain.append(("floor_physical", ">=", self.floor_from))
        if self.floor_to:
            domain.append(("floor_physical", "<=", self.floor_to))
        return domain

    @api.depends("room_ids", "building_ids", "floor_from", "floor_to")
    def _compute_covered_room_count(self):
        Room = self.env["realty.room"]
        for permit in self:
            permit.covered_room_count = (
                Room.search_count(permit._covered_rooms_domain()) if permit.id else 0
            )

    # --------------------------------------------------------------- constraints
    @api.constrains("name", "project_id")
    def _check_number_format(self):
        for permit in self:
            pattern = permit.project_id.permit_number_regex
            if pattern and not re.fullmatch(pattern, permit.name or ""):
                raise RealtyValidationError(
                    codes.ERR_INVALID_INPUT,
                    self.env._(
                        "Permit number %(number)s does not match this city's format "
                        "(%(pattern)s).",
                        number=permit.name,
                        pattern=pattern,
                    ),
                )

    @api.constrains("floor_from", "floor_to")
    def _check_floor_range(self):
        for permit in self:
            if (
                permit.floor_from
                and permit.floor_to
                and permit.floor_from > permit.floor_to
            ):
                raise RealtyValidationError(
                    codes.ERR_INVALID_INPUT,
                    self.env._("The floor range of a permit goes from low to high."),
                )

    # ----------------------------------------------------------------------- CRUD
    @arguments(vals=Vals())
    def write(self, vals):
        """Checked before mail.activity.mixin reads the values."""
        return super().write(vals)

    # --------------------------------------------------------------------- actions
    def action_validate(self):
        for permit in self:
            if permit.state != "draft":
                raise RealtyUserError(
                    codes.ERR_STATE_TRANSITION,
                    self.env._("Only a draft permit can be validated."),
                )
            if not permit.building_ids:
                raise RealtyUserError(
                    codes.ERR_INVALID_INPUT,
                    self.env._(
                        "Say which buildings permit %(number)s covers.",
                        number=permit.name,
                    ),
                )
        self.write({"state": "valid"})
        return True

    def action_revoke(self):
        if any(p.state != "valid" for p in self):
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._("Only a valid permit can be revoked."),
            )
        self.write({"state": "revoked"})
        return True

    def action_reset_to_draft(self):
        self.write({"state": "draft"})
        return True

    def action_view_covered_rooms(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "realty_base.realty_room_action"
        )
        action["domain"] = self._covered_rooms_domain()
        return action
