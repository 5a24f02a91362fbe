from odoo import api, fields, models

from odoo.addons.realty_base.inputs import PERCENT, Vals, ValsList, arguments


class RealtyDealBuyer(models.Model):
    """A buyer of a deal (买受人): the primary buyer and the co-buyers, with their
    shares when the property is owned in shares (按份共有)."""

    _name = "realty.deal.buyer"
    _inherit = ["realty.protected.mixin"]
    _description = "Deal Buyer"
    _order = "deal_id, sequence, id"

    deal_id = fields.Many2one(
        "realty.deal", required=True, index=True, ondelete="cascade", write_once=True
    )
    sequence = fields.Integer(default=10)
    partner_id = fields.Many2one(
        "res.partner", string="Buyer", required=True, index=True
    )
    share = fields.Float(
        bounds=PERCENT,
        string="Share (%)",
        digits=(5, 2),
        help="Only for ownership in shares.",
    )
    relation = fields.Char(help="e.g. spouse, child, parent of the primary buyer")

    _sql_constraints = [
        (
            "partner_uniq",
            "unique(deal_id, partner_id)",
            "A buyer appears once per deal.",
        ),
        ("share_range", "CHECK(share >= 0 AND share <= 100)", "A share is 0 to 100 %."),
    ]

    @api.model_create_multi
    @arguments(vals_list=ValsList())
    def create(self, vals_list):
        buyers = super().create(vals_list)
        buyers.deal_id._check_writable({"buyer_ids"})
        return buyers

    @arguments(vals=Vals())
    def write(self, vals):
        self.deal_id._check_writable({"buyer_ids"})
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_frozen(self):
        self.deal_id._check_writable({"buyer_ids"})
