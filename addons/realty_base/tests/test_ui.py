from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

ROOM_CODES = ["T1-1-101", "T1-1-102", "T1-1-201", "T1-1-202", "T1-1-301", "T1-1-302"]


@tagged("post_install", "-at_install")
class TestUi(HttpCase):
    """Room generation and release through the web client, as a realty admin."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env.ref("base.user_admin")
        cls.admin.tour_enabled = False
        # The tours read English labels; the development databases run in Chinese only.
        cls.env["res.lang"]._activate_lang("en_US")
        cls.admin.lang = "en_US"
        cls.project = cls.env["realty.project"].create(
            {
                "name": "Tour Project",
                "code": "TOUR",
                "user_ids": [fields.Command.link(cls.admin.id)],
            }
        )
        # A draft permit without buildings: the tour adds building T1 and validates it.
        cls.permit = cls.env["realty.permit"].create(
            {
                "name": "TOUR-PERMIT-1",
                "project_id": cls.project.id,
                "issue_date": fields.Date.today() - relativedelta(years=1),
            }
        )

    def test_generate_and_release_rooms(self):
        self.start_tour("/odoo", "realty_base_generate_and_release", login="admin")

        building = self.env["realty.building"].search(
            [("project_id", "=", self.project.id), ("code", "=", "T1")]
        )
        self.assertEqual(building.name, "T1")
        self.assertEqual(building.floors_above, 3)
        rooms = building.room_ids
        self.assertEqual(sorted(rooms.mapped("code")), ROOM_CODES)
        self.assertEqual(set(rooms.mapped("state")), {"unreleased"})
        self.assertEqual(set(rooms.mapped("area_building_pred")), {90.0})
        self.assertEqual(set(rooms.mapped("area_inner_pred")), {72.0})
        self.assertEqual(set(rooms.mapped("area_shared_pred")), {18.0})
        self.assertEqual(self.permit.state, "valid")
        self.assertEqual(self.permit.building_ids, building)
        self.assertTrue(self.permit.is_active)

        # List prices normally come from a price plan; set them directly here.
        rooms._unlocked().write({"list_unit_price": 10000.0, "list_total": 900000.0})
        self.start_tour("/odoo", "realty_base_release_rooms", login="admin")

        self.env.invalidate_all()
        self.assertEqual(sorted(rooms.mapped("code")), ROOM_CODES)
        self.assertEqual(set(rooms.mapped("state")), {"available"})
        for room in rooms:
            self.assertEqual(len(room.state_log_ids), 1, room.code)
            log = room.state_log_ids
            self.assertEqual(
                (log.action, log.rule, log.from_state, log.to_state, log.user_id),
                ("release", "F1", "unreleased", "available", self.admin),
            )

    def test_click_everywhere(self):
        """Every menu, view type and filter of the Realty app opens without error."""
        building = self.env["realty.building"].create(
            {
                "name": "B1",
                "code": "B1",
                "project_id": self.project.id,
                "floors_above": 2,
            }
        )
        rooms = building._generate_rooms(
            [
                {
                    "stair_codes": ["1"],
                    "floor_from": 1,
                    "floor_to": 2,
                    "position_from": 1,
                    "position_to": 2,
                    "area_building": 90.0,
                    "area_inner": 72.0,
                    "area_shared": 18.0,
                }
            ]
        )
        rooms._unlocked().write({"list_unit_price": 10000.0, "list_total": 900000.0})
        self.permit.building_ids = building
        self.permit.action_validate()
        rooms[:2].action_release()
        self.browser_js(
            "/odoo",
            "odoo.loader.modules.get('@web/webclient/clickbot/clickbot_loader')"
            ".startClickEverywhere('realty_base.menu_realty_root');",
            "odoo.isReady === true",
            login="admin",
            timeout=600,
            success_signal="clickbot test succeeded",
        )
