"""Receipts (§9.3-§9.5): V-40's numbers without gaps, voiding that keeps the
number, the cashier's own book, POS fees (V-43) and the supervision account."""

from odoo.tests import tagged

from .common import FinanceCase


@tagged("post_install", "-at_install")
class TestReceipts(FinanceCase):
    def test_v40_sincerity_to_deposit_to_down_payment(self):
        self.room._unlocked().list_total = 2345678  # V-11
        number = self.env["realty.queue.number"].create(
            {"project_id": self.project.id, "partner_id": self.buyer_c.id}
        )
        pos = {"method": "pos", "card_type": "debit"}
        r123 = self.receipt(number, [{"item": "sincerity", "amount": 20000, **pos}])
        deal = self.deal(
            payment_method_id=self.commercial.id,
            deposit_amount=50000,
            subscription_signed=True,
            down_payment_ratio=0.15,
            delivery_date="2027-06-30",
        )
        number.action_convert(deal)
        transfer = {"method": "internal", "source_receipt_id": r123.id}
        r124 = self.receipt(
            deal,
            [
                {"item": "deposit", "amount": 20000, **transfer},
                ("deposit", "transfer", 30000),
            ],
        )
        self.assertTrue(r123.reissued)
        self.assertEqual(r124.amount_total, 50000)
        self.book.with_user(self.finance_manager).action_void_blank("卡纸")
        deal.action_subscribe()
        deal.action_sign_contract()
        r126 = self.receipt(
            deal,
            [
                {
                    "item": "down_payment",
                    "method": "internal",
                    "amount": 50000,
                    "source_receipt_id": r124.id,
                }
            ],
        )
        self.assertTrue(r124.reissued)
        down = deal.schedule_line_ids.filtered(lambda line: line.item == "down_payment")
        self.assertEqual(down.amount_residual, 305678, "credited once, by the schedule")
        r127 = self.receipt(deal, [("down_payment", "transfer", 305678)])
        self.assertEqual(r127.amount_capital, "叁拾万伍仟陆佰柒拾捌元整")
        self.assertTrue(r127.in_transit)
        self.assertEqual(down.amount_residual, 0)
        receipts = self.env["realty.receipt"].search([("book_id", "=", self.book.id)])
        self.assertEqual(
            sorted(receipts.mapped(lambda r: (r.name, r.state, r.amount_counted))),
            [
                ("SJ2025000123", "posted", 20000),
                ("SJ2025000124", "posted", 50000),
                ("SJ2025000125", "void", 0),
                ("SJ2025000126", "posted", 50000),
                ("SJ2025000127", "posted", 305678),
            ],
        )
        self.assertEqual(
            receipts.filtered(lambda r: r.state == "void").void_reason, "卡纸"
        )
        self.assertEqual(r126.name, "SJ2025000126")
        self.assertLedger(deal)

    def test_a_voided_receipt_keeps_its_number_and_takes_the_money_back(self):
        deal = self.deal(deposit_amount=50000)
        receipt = self.receipt(deal, [("deposit", "transfer", 50000)])
        self.assertEqual(deal.amount_received, 50000)
        self.assertRefused(
            "ERR_APPROVAL_REQUIRED", receipt.with_user(self.cashier).action_void, "错开"
        )
        receipt.with_user(self.finance_manager).action_void("错开")
        self.assertEqual((receipt.name, receipt.state), ("SJ2025000123", "void"))
        self.assertEqual((receipt.amount_total, receipt.amount_counted), (50000, 0))
        self.assertEqual(deal.amount_received, 0)
        self.assertLedger(deal)
        self.assertRefused(
            "ERR_STATE_TRANSITION",
            receipt.with_user(self.finance_manager).action_void,
            "again",
        )
        for values in ({"date": "2025-01-02"}, {"deal_id": False}):
            self.assertRefused(
                "ERR_STATE_TRANSITION", receipt.with_user(self.cashier).write, values
            )
        next_receipt = self.receipt(deal, [("deposit", "transfer", 50000)])
        self.assertEqual(next_receipt.name, "SJ2025000124")

    def test_no_void_after_the_day_or_once_the_bank_confirmed(self):
        deal = self.deal(deposit_amount=50000)
        receipt = self.receipt(deal, [("deposit", "transfer", 1000)], date="2025-01-02")
        self.assertRefused(
            "ERR_RECEIPT_VOID_WINDOW",
            receipt.with_user(self.finance_manager).action_void,
            "late",
        )

    def test_a_cashier_issues_from_their_own_book_in_use(self):
        deal = self.deal(deposit_amount=50000)
        other = self.create_book("SJ-T2", self.finance_manager, start_no=1, end_no=1)
        self.assertRefused(
            "ERR_RECEIPT_BOOK",
            self.receipt,
            deal,
            [("deposit", "transfer", 1000)],
            book=other,
        )
        self.receipt(
            deal, [("deposit", "transfer", 1000)], user=self.finance_manager, book=other
        )
        self.assertEqual(other.state, "exhausted")
        self.assertRefused(
            "ERR_RECEIPT_BOOK",
            self.receipt,
            deal,
            [("deposit", "transfer", 1000)],
            user=self.finance_manager,
            book=other,
        )
        self.assertEqual(
            deal.amount_received, 1000, "the refused receipts posted nothing"
        )
        other.with_user(self.finance_manager).action_close()
        self.assertEqual(other.state, "closed")

    def test_a_book_is_closed_only_when_every_number_is_accounted_for(self):
        self.assertRefused(
            "ERR_RECEIPT_BOOK", self.book.with_user(self.finance_manager).action_close
        )

    def test_v43_pos_fee_and_arrival(self):
        deal = self.deal(deposit_amount=400000)
        cases = [(3000, 15.0), (5000, 25.0), (50000, 25.0)]
        for gross, fee in cases:
            receipt = self.receipt(
                deal,
                [
                    {
                        "item": "deposit",
                        "method": "pos",
                        "card_type": "debit",
                        "amount": gross,
                    }
                ],
            )
            payment = receipt.payment_ids
            self.assertEqual(
                (payment.amount, payment.pos_fee, payment.account_payment_id.amount),
                (gross, fee, gross - fee),
            )
        self.assertRefused(
            "ERR_CREDIT_CARD_NOT_ALLOWED",
            self.receipt,
            deal,
            [
                {
                    "item": "deposit",
                    "method": "pos",
                    "card_type": "credit",
                    "amount": 50000,
                }
            ],
        )
        self.assertEqual(deal.amount_received, 58000)
        self.assertEqual(self.ledger(deal)["pos_fee"], 65)
        self.assertLedger(deal)

    def test_house_money_goes_to_the_supervision_account(self):
        deal = self.deal(deposit_amount=50000)
        elsewhere = self.env["account.journal"].create(
            {"name": "Other bank", "code": "OTHB", "type": "bank"}
        )
        line = {
            "item": "deposit",
            "method": "transfer",
            "amount": 1000,
            "journal_id": elsewhere.id,
        }
        self.assertRefused("ERR_NOT_SUPERVISED_ACCOUNT", self.receipt, deal, [line])
        excepted = {**line, "allow_unsupervised": True}
        # a cashier does not allow the exception: a finance manager does
        self.assertRefused("ERR_NOT_SUPERVISED_ACCOUNT", self.receipt, deal, [excepted])
        book = self.create_book("SJ-T3", self.finance_manager, start_no=1, end_no=9)
        receipt = self.receipt(deal, [excepted], user=self.finance_manager, book=book)
        self.assertEqual(receipt.account_payment_ids.journal_id, elsewhere)

    def test_a_consultants_deposit_is_posted_into_the_supervision_account(self):
        deal = self.deal(deposit_amount=50000)
        payment = deal.with_user(self.consultant).register_payment("deposit", 50000)
        self.assertEqual(payment.account_payment_id.journal_id, self.bank)
        self.assertTrue(payment.in_transit)
