"""The demo opening day and the manager's screen (开盘/选房, domain.md §10)."""

from datetime import timedelta

from odoo import fields
from odoo.tests import Form, TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestOpeningDemo(TransactionCase):
    def setUp(self):
        super().setUp()
        self.event = self.env["realty.opening.event"].search(
            [("name", "=", "湖畔花园 线上开盘")], limit=1
        )
        if not self.event:
            self.skipTest("installed without demo data")

    def test_demo_event_can_be_tried(self):
        event = self.event
        self.assertEqual(event.state, "open")
        self.assertEqual(len(event.room_ids), 20)
        self.assertTrue(all(r.state == "available" for r in event.room_ids))
        self.assertEqual(len(event.participant_ids), 10)
        buyer1 = self.env["res.users"].search([("login", "=", "opening_buyer1")])
        buyer2 = self.env["res.users"].search([("login", "=", "opening_buyer2")])
        self.assertTrue(buyer1.has_group("base.group_portal"))
        first, second = event.participant_ids.sorted("position")[:2]
        self.assertEqual((first.user_id, second.user_id), (buyer1, buyer2))
        self.assertTrue(first.choosing_now and second.choosing_now)
        # the next batch an hour after the first: not choosing yet, unless the
        # database was built more than an hour ago (a cached test template)
        third = event.participant_ids.sorted("position")[2]
        self.assertEqual(third.batch, 2)
        self.assertEqual(
            third.window_start,
            first.window_start + timedelta(minutes=event.batch_minutes),
        )
        self.assertEqual(
            third.choosing_now, third.window_start <= fields.Datetime.now()
        )
        pick, _free = event.sudo()._pick(first, event.room_ids[0].id, "demo-1")
        self.assertEqual(pick.state, "confirmed", pick.message)
        self.assertEqual(event.rooms_left, 19)
        self.env.ref("realty_sales.ir_cron_opening_deals").method_direct_trigger()
        self.assertEqual(event.room_ids[0].state, "small_deposit")
        self.assertEqual(event.confirmed_count, 1)
        self.assertEqual(event.rooms_left, 19)

    def test_manager_pauses_from_the_form(self):
        manager = self.env.ref("realty_base.user_manager_demo")
        form = Form(self.event.with_user(manager))
        self.assertEqual(form.state, "open")
        self.assertEqual(form.participant_count, 10)
        self.event.with_user(manager).action_pause()
        self.assertEqual(self.event.state, "paused")
        self.event.with_user(manager).action_resume()
        self.assertEqual(self.event.state, "open")
