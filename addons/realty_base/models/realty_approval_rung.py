from odoo import api, fields, models

from ..inputs import AMOUNT, RATIO
from ..tools import ApprovalRung, to_decimal


class RealtyApprovalRung(models.Model):
    """One rung of the discount approval ladder (§4.5): the members of `group_id`
    may approve a discretionary discount when the deal stays at or above
    `min_ratio` of the standard price and the discount is at most `max_amount`."""

    _name = "realty.approval.rung"
    _description = "Discount Approval Rung"
    _order = "project_id, sequence, id"

    project_id = fields.Many2one(
        "realty.project",
        index=True,
        ondelete="cascade",
        help="Empty: the ladder of projects that have none of their own.",
    )
    sequence = fields.Integer(default=10)
    group_id = fields.Many2one("res.groups", string="Approver Role", required=True)
    min_ratio = fields.Float(
        bounds=RATIO,
        string="Lowest Ratio",
        digits=(5, 4),
        required=True,
        help="0.97: the deal total is at least 97 % of the standard price.",
    )
    max_amount = fields.Monetary(
        bounds=AMOUNT, string="Largest Discount", required=True
    )
    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id")

    @api.depends("project_id")
    @api.depends_context("company")
    def _compute_currency_id(self):
        for rung in self:
            rung.currency_id = (
                rung.project_id.currency_id or self.env.company.currency_id
            )

    @api.model
    def _ladder(self, project):
        """The rungs for `project`, lowest first: its own, else the default ones."""
        rungs = self.search([("project_id", "=", project.id)])
        return rungs or self.search([("project_id", "=", False)])

    def _tools_ladder(self):
        """As tools.ApprovalRung, the role being the rung's id."""
        return [
            ApprovalRung(str(r.id), to_decimal(r.min_ratio), to_decimal(r.max_amount))
            for r in self
        ]
