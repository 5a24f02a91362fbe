"""Opening day (domain.md §10): the event's order, the pick's guards, idempotency and
the record of every outcome, as the buyer (portal) and as an attacker."""

import json
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_sales.models import realty_opening_event as opening_event

from .common import SalesCase

# a confirmed pick: the buyer's facts and locks in one statement, the room's lock,
# the pick, the two counters in one statement, the bus at commit, in one
# savepoint; the deal writer's trigger comes at most every WAKE_EVERY seconds
CONFIRMED_PICK_QUERIES = 7
REFUSED_PICK_QUERIES = 4


class OpeningCase(SalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project.small_deposit_min_amount = 5000
        Number = cls.env["realty.queue.number"].with_user(cls.consultant)
        cls.number_c = Number.create(
            {
                "project_id": cls.project.id,
                "partner_id": cls.buyer_c.id,
                "category": "B",
                "sincerity_amount": 20000,
            }
        )
        cls.number_d = Number.create(
            {
                "project_id": cls.project.id,
                "partner_id": cls.buyer_d.id,
                "category": "B",
                "sincerity_amount": 20000,
            }
        )
        cls.portal_c = new_test_user(cls.env, "opening_c", groups="base.group_portal")
        cls.portal_d = new_test_user(cls.env, "opening_d", groups="base.group_portal")
        cls.event = cls.env["realty.opening.event"].create(
            {
                "name": "首开",
                "project_id": cls.project.id,
                "user_id": cls.consultant.id,
                "room_ids": [Command.set(cls.rooms.ids)],
                "payment_method_id": cls.cash.id,
                "batch_size": 1,
                "batch_minutes": 60,
                "window_minutes": 30,
                "date_start": fields.Datetime.now() - timedelta(minutes=1),
            }
        )
        cls.event.with_user(cls.manager).action_build_order()
        cls.part_c, cls.part_d = cls.event.participant_ids
        cls.part_c.user_id = cls.portal_c
        cls.part_d.user_id = cls.portal_d
        cls.event.with_user(cls.manager).action_open()

    def pick(self, participant=None, room=None, token="t1", event=None):
        return self.pick_and_free(participant, room, token, event)[0]

    def pick_and_free(self, participant=None, room=None, token="t1", event=None):
        event = (event or self.event).sudo()
        return event._pick(participant or self.part_c, (room or self.room).id, token)

    def write_deals(self):
        """What the cron does a moment after the picks."""
        return self.env["realty.opening.event"]._cron_write_deals()

    def same_window(self):
        self.part_d.window_start = self.part_c.window_start
        self.part_d.window_end = self.part_c.window_end

    def assertDeskRefused(self, room):
        """Another buyer's small deposit at the desk, refused: the room is held."""
        with self.assertRaisesRegex(RealtyUserError, "ERR_ROOM_TAKEN"):
            self.env["realty.deal"].with_user(self.consultant).create_and_advance(
                {
                    "room_id": room.id,
                    "partner_id": self.buyer_d.id,
                    "payment_ids": [
                        Command.create({"item": "intention", "amount": 20000})
                    ],
                },
                "small_deposit",
            )

    def assertPickRefused(self, code, pick):
        self.assertEqual(pick.state, "refused", pick.message)
        self.assertEqual(pick.code, code, pick.message)
        self.assertFalse(pick.deal_id)
        return pick


@tagged("post_install", "-at_install")
class TestOpeningPick(OpeningCase):
    def test_order_and_windows(self):
        self.assertEqual(self.part_c.queue_number_id, self.number_c)
        self.assertEqual((self.part_c.position, self.part_d.position), (1, 2))
        self.assertEqual(self.part_d.batch, 2)
        self.assertEqual(
            self.part_d.window_start, self.part_c.window_start + timedelta(minutes=60)
        )
        self.assertTrue(self.part_c.choosing_now)
        self.assertFalse(self.part_d.choosing_now)

    def test_v44_reproducible_draw(self):
        event = self.env["realty.opening.event"].create(
            {
                "name": "摇号",
                "project_id": self.project.id,
                "order_mode": "draw",
                "draw_seed": "20250601-7F3A",
            }
        )
        self.project.max_numbers_per_family = 10
        numbers = self.env["realty.queue.number"]
        for _index in range(6):
            numbers |= self.number_c.copy({"sincerity_amount": 0})
        participants = event.participant_ids.create(
            [
                {
                    "event_id": event.id,
                    "queue_number_id": n.id,
                    "partner_id": n.partner_id.id,
                }
                for n in numbers
            ]
        )
        for index, participant in enumerate(participants, start=1):
            participant.queue_number_id._write_outcome({"name": f"RC{index:04d}"})
        event._order_participants()
        order = participants.sorted("position").mapped("queue_number_id.name")
        self.assertEqual(
            order, ["RC0003", "RC0001", "RC0005", "RC0004", "RC0002", "RC0006"]
        )
        self.assertTrue(event.draw_input_hash)

    def test_confirmed_pick_holds_the_room_then_its_deal_follows(self):
        opening_event._LAST_WAKE.clear()
        pick = self.pick()
        self.assertEqual(pick.state, "confirmed", pick.message)
        # at once: the room held for the buyer, counted as taken
        self.assertEqual(self.room.opening_pick_id, pick)
        self.assertEqual(self.part_c.picked_count, 1)
        self.assertFalse(pick.deal_id)
        self.assertEqual(self.event.pending_deal_count, 1)
        self.assertEqual(self.event.rooms_left, len(self.rooms) - 1)
        # the cron, woken by the pick (once per WAKE_EVERY seconds of a
        # process: this test's pick is the first), writes the deal
        cron = self.env.ref("realty_sales.ir_cron_opening_deals")
        self.assertTrue(
            self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]),
            "the pick wakes the deal writer",
        )
        self.assertEqual(self.write_deals(), pick)
        self.assertEqual(pick.deal_id.stage, "small_deposit")
        self.assertEqual(pick.deal_id.partner_id, self.buyer_c)
        self.assertEqual(pick.deal_id.intention_received, 20000)
        self.assertEqual(self.room.state, "small_deposit")
        self.assertEqual(self.number_c.state, "converted")
        self.assertEqual(self.number_c.deal_id, pick.deal_id)
        self.assertEqual(self.event.confirmed_count, 1)
        self.assertEqual(self.event.pending_deal_count, 0)
        self.assertFalse(self.room.opening_pick_id, "the deal holds the room now")
        self.assertEqual(pick.deal_id.client_token, f"opening-{self.event.id}-t1")
        self.assertFalse(self.write_deals(), "each pick's deal is written once")

    def test_same_token_twice_same_deal(self):
        first = self.pick(token="abc")
        again = self.pick(token="abc")
        self.assertEqual(again, first)
        self.write_deals()
        self.assertEqual(self.pick(token="abc").deal_id, first.deal_id)
        self.assertEqual(
            len(self.env["realty.deal"].search([("room_id", "=", self.room.id)])), 1
        )
        self.assertEqual(len(self.event.pick_ids), 1)

    def test_same_room_twice_is_taken(self):
        self.same_window()
        self.assertEqual(self.pick().state, "confirmed")
        refused, free = self.pick_and_free(self.part_d, token="d1")
        self.assertPickRefused("ERR_ROOM_TAKEN", refused)
        self.assertTrue(refused.message)
        # the answer names rooms still free, the picked one not among them
        self.assertTrue(free)
        self.assertLessEqual(set(free), set((self.event.room_ids - self.room).ids))
        self.assertEqual(self.number_d.state, "issued")
        # every outcome recorded
        self.assertEqual(len(self.event.pick_ids), 2)
        self.assertEqual(self.event.refused_count, 1)

    def test_paused_refuses(self):
        self.event.with_user(self.manager).action_pause()
        self.assertPickRefused("ERR_OPENING_PAUSED", self.pick())
        self.event.with_user(self.manager).action_resume()
        self.assertEqual(self.pick(token="t2").state, "confirmed")

    def test_only_managers_pause(self):
        with self.assertRaises(AccessError):
            self.event.with_user(self.consultant).action_pause()
        self.assertEqual(self.event.state, "open")

    def test_outside_window_refuses(self):
        self.assertPickRefused("ERR_OPENING_WINDOW", self.pick(self.part_d))

    def test_without_sincerity_refuses(self):
        self.number_c._write_outcome({"state": "refunded"})
        self.assertPickRefused("ERR_NO_SINCERITY", self.pick())

    def test_over_the_family_limit(self):
        self.assertEqual(self.pick().state, "confirmed")
        self.assertPickRefused(
            "ERR_OPENING_LIMIT", self.pick(room=self.room_b, token="t2")
        )
        self.assertEqual(self.room_b.state, "available")
        self.assertFalse(self.room_b.opening_pick_id)

    def test_second_room_of_a_family_is_not_credited_twice(self):
        """A family limit of two: the sincerity deposit goes with the first room;
        the second gets a draft deal, its room held for the buyer."""
        self.event.family_limit = 2
        first = self.pick()
        second = self.pick(room=self.room_b, token="t2")
        self.assertEqual(second.state, "confirmed", second.message)
        self.write_deals()
        self.assertEqual(first.deal_id.intention_received, 20000)
        self.assertFalse(second.deal_id.stage, "a draft: its money at the desk")
        self.assertFalse(second.deal_id.payment_ids)
        self.assertEqual(self.room_b.opening_pick_id, second)
        self.assertEqual(self.room_b.state, "available")
        # nobody else's deal moves the held room; the picker's does
        self.assertDeskRefused(self.room_b)
        second.deal_id.register_payment("intention", 20000)
        second.deal_id._advance("small_deposit")
        self.assertEqual(self.room_b.state, "small_deposit")
        self.assertFalse(self.room_b.opening_pick_id)

    def test_desk_cannot_sell_a_picked_room(self):
        self.assertEqual(self.pick().state, "confirmed")
        self.assertDeskRefused(self.room)
        with self.assertRaisesRegex(RealtyUserError, "ERR_ROOM_TAKEN"):
            self.room.with_user(self.manager).action_withdraw("withdrawn")
        self.assertEqual(self.room.state, "available")

    def test_a_deal_that_cannot_be_written_is_flagged_then_released(self):
        pick = self.pick()
        self.project.small_deposit_min_amount = 50000  # above the 20,000 deposit
        self.write_deals()
        self.assertFalse(pick.deal_id)
        self.assertTrue(pick.deal_error)
        self.assertEqual(self.event.pending_deal_count, 1)
        self.assertTrue(self.event.activity_ids, "the salesperson settles it")
        self.assertFalse(self.write_deals(), "not retried on every run")
        self.assertEqual(self.number_c.state, "issued", "nothing half-written")
        with self.assertRaises(AccessError):
            pick.with_user(self.consultant).action_release()
        pick.with_user(self.manager).action_release()
        self.assertEqual(pick.state, "released")
        self.assertFalse(self.room.opening_pick_id)
        self.assertEqual(self.part_c.picked_count, 0)
        self.assertEqual(self.pick(token="again").state, "confirmed")

    def test_sold_out(self):
        self.same_window()
        self.event.room_ids = self.room
        self.assertEqual(self.pick().state, "confirmed")
        refused, free = self.pick_and_free(self.part_d, token="d1")
        self.assertPickRefused("ERR_OPENING_SOLD_OUT", refused)
        self.assertEqual(free, [])

    def test_rooms_left_per_layout(self):
        self.assertEqual(self.pick().state, "confirmed")
        self.assertEqual(self.event.rooms_left, len(self.rooms) - 1)
        by_layout = {
            layout: len(self.rooms.filtered(lambda r, lay=layout: r.layout_id == lay))
            for layout in self.rooms.layout_id or [self.rooms.layout_id]
        }
        by_layout[self.room.layout_id] -= 1
        html = str(self.event.rooms_left_by_layout)
        for layout, count in by_layout.items():
            name = layout.display_name or "No layout"
            self.assertIn(f"<td>{name}</td><td class='text-end'>{count}</td>", html)

    def test_room_not_on_offer(self):
        self.event.room_ids -= self.room_b
        self.assertPickRefused("ERR_INVALID_INPUT", self.pick(room=self.room_b))

    def test_rehearsal_leaves_the_rooms_alone(self):
        self.event.rehearsal = True
        self.same_window()
        pick = self.pick()
        self.assertEqual(pick.state, "confirmed", pick.message)
        self.assertFalse(self.write_deals())
        self.assertFalse(pick.deal_id)
        self.assertFalse(self.room.opening_pick_id)
        self.assertEqual(self.event.rooms_left, len(self.rooms) - 1)
        self.assertEqual(self.room.state, "available")
        self.assertPickRefused("ERR_ROOM_TAKEN", self.pick(self.part_d, token="d"))

    def test_query_counts(self):
        self.same_window()
        # warm the ormcaches with a pick on another room
        self.pick(self.part_d, room=self.rooms[3], token="warm")
        self.env.invalidate_all()
        with self.assertQueryCount(CONFIRMED_PICK_QUERIES):
            self.pick()
        self.env.invalidate_all()
        with self.assertQueryCount(REFUSED_PICK_QUERIES):
            self.pick(self.part_d, token="d-refused")


