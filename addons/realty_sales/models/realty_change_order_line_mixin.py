from odoo import api, fields, models

from odoo.addons.realty_base.inputs import Vals, ValsList, arguments


class RealtyChangeOrderLineMixin(models.AbstractModel):
    """A line of what a change order changes (a new buyer, a new discount): part
    of what is approved, so a change to it submits the order again, and a line of
    an executed, refused or cancelled order does not change."""

    _name = "realty.change.order.line.mixin"
    _inherit = ["realty.protected.mixin"]
    _description = "Realty: Change Order Line"

    change_order_id = fields.Many2one(
        "realty.change.order",
        required=True,
        index=True,
        ondelete="cascade",
        write_once=True,
    )

    @api.model_create_multi
    @arguments(vals_list=ValsList())
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.change_order_id._lines_changed()
        return lines

    @arguments(vals=Vals())
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
