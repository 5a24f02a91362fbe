from odoo import fields, models

PAYMENT_ITEMS = [
    ("sincerity", "Sincerity Deposit (诚意金)"),
    ("intention", "Intention Money (小订)"),
    ("deposit", "Deposit (定金)"),
    ("prepayment", "Prepayment"),
    ("down_payment", "Down Payment"),
    ("installment", "Installment"),
    ("balance", "Balance"),
    ("loan", "Loan Disbursement"),
    ("refund", "Refund"),
]
PAYMENT_METHODS = [
    ("cash", "Cash"),
    ("pos", "Card (POS)"),
    ("transfer", "Bank Transfer"),
    ("loan", "Loan"),
    ("internal", "Internal Transfer"),
]
CONVERTIBLE_ITEMS = ("sincerity", "intention", "deposit", "prepayment")
"""Money taken before the contract and credited to the price when it is signed
(§5.8 conversions)."""


class RealtyDealPayment(models.Model):
    """Money received on a deal, or refunded (negative amounts). realty_sales keeps
    the amounts; realty_finance turns them into receipts and journal entries."""

    _name = "realty.deal.payment"
    _description = "Deal Payment"
    _order = "deal_id, date, id"

    deal_id = fields.Many2one(
        "realty.deal", required=True, index=True, ondelete="cascade"
    )
    currency_id = fields.Many2one(related="deal_id.currency_id")
    date = fields.Date(required=True, default=fields.Date.context_today)
    item = fields.Selection(PAYMENT_ITEMS, required=True)
    amount = fields.Monetary(required=True, help="Negative for a refund.")
    method = fields.Selection(PAYMENT_METHODS, required=True, default="transfer")
    reference = fields.Char(help="Bank serial, POS trace or receipt number.")
    received_by_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True
    )
    note = fields.Char()
