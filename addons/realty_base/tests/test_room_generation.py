"""Room generation (房源生成): counts, codes, skipped floors, mixed floor ranges,
refusal on re-run, completing a building (domain.md §1.4, V-01)."""

from odoo.tests import Form, tagged

from odoo.addons.realty_base.exceptions import RealtyUserError

from .common import RealtyCase


@tagged("post_install", "-at_install")
class TestRoomGeneration(RealtyCase):
    def test_counts_codes_and_skipped_floors(self):
        """V-01 through the model: 20 floors skipping {4, 13, 14, 18}."""
        building = self.create_building(skip_floor_numbers="4,13,14,18")
        rooms = self.generate(
            building, floors=(1, 20), positions=(1, 2), stairs=("1", "2")
        )
        self.assertEqual(len(rooms), 80)
        self.assertEqual(len(building.floor_ids), 20)
        self.assertEqual(sorted(building.stair_ids.mapped("code")), ["1", "2"])
        labels = {f.physical: f.label for f in building.floor_ids}
        self.assertEqual(labels[4], "5")
        self.assertEqual(labels[12], "15")
        self.assertEqual(labels[20], "24")
        room = rooms.filtered(
            lambda r: (
                r.stair_id.code == "2" and r.floor_physical == 12 and r.position == 1
            )
        )
        self.assertEqual(room.code, "1-2-1501")
        self.assertEqual(room.floor_label, "15")
        used = {r.floor_label for r in rooms}
        self.assertFalse(used & {"4", "13", "14", "18"})
        self.assertTrue(all(r.state == "unreleased" for r in rooms))
        self.assertEqual(room.area_building_pred, 89.57)
        self.assertAlmostEqual(room.efficiency, 80.75, places=2)  # V-02

    def test_without_skipped_numbers(self):
        building = self.create_building()
        rooms = self.generate(building, floors=(12, 12), stairs=("2",))
        self.assertEqual(rooms.code, "1-2-1201")

    def test_mixed_floor_ranges_shops_residences_and_parking(self):
        """Podium shops, towers above and a basement parking level in one run."""
        building = self.create_building(floors_above=18, floors_below=1)
        rooms = building._generate_rooms(
            [
                {
                    "stair_codes": ["1"],
                    "floor_from": 1,
                    "floor_to": 2,
                    "position_from": 1,
                    "position_to": 4,
                    "usage": "commercial",
                },
                {
                    "stair_codes": ["1", "2"],
                    "floor_from": 3,
                    "floor_to": 18,
                    "position_from": 1,
                    "position_to": 2,
                    "usage": "residential",
                },
                {
                    "stair_codes": ["1"],
                    "floor_from": -1,
                    "floor_to": -1,
                    "position_from": 1,
                    "position_to": 10,
                    "usage": "parking",
                },
            ]
        )
        by_usage = {
            u: len(rooms.filtered(lambda r, u=u: r.usage == u))
            for u in ("commercial", "residential", "parking")
        }
        self.assertEqual(by_usage, {"commercial": 8, "residential": 64, "parking": 10})
        parking = rooms.filtered(lambda r: r.usage == "parking")
        self.assertEqual(set(parking.mapped("floor_label")), {"B1"})
        self.assertIn("1-1-B101", parking.mapped("code"))
        self.assertIn("1-1-B110", parking.mapped("code"))

    def test_rerun_is_refused_and_writes_nothing(self):
        building = self.create_building()
        self.generate(building, floors=(1, 3))
        with self.assertRaises(RealtyUserError) as caught:
            self.generate(building, floors=(4, 5))
        self.assertEqual(caught.exception.code, "ERR_ROOMS_EXIST")
        self.assertEqual(len(building.room_ids), 3)

    def test_add_missing_only_completes_the_building(self):
        building = self.create_building()
        first = self.generate(building, floors=(1, 10))
        added = self.generate(building, floors=(1, 12), add_missing_only=True)
        self.assertEqual(len(added), 2)
        self.assertEqual(sorted(added.mapped("floor_physical")), [11, 12])
        self.assertEqual(len(building.room_ids), 12)
        self.assertFalse(first & added)
        again = self.generate(building, floors=(1, 12), add_missing_only=True)
        self.assertFalse(again)

    def test_overlapping_lines_are_refused(self):
        building = self.create_building()
        with self.assertRaises(RealtyUserError) as caught:
            building._generate_rooms(
                [
                    {
                        "stair_codes": ["1"],
                        "floor_from": 1,
                        "floor_to": 5,
                        "position_from": 1,
                    },
                    {
                        "stair_codes": ["1"],
                        "floor_from": 5,
                        "floor_to": 8,
                        "position_from": 1,
                    },
                ]
            )
        self.assertEqual(caught.exception.code, "ERR_INVALID_INPUT")
        self.assertIn("1-1-501", str(caught.exception))
        self.assertFalse(building.room_ids)

    def test_floors_outside_the_building_are_refused(self):
        building = self.create_building(floors_above=5)
        with self.assertRaises(RealtyUserError):
            self.generate(building, floors=(1, 6))
        with self.assertRaises(RealtyUserError):
            self.generate(building, floors=(-1, -1))
        self.assertFalse(building.room_ids)

    def test_skipped_numbers_cannot_change_once_rooms_exist(self):
        building = self.create_building()
        self.generate(building, floors=(1, 5))
        with self.assertRaises(RealtyUserError):
            building.skip_floor_numbers = "4"
        building.skip_floor_numbers = ""  # the same (empty) set is fine

    def test_bad_skip_numbers_are_refused(self):
        with self.assertRaises(Exception) as caught:
            self.create_building(skip_floor_numbers="4,x")
        self.assertEqual(caught.exception.code, "ERR_INVALID_INPUT")

    def test_project_code_template(self):
        self.project.room_code_template = (
            "{building}#{unit}-{floor_label}{position:03d}"
        )
        building = self.create_building(code="A")
        self.assertEqual(self.generate(building, floors=(3, 3)).code, "A#1-3001")

    def test_wizard_previews_then_generates(self):
        building = self.create_building(floors_above=6)
        with Form(
            self.env["realty.room.generate"].with_context(
                default_building_id=building.id
            )
        ) as wizard_form:
            wizard_form.skip_floor_numbers = "4"
            wizard_form.stair_codes = "1,2"
            with wizard_form.line_ids.new() as line:
                line.floor_from = 1
                line.floor_to = 6
                line.position_from = 1
                line.position_to = 3
                line.area_building = 100
                line.area_inner = 80
                line.area_shared = 20
            self.assertEqual(wizard_form.preview_count, 36)
            self.assertIn("6→7", wizard_form.preview_html)
        self.assertFalse(building.room_ids, "the preview writes nothing")
        wizard_form.record.action_generate()
        self.assertEqual(len(building.room_ids), 36)
        self.assertEqual(building.skip_floor_numbers, "4")
        self.assertIn("1-2-703", building.room_ids.mapped("code"))
