"""The values of the deal PDFs (report/realty_deal_reports.xml) that QWeb does not
compute."""

from datetime import timedelta

from odoo import api, fields, models

from odoo.addons.realty_base.tools import amount_to_capital


class ReportSubscription(models.AbstractModel):
    """The values of the subscription agreement (认购书) that QWeb does not compute:
    amounts in capital numerals (§9.9) and the deadline to sign the contract."""

    _name = "report.realty_sales.report_subscription"
    _description = "Subscription Agreement (认购书)"

    @api.model
    def _get_report_values(self, docids, data=None):
        deals = self.env["realty.deal"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "realty.deal",
            "docs": deals,
            "facts": {deal.id: self._deal_facts(deal) for deal in deals},
        }

    @api.model
    def _capital(self, amount):
        """人民币大写 of an amount (the document prints "人民币" before it)."""
        return amount_to_capital(amount or 0.0)

    @api.model
    def _deal_facts(self, deal):
        project = deal.project_id
        signed_at = deal.date_subscription or deal.date_deposit or fields.Datetime.now()
        signed_on = fields.Date.context_today(deal, signed_at)
        return {
            "signed_on": signed_on,
            "sign_deadline": signed_on + timedelta(days=project.sign_within_days),
            "list_total_capital": self._capital(deal.list_total),
            "deal_total_capital": self._capital(deal.deal_total),
            "deposit_capital": self._capital(deal.deposit_amount),
            "down_payment_capital": self._capital(deal.down_payment),
            "loan_capital": self._capital(deal.loan_commercial + deal.loan_provident),
            # a daily rate of 0.0005 is printed 万分之5 (§8.3)
            "late_rate_per_10000": f"{round(deal.late_daily_rate * 10000, 3):g}",
        }
