"""Filing with the simulated city system over HTTP on loopback (domain.md §8.4, F11,
R5, §2.5): accepted, rejected with a reason, a timeout then success, an answer
given twice, the system down for a while, a cancellation; the validation before
anything is queued; the 30-day timer."""

from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import FilingCase


@tagged("post_install", "-at_install")
class TestFilingFlow(FilingCase):
    def file(self, deal, user=None):
        """File the contract from the deal, as the consultant does."""
        deal.with_user(user or self.consultant).action_file_contract()
        return deal.filing_ids.filtered(lambda f: f.kind == "contract")[:1]

    def requests_for(self, key):
        return [r for r in self.authority_log()["requests"] if r["key"] == key]

    # ------------------------------------------------------------------ accept
    def test_accepted_files_the_room(self):
        deal = self.signed()
        filing = self.file(deal)
        self.assertEqual(filing.state, "queued")
        self.assertEqual(self.room.state, "contracted")
        self.assertTrue(filing.idempotency_key)
        self.assertIn('"room_code": "1-1-1101"', filing.payload)
        self.assertEqual(self.run_queue(), 1)
        self.assertEqual(filing.state, "accepted")
        self.assertRegex(filing.filing_number, r"^HZWQHT\d{8}$")
        self.assertEqual(deal.filing_number, filing.filing_number)
        self.assertEqual(deal.filing_state, "accepted")
        self.assertEqual(self.room.state, "filed")
        log = self.room.state_log_ids.sorted("id")[-1]
        self.assertEqual((log.rule, log.document), ("F11", filing))
        self.assertEqual(filing.attempt_ids.outcome, "accepted")
        self.assertEqual(filing.attempt_ids.http_status, 200)
        self.assertIn(filing.filing_number, deal.message_ids[0].body)
        # the authority's own log: one request, one filing, under the filing's key
        log = self.authority_log()
        self.assertEqual([r["key"] for r in log["requests"]], [filing.idempotency_key])
        self.assertEqual(log["filings"][0]["filing_number"], filing.filing_number)
        # nothing more to send
        self.assertEqual(self.run_queue(60), 0)

    def test_the_room_is_filed_only_with_a_number(self):
        self.signed()
        self.assertRefused("ERR_STATE_TRANSITION", self.room._move_state, "file")
        self.assertEqual(self.room.state, "contracted")

    # ------------------------------------------------------------------ reject
    def test_rejected_with_a_reason_then_retried(self):
        deal = self.signed()
        self.control("next", mode="reject", reason="买受人证件号码与公安系统不一致")
        filing = self.file(deal)
        first_key = filing.idempotency_key
        self.run_queue()
        self.assertEqual(filing.state, "rejected")
        self.assertEqual(filing.reject_reason, "买受人证件号码与公安系统不一致")
        self.assertFalse(filing.filing_number)
        self.assertEqual(self.room.state, "contracted")
        self.assertTrue(filing.needs_attention)
        self.assertIn(
            filing, self.env["realty.filing"].search([("needs_attention", "=", True)])
        )
        self.assertIn("买受人证件号码与公安系统不一致", deal.message_ids[0].body)
        self.assertEqual(self.run_queue(60), 0, "a rejection is not retried alone")
        # only a filing manager retries; a new key: nothing was filed
        self.assertRefused(
            "ERR_APPROVAL_REQUIRED", filing.with_user(self.consultant).action_retry
        )
        filing.with_user(self.filing_manager).action_retry()
        self.assertEqual(filing.state, "queued")
        self.assertNotEqual(filing.idempotency_key, first_key)
        self.run_queue()
        self.assertEqual((filing.state, self.room.state), ("accepted", "filed"))
        self.assertEqual(
            [a.outcome for a in filing.attempt_ids.sorted("id")],
            ["rejected", "accepted"],
        )

    # ---------------------------------------------------------------- timeout
    def test_a_timeout_then_success_files_once(self):
        """The system files the contract but answers too late; the retry, with the
        same key, gets the same number: one filing, one number."""
        deal = self.signed()
        self.control("next", mode="timeout", delay=2)
        filing = self.file(deal)
        self.run_queue()
        self.assertEqual(filing.state, "submitted", "the system may have it")
        self.assertFalse(filing.filing_number)
        self.assertEqual(self.room.state, "contracted")
        attempt = filing.attempt_ids
        self.assertEqual(attempt.outcome, "timeout")
        self.assertEqual(filing.next_attempt_at - attempt.date, timedelta(seconds=60))
        self.assertEqual(self.run_queue(0.5), 0, "not due before the backoff")
        self.assertEqual(self.run_queue(1), 1)
        self.assertEqual((filing.state, self.room.state), ("accepted", "filed"))
        log = self.authority_log()
        self.assertEqual(len(log["filings"]), 1, "filed once")
        self.assertEqual(log["filings"][0]["filing_number"], filing.filing_number)
        self.assertEqual(
            [r["outcome"] for r in self.requests_for(filing.idempotency_key)],
            ["accepted", "replayed"],
        )

    # -------------------------------------------------------- duplicate answer
    def test_an_answer_given_twice_is_discarded(self):
        """The system writes an answer twice on the connection; the next filing's
        request reads the stray copy first: it is discarded (it names another key),
        and that filing gets its own number on the next run."""
        first, second = self.signed(), self.signed(self.room_b)
        self.control("next", mode="twice")
        filing_a, filing_b = self.file(first), self.file(second)
        self.run_queue()
        self.assertEqual(filing_a.state, "accepted")
        self.assertEqual(filing_b.state, "submitted")
        self.assertEqual(filing_b.attempt_ids.outcome, "stray")
        self.assertIn(filing_a.idempotency_key, filing_b.attempt_ids.detail)
        self.assertFalse(filing_b.filing_number, "never the other filing's number")
        self.run_queue(2)
        self.assertEqual(filing_b.state, "accepted")
        self.assertNotEqual(filing_a.filing_number, filing_b.filing_number)
        self.assertEqual((self.room.state, self.room_b.state), ("filed", "filed"))
        log = self.authority_log()
        self.assertEqual(len(log["filings"]), 2)
        self.assertEqual(
            [r["outcome"] for r in self.requests_for(filing_b.idempotency_key)],
            ["accepted", "replayed"],
        )

    # --------------------------------------------------------------- down
    def test_down_for_a_while_then_back(self):
        """Down for 9 requests: 6 filings fail once, 3 of them twice; the backoff
        doubles (60 s, then 120 s); everything queued ends accepted, filed once."""
        deals = [self.signed(room) for room in self.rooms]
        self.control("down", requests=9)
        filings = self.env["realty.filing"].union(*(self.file(d) for d in deals))
        self.run_queue()
        self.assertEqual(set(filings.mapped("state")), {"queued"})
        self.assertEqual(set(filings.attempt_ids.mapped("outcome")), {"unavailable"})
        for filing in filings:
            delay = filing.next_attempt_at - filing.attempt_ids.date
            self.assertEqual(delay, timedelta(seconds=60))
        self.run_queue(1)
        failed_twice = filings.filtered(lambda f: f.state == "queued")
        self.assertEqual(len(failed_twice), 3)
        for filing in failed_twice:
            last = filing.attempt_ids.sorted("id")[-1]
            self.assertEqual(filing.next_attempt_at - last.date, timedelta(seconds=120))
        self.assertEqual(self.run_queue(1), 0, "not due yet")
        self.run_until_idle()
        self.assertEqual(set(filings.mapped("state")), {"accepted"})
        self.assertEqual(len(set(filings.mapped("filing_number"))), len(filings))
        self.assertEqual(set(self.rooms.mapped("state")), {"filed"})
        self.assertEqual(sorted(filings.mapped("attempt_count")), [2, 2, 2, 3, 3, 3])
        log = self.authority_log()
        self.assertEqual(len(log["filings"]), len(filings), "each filed once")
        self.assertEqual(len(log["requests"]), 6 + 6 + 3)

    def test_stuck_after_the_attempts_allowed(self):
        deal = self.signed()
        self.control("down", requests=100)
        filing = self.file(deal)
        self.run_until_idle_or_stuck(filing)
        self.assertTrue(filing.stuck)
        self.assertEqual(filing.attempt_count, 5)
        self.assertEqual(filing.state, "queued", "the system never received it")
        self.assertIn(
            filing, self.env["realty.filing"].search([("needs_attention", "=", True)])
        )
        self.assertEqual(self.run_queue(600), 0, "a stuck filing waits for a manager")
        self.control("reset")
        filing.with_user(self.filing_manager).action_retry()
        self.run_queue()
        self.assertEqual((filing.state, self.room.state), ("accepted", "filed"))

    def run_until_idle_or_stuck(self, filing):
        for _round in range(20):
            self.run_queue(30)
            if filing.stuck:
                return
        raise AssertionError("never stuck")

    def test_wrong_credentials_are_stuck_at_once(self):
        self.adapter.api_token = "wrong"
        filing = self.file(self.signed())
        self.run_queue()
        self.assertTrue(filing.stuck)
        self.assertEqual(filing.attempt_ids.http_status, 401)
        self.assertEqual(filing.attempt_ids.outcome, "refused")

    # ---------------------------------------------------------- cancellation
    def test_cancellation_puts_the_contract_back(self):
        """R5: a filed contract is not terminated (ERR_FILING_ACTIVE); the
        cancellation, accepted, moves the room back to contracted, then R4."""
        deal = self.signed()
        filing = self.file(deal)
        self.run_queue()
        order = self.env["realty.change.order"].create(
            {
                "deal_id": deal.id,
                "change_type": "terminate",
                "reason": "客户申请退房",
                "termination_agreement": True,
            }
        )
        order.action_submit()
        order.with_user(self.gm).action_approve()
        self.assertRefused("ERR_FILING_ACTIVE", order.action_execute)
        self.assertRefused("ERR_FILING_ACTIVE", filing.action_cancel)
        action = filing.with_user(self.consultant).action_request_cancellation()
        cancellation = self.env["realty.filing"].browse(action["res_id"])
        self.assertEqual(
            (cancellation.kind, cancellation.original_filing_id),
            ("cancellation", filing),
        )
        error = self.assertRefused(
            "ERR_INVALID_INPUT", cancellation.with_context(lang="zh_CN").action_queue
        )
        self.assertIn("此变更须有已批准的变更单", str(error))
        cancellation.write({"change_order_id": order.id, "note": "双方协议解除合同"})
        cancellation.with_user(self.consultant).action_queue()
        self.run_queue()
        self.assertEqual(cancellation.state, "accepted")
        self.assertRegex(cancellation.filing_number, r"^HZWQZX\d{8}$")
        self.assertEqual(filing.state, "cancelled")
        self.assertEqual(self.room.state, "contracted")
        self.assertEqual(self.room.state_log_ids.sorted("id")[-1].rule, "R5")
        self.assertFalse(deal.filing_number)
        order.action_execute()
        self.assertEqual((self.room.state, deal.status), ("held", "cancelled"))
        log = self.authority_log()
        self.assertEqual(
            [f["kind"] for f in log["filings"]], ["contract", "cancellation"]
        )

    def test_cancelling_a_loan_contract_needs_the_bank(self):
        deal = self.signed()
        filing = self.file(deal)
        self.run_queue()
        deal._unlocked().write(
            {"frozen_terms": dict(deal.frozen_terms, loan_commercial=900000.0)}
        )
        deal.invalidate_recordset()
        self.assertTrue(deal.loan_commercial)
        cancellation = self.env["realty.filing"].browse(
            filing.action_request_cancellation()["res_id"]
        )
        self.assertRefused("ERR_INVALID_INPUT", cancellation.action_queue)
        cancellation.bank_consent = True
        self.assertFalse(
            [m for m in cancellation._check_ready() if "bank" in m],
        )

    def test_no_termination_while_the_filing_is_on_its_way(self):
        deal = self.signed()
        filing = self.file(deal)
        order = self.env["realty.change.order"].create(
            {
                "deal_id": deal.id,
                "change_type": "terminate",
                "reason": "客户申请退房",
                "termination_agreement": True,
            }
        )
        order.action_submit()
        order.with_user(self.gm).action_approve()
        self.assertRefused("ERR_FILING_ACTIVE", order.action_execute)
        self.assertEqual((self.room.state, deal.status), ("contracted", "active"))
        # withdrawn before any attempt reached the system: then terminated
        filing.action_cancel()
        self.assertEqual(filing.state, "cancelled")
        order.action_execute()
        self.assertEqual(self.room.state, "held")
        self.assertFalse(self.authority_log()["requests"])

    # ------------------------------------------------------------ validation
    def test_an_incomplete_contract_is_refused_field_by_field_in_chinese(self):
        deal = self.signed()
        deal.area_option = False
        self.env.company.company_registry = False
        self.env.company.vat = False
        Filing = self.env["realty.filing"].with_user(self.consultant)
        error = self.assertRefused(
            "ERR_INVALID_INPUT",
            deal.with_user(self.consultant)
            .with_context(lang="zh_CN")
            .action_file_contract,
        )
        lines = str(error).splitlines()
        self.assertEqual(len(lines), 2, str(error))
        self.assertIn("出卖人统一社会信用代码", lines[0])
        self.assertIn("面积差异处理方式", lines[1])
        for line in lines:
            self.assertTrue(line.startswith("[ERR_INVALID_INPUT] "), line)
            self.assertIn("缺少", line)
        self.assertFalse(Filing.search([("deal_id", "=", deal.id)]), "nothing queued")
        self.assertFalse(self.authority_log()["requests"])

    def test_a_draft_changes_a_sent_filing_does_not(self):
        filing = self.file(self.signed())
        self.assertRefused("ERR_STATE_TRANSITION", filing.write, {"note": "x"})
        self.assertRefused("ERR_INVALID_INPUT", filing.write, {"state": "accepted"})
        self.assertRefused(
            "ERR_INVALID_INPUT", filing.write, {"filing_number": "HZWQHT99999999"}
        )

    # ------------------------------------------------------- generic adapter
    def test_generic_xml_adapter_with_a_field_mapping(self):
        self.adapter.write(
            {
                "adapter_type": "generic",
                "payload_format": "xml",
                "field_ids": [
                    (
                        0,
                        0,
                        {
                            "key": "project",
                            "external_name": "project",
                            "required": True,
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "key": "room_code",
                            "external_name": "room_code",
                            "required": True,
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "key": "contract_no",
                            "external_name": "HTBH",
                            "required": True,
                        },
                    ),
                    (0, 0, {"key": "total", "external_name": "ZJ", "required": True}),
                    (0, 0, {"key": "buyers", "external_name": "MSR", "required": True}),
                ],
            }
        )
        deal = self.signed(contract_no=False)
        error = self.assertRefused(
            "ERR_INVALID_INPUT",
            deal.with_context(lang="zh_CN").action_file_contract,
        )
        self.assertIn("合同编号", str(error))
        self.assertEqual(len(str(error).splitlines()), 1, "only the mapped fields")
        deal.contract_no = "HT-XML-1"
        filing = self.file(deal)
        self.assertTrue(filing.payload.startswith("<?xml"))
        self.assertIn("<HTBH>HT-XML-1</HTBH>", filing.payload)
        self.assertIn("<ZJ>1411808.00</ZJ>", filing.payload)
        self.assertNotIn("area_option", filing.payload)
        self.run_queue()
        self.assertEqual((filing.state, self.room.state), ("accepted", "filed"))
        self.assertIn("<filing_number>", filing.answer)

    # ---------------------------------------------------------------- timer
    def test_contracts_not_filed_in_30_days_are_flagged(self):
        late, on_time, filed = (
            self.signed(),
            self.signed(self.room_b),
            self.signed(self.rooms[2]),
        )
        long_ago = fields.Datetime.now() - timedelta(days=31)
        (late | filed)._unlocked().write({"date_contract": long_ago})
        self.file(filed)
        self.run_queue()
        self.env["realty.deal"]._cron_flag_overdue()
        self.assertTrue(late.overdue)
        self.assertIn("30", late.overdue_reason)
        self.assertFalse(on_time.overdue)
        self.assertFalse(filed.overdue)
