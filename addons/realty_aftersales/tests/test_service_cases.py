"""Service types and cases (售后服务): the shipped configuration, the cases the
flow opens, the checklist, the deadlines and reminders, the loans' approval."""

from datetime import date, datetime

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from .services_common import ServicesCase


@tagged("post_install", "-at_install")
class TestServiceTypes(ServicesCase):
    def test_the_five_services_are_configured(self):
        Type = self.env["realty.service.type"]
        self.assertEqual(
            set(Type.search([]).mapped("code")),
            {"registration", "mortgage", "provident", "handover", "certificate"},
        )
        stages = self.mortgage.stage_ids
        self.assertEqual(
            stages.mapped("name"),
            [
                "Collecting Documents",
                "Bank Interview",
                "Bank Approval",
                "Mortgage Registration",
                "Disbursed",
                "Done",
            ],
        )
        self.assertEqual(
            stages.mapped("loan_approved"), [False, False, True, True, True, True]
        )
        self.assertEqual(stages.filtered("is_done"), stages[-1])
        self.assertTrue(stages[-1].fold)
        self.assertFalse(stages[0].document_ids, "a case opens in the first stage")
        self.assertIn("Loan Approval Letter", stages[2].document_ids.mapped("name"))
        self.assertEqual(stages[:-1].mapped("deadline_days"), [7, 7, 20, 15, 10])
        self.assertTrue(all(stages[:-1].mapped("activity_type_id")))
        for service_type in Type.search([]):
            with self.subTest(service=service_type.code):
                self.assertGreaterEqual(len(service_type.stage_ids), 3)
                self.assertEqual(len(service_type.stage_ids.filtered("is_done")), 1)
                self.assertTrue(service_type.stage_ids.document_ids)
        self.assertEqual(
            (self.mortgage.trigger, self.mortgage.loan_kind), ("contract", "commercial")
        )
        self.assertEqual(self.provident.loan_kind, "provident")
        self.assertEqual(self.certificate.trigger, "handover")

    def test_a_projects_own_type_replaces_the_shared_one(self):
        own = self.mortgage.copy(
            {"name": "Mortgage (TG)", "project_ids": [Command.set(self.project.ids)]}
        )
        Type = self.env["realty.service.type"]
        found = Type._for_projects(self.project | self.elsewhere, "mortgage")
        self.assertEqual(found[self.project.id], own)
        self.assertEqual(found[self.elsewhere.id], self.mortgage)
        self.assertEqual(len(own.stage_ids), len(self.mortgage.stage_ids))
        deal = self.sign(payment_method_id=self.commercial.id)
        self.assertEqual(deal.service_case_ids.type_id, self.registration | own)

    def test_managers_configure_officers_and_consultants_read(self):
        name = self.mortgage.with_user(self.consultant).name
        self.assertTrue(name)
        self.mortgage.stage_ids[1].with_user(self.manager).deadline_days = 5
        self.assertEqual(self.mortgage.stage_ids[1].deadline_days, 5)
        for user in (self.consultant, self.officer):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.mortgage.stage_ids[1].with_user(user).deadline_days = 9


