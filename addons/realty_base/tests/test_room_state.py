"""The room's sale state through its one path: F1-F5 allowed and refused, with the
error codes of domain.md §2.7 (V-45 T01-T04), the log, and the write protection."""

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.realty_base.exceptions import RealtyUserError

from .common import RealtyCase


@tagged("post_install", "-at_install")
class TestRoomState(RealtyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.building = cls.create_building()
        cls.rooms = cls.generate(cls.building, floors=(1, 2), positions=(1, 2))
        cls.set_list_price(cls.rooms)
        cls.permit = cls.create_permit(cls.building)
        cls.room = cls.rooms[0]

    def assertRefused(self, code, call, *args, **kwargs):
        with self.assertRaises(RealtyUserError) as caught:
            call(*args, **kwargs)
        self.assertEqual(caught.exception.code, code)
        return caught.exception

    def as_manager(self, records):
        return records.with_user(self.manager)

    # ------------------------------------------------------------ F1 release
    def test_t01_release_with_permit_and_price(self):
        self.as_manager(self.room).action_release()
        self.assertEqual(self.room.state, "available")
        log = self.room.state_log_ids
        self.assertEqual(len(log), 1)
        self.assertEqual(
            (log.rule, log.action, log.from_state, log.to_state, log.user_id),
            ("F1", "release", "unreleased", "available", self.manager),
        )
        self.assertTrue(self.room.state_date)

    def test_t02_release_without_permit(self):
        self.permit.action_revoke()
        self.assertRefused("ERR_NO_PERMIT", self.as_manager(self.room).action_release)
        self.assertEqual(self.room.state, "unreleased")
        self.assertFalse(self.room.state_log_ids)

    def test_release_with_an_expired_or_future_permit(self):
        self.permit.valid_until = fields.Date.today() - timedelta(days=1)
        self.assertRefused("ERR_NO_PERMIT", self.as_manager(self.room).action_release)
        self.permit.valid_until = False
        self.permit.issue_date = fields.Date.today() + timedelta(days=1)
        self.assertRefused("ERR_NO_PERMIT", self.as_manager(self.room).action_release)

    def test_permit_floor_range_and_listed_rooms(self):
        self.permit.floor_to = 1
        low = self.rooms.filtered(lambda r: r.floor_physical == 1)
        high = self.rooms - low
        self.as_manager(low).action_release()
        self.assertRefused("ERR_NO_PERMIT", self.as_manager(high).action_release)
        self.permit.write({"floor_to": 0, "room_ids": [Command.set(high[:1].ids)]})
        self.as_manager(high[:1]).action_release()
        self.assertRefused("ERR_NO_PERMIT", self.as_manager(high[1:]).action_release)

    def test_release_without_permit_when_not_required(self):
        self.permit.action_revoke()
        self.project.permit_required = False
        self.as_manager(self.room).action_release()
        self.assertEqual(self.room.state, "available")

    def test_t03_release_without_price(self):
        self.room._unlocked().list_total = 0
        self.assertRefused("ERR_NO_PRICE", self.as_manager(self.room).action_release)

    def test_v02_release_with_inconsistent_areas(self):
        self.room.area_shared_pred = 17.20  # 72.33 + 17.20 = 89.53 ≠ 89.57
        self.assertRefused("ERR_AREA_SUM", self.as_manager(self.room).action_release)
        self.room.area_shared_pred = 17.23  # within the 0.01 tolerance
        self.as_manager(self.room).action_release()

    def test_release_is_all_or_nothing(self):
        self.rooms[1]._unlocked().list_total = 0
        error = self.assertRefused(
            "ERR_NO_PRICE", self.as_manager(self.rooms).action_release
        )
        self.assertIn(self.rooms[1].code, str(error))
        self.assertEqual(set(self.rooms.mapped("state")), {"unreleased"})
        self.assertFalse(self.rooms.state_log_ids)

    def test_several_problems_are_listed_together(self):
        self.rooms[0]._unlocked().list_total = 0
        self.rooms[1].area_inner_pred = 1
        error = self.assertRefused(
            "ERR_NO_PRICE", self.as_manager(self.rooms).action_release
        )
        self.assertIn("ERR_AREA_SUM", str(error))

    def test_release_twice_is_a_transition_error(self):
        self.as_manager(self.room).action_release()
        self.assertRefused(
            "ERR_STATE_TRANSITION", self.as_manager(self.room).action_release
        )

    # ---------------------------------------------------------- F2-F5
    def test_t04_hold_with_reason_then_unhold(self):
        room = self.as_manager(self.room)
        room.action_release()
        room.action_hold(self.hold_reason, note="价格复核")
        self.assertEqual(self.room.state, "held")
        self.assertEqual(self.room.hold_reason_id, self.hold_reason)
        self.assertEqual(self.room.hold_note, "价格复核")
        log = self.room.state_log_ids.sorted("id")[-1]
        self.assertEqual(
            (log.rule, log.hold_reason_id, log.reason),
            ("F3", self.hold_reason, "价格复核"),
        )
        room.action_unhold()
        self.assertEqual(self.room.state, "available")
        self.assertFalse(self.room.hold_reason_id)
        self.assertEqual(
            self.room.state_log_ids.sorted("id").mapped("rule"), ["F1", "F3", "F4"]
        )

    def test_hold_needs_a_reason(self):
        self.as_manager(self.room).action_release()
        self.assertRefused(
            "ERR_INVALID_INPUT",
            self.as_manager(self.room).action_hold,
            self.env["realty.hold.reason"],
        )
        self.assertEqual(self.room.state, "available")

    def test_f2_release_straight_into_sales_control(self):
        self.as_manager(self.room).action_release_held(self.hold_reason)
        self.assertEqual(self.room.state, "held")
        self.assertEqual(self.room.state_log_ids.rule, "F2")

    def test_f5_withdraw_available_and_held(self):
        rooms = self.as_manager(self.rooms[:2])
        rooms.action_release()
        rooms[1].action_hold(self.hold_reason)
        rooms.action_withdraw(note="重新定价")
        self.assertEqual(set(self.rooms[:2].mapped("state")), {"unreleased"})
        self.assertEqual(self.rooms[1].state_log_ids.sorted("id")[-1].rule, "F5")
        self.assertFalse(self.rooms[1].hold_reason_id)

    def test_refused_transitions(self):
        room = self.as_manager(self.room)
        self.assertRefused("ERR_STATE_TRANSITION", room.action_hold, self.hold_reason)
        self.assertRefused("ERR_STATE_TRANSITION", room.action_unhold)
        self.assertRefused("ERR_STATE_TRANSITION", room.action_withdraw)
        room.action_release()
        self.assertRefused("ERR_STATE_TRANSITION", room.action_unhold)
        self.assertRefused(
            "ERR_STATE_TRANSITION", room.action_release_held, self.hold_reason
        )

    def test_consultants_cannot_release_or_hold(self):
        room = self.room.with_user(self.consultant)
        self.assertRefused("ERR_APPROVAL_REQUIRED", room.action_release)
        self.as_manager(self.room).action_release()
        self.assertRefused("ERR_APPROVAL_REQUIRED", room.action_hold, self.hold_reason)

    def test_building_and_batch_release(self):
        self.as_manager(self.building).action_release_rooms()
        self.assertEqual(set(self.rooms.mapped("state")), {"available"})
        building = self.create_building(code="2")
        rooms = self.generate(building, floors=(1, 3))
        self.set_list_price(rooms)
        self.create_permit(building)
        batch = (
            self.env["realty.launch.batch"]
            .with_user(self.manager)
            .create(
                {"project_id": self.project.id, "room_ids": [Command.set(rooms.ids)]}
            )
        )
        self.assertTrue(batch.name.startswith("LB"))
        batch.action_release()
        self.assertEqual(batch.state, "released")
        self.assertEqual(rooms.mapped("batch_id"), batch)
        self.assertEqual(set(rooms.mapped("state")), {"available"})

    def test_state_wizard(self):
        self.as_manager(self.rooms).action_release()
        wizard = (
            self.env["realty.room.state.wizard"]
            .with_user(self.manager)
            .create(
                {
                    "action": "hold",
                    "room_ids": [Command.set(self.rooms[:2].ids)],
                    "hold_reason_id": self.hold_reason.id,
                    "note": "内部保留",
                }
            )
        )
        wizard.action_apply()
        self.assertEqual(set(self.rooms[:2].mapped("state")), {"held"})

    # ---------------------------------------------------- the one state path
    def test_state_cannot_be_written(self):
        for user in (self.env.user, self.realty_admin):
            with self.assertRaises(RealtyUserError) as caught:
                self.room.with_user(user).write({"state": "available"})
            self.assertEqual(caught.exception.code, "ERR_INVALID_INPUT")
        with self.assertRaises(RealtyUserError):
            # a context flag from RPC or an import cannot open the door either
            self.room.with_context(realty_protected_door=True).write(
                {"state": "available"}
            )
        with self.assertRaises(RealtyUserError):
            self.room.copy({"code": "X-1", "position": 9, "state": "available"})
        self.assertEqual(self.room.state, "unreleased")

    def test_state_log_is_append_only(self):
        self.as_manager(self.room).action_release()
        log = self.room.state_log_ids
        with self.assertRaises(AccessError):
            log.with_user(self.realty_admin).write({"reason": "changed"})
        with self.assertRaises(AccessError):
            log.with_user(self.realty_admin).unlink()
        with self.assertRaises(RealtyUserError):
            log.unlink()  # not even the superuser through the ORM

    def test_sold_rooms_cannot_be_deleted_unreleased_can(self):
        room = self.rooms[-1]
        room.unlink()
        self.assertFalse(room.exists())
