from odoo import fields, models

from odoo.addons.realty_base.inputs import AMOUNT

POS_RATE = (0, 0.05)

RECEIVABLE_MODES = [
    ("signing", "On Signing"),
    ("due", "When Due"),
]
VAT_METHODS = [
    ("general", "General Method (9 %)"),
    ("simple", "Simple Method (3 %)"),
]


class RealtyProject(models.Model):
    _inherit = "realty.project"

    supervision_journal_id = fields.Many2one(
        "account.journal",
        string="Supervision Account",
        domain="[('type', '=', 'bank'), ('company_id', 'parent_of', company_id)]",
        help="The presale-fund supervision account (预售资金监管账户): house payments "
        "are received into it (§9.5).",
    )
    receivable_mode = fields.Selection(
        RECEIVABLE_MODES,
        default="signing",
        required=True,
        help="When a schedule line becomes a receivable: all of them when the "
        "contract is signed, or each on its due date.",
    )
    pos_debit_rate = fields.Float(
        string="POS Debit Rate",
        bounds=POS_RATE,
        digits=(6, 5),
        default=0.005,
        help="pos.debit.rate",
    )
    pos_debit_cap = fields.Float(
        string="POS Debit Cap",
        bounds=AMOUNT,
        digits=(16, 2),
        default=25.0,
        help="pos.debit.cap",
    )
    pos_credit_rate = fields.Float(
        string="POS Credit Rate",
        bounds=POS_RATE,
        digits=(6, 5),
        default=0.006,
        help="pos.credit.rate",
    )
    pos_allow_credit_card_for_price = fields.Boolean(
        string="Credit Cards for House Price",
        help="pos.allow_credit_card_for_price: regulators forbid credit-card funds "
        "in house purchases (§9.5).",
    )
    vat_method = fields.Selection(VAT_METHODS, default="general", required=True)
    vat_land_cost_per_m2 = fields.Float(
        string="Deductible Land Cost per m²",
        bounds=AMOUNT,
        digits=(16, 2),
        help="vat.land_cost_per_m2: the land price deducted from the VAT base "
        "(差额, general method).",
    )
