from odoo import api, fields, models


class RealtyChangeOrderDiscount(models.Model):
    """A discount of the deal after a change of discounts (§2.4 R9)."""

    _name = "realty.change.order.discount"
    _inherit = ["realty.discount.line.mixin"]
    _description = "Change Order: New Discount"
    _order = "change_order_id, sequence, id"

    change_order_id = fields.Many2one(
        "realty.change.order",
        required=True,
        index=True,
        ondelete="cascade",
        write_once=True,
    )
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

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.change_order_id._lines_changed()
        return lines

    def write(self, vals):
        orders = self.change_order_id
        orders._check_lines_editable()
        result = super().write(vals)
        orders._lines_changed()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        self.change_order_id._check_lines_editable()

    def unlink(self):
        orders = self.change_order_id
        result = super().unlink()
        orders._lines_changed()
        return result
