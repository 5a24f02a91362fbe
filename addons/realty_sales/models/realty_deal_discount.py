from odoo import api, fields, models

from odoo.addons.realty_base.models.realty_discount_policy import (
    DISCOUNT_KINDS,
    discount_line,
)


class RealtyDealDiscount(models.Model):
    """A discount on a deal (§4.3): from a published campaign (standard), or given
    by the sales staff (discretionary, approved above the §4.5 thresholds)."""

    _name = "realty.deal.discount"
    _description = "Deal Discount"
    _order = "deal_id, sequence, id"

    deal_id = fields.Many2one(
        "realty.deal", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    policy_id = fields.Many2one(
        "realty.discount.policy",
        string="Discount Policy",
        domain="[('project_id', '=', parent.project_id)]",
    )
    name = fields.Char(
        compute="_compute_from_policy",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    kind = fields.Selection(
        DISCOUNT_KINDS,
        compute="_compute_from_policy",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    value = fields.Float(
        digits=(16, 4),
        compute="_compute_from_policy",
        store=True,
        readonly=False,
        precompute=True,
    )
    is_standard = fields.Boolean(
        string="Published Campaign",
        compute="_compute_from_policy",
        store=True,
        readonly=False,
        precompute=True,
    )
    reason = fields.Char()
    added_by_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True
    )

    @api.depends("policy_id")
    def _compute_from_policy(self):
        for line in self:
            policy = line.policy_id
            if policy:
                line.name = policy.name
                line.kind = policy.kind
                line.value = policy.value
                line.is_standard = policy.is_standard
            elif not line.kind:
                line.kind = "total_amount"

    def _discount_line(self):
        """This discount as a tools.DiscountLine."""
        self.ensure_one()
        return discount_line(self)

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.deal_id._check_unfrozen("discount_line_ids")
        return lines

    def write(self, vals):
        self.deal_id._check_unfrozen("discount_line_ids")
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_frozen(self):
        self.deal_id._check_unfrozen("discount_line_ids")
