from odoo import api, fields, models

from odoo.addons.realty_base.inputs import Vals, ValsList, arguments


class RealtyDealDiscount(models.Model):
    """A discount on a deal (§4.3): from a published campaign (standard), or given
    by the sales staff (discretionary, approved above the §4.5 thresholds)."""

    _name = "realty.deal.discount"
    _inherit = ["realty.discount.line.mixin"]
    _description = "Deal Discount"
    _order = "deal_id, sequence, id"

    deal_id = fields.Many2one(
        "realty.deal", required=True, index=True, ondelete="cascade", write_once=True
    )
    policy_id = fields.Many2one(domain="[('project_id', '=', parent.project_id)]")
    added_by_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        readonly=True,
        protected="the user who adds the line",
    )

    def _discount_room(self):
        return self.deal_id.room_id

    @api.constrains("policy_id", "kind", "value", "deal_id")
    def _check_policy(self):
        self._check_policy_terms()

    @api.model_create_multi
    @arguments(vals_list=ValsList())
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.deal_id._check_writable({"discount_line_ids"})
        return lines

    @arguments(vals=Vals())
    def write(self, vals):
        self.deal_id._check_writable({"discount_line_ids"})
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_frozen(self):
        self.deal_id._check_writable({"discount_line_ids"})
