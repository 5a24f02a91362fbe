"""Change orders (变更): typed, approved, then executed; the only way a subscribed
deal changes (I-2). V-45 T14, T18-T21, V-47 and the R-flows of §2.4."""

from odoo import Command
from odoo.tests import tagged

from .common import SalesCase


@tagged("post_install", "-at_install")
class TestChangeOrder(SalesCase):
    def subscribed(self, room=None, total=None, **values):
        """A subscribed deal with a 定金 of 50,000 received (V-47's)."""
        if total:
            (room or self.room)._unlocked().list_total = total
        deal = self.deal(
            room,
            deposit_amount=50000,
            subscription_signed=True,
            delivery_date="2027-06-30",
            **values,
        )
        deal.register_payment("deposit", 50000)
        deal.action_subscribe()
        return deal

    def order(self, deal, change_type, **values):
        return (
            self.env["realty.change.order"]
            .with_user(self.consultant)
            .create(
                {
                    "deal_id": deal.id,
                    "change_type": change_type,
                    "reason": "客户申请",
                    **values,
                }
            )
        )

    def run_order(self, order, approver=None):
        order.action_submit()
        order.with_user(approver or self.manager).action_approve()
        order.with_user(self.consultant).action_execute()
        return order

    # ------------------------------------------------------------------ cancel
    def test_v47_cancel_outcomes(self):
        """V-47: 定金 50,000 on a subscription of 2,345,678."""
        cases = [
            ("buyer_fault", None, 0.0, 50000.0, 0.0, self.manager),
            ("seller_fault", None, 100000.0, 0.0, 50000.0, self.gm),
            ("no_fault", None, 50000.0, 0.0, 0.0, self.manager),
            ("negotiated", 30000, 30000.0, 20000.0, 0.0, self.gm),
        ]
        for reason, agreed, refund, income, penalty, approver in cases:
            with self.subTest(reason=reason):
                room = self.rooms.filtered(lambda r: r.state == "available")[:1]
                deal = self.subscribed(room, total=2345678)
                order = self.order(
                    deal, "cancel", cancel_reason=reason, negotiated_refund=agreed or 0
                )
                order.action_submit()
                self.assertEqual(
                    (order.refund_amount, order.forfeited_amount, order.penalty_amount),
                    (refund, income, penalty),
                )
                order.with_user(approver).action_approve()
                order.action_execute()
                self.assertEqual((room.state, deal.status), ("available", "cancelled"))
                self.assertEqual(deal.amount_received, 50000 - refund)
                self.assertEqual(room.state_log_ids.sorted("id")[-1].rule, "R3")

    def test_t21_cancel_a_deposit_buyer_fault(self):
        deal = self.deal(deposit_amount=50000)
        deal.register_payment("deposit", 50000)
        deal.action_deposit()
        self.run_order(self.order(deal, "cancel", cancel_reason="buyer_fault"))
        self.assertEqual((self.room.state, deal.status), ("available", "cancelled"))
        self.assertEqual(deal.amount_received, 50000, "forfeited: nothing refunded")

    def test_seller_fault_needs_the_gm(self):
        order = self.order(self.subscribed(), "cancel", cancel_reason="seller_fault")
        order.action_submit()
        self.assertRefused(
            "ERR_APPROVAL_REQUIRED", order.with_user(self.manager).action_approve
        )
        self.assertRefused("ERR_APPROVAL_REQUIRED", order.action_execute)

    # ------------------------------------------------------------- terminate
    def test_r4_terminate_a_contract_holds_the_room(self):
        deal = self.subscribed()
        deal.action_sign_contract()
        order = self.order(deal, "terminate", termination_refund=40000)
        order.action_submit()
        order.with_user(self.gm).action_approve()
        self.assertRefused("ERR_APPROVAL_REQUIRED", order.action_execute)  # agreement
        order.termination_agreement = True
        order.action_execute()
        self.assertEqual((self.room.state, deal.status), ("held", "cancelled"))
        self.assertEqual(self.room.state_log_ids.sorted("id")[-1].rule, "R4")
        self.assertEqual(deal.amount_received, 10000)

    def test_t14_terminate_a_filed_contract(self):
        deal = self.subscribed()
        deal.action_sign_contract()
        self.force_state(self.room, "filed")
        order = self.order(deal, "terminate", termination_agreement=True)
        order.action_submit()
        order.with_user(self.gm).action_approve()
        self.assertRefused("ERR_FILING_ACTIVE", order.action_execute)
        self.assertEqual(deal.status, "active")

    # ---------------------------------------------------------------- rename
    def test_t20_rename_a_subscription(self):
        deal = self.subscribed()
        order = self.order(
            deal,
            "rename",
            new_co_ownership="shares",
            new_buyer_ids=[
                Command.create({"partner_id": self.buyer_d.id, "share": 60}),
                Command.create(
                    {"partner_id": self.buyer_c.id, "share": 40, "relation": "配偶"}
                ),
            ],
        )
        self.run_order(order)
        self.assertEqual(
            (self.room.state, deal.partner_id), ("subscribed", self.buyer_d)
        )
        self.assertEqual(deal.buyer_ids.mapped("share"), [60, 40])
        before = order.snapshot_before
        self.assertEqual(before["buyers"], [["陈立", 0.0]])
        self.assertIn("邓敏", order.comparison_html)

    def test_t19_rename_after_filing_is_forbidden(self):
        deal = self.subscribed()
        deal.action_sign_contract()
        self.force_state(self.room, "filed")
        order = self.order(
            deal,
            "rename",
            new_buyer_ids=[Command.create({"partner_id": self.buyer_d.id})],
        )
        order.action_submit()
        order.with_user(self.manager).action_approve()
        self.assertRefused("ERR_RENAME_AFTER_FILING", order.action_execute)

    def test_r8b_rename_a_contract_needs_it_signed_again(self):
        deal = self.subscribed()
        deal.action_sign_contract()
        order = self.order(
            deal,
            "rename",
            new_buyer_ids=[Command.create({"partner_id": self.buyer_d.id})],
        )
        order.action_submit()
        order.with_user(self.manager).action_approve()
        self.assertRefused("ERR_APPROVAL_REQUIRED", order.action_execute)
        order.contract_resigned = True
        order.action_execute()
        self.assertEqual(deal.partner_id, self.buyer_d)

    # ------------------------------------------------------------ change room
    def test_t18_change_room(self):
        deal = self.subscribed()
        self.room_b._unlocked().list_total = 1500000
        order = self.run_order(
            self.order(deal, "change_room", new_room_id=self.room_b.id)
        )
        self.assertEqual(
            (self.room.state, self.room_b.state), ("available", "subscribed")
        )
        self.assertEqual(
            (deal.room_id, deal.stage, deal.status),
            (self.room_b, "subscription", "active"),
        )
        self.assertEqual(deal.list_total, 1500000, "re-priced from the new room")
        self.assertEqual(deal.amount_received, 50000, "the 定金 moves with the deal")
        self.assertEqual(order.money_effect, 1500000 - 1411808)
        self.assertEqual(self.room.state_log_ids.sorted("id")[-1].rule, "R7")

    def test_change_room_of_a_contract_waits_for_a_new_contract(self):
        deal = self.subscribed()
        deal.action_sign_contract()
        self.run_order(self.order(deal, "change_room", new_room_id=self.room_b.id))
        self.assertEqual((self.room.state, self.room_b.state), ("held", "subscribed"))
        self.assertEqual(deal.stage, "subscription")

    def test_change_room_to_a_taken_room(self):
        deal = self.subscribed()
        other = self.deal(self.room_b, buyer=self.buyer_d)
        other.action_reserve()
        order = self.order(deal, "change_room", new_room_id=self.room_b.id)
        order.action_submit()
        order.with_user(self.manager).action_approve()
        self.assertRefused("ERR_ROOM_OCCUPIED", order.action_execute)
        self.assertEqual((self.room.state, deal.room_id), ("subscribed", self.room))

    # ------------------------------------------------------- discount / price
    def test_r9_price_change_follows_the_ladder(self):
        deal = self.subscribed()
        order = self.order(
            deal,
            "discount",
            new_discount_ids=[
                Command.create(
                    {"name": "特批直减5万", "kind": "total_amount", "value": 50000}
                )
            ],
        )
        order.action_submit()
        # 1,361,808 / 1,411,808 = 96.46 %: beyond a manager
        self.assertEqual(
            order.approver_group_id, self.env.ref("realty_base.group_realty_director")
        )
        self.assertEqual(order.money_effect, -50000)
        self.assertRefused(
            "ERR_APPROVAL_REQUIRED", order.with_user(self.manager).action_approve
        )
        order.with_user(self.director).action_approve()
        order.action_execute()
        self.assertEqual((deal.deal_total, deal.approval_state), (1361808, "approved"))
        self.assertAlmostEqual(sum(deal.schedule_line_ids.mapped("amount")), 1361808)
        self.assertEqual(self.room.state, "subscribed")

    def test_r9_on_a_contract_needs_a_supplementary_agreement(self):
        deal = self.subscribed()
        deal.action_sign_contract()
        order = self.order(
            deal, "payment_method", new_payment_method_id=self.commercial.id
        )
        order.action_submit()
        order.with_user(self.manager).action_approve()
        self.assertRefused("ERR_APPROVAL_REQUIRED", order.action_execute)
        order.supplementary_agreement = True
        order.action_execute()
        self.assertEqual(deal.payment_method_id, self.commercial)
        self.assertTrue(
            deal.schedule_line_ids.filtered(lambda l: l.item == "commercial_loan")
        )

    # --------------------------------------------------------------- the log
    def test_executed_orders_are_history(self):
        self.project.allow_direct_total = True
        order = self.run_order(
            self.order(self.subscribed(), "price", new_manual_total=1400000)
        )
        self.assertRefused("ERR_STATE_TRANSITION", order.write, {"reason": "x"})
        self.assertRefused("ERR_STATE_TRANSITION", order.unlink)
        self.assertRefused("ERR_STATE_TRANSITION", order.action_cancel)

    def test_unapproved_orders_do_not_execute(self):
        order = self.order(
            self.subscribed(),
            "rename",
            new_buyer_ids=[Command.create({"partner_id": self.buyer_d.id})],
        )
        self.assertRefused("ERR_APPROVAL_REQUIRED", order.action_execute)
        order.action_submit()
        self.assertRefused("ERR_APPROVAL_REQUIRED", order.action_execute)
        order.with_user(self.manager).action_refuse()
        self.assertRefused("ERR_APPROVAL_REQUIRED", order.action_execute)

    def test_orders_only_for_deposits_and_later(self):
        deal = self.deal()
        deal.action_reserve()
        order = self.order(
            deal,
            "rename",
            new_buyer_ids=[Command.create({"partner_id": self.buyer_d.id})],
        )
        self.assertRefused("ERR_STATE_TRANSITION", order.action_submit)
