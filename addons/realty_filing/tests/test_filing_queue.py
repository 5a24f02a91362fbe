"""200 filings queued at once, sent by the queue's cron (called in a loop, as the
scheduler would call it) to the simulated city system over HTTP, while it goes down,
times out and answers twice: every filing ends accepted, no filing number twice,
and the system's own log shows no filing filed twice."""

import logging
import time
from collections import Counter

from odoo.tests import tagged

from .common import FilingCase

_logger = logging.getLogger(__name__)
COUNT = 200


@tagged("post_install", "-at_install")
class TestFilingQueue(FilingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        started = time.monotonic()
        building = cls.create_building("Q", floors_above=20)
        rooms = cls.generate(building, floors=(1, 20), positions=(1, 10))
        cls.set_list_price(rooms)
        cls.create_permit(building)
        rooms.with_user(cls.manager).action_release()
        deals = (
            cls.env["realty.deal"]
            .with_user(cls.consultant)
            .create(
                [
                    {
                        "room_id": room.id,
                        "partner_id": cls.buyer_c.id,
                        "payment_method_id": cls.cash.id,
                        "delivery_date": "2027-06-30",
                        "area_option": "building",
                        "contract_no": f"HT-{room.code}",
                    }
                    for room in rooms
                ]
            )
        )
        for deal in deals:
            deal.action_sign_contract()
        cls.queue_rooms, cls.queue_deals = rooms, deals
        _logger.info(
            "%s contracts signed for the queue test in %.1f s",
            len(deals),
            time.monotonic() - started,
        )

    def test_200_filings_at_once(self):
        self.assertEqual(len(self.queue_deals), COUNT)
        # retries at once (the backoff is tested apart): the loop below is the cron
        self.adapter.write({"backoff_seconds": 0, "backoff_cap_seconds": 0})
        self.control("down", requests=15)
        started = time.monotonic()
        self.queue_deals.with_user(self.consultant).action_file_contract()
        filings = self.queue_deals.filing_ids
        self.assertEqual(len(filings), COUNT)
        self.assertEqual(set(filings.mapped("state")), {"queued"})
        queued_in = time.monotonic() - started
        # the system misbehaves once it is back: late answers, answers twice
        self.control("next", mode="accept", count=20)
        self.control("next", mode="timeout", delay=1.3, count=2)
        self.control("next", mode="accept", count=30)
        self.control("next", mode="twice", count=3)

        Filing = self.env["realty.filing"]
        runs, sent = 0, 0
        started = time.monotonic()
        while True:
            done = Filing._cron_send_filings(limit=60)
            runs += 1
            sent += done
            if not done:
                break
            self.assertLess(runs, 50, "the queue does not end")
        sent_in = time.monotonic() - started

        self.assertEqual(set(filings.mapped("state")), {"accepted"})
        numbers = filings.mapped("filing_number")
        self.assertEqual(len(set(numbers)), COUNT, "no filing number twice")
        self.assertEqual(set(self.queue_rooms.mapped("state")), {"filed"})
        self.assertEqual(
            set(self.queue_deals.mapped("filing_number")), set(numbers), "on the deals"
        )
        log = self.authority_log()
        filed = [f for f in log["filings"] if f["kind"] == "contract"]
        self.assertEqual(len(filed), COUNT, "the system filed each filing once")
        self.assertEqual(len({f["key"] for f in filed}), COUNT)
        self.assertEqual({f["filing_number"] for f in filed}, set(numbers))
        first_answers = Counter(
            r["key"] for r in log["requests"] if r["outcome"] == "accepted"
        )
        self.assertEqual(set(first_answers.values()), {1}, "no key filed twice")
        self.assertEqual(set(first_answers), set(filings.mapped("idempotency_key")))
        outcomes = Counter(filings.attempt_ids.mapped("outcome"))
        self.assertEqual(outcomes["unavailable"], 15)
        self.assertEqual(outcomes["timeout"], 2)
        # a copy is read by the next request on the same connection (the last
        # request of a run has none): at least one stray answer was discarded
        self.assertGreaterEqual(outcomes["stray"], 1)
        self.assertEqual(outcomes["accepted"], COUNT)
        self.assertEqual(len(log["requests"]), sum(outcomes.values()))
        _logger.info(
            "%s filings: queued in %.1f s, sent in %.1f s by %s runs of the cron "
            "(%s requests: %s)",
            COUNT,
            queued_in,
            sent_in,
            runs,
            len(log["requests"]),
            dict(outcomes),
        )
