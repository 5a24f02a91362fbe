from odoo import api, fields, models

from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_base.inputs import Text, Vals, ValsList, arguments
from odoo.addons.realty_base.tools import RealtyError, amount_to_capital
from odoo.addons.realty_base.tools import errors as codes

RECEIPT_STATES = [("draft", "Draft"), ("posted", "Issued"), ("void", "Void (作废)")]
CONFIRMED = "action_confirm"
CHATTER_FIELDS = frozenset(
    {"message_main_attachment_id", "activity_ids", "message_follower_ids"}
)


class RealtyReceipt(models.Model):
    """A receipt (收据, §9.1, §9.3): the developer's proof of money received on a
    deal or a queue number, numbered from the cashier's receipt book without gaps.

    Confirming it posts its lines (a customer payment each, in transit until the
    bank confirms) and gives it its number in the same transaction; a receipt that
    is not confirmed received nothing. A voided receipt keeps its number and
    amount for audit and counts zero."""

    _name = "realty.receipt"
    _inherit = ["mail.thread", "mail.activity.mixin", "realty.protected.mixin"]
    _description = "Receipt"
    _order = "date desc, name desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["name", "deal_id.name", "partner_id.name"]

    name = fields.Char(
        string="Number",
        readonly=True,
        copy=False,
        default="/",
        index=True,
        protected="the receipt book (action_confirm)",
    )
    book_id = fields.Many2one(
        "realty.receipt.book",
        string="Receipt Book",
        required=True,
        check_company=True,
        domain="[('user_id', '=', uid), ('state', '=', 'in_use')]",
        default=lambda self: self._default_book(),
    )
    cashier_id = fields.Many2one(
        "res.users", readonly=True, copy=False, protected=CONFIRMED
    )
    deal_id = fields.Many2one(
        "realty.deal", index="btree_not_null", check_company=True, tracking=True
    )
    queue_number_id = fields.Many2one(
        "realty.queue.number", index="btree_not_null", tracking=True
    )
    project_id = fields.Many2one(
        "realty.project", compute="_compute_project", store=True, index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner",
        string="Payer",
        compute="_compute_partner",
        store=True,
        readonly=False,
        protected=False,
    )
    room_code = fields.Char(related="deal_id.room_id.code")
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    line_ids = fields.One2many("realty.receipt.line", "receipt_id", copy=True)
    amount_total = fields.Monetary(compute="_compute_amount", store=True)
    amount_counted = fields.Monetary(
        compute="_compute_amount",
        store=True,
        help="What the receipt counts: zero when it is void.",
    )
    amount_capital = fields.Char(
        string="Amount in Words", compute="_compute_amount", store=True
    )
    state = fields.Selection(
        RECEIPT_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        protected="action_confirm and action_void",
    )
    payment_ids = fields.One2many("realty.deal.payment", "receipt_id", readonly=True)
    account_payment_ids = fields.One2many(
        "account.payment", "realty_receipt_id", readonly=True
    )
    in_transit = fields.Boolean(compute="_compute_in_transit")
    void_reason = fields.Char(readonly=True, copy=False, protected="action_void")
    voided_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, protected="action_void"
    )
    void_date = fields.Datetime(readonly=True, copy=False, protected="action_void")
    reissued = fields.Boolean(
        string="Reissued (已换开)",
        readonly=True,
        copy=False,
        tracking=True,
        protected="a transfer receipt (action_confirm)",
    )
    print_count = fields.Integer(readonly=True, copy=False, protected="the print")

    def init(self):
        """No receipt number twice in a company, whatever the books say."""
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS realty_receipt_number_uniq "
            "ON realty_receipt (company_id, name) WHERE name != '/'"
        )

    @api.model
    def _default_book(self):
        return self.env["realty.receipt.book"].search(
            [("user_id", "=", self.env.uid), ("state", "=", "in_use")], limit=1
        )

    @api.depends("deal_id", "queue_number_id")
    def _compute_project(self):
        for receipt in self:
            receipt.project_id = (receipt.deal_id or receipt.queue_number_id).project_id

    # Its own method: a payer typed in the form (an editable compute) protects the
    # fields of its method on save, which would leave the project empty.
    @api.depends("deal_id", "queue_number_id")
    def _compute_partner(self):
        for receipt in self:
            if not receipt.partner_id:
                source = receipt.deal_id or receipt.queue_number_id
                receipt.partner_id = source.partner_id

    @api.depends("line_ids.amount", "state")
    def _compute_amount(self):
        for receipt in self:
            total = sum(receipt.line_ids.mapped("amount"))
            receipt.amount_total = total
            receipt.amount_counted = 0.0 if receipt.state == "void" else total
            try:
                receipt.amount_capital = amount_to_capital(total)
            except RealtyError:
                receipt.amount_capital = False

    @api.depends("account_payment_ids.is_matched", "account_payment_ids.state")
    def _compute_in_transit(self):
        for receipt in self:
            receipt.in_transit = any(
                not p.is_matched and p.state != "canceled"
                for p in receipt.account_payment_ids
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_issued(self):
        if any(receipt.state != "draft" for receipt in self):
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._("An issued or voided receipt keeps its number: void it."),
            )

    @api.model_create_multi
    @arguments(vals_list=ValsList())
    def create(self, vals_list):
        return super().create(vals_list)

    @arguments(vals=Vals())
    def write(self, vals):
        """An issued or voided receipt does not change (its deal, payer, date or
        book): only its chatter does."""
        self._check_protected_write(vals)
        if (
            not self._is_unlocked()
            and any(receipt.state != "draft" for receipt in self)
            and set(vals) - CHATTER_FIELDS
        ):
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._("An issued receipt does not change: void it."),
            )
        return super().write(vals)

    # ---------------------------------------------------------------- actions
    def action_confirm(self):
        """Issue the receipt: check it, take the next number of the cashier's book
        and post its lines, in one transaction (a refusal posts nothing and uses
        no number)."""
        for receipt in self:
            receipt._check_issuable()
        for receipt in self:
            receipt._issue()
        return True

    def _check_issuable(self):
        self.ensure_one()
        if self.state != "draft":
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._("Receipt %(number)s is issued already.", number=self.name),
            )
        if bool(self.deal_id) == bool(self.queue_number_id):
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._("A receipt is for one deal or one queue number."),
            )
        if not self.line_ids or any(line.amount <= 0 for line in self.line_ids):
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._("A receipt lists the amounts received, each above zero."),
            )
        if self.queue_number_id and (
            set(self.line_ids.mapped("item")) != {"sincerity"}
            or "internal" in self.line_ids.mapped("method")
        ):
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._("A queue number receives its sincerity deposit only."),
            )
        if self.book_id.company_id != self.company_id:
            raise RealtyUserError(
                codes.ERR_RECEIPT_BOOK,
                self.env._("The receipt book belongs to another company."),
            )
        if self.book_id.project_ids and self.project_id not in self.book_id.project_ids:
            raise RealtyUserError(
                codes.ERR_RECEIPT_BOOK,
                self.env._(
                    "Receipt book %(book)s is not used in %(project)s.",
                    book=self.book_id.code,
                    project=self.project_id.name,
                ),
            )

    def _issue(self):
        self.ensure_one()
        number = self.book_id._issue()
        self._unlocked().write(
            {"name": number, "state": "posted", "cashier_id": self.env.uid}
        )
        money = self.line_ids.filtered(lambda line: line.method != "internal")
        transfers = self.line_ids - money
        transfers._check_transfer()
        transfers.source_receipt_id._unlocked().write({"reissued": True})
        for line in money.filtered(lambda line: line.item == "fee"):
            line._collect_fee()
        money = money.filtered(lambda line: line.item != "fee")
        if self.queue_number_id:
            self.queue_number_id._finance_receive(self, money)
        else:
            values = [v for line in self.line_ids for v in line._deal_payment_values()]
            if values:
                self.env["realty.deal.payment"]._unlocked().create(values)

    @arguments(reason=Text(optional=False))
    def action_void(self, reason):
        """作废 (§9.3): within the void window (the same business day) and before
        the bank confirmed any of its money, by a finance manager; the number and
        amount stay, the money is taken back out of the books."""
        self._check_voidable()
        for receipt in self:
            payments = receipt.account_payment_ids.sudo()
            payments.action_draft()
            payments.action_cancel()
        self._unlocked().write(
            {
                "state": "void",
                "void_reason": reason,
                "voided_by_id": self.env.uid,
                "void_date": fields.Datetime.now(),
            }
        )
        self.deal_id._finance_sync()
        self.queue_number_id._finance_after_void()
        return True

    def _check_voidable(self):
        if not self.env.user.has_group("realty_finance.group_realty_finance_manager"):
            raise RealtyUserError(
                codes.ERR_APPROVAL_REQUIRED,
                self.env._("A receipt is voided with a finance manager's approval."),
            )
        today = fields.Date.context_today(self)
        for receipt in self:
            if receipt.state != "posted":
                raise RealtyUserError(
                    codes.ERR_STATE_TRANSITION,
                    self.env._(
                        "Receipt %(number)s is not issued.", number=receipt.name
                    ),
                )
            matched = any(p.is_matched for p in receipt.account_payment_ids)
            if receipt.date != today or matched or receipt.reissued:
                raise RealtyUserError(
                    codes.ERR_RECEIPT_VOID_WINDOW,
                    self.env._(
                        "Receipt %(number)s is past its void window (the day it was "
                        "issued, before the bank confirmed it): issue a refund "
                        "instead.",
                        number=receipt.name,
                    ),
                )

    @api.model
    def _void_blank(self, book, reason):
        """A blank paper receipt damaged or lost: its number is voided."""
        receipt = self._unlocked().create(
            {"book_id": book.id, "company_id": book.company_id.id}
        )
        number = book._issue(for_void=True)
        receipt._unlocked().write(
            {
                "name": number,
                "state": "void",
                "cashier_id": self.env.uid,
                "void_reason": reason,
                "voided_by_id": self.env.uid,
                "void_date": fields.Datetime.now(),
            }
        )
        return receipt

    def action_print(self):
        """Print the receipt; a second print is marked 补打 (reprint)."""
        issued = self.filtered(lambda r: r.state != "draft")
        if issued != self:
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._("A draft receipt has no number to print yet."),
            )
        for receipt in self:
            receipt._unlocked().print_count += 1
        return self.env.ref("realty_finance.action_report_receipt").report_action(self)
