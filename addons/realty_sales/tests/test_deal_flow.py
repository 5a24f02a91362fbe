"""The deal through the room's state path: V-45 (T05-T12, T18-T21) and the
transitions of §2.3-§2.4 that realty_sales owns, allowed and refused."""

from datetime import timedelta

from odoo import Command, fields
from odoo.tests import tagged
from odoo.tools import SQL

from .common import SalesCase


@tagged("post_install", "-at_install")
class TestDealFlow(SalesCase):
    # ------------------------------------------------------------- reservation
    def test_t06_reserve_then_expire(self):
        deal = self.deal()
        deal.action_reserve()
        self.assertEqual(
            (self.room.state, deal.stage, deal.status),
            ("reserved", "reservation", "active"),
        )
        expected = deal.date_reservation + timedelta(hours=24)
        self.assertEqual(deal.reservation_expires_at, expected)
        self.env["realty.deal"]._cron_expire_reservations()
        self.assertEqual(self.room.state, "reserved", "not expired yet")
        # test setup: move the clock of the deal (server code's door)
        deal._unlocked().reservation_expires_at = fields.Datetime.now() - timedelta(
            minutes=1
        )
        self.env["realty.deal"]._cron_expire_reservations()
        self.assertEqual((self.room.state, deal.status), ("available", "cancelled"))
        self.assertEqual(self.room.state_log_ids.sorted("id")[-1].rule, "R1")

    def test_reservation_quota(self):
        self.project.reservation_max_per_consultant = 1
        self.deal().action_reserve()
        self.assertRefused("ERR_INVALID_INPUT", self.deal(self.room_b).action_reserve)

    def test_f6b_held_rooms_are_reserved_by_managers_only(self):
        self.room.with_user(self.manager).action_hold(self.hold_reason)
        self.assertRefused("ERR_APPROVAL_REQUIRED", self.deal().action_reserve)
        deal = self.deal(user=self.manager)
        deal.action_reserve()
        self.assertEqual(self.room.state, "reserved")
        deal.action_cancel_reservation()
        self.assertEqual(self.room.state, "held", "R1: back where it came from")

    # ------------------------------------------------------------- sale stages
    def test_t05_held_room_refuses_a_small_deposit(self):
        self.room.with_user(self.manager).action_hold(self.hold_reason)
        deal = self.deal()
        deal.register_payment("intention", 10000)
        self.assertRefused("ERR_ROOM_HELD", deal.action_small_deposit)
        self.assertEqual((self.room.state, deal.status), ("held", "draft"))

    def test_t07_reserved_for_another_customer(self):
        self.deal().action_reserve()
        other = self.deal(buyer=self.buyer_d)
        other.register_payment("intention", 10000)
        self.assertRefused("ERR_RESERVED_FOR_OTHER", other.action_small_deposit)

    def test_t08_small_deposit_by_the_customer_locks_the_price(self):
        reservation = self.deal()
        reservation.action_reserve()
        self.assertFalse(reservation.price_locked, "a reservation does not lock (§3.8)")
        deal = self.deal()  # the customer's deal, taking over the reservation
        deal.register_payment("intention", 10000)
        deal.action_small_deposit()
        self.assertEqual(
            (self.room.state, deal.stage), ("small_deposit", "small_deposit")
        )
        self.assertEqual(reservation.status, "upgraded")
        self.assertTrue(deal.price_locked)
        self.room._unlocked().list_total = 1500000
        self.assertEqual(deal.list_total, 1411808, "the locked price is kept")

    def test_timers_flag_late_upgrades_without_cancelling(self):
        """§2.5: a small deposit not upgraded in 3 days and a subscription not signed
        in 7 are flagged for the managers, never cancelled (money was received)."""
        small = self.deal()
        small.register_payment("intention", 10000)
        small.action_small_deposit()
        subscribed = self.deal(
            self.room_b, deposit_amount=50000, subscription_signed=True
        )
        subscribed.register_payment("deposit", 50000)
        subscribed.action_subscribe()
        fresh = self.deal(self.rooms[2], buyer=self.buyer_d)
        fresh.register_payment("intention", 10000)
        fresh.action_small_deposit()
        now = fields.Datetime.now()
        # test setup: move the deals' clocks (server code's door)
        small._unlocked().stage_date = now - timedelta(days=3, hours=1)
        subscribed._unlocked().stage_date = now - timedelta(days=7, hours=1)
        fresh._unlocked().stage_date = now - timedelta(days=2)
        self.env["realty.deal"]._cron_flag_overdue()
        self.assertEqual(
            (small.overdue, subscribed.overdue, fresh.overdue), (True, True, False)
        )
        self.assertIn("3", small.overdue_reason)
        self.assertEqual((small.status, subscribed.status), ("active", "active"))
        self.assertEqual(self.room.state, "small_deposit")
        late = self.env["realty.deal"].search(
            [("project_id", "=", self.project.id), ("overdue", "=", True)]
        )
        self.assertEqual(late, small | subscribed, "the managers' Overdue filter")

    def test_s38_a_plan_adjustment_keeps_the_prices_deals_locked(self):
        """§3.8 with real deals: from the small deposit on, the deal's price is
        locked and a plan adjustment skips the room, saying why in its preview; a
        reservation (no money) does not lock, its deal follows the new price."""
        locked = self.deal()
        locked.register_payment("intention", 10000)
        locked.action_small_deposit()
        reserved = self.deal(self.room_b, buyer=self.buyer_d)
        reserved.action_reserve()
        free = self.rooms[2]
        plan = self.adjustment_plan("+2 %", self.room | self.room_b | free, 2)
        plan.with_user(self.manager).action_preview()
        lines = {line.room_id: line for line in plan.line_ids}
        self.assertTrue(lines[self.room].skipped)
        self.assertIn("Small Deposit", lines[self.room].skip_reason)
        self.assertFalse(lines[self.room_b].skipped, "a reservation does not lock")
        plan.with_user(self.director).action_approve()
        plan.with_user(self.manager).action_apply()
        self.assertEqual(self.room.list_total, 1411808)
        self.assertEqual(locked.list_total, 1411808)
        self.assertEqual(free.list_total, 1440044)  # V-05: +2 %
        self.assertEqual(self.room_b.list_total, 1440044)
        self.assertEqual(reserved.list_total, 1440044, "not locked: it follows")

    def test_small_deposit_needs_money(self):
        self.assertRefused("ERR_INVALID_INPUT", self.deal().action_small_deposit)

    def test_t09_direct_signing(self):
        deal = self.deal(delivery_date="2027-06-30")
        deal.action_sign_contract()
        self.assertEqual((self.room.state, deal.stage), ("contracted", "contract"))
        self.assertAlmostEqual(sum(deal.schedule_line_ids.mapped("amount")), 1411808)

    def test_t10_subscription_required(self):
        self.project.require_subscription = True
        self.assertRefused(
            "ERR_SUBSCRIPTION_REQUIRED", self.deal().action_sign_contract
        )
        self.assertEqual(self.room.state, "available")

    def test_t11_small_deposit_then_subscription(self):
        deal = self.deal(deposit_amount=50000, subscription_signed=True)
        deal.register_payment("intention", 10000)
        deal.action_small_deposit()
        deal.register_payment("deposit", 50000)
        deal.action_subscribe()
        self.assertEqual((self.room.state, deal.stage), ("subscribed", "subscription"))
        self.assertTrue(deal.date_small_deposit and deal.date_subscription)
        self.assertFalse(deal.date_deposit, "大订 skipped")

    def test_subscription_needs_the_deposit_and_the_signature(self):
        deal = self.deal(deposit_amount=50000)
        deal.register_payment("deposit", 20000)
        error = self.assertRefused("ERR_INVALID_INPUT", deal.action_subscribe)
        self.assertIn("认购书", str(error))
        self.assertIn("50,000", str(error).replace("50000.0", "50,000"))

    def test_merged_deposit_stage(self):
        self.project.merge_deposit_stage = True
        deal = self.deal(deposit_amount=50000)
        deal.register_payment("deposit", 50000)
        deal.action_deposit()
        self.assertEqual((self.room.state, deal.stage), ("subscribed", "subscription"))

    def test_t12_discount_approved_at_a_lower_level(self):
        """V-09 counter-case: 96.47 % needs a marketing director."""
        campaign = self.env["realty.discount.policy"].create(
            {
                "name": "活动98折",
                "project_id": self.project.id,
                "kind": "percent",
                "value": 0.98,
            }
        )
        campaign.action_publish()  # a published campaign (the director's act)
        oneoff = self.env.ref("realty_base.payment_method_oneoff")
        deal = self.deal(
            payment_method_id=oneoff.id, deposit_amount=50000, subscription_signed=True
        )
        deal.discount_line_ids = [
            Command.create({"name": "单价优惠", "kind": "unit_amount", "value": 100}),
            Command.create({"policy_id": campaign.id}),
            Command.create({"name": "减1个点", "kind": "points", "value": 1}),
            Command.create({"name": "直减5000", "kind": "total_amount", "value": 5000}),
            Command.create({"name": "再减2万", "kind": "total_amount", "value": 20000}),
        ]
        self.assertEqual(deal.deal_total, 1267994)
        self.assertAlmostEqual(deal.discretionary_ratio, 96.47, places=2)
        self.assertEqual(
            deal.approval_rung_id.group_id,
            self.env.ref("realty_base.group_realty_director"),
        )
        deal.register_payment("deposit", 50000)
        deal.action_deposit()
        self.assertRefused(
            "ERR_APPROVAL_REQUIRED", deal.with_user(self.manager).action_approve
        )
        self.assertRefused("ERR_APPROVAL_REQUIRED", deal.action_subscribe)
        deal.with_user(self.director).action_approve()
        self.assertEqual(deal.approval_state, "approved")
        deal.action_subscribe()
        self.assertEqual(self.room.state, "subscribed")

    def test_a_lower_price_needs_a_new_approval(self):
        deal = self.deal()
        deal.discount_line_ids = [
            Command.create({"name": "直减1万", "kind": "total_amount", "value": 10000})
        ]
        self.assertEqual(deal.approval_state, "to_approve")
        deal.with_user(self.manager).action_approve()
        self.assertEqual(deal.approval_state, "approved")
        deal.discount_line_ids[0].value = 10001  # 1 yuan less
        self.assertEqual(deal.approval_state, "to_approve")

    def test_v47_deposit_cap(self):
        self.room._unlocked().list_total = 2345678
        deal = self.deal(deposit_amount=500000)
        deal.register_payment("deposit", 500000)
        self.assertRefused("ERR_DEPOSIT_CAP", deal.action_deposit)
        deal.deposit_excess_as_prepayment = True
        split = deal._deposit_split()
        self.assertEqual(float(split.prepayment), 30864.40)
        deal.action_deposit()
        self.assertEqual(self.room.state, "deposit")

    # --------------------------------------------------------- the invariants
    def test_a_taken_room_is_refused(self):
        """Another buyer's deal holds the room: every sale action is refused."""
        deal = self.deal()
        deal.register_payment("intention", 10000)
        deal.action_small_deposit()
        other = self.deal(buyer=self.buyer_d, deposit_amount=50000)
        other.register_payment("deposit", 50000)
        for action in (
            other.action_sign_contract,
            other.action_deposit,
            other.action_reserve,
        ):
            with self.subTest(action=action.__name__):
                self.assertRefused("ERR_ROOM_TAKEN", action)
        self.assertEqual(self.room.active_deal_id, deal)
        # the same buyer's second deal on the room is refused as well
        again = self.deal(deposit_amount=50000)
        again.register_payment("deposit", 50000)
        self.assertRefused("ERR_ROOM_TAKEN", again.action_deposit)

    def test_one_active_deal_per_room_in_the_database(self):
        """V-46: even a direct INSERT of a second active deal fails."""
        from psycopg2 import errors

        deal = self.deal()
        deal.action_reserve()
        self.env.flush_all()
        # a copy of the row (every column other addons may require), second active
        self.env.cr.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = 'realty_deal' AND column_name NOT IN "
            "('id', 'client_token', 'contract_no')"
        )
        columns = SQL(", ").join(
            SQL.identifier(name) for (name,) in self.env.cr.fetchall()
        )
        with (
            self.assertRaises(errors.UniqueViolation) as caught,
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                SQL(
                    "INSERT INTO realty_deal (%s) SELECT %s FROM realty_deal "
                    "WHERE id = %s",
                    columns,
                    columns,
                    deal.id,
                )
            )
        self.assertEqual(
            caught.exception.diag.constraint_name, "realty_deal_room_active_uniq"
        )

    def test_idempotent_confirmation(self):
        vals = {"room_id": self.room.id, "partner_id": self.buyer_c.id}
        Deal = self.env["realty.deal"].with_user(self.consultant)
        first = Deal.create_and_advance(vals, "reservation", client_token="tok-1")
        again = Deal.create_and_advance(vals, "reservation", client_token="tok-1")
        self.assertEqual(first, again)
        self.assertEqual(
            self.env["realty.deal"].search_count([("room_id", "=", self.room.id)]), 1
        )

    def test_i2_subscribed_deals_are_frozen(self):
        deal = self.deal(deposit_amount=50000, subscription_signed=True)
        deal.register_payment("deposit", 50000)
        deal.action_subscribe()
        for values in (
            {"partner_id": self.buyer_d.id},
            {"payment_method_id": self.commercial.id},
            {"manual_total": 1400000},
        ):
            with self.subTest(values=values):
                self.assertRefused("ERR_APPROVAL_REQUIRED", deal.write, values)
        self.assertRefused(
            "ERR_APPROVAL_REQUIRED",
            deal.write,
            {
                "discount_line_ids": [
                    Command.create({"name": "x", "kind": "total_amount", "value": 1})
                ]
            },
        )
        self.assertRefused("ERR_APPROVAL_REQUIRED", deal.buyer_ids.unlink)
        deal.delivery_date = "2027-06-30"  # not frozen
        self.assertEqual(deal.partner_id, self.buyer_c)

    def test_small_deposit_cancel_refunds(self):
        deal = self.deal()
        deal.register_payment("intention", 10000)
        deal.action_small_deposit()
        deal.action_cancel_small_deposit()
        self.assertEqual((self.room.state, deal.status), ("available", "cancelled"))
        self.assertEqual(deal.amount_received, 0)
        self.assertEqual(self.room.state_log_ids.sorted("id")[-1].rule, "R2")

    def test_f5_a_room_with_deals_is_not_withdrawn(self):
        deal = self.deal()
        deal.action_reserve()
        deal.action_cancel_reservation()
        self.assertRefused(
            "ERR_STATE_TRANSITION", self.room.with_user(self.manager).action_withdraw
        )

    def test_v40_contract_credits_the_deposits(self):
        """V-40: 定金 50,000 credited; the down payment still due is 305,678."""
        self.room._unlocked().list_total = 2345678
        deal = self.deal(
            payment_method_id=self.commercial.id,
            deposit_amount=50000,
            subscription_signed=True,
            down_payment_ratio=0.15,
            delivery_date="2027-06-30",
        )
        deal.register_payment("sincerity", 20000, method="pos")
        deal.register_payment("deposit", 30000)
        deal.deposit_amount = 50000
        deal.register_payment("sincerity", -20000, method="internal")
        deal.register_payment("deposit", 20000, method="internal")
        deal.action_subscribe()
        deal.action_sign_contract()
        self.assertEqual((deal.loan_commercial, deal.down_payment), (1990000, 355678))
        down = deal.schedule_line_ids.filtered(lambda line: line.item == "down_payment")
        self.assertEqual(
            (down.amount, down.credit, down.payable), (355678, 50000, 305678)
        )
        loan = deal.schedule_line_ids.filtered(
            lambda line: line.item == "commercial_loan"
        )
        self.assertEqual(loan.amount, 1990000)
        self.assertEqual(loan.due_date - down.due_date, timedelta(days=60))
