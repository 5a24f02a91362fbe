"""Fixtures of the realty_finance tests: an l10n_cn company's supervision account,
a cashier with a receipt book, and a deal's ledger read off posted journal items."""

from collections import defaultdict

from odoo.tests import new_test_user

from odoo.addons.realty_sales.tests.common import SalesCase

ROLES = (
    "receivable",
    "advance",
    "sincerity",
    "intention",
    "deposit",
    "pos_fee",
    "forfeit",
    "penalty",
    "area_refund",
)


class FinanceCase(SalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.bank = cls.env["account.journal"].create(
            {
                "name": "监管账户 (test)",
                "code": "JGT",
                "type": "bank",
                "company_id": cls.company.id,
            }
        )
        cls.project.supervision_journal_id = cls.bank
        cls.cashier = new_test_user(
            cls.env, "realty_cashier", groups="realty_base.group_realty_finance"
        )
        cls.finance_manager = new_test_user(
            cls.env,
            "realty_finance_manager",
            groups="realty_finance.group_realty_finance_manager",
        )
        cls.project.user_ids |= cls.cashier | cls.finance_manager
        cls.book = cls.create_book("SJ-T1", cls.cashier, start_no=1, end_no=500)
        cls.book._unlocked().next_no = 123  # V-40: the book's next number

    @classmethod
    def create_book(cls, code, cashier, **values):
        book = cls.env["realty.receipt.book"].create(
            {
                "code": code,
                "prefix": "SJ",
                "year": 2025,
                "user_id": cashier.id,
                **values,
            }
        )
        book.action_start()
        return book

    def receipt(self, record, lines, user=None, book=None, **values):
        """Issue a receipt on a deal or a queue number; lines are
        ``(item, method, amount)`` or dictionaries."""
        field = (
            "queue_number_id" if record._name == "realty.queue.number" else "deal_id"
        )
        receipt = (
            self.env["realty.receipt"]
            .with_user(user or self.cashier)
            .create(
                {
                    field: record.id,
                    "book_id": (book or self.book).id,
                    "line_ids": [(0, 0, self._receipt_line(line)) for line in lines],
                    **values,
                }
            )
        )
        receipt.action_confirm()
        return receipt

    @staticmethod
    def _receipt_line(line):
        if isinstance(line, dict):
            return line
        return dict(zip(("item", "method", "amount"), line, strict=True))

    # ---------------------------------------------------------------- ledger
    def accounts(self):
        return {role: self.company._realty_account(role) for role in ROLES}

    def ledger(self, deal):
        """``{role: credit balance}`` of the deal's posted items on the realty
        accounts (receivable as a debit balance)."""
        self.env.flush_all()
        balances = defaultdict(float)
        lines = self.env["account.move.line"].search(
            [("realty_deal_id", "=", deal.id), ("parent_state", "=", "posted")]
        )
        for line in lines:
            balances[line.account_id] += line.balance
        result = {}
        for role, account in self.accounts().items():
            value = balances.get(account, 0.0)
            result[role] = round(
                value if role in ("receivable", "pos_fee", "penalty") else -value, 2
            )
        return result

    def expected(self, deal):
        """The same figures from the deal's own records (its payments, schedule,
        stage and status), independently of the entries (read as the server)."""
        deal = deal.sudo()
        posted = deal.payment_ids.filtered(lambda p: p.state == "posted")
        by_item = defaultdict(float)
        for payment in posted:
            by_item[payment.item] += payment.amount
        on_schedule = sum(
            by_item[item]
            for item in (
                "down_payment",
                "installment",
                "balance",
                "loan",
                "area_adjustment",
            )
        )
        # an area adjustment (§7.4): its refund paid back is booked on its own
        # payable when settled; the refund vouchers of the area pay it, not the
        # contract liabilities
        area_owed = -sum(
            line.payable
            for line in deal.schedule_line_ids
            if line.item == "area_refund"
            and (line.receivable_line_ids or line.paid_before)
        )
        area_paid = sum(
            self.env["realty.refund"]
            .search(
                [
                    ("deal_id", "=", deal.id),
                    ("reason", "=", "area"),
                    ("state", "=", "paid"),
                ]
            )
            .mapped("amount")
        )
        refunds = by_item["refund"] + area_paid
        fees = sum(posted.mapped("pos_fee"))
        result = dict.fromkeys(ROLES, 0.0)
        result["pos_fee"] = fees
        stage, status = deal.stage, deal.status
        held = {
            "sincerity": by_item["sincerity"],
            "intention": by_item["intention"],
            "deposit": by_item["deposit"],
            "advance": by_item["prepayment"],
        }
        receivable_items = (
            "down_payment",
            "installment",
            "balance",
            "commercial_loan",
            "provident_loan",
            "area_adjustment",  # a charge, or a refund set against the price (< 0)
        )
        # the plan's lines that are receivable (money carried from an earlier
        # schedule counts as paid on them)
        posted_receivables = sum(
            line.payable
            for line in deal.schedule_line_ids
            if line.item in receivable_items
            and (line.receivable_line_ids or line.paid_before)
        )
        if status in ("cancelled", "closed"):
            result["forfeit"] = round(
                sum(held.values()) + on_schedule + refunds + self.penalty(deal), 2
            )
            result["penalty"] = self.penalty(deal)
            return result
        result["area_refund"] = round(area_owed - area_paid, 2)
        if stage == "contract":
            held = {
                "advance": sum(held.values()) + posted_receivables + refunds - area_owed
            }
        elif stage in ("deposit", "subscription"):
            deposits = held["sincerity"] + held["intention"] + held["deposit"]
            deposits += refunds
            cap = round(deal.deal_total * 0.2 - 0.005, 2)  # V-47, rounded down
            held = {
                "deposit": min(deposits, cap),
                "advance": held["advance"] + max(deposits - cap, 0.0),
            }
        else:  # refunds come out of what is held, in the order of §9.8's posting
            rest = -refunds
            for role in ("intention", "sincerity", "deposit", "advance"):
                take = min(max(held[role], 0.0), rest)
                held[role] -= take
                rest -= take
        for role, value in held.items():
            result[role] = round(value, 2)
        result["receivable"] = round(posted_receivables - on_schedule, 2)
        return result

    def penalty(self, deal):
        return sum(
            deal.change_order_ids.filtered(lambda o: o.state == "executed").mapped(
                "penalty_amount"
            )
        )

    def assertLedger(self, deal, msg=None):
        self.assertEqual(self.ledger(deal), self.expected(deal), msg)
