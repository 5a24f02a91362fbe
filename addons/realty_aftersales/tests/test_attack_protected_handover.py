"""The attacker suite of the handovers: every protected and write-once field of
the handover, its inspections and defects, tried over JSON-RPC by each realty
role (realty_base/tests/attack.py)."""

from odoo.tests import HttpCase, tagged

from odoo.addons.realty_base.tests.attack import ProtectedFieldAttack

from .common import HandoverCase

HANDOVER_MODELS = (
    "realty.handover",
    "realty.handover.inspection",
    "realty.handover.defect",
)


@tagged("post_install", "-at_install")
class TestAttackProtectedHandover(ProtectedFieldAttack, HandoverCase, HttpCase):
    attack_suite = "handover"

    attack_modules = ("realty_aftersales",)

    @classmethod
    def attack_models(cls):
        return [name for name in super().attack_models() if name in HANDOVER_MODELS]

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.create_attackers(cls.project)
        handover = cls.env["realty.handover"].with_user(cls.aftersales)
        first = handover.create(
            {"deal_id": cls._contract(cls.rooms[0]).id, "date_scheduled": "2031-01-31"}
        )
        first.action_send_notice()
        inspection = (
            cls.env["realty.handover.inspection"]
            .with_user(cls.aftersales)
            .create(
                {
                    "handover_id": first.id,
                    "defect_ids": [
                        (0, 0, {"location": "客厅", "description": "墙面开裂"})
                    ],
                }
            )
        )
        cls.attack_samples = {
            "realty.handover": first,
            "realty.handover.inspection": inspection,
            "realty.handover.defect": inspection.defect_ids,
        }
        cls.attack_create_values = {
            "realty.handover": {
                "deal_id": cls._contract(cls.rooms[1]).id,
                "date_scheduled": "2031-02-28",
            },
            "realty.handover.inspection": {"handover_id": first.id},
            "realty.handover.defect": {
                "inspection_id": inspection.id,
                "location": "厨房",
                "description": "瓷砖空鼓",
            },
        }

    @classmethod
    def _contract(cls, room):
        deal = (
            cls.env["realty.deal"]
            .with_user(cls.consultant)
            .create(
                {
                    "room_id": room.id,
                    "partner_id": cls.buyer_c.id,
                    "payment_method_id": cls.later.id,
                    "subscription_signed": True,
                }
            )
        )
        deal.action_sign_contract()
        return deal
