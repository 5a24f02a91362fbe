from odoo import models


class AccountChartTemplate(models.AbstractModel):
    _inherit = "account.chart.template"

    def _post_load_data(self, template_code, company, template_data):
        """A company that gets a chart gets the realty accounts and journal."""
        result = super()._post_load_data(template_code, company, template_data)
        company._realty_finance_setup()
        return result