@tagged("post_install", "-at_install")
class TestOpeningAbsent(OpeningCase):
    """过号 (§10.2): a buyer whose window ends without a pick."""

    def miss_window(self, participant):
        participant._unlocked().write(
            {
                "window_start": fields.Datetime.now() - timedelta(minutes=40),
                "window_end": fields.Datetime.now() - timedelta(minutes=10),
            }
        )

    def test_moved_to_the_end_once_then_out(self):
        self.assertEqual(self.event.absent_policy, "move_to_end")
        self.miss_window(self.part_c)
        self.event.with_user(self.manager).action_call_absent()
        self.assertEqual(self.part_c.absent_count, 1)
        self.assertFalse(self.part_c.forfeited)
        self.assertEqual(self.part_c.position, 3, "after everyone else")
        self.assertEqual(self.part_c.batch, 3)
        self.assertEqual(
            self.part_c.window_start,
            self.part_d.window_start + timedelta(minutes=self.event.batch_minutes),
        )
        self.assertFalse(self.part_c.choosing_now)
        self.assertPickRefused("ERR_OPENING_WINDOW", self.pick(token="early"))
        self.assertTrue(self.event.message_ids.filtered(lambda m: "Missed" in m.body))
        # called again, missed again: out
        self.miss_window(self.part_c)
        self.env["realty.opening.event"]._cron_opening_clock()
        self.assertTrue(self.part_c.forfeited)
        self.assertEqual(self.part_c.position, 3)
        refused = self.assertPickRefused("ERR_OPENING_WINDOW", self.pick(token="late"))
        self.assertIn("missed your turn", refused.message)

    def test_forfeit_at_once(self):
        self.event.absent_policy = "forfeit"
        self.miss_window(self.part_c)
        self.event._call_absent()
        self.assertTrue(self.part_c.forfeited)
        self.assertEqual(self.part_c.position, 1)

    def test_who_picked_or_still_waits_is_not_absent(self):
        self.assertEqual(self.pick().state, "confirmed")
        self.miss_window(self.part_c)
        self.event._call_absent()
        self.assertFalse(self.part_c.absent_count or self.part_c.forfeited)
        self.assertFalse(self.part_d.absent_count, "their window is to come")

    def test_only_managers_call_the_absent(self):
        self.miss_window(self.part_c)
        with self.assertRaises(AccessError):
            self.event.with_user(self.consultant).action_call_absent()
        with self.assertRaisesRegex(RealtyUserError, "ERR_INVALID_INPUT"):
            self.part_c.with_user(self.manager).write({"forfeited": True})
        self.assertFalse(self.part_c.absent_count)


