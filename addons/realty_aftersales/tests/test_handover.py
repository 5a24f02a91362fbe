"""The handover (交房, §2.3 F12/F12b, §8.1, §9.10): the five guards both ways,
the notice, the inspection's defects and their activities, the room delivered,
refusals that write nothing, and the two PDFs."""

from datetime import timedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.realty_base.tools import states
from odoo.addons.realty_sales.tests.common import CASH_IN_7_DAYS

from .common import HandoverCase

HAND_OVER = states.HAND_OVER


@tagged("post_install", "-at_install")
class TestHandover(HandoverCase):
    def guard(self, handover, name):
        """The refusals of one F12 guard on the handover's room."""
        return getattr(handover.room_id, f"_guard_{name}")(
            action=HAND_OVER, document=handover
        )

    def counts(self, handover):
        self.env.flush_all()
        return (
            handover.room_id.state,
            handover.state,
            self.env["realty.room.state.log"].search_count([]),
            self.env["mail.message"].search_count(
                [("model", "=", "realty.deal"), ("res_id", "=", handover.deal_id.id)]
            ),
        )

    # ------------------------------------------------------------ the flow
    def test_f12b_a_contracted_room_is_delivered(self):
        handover = self.ready()
        self.assertEqual(handover.state, "inspected")
        self.assertTrue(handover.checks_passed, handover.check_html)
        handover.action_hand_over()
        room = handover.room_id
        self.assertEqual((room.state, handover.state), ("delivered", "done"))
        self.assertEqual(handover.date_handed_over, self.today)
        self.assertEqual(handover.handed_over_by_id, self.aftersales)
        log = room.state_log_ids.filtered(lambda l: l.action == HAND_OVER)
        self.assertEqual(
            (log.rule, log.from_state, log.to_state, log.document, log.user_id),
            (
                "F12b",
                "contracted",
                "delivered",
                handover,
                self.aftersales,
            ),
        )
        self.assertIn(
            handover.name, handover.deal_id.message_ids[:1].body, "the deal's chatter"
        )
        self.assertRefused(
            "ERR_STATE_TRANSITION", handover.write, {"key_count": 9}
        )  # history

    def test_f12_a_filed_room_is_delivered(self):
        self.project.filing_required = True
        deal = self.contract()
        # rooms are filed by realty_filing (F11), not built yet: the fixture files
        # the room itself, as server code does
        self.force_state(deal.room_id.sudo(), "filed")
        handover = self.ready(deal)
        handover.action_hand_over()
        self.assertEqual(deal.room_id.state, "delivered")
        self.assertEqual(deal.room_id.state_log_ids[:1].rule, "F12")

    def test_f12b_needs_a_project_without_filing(self):
        self.project.filing_required = True
        handover = self.ready()
        before = self.counts(handover)
        self.assertRefused("ERR_STATE_TRANSITION", handover.action_hand_over)
        self.assertEqual(self.counts(handover), before)

    # ------------------------------------------------------------ the guards
    def test_completion_filed(self):
        handover = self.ready()
        self.assertFalse(self.guard(handover, "completion_filed"))
        self.building.completion_filing_date = False
        handover.room_id.sudo().area_building_meas = 0
        [(code, message)] = self.guard(handover, "completion_filed")
        self.assertEqual(code, "ERR_INVALID_INPUT")
        self.assertIn("completion filing", message)
        self.assertIn("measured building area", message)
        error = self.assertRefused("ERR_INVALID_INPUT", handover.action_hand_over)
        self.assertIn(handover.room_id.code, str(error))

    def test_area_settled_or_waived(self):
        handover = self.ready()
        deal = handover.deal_id
        for state in ("none", "pending"):
            deal.sudo()._unlocked().area_adjust_state = state
            [(code, _message)] = self.guard(handover, "area_settled")
            self.assertEqual(code, "ERR_AREA_NOT_SETTLED")
        self.assertRefused("ERR_AREA_NOT_SETTLED", handover.action_hand_over)
        deal.sudo()._unlocked().area_adjust_state = "waived"
        self.assertFalse(self.guard(handover, "area_settled"))
        handover.action_hand_over()
        self.assertEqual(handover.room_id.state, "delivered")

    def test_maintenance_fund_passes_when_nothing_is_owed(self):
        """The fund owed is refused in tests/realty_e2e (finance knows it)."""
        handover = self.ready()
        self.assertFalse(self.guard(handover, "maintenance_fund"))

    def test_payments_due_by_the_handover(self):
        """The balance is due 7 days after the contract, before the handover in
        20 days, and not received: refused; the same contract due in 400 days
        passes."""
        due_soon = self.create_cash_method("Cash 7 (test)", "CASH-7", **CASH_IN_7_DAYS)
        handover = self.ready(self.contract(self.room_b, method=due_soon))
        [(code, message)] = self.guard(handover, "handover_payments")
        self.assertEqual(code, "ERR_INVALID_INPUT")
        self.assertIn("Balance", message)
        self.assertRefused("ERR_INVALID_INPUT", handover.action_hand_over)
        self.assertEqual(handover.room_id.state, "contracted")
        self.assertFalse(self.guard(self.ready(), "handover_payments"))

    def test_notice_9_days_refused_10_passes(self):
        handover = self.ready()
        for days, refused in ((9, True), (10, False), (11, False)):
            handover.sudo()._unlocked().notice_date = (
                handover.date_scheduled - timedelta(days=days)
            )
            refusals = self.guard(handover, "handover_notice")
            self.assertEqual(bool(refusals), refused, days)
            if refused:
                self.assertIn("at least 10", refusals[0][1])
        handover.sudo()._unlocked().notice_date = handover.date_scheduled - timedelta(
            days=9
        )
        self.assertRefused("ERR_INVALID_INPUT", handover.action_hand_over)
        handover.sudo()._unlocked().notice_date = handover.date_scheduled - timedelta(
            days=10
        )
        handover.action_hand_over()
        self.assertEqual(handover.room_id.state, "delivered")

    def test_no_notice_no_handover(self):
        handover = self.handover(self.contract())
        [(_code, message)] = self.guard(handover, "handover_notice")
        self.assertIn("no handover notice", message)
        # nor an inspection before the notice
        self.assertRefused("ERR_STATE_TRANSITION", self.inspect, handover)

    # ------------------------------------------------------------ the notice
    def test_notice_by_email_through_the_queue(self):
        handover = self.handover(self.contract())
        handover.action_send_notice()
        self.assertEqual(
            (handover.state, handover.notice_date), ("notified", self.today)
        )
        mail = self.env["mail.mail"].search(
            [("model", "=", "realty.handover"), ("res_id", "=", handover.id)]
        )
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.state, "outgoing", "queued, not sent at once")
        self.assertEqual(mail.recipient_ids, self.buyer_c)
        self.assertIn(handover.room_id.code, mail.subject)
        self.assertEqual(
            mail.attachment_ids.name, f"交房通知书-{handover.room_id.code}.pdf"
        )
        note = handover.message_ids.filtered("attachment_ids")
        self.assertEqual(note.attachment_ids, mail.attachment_ids)

    def test_notice_by_letter_and_its_period(self):
        self.buyer_c.email = False
        handover = self.handover(self.contract(), days=9)
        self.assertRefused("ERR_INVALID_INPUT", handover.action_send_notice)
        handover.date_scheduled = self.today + timedelta(days=10)
        error = self.assertRefused("ERR_INVALID_INPUT", handover.action_send_notice)
        self.assertIn("e-mail", str(error))
        handover.notice_method = "letter"
        handover.action_send_notice()
        self.assertEqual(handover.state, "notified")
        self.assertFalse(
            self.env["mail.mail"].search(
                [("model", "=", "realty.handover"), ("res_id", "=", handover.id)]
            )
        )
        # a new date asks for a new notice
        handover.date_scheduled = self.today + timedelta(days=15)
        self.assertEqual((handover.state, handover.notice_date), ("scheduled", False))

    # ------------------------------------------------------------ defects
    def test_defects_go_to_engineering_and_close(self):
        handover = self.ready(defects=("主卧窗台", "卫生间地面"))
        first, second = handover.defect_ids
        activity_type = self.env.ref("realty_aftersales.mail_activity_handover_defect")
        for defect in (first, second):
            self.assertEqual(defect.activity_ids.activity_type_id, activity_type)
            self.assertEqual(defect.activity_ids.user_id, self.engineer)
            self.assertEqual(defect.engineer_id, self.engineer)
        self.assertEqual(handover.open_defect_count, 2)
        error = self.assertRefused("ERR_INVALID_INPUT", handover.action_hand_over)
        self.assertIn("2 open defects", str(error))
        # the engineer marks the activity done: the defect closes
        first.activity_ids.with_user(self.engineer).action_feedback(feedback="已修复")
        self.assertEqual((first.state, first.closed_by_id), ("closed", self.engineer))
        self.assertTrue(first.date_closed)
        # the button closes the other and its activity
        second.with_user(self.aftersales).action_close()
        self.assertEqual(second.state, "closed")
        self.assertFalse(second.activity_ids)
        self.assertEqual(handover.open_defect_count, 0)
        handover.action_hand_over()
        self.assertEqual(handover.state, "done")

    def test_open_defects_accepted_in_writing(self):
        handover = self.ready(defects=("阳台栏杆",))
        handover.defects_accepted = True
        self.assertRefused("ERR_INVALID_INPUT", handover.action_hand_over)
        handover.defects_acceptance_note = (
            "本人同意先行收房，阳台栏杆由开发商30日内整改。"
        )
        handover.action_hand_over()
        self.assertEqual(handover.room_id.state, "delivered")
        self.assertEqual(handover.defect_ids.state, "open")

    # ------------------------------------------------------------ refusals
    def test_a_refusal_writes_nothing(self):
        """Two handovers at once, one refused: neither room moves, nothing is
        logged or posted."""
        good = self.ready()
        bad = self.ready(self.contract(self.room_b))
        bad.deal_id.sudo()._unlocked().area_adjust_state = "pending"
        both = good | bad
        before = [self.counts(good), self.counts(bad)]
        self.assertRefused("ERR_AREA_NOT_SETTLED", both.action_hand_over)
        self.assertEqual([self.counts(good), self.counts(bad)], before)
        self.assertEqual(good.state, "inspected")
        self.assertFalse(good.date_handed_over)

    def test_the_checks_show_live(self):
        handover = self.ready()
        self.assertTrue(handover.checks_passed)
        handover.deal_id.sudo()._unlocked().area_adjust_state = "pending"
        handover.invalidate_recordset(["check_html", "checks_passed"])
        self.assertFalse(handover.checks_passed)
        self.assertIn("area adjustment", handover.check_html)
        self.assertIn("text-danger", handover.check_html)

    # ------------------------------------------------------------ attackers
    def test_a_consultant_cannot_hand_over(self):
        handover = self.ready()
        as_consultant = handover.with_user(self.consultant)
        self.assertEqual(as_consultant.state, "inspected", "consultants read it")
        with self.assertRaises(AccessError):
            as_consultant.action_hand_over()
        with self.assertRaises(AccessError):
            as_consultant.action_send_notice()
        with self.assertRaises(AccessError):
            as_consultant.write({"key_count": 2})
        with self.assertRaises(AccessError):
            handover.defect_ids.with_user(self.consultant).action_close()
        self.assertEqual(handover.room_id.state, "contracted")

    def test_protected_fields(self):
        handover = self.ready(defects=("厨房",))
        for record, values in (
            (handover, {"state": "done"}),
            (handover, {"date_handed_over": "2030-01-01"}),
            (handover, {"notice_date": "2020-01-01"}),
            (handover.defect_ids, {"state": "closed"}),
        ):
            with self.subTest(values=values):
                self.assertRefused(
                    "ERR_INVALID_INPUT", record.with_user(self.aftersales).write, values
                )
        self.assertRefused(
            "ERR_INVALID_INPUT",
            handover.with_user(self.aftersales).write,
            {"deal_id": self.contract(self.room_b).id},
        )

    # ------------------------------------------------------------ the PDFs
    def render(self, xmlid, handover):
        html, _fmt = self.env["ir.actions.report"]._render_qweb_html(
            xmlid, handover.ids
        )
        return html.decode()

    def test_the_notice_pdf(self):
        due_soon = self.create_cash_method("Cash 7 (test)", "CASH-7", **CASH_IN_7_DAYS)
        handover = self.handover(self.contract(method=due_soon))
        text = self.render("realty_aftersales.action_report_handover_notice", handover)
        self.assertIn("交房通知书", text)
        self.assertIn(self.buyer_c.name, text)
        self.assertIn(handover.room_id.code, text)
        self.assertIn("身份证", text, "what to bring")
        self.assertIn("1,411,808.00", text, "the balance still due")
        self.assertIn("壹佰肆拾壹万壹仟捌佰零捌元整", text)

    def test_the_record_pdf(self):
        handover = self.ready(defects=("主卧窗台",))
        handover.write({"meter_water": 12.5, "key_count": 3})
        handover.defect_ids.with_user(self.aftersales).action_close()
        handover.action_hand_over()
        text = self.render("realty_aftersales.action_report_handover_record", handover)
        self.assertIn("房屋交接书", text)
        self.assertIn("主卧窗台", text)
        self.assertIn("已整改", text)
        self.assertIn("12.50", text)
        self.assertIn("89.57", text)
