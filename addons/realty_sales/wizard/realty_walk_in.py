from odoo import api, fields, models

from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_base.inputs import COUNT, arguments
from odoo.addons.realty_base.tools import errors as codes

from ..models.realty_visit import DURATION, VISIT_KINDS


class RealtyWalkIn(models.TransientModel):
    """The receptionist's quick entry of a walk-in or a call (来访/来电登记): name,
    mobile, project, how many came and how they heard. Before saving, the form says
    whose customer it is (重名检查); the visit goes to that consultant whatever is
    chosen here (realty.visit.create), a new customer gets a lead of their own."""

    _name = "realty.walk.in"
    _description = "Walk-in Registration"

    project_id = fields.Many2one(
        "realty.project",
        required=True,
        default=lambda self: self._default_project(),
    )
    kind = fields.Selection(VISIT_KINDS, required=True, default="visit")
    visitor_name = fields.Char(string="Name", required=True)
    mobile = fields.Char()
    id_number = fields.Char(
        string="ID Number",
        help="When the visitor gives it: the surest duplicate check.",
    )
    visitor_count = fields.Integer(
        bounds=(1, COUNT[1]), string="Visitors", default=1, required=True
    )
    source_id = fields.Many2one("utm.source", string="How They Heard")
    campaign_id = fields.Many2one("utm.campaign")
    user_id = fields.Many2one(
        "res.users",
        string="Consultant",
        domain="[('share', '=', False)]",
        help="Who receives a new customer; a known customer stays with their "
        "consultant.",
    )
    duration = fields.Integer(bounds=DURATION, string="Duration (min)")
    notes = fields.Text()
    owner_user_id = fields.Many2one(
        "res.users", string="Followed By", compute="_compute_owner"
    )
    owner_warning = fields.Char(string="Known Customer", compute="_compute_owner")

    @api.model
    def _default_project(self):
        return self.env["realty.project"].search([], limit=1)

    @api.depends("project_id", "visitor_name", "mobile", "id_number")
    def _compute_owner(self):
        Collision = self.env["realty.customer.collision"]
        for wizard in self:
            owner = Collision._realty_find_owner(
                wizard.project_id,
                phone=wizard.mobile,
                id_number=wizard.id_number,
                name=wizard.visitor_name,
            )
            wizard.owner_user_id = owner.user if owner else False
            wizard.owner_warning = Collision._realty_owner_message(owner)

    @arguments()
    def action_register(self):
        """Register the visit (and a lead for a new customer); open the visit."""
        if len(self) != 1:
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._("Register one walk-in at a time."),
            )
        Collision = self.env["realty.customer.collision"]
        owner = Collision._realty_find_owner(
            self.project_id,
            phone=self.mobile,
            id_number=self.id_number,
            name=self.visitor_name,
        )
        known = owner and owner.level != "name"
        lead = partner = None
        if known:
            record = owner.record
            partner = record.partner_id
            lead = record if record._name == "crm.lead" else record.opportunity_id
        visit_vals = {
            "project_id": self.project_id.id,
            "kind": self.kind,
            "visitor_name": self.visitor_name,
            "mobile": self.mobile,
            "visitor_count": self.visitor_count,
            "source_id": self.source_id.id,
            "duration": self.duration,
            "notes": self.notes,
            "first_visit": not known,
            # a known customer stays with their consultant: choosing another one
            # here is a claim the server refuses and logs (realty.visit.create)
            "user_id": self.user_id.id or (owner.user.id if known else self.env.uid),
        }
        if partner:
            visit_vals["partner_id"] = partner.id
        if not known:
            lead = self.env["crm.lead"].create(
                {
                    "name": self.env._(
                        "%(name)s, %(project)s",
                        name=self.visitor_name,
                        project=self.project_id.name,
                    ),
                    "type": "opportunity",
                    "contact_name": self.visitor_name,
                    "mobile": self.mobile,
                    "realty_project_id": self.project_id.id,
                    "user_id": visit_vals["user_id"],
                    "source_id": self.source_id.id,
                    "campaign_id": self.campaign_id.id,
                }
            )
        if lead:
            visit_vals["opportunity_id"] = lead.id
        visit = self.env["realty.visit"].create(visit_vals)
        return {
            "type": "ir.actions.act_window",
            "res_model": "realty.visit",
            "res_id": visit.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
