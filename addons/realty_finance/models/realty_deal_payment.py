from odoo import api, fields, models

from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_base.inputs import ValsList, arguments
from odoo.addons.realty_base.tools import RealtyError, pos_fee, to_decimal
from odoo.addons.realty_base.tools import errors as codes

from .realty_deal import ITEM_ROLES, SCHEDULE_ITEMS_OF

POSTED_BY = "the posting of the payment (realty_finance)"
CARD_TYPES = [("debit", "Debit Card"), ("credit", "Credit Card")]
REFUND_ORDER = {
    "contract": ("advance", "deposit", "intention", "sincerity"),
    "subscription": ("deposit", "advance", "intention", "sincerity"),
    "deposit": ("deposit", "advance", "intention", "sincerity"),
}
"""Where a refund is taken from, by the deal's stage: where its money is held."""
DEFAULT_REFUND_ORDER = ("intention", "sincerity", "deposit", "advance")


class RefundTerms:
    """The penalty a change order pays beyond a refund (§5.8 double refund), and
    the account role a refund is taken from first (an area adjustment's refund
    owed to the buyer, §7.4), given to the posting by server code as a Python
    object (a client cannot send one)."""

    def __init__(self, penalty=0.0, first=None):
        self.penalty = penalty
        self.first = first


ARRIVED = object()
"""Server code's marker: the money is recorded as arrived in the bank."""


class QueueHandOver:
    """Server code's marker (a Python object): the queue numbers being converted
    post their own transfer voucher for the deal's sincerity payments."""


