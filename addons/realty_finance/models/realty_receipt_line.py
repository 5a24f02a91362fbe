from odoo import api, fields, models

from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_base.inputs import AMOUNT, Vals, ValsList, arguments
from odoo.addons.realty_base.tools import errors as codes
from odoo.addons.realty_sales.models.realty_deal_payment import (
    PAYMENT_ITEMS,
    PAYMENT_METHODS,
)

from .realty_deal import ITEM_ROLES, SCHEDULE_ITEMS_OF
from .realty_deal_payment import CARD_TYPES

HOLDING_ITEMS = frozenset(ITEM_ROLES)
RECEIPT_ITEMS = [item for item in PAYMENT_ITEMS if item[0] != "refund"] + [
    ("fee", "Collected Fee (代收)")
]
LOCKED = "the receipt's number (a draft's lines only)"


class RealtyReceiptLine(models.Model):
    """An item of a receipt (定金, 首付款, …): its amount, how it was paid and into
    which account. An internal transfer line moves money already received (换开,
    §9.4) and names the receipt it replaces."""

    _name = "realty.receipt.line"
    _inherit = ["realty.protected.mixin"]
    _description = "Receipt Line"
    _order = "receipt_id, sequence, id"

    receipt_id = fields.Many2one(
        "realty.receipt", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    currency_id = fields.Many2one(related="receipt_id.currency_id")
    item = fields.Selection(RECEIPT_ITEMS, required=True, default="deposit")
    method = fields.Selection(PAYMENT_METHODS, required=True, default="transfer")
    amount = fields.Monetary(bounds=AMOUNT, required=True)
    card_type = fields.Selection(CARD_TYPES)
    journal_id = fields.Many2one(
        "account.journal",
        string="Received Into",
        domain="[('type', 'in', ('bank', 'cash'))]",
    )
    reference = fields.Char(help="Bank serial or POS terminal trace.")
    allow_unsupervised = fields.Boolean(string="Allowed Exception")
    fee_id = fields.Many2one(
        "realty.deal.fee",
        domain="[('deal_id', '=', parent.deal_id)]",
        help="For a fee collected for others (代收): which one.",
    )
    source_receipt_id = fields.Many2one(
        "realty.receipt",
        string="Replaces Receipt",
        help="For an internal transfer: the receipt whose money moves here (换开).",
    )

    @api.constrains("method", "source_receipt_id")
    def _check_transfer_source(self):
        for line in self:
            if line.method == "internal" and not line.source_receipt_id:
                raise RealtyUserError(
                    codes.ERR_INVALID_INPUT,
                    self.env._(
                        "An internal transfer line names the receipt it replaces."
                    ),
                )

    def _check_draft(self):
        if self.receipt_id.filtered(lambda r: r.state != "draft"):
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._("An issued receipt does not change: void it."),
            )

    @api.model_create_multi
    @arguments(vals_list=ValsList())
    def create(self, vals_list):
        lines = super().create(vals_list)
        if not self._is_unlocked():
            lines._check_draft()
        return lines

    @arguments(vals=Vals())
    def write(self, vals):
        self._check_protected_write(vals)
        self._check_draft()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_issued(self):
        self._check_draft()

    def _deal_payment_values(self):
        """The deal payments of the line: the money received, or for an internal
        transfer into money held before the contract (诚意金 → 定金, §9.4) the
        pair that moves it. A transfer into a schedule item (定金 → 首付款) is the
        schedule's credit already (§5.8): the line documents it and moves
        nothing."""
        self.ensure_one()
        receipt = self.receipt_id
        values = {
            "deal_id": receipt.deal_id.id,
            "receipt_id": receipt.id,
            "date": receipt.date,
            "item": self.item,
            "amount": self.amount,
            "method": self.method,
            "reference": self.reference or receipt.name,
        }
        if self.item == "fee":
            return []  # collected for others: not the deal's money (§9.1)
        if self.method != "internal":
            return [
                {
                    **values,
                    "card_type": self.card_type,
                    "journal_id": self.journal_id.id,
                    "allow_unsupervised": self.allow_unsupervised,
                }
            ]
        if self.item not in HOLDING_ITEMS:
            return []
        source = self.source_receipt_id.line_ids[:1].item
        return [
            {**values, "item": source, "amount": -self.amount},
            values,
        ]

    def _check_transfer(self):
        """An internal line takes no more than its source receipt gave, and one
        into a schedule item no more than the schedule credited."""
        for line in self.filtered(lambda line: line.method == "internal"):
            receipt = line.receipt_id
            if line.item in HOLDING_ITEMS:
                limit = line.source_receipt_id.amount_counted
            else:
                limit = sum(
                    receipt.deal_id.schedule_line_ids.filtered(
                        lambda s, item=line.item: (
                            s.item in SCHEDULE_ITEMS_OF.get(item, ())
                        )
                    ).mapped("credit")
                )
            if line.currency_id.compare_amounts(line.amount, limit) > 0:
                raise RealtyUserError(
                    codes.ERR_OVERPAYMENT,
                    self.env._(
                        "An internal transfer of %(amount)s is more than the "
                        "%(limit)s it moves.",
                        amount=line.amount,
                        limit=limit,
                    ),
                )

    def _collect_fee(self):
        """A fee collected for others (代收): a customer payment into the other
        receivable, reconciled with the fee's; not more than is owed."""
        self.ensure_one()
        receipt, fee = self.receipt_id, self.fee_id
        deal = receipt.deal_id
        if not fee or fee.deal_id != deal:
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._("A fee line names a collected fee of the receipt's deal."),
            )
        if self.currency_id.compare_amounts(self.amount, fee.amount_residual) > 0:
            raise RealtyUserError(
                codes.ERR_OVERPAYMENT,
                self.env._(
                    "%(amount)s is more than the %(open)s still owed on %(fee)s.",
                    amount=self.amount,
                    open=fee.amount_residual,
                    fee=dict(fee._fields["fee_type"].selection)[fee.fee_type],
                ),
            )
        company = deal.company_id
        journal = (
            self.journal_id
            or deal.project_id.supervision_journal_id
            or self.env["account.journal"]
            .sudo()
            .search([("type", "=", "bank"), ("company_id", "=", company.id)], limit=1)
        )
        receivable = company._realty_account("fee_receivable")
        payment = company._realty_post_payment(
            "inbound",
            journal,
            receivable,
            partner_id=deal.partner_id.id,
            amount=self.amount,
            date=receipt.date,
            memo=f"{deal.name} {receipt.name}",
            realty_deal_id=deal.id,
            realty_receipt_id=receipt.id,
        )
        credit = payment.move_id.line_ids.filtered(
            lambda aml: aml.account_id == receivable
        )
        open_lines = fee.sudo().receivable_line_ids.filtered(
            lambda aml: aml.parent_state == "posted" and not aml.reconciled
        )
        (credit | open_lines).reconcile()
        return payment
