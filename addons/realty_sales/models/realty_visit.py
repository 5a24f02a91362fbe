from odoo import api, fields, models

from odoo.addons.realty_base.exceptions import RealtyValidationError
from odoo.addons.realty_base.inputs import COUNT
from odoo.addons.realty_base.tools import errors as codes


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
