from odoo import api, fields, models

from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_base.inputs import AMOUNT, Vals, ValsList, arguments
from odoo.addons.realty_base.tools import errors as codes

from .realty_deal_payment import RefundTerms

REFUND_REASONS = [
    ("small_deposit", "Intention Money Returned (R2)"),
    ("cancellation", "Cancellation (R3)"),
    ("termination", "Termination (R4)"),
    ("area", "Area Adjustment Refund (§7)"),
    ("rescission", "Rescission (§7.3)"),
    ("overpayment", "Overpayment"),
    ("other", "Other"),
]
REFUND_STATES = [
    ("draft", "Draft"),
    ("to_approve", "To Approve"),
    ("approved", "Approved"),
    ("paid", "Paid"),
    ("cancelled", "Cancelled"),
]
ACTIONS = "action_submit, action_approve, action_pay, action_cancel"


class RealtyRefund(models.Model):
    """A refund voucher (退款单, §9.8): the amount, the reason, what is withheld,
    the payee and its account, approved by a finance manager through the realty
    approval mechanism (a change after approval voids it), then paid: an outbound
    payment out of what the deal holds, never more than it received."""

    _name = "realty.refund"
    _inherit = ["mail.thread", "mail.activity.mixin", "realty.approval.mixin"]
    _description = "Refund Voucher"
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(
        readonly=True, copy=False, default="/", protected="the refund sequence"
    )
    deal_id = fields.Many2one(
        "realty.deal", required=True, index=True, check_company=True, tracking=True
    )
    project_id = fields.Many2one(related="deal_id.project_id", store=True, index=True)
    company_id = fields.Many2one(related="deal_id.company_id", store=True)
    currency_id = fields.Many2one(related="deal_id.currency_id")
    reason = fields.Selection(REFUND_REASONS, required=True, tracking=True)
    amount = fields.Monetary(bounds=AMOUNT, required=True, tracking=True)
    withheld = fields.Monetary(bounds=AMOUNT, string="Penalty Withheld", tracking=True)
    receipt_ids = fields.Many2many(
        "realty.receipt",
        string="Source Receipts",
        domain="[('deal_id', '=', deal_id), ('state', '=', 'posted')]",
    )
    payee_id = fields.Many2one("res.partner", tracking=True)
    payee_bank_id = fields.Many2one(
        "res.partner.bank",
        string="Payee Account",
        domain="[('partner_id', '=', payee_id)]",
    )
    authorised_payee = fields.Boolean(
        string="Notarised Authorisation",
        help="The payee is not the original payer: a notarised authorisation "
        "exists (§9.8).",
    )
    journal_id = fields.Many2one(
        "account.journal",
        domain="[('type', '=', 'bank'), ('company_id', 'parent_of', company_id)]",
        help="Default: the project's supervision account.",
    )
    note = fields.Text()
    state = fields.Selection(
        REFUND_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        protected=ACTIONS,
    )
    payment_id = fields.Many2one(
        "realty.deal.payment", readonly=True, copy=False, protected="action_pay"
    )
    in_transit = fields.Boolean(related="payment_id.in_transit")

    @api.model_create_multi
    @arguments(vals_list=ValsList())
    def create(self, vals_list):
        return super().create(vals_list)

    @api.model
    def _add_server_values(self, vals_list):
        return super()._add_server_values(
            [
                {
                    **vals,
                    "name": self.env["ir.sequence"].next_by_code("realty.refund")
                    or "/",
                }
                for vals in vals_list
            ]
        )

    @arguments(vals=Vals())
    def write(self, vals):
        if not self._is_unlocked() and any(
            r.state in ("paid", "cancelled") for r in self
        ):
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._("A paid or cancelled refund is history."),
            )
        result = super().write(vals)
        if not self._is_unlocked():
            self._approval_check_void()
        return result

    # ----------------------------------------------------------- the approval
    def _approval_content(self):
        self.ensure_one()
        return {
            "deal": self.deal_id.id,
            "amount": self.amount,
            "withheld": self.withheld,
            "reason": self.reason,
            "payee": self.payee_id.id,
            "payee_bank": self.payee_bank_id.id,
        }

    def _approval_groups(self):
        return self.env.ref("realty_finance.group_realty_finance_manager")

    def _on_approval_voided(self):
        self.filtered(lambda r: r.state == "approved")._unlocked().write(
            {"state": "to_approve"}
        )

    # ---------------------------------------------------------------- actions
    def _check_refundable(self):
        for refund in self:
            deal = refund.deal_id
            received = deal.amount_received
            if refund.currency_id.compare_amounts(refund.amount, received) > 0:
                raise RealtyUserError(
                    codes.ERR_REFUND_EXCEEDS,
                    self.env._(
                        "A refund of %(refund)s is more than the %(received)s "
                        "%(deal)s received.",
                        refund=refund.amount,
                        received=received,
                        deal=deal.name,
                    ),
                )
            buyers = deal.partner_id | deal.buyer_ids.partner_id
            payee = refund.payee_id or deal.partner_id
            if payee not in buyers and not refund.authorised_payee:
                raise RealtyUserError(
                    codes.ERR_INVALID_INPUT,
                    self.env._(
                        "A refund is paid to the buyer who paid, unless a notarised "
                        "authorisation names %(payee)s.",
                        payee=payee.name,
                    ),
                )

    def _refuse_unless(self, states):
        wrong = self.filtered(lambda r: r.state not in states)
        if wrong:
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._(
                    "Refund %(refund)s is %(state)s.",
                    refund=wrong[0].name,
                    state=dict(REFUND_STATES)[wrong[0].state],
                ),
            )

    def action_submit(self):
        self._refuse_unless(("draft",))
        self._check_refundable()
        self._unlocked().write({"state": "to_approve"})
        return True

    def action_approve(self):
        self._refuse_unless(("to_approve",))
        self._check_refundable()
        self._record_approval()
        self._unlocked().write({"state": "approved"})
        return True

    def action_cancel(self):
        self._refuse_unless(("draft", "to_approve", "approved"))
        self._unlocked().write({"state": "cancelled"})
        return True

    def action_pay(self):
        """Pay the approved refund: an outbound payment, in transit until the bank
        statement shows it left."""
        self._refuse_unless(("approved",))
        self._check_approval_current()
        self._check_refundable()
        Payment = self.env["realty.deal.payment"].sudo()._unlocked()
        for refund in self:
            if refund.reason == "area":
                # paid out of what the area adjustment owes the buyer (§7.4)
                Payment = Payment.with_context(
                    realty_refund_terms=RefundTerms(first="area_refund")
                )
            payment = Payment.create(
                {
                    "deal_id": refund.deal_id.id,
                    "item": "refund",
                    "amount": -refund.amount,
                    "method": "transfer",
                    "journal_id": refund.journal_id.id,
                    "reference": refund.name,
                    "note": dict(REFUND_REASONS)[refund.reason],
                }
            )
            refund._unlocked().write({"state": "paid", "payment_id": payment.id})
            if refund.reason == "area":
                refund._reconcile_area_refund()
        return True

    def _reconcile_area_refund(self):
        """Match the payment with the area refunds it pays (the payable booked on
        the deal's ``area_refund`` lines), so that each line reads paid back."""
        self.ensure_one()
        account = self.company_id._realty_account("area_refund")
        owed = (
            self.deal_id.sudo()
            .schedule_line_ids.filtered(lambda line: line.item == "area_refund")
            .receivable_line_ids.filtered(
                lambda aml: (
                    aml.parent_state == "posted"
                    and aml.account_id == account
                    and not aml.reconciled
                )
            )
        )
        paid = self.payment_id.sudo().move_id.line_ids.filtered(
            lambda aml: aml.account_id == account and aml.balance > 0
        )
        for line in owed.sorted("id"):
            if not paid or paid.reconciled:
                break
            (paid | line).reconcile()
