from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.realty_base.tools import late_penalty, to_decimal

from .realty_deal import (
    AREA_CREDIT_ITEMS,
    RECEIVABLE_SCHEDULE_ITEMS,
    SCHEDULE_ITEMS_OF,
)

PAYMENT_STATES = [
    ("not_posted", "Not Yet Receivable"),
    ("open", "Open"),
    ("partial", "Partially Paid"),
    ("in_transit", "Paid, In Transit"),
    ("paid", "Paid"),
]


class RealtyDealScheduleLine(models.Model):
    """A schedule line becomes a receivable (应收账款 against contract liabilities)
    on signing or when due; what was paid on it is read from the reconciliation of
    that receivable."""

    _inherit = "realty.deal.schedule.line"

    receivable_line_ids = fields.One2many(
        "account.move.line", "realty_schedule_line_id", readonly=True
    )
    paid_before = fields.Monetary(
        readonly=True,
        protected="the schedule's generation",
        help="Paid on this item under an earlier schedule of the deal.",
    )
    amount_paid = fields.Monetary(compute="_compute_paid", store=True, aggregator="sum")
    amount_residual = fields.Monetary(
        string="Outstanding", compute="_compute_paid", store=True, aggregator="sum"
    )
    amount_in_transit = fields.Monetary(
        compute="_compute_paid", store=True, aggregator="sum"
    )
    payment_state = fields.Selection(
        PAYMENT_STATES, compute="_compute_paid", store=True, index=True
    )
    late_penalty = fields.Monetary(
        string="Late Penalty So Far",
        compute="_compute_late_penalty",
        help="The late-payment penalty (逾期违约金, §9.7) of this line as of today: "
        "the overdue amount times the deal's daily rate for each day after the due "
        "date, each payment closing a period; the unpaid rest counts as if paid "
        "today.",
    )
    late_fee_ids = fields.One2many(
        "realty.late.fee", "schedule_line_id", string="Late Fees Charged", readonly=True
    )

    @api.depends(
        "payable",
        "paid_before",
        "receivable_line_ids.amount_residual",
        "receivable_line_ids.parent_state",
        "receivable_line_ids.matched_credit_ids.amount",
        "receivable_line_ids.matched_credit_ids.credit_move_id.payment_id.is_matched",
    )
    def _compute_paid(self):
        for line in self:
            posted = line.receivable_line_ids.filtered(
                lambda aml: aml.parent_state == "posted"
            )
            receivables = posted.filtered(lambda aml: aml.balance > 0)
            released = -sum(
                posted.filtered(lambda aml: aml.balance < 0).mapped("balance")
            )
            if line._is_area_credit():
                line.update(line._area_credit_paid(posted))
                continue
            if line.item not in RECEIVABLE_SCHEDULE_ITEMS:
                line.update(
                    {
                        "amount_paid": 0.0,
                        "amount_residual": 0.0,
                        "amount_in_transit": 0.0,
                        "payment_state": "not_posted",
                    }
                )
                continue
            residual = (
                sum(receivables.mapped("amount_residual"))
                if receivables
                else line.payable - line.paid_before
            )
            transit = sum(
                partial.amount
                for partial in receivables.matched_credit_ids
                if partial.credit_move_id.payment_id
                and not partial.credit_move_id.payment_id.is_matched
            )
            line.amount_paid = line.payable - residual - released
            line.amount_residual = residual
            line.amount_in_transit = transit
            if line.currency_id.is_zero(residual):
                line.payment_state = "in_transit" if transit else "paid"
            elif not receivables:
                line.payment_state = "not_posted"
            elif line.currency_id.compare_amounts(residual, line.payable) < 0:
                line.payment_state = "partial"
            else:
                line.payment_state = "open"

    def _is_area_credit(self):
        """An area refund (§7.4-§7.5): set against the price (an ``area_adjustment``
        line below zero) or paid back (``area_refund``)."""
        self.ensure_one()
        return self.item in AREA_CREDIT_ITEMS and (
            self.currency_id.compare_amounts(self.payable, 0) < 0
        )

    def _area_credit_paid(self, posted):
        """What an area refund has done so far, signed like its payable (below
        zero): ``amount_paid`` is the part set against the buyer's receivables or
        paid back by a refund voucher, ``amount_residual`` the rest."""
        credits = posted.filtered(lambda aml: aml.balance < 0)
        residual = (
            sum(credits.mapped("amount_residual"))
            if credits
            else self.payable - self.paid_before
        )
        if self.currency_id.is_zero(residual):
            state = "paid"
        elif not credits:
            state = "not_posted"
        elif self.currency_id.compare_amounts(residual, self.payable) > 0:
            state = "partial"
        else:
            state = "open"
        return {
            "amount_paid": self.payable - residual,
            "amount_residual": residual,
            "amount_in_transit": 0.0,
            "payment_state": state,
        }

    def _compute_late_penalty(self):
        today = fields.Date.context_today(self)
        for line in self:
            line.late_penalty = float(line._late_penalty_as_of(today))

    # ------------------------------------------------------------ late fees
    def _late_amount_due(self):
        """What the line's receivable asks (its payable less what an earlier
        schedule paid on it), as a Decimal."""
        self.ensure_one()
        # read as the server: who reads the line (a consultant) reads its penalty,
        # not the journal items it comes from
        self = self.sudo()  # noqa: PLW0642
        posted = self.receivable_line_ids.filtered(
            lambda aml: aml.parent_state == "posted" and aml.balance > 0
        )
        amount = (
            sum(posted.mapped("balance")) if posted else self.payable - self.paid_before
        )
        return to_decimal(self.currency_id.round(amount))

    def _late_payments(self):
        """``[(date, amount)]`` applied to the line: the partial reconciliations
        of its receivables, on the date of the entry that paid (in transit
        included, §9.7; a release when the deal ended closes the debt too)."""
        self.ensure_one()
        self = self.sudo()  # noqa: PLW0642 (as in _late_amount_due)
        receivables = self.receivable_line_ids.filtered(
            lambda aml: aml.parent_state == "posted" and aml.balance > 0
        )
        return [
            (partial.credit_move_id.date, to_decimal(partial.amount))
            for partial in receivables.matched_credit_ids
        ]

    def _late_penalty_as_of(self, as_of):
        """The penalty so far on `as_of` (tools.late_penalty, V-41), a Decimal: 0
        for lines that are not receivables or not overdue."""
        self.ensure_one()
        if (
            self.item not in RECEIVABLE_SCHEDULE_ITEMS
            or not self.due_date
            or self.due_date >= as_of
        ):
            return to_decimal(0)
        return late_penalty(
            self._late_amount_due(),
            self.due_date,
            self._late_payments(),
            as_of=as_of,
            daily_rate=to_decimal(self.deal_id.late_daily_rate),
        )

    def action_charge_late_fee(self):
        """Charge the late penalty accrued since the last charge (Dr receivable /
        Cr late-fee income), once per line and period; finance managers only."""
        if not self.env.user.has_group("realty_finance.group_realty_finance_manager"):
            raise AccessError(
                self.env._("Only a finance manager charges late payment penalties.")
            )
        self.check_access("read")
        charges = self.env["realty.late.fee"]._charge(
            self, fields.Date.context_today(self)
        )
        return charges._action_view()

    # ------------------------------------------------------------ receivables
    def _finance_open_lines(self, item):
        """The lines a payment of `item` settles, earliest due first."""
        kinds = SCHEDULE_ITEMS_OF[item]
        return self.filtered(
            lambda line: (
                line.item in kinds
                and line.currency_id.compare_amounts(line.amount_residual, 0) > 0
            )
        ).sorted(lambda line: (line.due_date, line.sequence, line.id))

    def _finance_post_receivable(self):
        """Post the receivable of each line not posted yet, one entry per deal:
        Dr 应收账款 (due on the line's date) / Cr contract liabilities."""
        todo = self.filtered(
            lambda line: (
                line.item in RECEIVABLE_SCHEDULE_ITEMS
                and not line.receivable_line_ids
                and line.currency_id.compare_amounts(line.payable - line.paid_before, 0)
                > 0
            )
        )
        by_deal = defaultdict(lambda: self.browse())
        for line in todo:
            by_deal[line.deal_id] |= line
        for deal, lines in by_deal.items():
            deal._finance_post_voucher(
                lines._finance_receivable_entries(), self.env._("Receivable")
            )
        # area refunds set against the price wait for the receivables posted now
        todo.deal_id.schedule_line_ids._finance_offsets().deal_id._finance_apply_area_offsets()

    def _finance_receivable_entries(self):
        """The voucher lines of these lines' receivables (one deal's or many):
        Dr 应收账款 (due on the line's date) / Cr contract liabilities; an area
        refund the other way round, Dr contract liabilities / Cr 应收账款 when it
        is set against the price, Cr 其他应付款-面积补差退款 when it is paid back
        (§7.4, §7.5)."""
        entries = []
        labels = dict(self._fields["item"].selection)
        for line in self:
            deal = line.deal_id
            company = deal.company_id
            amount = line.payable - line.paid_before
            role = "area_refund" if line.item == "area_refund" else "receivable"
            entries.append(
                deal._finance_line(
                    company._realty_account(role),
                    amount,
                    labels[line.item],
                    realty_schedule_line_id=line.id,
                    date_maturity=line.due_date,
                )
            )
            entries.append(
                deal._finance_line(
                    company._realty_account("advance"), -amount, labels[line.item]
                )
            )
        return entries

    def _finance_post_area(self, ref):
        """Post the settled area adjustment of these lines (``area_adjustment``,
        ``area_refund``), one voucher per deal (a payment reconciled later
        recomputes its voucher: keep them small), created at once: the charges
        of projects whose receivables are posted at signing (else the nightly
        run posts them when due), and every refund (owed to the buyer from the
        settlement on). The refunds set against the price are then applied to
        the buyer's open receivables."""
        todo = self.filtered(
            lambda line: (
                line.item in AREA_CREDIT_ITEMS
                and not line.receivable_line_ids
                and not line.currency_id.is_zero(line.payable - line.paid_before)
                and (
                    line._is_area_credit()
                    or line.deal_id.project_id.receivable_mode == "signing"
                )
            )
        )
        by_deal = defaultdict(lambda: self.browse())
        for line in todo:
            by_deal[line.deal_id] |= line
        self.env["realty.deal"]._finance_post_vouchers(
            [
                (deal, lines._finance_receivable_entries(), ref)
                for deal, lines in by_deal.items()
            ]
        )
        todo._finance_offsets().deal_id._finance_apply_area_offsets()

    def _finance_offsets(self):
        """The area refunds among these lines that are set against the price."""
        return self.filtered(
            lambda line: line.item == "area_adjustment" and line._is_area_credit()
        )

    def _finance_settle(self, move_lines):
        """Reconcile a payment's receivable item with these lines' receivables,
        earliest due first (posting the receivables not yet due)."""
        self._finance_post_receivable()
        receivables = self.receivable_line_ids.filtered(
            lambda aml: aml.parent_state == "posted" and not aml.reconciled
        ).sorted(lambda aml: (aml.date_maturity, aml.id))
        credit = move_lines.filtered(
            lambda aml: aml.account_id in receivables.account_id and aml.balance < 0
        )
        for receivable in receivables:
            if credit.reconciled:
                break
            (credit | receivable).reconcile()

    def _finance_paid_by_item(self):
        """``{item: amount}`` paid on these lines (before a new schedule)."""
        paid = defaultdict(float)
        for line in self:
            if line._is_area_credit():
                # an area refund counts as done once posted: the new schedule's
                # line is not posted again
                if line.receivable_line_ids or line.paid_before:
                    paid[line.item] += line.payable
                continue
            paid[line.item] += line.amount_paid
        return paid

    def _finance_carry(self, paid):
        """Credit what was paid under the old schedule to the new lines: to the
        lines of the same item first, then what is left (an item the new plan
        does not have) to the buyer's lines, then the loans, earliest due first."""
        rest = dict(paid)
        carried = dict.fromkeys(self.ids, 0.0)
        ordered = self.sorted(lambda line: (line.due_date, line.sequence, line.id))
        for line in ordered.filtered(lambda line: line._is_area_credit()):
            take = max(rest.get(line.item, 0.0), line.payable)  # both below zero
            if take < 0:
                carried[line.id] += take
                rest[line.item] -= take
        for line in ordered - ordered.filtered(lambda line: line._is_area_credit()):
            take = min(rest.get(line.item, 0.0), line.payable)
            if take > 0:
                carried[line.id] += take
                rest[line.item] -= take
        left = sum(value for value in rest.values() if value > 0)
        loans = ("commercial_loan", "provident_loan")
        for line in ordered.filtered(lambda l: l.item not in loans) + ordered.filtered(
            lambda l: l.item in loans
        ):
            take = min(left, line.payable - carried[line.id])
            if take > 0:
                carried[line.id] += take
                left -= take
        for line in self:
            if carried[line.id]:
                line._unlocked().paid_before = carried[line.id]

    def _finance_area_unposted(self):
        """The settled area adjustment lines among these that the ledger does
        not have yet (what `_finance_post_area` posts)."""
        return self.filtered(
            lambda line: (
                line.item in AREA_CREDIT_ITEMS
                and line.payment_state == "not_posted"
                and not line.currency_id.is_zero(line.payable - line.paid_before)
                and line.deal_id.status == "active"
                and line.deal_id.stage == "contract"
                and (
                    line._is_area_credit()
                    or line.deal_id.project_id.receivable_mode == "signing"
                )
            )
        )

    @api.model
    def _cron_post_area_adjustments(self):
        """Post the settled area adjustments the ledger does not have yet: a
        large batch's, after its apply (which triggers this run)."""
        lines = self.search(
            [
                ("item", "in", list(AREA_CREDIT_ITEMS)),
                ("payment_state", "=", "not_posted"),
                ("deal_id.status", "=", "active"),
                ("deal_id.stage", "=", "contract"),
            ]
        )
        return len(lines._finance_post_settled_area())

    def _finance_post_settled_area(self):
        """Post the settled area adjustment lines among these that the ledger
        does not have yet, and draft the refund vouchers of what they pay back;
        returns the lines posted."""
        lines = self._finance_area_unposted()
        lines._finance_post_area(self.env._("Area adjustment"))
        lines.filtered(
            lambda line: line.item == "area_refund"
        ).deal_id._finance_area_refunds()
        return lines

    @api.model
    def _cron_post_due_receivables(self, as_of=None):
        """Projects that post receivables when due: the lines due by today of
        signed contracts become receivables."""
        as_of = as_of or fields.Date.context_today(self)
        lines = self.search(
            [
                ("deal_id.status", "=", "active"),
                ("deal_id.stage", "=", "contract"),
                ("deal_id.project_id.receivable_mode", "=", "due"),
                ("due_date", "<=", as_of),
                ("payment_state", "=", "not_posted"),
                ("item", "in", list(RECEIVABLE_SCHEDULE_ITEMS)),
            ]
        )
        lines._finance_post_receivable()
        return len(lines)
