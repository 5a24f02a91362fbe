from collections import defaultdict

from odoo import api, fields, models

from .realty_deal import RECEIVABLE_SCHEDULE_ITEMS, SCHEDULE_ITEMS_OF

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
            if line.item not in RECEIVABLE_SCHEDULE_ITEMS:
                line.update(
                    amount_paid=0.0,
                    amount_residual=0.0,
                    amount_in_transit=0.0,
                    payment_state="not_posted",
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

    # ------------------------------------------------------------ receivables
    def _finance_open_lines(self, item):
        """The lines a payment of `item` settles, earliest due first."""
        kinds = SCHEDULE_ITEMS_OF[item]
        return self.filtered(
            lambda line: (
                line.item in kinds
                and not line.currency_id.is_zero(line.amount_residual)
            )
        ).sorted(lambda line: (line.due_date, line.sequence, line.id))

    def _finance_post_receivable(self):
        """Post the receivable of each line not posted yet, one entry per deal:
        Dr 应收账款 (due on the line's date) / Cr contract liabilities."""
        todo = self.filtered(
            lambda line: (
                line.item in RECEIVABLE_SCHEDULE_ITEMS
                and not line.receivable_line_ids
                and not line.currency_id.is_zero(line.payable - line.paid_before)
            )
        )
        by_deal = defaultdict(lambda: self.browse())
        for line in todo:
            by_deal[line.deal_id] |= line
        for deal, lines in by_deal.items():
            company = deal.company_id
            receivable = company._realty_account("receivable")
            advance = company._realty_account("advance")
            entries = []
            for line in lines:
                amount = line.payable - line.paid_before
                label = dict(line._fields["item"].selection)[line.item]
                entries.append(
                    deal._finance_line(
                        receivable,
                        amount,
                        label,
                        realty_schedule_line_id=line.id,
                        date_maturity=line.due_date,
                    )
                )
                entries.append(deal._finance_line(advance, -amount, label))
            deal._finance_post_voucher(entries, self.env._("Receivable"))

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
            paid[line.item] += line.amount_paid
        return paid

    def _finance_carry(self, paid):
        """Credit what was paid under the old schedule to the new lines of the same
        item, earliest due first."""
        rest = dict(paid)
        for line in self.sorted(lambda line: (line.due_date, line.sequence, line.id)):
            carried = min(rest.get(line.item, 0.0), line.payable)
            if carried > 0:
                line._unlocked().paid_before = carried
                rest[line.item] -= carried

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