@tagged("post_install", "-at_install")
class TestOpeningConfirmMinutes(OpeningCase):
    """§10.2: the 认购书 signed and the top-up paid within confirm_minutes, or the
    selection is released."""

    def age(self, pick, minutes):
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE realty_opening_pick SET create_date = %s WHERE id = %s",
            [fields.Datetime.now() - timedelta(minutes=minutes), pick.id],
        )
        pick.invalidate_recordset(["create_date"])

    def test_an_unconfirmed_small_deposit_is_released(self):
        self.project.small_deposit_refundable = True
        pick = self.pick()
        self.write_deals()
        deal = pick.deal_id
        self.assertEqual(deal.stage, "small_deposit")
        self.age(pick, self.event.confirm_minutes - 1)
        self.env["realty.opening.event"]._cron_opening_clock()
        self.assertEqual(pick.state, "confirmed", "still within its minutes")
        self.age(pick, self.event.confirm_minutes + 1)
        self.env["realty.opening.event"]._cron_opening_clock()
        self.assertEqual(pick.state, "released")
        self.assertEqual(deal.status, "cancelled")
        self.assertEqual(self.room.state, "available")
        self.assertEqual(self.part_c.picked_count, 0)
        self.assertEqual(deal.amount_received, 0, "refunded")
        # the room is on offer again
        self.assertEqual(self.pick(token="again").state, "confirmed")

    def test_a_subscribed_deal_stays(self):
        self.event.pick_stage = "subscription"  # the 认购书 signed at the pick
        pick = self.pick()
        self.write_deals()
        self.assertEqual(pick.deal_id.stage, "subscription", pick.deal_error)
        self.age(pick, self.event.confirm_minutes + 1)
        self.env["realty.opening.event"]._cron_opening_clock()
        self.assertEqual(pick.state, "confirmed")
        self.assertEqual(pick.deal_id.status, "active")

    def test_a_closed_opening_releases_nothing(self):
        pick = self.pick()
        self.write_deals()
        self.event.with_user(self.manager).action_close()
        self.age(pick, self.event.confirm_minutes + 1)
        self.env["realty.opening.event"]._cron_opening_clock()
        self.assertEqual(pick.state, "confirmed")
        self.assertEqual(pick.deal_id.status, "active")

    def test_no_minutes_no_release(self):
        self.event.confirm_minutes = 0
        pick = self.pick()
        self.write_deals()
        self.age(pick, 600)
        self.env["realty.opening.event"]._cron_opening_clock()
        self.assertEqual(pick.state, "confirmed")


