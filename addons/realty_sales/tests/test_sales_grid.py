"""The sales-control grid's server method, the site plan and the buyers' self-service
page: bounded queries, the user's projects only, and nothing private on the public
page (asserted on the raw HTTP response)."""

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import SalesCase

GRID_QUERIES = 13
"""Queries of get_sales_grid for a consultant, whatever the number of rooms: the
access check and the building, the rooms with their buyers (one statement), the
stairs, the layouts, the hold reasons, the project, its buildings and the company's
currency (with their record rules)."""


@tagged("post_install", "-at_install")
class TestSalesGrid(SalesCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.layout = cls.env["realty.layout"].create(
            {"name": "A1", "project_id": cls.project.id}
        )
        cls.rooms[:2].layout_id = cls.layout
        # 陈立 takes a deposit on room 1; the grid shows 陈, never her name
        cls.deal_c = cls.deal(cls, deposit_amount=50000)
        cls.deal_c.register_payment("deposit", 50000)
        cls.deal_c.action_deposit()
        cls.rooms[2].action_hold(cls.hold_reason, note="内部保留：领导关系户")

    def grid(self, building=None, user=None):
        return (
            self.env["realty.building"]
            .with_user(user or self.consultant)
            .get_sales_grid((building or self.building).id)
        )

    def test_grid_of_a_building(self):
        grid = self.grid()
        self.assertEqual(grid["building"]["id"], self.building.id)
        self.assertEqual(len(grid["cells"]), len(self.rooms))
        cells = {cell["code"]: cell for cell in grid["cells"]}
        sold = cells[self.room.code]
        self.assertEqual(sold["state"], "deposit")
        self.assertEqual(sold["initials"], "陈")
        self.assertEqual(sold["layout"], "A1")
        self.assertEqual(sold["total"], 1411808)
        self.assertEqual(
            cells[self.rooms[2].code]["hold_reason"], self.hold_reason.name
        )
        self.assertFalse(cells[self.rooms[3].code]["initials"])
        self.assertEqual(
            [floor["label"] for floor in grid["floors"]], ["13", "12", "11"]
        )
        self.assertEqual(grid["stairs"][0]["positions"], [1, 2])
        legend = {state["key"]: state for state in grid["states"]}
        self.assertEqual(legend["deposit"]["count"], 1)
        self.assertEqual(legend["held"]["count"], 1)
        self.assertEqual(legend["available"]["count"], len(self.rooms) - 2)
        self.assertEqual(legend["available"]["amount"], 1411808 * (len(self.rooms) - 2))
        self.assertIn("reservation", grid["actions"]["available"])
        self.assertNotIn("hold", grid["actions"]["available"], "consultants do not")
        self.assertNotIn("held", grid["actions"])
        manager_actions = self.grid(user=self.manager)["actions"]
        self.assertIn("hold", manager_actions["available"])
        self.assertEqual(manager_actions["held"], ["reservation", "unhold"])

    def test_grid_queries_do_not_grow_with_rooms(self):
        """A 1,000-room building costs the same queries as a 12-room one."""
        big = self.create_building("BIG", floors_above=25)
        rooms = self.generate(big, floors=(1, 25), positions=(1, 10), stairs="1234")
        self.assertEqual(len(rooms), 1000)
        self.set_list_price(rooms)
        rooms.layout_id = self.layout
        self.create_permit(big)
        rooms.with_user(self.manager).action_release()
        rooms[-1].with_user(self.manager).action_hold(self.hold_reason)
        self.deal(rooms[0], deposit_amount=50000).action_reserve()
        self.env.flush_all()
        for building in (self.building, big):
            with self.subTest(rooms=len(building.room_ids)):
                self.env.invalidate_all()
                self.env.registry.clear_cache()
                self.grid(building)  # warm the ormcaches (access rules, groups)
                self.env.invalidate_all()
                with self.assertQueryCount(GRID_QUERIES):
                    grid = self.grid(building)
                self.assertEqual(len(grid["cells"]), len(building.room_ids))

    def test_a_consultant_sees_the_grids_of_their_projects_only(self):
        other = self.env["realty.project"].create({"name": "Other", "code": "OT"})
        building = self.create_building("O1", project=other)
        self.generate(building, floors=(1, 2), positions=(1, 2))
        with self.assertRaises(AccessError):
            self.grid(building)
        with self.assertRaises(AccessError):
            self.env["realty.project"].with_user(self.consultant).get_site_plan(
                other.id
            )
        self.assertTrue(self.grid(building, user=self.env.ref("base.user_admin")))

    def test_grid_channel_only_for_members(self):
        """A grid listens to its project's bus channel; ir.websocket hands the
        project's record channel only to users who may read the project."""
        other = self.env["realty.project"].create({"name": "Other", "code": "OT"})
        Websocket = self.env["ir.websocket"]
        asked = [
            f"realty_sales_grid_{self.project.id}",
            f"realty_sales_grid_{other.id}",
            "realty_sales_grid_x",
            "some_other_channel",
        ]
        projects, others = Websocket.with_user(self.consultant)._realty_grid_channels(
            asked
        )
        self.assertEqual(projects, self.project)
        self.assertEqual(others, ["some_other_channel"])
        portal = new_test_user(self.env, "realty_portal", groups="base.group_portal")
        projects, _others = Websocket.with_user(portal)._realty_grid_channels(asked)
        self.assertFalse(projects)

    def test_a_move_notifies_the_project_channel(self):
        self.env.cr.precommit.clear()
        self.room_b.with_user(self.manager).action_hold(self.hold_reason)
        sent = self.env.cr.precommit.data.get("bus.bus.values", [])
        self.assertEqual(len(sent), 1)
        self.assertIn(f'"realty.project",{self.project.id}', sent[0]["channel"])
        self.assertIn("realty_sales/rooms_moved", sent[0]["message"])
        self.assertIn(str(self.room_b.id), sent[0]["message"])

    def test_site_plan(self):
        self.building.write({"plan_x": 30, "plan_y": 40})  # not flushed: it must
        plan = (
            self.env["realty.project"]
            .with_user(self.consultant)
            .get_site_plan(self.project.id)
        )
        hotspot = next(b for b in plan["buildings"] if b["id"] == self.building.id)
        self.assertEqual((hotspot["plan_x"], hotspot["plan_y"]), (30, 40))
        self.assertEqual(hotspot["released"], len(self.rooms))
        self.assertEqual(hotspot["sold"], 1)  # the deposit; held is not sold
        self.assertAlmostEqual(hotspot["sold_ratio"], 1 / len(self.rooms))

    # ------------------------------------------------ buyers' self-service page
    def page(self, building=None):
        url = f"/realty/availability/{self.project.id}"
        if building:
            url += f"/{building.id}"
        return self.url_open(url, allow_redirects=False)

    def test_self_service_is_off_by_default(self):
        self.assertEqual(self.project.self_service, "off")
        self.assertEqual(self.page().status_code, 404)

    def test_public_page_leaks_nothing(self):
        self.project.self_service = "public"
        self.partner_private = self.buyer_c  # her ID number must not show either
        response = self.page(self.building)
        self.assertEqual(response.status_code, 200)
        html = response.text
        self.assertIn(self.room.code, html)
        self.assertIn('data-state="deposit"', html)
        for secret in (
            self.buyer_c.name,
            self.buyer_c.realty_id_number,
            "内部保留",  # the hold note
            self.hold_reason.name,
            "1,411,808",  # list prices are not published
            "1411808",
            "15,762",
            self.deal_c.name,
            self.consultant.name,
        ):
            with self.subTest(secret=secret):
                self.assertNotIn(secret, html)
        self.assertNotIn("陈</", html, "no initials either")
        self.project.self_service_show_price = True
        self.assertIn("1,411,808", self.page(self.building).text)

    def test_portal_page_needs_a_login(self):
        self.project.self_service = "portal"
        response = self.page()
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])
        new_test_user(self.env, "realty_buyer", groups="base.group_portal")
        self.authenticate("realty_buyer", "realty_buyer")
        response = self.page()
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.room.code, response.text)
        self.assertNotIn(self.buyer_c.name, response.text)

    def test_unreleased_rooms_are_not_shown(self):
        self.project.self_service = "public"
        building = self.create_building("U1")
        rooms = self.generate(building, floors=(1, 1), positions=(1, 2))
        html = self.page(building).text
        self.assertNotIn(rooms[0].code, html)
