from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_base.inputs import Date, Vals, arguments
from odoo.addons.realty_base.tools import RealtyError, split_deposit, to_decimal
from odoo.addons.realty_base.tools import errors as codes
from odoo.addons.realty_sales.models.realty_deal import STAGE_ORDER

from .res_company import HOLDING_ROLES

ITEM_ROLES = {
    "sincerity": "sincerity",
    "intention": "intention",
    "deposit": "deposit",
    "prepayment": "advance",
}
"""The account role that holds each kind of money taken before it is due (§5.6-§5.8)."""
SCHEDULE_ITEMS_OF = {
    "down_payment": ("down_payment",),
    "installment": ("installment",),
    "balance": ("balance",),
    "loan": ("commercial_loan", "provident_loan"),
    "area_adjustment": ("area_adjustment",),
}
"""The schedule lines a payment item settles (their receivables): an area
adjustment the buyer pays (§7.4) is paid on its own item."""
RECEIVABLE_SCHEDULE_ITEMS = frozenset(
    item for items in SCHEDULE_ITEMS_OF.values() for item in items
)
AREA_CREDIT_ITEMS = ("area_adjustment", "area_refund")
"""The schedule lines of a settled area adjustment (§7.4): a charge (an
``area_adjustment`` above zero, a receivable), a refund set against the price (an
``area_adjustment`` below zero) or paid back (``area_refund``)."""
AREA_POST_NOW = 200
"""An applied area adjustment of up to this many schedule lines is posted in the
apply; a larger one by the cron right after it."""
BUYER_SCHEDULE_ITEMS = ("down_payment", "installment", "balance")
"""What the buyer pays of the price (the loans are paid by the bank, §9.6): what
an area refund is set against (§7.5)."""
CLOSED = ("cancelled", "closed")


