"""Data scope: a user sees and changes only the projects they are a member of;
realty administrators see all; companies are respected (ORM and JSON-RPC)."""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import JsonRpcMixin, RealtyCase


class ScopeFixture:
    """Project A (the consultant's and the manager's) and project B (nobody's)."""

    @classmethod
    def create_scope(cls):
        cls.project_b = cls.env["realty.project"].create(
            {"name": "Other Garden", "code": "OG", "user_ids": [Command.clear()]}
        )
        cls.building_a = cls.create_building(code="A")
        cls.building_b = cls.create_building(code="B", project=cls.project_b)
        cls.rooms_a = cls.generate(cls.building_a, floors=(1, 2))
        cls.rooms_b = cls.generate(cls.building_b, floors=(1, 2))
        cls.permit_b = cls.create_permit(cls.building_b, project=cls.project_b)


@tagged("post_install", "-at_install")
class TestAccess(ScopeFixture, RealtyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.create_scope()

    def test_consultant_reads_only_member_projects(self):
        Room = self.env["realty.room"].with_user(self.consultant)
        visible = Room.search(
            [("code", "in", (self.rooms_a | self.rooms_b).mapped("code"))]
        )
        self.assertEqual(visible, self.rooms_a.with_user(self.consultant))
        projects = self.env["realty.project"].with_user(self.consultant).search([])
        self.assertIn(self.project, projects)
        self.assertNotIn(self.project_b, projects)
        with self.assertRaises(AccessError):
            self.rooms_b.with_user(self.consultant).read(["code", "state"])
        for model, record in (
            ("realty.building", self.building_b),
            ("realty.permit", self.permit_b),
            ("realty.floor", self.building_b.floor_ids[:1]),
            ("realty.stair", self.building_b.stair_ids[:1]),
        ):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].browse(record.id).with_user(self.consultant).read(
                    ["id"]
                )

    def test_nobody_but_admins_writes_inventory(self):
        for user in (self.consultant, self.manager):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.rooms_a.with_user(user).write({"area_usable": 60})
                with self.assertRaises(AccessError):
                    self.rooms_b.with_user(user).write({"area_usable": 60})

    def test_manager_cannot_release_another_projects_rooms(self):
        self.set_list_price(self.rooms_b)
        with self.assertRaises(AccessError):
            self.rooms_b.with_user(self.manager).action_release()
        self.assertEqual(set(self.rooms_b.mapped("state")), {"unreleased"})

    def test_admin_sees_every_project(self):
        Room = self.env["realty.room"].with_user(self.realty_admin)
        codes = (self.rooms_a | self.rooms_b).mapped("code")
        self.assertEqual(len(Room.search([("code", "in", codes)])), 4)
        self.rooms_b.with_user(self.realty_admin).write({"area_usable": 60})
        self.assertEqual(set(self.rooms_b.mapped("area_usable")), {60})

    def test_membership_grants_access(self):
        Room = self.env["realty.room"].with_user(self.consultant)
        codes = self.rooms_b.mapped("code")
        self.assertFalse(Room.search([("code", "in", codes)]))
        self.project_b.user_ids = [Command.link(self.consultant.id)]
        self.assertEqual(Room.search([("code", "in", codes)]), self.rooms_b)
        self.assertEqual(
            sorted(
                r["code"]
                for r in self.rooms_b.with_user(self.consultant).read(["code"])
            ),
            sorted(codes),
        )

    def test_other_company_projects_are_hidden(self):
        company_2 = self.env["res.company"].create({"name": "Other Developer"})
        project_c = self.env["realty.project"].create(
            {
                "name": "C",
                "code": "C",
                "company_id": company_2.id,
                "user_ids": [Command.link(self.realty_admin.id)],
            }
        )
        admin = self.realty_admin
        self.assertNotIn(
            project_c, self.env["realty.project"].with_user(admin).search([])
        )
        admin.company_ids = [Command.link(company_2.id)]
        projects = (
            self.env["realty.project"]
            .with_user(admin)
            .with_context(allowed_company_ids=[admin.company_id.id, company_2.id])
            .search([])
        )
        self.assertIn(project_c, projects)


@tagged("post_install", "-at_install")
class TestAccessJsonRpc(JsonRpcMixin, ScopeFixture, RealtyCase, HttpCase):
    """The same scope through the running server, as the web client calls it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.create_scope()
        cls.consultant_http = new_test_user(
            cls.env, "scope_consultant", groups="realty_base.group_realty_consultant"
        )
        cls.project.user_ids = [Command.link(cls.consultant_http.id)]

    def test_json_rpc_read_and_write_of_another_project(self):
        self.authenticate("scope_consultant", "scope_consultant")
        own = self.call_kw("realty.room", "read", [self.rooms_a.ids, ["code"]])
        self.assertEqual(
            sorted(r["code"] for r in own["result"]),
            sorted(self.rooms_a.mapped("code")),
        )
        for method, args in (
            ("read", [self.rooms_b.ids, ["code"]]),
            ("write", [self.rooms_b.ids, {"area_usable": 1}]),
            ("action_release", [self.rooms_b.ids]),
        ):
            with self.subTest(method=method):
                answer = self.call_kw("realty.room", method, args)
                self.assertNotIn("result", answer)
                self.assertEqual(
                    answer["error"]["data"]["name"], "odoo.exceptions.AccessError"
                )
        found = self.call_kw(
            "realty.room", "search_read", [[("id", "in", self.rooms_b.ids)], ["code"]]
        )
        self.assertEqual(found["result"], [])
        self.assertEqual(self.rooms_b[0].area_usable, 0)
