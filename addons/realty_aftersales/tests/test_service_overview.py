"""The after-sales overview (服务概况) counts what the cases say, and the record
rules keep each project's cases to its own people."""

from datetime import datetime, timedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .services_common import ServicesCase

D0 = datetime(2025, 5, 1, 9, 0)


@tagged("post_install", "-at_install")
class TestServiceOverview(ServicesCase):
    def setUp(self):
        super().setUp()
        deals = [
            self.sign(room=room, payment_method_id=self.commercial.id)
            for room in self.rooms[:3]
        ]
        self.a, self.b, self.c = (
            self.case_of(deal, self.mortgage).with_user(self.officer) for deal in deals
        )
        self.stages = self.mortgage.stage_ids
        self.receive(self.a, self.stages[1])
        self.a.action_next_stage()
        self.receive(self.b, self.stages[2])
        self.b.action_next_stage()
        self.b.action_next_stage()
        # the stays, dated: A 2 days collecting, B 4 days collecting and 6 at the
        # interview; C collecting since D0, 30 days ago, overdue
        self.date(
            self.a, [(D0, D0 + timedelta(days=2)), (D0 + timedelta(days=2), None)]
        )
        self.date(
            self.b,
            [
                (D0, D0 + timedelta(days=4)),
                (D0 + timedelta(days=4), D0 + timedelta(days=10)),
                (D0 + timedelta(days=10), None),
            ],
        )
        self.date(self.c, [(D0, None)])
        self.c.sudo()._unlocked().date_stage = datetime.now() - timedelta(days=30)

    @staticmethod
    def date(case, stays):
        logs = case.sudo().stage_log_ids.sorted("id")
        for log, (date_in, date_out) in zip(logs, stays, strict=True):
            log._unlocked().write({"date_in": date_in, "date_out": date_out})

    def overview(self, user, domain=()):
        self.env.flush_all()
        rows = (
            self.env["realty.service.report"]
            .with_user(user)
            ._read_group(
                [("type_id", "=", self.mortgage.id), *domain],
                ["stage_id"],
                ["case_count:sum", "overdue_count:sum", "days:avg"],
            )
        )
        return {stage: (count, overdue, days) for stage, count, overdue, days in rows}

    def test_the_overview_counts_what_the_cases_say(self):
        cases = self.a | self.b | self.c
        self.assertEqual(self.Case.search([("is_overdue", "=", True)]) & cases, self.c)
        now = self.overview(self.officer, [("is_current", "=", True)])
        by_hand = {
            stage: (
                len(cases.filtered(lambda c, s=stage: c.stage_id == s)),
                len(
                    cases.filtered(lambda c, s=stage: c.stage_id == s and c.is_overdue)
                ),
            )
            for stage in cases.stage_id
        }
        self.assertEqual({s: v[:2] for s, v in now.items()}, by_hand)
        self.assertEqual(by_hand[self.stages[0]], (1, 1))
        left = self.overview(self.officer, [("is_current", "=", False)])
        self.assertAlmostEqual(left[self.stages[0]][2], (2 + 4) / 2)
        self.assertAlmostEqual(left[self.stages[1]][2], 6)
        self.assertEqual(left[self.stages[0]][:2], (0, 0), "no case is there now")
        # per bank
        bank = self.env["res.partner"].create({"name": "某银行"})
        self.b.authority_id = bank
        self.env.flush_all()
        rows = self.env["realty.service.report"]._read_group(
            [("type_id", "=", self.mortgage.id), ("is_current", "=", True)],
            ["authority_id"],
            ["case_count:sum"],
        )
        self.assertEqual(dict(rows)[bank], 1)

    def test_another_projects_people_see_nothing(self):
        cases = self.a | self.b | self.c
        for user in (self.stranger, self.stranger_officer):
            with self.subTest(user=user.login):
                self.assertFalse(self.Case.with_user(user).search([]))
                self.assertFalse(self.overview(user))
                self.assertFalse(
                    self.env["realty.service.case.document"]
                    .with_user(user)
                    .search([("case_id", "in", cases.ids)])
                )
                with self.assertRaises(AccessError):
                    self.c.with_user(user).read(["stage_id"])
                with self.assertRaises(AccessError):
                    self.c.with_user(user).user_id = user
        # the project's consultant reads, and does not move or edit
        self.assertEqual(
            self.Case.with_user(self.consultant).search([("id", "in", cases.ids)]),
            cases,
        )
        self.assertTrue(self.overview(self.consultant))
        with self.assertRaises(AccessError):
            self.c.with_user(self.consultant).note = "<p>x</p>"
        with self.assertRaises(AccessError):
            self.c.document_ids[:1].with_user(self.consultant).received = True

    def test_a_projects_own_type_is_its_projects(self):
        own = self.mortgage.copy(
            {
                "name": "Elsewhere Mortgage",
                "project_ids": [Command.set(self.elsewhere.ids)],
            }
        )
        Type = self.env["realty.service.type"]
        self.assertIn(own, Type.with_user(self.stranger).search([]))
        self.assertNotIn(own, Type.with_user(self.consultant).search([]))
        self.assertIn(self.mortgage, Type.with_user(self.consultant).search([]))
