"""The bypasses a consultant found with a plain JSON-RPC client, one test each: the
call is refused with its code, in the user's language, and nothing is written
(deals, rooms by state, payments and change orders counted before and after)."""

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.realty_base.tests.attack import RpcRefusalMixin

from .common import SalesCase

TYPED = {"name": "Typed", "kind": "total_amount", "value": 20000}
"""A discretionary discount the sales manager approves (1.4 % of 1,411,808)."""


@tagged("post_install", "-at_install")
class TestAttackBypass(RpcRefusalMixin, SalesCase, HttpCase):
    def setUp(self):
        super().setUp()
        self.authenticate(self.consultant.login, self.consultant.login)

    def reserved(self, **values):
        deal = self.deal(**values)
        deal.action_reserve()
        return deal

    def subscribed(self, room=None, **values):
        deal = self.deal(room, deposit_amount=50000, subscription_signed=True, **values)
        deal.register_payment("deposit", 50000)
        deal.action_subscribe()
        return deal

    def change_order(self, deal, change_type, **values):
        order_id = self.assertRpcDone(
            "realty.change.order",
            "create",
            [
                {
                    "deal_id": deal.id,
                    "change_type": change_type,
                    "reason": "客户申请",
                    **values,
                }
            ],
        )
        return self.env["realty.change.order"].browse(order_id)

    # ------------------------------------------------------------ the deal
    def test_deal_fields_the_form_shows_read_only(self):
        deal = self.reserved()
        before = deal.read(
            ["stage", "status", "deal_total", "list_total", "price_locked"]
        )
        for values in (
            {"stage": "contract"},
            {"status": "closed"},
            {"deal_total": 1},
            {"list_total": 1, "price_locked": True},
            {"approved_by_id": self.consultant.id, "approved_total": 1},
            {"approval_state": "approved"},
        ):
            with self.subTest(values=values):
                message = self.assertRpcRefused(
                    "ERR_INVALID_INPUT", "realty.deal", "write", [deal.ids, values]
                )
                for name in values:
                    self.assertIn(f"（{name}）", message)
                # the form's save takes the same way
                self.assertRpcRefused(
                    "ERR_INVALID_INPUT",
                    "realty.deal",
                    "web_save",
                    [deal.ids, values],
                    specification={"stage": {}},
                )
                # and no context opens the door (its key is a Python object)
                self.assertRpcRefused(
                    "ERR_INVALID_INPUT",
                    "realty.deal",
                    "write",
                    [deal.ids, values],
                    context={"lang": self.LANG, "realty_protected_door": True},
                )
        self.assertEqual(
            deal.read(["stage", "status", "deal_total", "list_total", "price_locked"]),
            before,
        )
        self.assertFalse(deal.approved_by_id)
        self.assertEqual(self.room.state, "reserved")

    def test_create_and_advance_at_one_yuan(self):
        """A subscribed deal at ¥1 with no approval, in one call."""
        vals = {
            "room_id": self.room.id,
            "partner_id": self.buyer_c.id,
            "payment_method_id": self.cash.id,
            "list_total": 1,
            "price_locked": True,
            "subscription_signed": True,
        }
        self.assertRpcRefused(
            "ERR_INVALID_INPUT",
            "realty.deal",
            "create_and_advance",
            [vals, "subscription"],
            client_token="attack-1",
        )
        self.assertFalse(self.room.deal_ids)
        self.assertEqual(self.room.state, "available")

    def test_create_and_advance_with_a_line_passed_as_a_campaign(self):
        """The lines of create_and_advance are the caller's: a typed discount made
        standard in them is refused like anywhere else, and so is who received
        the money."""
        base = {
            "room_id": self.room.id,
            "partner_id": self.buyer_c.id,
            "payment_method_id": self.cash.id,
            "deposit_amount": 50000,
            "subscription_signed": True,
        }
        deposit = {"item": "deposit", "amount": 50000}
        for lines in (
            {
                "discount_line_ids": [Command.create({**TYPED, "is_standard": True})],
                "payment_ids": [Command.create(deposit)],
            },
            {
                "payment_ids": [
                    Command.create({**deposit, "received_by_id": self.manager.id})
                ]
            },
        ):
            with self.subTest(lines=list(lines)):
                self.assertRpcRefused(
                    "ERR_INVALID_INPUT",
                    "realty.deal",
                    "create_and_advance",
                    [{**base, **lines}, "subscription"],
                )
        self.assertFalse(self.room.deal_ids)
        self.assertEqual(self.room.state, "available")
        # and without them the typed discount still waits for its approval
        self.assertRpcRefused(
            "ERR_APPROVAL_REQUIRED",
            "realty.deal",
            "create_and_advance",
            [
                {
                    **base,
                    "discount_line_ids": [Command.create({**TYPED, "value": 400000})],
                    "payment_ids": [Command.create(deposit)],
                },
                "subscription",
            ],
        )
        self.assertEqual(self.room.state, "available")

    def test_context_defaults_set_nothing(self):
        """Context defaults (``default_<field>``) of protected fields are dropped,
        on the deal and on its lines, by create and by create_and_advance."""
        context = {
            "lang": self.LANG,
            "default_stage": "contract",
            "default_status": "active",
            "default_list_total": 1,
            "default_price_locked": True,
            "default_approved_by_id": self.consultant.id,
            "default_is_standard": True,
            "default_received_by_id": self.manager.id,
        }
        lines = {
            "discount_line_ids": [Command.create(TYPED)],
            "payment_ids": [Command.create({"item": "intention", "amount": 10000})],
        }
        terms = {"partner_id": self.buyer_c.id, "payment_method_id": self.cash.id}
        draft = self.assertRpcDone(
            "realty.deal",
            "create",
            [{**terms, "room_id": self.room.id, **lines}],
            context=context,
        )
        reserved = self.assertRpcDone(
            "realty.deal",
            "create_and_advance",
            [{**terms, "room_id": self.room_b.id, **lines}, "reservation"],
            context=context,
        )
        for deal, stage, status in (
            (self.env["realty.deal"].browse(draft), False, "draft"),
            (self.env["realty.deal"].browse(reserved), "reservation", "active"),
        ):
            with self.subTest(deal=deal.name):
                self.assertEqual((deal.stage, deal.status), (stage, status))
                self.assertEqual((deal.list_total, deal.price_locked), (1411808, False))
                self.assertFalse(deal.approved_by_id)
                self.assertFalse(deal.discount_line_ids.is_standard)
                self.assertEqual(deal.approval_state, "to_approve")
                self.assertEqual(deal.payment_ids.received_by_id, self.consultant)

    def test_draft_then_delete(self):
        """A deal set back to draft and deleted while its room stays reserved."""
        deal = self.reserved()
        self.assertRpcRefused(
            "ERR_INVALID_INPUT", "realty.deal", "write", [deal.ids, {"status": "draft"}]
        )
        self.assertRpcRefused(
            "ERR_STATE_TRANSITION", "realty.deal", "unlink", [deal.ids]
        )
        self.assertTrue(deal.exists())
        self.assertEqual((deal.status, self.room.state), ("active", "reserved"))

    def test_subscribed_deal_back_to_reservation_for_a_new_price(self):
        """Around the I-2 freeze: the stage back to reservation, then a new price."""
        deal = self.subscribed()
        total = deal.deal_total
        self.assertRpcRefused(
            "ERR_INVALID_INPUT",
            "realty.deal",
            "write",
            [deal.ids, {"stage": "reservation"}],
        )
        for values in (
            {"manual_total": 1000000},
            {"discount_line_ids": [Command.create(TYPED)]},
            {"payment_method_id": self.commercial.id},
            {"stage": "reservation", "manual_total": 1000000},
        ):
            with self.subTest(values=list(values)):
                self.assertRpcRefused(
                    "ERR_APPROVAL_REQUIRED", "realty.deal", "write", [deal.ids, values]
                )
        self.assertRpcRefused(
            "ERR_APPROVAL_REQUIRED",
            "realty.deal.discount",
            "create",
            [{**TYPED, "deal_id": deal.id}],
        )
        self.assertEqual((deal.stage, deal.deal_total), ("subscription", total))
        self.assertFalse(deal.discount_line_ids)
        self.assertEqual(self.room.state, "subscribed")

    # ------------------------------------------------------------ approvals
    def test_typed_discount_passed_as_a_published_campaign(self):
        deal = self.reserved(discount_line_ids=[Command.create(TYPED)])
        line = deal.discount_line_ids
        self.assertEqual(deal.approval_state, "to_approve")
        self.assertRpcRefused(
            "ERR_INVALID_INPUT",
            "realty.deal.discount",
            "write",
            [line.ids, {"is_standard": True}],
        )
        self.assertRpcRefused(
            "ERR_INVALID_INPUT",
            "realty.deal",
            "write",
            [
                deal.ids,
                {"discount_line_ids": [Command.update(line.id, {"is_standard": True})]},
            ],
        )
        self.assertRpcRefused(
            "ERR_INVALID_INPUT",
            "realty.deal.discount",
            "create",
            [{**TYPED, "deal_id": deal.id, "is_standard": True}],
        )
        # a published campaign is chosen as published, never raised
        campaign = self.env["realty.discount.policy"].create(
            {
                "name": "开盘活动",
                "project_id": self.project.id,
                "kind": "total_amount",
                "value": 5000,
            }
        )
        campaign.action_publish()
        self.assertRpcRefused(
            "ERR_INVALID_INPUT",
            "realty.deal.discount",
            "create",
            [{"deal_id": deal.id, "policy_id": campaign.id, "value": 400000}],
        )
        self.assertRpcRefused(
            "ERR_INVALID_INPUT",
            "realty.deal.discount",
            "write",
            [line.ids, {"policy_id": campaign.id, "value": 400000}],
        )
        self.assertFalse(line.is_standard)
        self.assertEqual(deal.approval_state, "to_approve")
        deal.write({"deposit_amount": 50000, "subscription_signed": True})
        deal.register_payment("deposit", 50000)
        self.assertRpcRefused(
            "ERR_APPROVAL_REQUIRED", "realty.deal", "action_subscribe", [deal.ids]
        )
        self.assertEqual((deal.stage, self.room.state), ("reservation", "reserved"))

    def test_consultant_approves_own_discount(self):
        deal = self.reserved(discount_line_ids=[Command.create(TYPED)])
        self.assertRpcRefused(
            "ERR_APPROVAL_REQUIRED", "realty.deal", "action_approve", [deal.ids]
        )
        self.assertEqual(deal.approval_state, "to_approve")
        self.assertFalse(deal.approved_by_id)

    def test_change_order_written_approved_then_executed(self):
        deal = self.subscribed()
        total = deal.deal_total
        order = self.change_order(
            deal, "discount", new_discount_ids=[Command.create(TYPED)]
        )
        for values in (
            {"state": "approved"},
            {"approved_by_id": self.consultant.id},
            {"approval_snapshot": {"deal_total": 1}},
        ):
            with self.subTest(values=list(values)):
                self.assertRpcRefused(
                    "ERR_INVALID_INPUT",
                    "realty.change.order",
                    "write",
                    [order.ids, values],
                )
        self.assertRpcRefused(
            "ERR_APPROVAL_REQUIRED",
            "realty.change.order",
            "action_execute",
            [order.ids],
        )
        self.assertRpcDone("realty.change.order", "action_submit", [order.ids])
        self.assertRpcRefused(
            "ERR_APPROVAL_REQUIRED",
            "realty.change.order",
            "action_approve",
            [order.ids],
        )
        self.assertRpcRefused(
            "ERR_APPROVAL_REQUIRED",
            "realty.change.order",
            "action_execute",
            [order.ids],
        )
        self.assertEqual(order.state, "to_approve")
        self.assertEqual(deal.deal_total, total)
        self.assertFalse(deal.discount_line_ids)

    def test_approved_change_order_with_a_raised_discount(self):
        """An approved order's discount raised from 10,000 to 400,000 before its
        execution: the approval is void and asked again; executing is refused."""
        deal = self.subscribed()
        total = deal.deal_total
        order = self.change_order(
            deal,
            "discount",
            new_discount_ids=[Command.create({**TYPED, "value": 10000})],
        )
        order.action_submit()
        order.with_user(self.manager).action_approve()
        self.assertEqual(order.state, "approved")
        self.assertRpcDone(
            "realty.change.order.discount",
            "write",
            [order.new_discount_ids.ids, {"value": 400000}],
        )
        self.assertEqual(order.state, "to_approve")
        self.assertFalse(order.approved_by_id or order.approval_snapshot)
        self.assertEqual(
            order.approver_group_id, self.env.ref("realty_base.group_realty_gm")
        )
        self.assertRpcRefused(
            "ERR_APPROVAL_REQUIRED",
            "realty.change.order",
            "action_execute",
            [order.ids],
        )
        self.authenticate(self.manager.login, self.manager.login)
        self.assertRpcRefused(
            "ERR_APPROVAL_REQUIRED",
            "realty.change.order",
            "action_approve",
            [order.ids],
        )
        self.assertEqual(deal.deal_total, total)
        self.assertFalse(deal.discount_line_ids)

    # -------------------------------------------------------- money records
    def test_schedule_of_a_subscribed_deal(self):
        deal = self.subscribed()
        lines = deal.schedule_line_ids
        self.assertTrue(lines)
        amounts = lines.mapped("amount")
        self.assertRpcRefused(
            "ERR_INVALID_INPUT",
            "realty.deal.schedule.line",
            "write",
            [lines[:1].ids, {"amount": 1}],
        )
        self.assertRpcRefused(
            "ERR_INVALID_INPUT", "realty.deal.schedule.line", "unlink", [lines.ids]
        )
        self.assertRpcRefused(
            "ERR_INVALID_INPUT",
            "realty.deal.schedule.line",
            "create",
            [
                {
                    "deal_id": deal.id,
                    "item": "balance",
                    "due_date": "2027-01-01",
                    "amount": -1000000,
                }
            ],
        )
        self.assertEqual(deal.schedule_line_ids.mapped("amount"), amounts)

    def test_payment_received_by_someone_else(self):
        deal = self.reserved()
        payment = deal.register_payment("intention", 10000)
        self.assertEqual(payment.received_by_id, self.consultant)
        self.assertRpcRefused(
            "ERR_INVALID_INPUT",
            "realty.deal.payment",
            "write",
            [payment.ids, {"received_by_id": self.manager.id}],
        )
        self.assertRpcRefused(
            "ERR_INVALID_INPUT",
            "realty.deal.payment",
            "write",
            [payment.ids, {"amount": 100}],
        )
        self.assertRpcRefused(
            "ERR_INVALID_INPUT",
            "realty.deal.payment",
            "create",
            [
                {
                    "deal_id": deal.id,
                    "item": "intention",
                    "amount": 10000,
                    "received_by_id": self.manager.id,
                }
            ],
        )
        self.assertRpcRefused(
            "ERR_INVALID_INPUT",
            "realty.deal",
            "register_payment",
            [deal.ids, "intention", 10000],
            received_by_id=self.manager.id,
        )
        self.assertEqual(
            (payment.received_by_id, payment.amount), (self.consultant, 10000)
        )

    def test_payment_deleted_and_recorded_again(self):
        """Finance may delete payments by its access rights: deleting one and
        recording it again with another amount would go around its write-once
        amount."""
        finance = new_test_user(
            self.env, "realty_finance", groups="realty_base.group_realty_finance"
        )
        self.project.user_ids |= finance
        deal = self.subscribed()
        payment = deal.payment_ids
        self.authenticate(finance.login, finance.login)
        self.assertRpcRefused(
            "ERR_INVALID_INPUT", "realty.deal.payment", "unlink", [payment.ids]
        )
        self.assertTrue(payment.exists())
        self.assertEqual(deal.deposit_received, 50000)