@tagged("post_install", "-at_install")
class TestCasesOpened(ServicesCase):
    def test_signing_opens_registration_and_the_loans_cases(self):
        cash = self.sign()
        self.assertEqual(cash.service_case_ids.type_id, self.registration)
        commercial = self.sign(room=self.room_b, payment_method_id=self.commercial.id)
        self.assertGreater(commercial.loan_commercial, 0)
        self.assertEqual(
            commercial.service_case_ids.type_id, self.registration | self.mortgage
        )
        combined = self.sign(
            room=self.rooms[2],
            buyer=self.buyer_d,
            payment_method_id=self.combined.id,
            pf_account_balance=40000,
        )
        self.assertGreater(combined.loan_provident, 0)
        self.assertGreater(combined.loan_commercial, 0)
        self.assertEqual(
            combined.service_case_ids.type_id,
            self.registration | self.mortgage | self.provident,
        )
        case = self.case_of(combined, self.mortgage)
        self.assertEqual(case.stage_id, self.mortgage.stage_ids[0])
        self.assertEqual(case.user_id, self.officer, "the project's officer")
        self.assertEqual(
            len(case.document_ids), len(self.mortgage.stage_ids.document_ids)
        )
        self.assertEqual(combined.service_case_count, 3)
        action = combined.action_view_service_cases()
        self.assertEqual(self.Case.search(action["domain"]), combined.service_case_ids)

    def test_a_reservation_opens_nothing(self):
        deal = self.deal()
        deal.action_reserve()
        self.assertFalse(deal.service_case_ids)

    def test_open_for_is_idempotent(self):
        deals = self.sign() | self.sign(room=self.room_b, buyer=self.buyer_d)
        first = self.Case._open_for(deals, "handover")
        self.assertEqual(len(first), 2)
        self.assertFalse(self.Case._open_for(deals, "handover"))
        self.assertFalse(self.Case._open_for(deals, "no_such_service"))
        # a finished case leaves room for a new one
        case = first[0]
        for stage in self.handover.stage_ids[1:]:
            self.receive(case, stage)
        case.with_user(self.officer).stage_id = self.handover.stage_ids[-1]
        self.assertTrue(case.is_done)
        again = self.Case._open_for(deals, "handover")
        self.assertEqual(again.deal_id, case.deal_id)

    def test_handover_opens_the_certificate_case(self):
        deal = self.sign()
        deal._on_handed_over()
        deal._on_handed_over()
        self.assertEqual(
            deal.service_case_ids.type_id, self.registration | self.certificate
        )

    def test_opening_for_200_deals_is_a_bounded_number_of_queries(self):
        """_open_for in batch: the cases, their checklists, histories and
        reminders are one create each, whatever the number of deals; from 20 to
        200 deals only Odoo's INSERTs of 100 rows at a time are added (one more
        of the cases, the histories, the reminders and their followers, 12 more
        of the 1,400 checklist lines, one more UPDATE of the reminders)."""
        building = self.create_building("Q")
        rooms = self.generate(building, floors=(1, 20), positions=(1, 12))
        self.set_list_price(rooms)
        deals = self.env["realty.deal"].create(
            [
                {
                    "room_id": room.id,
                    "partner_id": self.buyer_c.id,
                    "payment_method_id": self.cash.id,
                }
                for room in rooms
            ]
        )
        # the flow's deals, active (their signing is tested above)
        deals._unlocked().write({"status": "active", "stage": "contract"})
        self.env.flush_all()
        self.Case._open_for(deals[:2], "certificate")  # warm the caches
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(31):
            small = self.Case._open_for(deals[2:22], "certificate")
            self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(48):
            large = self.Case._open_for(deals[22:222], "certificate")
            self.env.flush_all()
        self.assertEqual((len(small), len(large)), (20, 200))
        self.assertEqual(
            len(large.document_ids), 200 * len(self.certificate.stage_ids.document_ids)
        )
        self.assertEqual(len(large.stage_log_ids), 200)
        self.assertEqual(len(large.activity_ids), 200)


