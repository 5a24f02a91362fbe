from odoo import api, fields, models


class RealtyChangeOrderBuyer(models.Model):
    """A buyer of the deal after a rename (更名, §2.4 R8)."""

    _name = "realty.change.order.buyer"
    _inherit = ["realty.protected.mixin"]
    _description = "Change Order: New Buyer"
    _order = "change_order_id, sequence, id"

    change_order_id = fields.Many2one(
        "realty.change.order",
        required=True,
        index=True,
        ondelete="cascade",
        write_once=True,
    )
    sequence = fields.Integer(default=10)
    partner_id = fields.Many2one("res.partner", string="Buyer", required=True)
    share = fields.Float(string="Share (%)", digits=(5, 2))
    relation = fields.Char()

    _sql_constraints = [
        ("share_range", "CHECK(share >= 0 AND share <= 100)", "A share is 0 to 100 %."),
    ]

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
