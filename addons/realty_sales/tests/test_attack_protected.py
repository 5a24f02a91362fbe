"""The attacker suite of the sales documents: every protected and write-once field
of the deals, their lines, the change orders, the queue numbers and the opening's
participants (the after-sales and filing models have suites of their own), tried
over JSON-RPC by each realty role (realty_base/tests/attack.py)."""

from odoo.tests import HttpCase, tagged

from odoo.addons.realty_base.tests.attack import ProtectedFieldAttack

from .common import SalesCase


@tagged("post_install", "-at_install")
class TestAttackProtectedSales(ProtectedFieldAttack, SalesCase, HttpCase):
    attack_suite = "sales"

    attack_modules = ("realty_sales",)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.create_attackers(cls.project)
        Deal = cls.env["realty.deal"].with_user(cls.consultant)
        terms = {"partner_id": cls.buyer_c.id, "payment_method_id": cls.cash.id}
        # a deal at the deposit stage, with a typed discount (its lines to attack)
        deal = Deal.create({**terms, "room_id": cls.room.id, "deposit_amount": 50000})
        deal.register_payment("deposit", 50000)
        deal.action_deposit()
        deal.discount_line_ids = [
            (0, 0, {"name": "Typed", "kind": "total_amount", "value": 10000})
        ]
        # a subscribed deal: its schedule and its change orders
        subscribed = Deal.create(
            {
                **terms,
                "room_id": cls.room_b.id,
                "deposit_amount": 50000,
                "subscription_signed": True,
            }
        )
        subscribed.register_payment("deposit", 50000)
        subscribed.action_subscribe()
        order = (
            cls.env["realty.change.order"]
            .with_user(cls.consultant)
            .create(
                {
                    "deal_id": subscribed.id,
                    "change_type": "discount",
                    "reason": "客户申请",
                    "new_discount_ids": [
                        (0, 0, {"name": "Typed", "kind": "total_amount", "value": 1000})
                    ],
                    "new_buyer_ids": [(0, 0, {"partner_id": cls.buyer_c.id})],
                }
            )
        )
        number = (
            cls.env["realty.queue.number"]
            .with_user(cls.consultant)
            .create({"project_id": cls.project.id, "partner_id": cls.buyer_c.id})
        )
        # an opening with a participant (its counts and absences to attack), the
        # number of a buyer of its own (one active number per family)
        opener = cls.env["res.partner"].create(
            {
                "name": "欧阳开",
                "realty_id_type": "resident",
                "realty_id_number": "110101198001011232",
            }
        )
        cls.visited(opener)
        number_d = (
            cls.env["realty.queue.number"]
            .with_user(cls.consultant)
            .create(
                {
                    "project_id": cls.project.id,
                    "partner_id": opener.id,
                    "category": "B",
                    "sincerity_amount": 20000,
                }
            )
        )
        event = cls.env["realty.opening.event"].create(
            {
                "name": "Attack opening",
                "project_id": cls.project.id,
                "user_id": cls.consultant.id,
                "room_ids": [(6, 0, cls.rooms[3].ids)],
            }
        )
        event.action_build_order()
        cls.attack_samples = {
            "realty.deal": deal,
            "realty.deal.buyer": deal.buyer_ids,
            "realty.deal.discount": deal.discount_line_ids,
            "realty.deal.payment": deal.payment_ids,
            "realty.deal.schedule.line": subscribed.schedule_line_ids,
            "realty.change.order": order,
            "realty.change.order.buyer": order.new_buyer_ids,
            "realty.change.order.discount": order.new_discount_ids,
            "realty.queue.number": number,
            "realty.opening.participant": event.participant_ids.filtered(
                lambda p: p.queue_number_id == number_d
            ),
        }
        typed = {"name": "Attack", "kind": "total_amount", "value": 1000}
        cls.attack_create_values = {
            "realty.deal": {
                "room_id": cls.rooms[2].id,
                "partner_id": cls.buyer_d.id,
                "payment_method_id": cls.cash.id,
            },
            "realty.deal.buyer": {"deal_id": deal.id, "partner_id": cls.buyer_d.id},
            "realty.deal.discount": {"deal_id": deal.id, **typed},
            "realty.deal.payment": {
                "deal_id": deal.id,
                "item": "intention",
                "amount": 1000,
                "method": "cash",
            },
            "realty.change.order": {
                "deal_id": subscribed.id,
                "change_type": "price",
                "reason": "客户申请",
                "new_manual_total": 1400000,
            },
            "realty.change.order.buyer": {
                "change_order_id": order.id,
                "partner_id": cls.buyer_d.id,
            },
            "realty.change.order.discount": {"change_order_id": order.id, **typed},
            "realty.queue.number": {
                "project_id": cls.project.id,
                "partner_id": cls.buyer_d.id,
                "category": "B",
            },
            "realty.opening.participant": {
                "event_id": event.id,
                "queue_number_id": number.id,
                "partner_id": cls.buyer_c.id,
            },
        }
