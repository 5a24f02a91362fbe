"""Fixtures of the filing tests: the simulated city system, started on loopback for
the class (tools/simulated_authority.py), a city adapter that reaches it over HTTP,
and signed contracts to file."""

import json
import urllib.request
from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user

from odoo.addons.realty_sales.tests.common import SalesCase

from ..tools.simulated_authority import SimulatedAuthority

TOKEN = "s3cret-filing-token"


class AuthorityMixin:
    """The simulated authority for the test class, reset before each test."""

    @classmethod
    def start_authority(cls):
        cls.authority = SimulatedAuthority(token=TOKEN).start()
        cls.addClassCleanup(cls.authority.stop)

    def setUp(self):
        super().setUp()
        self.control("reset")

    def control(self, command, **body):
        """The authority's control API, over HTTP as a developer would call it."""
        request = urllib.request.Request(
            f"{self.authority.url}/control/{command}",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            self.assertEqual(response.status, 200)

    def authority_log(self):
        """The authority's own log, read over HTTP: every request it received and
        every filing it made."""
        url = f"{self.authority.url}/control/log"
        with urllib.request.urlopen(url, timeout=5) as response:
            return json.loads(json.loads(response.read())["log"])


class FilingCase(AuthorityMixin, SalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.start_authority()
        cls.filing_manager = new_test_user(
            cls.env,
            "realty_filing_manager",
            groups="realty_filing.group_realty_filing_manager",
        )
        cls.project.user_ids |= cls.filing_manager
        cls.env.company.company_registry = "91330100MA2H000001"
        cls.adapter = cls.env["realty.filing.adapter"].create(
            {
                "name": "杭州市网签备案系统（测试）",
                "city": "杭州市",
                "adapter_type": "simulated",
                "endpoint": f"{cls.authority.url}/api/filings",
                "api_token": TOKEN,
                "timeout_seconds": 1,
                "max_attempts": 5,
                "backoff_seconds": 60,
                "backoff_cap_seconds": 600,
            }
        )
        cls.project.filing_adapter_id = cls.adapter

    def setUp(self):
        super().setUp()
        self.clock = fields.Datetime.now()

    def signed(self, room=None, **values):
        """A contract signed directly on an available room (F10), complete (§8.3)."""
        values = {
            "delivery_date": "2027-06-30",
            "area_option": "building",
            "contract_no": f"HT-{(room or self.room).code}",
            **values,
        }
        deal = self.deal(room, **values)
        deal.action_sign_contract()
        return deal

    def run_queue(self, minutes=0, limit=500):
        """One run of the queue's cron, `minutes` after the previous one (the
        tests' clock: backoff delays pass without waiting)."""
        self.clock = max(self.clock, fields.Datetime.now()) + timedelta(minutes=minutes)
        return self.env["realty.filing"]._run_queue(limit=limit, now=self.clock)

    def run_until_idle(self, step_minutes=10, rounds=50):
        """The cron, every `step_minutes`, until nothing is queued."""
        Filing = self.env["realty.filing"]
        for _round in range(rounds):
            self.run_queue(step_minutes)
            if not Filing.search_count([("state", "in", ("queued", "submitted"))]):
                return
        raise AssertionError("the queue did not empty")