@tagged("post_install", "-at_install")
class TestCaseStages(ServicesCase):
    def setUp(self):
        super().setUp()
        self.deal_ = self.sign(payment_method_id=self.commercial.id)
        self.case = self.case_of(self.deal_, self.mortgage).with_user(self.officer)
        self.stages = self.mortgage.stage_ids

    def test_a_stage_waits_for_its_documents(self):
        error = self.assertRefused(
            "ERR_STATE_TRANSITION", self.case.write, {"stage_id": self.stages[1].id}
        )
        self.assertIn("Income Certificate", str(error))
        self.assertEqual(self.case.stage_id, self.stages[0])
        self.receive(self.case, self.stages[1])
        self.case.stage_id = self.stages[1]
        # skipping a stage needs the skipped stage's documents too
        error = self.assertRefused(
            "ERR_STATE_TRANSITION", self.case.write, {"stage_id": self.stages[3].id}
        )
        self.assertIn("Loan Approval Letter", str(error))
        self.assertRefused(
            "ERR_INVALID_INPUT",
            self.case.write,
            {"stage_id": self.provident.stage_ids[0].id},
        )
        self.assertRefused("ERR_STATE_TRANSITION", self.case.action_next_stage)
        line = self.case.document_ids.filtered(lambda x: x.stage_id == self.stages[2])
        line.write({"file": "aGVsbG8=", "file_name": "approval.pdf"})
        self.assertTrue(line.received, "a file is a received document")
        self.assertTrue(line.date_received)
        self.case.action_next_stage()
        self.assertEqual(self.case.stage_id, self.stages[2])
        self.assertEqual(self.case.stage_log_ids.mapped("stage_id"), self.stages[:3])
        self.assertEqual(
            len(self.case.stage_log_ids.filtered(lambda x: not x.date_out)), 1
        )

    def test_a_consultant_cannot_move_a_case(self):
        self.receive(self.case, self.stages[1])
        for user in (self.consultant, self.manager):
            with self.subTest(user=user.login):
                case = self.case.with_user(user)
                self.assertEqual(case.stage_id, self.stages[0], "they read it")
                with self.assertRaises(AccessError):
                    case.stage_id = self.stages[1]

    def test_each_stage_reminds_its_responsible(self):
        activity = self.case.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.officer)
        self.assertEqual(activity.summary, "Collect the loan documents")
        self.assertEqual(activity.date_deadline, self.case.date_deadline)
        self.receive(self.case, self.stages[1])
        self.case.action_next_stage()
        activity = self.case.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.summary, "Book the bank interview (面签)")
        done = self.env["mail.message"].search(
            [
                ("model", "=", "realty.service.case"),
                ("res_id", "=", self.case.id),
                ("mail_activity_type_id", "!=", False),
            ]
        )
        self.assertTrue(done, "the first reminder is done, in the chatter")
        for stage in self.stages[2:]:
            self.receive(self.case, stage)
        self.case.stage_id = self.stages[-1]
        self.assertFalse(self.case.activity_ids, "a done case reminds nobody")
        self.assertTrue(self.case.date_done)
        self.assertFalse(self.case.date_deadline)

    def test_overdue_from_the_day_the_stage_was_entered(self):
        stages = self.handover.stage_ids
        with freeze_time("2025-03-01 10:00:00"):
            case = self.Case._open_for(self.deal_, "handover")
            self.assertEqual(case.date_deadline, date(2025, 3, 11))
            self.assertEqual(case.activity_ids.date_deadline, date(2025, 3, 11))
        with freeze_time("2025-03-11 12:00:00"):
            case.invalidate_recordset(["is_overdue"])
            self.assertFalse(case.is_overdue)
            self.assertNotIn(case, self.Case.search([("is_overdue", "=", True)]))
        with freeze_time("2025-03-12 09:00:00"):
            case.invalidate_recordset(["is_overdue"])
            self.assertTrue(case.is_overdue)
            self.assertIn(case, self.Case.search([("is_overdue", "=", True)]))
            self.assertNotIn(case, self.Case.search([("is_overdue", "=", False)]))
            self.receive(case, stages[1])
            case.with_user(self.officer).action_next_stage()
            self.assertEqual(case.date_stage, datetime(2025, 3, 12, 9, 0))
            self.assertEqual(case.date_deadline, date(2025, 3, 19))
            case.invalidate_recordset(["is_overdue"])
            self.assertFalse(case.is_overdue, "a new stage, a new deadline")
            self.assertIn(case, self.Case.search([("is_overdue", "=", False)]))


@tagged("post_install", "-at_install")
class TestLoansApproved(ServicesCase):
    def test_loans_not_approved_until_their_cases_are(self):
        cash = self.sign()
        combined = self.sign(
            room=self.room_b,
            buyer=self.buyer_d,
            payment_method_id=self.combined.id,
            pf_account_balance=40000,
        )
        deals = cash | combined
        self.assertEqual(deals._loans_not_approved(), combined)
        for service_type in (self.mortgage, self.provident):
            case = self.case_of(combined, service_type).with_user(self.officer)
            approved = service_type.stage_ids.filtered("loan_approved")[0]
            self.receive(case, approved)
            case.stage_id = approved
            if service_type == self.mortgage:
                self.assertEqual(
                    deals._loans_not_approved(), combined, "the provident loan"
                )
        self.assertFalse(deals._loans_not_approved())

    def test_a_loan_without_its_case_is_not_approved(self):
        deal = self.sign(payment_method_id=self.commercial.id)
        self.case_of(deal, self.mortgage).sudo().unlink()
        self.assertEqual(deal._loans_not_approved(), deal)
