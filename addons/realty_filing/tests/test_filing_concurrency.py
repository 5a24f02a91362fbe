"""Two queue runners at once (two cron workers), each on its own database
connection, on committed filings: FOR UPDATE SKIP LOCKED gives each filing to one
runner only, so the city system receives each filing once.

Concurrent transactions only see committed data: the fixture is committed and
removed afterwards (realty_sales' CommittedFixture), hence the invalid-commit
exemption."""
# pylint: disable=invalid-commit

import threading
from collections import Counter

from odoo import SUPERUSER_ID, Command
from odoo.tests import tagged

from odoo.addons.realty_sales.tests.test_concurrency import CommittedFixture

from .common import TOKEN, AuthorityMixin

MAPPING = ("project", "room_code", "contract_no", "total", "buyers")


@tagged("post_install", "-at_install", "realty_concurrency")
class TestTwoRunners(AuthorityMixin, CommittedFixture):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.start_authority()
        with cls.registry.cursor() as cr:
            env = cls.env_of(cr, SUPERUSER_ID)
            adapter = env["realty.filing.adapter"].create(
                {
                    "name": f"Race City {cls.code}",
                    "endpoint": f"{cls.authority.url}/api/filings",
                    "api_token": TOKEN,
                    "timeout_seconds": 5,
                    "field_ids": [
                        Command.create(
                            {"key": key, "external_name": key, "required": True}
                        )
                        for key in MAPPING
                    ],
                }
            )
            env["realty.project"].browse(cls.project_id).filing_adapter_id = adapter
            method = env.ref("realty_base.payment_method_oneoff")
            deals = env["realty.deal"].create(
                [
                    {
                        "room_id": room_id,
                        "partner_id": cls.buyer_ids[index],
                        "payment_method_id": method.id,
                        "delivery_date": "2027-06-30",
                        "area_option": "building",
                        "contract_no": f"HT-RACE-{index}",
                    }
                    for index, room_id in enumerate(cls.room_ids)
                ]
            )
            for deal in deals:
                deal.action_sign_contract()
            cls.adapter_id = adapter.id
            cr.commit()
        cls.addClassCleanup(cls._remove_filings)

    @classmethod
    def _remove_filings(cls):
        with cls.registry.cursor() as cr:
            cr.execute(
                "DELETE FROM realty_filing_attempt WHERE filing_id IN "
                "(SELECT id FROM realty_filing WHERE project_id = %s)",
                [cls.project_id],
            )
            cr.execute(
                "DELETE FROM realty_filing WHERE project_id = %s", [cls.project_id]
            )
            cr.execute(
                "DELETE FROM realty_filing_adapter WHERE id = %s", [cls.adapter_id]
            )
            cr.commit()

    def test_two_runners_send_each_filing_once(self):
        with self.registry.cursor() as cr:
            env = self.env_of(cr, SUPERUSER_ID)
            deals = env["realty.deal"].search([("project_id", "=", self.project_id)])
            deals.action_file_contract()
            keys = set(deals.filing_ids.mapped("idempotency_key"))
            cr.commit()
        self.assertEqual(len(keys), len(self.room_ids))
        # slow answers: both runners are busy at the same time
        self.control("next", mode="accept", count=len(keys), delay=0.3)
        barrier = threading.Barrier(2)
        sent = [None, None]

        def runner(index):
            with self.registry.cursor() as cr:
                env = self.env_of(cr, SUPERUSER_ID)
                barrier.wait(timeout=30)
                sent[index] = env["realty.filing"]._run_queue(commit=True)

        threads = [threading.Thread(target=runner, args=(i,)) for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        self.assertEqual(sum(sent), len(keys), sent)
        self.assertTrue(all(sent), f"both runners sent filings: {sent}")
        requests = Counter(r["key"] for r in self.authority_log()["requests"])
        self.assertEqual(set(requests), keys)
        self.assertEqual(set(requests.values()), {1}, "a filing sent twice")
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT state, count(*), count(DISTINCT filing_number)"
                " FROM realty_filing WHERE project_id = %s GROUP BY state",
                [self.project_id],
            )
            self.assertEqual(cr.fetchall(), [("accepted", len(keys), len(keys))])
            cr.execute(
                "SELECT DISTINCT state FROM realty_room WHERE id = ANY(%s)",
                [self.room_ids],
            )
            self.assertEqual(cr.fetchall(), [("filed",)])