@tagged("post_install", "-at_install")
class TestOpeningAttack(OpeningCase):
    def test_portal_reads_only_their_own(self):
        self.pick()
        self.pick(self.part_d, token="d")
        Participant = self.env["realty.opening.participant"].with_user(self.portal_d)
        self.assertEqual(Participant.search([]), self.part_d)
        Pick = self.env["realty.opening.pick"].with_user(self.portal_d)
        self.assertEqual(Pick.search([]).participant_id, self.part_d)
        with self.assertRaises(AccessError):
            self.event.with_user(self.portal_d).read(["name"])

    def test_portal_cannot_write_or_create_picks(self):
        with self.assertRaises(AccessError):
            self.env["realty.opening.pick"].with_user(self.portal_c).create(
                {
                    "event_id": self.event.id,
                    "participant_id": self.part_c.id,
                    "token": "x",
                    "state": "confirmed",
                }
            )
        with self.assertRaises(AccessError):
            self.part_c.with_user(self.portal_c).write({"window_end": "2099-01-01"})

    def test_nobody_types_the_counts_or_the_hold(self):
        """The family's count and the room's hold are the pick's: not even a
        manager writes them over RPC (the limit, a room freed or taken)."""
        pick = self.pick()
        with self.assertRaisesRegex(RealtyUserError, "ERR_INVALID_INPUT"):
            self.part_c.with_user(self.manager).write({"picked_count": 0})
        with self.assertRaisesRegex(RealtyUserError, "ERR_INVALID_INPUT"):
            self.room.with_user(self.manager).write({"opening_pick_id": False})
        self.assertEqual(self.room.opening_pick_id, pick)
        self.assertEqual(self.part_c.picked_count, 1)

    def test_consultant_cannot_open_or_edit(self):
        with self.assertRaises(AccessError):
            self.event.with_user(self.consultant).write({"family_limit": 5})


