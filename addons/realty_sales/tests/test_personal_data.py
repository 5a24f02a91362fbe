"""Personal data of buyers (architecture.md): ID numbers, mobiles and addresses are
for the realty users of a project the buyer is in. Each test is a way in that a
consultant of another project, or an employee outside the sales office, tried."""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import SalesCase, resident_id


@tagged("post_install", "-at_install")
class TestPersonalData(SalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project_b = cls.env["realty.project"].create(
            {"name": "Other Garden", "code": "OG"}
        )
        cls.consultant_b = new_test_user(
            cls.env,
            "realty_consultant_b",
            groups="realty_base.group_realty_consultant",
        )
        cls.project_b.user_ids = [Command.link(cls.consultant_b.id)]
        cls.employee = new_test_user(
            cls.env, "plain_employee", groups="base.group_user"
        )
        # project B's buyer, entered in B's buyers' screens
        cls.buyer_b = (
            cls.env["res.partner"]
            .with_user(cls.consultant_b)
            .with_context(realty_buyer=True)
            .create(
                {
                    "name": "冯洁",
                    "mobile": "13900139000",
                    "street": "西湖区文三路 1 号",
                    "realty_id_type": "resident",
                    "realty_id_number": resident_id("19851120", "456"),
                }
            )
        )
        cls.visit_b = (
            cls.env["realty.visit"]
            .with_user(cls.consultant_b)
            .create({"project_id": cls.project_b.id, "partner_id": cls.buyer_b.id})
        )
        # project A's own buyer, with a deal in A
        cls.deal_a = cls.deal(cls, buyer=cls.buyer_c)

    def test_buyers_are_flagged(self):
        self.assertTrue(self.buyer_b.realty_is_buyer)
        self.assertTrue(self.buyer_c.realty_is_buyer)

    def test_another_projects_buyer_is_not_found_by_id_number(self):
        Partner = self.env["res.partner"].with_user(self.consultant)
        number = self.buyer_b.sudo().realty_id_number
        self.assertFalse(Partner.search([("realty_id_number", "=", number)]))
        self.assertFalse(Partner.search([("mobile", "=", self.buyer_b.mobile)]))
        self.assertFalse(Partner.name_search("冯洁"))
        # B's own consultant finds them
        self.assertEqual(
            Partner.with_user(self.consultant_b).search(
                [("realty_id_number", "=", number)]
            ),
            self.buyer_b,
        )

    def test_another_projects_buyer_is_not_read_edited_or_deleted(self):
        buyer = self.buyer_b.with_user(self.consultant)
        with self.assertRaises(AccessError):
            buyer.read(["realty_id_number", "mobile", "street"])
        with self.assertRaises(AccessError):
            buyer.write({"name": "改名"})
        with self.assertRaises(AccessError):
            buyer.unlink()
        self.assertEqual(self.buyer_b.name, "冯洁")
        self.assertEqual(self.visit_b.partner_id, self.buyer_b)

    def test_own_projects_buyer_is_read(self):
        data = self.buyer_c.with_user(self.consultant).read(["realty_id_number"])
        self.assertEqual(data[0]["realty_id_number"], "11010519491231002X")

    def test_an_employee_outside_the_sales_office_reads_no_id_number(self):
        Partner = self.env["res.partner"].with_user(self.employee)
        self.assertFalse(
            Partner.search([("id", "in", (self.buyer_b | self.buyer_c).ids)])
        )
        with self.assertRaises(AccessError):
            self.buyer_c.with_user(self.employee).read(["name"])
        colleague = self.consultant.partner_id.with_user(self.employee)
        self.assertTrue(colleague.read(["name"]), "non-buyers are untouched")
        with self.assertRaises(AccessError):
            colleague.read(["realty_id_number"])

    def test_the_buyer_flag_is_the_servers(self):
        for partner, value in (
            (self.buyer_c, False),
            (self.consultant.partner_id, True),
        ):
            with self.assertRaises(Exception) as caught:
                partner.with_user(self.consultant).write({"realty_is_buyer": value})
            self.assertIn("ERR_INVALID_INPUT", str(caught.exception))
        self.assertTrue(self.buyer_c.realty_is_buyer)
        self.assertFalse(self.consultant.partner_id.realty_is_buyer)

    def test_a_contact_a_visit_names_is_not_deleted(self):
        for user in (self.consultant_b, self.realty_admin):
            with self.assertRaises(Exception) as caught:
                self.buyer_b.with_user(user).unlink()
            self.assertIn("ERR_INVALID_INPUT", str(caught.exception))
        self.assertTrue(self.buyer_b.exists())
        self.assertEqual(self.visit_b.partner_id, self.buyer_b)
        # a contact nothing of the sales office uses is deleted as before
        stray = self.env["res.partner"].create({"name": "Stray"})
        stray.unlink()
        self.assertFalse(stray.exists())
