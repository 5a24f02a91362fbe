"""Money recorded before realty_finance was installed (realty_sales alone keeps the
amounts, no entries) is posted afterwards, on the days it was received, once."""

from odoo.tests import tagged

from odoo.addons.realty_finance.models.realty_deal_payment import (
    QueueHandOver,
)
from odoo.addons.realty_finance.models.realty_deal_payment import (
    RealtyDealPayment as PostedPayment,
)
from odoo.addons.realty_finance.models.realty_queue_number import (
    RealtyQueueNumber as PostedNumber,
)

from .common import FinanceCase

BACKFILL_LOGGER = "odoo.addons.realty_finance.models.realty_deal_payment_backfill"


@tagged("post_install", "-at_install")
class TestPostExisting(FinanceCase):
    """The records are created past realty_finance's overrides, as realty_sales
    created them before realty_finance was there."""

    def recorded_before(self, deal, item, amount, date, **values):
        Payment = self.env["realty.deal.payment"]
        return super(PostedPayment, Payment).create(
            [
                {
                    "deal_id": deal.id,
                    "item": item,
                    "amount": amount,
                    "date": date,
                    **values,
                }
            ]
        )

    def number_before(self, buyer, date):
        Number = self.env["realty.queue.number"]
        return super(PostedNumber, Number).create(
            [
                {
                    "project_id": self.project.id,
                    "partner_id": buyer.id,
                    "sincerity_amount": 20000,
                    "date_received": date,
                }
            ]
        )

    def convert_before(self, number, deal):
        """转房款 as realty_sales did it: the deal's internal sincerity payment,
        no entries (the marker keeps realty_finance from posting it)."""
        marker = {"realty_queue_handover": QueueHandOver()}
        return super(PostedNumber, number.with_context(**marker)).action_convert(
            deal.with_context(**marker)
        )

    def test_history_is_posted_once_on_its_dates(self):
        waiting = self.number_before(self.buyer_d, "2025-02-18")
        converted = self.number_before(self.buyer_c, "2025-02-20")
        deal = self.deal(deposit_amount=50000)
        self.convert_before(converted, deal)
        handover = deal.payment_ids
        self.assertEqual((handover.method, handover.state), ("internal", "draft"))
        payments = handover | (
            self.recorded_before(
                deal, "intention", 10000, "2025-03-02", method="pos", card_type="debit"
            )
            + self.recorded_before(deal, "deposit", 50000, "2025-03-03")
            + self.recorded_before(deal, "refund", -5000, "2025-03-04")
        )
        self.assertEqual(set(payments.mapped("state")), {"draft"})
        self.assertEqual(set(self.ledger(deal).values()), {0.0}, "nothing posted yet")

        posted = self.env["realty.deal.payment"]._finance_post_existing(self.company)

        self.assertEqual(posted, payments - handover)
        self.assertEqual(set(payments.mapped("state")), {"posted"})
        for payment in payments - handover:
            self.assertEqual(payment.account_payment_id.date, payment.date)
        self.assertEqual(converted.account_payment_ids.date.isoformat(), "2025-02-20")
        self.assertEqual(waiting.account_payment_ids.date.isoformat(), "2025-02-18")
        self.assertEqual(waiting._finance_held(), {waiting.id: 20000})
        self.assertEqual(converted._finance_held(), {converted.id: 0.0})
        self.assertEqual(deal.amount_received, 75000)
        self.assertLedger(deal)
        self.assertEqual(self.ledger(deal)["sincerity"], 20000)
        self.assertEqual(self.ledger(deal)["intention"], 5000, "the refund's")
        self.assertEqual(self.ledger(deal)["pos_fee"], 25)

        moves = self.env["account.move"].search_count([])
        again = self.env["realty.deal.payment"]._finance_post_existing(self.company)
        self.assertFalse(again)
        self.assertEqual(self.env["account.move"].search_count([]), moves)
        self.assertLedger(deal)

    def test_a_refused_history_stays_unposted_and_is_named(self):
        """A deal whose history is refused (here more paid on the down payment than
        its schedule asks) keeps it unposted; the other deals are posted."""
        good = self.deal(deposit_amount=50000)
        deposit = self.recorded_before(good, "deposit", 50000, "2025-03-03")
        bad = self.deal(self.room_b, buyer=self.buyer_d)
        early = self.recorded_before(bad, "intention", 10000, "2025-03-01")
        too_much = self.recorded_before(bad, "down_payment", 10000, "2025-03-02")
        with self.assertLogs(BACKFILL_LOGGER, "WARNING") as logs:
            posted = self.env["realty.deal.payment"]._finance_post_existing(
                self.company
            )
        self.assertEqual(posted, deposit)
        self.assertEqual((early | too_much).mapped("state"), ["draft", "draft"])
        self.assertFalse(early.move_id, "the deal's history is posted whole or not")
        self.assertIn(bad.name, logs.output[0])
        self.assertIn("ERR_OVERPAYMENT", logs.output[0])
        self.assertLedger(good)

    def test_companies_without_a_chart_are_left_alone(self):
        deal = self.deal(deposit_amount=50000)
        payment = self.recorded_before(deal, "deposit", 50000, "2025-03-03")
        other = self.env["res.company"].create({"name": "No Chart Co"})
        self.assertFalse(self.env["realty.deal.payment"]._finance_post_existing(other))
        self.assertEqual(payment.state, "draft")
