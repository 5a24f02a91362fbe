"""到账确认 (§9.5): the bank statement lines of the supervision account confirm the
deal money in transit (amount, date window, reference); the reconciliation report
per project and day; the one search for all money."""

from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import FinanceCase

DAY = date(2025, 3, 3)


@tagged("post_install", "-at_install")
class TestBankMatch(FinanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract = cls.env["realty.deal"].create(
            {
                "room_id": cls.room.id,
                "partner_id": cls.buyer_c.id,
                "payment_method_id": cls.cash.id,
                "subscription_signed": True,
                "delivery_date": "2027-06-30",
            }
        )
        cls.contract.action_sign_contract()
        cls.balance = cls.contract.schedule_line_ids  # one line: 1,411,808

    def statement_line(self, amount, day=DAY, **values):
        return self.env["account.bank.statement.line"].create(
            {
                "journal_id": self.bank.id,
                "date": day,
                "amount": amount,
                "payment_ref": values.pop("payment_ref", "房款"),
                **values,
            }
        )

    def pay(self, amount, day=DAY, item="balance", **values):
        """Money recorded by server code (a card type, as a receipt line gives)."""
        return (
            self.env["realty.deal.payment"]
            ._unlocked()
            .create(
                {
                    "deal_id": self.contract.id,
                    "item": item,
                    "amount": amount,
                    "date": day,
                    **values,
                }
            )
        )

    def propose(self, user=None):
        match = self.env["realty.bank.match"].with_user(user or self.cashier).create({})
        match.action_propose()
        return match

    # ------------------------------------------------------------ proposals
    def test_a_matched_statement_line_takes_the_money_out_of_transit(self):
        receipt = self.receipt(
            self.contract, [("balance", "transfer", 1411808)], date=DAY
        )
        payment = receipt.payment_ids
        self.assertTrue(payment.in_transit)
        self.assertEqual(self.balance.payment_state, "in_transit")
        st_line = self.statement_line(1411808, date(2025, 3, 5))

        match = self.propose()
        self.assertEqual(len(match.line_ids), 1)
        proposal = match.line_ids
        self.assertEqual(
            (
                proposal.statement_line_id,
                proposal.payment_ids,
                proposal.kind,
                proposal.selected,
            ),
            (st_line, payment.account_payment_id, "single", True),
        )
        match.action_confirm()

        self.assertTrue(st_line.is_reconciled)
        self.assertTrue(payment.account_payment_id.is_matched)
        self.assertFalse(payment.in_transit)
        self.assertEqual(self.contract.amount_in_transit, 0)
        self.assertEqual(
            (self.balance.payment_state, self.balance.amount_in_transit), ("paid", 0)
        )
        self.assertFalse(receipt.in_transit)
        # a standard reconciliation: the statement line's counterpart is the
        # outstanding receipts item, reconciled with the payment's
        _liquidity, suspense, other = st_line._seek_for_lines()
        self.assertFalse(suspense)
        self.assertEqual(
            other.account_id, self.company._realty_outstanding_account("inbound")
        )
        self.assertTrue(other.reconciled)
        self.assertEqual(st_line.move_id.state, "posted")
        self.assertLedger(self.contract, "matching moves no realty balance")
        self.assertFalse(self.propose().line_ids, "nothing left to match")

    def test_a_wrong_amount_or_a_date_outside_the_window_is_not_proposed(self):
        self.pay(1000, method="transfer")
        self.statement_line(1000.01)  # a fen more
        self.statement_line(-1000)  # money paid out, not received
        late = self.statement_line(1000, date(2025, 3, 7))  # 4 days after
        self.assertFalse(self.propose().line_ids)

        self.project.recon_date_window_days = 4
        match = self.propose()
        self.assertEqual(match.line_ids.statement_line_id, late)
        self.assertEqual(self.project.recon_date_window_days, 4)

    def test_the_window_counts_days_before_and_after(self):
        self.pay(1000, method="transfer")
        early = self.statement_line(1000, date(2025, 2, 28))  # 3 days before
        self.assertEqual(self.propose().line_ids.statement_line_id, early)

    def test_pos_money_arrives_net_of_the_fee(self):
        """V-43: a debit card's fee is capped at 25.00; the acquirer settles the
        net amount, which is what the payment waits for."""
        receipt = self.receipt(
            self.contract,
            [
                {
                    "item": "balance",
                    "method": "pos",
                    "amount": 305678,
                    "card_type": "debit",
                }
            ],
            date=DAY,
        )
        payment = receipt.payment_ids
        self.assertEqual(
            (payment.pos_fee, payment.account_payment_id.amount), (25, 305653)
        )
        self.statement_line(305678, date(2025, 3, 4))  # the gross: not what arrives
        self.assertFalse(self.propose().line_ids)
        self.statement_line(305653, date(2025, 3, 4))
        match = self.propose()
        self.assertEqual(match.line_ids.payment_ids, payment.account_payment_id)
        match.action_confirm()
        self.assertFalse(payment.in_transit)

    def test_the_reference_decides_between_equal_amounts(self):
        first = self.pay(
            20000, method="pos", reference="TRACE 000101", card_type="debit"
        )
        second = self.pay(
            20000, method="pos", reference="TRACE 000102", card_type="debit"
        )
        net = first.account_payment_id.amount
        st_line = self.statement_line(net, ref="000102")
        match = self.propose()
        self.assertEqual(match.line_ids.payment_ids, second.account_payment_id)
        self.assertTrue(match.line_ids.by_reference)
        self.assertTrue(match.line_ids.selected)

        st_line.ref = False  # without it, both are offered and neither is ticked
        match = self.propose()
        self.assertEqual(
            match.line_ids.payment_ids, (first | second).account_payment_id
        )
        self.assertFalse(any(match.line_ids.mapped("selected")))

    def test_several_payments_for_one_line_wait_for_confirmation(self):
        """Two card payments of one day, settled as one line by the acquirer:
        a many-to-one match the user confirms by ticking it."""
        first = self.pay(30000, method="pos", card_type="debit")
        second = self.pay(50000, method="pos", card_type="debit")
        other_day = self.pay(45000, date(2025, 3, 4), method="pos", card_type="debit")
        settled = first.account_payment_id.amount + second.account_payment_id.amount
        self.assertEqual(settled, 80000 - 25 - 25)
        st_line = self.statement_line(settled, date(2025, 3, 4))

        match = self.propose()
        proposal = match.line_ids
        self.assertEqual(proposal.kind, "group")
        self.assertEqual(proposal.payment_ids, (first | second).account_payment_id)
        self.assertFalse(proposal.selected)
        self.assertRefused("ERR_INVALID_INPUT", match.action_confirm)
        self.assertTrue(first.in_transit)

        proposal.selected = True
        match.action_confirm()
        self.assertTrue(st_line.is_reconciled)
        self.assertFalse(first.in_transit or second.in_transit)
        self.assertTrue(other_day.in_transit)

    def test_a_statement_line_takes_only_money_of_its_amount(self):
        payment = self.pay(1000, method="transfer")
        st_line = self.statement_line(999)
        self.assertRefused(
            "ERR_INVALID_INPUT", st_line._realty_match, payment.account_payment_id
        )
        st_line = self.statement_line(1000)
        st_line._realty_match(payment.account_payment_id)
        self.assertRefused(
            "ERR_STATE_TRANSITION",
            self.statement_line(1000)._realty_match,
            payment.account_payment_id,
        )

    def test_money_refunded_is_matched_with_money_paid_out(self):
        self.pay(5000, method="transfer")
        refund = self.pay(-2000, item="refund", method="transfer")
        self.statement_line(-2000, date(2025, 3, 4))
        match = self.propose()
        self.assertEqual(match.line_ids.payment_ids, refund.account_payment_id)
        match.action_confirm()
        self.assertFalse(refund.in_transit)

    def test_only_finance_matches(self):
        with self.assertRaises(AccessError):
            self.env["realty.bank.match"].with_user(self.consultant).create({})
        other = self.env["account.journal"].create(
            {
                "name": "Other bank",
                "code": "OTHB",
                "type": "bank",
                "company_id": self.company.id,
            }
        )
        match = self.propose()
        self.assertNotIn(other, match.journal_ids, "only supervision accounts")

    # -------------------------------------------------------- reconciliation
    def test_the_reconciliation_of_a_day(self):
        """Recorded by sales, receipted by the cashier, confirmed by the bank: a
        loan disbursed straight to the bank has no receipt; a card payment is in
        transit until its settlement is matched."""
        self.receipt(self.contract, [("balance", "transfer", 100000)], date=DAY)
        card = self.receipt(
            self.contract,
            [
                {
                    "item": "balance",
                    "method": "pos",
                    "amount": 50000,
                    "card_type": "debit",
                }
            ],
            date=DAY,
        ).payment_ids
        self.pay(30000, method="cash")
        self.statement_line(100000, DAY)
        self.propose().action_confirm()

        Report = self.env["realty.reconciliation.report"].with_user(self.cashier)
        row = Report.search([("project_id", "=", self.project.id), ("date", "=", DAY)])
        self.assertEqual(len(row), 1)
        self.assertRecordValues(
            row,
            [
                {
                    "amount_recorded": 180000,
                    "amount_receipted": 150000,
                    "amount_confirmed": 100000,
                    "amount_in_transit": 80000,
                    "amount_not_receipted": 30000,
                    "pos_fee": 25,
                }
            ],
        )
        self.statement_line(card.account_payment_id.amount, DAY)
        self.propose().action_confirm()
        self.env.invalidate_all()
        self.assertEqual(row.amount_in_transit, 30000)

    # ------------------------------------------------------------ all money
    def test_all_money_is_found_by_room_building_buyer_and_id_number(self):
        payment = self.pay(1000, method="transfer")
        other = self.deal(room=self.room_b, buyer=self.buyer_d)
        other.register_payment("intention", 500, date=DAY)
        Payment = self.env["realty.deal.payment"].with_user(self.cashier)
        by_room = Payment.search([("room_id.code", "ilike", self.room.code)])
        self.assertEqual(by_room, payment)
        self.assertEqual(Payment.search([("buyers", "ilike", "陈立")]), payment)
        self.assertEqual(
            Payment.search([("buyers", "ilike", "11010519491231002x")]), payment
        )
        self.assertFalse(
            Payment.search([("buyers", "ilike", "110105")]),
            "an ID number is found whole",
        )
        by_building = Payment.search([("building_id", "=", self.building.id)])
        self.assertEqual(len(by_building), 2)
        self.assertEqual(payment.buyers, "陈立")
        groups = Payment._read_group(
            [("building_id", "=", self.building.id)], ["deal_id"], ["amount:sum"]
        )
        self.assertEqual(sorted(total for _deal, total in groups), [500, 1000])