class RealtyDeal(models.Model):
    """A deal's money in Odoo accounting: its payments are posted, its schedule
    becomes receivables, and its holdings follow its stage (§5.8 conversions, §9.4
    transfers). What it received is read from posted entries."""

    _inherit = "realty.deal"

    ledger_line_ids = fields.One2many(
        "account.move.line", "realty_deal_id", string="Journal Items", readonly=True
    )
    amount_in_transit = fields.Monetary(
        compute="_compute_in_transit",
        string="In Transit",
        help="Received but not yet confirmed by the bank (在途).",
    )
    receipt_ids = fields.One2many("realty.receipt", "deal_id", readonly=True)
    receipt_count = fields.Integer(compute="_compute_receipt_count")
    fee_ids = fields.One2many(
        "realty.deal.fee", "deal_id", string="Collected Fees", readonly=True
    )
    collection_log_ids = fields.One2many(
        "realty.collection.log", "deal_id", string="Collections", readonly=True
    )
    late_fee_ids = fields.One2many(
        "realty.late.fee", "deal_id", string="Late Fees Charged", readonly=True
    )
    vat_invoice_ids = fields.One2many(
        "account.move",
        "realty_deal_id",
        string="VAT Invoices",
        readonly=True,
        groups="realty_base.group_realty_finance",
        protected="action_create_vat_invoice and the invoices' credit notes",
    )
    vat_invoice_count = fields.Integer(
        string="VAT Invoice Count",
        compute="_compute_vat_invoice_count",
        groups="realty_base.group_realty_finance",
    )

    # ---------------------------------------------------------------- computes
    def _received_payments(self):
        """A payment that is not posted is not received."""
        return super()._received_payments().filtered(lambda p: p.state == "posted")

    @api.depends("payment_ids.state")
    def _compute_received(self):
        return super()._compute_received()

    @api.depends("payment_ids.in_transit", "payment_ids.amount")
    def _compute_in_transit(self):
        for deal in self:
            deal.amount_in_transit = sum(
                deal.payment_ids.filtered("in_transit").mapped("amount")
            )

    @api.depends("receipt_ids")
    def _compute_receipt_count(self):
        for deal in self:
            deal.receipt_count = len(deal.receipt_ids)

    @api.depends("vat_invoice_ids")
    def _compute_vat_invoice_count(self):
        for deal in self:
            deal.vat_invoice_count = len(deal.vat_invoice_ids)

    # ------------------------------------------------------------ the stage
    @arguments(vals=Vals())
    def write(self, vals):
        result = super().write(vals)
        if "stage" in vals or "status" in vals:
            self._finance_follow()
        return result

    def _generate_schedule(self):
        """A schedule generated again keeps what was paid on each item (carried to
        the new lines) and replaces the old lines' open receivables."""
        paid = {
            deal.id: deal.sudo().schedule_line_ids._finance_paid_by_item()
            for deal in self
        }
        self._finance_release_receivables()
        result = super()._generate_schedule()
        for deal in self:
            deal.schedule_line_ids._finance_carry(paid[deal.id])
        self._finance_follow()
        return result

    def _finance_follow(self):
        """Bring the ledger in line with the deal: receivables of a signed contract
        (per the project) and the holdings of its stage, or of its closing."""
        self = self.sudo()  # noqa: PLW0642
        signed = self.filtered(
            lambda d: (
                d.status == "active"
                and d.stage == "contract"
                and d.project_id.receivable_mode == "signing"
            )
        )
        signed.schedule_line_ids._finance_post_receivable()
        self._finance_sync()

    # ------------------------------------------------------------ the ledger
    def _finance_balances(self):
        """``{deal id: {account id: balance}}`` of the posted items of the deals."""
        self.env["account.move.line"].flush_model()
        self.env["account.move"].flush_model(["state"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT line.realty_deal_id, line.account_id, SUM(line.balance)
                  FROM account_move_line line
                  JOIN account_move move ON move.id = line.move_id
                 WHERE line.realty_deal_id = ANY(%s) AND move.state = 'posted'
              GROUP BY line.realty_deal_id, line.account_id
                """,
                self.ids,
            )
        )
        balances = defaultdict(dict)
        for deal_id, account_id, balance in rows:
            balances[deal_id][account_id] = balance
        return balances

    def _finance_targets(self, held, accounts):
        """Where the deal's holdings belong now, ``{account: credit balance}``
        (§5.8): the items' own accounts before the 定金, the 定金 account from it
        (诚意金 and 小订 converted), contract liabilities from the contract."""
        self.ensure_one()
        target = dict(held)
        stage = STAGE_ORDER.get(self.stage, -1)
        if self.status not in ("draft", "active"):
            return target
        if stage >= STAGE_ORDER["contract"]:
            into, sources = accounts["advance"], ("sincerity", "intention", "deposit")
        elif stage >= STAGE_ORDER["deposit"]:
            into, sources = accounts["deposit"], ("sincerity", "intention")
        else:
            return target
        for role in sources:
            account = accounts[role]
            if account != into:
                target[into] = target.get(into, 0.0) + target.get(account, 0.0)
                target[account] = 0.0
        if into == accounts["deposit"] and self.deal_total:
            # §5.8: a 定金 above 20 % of the total has no 定金 effect: the excess
            # is prepayment (预付房款), held with the contract liabilities
            split = split_deposit(
                to_decimal(max(target[into], 0.0)),
                to_decimal(self.deal_total),
                allow_prepayment=True,
            )
            if split.prepayment:
                target[into] = float(split.deposit)
                advance = accounts["advance"]
                target[advance] = target.get(advance, 0.0) + float(split.prepayment)
        return target

    def _finance_sync(self):
        """Post one transfer voucher per deal (转款, §9.4) that moves its holdings
        where its stage keeps them; a cancelled or closed deal releases its open
        receivables and books what it keeps as income (forfeited, §5.8)."""
        self = self.sudo()  # noqa: PLW0642
        balances = self._finance_balances()
        for deal in self:
            ledger = balances.get(deal.id)
            if not ledger:
                continue
            company = deal.company_id
            accounts = {role: company._realty_account(role) for role in HOLDING_ROLES}
            held = {
                account: -ledger.get(account.id, 0.0)
                for account in set(accounts.values())
            }
            lines = []
            if deal.status in CLOSED:
                lines += deal._finance_release_lines(accounts["advance"])
                released = -sum(line["balance"] for line in lines)
                held[accounts["advance"]] -= released
                target = dict.fromkeys(held, 0.0)
                forfeit = sum(held.values())
                if not deal.currency_id.is_zero(forfeit):
                    lines.append(
                        deal._finance_line(
                            company._realty_account("forfeit"),
                            -forfeit,
                            self.env._("Kept by the developer (§5.8)"),
                        )
                    )
            else:
                target = deal._finance_targets(held, accounts)
            for account, amount in held.items():
                delta = target[account] - amount
                if not deal.currency_id.is_zero(delta):
                    lines.append(
                        deal._finance_line(account, -delta, self.env._("Transfer"))
                    )
            if lines:
                deal._finance_post_voucher(lines, self.env._("Transfer (转款)"))

    def _finance_release_lines(self, advance):
        """Lines that close the open receivables of a deal that ended: the buyer no
        longer owes them (contract liabilities fall by as much)."""
        self.ensure_one()
        lines = []
        account = self.company_id._realty_account("receivable")
        # an area refund owed to the buyer (其他应付款) stays owed: a refund
        # voucher pays it
        for receivable in self.schedule_line_ids.receivable_line_ids.filtered(
            lambda aml: (
                aml.parent_state == "posted"
                and not aml.reconciled
                and aml.account_id == account
            )
        ):
            residual = receivable.amount_residual
            lines.append(
                self._finance_line(
                    receivable.account_id,
                    -residual,
                    self.env._("Released: %(line)s", line=receivable.name),
                    realty_schedule_line_id=receivable.realty_schedule_line_id.id,
                    reconcile_with=receivable,
                )
            )
            lines.append(self._finance_line(advance, residual, receivable.name))
        return lines

    def _finance_line(self, account, balance, name, **values):
        self.ensure_one()
        return {
            "account_id": account.id,
            "balance": balance,
            "name": f"{self.name} {name}",
            "partner_id": self.partner_id.id,
            "realty_deal_id": self.id,
            **values,
        }

    def _finance_write_off(self, account, balance, name):
        """A write-off line of a payment of the deal (a POS fee, a refund's other
        part), tagged by the payment."""
        self.ensure_one()
        return {
            "name": name,
            "account_id": account.id,
            "balance": balance,
            "amount_currency": balance,
            "currency_id": self.currency_id.id,
            "partner_id": self.partner_id.id,
        }

    def _finance_post_voucher(self, lines, ref, date=None):
        """Post a voucher of the realty journal; lines may name the item they
        reconcile with (``reconcile_with``)."""
        self.ensure_one()
        pairs = [line.pop("reconcile_with", None) for line in lines]
        move = self._finance_post_vouchers([(self, lines, ref)], date=date)
        for line, other in zip(move.line_ids.sorted("id"), pairs, strict=False):
            if other:
                (line | other).reconcile()
        return move

    @api.model
    def _finance_post_vouchers(self, vouchers, date=None):
        """Post vouchers of the realty journal ``[(deal, lines, ref)]``, created
        in one call (an area adjustment batch's thousands of deals)."""
        if not vouchers:
            return self.env["account.move"]
        today = date or fields.Date.context_today(self)
        moves = (
            self._unlocked()
            .env["account.move"]
            .sudo()
            .create(
                [
                    {
                        "move_type": "entry",
                        "journal_id": deal.company_id._realty_journal().id,
                        "date": today,
                        "ref": f"{deal.name} {ref}",
                        "company_id": deal.company_id.id,
                        "line_ids": [(0, 0, line) for line in lines],
                    }
                    for deal, lines, ref in vouchers
                ]
            )
        )
        moves.action_post()
        return moves

    def _finance_release_receivables(self):
        """Release the open receivables of the deals' schedule lines."""
        self = self.sudo()  # noqa: PLW0642
        for deal in self.filtered("schedule_line_ids.receivable_line_ids"):
            advance = deal.company_id._realty_account("advance")
            lines = deal._finance_release_lines(advance)
            if lines:
                deal._finance_post_voucher(lines, self.env._("Schedule regenerated"))

    # --------------------------------------------------------- smart buttons
    def action_view_journal_items(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Journal Items"),
            "res_model": "account.move.line",
            "view_mode": "list,pivot",
            "domain": [("realty_deal_id", "=", self.id)],
            "context": {"search_default_posted": 1},
        }

    def action_view_receipts(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Receipts"),
            "res_model": "realty.receipt",
            "view_mode": "list,form",
            "domain": [("deal_id", "=", self.id)],
            "context": {"default_deal_id": self.id},
        }

    def _finance_event(self, kind, source, amount=0.0, note=None):
        """The event goes on the finance to-do list."""
        for deal in self:
            self.env["realty.finance.todo"]._raise(kind, source, deal, amount, note)

    @api.model
    def _finance_events(self, events):
        """The events' to-dos in one create (an area adjustment batch of thousands
        of contracts)."""
        self.env["realty.finance.todo"]._raise_many(events)

    # ------------------------------------------------- fees collected (§6)
    def _finance_fee_amounts(self):
        """``{fee type: amount}`` of the deal's collected fees by its project's
        city policy (the price calculator's own path, §6)."""
        self.ensure_one()
        policy = self.project_id.policy_id
        room = self.room_id
        total, building_area = self._fee_basis()
        if not policy or not total:
            return {}
        try:
            fees = policy._collection_fees(
                to_decimal(total),
                to_decimal(building_area),
                usage=room.usage,
                has_elevator=room.building_id.has_elevator,
                home_tier=self.home_tier,
                individual_buyer=self.individual_buyer,
                land_cost_per_m2=to_decimal(self.project_id.land_cost_per_m2),
                property_right=room.property_right or "full",
            )
        except RealtyError as exc:
            raise RealtyUserError(exc.code, exc.message) from exc
        return {
            "deed_tax": float(fees.deed_tax.tax),
            "stamp_duty": float(fees.stamp_duty),
            "registration_fee": float(fees.registration_fee),
            "maintenance_fund": float(fees.maintenance_fund),
        }

    def _finance_apply_area_offsets(self):
        """Set the open area refunds of the deals that are set against the price
        (§7.5) against the buyer's open receivables (down payment, installments,
        balance), latest due first: the dues nearest, of which the buyer may have
        been notified already, keep their amounts, and the refund, which arises at
        handover, takes the place of the money the buyer would pay last. The loans
        are not touched: their amounts are not recomputed (§7.5) and their banks
        disburse them whole. A refund larger than the open receivables (some not
        yet posted, when the project posts them when due) stays open and is set
        against the next ones posted."""
        for deal in self.sudo():
            lines = deal.schedule_line_ids
            credits = (
                lines.filtered(lambda line: line.item == "area_adjustment")
                .receivable_line_ids.filtered(
                    lambda aml: (
                        aml.parent_state == "posted"
                        and aml.balance < 0
                        and not aml.reconciled
                    )
                )
                .sorted("id")
            )
            if not credits:
                continue
            debits = (
                lines.filtered(lambda line: line.item in BUYER_SCHEDULE_ITEMS)
                .receivable_line_ids.filtered(
                    lambda aml: (
                        aml.parent_state == "posted"
                        and aml.balance > 0
                        and not aml.reconciled
                    )
                )
                .sorted(lambda aml: (aml.date_maturity, aml.id), reverse=True)
            )
            for credit in credits:
                for debit in debits:
                    if credit.reconciled:
                        break
                    if not debit.reconciled:
                        (credit | debit).reconcile()

    def _finance_area_refunds(self):
        """A draft refund voucher (退款单, §9.8, reason: area adjustment) for what
        each deal's area adjustment pays back (its ``area_refund`` lines not on a
        voucher yet): finance checks the payee and the account, a finance manager
        approves it and the cashier pays it out of the payable it was booked on."""
        Refund = self.env["realty.refund"].sudo()
        existing = Refund.search(
            [
                ("deal_id", "in", self.ids),
                ("reason", "=", "area"),
                ("state", "!=", "cancelled"),
            ]
        )
        covered = defaultdict(float)
        for refund in existing:
            covered[refund.deal_id.id] += refund.amount
        values = []
        for deal in self.sudo():
            owed = -sum(
                deal.schedule_line_ids.filtered(
                    lambda line: line.item == "area_refund"
                ).mapped("payable")
            )
            amount = deal.currency_id.round(owed - covered[deal.id])
            if deal.currency_id.compare_amounts(amount, 0) > 0:
                values.append(
                    {
                        "deal_id": deal.id,
                        "reason": "area",
                        "amount": amount,
                        "payee_id": deal.partner_id.id,
                        "note": self.env._(
                            "The area adjustment pays back %(amount)s (§7.4).",
                            amount=amount,
                        ),
                    }
                )
        if not values:
            return Refund
        return Refund.with_context(
            mail_create_nolog=True, tracking_disable=len(values) > 1
        ).create(values)

    def _on_area_settled(self):
        """A settled area adjustment moves the deed tax and the maintenance fund
        (§7.6, V-33): the fees already computed on the signed contracts are
        computed again on the adjusted total and the measured area, and the
        difference posted. After-sales staff settle: the posting is the server's
        (sudo). Fees not computed yet are computed on the settled figures when
        finance computes them."""
        result = super()._on_area_settled()
        deals = self.sudo().filtered(
            lambda d: d.status == "active" and d.stage == "contract"
        )
        # the settled amounts in the ledger (§7.4): charges receivable, refunds
        # set against the price or owed to the buyer
        area = deals.schedule_line_ids.filtered(
            lambda line: line.item in AREA_CREDIT_ITEMS
        )
        if len(area) > AREA_POST_NOW:
            # a building's batch: its thousands of entries are posted by the cron
            # just after the apply, not in the apply's request (Odoo's posting
            # costs a few queries per journal item)
            self.env.ref("realty_finance.ir_cron_post_area_adjustments")._trigger()
        else:
            area._finance_post_settled_area()
        for deal in deals.filtered("fee_ids"):
            deal._finance_apply_fees(deal._finance_fee_amounts())
        return result

    def action_compute_fees(self):
        """Compute the fees collected for others and post what changed: a new
        amount owed by the buyer (其他应收款) against the fee's liability (代收);
        a lower one releases the difference (a batch after a rule changes)."""
        if not self.env.user.has_group("realty_base.group_realty_finance"):
            raise RealtyUserError(
                codes.ERR_APPROVAL_REQUIRED,
                self.env._("Finance computes the fees collected for others."),
            )
        for deal in self:
            if deal.status != "active" or deal.stage != "contract":
                raise RealtyUserError(
                    codes.ERR_STATE_TRANSITION,
                    self.env._(
                        "Fees are collected on a signed contract (%(deal)s).",
                        deal=deal.name,
                    ),
                )
        amounts = {deal: deal._finance_fee_amounts() for deal in self}
        for deal, fees in amounts.items():
            deal.sudo()._finance_apply_fees(fees)
        return True

    def _finance_apply_fees(self, amounts):
        self.ensure_one()
        Fee = self.env["realty.deal.fee"]._unlocked()
        company = self.company_id
        receivable = company._realty_account("fee_receivable")
        lines = []
        for fee_type, amount in amounts.items():
            fee = self.fee_ids.filtered(lambda f, t=fee_type: f.fee_type == t)
            if fee.transfer_id:
                continue  # transferred out: a change is a refund or a top-up
            if not fee:
                fee = Fee.create(
                    {"deal_id": self.id, "fee_type": fee_type, "amount": 0.0}
                )
            delta = amount - fee.amount
            if self.currency_id.is_zero(delta):
                continue
            label = dict(fee._fields["fee_type"].selection)[fee_type]
            lines += [
                self._finance_line(receivable, delta, label, realty_deal_fee_id=fee.id),
                self._finance_line(fee._account(), -delta, label),
            ]
            fee._unlocked().amount = amount
        if lines:
            self._finance_post_voucher(lines, self.env._("Fees collected for others"))

    # ------------------------------------------------------------ collections
    def action_send_dunning(self):
        """Send now what the dunning ladder has due today on the deals' lines
        (通知交款 / 催交欠款, §9.7): the same rungs, logs and suppression as the
        nightly run; finance users of active contracts only."""
        if not self.env.user.has_group("realty_base.group_realty_finance"):
            raise AccessError(
                self.env._("Only finance users send payment notices and demands.")
            )
        self.check_access("read")
        for deal in self:
            if deal.status != "active" or deal.stage != "contract":
                raise RealtyUserError(
                    codes.ERR_STATE_TRANSITION,
                    self.env._(
                        "Payment notices and demands are sent on active contracts, "
                        "not on %(deal)s.",
                        deal=deal.name,
                    ),
                )
        logs = self.env["realty.collection.log"]._dunning_run(
            fields.Date.context_today(self), deals=self
        )
        if logs:
            kinds = dict(logs._fields["kind"]._description_selection(self.env))
            sent = logs.filtered(lambda log: log.state == "sent")
            message = self.env._(
                "Sent: %(sent)s.",
                sent=", ".join(
                    sorted({f"{log.deal_id.name} {kinds[log.kind]}" for log in sent})
                )
                or "-",
            )
            if sent != logs:
                message += " " + self.env._(
                    "Some buyers opted out or have no contact: see the collection log."
                )
        else:
            message = self.env._("Nothing is due for a notice or a demand today.")
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": "success" if logs else "info",
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    # ------------------------------------------------------------ VAT invoice
    @arguments(invoice_date=Date())
    def action_create_vat_invoice(self, invoice_date=None):
        """发票 (§9.2): issue the VAT invoice of each signed contract, by the
        project's VAT method, posted against its contract liabilities
        (account.move ``_realty_create_vat_invoice``); finance only. A deal is
        invoiced once: a correction is a red-letter credit note first."""
        if not self.env.user.has_group("realty_base.group_realty_finance"):
            raise AccessError(
                self.env._("VAT invoices are issued by the finance team.")
            )
        for deal in self:
            deal._check_vat_invoiceable()
        Move = self.env["account.move"]
        invoices = Move.browse()
        for deal in self:
            invoices |= Move._realty_create_vat_invoice(deal, invoice_date)
        if len(self) == 1:
            return self.action_view_vat_invoices()
        return True

    def _check_vat_invoiceable(self):
        self.ensure_one()
        if self.stage != "contract" or self.status != "active":
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._(
                    "%(deal)s is not a signed contract: a VAT invoice is issued "
                    "for the sale of a signed contract.",
                    deal=self.name,
                ),
            )
        if not self.currency_id.is_zero(self._vat_invoiced()):
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._(
                    "%(deal)s is invoiced already: issued invoices are not "
                    "edited, correct it with a red-letter credit note first.",
                    deal=self.name,
                ),
            )
        if self.currency_id.compare_amounts(self.deal_total, 0) <= 0:
            raise RealtyUserError(
                codes.ERR_NO_PRICE,
                self.env._("%(deal)s has no total to invoice.", deal=self.name),
            )

    def _vat_invoiced(self):
        """What the deal's posted invoices less their credit notes invoiced."""
        self.ensure_one()
        moves = self.sudo().vat_invoice_ids.filtered(lambda m: m.state == "posted")
        sign = {"out_invoice": 1, "out_refund": -1}
        return sum(sign.get(m.move_type, 0) * m.amount_total for m in moves)

    def action_view_vat_invoices(self):
        self.ensure_one()
        invoices = self.vat_invoice_ids
        action = {
            "type": "ir.actions.act_window",
            "name": self.env._("VAT Invoices"),
            "res_model": "account.move",
            "view_mode": "list,form",
            "domain": [("realty_deal_id", "=", self.id)],
            "context": {"default_move_type": "out_invoice", "create": False},
        }
        if len(invoices) == 1:
            action.update(view_mode="form", res_id=invoices.id)
        return action

    # ------------------------------------------- handover money (§9.10 hooks)
    # realty_sales's questions of the handover checks, answered from the ledger
    # (read as the server: whoever hands over reads the answer, not the entries).
    def _handover_due_lines(self, as_of):
        return self.sudo().schedule_line_ids.filtered(
            lambda line: (
                line.item in RECEIVABLE_SCHEDULE_ITEMS and line.due_date <= as_of
            )
        )

    def _handover_outstanding(self, as_of):
        """What the receivables of the lines due by `as_of` still ask."""
        return {
            line: line.amount_residual
            for line in self._handover_due_lines(as_of)
            if line.currency_id.compare_amounts(line.amount_residual, 0) > 0
        }

    def _handover_in_transit(self, as_of):
        """What was paid on those lines by payments the bank has not matched."""
        return {
            line: line.amount_in_transit
            for line in self._handover_due_lines(as_of)
            if not line.currency_id.is_zero(line.amount_in_transit)
        }

    def _fees_outstanding(self):
        """The fees collected for others still owed, by fee label: what their
        lines ask, or, on a deal whose fees were never computed, what the
        project's city policy asks."""
        result = {}
        labels = dict(
            self.env["realty.deal.fee"]
            ._fields["fee_type"]
            ._description_selection(self.env)
        )
        for deal in self.sudo():
            owed = deal._handover_fees_owed()
            owed.pop("maintenance_fund", None)  # its own check
            owed = {
                labels[fee_type]: amount
                for fee_type, amount in owed.items()
                if deal.currency_id.compare_amounts(amount, 0) > 0
            }
            if owed:
                result[deal.id] = owed
        return result

    def _maintenance_fund_unpaid(self):
        """The maintenance fund still owed (§6.4), the same way."""
        result = {}
        for deal in self.sudo():
            unpaid = deal._handover_fees_owed().get("maintenance_fund", 0.0)
            if deal.currency_id.compare_amounts(unpaid, 0) > 0:
                result[deal.id] = unpaid
        return result

    def _handover_fees_owed(self):
        """``{fee type: amount}`` the buyer still owes on the deal's fees."""
        self.ensure_one()
        if not self.fee_ids:
            return self._finance_fee_amounts()
        return {
            fee.fee_type: 0.0
            if fee.state in ("collected", "transferred")
            else fee.amount_residual
            for fee in self.fee_ids
        }
