"""Sales analysis: a read-only SQL view over the deals."""

from odoo import fields, models

from odoo.addons.realty_base.const import USAGES

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
