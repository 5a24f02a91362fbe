import re
from collections import defaultdict

from odoo import Command, api, fields, models

from ..const import SOLD_STATES
from ..exceptions import RealtyUserError, RealtyValidationError
from ..inputs import AMOUNT, AREA, RATIO, Vals, ValsList, arguments
from ..tools import (
    DiscountLine,
    apply_discounts,
    check_filed_price,
    deal_price,
    floors,
    to_decimal,
)
from ..tools import errors as codes

LAND_ACQUISITIONS = [("grant", "Granted (出让)"), ("allocation", "Allocated (划拨)")]


class RealtyProject(models.Model):
    _name = "realty.project"
    _description = "Real Estate Project"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "sequence, name"
    _check_company_auto = True
    _rec_names_search = ["name", "code", "registered_name"]

    # ------------------------------------------------------------------ identity
    name = fields.Char(string="Marketing Name", required=True, tracking=True)
    registered_name = fields.Char(
        help="The name the project is registered and filed under (备案名)."
    )
    code = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        string="Developer",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        help="The developer company (开发企业) that sells the project.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_ids = fields.Many2many(
        "res.users",
        "realty_project_user_rel",
        "project_id",
        "user_id",
        string="Members",
        domain=[("share", "=", False)],
        help="The users who work on this project and see its data. Realty "
        "administrators see every project.",
    )
    description = fields.Html()

    # ------------------------------------------------------------------ location
    city_code = fields.Char(
        string="Division Code",
        size=6,
        help="The 6-digit administrative division code (行政区划代码) of the city.",
    )
    city = fields.Char()
    district = fields.Char()
    address = fields.Char()

    # -------------------------------------------- land and permits (contract Art. 1-2)
    land_acquisition = fields.Selection(LAND_ACQUISITIONS)
    land_location = fields.Char(string="Land Parcel Location")
    land_certificate_no = fields.Char(string="Land Certificate No.")
    land_area = fields.Float(bounds=AREA, digits="Realty Area")
    land_use = fields.Char()
    land_use_end_date = fields.Date(string="Land Use Ends")
    planning_permit_no = fields.Char(string="Planning Permit No.")
    construction_permit_no = fields.Char(string="Construction Permit No.")

    # -------------------------------------------- presale-fund supervision (Art. 7(三))
    supervision_bank = fields.Char()
    supervision_account_name = fields.Char()
    supervision_account_no = fields.Char(string="Supervision Account No.")

    # ----------------------------------------------------- configuration (domain §11)
    room_code_template = fields.Char(
        required=True,
        default=floors.DEFAULT_ROOM_CODE_TEMPLATE,
        help="How room codes are written (inventory.room_code_template); fields: "
        "{building}, {unit}, {floor_label}, {position}.",
    )
    skip_floor_numbers = fields.Char(
        string="Default Skipped Floor Numbers",
        help="Floor numbers new buildings of this project skip in their nominal "
        "labels, e.g. 4,13,14,18 (building.skip_floor_numbers).",
    )
    permit_required = fields.Boolean(
        default=True,
        help="Rooms are released only under an active presale permit or sale "
        "filing (permit.required).",
    )
    permit_number_regex = fields.Char(
        string="Permit Number Pattern",
        help="A regular expression the presale permit numbers of this city must "
        "match (permit.number_regex); empty: free text.",
    )
    area_sum_tolerance = fields.Float(
        bounds=(0, 100),
        digits="Realty Area",
        default=0.01,
        help="Allowed difference between building area and inner + shared area, "
        "in m² (inventory.area_sum_tolerance).",
    )

    # ------------------------------------------------- pricing configuration (§3, §4)
    policy_id = fields.Many2one(
        "realty.city.policy",
        string="City Policy",
        default=lambda self: self.env.ref(
            "realty_base.city_policy_national", raise_if_not_found=False
        ),
        tracking=True,
        help="Down payments, loan rules and the fees collected for others in this "
        "project's city. Give the project its own copy where it differs.",
    )
    pricing_basis = fields.Selection(
        [
            ("building_area", "Building Area"),
            ("inner_area", "Inner Area"),
            ("per_unit", "Per Unit"),
        ],
        required=True,
        default="building_area",
        tracking=True,
        help="How prices are expressed (project.pricing_basis, contract Art. 6).",
    )
    total_precision = fields.Selection(
        [("1", "1 yuan"), ("0.01", "0.01 yuan")],
        string="Total Price Precision",
        required=True,
        default="1",
        help="Totals are rounded to this (pricing.total_precision).",
    )
    total_rounding = fields.Selection(
        [("half_up", "Half Up"), ("down", "Down"), ("up", "Up")],
        required=True,
        default="half_up",
    )
    decoration_mode = fields.Selection(
        [("included", "Included in the Price"), ("separate", "Priced Separately")],
        required=True,
        default="included",
    )
    filed_price_ceiling = fields.Boolean(
        string="Filed Price is a Ceiling",
        default=True,
        help="A deal total may not exceed the room's filed total (备案价, §3.3).",
    )
    filed_price_max_below = fields.Float(
        bounds=RATIO,
        string="Largest Reduction below Filed Price",
        digits=(5, 4),
        help="e.g. 0.15: a deal more than 15 % below the filed price needs re-filing "
        "and approval; 0: no limit.",
    )
    points_mode = fields.Selection(
        [("running", "On the Running Price"), ("list", "On the List Price")],
        string="Points Are Taken",
        required=True,
        default="running",
        help="discount.points_mode (§4.1).",
    )
    discount_sequence = fields.Char(
        string="Discount Order",
        required=True,
        default="unit_amount,payment_method,percent,points,total_amount,round_off",
        help="The order discount kinds apply in (discount.category_sequence, §4.2).",
    )
    allow_direct_total = fields.Boolean(
        string="Deal Total May Be Typed",
        help="Let sales staff type the deal total directly; the difference is a "
        "discretionary total reduction that follows the approval ladder.",
    )
    land_cost_per_m2 = fields.Monetary(
        bounds=AMOUNT,
        string="Deductible Land Cost per m²",
        help="Land price deducted from the VAT base of this project's sales (§9.2).",
    )
    approval_rung_ids = fields.One2many(
        "realty.approval.rung", "project_id", string="Approval Ladder"
    )
    price_plan_ids = fields.One2many(
        "realty.price.plan", "project_id", string="Price Plans"
    )

    # ------------------------------------------------------------------ structure
    phase_ids = fields.One2many("realty.phase", "project_id", string="Phases")
    building_ids = fields.One2many("realty.building", "project_id", string="Buildings")
    permit_ids = fields.One2many("realty.permit", "project_id", string="Permits")
    building_count = fields.Integer(compute="_compute_stock")
    room_count = fields.Integer(compute="_compute_stock")
    room_count_unreleased = fields.Integer(compute="_compute_stock")
    room_count_available = fields.Integer(compute="_compute_stock")
    room_count_held = fields.Integer(compute="_compute_stock")
    room_count_reserved = fields.Integer(compute="_compute_stock")
    room_count_sold = fields.Integer(compute="_compute_stock")
    area_total = fields.Float(compute="_compute_stock", digits="Realty Area")
    area_available = fields.Float(compute="_compute_stock", digits="Realty Area")
    area_sold = fields.Float(compute="_compute_stock", digits="Realty Area")
    permit_count = fields.Integer(compute="_compute_permit_count")

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "A project code must be unique per developer.",
        ),
    ]

    # ------------------------------------------------------------------ computes
    @api.depends("building_ids")
    def _compute_stock(self):
        """Counts and areas of the project's rooms by state, in two grouped queries."""
        stock = defaultdict(dict)  # project id -> state -> (count, area)
        for project, state, count, area in self.env["realty.room"]._read_group(
            [("project_id", "in", self.ids)],
            ["project_id", "state"],
            ["__count", "area_building_pred:sum"],
        ):
            stock[project.id][state] = (count, area)
        buildings = dict(
            self.env["realty.building"]._read_group(
                [("project_id", "in", self.ids)], ["project_id"], ["__count"]
            )
        )
        for project in self:
            by_state = stock[project.id]

            def total(states, by_state=by_state):
                pairs = [by_state.get(s, (0, 0.0)) for s in states]
                return sum(p[0] for p in pairs), sum(p[1] for p in pairs)

            project.building_count = buildings.get(project, 0)
            project.room_count, project.area_total = total(by_state)
            project.room_count_unreleased = total(["unreleased"])[0]
            project.room_count_available, project.area_available = total(["available"])
            project.room_count_held = total(["held"])[0]
            project.room_count_reserved = total(["reserved"])[0]
            project.room_count_sold, project.area_sold = total(SOLD_STATES)

    @api.depends("permit_ids")
    def _compute_permit_count(self):
        counts = dict(
            self.env["realty.permit"]._read_group(
                [("project_id", "in", self.ids)], ["project_id"], ["__count"]
            )
        )
        for project in self:
            project.permit_count = counts.get(project, 0)

    # ------------------------------------------------------------- pricing helpers
    def _pricing_area(self, room):
        """The area prices are expressed in (A_p, §3.1), as an exact decimal; None
        for per-unit pricing."""
        self.ensure_one()
        if self.pricing_basis == "per_unit":
            return None
        field = (
            "area_inner_pred"
            if self.pricing_basis == "inner_area"
            else "area_building_pred"
        )
        return to_decimal(room[field])

    def _quote_area(self, room):
        """The area a sale of `room` is priced on, as an exact decimal: the pricing
        area (§3.1), or the building area where prices are per unit (a unit
        reduction and the displayed unit price need an area)."""
        self.ensure_one()
        return self._pricing_area(room) or to_decimal(room.area_building_pred)

    def _quote_price(self, list_total, lines, area, manual_total=0):
        """tools.DealPrice of a sale: the discount chain on `list_total` (with a
        typed total, see _price_build_up) and the contract unit price on `area`
        (§3.5, §4). The deal and the price calculator price through here, so a
        quote and the deal made from it cannot disagree.

        Reads points_mode, discount_sequence, total_precision, total_rounding and
        allow_direct_total (a stored compute that calls this depends on them)."""
        self.ensure_one()
        result = self._price_build_up(list_total, lines, area, manual_total)
        return deal_price(result, area)

    def _check_filed_price(self, room, deal_total):
        """§3.3 for a sale of `room` at `deal_total`: None when the room has no
        filed price, else whether the total is so far below it that it needs
        re-filing and approval.

        :raises RealtyError: ERR_ABOVE_FILED_PRICE (the filed price is a ceiling)."""
        self.ensure_one()
        if room.currency_id.is_zero(room.filed_total):
            return None
        return check_filed_price(
            to_decimal(deal_total),
            to_decimal(room.filed_total),
            enforce_ceiling=self.filed_price_ceiling,
            max_below_pct=to_decimal(self.filed_price_max_below) or None,
        )

    def _total_kwargs(self):
        """How totals are rounded (pricing.total_precision / total_rounding)."""
        self.ensure_one()
        return {
            "precision": to_decimal(self.total_precision),
            "rounding": self.total_rounding,
        }

    def _discount_kwargs(self):
        self.ensure_one()
        return {
            "points_mode": self.points_mode,
            "category_sequence": tuple(
                k.strip() for k in self.discount_sequence.split(",") if k.strip()
            ),
            "total_precision": to_decimal(self.total_precision),
            "total_rounding": self.total_rounding,
        }

    def _price_build_up(self, list_total, lines, area, manual_total=0):
        """tools.DiscountResult of discount ``lines`` on ``list_total`` (§4), with a
        typed total (where the project allows it) as a last discretionary
        reduction. The calculator and the deal price the same way through here."""
        self.ensure_one()
        kwargs = self._discount_kwargs()
        result = apply_discounts(to_decimal(list_total), lines, area, **kwargs)
        if not manual_total:
            return result
        if not self.allow_direct_total:
            raise RealtyUserError(
                codes.ERR_APPROVAL_REQUIRED,
                self.env._(
                    "Project %(project)s does not let the total be typed.",
                    project=self.name,
                ),
            )
        manual = to_decimal(manual_total)
        if manual > result.deal_total:
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._("A typed total can only lower the price."),
            )
        typed = DiscountLine("total_amount", result.unrounded_total - manual)
        return apply_discounts(to_decimal(list_total), [*lines, typed], area, **kwargs)

    # ---------------------------------------------------------------- constraints
    @api.constrains("city_code")
    def _check_city_code(self):
        for project in self:
            if project.city_code and not re.fullmatch(r"\d{6}", project.city_code):
                raise RealtyValidationError(
                    codes.ERR_INVALID_INPUT,
                    self.env._(
                        "The division code of %(project)s must have 6 digits.",
                        project=project.name,
                    ),
                )

    @api.constrains("room_code_template")
    def _check_room_code_template(self):
        for project in self:
            try:
                floors.room_code("1", "1", "1", 1, template=project.room_code_template)
            except Exception as exc:  # tools.RealtyError, with its reason
                raise RealtyValidationError(
                    codes.ERR_INVALID_INPUT,
                    self.env._(
                        "The room code template %(template)s is not valid: use "
                        "{building}, {unit}, {floor_label} and {position}.",
                        template=project.room_code_template,
                    ),
                ) from exc

    @api.constrains("skip_floor_numbers")
    def _check_skip_floor_numbers(self):
        for project in self:
            self.env["realty.building"]._parse_skip_floors(project.skip_floor_numbers)

    @api.constrains("permit_number_regex")
    def _check_permit_number_regex(self):
        for project in self.filtered("permit_number_regex"):
            try:
                re.compile(project.permit_number_regex)
            except re.error as exc:
                raise RealtyValidationError(
                    codes.ERR_INVALID_INPUT,
                    self.env._(
                        "The permit number pattern is not a valid regular "
                        "expression: %(error)s",
                        error=exc,
                    ),
                ) from exc

    # ----------------------------------------------------------------------- CRUD
    @api.model_create_multi
    @arguments(vals_list=ValsList())
    def create(self, vals_list):
        """The creator becomes a member, so a manager sees the project they create."""
        for vals in vals_list:
            vals.setdefault("user_ids", [Command.link(self.env.uid)])
        return super().create(vals_list)

    @arguments(vals=Vals())
    def write(self, vals):
        """Checked before mail.activity.mixin reads the values."""
        return super().write(vals)

    # -------------------------------------------------------------------- actions
    def _action_rooms(self, domain=None, name=None):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "realty_base.realty_room_action"
        )
        action["domain"] = [("project_id", "=", self.id), *(domain or [])]
        action["context"] = {
            "default_project_id": self.id,
            "search_default_group_state": 0,
        }
        if name:
            action["name"] = name
        return action

    def action_view_rooms(self):
        return self._action_rooms()

    def action_view_available_rooms(self):
        return self._action_rooms(
            [("state", "=", "available")], self.env._("Available")
        )

    def action_view_held_rooms(self):
        return self._action_rooms([("state", "=", "held")], self.env._("Held"))

    def action_view_sold_rooms(self):
        return self._action_rooms([("state", "in", SOLD_STATES)], self.env._("Sold"))

    def action_view_buildings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "realty_base.realty_building_action"
        )
        action["domain"] = [("project_id", "=", self.id)]
        action["context"] = {"default_project_id": self.id}
        return action

    def action_view_permits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "realty_base.realty_permit_action"
        )
        action["domain"] = [("project_id", "=", self.id)]
        action["context"] = {"default_project_id": self.id}
        return action
