from odoo import models


class ReportContract(models.AbstractModel):
    """The values of the sales contract (商品房买卖合同（预售）, GF-2014-0171)."""

    _name = "report.realty_sales.report_contract"
    _inherit = "report.realty_sales.report_subscription"
    _description = "Sales Contract (商品房买卖合同)"
