from odoo import api, fields, models

from odoo.addons.realty_base.exceptions import RealtyValidationError
from odoo.addons.realty_base.inputs import COUNT, Vals, ValsList, arguments
from odoo.addons.realty_base.tools import errors as codes

from .realty_customer_collision import phone_key

VISIT_KINDS = [("visit", "Visit"), ("call", "Call")]
OUTCOMES = [
    ("interested", "Interested"),
    ("follow_up", "To Follow Up"),
    ("queue", "Took a Queue Number"),
    ("deal", "Reserved or Bought"),
    ("not_interested", "Not Interested"),
]
DURATION = (0, 1440)
"""Minutes of a visit or a call: a day at most."""


class RealtyVisit(models.Model):
    """A visit to the sales office (来访登记): who came, when, through which channel,
    and which consultant received them. The daily log counts them (§2.6)."""

    _name = "realty.visit"
    _description = "Sales Office Visit"
    _order = "date desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["visitor_name", "mobile", "partner_id.name"]

    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    project_id = fields.Many2one(
        "realty.project", required=True, index=True, check_company=True
    )
    company_id = fields.Many2one(
        related="project_id.company_id", store=True, index=True, precompute=True
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", index="btree_not_null", check_company=True
    )
    visitor_name = fields.Char(
        string="Name",
        compute="_compute_from_partner",
        store=True,
        readonly=False,
        precompute=True,
    )
    mobile = fields.Char(
        compute="_compute_from_partner", store=True, readonly=False, precompute=True
    )
    visitor_count = fields.Integer(
        bounds=(1, COUNT[1]),
        string="Visitors",
        default=1,
        help="People who came together.",
    )
    first_visit = fields.Boolean(
        default=True, help="First visit (首访), else a return."
    )
    user_id = fields.Many2one(
        "res.users",
        string="Consultant",
        default=lambda self: self.env.user,
        index=True,
        domain=[("share", "=", False)],
    )
    source_id = fields.Many2one(
        "utm.source", string="Channel", help="How the visitor heard of the project."
    )
    notes = fields.Text()

    # ------------------------------------------------- follow-up (来访/来电, CRM)
    kind = fields.Selection(
        VISIT_KINDS,
        required=True,
        default="visit",
        index=True,
        help="A visit to the sales office (来访) or a phone call (来电).",
    )
    duration = fields.Integer(
        bounds=DURATION,
        string="Duration (min)",
        help="Minutes spent with the customer.",
    )
    companions = fields.Char(help="Who came with the customer: spouse, parents, ...")
    outcome = fields.Selection(OUTCOMES, index=True)
    opportunity_id = fields.Many2one(
        "crm.lead",
        index="btree_not_null",
        domain="[('realty_project_id', '=', project_id)]",
    )
    realty_phone_key = fields.Char(
        string="Phone Key",
        compute="_compute_realty_phone_key",
        store=True,
        index="btree_not_null",
        help="The mobile as the duplicate check compares it (§8.6).",
    )
    realty_owner_warning = fields.Char(
        string="Known Customer", compute="_compute_realty_owner_warning"
    )

    _sql_constraints = [
        (
            "visitor_count_positive",
            "CHECK(visitor_count > 0)",
            "A visit has at least one visitor.",
        ),
    ]

    @api.depends("partner_id")
    def _compute_from_partner(self):
        for visit in self:
            partner = visit.partner_id
            if partner:
                visit.visitor_name = partner.name
                visit.mobile = partner.mobile or partner.phone or visit.mobile
            elif not visit.visitor_name:
                visit.visitor_name = False

    @api.depends("mobile")
    def _compute_realty_phone_key(self):
        for visit in self:
            visit.realty_phone_key = phone_key(visit.mobile)

    @api.depends("project_id", "partner_id", "mobile", "visitor_name", "user_id")
    def _compute_realty_owner_warning(self):
        """Whose customer this is (the form's duplicate check, 重名检查), before the
        visit is saved; the server assigns it anyway (``create``)."""
        Collision = self.env["realty.customer.collision"]
        for visit in self:
            owner = Collision._realty_find_owner(
                visit.project_id,
                partner=visit.partner_id,
                phone=visit.mobile,
                name=visit.visitor_name,
                exclude=visit._origin,
            )
            visit.realty_owner_warning = (
                Collision._realty_owner_message(owner)
                if owner and owner.user != visit.user_id
                else False
            )

    @api.onchange("project_id", "partner_id", "mobile", "visitor_name")
    def _onchange_realty_owner(self):
        """A warning only (UI); the server keeps the customer with its consultant."""
        return self.env["realty.customer.collision"]._realty_owner_warning(
            self.realty_owner_warning
        )

    @api.depends("visitor_name", "date")
    def _compute_display_name(self):
        for visit in self:
            date = (
                fields.Datetime.context_timestamp(visit, visit.date)
                if visit.date
                else None
            )
            visit.display_name = " ".join(
                part
                for part in (visit.visitor_name, date and date.strftime("%Y-%m-%d"))
                if part
            ) or self.env._("Visit")

    @api.constrains("partner_id", "visitor_name")
    def _check_visitor(self):
        for visit in self:
            if not visit.partner_id and not visit.visitor_name:
                raise RealtyValidationError(
                    codes.ERR_INVALID_INPUT,
                    self.env._("A visit names its customer, or the visitor's name."),
                )

    @api.constrains("opportunity_id", "project_id")
    def _check_opportunity_project(self):
        for visit in self:
            lead = visit.opportunity_id.sudo()
            if lead and lead.realty_project_id != visit.project_id:
                raise RealtyValidationError(
                    codes.ERR_INVALID_INPUT,
                    self.env._(
                        "The opportunity %(lead)s is not of the project %(project)s.",
                        lead=lead.display_name,
                        project=visit.project_id.display_name,
                    ),
                )

    # ---------------------------------------------------------------------- CRUD
    @api.model_create_multi
    @arguments(vals_list=ValsList(client=True))
    def create(self, vals_list):
        """The first consultant keeps the customer: a visit of a known customer
        (same partner, ID number or phone in the project) goes to the consultant
        who follows them, whoever enters it; the attempt is logged."""
        if isinstance(vals_list, dict):
            vals_list = [vals_list]
        vals_list, collisions = self._realty_claim_customers(vals_list)
        visits = super().create(vals_list)
        self.env["realty.customer.collision"]._realty_log(
            [(vals, visits[index]) for index, vals in collisions]
        )
        visits.filtered(
            lambda visit: visit.kind == "visit"
        ).opportunity_id._realty_reach_stage("realty_sales.crm_stage_visited")
        return visits

    @arguments(vals=Vals(client=True))
    def write(self, vals):
        if "user_id" in vals:
            self._realty_check_reassign(vals["user_id"])
        return super().write(vals)

    def _realty_check_reassign(self, user_id):
        """Only a sales manager moves a visit to another consultant."""
        self.env["realty.customer.collision"]._realty_check_reassign(
            self.filtered(lambda visit: visit.user_id.id != user_id)
        )

    @api.model
    def _realty_claim_customers(self, vals_list):
        """``(vals_list, [(index, collision values)])``: the values with the
        consultant who follows each known customer, and the collisions to log."""
        Collision = self.env["realty.customer.collision"]
        Project = self.env["realty.project"].sudo()
        Partner = self.env["res.partner"].sudo()
        result, collisions = [], []
        for index, vals in enumerate(vals_list):
            context = self.env.context
            project = Project.browse(
                vals.get("project_id") or context.get("default_project_id")
            ).exists()
            partner = Partner.browse(
                vals.get("partner_id") or context.get("default_partner_id")
            ).exists()
            user_id, collision = Collision._realty_claim(
                self._name,
                project,
                vals,
                partner=partner,
                phone=vals.get("mobile") or partner.mobile or partner.phone,
                id_number=False,
                name=vals.get("visitor_name") or partner.name,
            )
            if user_id:
                vals = {**vals, "user_id": user_id}
            if collision:
                collisions.append((index, collision))
            result.append(vals)
        return result, collisions
