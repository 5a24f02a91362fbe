from odoo import api, fields, models


class RealtyChangeOrderDiscount(models.Model):
    """A discount of the deal after a change of discounts (§2.4 R9)."""

    _name = "realty.change.order.discount"
    _inherit = ["realty.discount.line.mixin", "realty.change.order.line.mixin"]
    _description = "Change Order: New Discount"
    _order = "change_order_id, sequence, id"

    policy_id = fields.Many2one(domain="[('project_id', '=', parent.project_id)]")

    def _discount_room(self):
        order = self.change_order_id
        return order.new_room_id or order.deal_id.room_id

    @api.constrains("policy_id", "kind", "value", "change_order_id")
    def _check_policy(self):
        self._check_policy_terms()

    def _deal_line_values(self):
        """The deal's discount line this becomes (is_standard follows the policy)."""
        self.ensure_one()
        return {
            "policy_id": self.policy_id.id,
            "name": self.name,
            "kind": self.kind,
            "value": self.value,
            "reason": self.reason,
            "sequence": self.sequence,
        }
