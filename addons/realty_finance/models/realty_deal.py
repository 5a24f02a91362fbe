from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.realty_base.inputs import Vals, arguments
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
}
"""The schedule lines a payment item settles (their receivables)."""
RECEIVABLE_SCHEDULE_ITEMS = frozenset(
    item for items in SCHEDULE_ITEMS_OF.values() for item in items
)
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
        for receivable in self.schedule_line_ids.receivable_line_ids.filtered(
            lambda aml: aml.parent_state == "posted" and not aml.reconciled
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

    def _finance_post_voucher(self, lines, ref, date=None):
        """Post a voucher of the realty journal; lines may name the item they
        reconcile with (``reconcile_with``)."""
        self.ensure_one()
        pairs = [line.pop("reconcile_with", None) for line in lines]
        move = (
            self._unlocked()
            .env["account.move"]
            .sudo()
            .create(
                {
                    "move_type": "entry",
                    "journal_id": self.company_id._realty_journal().id,
                    "date": date or fields.Date.context_today(self),
                    "ref": f"{self.name} {ref}",
                    "company_id": self.company_id.id,
                    "line_ids": [(0, 0, line) for line in lines],
                }
            )
        )
        move.action_post()
        for line, other in zip(move.line_ids.sorted("id"), pairs, strict=False):
            if other:
                (line | other).reconcile()
        return move

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
