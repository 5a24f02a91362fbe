from odoo import Command, api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_base.inputs import arguments
from odoo.addons.realty_base.tools import errors as codes

from ..models.crm_lead import OPEN_DEAL_STATUSES
from ..models.realty_customer_collision import MANAGER_GROUP
from ..models.realty_queue_number import ACTIVE_STATES


class RealtyCustomerTransfer(models.TransientModel):
    """客户转移: a sales manager moves a consultant's customers of a project (their
    opportunities, visits and calls, active queue numbers and open deals) to
    another consultant, or to another project, in one batch. Each moved document
    says so in its chatter and the batch is kept in realty.customer.transfer.log.
    Queue numbers and deals keep their project (their number and room are the
    project's): only their consultant changes."""

    _name = "realty.customer.transfer"
    _description = "Customer Reassignment"

    project_id = fields.Many2one("realty.project", string="From Project", required=True)
    from_user_id = fields.Many2one(
        "res.users",
        string="From Consultant",
        required=True,
        domain="[('share', '=', False)]",
    )
    partner_ids = fields.Many2many(
        "res.partner",
        string="Customers",
        help="Leave empty to move every customer of the consultant in the project.",
    )
    to_user_id = fields.Many2one(
        "res.users",
        string="To Consultant",
        required=True,
        domain="[('share', '=', False)]",
    )
    target_project_id = fields.Many2one(
        "realty.project",
        string="To Project",
        help="Move the opportunities and visits to another project as well.",
    )
    reason = fields.Char(required=True)
    lead_count = fields.Integer(string="Opportunities", compute="_compute_counts")
    visit_count = fields.Integer(string="Visits and Calls", compute="_compute_counts")
    queue_number_count = fields.Integer(
        string="Queue Numbers", compute="_compute_counts"
    )
    deal_count = fields.Integer(string="Open Deals", compute="_compute_counts")

    @api.depends("project_id", "from_user_id", "partner_ids")
    def _compute_counts(self):
        for wizard in self:
            records = wizard._realty_records()
            wizard.lead_count = len(records["crm.lead"])
            wizard.visit_count = len(records["realty.visit"])
            wizard.queue_number_count = len(records["realty.queue.number"])
            wizard.deal_count = len(records["realty.deal"])

    def _realty_records(self):
        """``{model: records}`` the transfer moves."""
        self.ensure_one()
        empty = {
            name: self.env[name]
            for name in (
                "crm.lead",
                "realty.visit",
                "realty.queue.number",
                "realty.deal",
            )
        }
        if not self.project_id or not self.from_user_id:
            return empty
        user, project = self.from_user_id.id, self.project_id.id
        partners = self.partner_ids._origin
        leads = self.env["crm.lead"].search(
            [("realty_project_id", "=", project), ("user_id", "=", user)]
            + ([("partner_id", "in", partners.ids)] if partners else [])
        )
        visit_domain = [("project_id", "=", project), ("user_id", "=", user)]
        if partners:
            visit_domain += [
                "|",
                ("partner_id", "in", partners.ids),
                ("opportunity_id", "in", leads.ids),
            ]
        partner_domain = [("partner_id", "in", partners.ids)] if partners else []
        return {
            "crm.lead": leads,
            "realty.visit": self.env["realty.visit"].search(visit_domain),
            "realty.queue.number": self.env["realty.queue.number"].search(
                [
                    ("project_id", "=", project),
                    ("user_id", "=", user),
                    ("state", "in", ACTIVE_STATES),
                ]
                + partner_domain
            ),
            "realty.deal": self.env["realty.deal"].search(
                [
                    ("project_id", "=", project),
                    ("user_id", "=", user),
                    ("status", "in", OPEN_DEAL_STATUSES),
                ]
                + partner_domain
            ),
        }

    @arguments()
    def action_transfer(self):
        """Move the customers; refused to anyone but a sales manager."""
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._("Only a sales manager moves customers between consultants.")
            )
        if len(self) != 1:
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._("Run one reassignment at a time."),
            )
        if self.to_user_id == self.from_user_id and not self.target_project_id:
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._("Choose another consultant or another project."),
            )
        records = self._realty_records()
        if not any(records.values()):
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._(
                    "%(user)s has no customer to move in %(project)s.",
                    user=self.from_user_id.name,
                    project=self.project_id.name,
                ),
            )
        log = self._realty_move(records)
        return {
            "type": "ir.actions.act_window",
            "res_model": "realty.customer.transfer.log",
            "res_id": log.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def _realty_move(self, records):
        to_user = self.to_user_id.id
        target = self.target_project_id
        leads, visits = records["crm.lead"], records["realty.visit"]
        lead_vals = {"user_id": to_user}
        visit_vals = {"user_id": to_user}
        if target and target != self.project_id:
            lead_vals.update(
                {"realty_project_id": target.id, "realty_room_ids": [Command.clear()]}
            )
            visit_vals["project_id"] = target.id
        leads.write(lead_vals)
        visits.write(visit_vals)
        records["realty.queue.number"].write({"user_id": to_user})
        records["realty.deal"].write({"user_id": to_user})
        body = self.env._(
            "Customer moved from %(from_user)s to %(to_user)s by %(manager)s: "
            "%(reason)s",
            from_user=self.from_user_id.name,
            to_user=self.to_user_id.name,
            manager=self.env.user.name,
            reason=self.reason,
        )
        for model in ("crm.lead", "realty.queue.number", "realty.deal"):
            if records[model]:
                records[model]._message_log_batch(
                    bodies=dict.fromkeys(records[model].ids, body)
                )
        return self.env["realty.customer.transfer.log"].create(
            {
                "project_id": self.project_id.id,
                "target_project_id": target.id,
                "from_user_id": self.from_user_id.id,
                "to_user_id": to_user,
                "reason": self.reason,
                "partner_ids": [Command.set(self.partner_ids.ids)],
                "lead_ids": [Command.set(leads.ids)],
                "visit_ids": [Command.set(visits.ids)],
                "queue_number_ids": [Command.set(records["realty.queue.number"].ids)],
                "deal_ids": [Command.set(records["realty.deal"].ids)],
            }
        )
