from odoo import fields, models


class RealtyProject(models.Model):
    _inherit = "realty.project"

    filing_adapter_id = fields.Many2one(
        "realty.filing.adapter",
        string="City Filing Adapter",
        check_company=True,
        help="The city's online signing and filing system the project's "
        "subscriptions and contracts are filed with (§8.4).",
    )
