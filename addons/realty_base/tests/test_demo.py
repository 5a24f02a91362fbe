"""The demo developer: a Chinese company of its own, whose users work on its project
through the multi-company record rules. `make test` installs the demo data; these
tests skip in a database installed without it."""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from odoo.addons.realty_base.tools import validate_uscc


@tagged("post_install", "-at_install")
class TestDemoDeveloper(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.developer = cls.env.ref(
            "realty_base.res_company_developer_demo", raise_if_not_found=False
        )
        if cls.developer:
            cls.project = cls.env.ref("realty_base.realty_project_demo")
            cls.manager = cls.env.ref("realty_base.user_manager_demo")
            cls.consultant = cls.env.ref("realty_base.user_consultant_demo")

    def setUp(self):
        super().setUp()
        if not self.developer:
            self.skipTest("installed without demo data")

    def test_a_chinese_developer_of_its_own(self):
        developer = self.developer
        self.assertNotEqual(developer, self.env.ref("base.main_company"))
        self.assertEqual(developer.name, "杭州湖畔置业有限公司")
        self.assertEqual(developer.currency_id, self.env.ref("base.CNY"))
        self.assertEqual(developer.country_id, self.env.ref("base.cn"))
        self.assertEqual(developer.state_id, self.env.ref("base.state_cn_ZJ"))
        self.assertEqual(developer.city, "杭州市")
        self.assertTrue(developer.street)
        self.assertTrue(developer.phone.startswith("+86 571 "), "a Hangzhou number")
        self.assertEqual(
            validate_uscc(developer.company_registry),
            developer.company_registry,
            "a unified social credit code with a valid check character",
        )
        self.assertTrue(developer.realty_qualification_no)
        self.assertTrue(developer.realty_legal_representative)
        self.assertTrue(developer.logo)
        self.assertFalse(developer.uses_default_logo)

    def test_the_project_and_its_users_are_the_developers(self):
        self.assertEqual(self.project.company_id, self.developer)
        self.assertEqual(self.project.currency_id, self.env.ref("base.CNY"))
        for user in self.manager | self.consultant:
            self.assertEqual(user.company_id, self.developer)
            self.assertEqual(user.company_ids, self.developer)
        self.assertIn(self.developer, self.env.ref("base.user_admin").company_ids)

    def test_demo_users_see_their_project_only(self):
        """The record rules: the demo users read the demo project's rooms, and not
        those of a project of another company, even as one of its members."""
        rooms = self.env["realty.room"].search([("project_id", "=", self.project.id)])
        self.assertTrue(rooms)
        for user in self.manager | self.consultant:
            Room = self.env["realty.room"].with_user(user)
            self.assertEqual(Room.search([("project_id", "=", self.project.id)]), rooms)
        other = self.env["realty.project"].create(
            {
                "name": "Elsewhere",
                "code": "ELSE",
                "company_id": self.env.ref("base.main_company").id,
                "user_ids": [Command.set(self.manager.ids)],
            }
        )
        projects = self.env["realty.project"].with_user(self.manager).search([])
        self.assertIn(self.project, projects)
        self.assertNotIn(other, projects)
        with self.assertRaises(AccessError):
            other.with_user(self.manager).read(["name"])
