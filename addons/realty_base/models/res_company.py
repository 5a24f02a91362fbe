from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    # The developer block of the sales contract (GF-2014-0171, parties); the unified
    # social credit code is the company's registry number (company_registry).
    realty_qualification_no = fields.Char(
        string="Developer Qualification No.",
        help="The real estate development qualification certificate number "
        "(资质证书号).",
    )
    realty_legal_representative = fields.Char(string="Legal Representative")
