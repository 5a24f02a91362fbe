"""The customer ledger (客户台帐) with the receipts issued to the customer."""

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.realty_sales.models.realty_customer_touchpoint import KIND_SLOTS

RECEIPT_SLOT = 7


class RealtyCustomerTouchpoint(models.Model):
    _inherit = "realty.customer.touchpoint"
    _depends = {
        "realty.receipt": [
            "partner_id",
            "date",
            "project_id",
            "company_id",
            "cashier_id",
            "name",
            "amount_total",
            "state",
        ],
    }

    kind = fields.Selection(
        selection_add=[("payment", "Payment")], ondelete={"payment": "cascade"}
    )

    @api.model
    def _realty_touchpoint_selects(self):
        """A payment is an issued receipt (a void one is not money received)."""
        return [
            *super()._realty_touchpoint_selects(),
            SQL(
                """
                SELECT r.id * %(slots)s + %(slot)s, r.partner_id,
                    r.date::timestamp, 'payment', r.project_id, r.company_id,
                    r.cashier_id, r.name, r.amount_total, 'realty.receipt', r.id
                FROM realty_receipt r
                WHERE r.partner_id IS NOT NULL AND r.state = 'posted'
                """,
                slots=KIND_SLOTS,
                slot=RECEIPT_SLOT,
            ),
        ]