@tagged("post_install", "-at_install")
class TestOpeningHttp(OpeningCase, HttpCase):
    def post_pick(self, room, token, event=None):
        response = self.url_open(
            f"/realty/opening/{(event or self.event).id}/pick",
            data=json.dumps({"room_id": room.id, "token": token}),
            headers={"Content-Type": "application/json"},
        )
        return response.status_code, response.json()

    def test_pick_contract(self):
        self.authenticate(self.portal_c.login, self.portal_c.login)
        status, answer = self.post_pick(self.room, "http-1")
        self.assertEqual(status, 200)
        self.assertTrue(answer["ok"], answer)
        self.assertEqual(
            set(answer), {"ok", "code", "message", "deal_id", "pick_id", "free"}
        )
        self.assertFalse(answer["deal_id"], "the deal follows from the cron")
        # the retry with the same token: the same pick
        self.assertEqual(self.post_pick(self.room, "http-1")[1], answer)
        self.write_deals()
        again = self.post_pick(self.room, "http-1")[1]
        self.assertEqual(again["pick_id"], answer["pick_id"])
        deal = self.env["realty.deal"].browse(again["deal_id"])
        self.assertEqual(deal.partner_id, self.buyer_c)
        state = self.url_open(f"/realty/opening/{self.event.id}/state").json()
        self.assertEqual(state["me"]["position"], 1)
        self.assertEqual(state["me"]["picked"], 1)
        taken = {room["id"]: room["taken"] for room in state["rooms"]}
        self.assertTrue(taken[self.room.id])
        self.assertFalse(taken[self.room_b.id])

    def test_portal_picks_only_for_themselves(self):
        """A buyer cannot pick for another participant: the body's participant is
        ignored, the pick is the signed-in buyer's, refused outside their window."""
        self.authenticate(self.portal_d.login, self.portal_d.login)
        response = self.url_open(
            f"/realty/opening/{self.event.id}/pick",
            data=json.dumps(
                {
                    "room_id": self.room.id,
                    "token": "x",
                    "participant_id": self.part_c.id,
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        answer = response.json()
        self.assertFalse(answer["ok"])
        self.assertEqual(answer["code"], "ERR_OPENING_WINDOW")
        self.assertEqual(self.event.pick_ids.participant_id, self.part_d)
        self.assertEqual(self.room.state, "available")

    def test_stranger_and_bad_body(self):
        stranger = new_test_user(self.env, "stranger", groups="base.group_portal")
        self.authenticate(stranger.login, stranger.login)
        status, answer = self.post_pick(self.room, "s")
        self.assertEqual((status, answer["code"]), (403, "ERR_INVALID_INPUT"))
        response = self.url_open(
            f"/realty/opening/{self.event.id}/pick",
            data="not json",
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 400)
        # a cross-site form's text/plain body that reads as JSON (CSRF)
        self.authenticate(self.portal_c.login, self.portal_c.login)
        response = self.url_open(
            f"/realty/opening/{self.event.id}/pick",
            data=json.dumps({"room_id": self.room.id, "token": "csrf"}),
            headers={"Content-Type": "text/plain"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.event.pick_ids)
        self.assertEqual(self.room.state, "available")

    def test_private_pick_is_not_rpc(self):
        """``_pick`` is private: no JSON-RPC caller reaches it."""
        self.authenticate(self.consultant.login, self.consultant.login)
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "model": "realty.opening.event",
                        "method": "_pick",
                        "args": [[self.event.id], self.part_c.id, self.room.id, "r"],
                        "kwargs": {},
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertIn("error", response.json())
        self.assertFalse(self.event.pick_ids)
