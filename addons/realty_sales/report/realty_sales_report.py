"""Sales analysis (a read-only SQL view over the deals) and the values of the deal
PDFs: the subscription agreement (认购书) and the sales contract (商品房买卖合同)."""

from datetime import timedelta

from odoo import api, fields, models

from odoo.addons.realty_base.const import USAGES
from odoo.addons.realty_base.tools import amount_to_capital

from ..models.realty_deal import DEAL_STAGES, DEAL_STATUSES


class RealtySalesReport(models.Model):
    """One row per active or closed deal, with its room's building, layout and area,
    for pivot and graph views (§2.6)."""

    _name = "realty.sales.report"
    _description = "Sales Analysis"
    _auto = False
    _rec_name = "name"
    _order = "date desc"
    _depends = {
        "realty.deal": [
            "name",
            "stage_date",
            "date_subscription",
            "date_contract",
            "project_id",
            "building_id",
            "room_id",
            "user_id",
            "partner_id",
            "company_id",
            "stage",
            "status",
            "list_total",
            "deal_total",
            "discount_amount",
            "amount_received",
        ],
        "realty.room": ["layout_id", "usage", "area_building_pred"],
        "res.company": ["currency_id"],
    }

    name = fields.Char(string="Reference", readonly=True)
    deal_id = fields.Many2one("realty.deal", readonly=True)
    date = fields.Datetime(
        string="Stage Date", readonly=True, help="When the deal reached its stage."
    )
    date_subscription = fields.Datetime(string="Subscribed On", readonly=True)
    date_contract = fields.Datetime(string="Signed On", readonly=True)
    project_id = fields.Many2one("realty.project", readonly=True)
    building_id = fields.Many2one("realty.building", readonly=True)
    room_id = fields.Many2one("realty.room", readonly=True)
    layout_id = fields.Many2one("realty.layout", readonly=True)
    usage = fields.Selection(USAGES, readonly=True)
    user_id = fields.Many2one("res.users", string="Consultant", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Buyer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    stage = fields.Selection(DEAL_STAGES, readonly=True)
    status = fields.Selection(DEAL_STATUSES, readonly=True)
    unit_count = fields.Integer(string="Units", readonly=True)
    area_building = fields.Float(
        string="Building Area (m²)", digits="Realty Area", readonly=True
    )
    list_total = fields.Monetary(readonly=True)
    deal_total = fields.Monetary(readonly=True)
    discount_amount = fields.Monetary(readonly=True)
    amount_received = fields.Monetary(readonly=True)

    @property
    def _table_query(self):
        return """
            SELECT
                d.id AS id,
                d.id AS deal_id,
                d.name AS name,
                d.stage_date AS date,
                d.date_subscription AS date_subscription,
                d.date_contract AS date_contract,
                d.project_id AS project_id,
                d.building_id AS building_id,
                d.room_id AS room_id,
                r.layout_id AS layout_id,
                r.usage AS usage,
                d.user_id AS user_id,
                d.partner_id AS partner_id,
                d.company_id AS company_id,
                c.currency_id AS currency_id,
                d.stage AS stage,
                d.status AS status,
                1 AS unit_count,
                COALESCE(r.area_building_pred, 0) AS area_building,
                COALESCE(d.list_total, 0) AS list_total,
                COALESCE(d.deal_total, 0) AS deal_total,
                COALESCE(d.discount_amount, 0) AS discount_amount,
                COALESCE(d.amount_received, 0) AS amount_received
            FROM realty_deal d
            JOIN realty_room r ON r.id = d.room_id
            JOIN res_company c ON c.id = d.company_id
            WHERE d.status IN ('active', 'closed')
        """


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


class ReportContract(models.AbstractModel):
    """The values of the sales contract (商品房买卖合同（预售）, GF-2014-0171)."""

    _name = "report.realty_sales.report_contract"
    _inherit = "report.realty_sales.report_subscription"
    _description = "Sales Contract (商品房买卖合同)"
