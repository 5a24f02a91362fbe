from odoo import fields, models


class RealtyAreaWaive(models.TransientModel):
    """Asks for the reason of an area adjustment waiver (§7.4 step 6)."""

    _name = "realty.area.waive"
    _description = "Waive the Area Adjustment"

    deal_ids = fields.Many2many("realty.deal", string="Contracts", required=True)
    reason = fields.Char(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.deal_ids.action_waive_area_adjustment(self.reason)
        return {"type": "ir.actions.act_window_close"}
