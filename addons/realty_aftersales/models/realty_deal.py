from odoo import fields, models

AREA_ADJUST_STATES = [
    ("none", "Not Measured"),
    ("pending", "To Settle"),
    ("settled", "Settled"),
    ("waived", "Waived"),
]


class RealtyDeal(models.Model):
    _inherit = "realty.deal"

    area_adjust_state = fields.Selection(
        AREA_ADJUST_STATES,
        string="Area Adjustment",
        required=True,
        default="none",
        readonly=True,
        copy=False,
        tracking=True,
        protected="area adjustment batches (apply, waive)",
        help="Where the deal's area adjustment (面积补差, §7) stands: handover (F12) "
        "waits until it is settled or waived by approval.",
    )
