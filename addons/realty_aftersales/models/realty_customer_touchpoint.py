"""The customer ledger (客户台帐) with the after-sales service cases of the buyer."""

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.realty_sales.models.realty_customer_touchpoint import KIND_SLOTS

SERVICE_CASE_SLOT = 8


class RealtyCustomerTouchpoint(models.Model):
    _inherit = "realty.customer.touchpoint"
    _depends = {
        "realty.service.case": [
            "deal_id",
            "create_date",
            "project_id",
            "company_id",
            "user_id",
            "type_id",
        ],
        "realty.service.type": ["name"],
    }

    kind = fields.Selection(
        selection_add=[("service_case", "Service Case")],
        ondelete={"service_case": "cascade"},
    )

    @api.model
    def _realty_touchpoint_selects(self):
        """A service case is the buyer's (the deal's customer)."""
        lang = self.env.lang or "en_US"
        return [
            *super()._realty_touchpoint_selects(),
            SQL(
                """
                SELECT sc.id * %(slots)s + %(slot)s, d.partner_id, sc.create_date,
                    'service_case', sc.project_id, sc.company_id, sc.user_id,
                    COALESCE(st.name->>%(lang)s, st.name->>'en_US') || ' · ' || d.name,
                    NULL::numeric, 'realty.service.case', sc.id
                FROM realty_service_case sc
                JOIN realty_deal d ON d.id = sc.deal_id
                LEFT JOIN realty_service_type st ON st.id = sc.type_id
                WHERE d.partner_id IS NOT NULL
                """,
                slots=KIND_SLOTS,
                slot=SERVICE_CASE_SLOT,
                lang=lang,
            ),
        ]