class RealtyDealPayment(models.Model):
    """Each payment of a deal is a journal entry: money received is a customer
    payment into the supervision account (in transit until the bank statement is
    matched, §9.5), a refund is an outbound payment, and a transfer from a queue
    number keeps the entry that took the money."""

    _inherit = "realty.deal.payment"

    journal_id = fields.Many2one(
        "account.journal",
        string="Received Into",
        write_once=True,
        domain="[('type', 'in', ('bank', 'cash'))]",
    )
    card_type = fields.Selection(CARD_TYPES, write_once=True)
    allow_unsupervised = fields.Boolean(
        string="Allowed Exception",
        write_once=True,
        help="House payment received outside the supervision account, as an "
        "allowed exception (§9.5).",
    )
    pos_fee = fields.Monetary(string="POS Fee", readonly=True, protected=POSTED_BY)
    move_id = fields.Many2one(
        "account.move",
        string="Journal Entry",
        readonly=True,
        copy=False,
        index="btree_not_null",
        protected=POSTED_BY,
    )
    account_payment_id = fields.Many2one(
        "account.payment", readonly=True, copy=False, protected=POSTED_BY
    )
    schedule_line_id = fields.Many2one(
        "realty.deal.schedule.line",
        string="Settles",
        readonly=True,
        copy=False,
        index="btree_not_null",
        protected="a bank's disbursement batch",
        help="The schedule line the payment settles (one loan of a combined loan, "
        "disbursed by its bank); else the item's open lines, earliest due first.",
    )
    receipt_id = fields.Many2one(
        "realty.receipt",
        readonly=True,
        copy=False,
        index="btree_not_null",
        protected="the receipt's confirmation",
    )
    state = fields.Selection(
        [("draft", "Not Posted"), ("posted", "Posted"), ("cancel", "Cancelled")],
        compute="_compute_state",
        store=True,
    )
    in_transit = fields.Boolean(
        compute="_compute_state",
        store=True,
        help="Posted, not yet matched with the bank statement (在途).",
    )
    # the one search for all money (总收款): by room, building or buyer
    project_id = fields.Many2one(related="deal_id.project_id", store=True, index=True)
    room_id = fields.Many2one(related="deal_id.room_id", store=True, index=True)
    building_id = fields.Many2one(related="deal_id.building_id", store=True)
    buyers = fields.Char(
        compute="_compute_buyers",
        search="_search_buyers",
        help="The deal's buyers; searched by a name or an ID number (exact).",
    )

    @api.depends("move_id.state", "account_payment_id.is_matched")
    def _compute_state(self):
        for payment in self:
            move_state = payment.move_id.state
            payment.state = {"posted": "posted", "cancel": "cancel"}.get(
                move_state, "draft"
            )
            # in transit until a bank statement line is matched with it (Odoo's
            # payment state says "paid" as soon as what it pays is paid)
            account_payment = payment.account_payment_id
            payment.in_transit = bool(
                account_payment
                and account_payment.state != "canceled"
                and not account_payment.is_matched
            )

    @api.depends("deal_id.partner_id", "deal_id.buyer_ids.partner_id")
    def _compute_buyers(self):
        for payment in self:
            deal = payment.deal_id
            partners = deal.buyer_ids.partner_id or deal.partner_id
            payment.buyers = ", ".join(partners.mapped("name"))

    def _search_buyers(self, operator, value):
        """A buyer's name (part of it), or an ID number (the whole of it: a
        personal number is found, not browsed by its digits)."""
        if operator not in ("ilike", "=", "like", "=ilike") or not isinstance(
            value, str
        ):
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._("Search the buyers by a name or an ID number."),
            )
        text = value.strip()
        return [
            "|",
            "|",
            "|",
            ("deal_id.partner_id.name", "ilike", text),
            ("deal_id.buyer_ids.partner_id.name", "ilike", text),
            ("deal_id.partner_id.realty_id_number", "=", text.upper()),
            ("deal_id.buyer_ids.partner_id.realty_id_number", "=", text.upper()),
        ]

    @api.model_create_multi
    @arguments(vals_list=ValsList())
    def create(self, vals_list):
        payments = super().create(vals_list)
        if isinstance(self.env.context.get("realty_queue_handover"), QueueHandOver):
            payments = payments.filtered(
                lambda p: p.method != "internal" or p.item != "sincerity"
            )
        payments._finance_post()
        payments.deal_id._finance_sync()
        return payments

    # ---------------------------------------------------------------- posting
    def _finance_journal(self):
        """The journal the money goes through: the one given, else the company's
        cash journal for cash, else the project's supervision account."""
        self.ensure_one()
        deal = self.deal_id
        journal = self.journal_id
        if not journal and self.method == "cash":
            journal = self.env["account.journal"].search(
                [("type", "=", "cash"), ("company_id", "=", deal.company_id.id)],
                limit=1,
            )
        if not journal:
            journal = deal.project_id.supervision_journal_id or self.env[
                "account.journal"
            ].search(
                [("type", "=", "bank"), ("company_id", "=", deal.company_id.id)],
                limit=1,
            )
        if not journal:
            raise RealtyUserError(
                codes.ERR_ACCOUNT_MISSING,
                self.env._(
                    "Company %(company)s has no bank journal to receive %(deal)s's "
                    "money into.",
                    company=deal.company_id.name,
                    deal=deal.name,
                ),
            )
        supervised = deal.project_id.supervision_journal_id
        # the exception is a finance manager's to allow: a flag any caller sets
        # would let every payment leave the supervision account
        excepted = self.allow_unsupervised and self.env.user.has_group(
            "realty_finance.group_realty_finance_manager"
        )
        if (
            supervised
            and journal.type == "bank"
            and journal != supervised
            and not excepted
        ):
            raise RealtyUserError(
                codes.ERR_NOT_SUPERVISED_ACCOUNT,
                self.env._(
                    "House payments of %(project)s are received into its "
                    "supervision account %(account)s, not %(journal)s.",
                    project=deal.project_id.name,
                    account=supervised.display_name,
                    journal=journal.display_name,
                ),
            )
        return journal

    def _finance_outstanding(self, payment_type):
        """Where the money waits for the bank: Odoo's outstanding account (在途),
        or the bank account itself for money that arrives as it is recorded (a
        bank's disbursement list, §9.6)."""
        if self.env.context.get("realty_arrived") is ARRIVED:
            return self._finance_journal().default_account_id
        return self.deal_id.company_id._realty_outstanding_account(payment_type)

    def _finance_pos_fee(self):
        """The POS fee of a card payment (§9.5, V-43), 0 otherwise."""
        self.ensure_one()
        if self.method != "pos":
            return 0.0
        project = self.deal_id.project_id
        try:
            fee = pos_fee(
                to_decimal(self.amount),
                self.card_type or "debit",
                allow_credit_card_for_price=project.pos_allow_credit_card_for_price,
                debit_rate=to_decimal(project.pos_debit_rate),
                debit_cap=to_decimal(project.pos_debit_cap)
                if project.pos_debit_cap
                else None,
                credit_rate=to_decimal(project.pos_credit_rate),
            )
        except RealtyError as exc:
            raise RealtyUserError(exc.code, exc.message) from exc
        return float(fee.fee)

    def _finance_post(self):
        """Validate every payment first, then post them (nothing half-written).
        The posting is the server's effect of an action the caller may take (a
        consultant's deposit too): it reads and writes accounting as superuser."""
        self = self.sudo()  # noqa: PLW0642
        plans = [payment._finance_plan() for payment in self]
        for payment, plan in zip(self, plans, strict=True):
            payment._finance_execute(plan)

    def _finance_plan(self):
        """``(kind, values)`` of the entry this payment makes, checked."""
        self.ensure_one()
        if self.method == "internal":
            return "internal", {"account": self._finance_item_account()}
        if self.amount > 0:
            lines = None
            if self.item in SCHEDULE_ITEMS_OF:
                lines = self._finance_open_lines()
            return "inbound", {
                "journal": self._finance_journal(),
                "outstanding": self._finance_outstanding("inbound"),
                "account": self._finance_item_account(),
                "fee": self._finance_pos_fee(),
                "lines": lines,
            }
        return "outbound", {
            "journal": self._finance_journal(),
            "outstanding": self._finance_outstanding("outbound"),
            "parts": self._finance_refund_parts(),
        }

    def _finance_item_account(self):
        """The account an item is held on (the receivable for schedule items)."""
        self.ensure_one()
        company = self.deal_id.company_id
        if self.item in SCHEDULE_ITEMS_OF:
            if self.amount > 0:
                lines = self._finance_open_lines()
                self._finance_check_due(lines)
            return company._realty_account("receivable")
        if self.item not in ITEM_ROLES:
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._("A refund is money paid out: a negative amount."),
            )
        return company._realty_account(ITEM_ROLES[self.item])

    def _finance_open_lines(self):
        """The open schedule lines the payment settles: the one it names, else
        its item's, earliest due first."""
        self.ensure_one()
        lines = self.deal_id.schedule_line_ids._finance_open_lines(self.item)
        return lines & self.schedule_line_id if self.schedule_line_id else lines

    def _finance_check_due(self, lines):
        """ERR_OVERPAYMENT: more than the open schedule lines of the item."""
        open_amount = sum(lines.mapped("amount_residual"))
        if self.currency_id.compare_amounts(self.amount, open_amount) > 0:
            raise RealtyUserError(
                codes.ERR_OVERPAYMENT,
                self.env._(
                    "%(amount)s is more than the %(open)s still due on %(item)s of "
                    "%(deal)s: book the excess as prepayment.",
                    amount=self.amount,
                    open=open_amount,
                    item=dict(self._fields["item"].selection)[self.item],
                    deal=self.deal_id.name,
                ),
            )

    def _finance_refund_parts(self):
        """``[(account, amount)]`` a refund is taken from, and the penalty part
        (§9.8): never more than the deal received, unless a change order pays a
        penalty beyond it."""
        self.ensure_one()
        deal = self.deal_id
        company = deal.company_id
        refund = -self.amount
        terms = self.env.context.get("realty_refund_terms")
        if not isinstance(terms, RefundTerms):
            terms = RefundTerms()
        penalty = terms.penalty
        penalty = min(penalty, refund)
        others = deal.payment_ids - self
        received = sum(others.filtered(lambda p: p.state == "posted").mapped("amount"))
        if self.currency_id.compare_amounts(refund - penalty, received) > 0:
            raise RealtyUserError(
                codes.ERR_REFUND_EXCEEDS,
                self.env._(
                    "A refund of %(refund)s is more than the %(received)s %(deal)s "
                    "received.",
                    refund=refund,
                    received=received,
                    deal=deal.name,
                ),
            )
        balances = deal._finance_balances().get(deal.id, {})
        rest, parts = refund - penalty, []
        order = REFUND_ORDER.get(deal.stage, DEFAULT_REFUND_ORDER)
        for role in (terms.first, *order) if terms.first else order:
            account = company._realty_account(role)
            if any(a == account for a, _amount in parts):
                continue
            held = -balances.get(account.id, 0.0)
            take = min(rest, held) if held > 0 else 0.0
            if not self.currency_id.is_zero(take):
                parts.append((account, take))
                rest -= take
        if not self.currency_id.is_zero(rest):  # paid on receivables: a liability
            parts.append((company._realty_account("advance"), rest))
        if penalty:
            parts.append((company._realty_account("penalty"), penalty))
        return parts

    def _finance_execute(self, plan):
        kind, values = plan
        deal = self.deal_id
        if kind == "internal":
            return self._finance_transfer(values["account"])
        common = {
            "partner_id": deal.partner_id.id,
            "date": self.date,
            "memo": " ".join(filter(None, [deal.name, self.reference, self.note])),
            "realty_deal_id": deal.id,
            "realty_receipt_id": self.receipt_id.id,
            "outstanding": values["outstanding"],
        }
        company = deal.company_id
        if kind == "inbound":
            fee = values["fee"]
            payment_type, destination = "inbound", values["account"]
            common["amount"] = self.amount - fee
            if fee:
                common["write_off_line_vals"] = [
                    deal._finance_write_off(
                        company._realty_account("pos_fee"), fee, self.env._("POS fee")
                    )
                ]
        else:
            (destination, _first), *rest = values["parts"]
            payment_type = "outbound"
            common["amount"] = -self.amount
            common["write_off_line_vals"] = [
                deal._finance_write_off(other, amount, self.env._("Refund"))
                for other, amount in rest
            ]
        payment = company._realty_post_payment(
            payment_type, values["journal"], destination, **common
        )
        self._unlocked().write(
            {
                "account_payment_id": payment.id,
                "move_id": payment.move_id.id,
                "pos_fee": values.get("fee", 0.0),
            }
        )
        if kind == "inbound" and values["lines"] is not None:
            values["lines"]._finance_settle(payment.move_id.line_ids)

    def _finance_transfer(self, account):
        """An internal transfer (内转, §9.4): no money moves; the item's account
        takes it from (or gives it to) the transfer clearing account, which the
        other half of the transfer balances."""
        deal = self.deal_id
        clearing = deal.company_id._realty_account("transfer")
        label = dict(self._fields["item"].selection)[self.item]
        lines = [
            deal._finance_line(account, -self.amount, label),
            deal._finance_line(clearing, self.amount, label),
        ]
        move = deal._finance_post_voucher(lines, self.env._("Internal transfer"))
        self._unlocked().write({"move_id": move.id})
        if self.item in SCHEDULE_ITEMS_OF and self.amount > 0:
            self._finance_open_lines()._finance_settle(move.line_ids)
