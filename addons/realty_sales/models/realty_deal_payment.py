from odoo import api, fields, models

from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_base.inputs import SIGNED_AMOUNT, ValsList, arguments
from odoo.addons.realty_base.tools import errors as codes

PAYMENT_ITEMS = [
    ("sincerity", "Sincerity Deposit (诚意金)"),
    ("intention", "Intention Money (小订)"),
    ("deposit", "Deposit (定金)"),
    ("prepayment", "Prepayment"),
    ("down_payment", "Down Payment"),
    ("installment", "Installment"),
    ("balance", "Balance"),
    ("loan", "Loan Disbursement"),
    ("area_adjustment", "Area Adjustment (面积补差)"),
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
    _inherit = ["realty.protected.mixin"]
    _description = "Deal Payment"
    _order = "deal_id, date, id"

    # What was received is recorded once: a correction is a new line (a refund).
    deal_id = fields.Many2one(
        "realty.deal", required=True, index=True, ondelete="cascade", write_once=True
    )
    currency_id = fields.Many2one(related="deal_id.currency_id")
    date = fields.Date(
        required=True, default=fields.Date.context_today, write_once=True
    )
    item = fields.Selection(PAYMENT_ITEMS, required=True, write_once=True)
    amount = fields.Monetary(
        bounds=SIGNED_AMOUNT,
        required=True,
        write_once=True,
        help="Negative for a refund.",
    )
    method = fields.Selection(
        PAYMENT_METHODS, required=True, default="transfer", write_once=True
    )
    reference = fields.Char(help="Bank serial, POS trace or receipt number.")
    received_by_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        readonly=True,
        protected="the user who records the payment",
    )
    note = fields.Char()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_recorded(self):
        """Deleting a payment and recording it again would rewrite what was
        received, which its write-once fields keep."""
        if self and not self._is_unlocked():
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._(
                    "Money received is recorded once: record a refund (a negative "
                    "amount) instead of deleting the payment of %(deal)s.",
                    deal=self[0].deal_id.name,
                ),
            )

    @api.model_create_multi
    @arguments(vals_list=ValsList())
    def create(self, vals_list):
        payments = super().create(vals_list)
        if not self._is_unlocked():
            closed = payments.deal_id.filtered(
                lambda d: d.status not in ("draft", "active")
            )
            if closed:
                raise RealtyUserError(
                    codes.ERR_STATE_TRANSITION,
                    self.env._(
                        "Deal %(deal)s is %(status)s: money on it is recorded by its "
                        "change orders.",
                        deal=closed[0].name,
                        status=closed[0].status,
                    ),
                )
        return payments
