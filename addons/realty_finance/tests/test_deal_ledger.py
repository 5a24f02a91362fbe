"""One deal's whole life on an l10n_cn company, posting real entries: after each
step the realty accounts hold, for the deal, what its own records say; and the
trial balance of those accounts is the sum of every deal's ledger."""

import base64

from odoo.tests import tagged

from .common import ROLES, FinanceCase


@tagged("post_install", "-at_install")
class TestDealLedger(FinanceCase):
    def test_the_company_is_on_l10n_cn(self):
        self.assertEqual(self.company.chart_template, "cn")
        codes = {role: acc.code for role, acc in self.accounts().items()}
        self.assertEqual(
            codes,
            {
                "receivable": "112200",
                "advance": "220301",
                "sincerity": "250101",
                "intention": "250102",
                "deposit": "250103",
                "pos_fee": "660300",
                "forfeit": "630100",
                "penalty": "671100",
                "area_refund": "250104",
            },
        )
        self.assertEqual(
            self.accounts()["advance"].with_context(lang="zh_CN").name,
            "预收账款-房款(合同负债)",
        )

    def test_a_whole_life(self):
        """Queue deposit → deposit → subscription → contract → down payment by POS
        → the loan disbursed by the bank's batch → a change order that terminates
        with a refund."""
        self.room._unlocked().list_total = 2345678  # V-11
        number = self.env["realty.queue.number"].create(
            {"project_id": self.project.id, "partner_id": self.buyer_c.id}
        )
        first = self.receipt(
            number,
            [
                {
                    "item": "sincerity",
                    "method": "pos",
                    "amount": 20000,
                    "card_type": "debit",
                }
            ],
        )
        self.assertEqual(first.name, "SJ2025000123")
        self.assertEqual(number.sincerity_amount, 20000)
        self.assertEqual(number._finance_held(), {number.id: 20000})

        deal = self.deal(
            payment_method_id=self.commercial.id,
            deposit_amount=50000,
            subscription_signed=True,
            down_payment_ratio=0.15,
            delivery_date="2027-06-30",
        )
        number.action_convert(deal)
        self.assertEqual(deal.amount_received, 20000)
        self.assertLedger(deal, "converted: the deal holds the sincerity deposit")
        self.assertEqual(number._finance_held(), {number.id: 0.0})

        self.receipt(
            deal,
            [
                {
                    "item": "deposit",
                    "method": "internal",
                    "amount": 20000,
                    "source_receipt_id": first.id,
                },
                ("deposit", "transfer", 30000),
            ],
        )
        self.assertTrue(first.reissued)
        self.assertEqual(deal.deposit_received, 50000)
        deal.action_deposit()
        self.assertLedger(deal, "deposit")
        deal.action_subscribe()
        self.assertLedger(deal, "subscription")
        deal.action_sign_contract()
        self.assertLedger(deal, "contract: receivables posted, 定金 credited")
        down = deal.schedule_line_ids.filtered(lambda line: line.item == "down_payment")
        self.assertEqual((down.payable, down.amount_residual), (305678, 305678))

        self.receipt(
            deal,
            [
                {
                    "item": "down_payment",
                    "method": "pos",
                    "amount": 305678,
                    "card_type": "debit",
                }
            ],
        )
        self.assertEqual((down.amount_paid, down.payment_state), (305678, "in_transit"))
        self.assertEqual(
            deal.payment_ids.filtered(lambda p: p.item == "down_payment").pos_fee, 25
        )
        self.assertLedger(deal, "down payment by POS")

        deal._unlocked().contract_no = "HZ-2025-0001"
        bank_file = (
            "合同编号,借款人姓名,审批金额,放款金额,放款日期,银行流水号\n"
            f"HZ-2025-0001,{deal.partner_id.name},1990000,1990000,2025-03-10,BANK-1\n"
        )
        batch = (
            self.env["realty.disbursement.batch"]
            .with_user(self.cashier)
            .create(
                {
                    "project_id": self.project.id,
                    "date": "2025-03-10",
                    "file": base64.b64encode(bank_file.encode()),
                    "filename": "放款清单.csv",
                }
            )
        )
        batch.action_import()
        batch.action_post()
        self.assertFalse(
            deal.payment_ids.filtered(lambda p: p.item == "loan").in_transit,
            "a bank's disbursement list is its confirmation (§9.6)",
        )
        loan = deal.schedule_line_ids.filtered(
            lambda line: line.item == "commercial_loan"
        )
        self.assertEqual(loan.amount_residual, 0)
        self.assertLedger(deal, "loan disbursed")
        self.assertEqual(deal.amount_received, 2345678)

        order = self.env["realty.change.order"].create(
            {
                "deal_id": deal.id,
                "change_type": "terminate",
                "reason": "协商解约",
                "termination_refund": 2300000,
                "termination_agreement": True,
            }
        )
        order.action_submit()
        order.with_user(self.gm).action_approve()
        order.action_execute()
        self.assertEqual(deal.status, "cancelled")
        self.assertEqual(deal.amount_received, 45678)
        self.assertLedger(deal, "terminated: receivables released, the rest kept")
        self.assertEqual(self.ledger(deal)["forfeit"], 45678)
        self.assertTrial()

    def assertTrial(self):
        """The trial balance of the company's realty accounts is the sum of its
        deals' ledgers (and its queue numbers' deposits not yet converted); the
        demo developer keeps books of its own."""
        company = [("company_id", "=", self.company.id)]
        deals = self.env["realty.deal"].search(
            [("ledger_line_ids", "!=", False), *company]
        )
        totals = dict.fromkeys(ROLES, 0.0)
        for deal in deals:
            for role, value in self.expected(deal).items():
                totals[role] += value
        numbers = self.env["realty.queue.number"].search(
            [("state", "in", ("issued", "transferred")), *company]
        )
        totals["sincerity"] += sum(numbers.mapped("sincerity_amount"))
        self.env.flush_all()
        for role, account in self.accounts().items():
            if role in ("forfeit", "pos_fee", "penalty"):
                continue  # shared with other income and expenses of the company
            lines = self.env["account.move.line"].search(
                [
                    ("account_id", "=", account.id),
                    ("parent_state", "=", "posted"),
                    *company,
                ]
            )
            balance = sum(lines.mapped("balance"))
            value = balance if role == "receivable" else -balance
            self.assertAlmostEqual(value, totals[role], 2, role)

    def test_overpayment_is_refused_and_posts_nothing(self):
        deal = self.contracted()
        before = self.env["account.move"].search_count([])
        self.assertRefused(
            "ERR_OVERPAYMENT",
            self.receipt,
            deal,
            [("down_payment", "transfer", 1411808)],
        )
        self.assertEqual(self.env["account.move"].search_count([]), before)
        self.assertEqual(self.book.next_number, "SJ2025000123", "no number used")

    def test_a_refund_above_what_was_received_is_refused(self):
        deal = self.deal(deposit_amount=50000)
        deal.register_payment("deposit", 50000)
        self.assertRefused(
            "ERR_REFUND_EXCEEDS", deal.register_payment, "refund", -50000.01
        )
        deal.register_payment("refund", -50000)
        self.assertEqual(deal.amount_received, 0)
        self.assertLedger(deal)

    def test_v47_seller_fault_pays_double(self):
        deal = self.deal(
            deposit_amount=50000, subscription_signed=True, delivery_date="2027-06-30"
        )
        deal.register_payment("deposit", 50000)
        deal.action_subscribe()
        order = self.env["realty.change.order"].create(
            {
                "deal_id": deal.id,
                "change_type": "cancel",
                "reason": "x",
                "cancel_reason": "seller_fault",
            }
        )
        order.action_submit()
        order.with_user(self.gm).action_approve()
        order.action_execute()
        self.assertEqual((order.refund_amount, order.penalty_amount), (100000, 50000))
        self.assertEqual(self.ledger(deal)["penalty"], 50000)
        self.assertLedger(deal)

    def test_v47_a_deposit_above_the_cap_is_prepayment(self):
        self.room._unlocked().list_total = 2345678
        deal = self.deal(
            deposit_amount=500000,
            deposit_excess_as_prepayment=True,
            subscription_signed=True,
            delivery_date="2027-06-30",
        )
        deal.register_payment("deposit", 500000)
        deal.action_subscribe()
        ledger = self.ledger(deal)
        self.assertEqual((ledger["deposit"], ledger["advance"]), (469135.60, 30864.40))
        self.assertLedger(deal)

    def test_a_new_schedule_keeps_what_was_paid(self):
        """A change of payment method after money was paid on the old schedule:
        the balance paid is carried to the new lines, the old receivables are
        released, and the ledger still matches the deal."""
        deal = self.contracted()
        deal.register_payment("balance", 400000)
        self.assertLedger(deal)
        order = self.env["realty.change.order"].create(
            {
                "deal_id": deal.id,
                "change_type": "payment_method",
                "reason": "改按揭",
                "new_payment_method_id": self.commercial.id,
                "supplementary_agreement": True,
            }
        )
        order.action_submit()
        order.with_user(self.manager).action_approve()
        order.action_execute()
        self.assertEqual(deal.amount_received, 400000)
        lines = deal.schedule_line_ids
        self.assertEqual(sum(lines.mapped("amount_paid")), 400000, "carried over")
        down = lines.filtered(lambda line: line.item == "down_payment")
        self.assertEqual(down.amount_paid, min(down.payable, 400000))
        self.assertLedger(deal)
        receivable = self.ledger(deal)["receivable"]
        self.assertEqual(receivable, round(sum(lines.mapped("payable")) - 400000, 2))

    def contracted(self):
        deal = self.deal(subscription_signed=True, delivery_date="2027-06-30")
        deal.action_sign_contract()
        return deal

    def test_receivables_when_due(self):
        self.project.receivable_mode = "due"
        deal = self.contracted()
        self.assertFalse(deal.schedule_line_ids.receivable_line_ids)
        self.assertEqual(deal.schedule_line_ids.payment_state, "not_posted")
        deal.register_payment("balance", 1000)
        line = deal.schedule_line_ids
        self.assertEqual((line.amount_paid, line.payment_state), (1000, "partial"))
        self.assertLedger(deal)
        self.env["realty.deal.schedule.line"]._cron_post_due_receivables(
            as_of=line.due_date
        )
        self.assertEqual(
            len(line.receivable_line_ids.filtered(lambda l: l.balance > 0)), 1
        )
        self.assertLedger(deal)
