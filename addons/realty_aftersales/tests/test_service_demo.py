"""The demo after-sales office: open cases in every stage of every shipped
service, opened by the flow. `make test` installs the demo data; these tests skip
in a database installed without it."""

from odoo.tests import TransactionCase, tagged

SHIPPED = ("registration", "mortgage", "provident", "handover", "certificate")


@tagged("post_install", "-at_install")
class TestServiceDemo(TransactionCase):
    def setUp(self):
        super().setUp()
        self.officer = self.env.ref(
            "realty_aftersales.user_aftersales_demo", raise_if_not_found=False
        )
        if not self.officer:
            self.skipTest("installed without demo data")
        self.project = self.env.ref("realty_base.realty_project_demo")

    def test_every_stage_of_every_service_has_a_case(self):
        Case = self.env["realty.service.case"].with_user(self.officer)
        cases = Case.search([("project_id", "=", self.project.id)])
        for code in SHIPPED:
            service_type = self.env.ref(f"realty_aftersales.service_type_{code}")
            with self.subTest(service=code):
                open_stages = service_type.stage_ids.filtered(lambda s: not s.is_done)
                self.assertLessEqual(
                    open_stages, cases.filtered(lambda c: not c.is_done).stage_id
                )
        self.assertTrue(cases.filtered("is_overdue"), "some cases are late")
        self.assertTrue(
            cases.activity_ids.filtered(lambda a: a.user_id == self.officer)
        )
        signed = self.env["realty.deal"].search(
            [("project_id", "=", self.project.id), ("stage", "=", "contract")]
        )
        self.assertEqual(
            cases.deal_id.filtered(lambda d: d.stage == "contract"), signed
        )
        with_loans = signed.filtered(lambda d: d.loan_commercial > 0)
        waiting = signed._loans_not_approved()
        self.assertTrue(waiting, "cases still collecting documents")
        self.assertLess(len(waiting), len(with_loans), "loans already approved")
        overview = self.env["realty.service.report"].with_user(self.officer)
        self.assertTrue(overview.search([("is_current", "=", False), ("days", ">", 1)]))
