"""The demo developer's money in Accounting: the demo deals' payments, made before
realty_finance was installed, are posted, and the developer's realty accounts hold
what the deals' own records say. `make test` installs the demo data; these tests
skip in a database installed without it."""

from odoo.tests import TransactionCase, tagged

from ..demo.realty_finance_demo import CONTRACT_ROOM
from .common import FinanceCase

HOLDINGS = ("receivable", "advance", "sincerity", "intention", "deposit")
"""The realty accounts that hold deal money only (the POS fees, forfeits and
penalties share their accounts with the company's other income and expenses)."""


@tagged("post_install", "-at_install")
class TestDemoFinance(TransactionCase):
    # a deal's ledger, and the same figures from its own records (tests/common.py)
    accounts = FinanceCase.accounts
    ledger = FinanceCase.ledger
    expected = FinanceCase.expected
    penalty = FinanceCase.penalty

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cashier = cls.env.ref(
            "realty_finance.user_cashier_demo", raise_if_not_found=False
        )
        if cls.cashier:
            cls.company = cls.env.ref("realty_base.res_company_developer_demo")
            cls.project = cls.env.ref("realty_base.realty_project_demo")
            cls.accountant = cls.env.ref("realty_finance.user_accountant_demo")
            cls.deals = cls.env["realty.deal"].search(
                [("project_id", "=", cls.project.id)]
            )

    def setUp(self):
        super().setUp()
        if not self.cashier:
            self.skipTest("installed without demo data")

    def test_the_developer_keeps_its_books_on_l10n_cn(self):
        self.assertEqual(self.company.chart_template, "cn")
        codes = {
            role: account.with_company(self.company).code
            for role, account in self.accounts().items()
        }
        self.assertEqual(codes["advance"], "220301")
        self.assertEqual(codes["deposit"], "250103")
        journal = self.project.supervision_journal_id
        self.assertEqual(journal.name, "预售资金监管账户")
        self.assertEqual((journal.type, journal.company_id), ("bank", self.company))
        self.assertEqual(journal.bank_acc_number, self.project.supervision_account_no)
        self.assertIn(self.cashier, self.project.user_ids)
        self.assertTrue(self.cashier.has_group("realty_base.group_realty_finance"))

    def test_the_demo_deals_money_is_posted(self):
        payments = self.deals.payment_ids
        self.assertGreaterEqual(len(payments), 8)
        self.assertEqual(set(payments.mapped("state")), {"posted"})
        for payment in payments:
            self.assertEqual(payment.account_payment_id.date, payment.date)
            self.assertEqual(
                payment.account_payment_id.journal_id,
                self.project.supervision_journal_id,
            )
        for deal in self.deals:
            self.assertEqual(
                deal.amount_received, sum(deal.payment_ids.mapped("amount"))
            )
            self.assertEqual(self.ledger(deal), self.expected(deal), deal.name)
        # the contract whose down payment the demo receipts (after-sales signs
        # more contracts in the demo project, to open its service cases)
        signed = self.deals.filtered(lambda d: d.room_id.code == CONTRACT_ROOM)
        self.assertEqual((len(signed), signed.stage), (1, "contract"))
        self.assertTrue(signed.schedule_line_ids.receivable_line_ids)
        down = signed.schedule_line_ids.filtered(lambda s: s.item == "down_payment")
        self.assertEqual(down.payment_state, "in_transit", "paid, the bank to confirm")

    def test_trial_balance_is_the_deals_figures(self):
        """The trial balance of the developer's realty accounts is the sum of the
        demo deals' figures and the deposits of its active queue numbers."""
        totals = dict.fromkeys(HOLDINGS, 0.0)
        for deal in self.deals:
            for role in HOLDINGS:
                totals[role] += self.expected(deal)[role]
        numbers = self.env["realty.queue.number"].search(
            [
                ("company_id", "=", self.company.id),
                ("state", "in", ("issued", "transferred")),
            ]
        )
        self.assertTrue(numbers)
        totals["sincerity"] += sum(numbers.mapped("sincerity_amount"))
        self.env.flush_all()
        accounts = self.accounts()
        for role in HOLDINGS:
            lines = self.env["account.move.line"].search(
                [
                    ("account_id", "=", accounts[role].id),
                    ("company_id", "=", self.company.id),
                    ("parent_state", "=", "posted"),
                ]
            )
            balance = sum(lines.mapped("balance"))
            balance = balance if role == "receivable" else -balance
            self.assertTrue(balance, f"{role}: the demo has money on it")
            self.assertAlmostEqual(balance, totals[role], 2, role)

    def test_receipts_in_transit_and_a_blank_voided(self):
        Receipt = self.env["realty.receipt"]
        issued = Receipt.search(
            [("company_id", "=", self.company.id), ("state", "=", "posted")]
        )
        self.assertGreaterEqual(len(issued), 3)
        self.assertEqual(issued.cashier_id, self.cashier)
        self.assertTrue(all(issued.mapped("in_transit")))
        self.assertTrue(all(issued.mapped("amount_capital")))
        self.assertEqual(set(issued.line_ids.mapped("method")), {"pos", "transfer"})
        self.assertTrue(issued.queue_number_id, "a sincerity deposit's receipt")
        void = Receipt.with_user(self.accountant).search(
            [("company_id", "=", self.company.id), ("state", "=", "void")]
        )
        self.assertEqual(len(void), 1, "the finance manager sees the voided blank")
        self.assertEqual((void.void_reason, void.amount_counted), ("卡纸", 0))
        book = void.book_id
        numbers = sorted(book.receipt_ids.mapped("name"))
        self.assertEqual(
            numbers,
            [
                book._format(n)
                for n in range(book.start_no, book.start_no + len(numbers))
            ],
            "the book's numbers are issued without gaps",
        )

    def test_posting_the_history_again_posts_nothing(self):
        moves = self.env["account.move"].search_count([])
        self.assertFalse(
            self.env["realty.deal.payment"]._finance_post_existing(self.company)
        )
        self.assertEqual(self.env["account.move"].search_count([]), moves)
