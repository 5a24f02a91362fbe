from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.realty_base.inputs import (
    AMOUNT,
    Vals,
    ValsList,
    arguments,
    check_ids,
)

MANAGER_GROUP = "realty_base.group_realty_manager"
MONEY_FIELDS = ("budget", "realty_project_id", "date_start", "date_end")
"""What a campaign's marketing plan decides: only a sales manager sets it."""


class UtmCampaign(models.Model):
    """A campaign as a marketing plan (营销计划) of a project: its period, budget and
    the actual cost of its activities, which the marketing analysis divides by the
    visits, opportunities and deals it brought."""

    _inherit = "utm.campaign"

    realty_project_id = fields.Many2one(
        "realty.project", string="Project", index="btree_not_null"
    )
    currency_id = fields.Many2one(
        "res.currency", compute="_compute_currency_id", store=True
    )
    date_start = fields.Date(string="Start")
    date_end = fields.Date(string="End")
    budget = fields.Monetary(bounds=AMOUNT, help="What the campaign plans to spend.")
    realty_activity_ids = fields.One2many(
        "realty.marketing.activity", "campaign_id", string="Activities"
    )
    actual_cost = fields.Monetary(
        compute="_compute_actual_cost",
        store=True,
        help="What its activities cost.",
    )
    budget_left = fields.Monetary(compute="_compute_actual_cost", store=True)

    @api.depends("realty_project_id.company_id.currency_id")
    def _compute_currency_id(self):
        for campaign in self:
            campaign.currency_id = (
                campaign.realty_project_id.company_id.currency_id
                or self.env.company.currency_id
            )

    @api.depends("budget", "realty_activity_ids.actual_cost")
    def _compute_actual_cost(self):
        for campaign in self:
            campaign.actual_cost = sum(
                campaign.realty_activity_ids.mapped("actual_cost")
            )
            campaign.budget_left = campaign.budget - campaign.actual_cost

    @api.model_create_multi
    @arguments(vals_list=ValsList())
    def create(self, vals_list):
        if any(vals.get(field) for vals in vals_list for field in MONEY_FIELDS):
            self._realty_check_money()
        return super().create(vals_list)

    @arguments(vals=Vals())
    def write(self, vals):
        check_ids(self, list(self._ids))
        if any(field in vals for field in MONEY_FIELDS):
            self._realty_check_money()
        return super().write(vals)

    def _realty_check_money(self):
        """Only a sales manager plans a campaign's project, period and budget."""
        if self.env.su or self.env.user.has_group(MANAGER_GROUP):
            return
        raise AccessError(
            self.env._(
                "Only a sales manager sets a campaign's project, period and budget."
            )
        )
