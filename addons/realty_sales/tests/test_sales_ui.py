"""A sale through the web client, by a consultant and a sales manager (tours in
static/tests/tours/realty_sales_tours.js)."""

from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.realty_base.tests.common import JsonRpcMixin

from .common import CASH_IN_7_DAYS, SalesCase


@tagged("post_install", "-at_install")
class TestSalesUi(JsonRpcMixin, SalesCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The tours read field names, but the menus and numbers in English are easier
        # to follow in the screenshots; the development databases run in Chinese only.
        cls.env["res.lang"]._activate_lang("en_US")
        (cls.consultant | cls.manager).write({"lang": "en_US", "tour_enabled": False})
        building = cls.create_building("TS", phase_id=cls.building.phase_id.id)
        cls.tour_rooms = cls.generate(building, floors=(11, 12), positions=(1, 2))
        cls.set_list_price(cls.tour_rooms)  # V-03: 1,411,808
        cls.create_permit(building)
        cls.tour_rooms.with_user(cls.manager).action_release()
        cls.tour_room = cls.tour_rooms.filtered(lambda r: r.code == "TS-1-1101")
        cls.tour_buyer = cls.env["res.partner"].create(
            {
                "name": "Tour Buyer 林",
                "realty_id_type": "resident",
                "realty_id_number": "440305198511200028",
            }
        )
        cls.visited(cls.tour_buyer)
        cls.create_cash_method("Tour Cash", "CASH-TOUR", **CASH_IN_7_DAYS)

    def test_reserve_deposit_approve_sign(self):
        room = self.tour_room
        self.assertEqual(room.code, "TS-1-1101")
        self.start_tour(
            "/odoo", "realty_sales_deal_consultant", login=self.consultant.login
        )
        self.env.invalidate_all()

        deal = self.env["realty.deal"].search([("room_id", "=", room.id)])
        self.assertEqual(len(deal), 1)
        self.assertEqual(
            (deal.stage, deal.status, room.state), ("deposit", "active", "deposit")
        )
        self.assertEqual(deal.user_id, self.consultant)
        self.assertEqual(deal.partner_id, self.tour_buyer)
        self.assertEqual(deal.deposit_received, 100000)
        self.assertEqual(deal.deal_total, 1391808)
        self.assertEqual(deal.approval_state, "to_approve")
        self.assertTrue(deal.activity_ids, "the approvers are asked to approve")

        deal_url = f"/odoo/realty-deals/{deal.id}"
        self.start_tour(deal_url, "realty_sales_deal_manager", login=self.manager.login)
        self.env.invalidate_all()
        self.assertEqual(deal.approval_state, "approved")
        self.assertEqual(deal.approved_by_id, self.manager)
        self.assertEqual(deal.approved_total, 1391808)

        self.start_tour(deal_url, "realty_sales_deal_sign", login=self.consultant.login)
        self.env.invalidate_all()
        self.assertEqual((deal.stage, deal.status), ("contract", "active"))
        self.assertEqual(room.state, "contracted")
        self.assertEqual(deal.approval_state, "approved")
        self.assertEqual(deal.approved_by_id, self.manager)
        self.assertTrue(deal.date_reservation and deal.date_deposit)
        self.assertTrue(deal.date_subscription and deal.date_contract)
        self.assertAlmostEqual(sum(deal.schedule_line_ids.mapped("amount")), 1391808)

    def test_discount_approved_through_the_client(self):
        """A 98折 of the consultant's own, refused at the subscription until the
        manager approves it from the deal; then the contract (tours in
        realty_sales_approval_tours.js)."""
        room = self.tour_rooms.filtered(lambda r: r.code == "TS-1-1102")
        self.start_tour(
            "/odoo/realty-deals/new",
            "realty_sales_discount_consultant",
            login=self.consultant.login,
        )
        self.env.invalidate_all()
        deal = self.env["realty.deal"].search([("room_id", "=", room.id)])
        self.assertEqual(len(deal), 1)
        self.assertEqual((deal.stage, room.state), ("deposit", "deposit"))
        self.assertEqual(deal.approval_state, "to_approve")
        self.assertEqual(
            deal.approval_rung_id, self.env.ref("realty_base.approval_rung_manager")
        )
        self.assertFalse(
            deal.date_subscription, "the refused subscription left no trace"
        )
        line = deal.discount_line_ids
        self.assertEqual(
            (line.kind, line.value, line.is_standard), ("percent", 0.98, False)
        )
        self.assertEqual(line.added_by_id, self.consultant)
        self.assertEqual(deal.payment_ids.received_by_id, self.consultant)

        self.start_tour(
            "/odoo/realty-deals",
            "realty_sales_discount_manager",
            login=self.manager.login,
        )
        self.env.invalidate_all()
        self.assertEqual(deal.approval_state, "approved")
        self.assertEqual(deal.approved_by_id, self.manager)
        self.assertEqual(deal.approved_total, deal.deal_total)

        self.start_tour(
            f"/odoo/realty-deals/{deal.id}",
            "realty_sales_discount_sign",
            login=self.consultant.login,
        )
        self.env.invalidate_all()
        self.assertEqual((deal.stage, deal.status), ("contract", "active"))
        self.assertEqual(room.state, "contracted")
        self.assertEqual(deal.contract_no, "HT-TOUR-2")
        self.assertEqual(deal.approval_state, "approved")
        self.assertEqual(deal.approved_by_id, self.manager)
        self.assertEqual(deal.approved_total, deal.deal_total)
        self.assertLess(deal.deal_total, deal.list_total)
        self.assertAlmostEqual(
            sum(deal.schedule_line_ids.mapped("amount")), deal.deal_total
        )

    def test_menus_and_views(self):
        """Every sales menu opens; a room's form starts a deal in the chosen stage."""
        self.deal(self.tour_room, buyer=self.tour_buyer).action_reserve()
        signed = self.tour_rooms.filtered(lambda r: r.code == "TS-1-1202")
        self.deal(signed, buyer=self.tour_buyer).action_sign_contract()
        self.env["realty.visit"].create(
            {"project_id": self.project.id, "visitor_name": "刘洋", "visitor_count": 2}
        )
        self.env["realty.sales.daily"]._generate(
            self.env["realty.sales.daily"]._today(), projects=self.project
        )
        self.start_tour("/odoo", "realty_sales_menus", login=self.manager.login)

    def test_i2_a_subscribed_deal_is_frozen_over_rpc(self):
        """The deal form's save (web_save) cannot change buyers, price or plan of a
        subscribed deal, whatever context the client sends; a change order can."""
        deal = self.deal(
            self.tour_room,
            buyer=self.tour_buyer,
            deposit_amount=50000,
            subscription_signed=True,
        )
        deal.register_payment("deposit", 50000)
        deal.action_subscribe()
        self.authenticate(self.consultant.login, self.consultant.login)
        spec = {"partner_id": {}, "manual_total": {}, "payment_method_id": {}}
        for values in (
            {"partner_id": self.buyer_d.id},
            {"manual_total": 1300000},
            {"payment_method_id": self.commercial.id},
            {"buyer_ids": [Command.clear()]},
        ):
            for context in ({}, {"realty_change_order": True}):
                with self.subTest(values=values, context=context):
                    answer = self.call_kw(
                        "realty.deal",
                        "web_save",
                        [[deal.id], values],
                        {"specification": spec, "context": context},
                    )
                    self.assertIn("error", answer, answer)
                    self.assertIn(
                        "ERR_APPROVAL_REQUIRED", answer["error"]["data"]["message"]
                    )
        answer = self.call_kw(
            "realty.deal",
            "web_save",
            [[deal.id], {"delivery_date": "2027-09-30"}],
            {"specification": spec},
        )
        self.assertNotIn("error", answer, answer)
        self.env.invalidate_all()
        self.assertEqual(deal.partner_id, self.tour_buyer)
        self.assertEqual(deal.payment_method_id, self.cash)
        self.assertEqual(deal.deal_total, 1411808)
        self.assertEqual(str(deal.delivery_date), "2027-09-30")

        # the one door: a change order, approved, then executed (by RPC as well)
        answer = self.call_kw(
            "realty.change.order",
            "create",
            [
                {
                    "deal_id": deal.id,
                    "change_type": "payment_method",
                    "reason": "客户申请",
                    "new_payment_method_id": self.commercial.id,
                }
            ],
        )
        order = self.env["realty.change.order"].browse(answer["result"])
        self.call_kw("realty.change.order", "action_submit", [order.ids])
        order.with_user(self.manager).action_approve()
        answer = self.call_kw("realty.change.order", "action_execute", [order.ids])
        self.assertNotIn("error", answer, answer)
        self.env.invalidate_all()
        self.assertEqual(deal.payment_method_id, self.commercial)
