from odoo import fields, models

from ..inputs import AMOUNT, RATIO
from ..tools import rnd, to_decimal


class RealtyFeeItem(models.Model):
    """Another fee collected for others (§6.5): mortgage registration, notary, …
    Itemised and optional: compulsory bundling is not allowed (明码标价)."""

    _name = "realty.fee.item"
    _description = "Collected Fee Item"
    _order = "policy_id, sequence, id"

    policy_id = fields.Many2one("realty.city.policy", required=True, ondelete="cascade")
    currency_id = fields.Many2one(related="policy_id.currency_id")
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    amount_type = fields.Selection(
        [("fixed", "Fixed Amount"), ("percent", "Percent of Price")],
        required=True,
        default="fixed",
    )
    amount = fields.Monetary(
        bounds=AMOUNT,
    )
    rate = fields.Float(bounds=RATIO, digits=(6, 5))
    usages = fields.Char(
        help="Comma-separated usages it applies to (residential, commercial, "
        "parking, …); empty: all.",
    )

    def _applies_to(self, usage):
        wanted = {u.strip() for u in (self.usages or "").split(",") if u.strip()}
        return not wanted or usage in wanted

    def _amount(self, total):
        if self.amount_type == "fixed":
            return to_decimal(self.amount)
        return rnd(to_decimal(total) * to_decimal(self.rate))
