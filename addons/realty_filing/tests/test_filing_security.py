"""The city system's credentials are read by filing managers only: a consultant
with a plain JSON-RPC client (the attacker) gets neither the token nor the account,
by reading, searching or listing; nor do the filings it sees carry them."""

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.realty_base.tests.common import JsonRpcMixin

from .common import TOKEN, FilingCase

SECRETS = ("api_token", "username")


@tagged("post_install", "-at_install")
class TestFilingCredentials(JsonRpcMixin, FilingCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.adapter.username = "hphy-account"

    def assertAccessError(self, answer):
        self.assertNotIn("result", answer, "the credentials were given out")
        self.assertEqual(
            answer["error"]["data"]["name"], "odoo.exceptions.AccessError", answer
        )

    @mute_logger("odoo.http")
    def test_a_consultant_cannot_read_the_credentials(self):
        adapter = self.adapter
        self.signed()
        self.room.invalidate_recordset()
        self.authenticate(self.consultant.login, self.consultant.login)
        for field in SECRETS:
            with self.subTest(field=field):
                self.assertAccessError(
                    self.call_kw(
                        "realty.filing.adapter", "read", [adapter.ids, [field]]
                    )
                )
                self.assertAccessError(
                    self.call_kw(
                        "realty.filing.adapter",
                        "search_read",
                        [[(field, "!=", False)]],
                        {"fields": ["name"]},
                    )
                )
        # what a consultant may read says nothing of them
        answer = self.call_kw(
            "realty.filing.adapter", "search_read", [[("id", "=", adapter.id)]]
        )
        record = answer["result"][0]
        self.assertEqual(record["name"], adapter.name)
        self.assertFalse(set(SECRETS) & set(record))
        self.assertNotIn(TOKEN, str(answer))
        answer = self.call_kw(
            "realty.filing.adapter",
            "web_read",
            [adapter.ids],
            {"specification": {"name": {}, "api_token": {}}},
        )
        self.assertAccessError(answer)
        # nor can it write them
        self.assertAccessError(
            self.call_kw(
                "realty.filing.adapter", "write", [adapter.ids, {"api_token": "x"}]
            )
        )
        # the filings it queues and reads do not carry them either
        deal = self.env["realty.deal"].search([("room_id", "=", self.room.id)])
        answer = self.call_kw("realty.deal", "action_file_contract", [deal.ids])
        self.assertIn("result", answer, answer.get("error"))
        self.run_queue()
        filing = deal.filing_ids
        self.assertEqual(filing.state, "accepted")
        answer = self.call_kw(
            "realty.filing",
            "search_read",
            [[("id", "=", filing.id)]],
            {"fields": ["payload", "answer", "attempt_ids"]},
        )
        self.assertNotIn(TOKEN, str(answer))
        self.assertNotIn("hphy-account", str(answer))

    def test_a_filing_manager_reads_them(self):
        self.authenticate(self.filing_manager.login, self.filing_manager.login)
        answer = self.call_kw(
            "realty.filing.adapter", "read", [self.adapter.ids, list(SECRETS)]
        )
        self.assertEqual(answer["result"][0]["api_token"], TOKEN)
        self.assertEqual(answer["result"][0]["username"], "hphy-account")
