"""The attacker suite of the filings: every protected and write-once field of a
filing (its state, number, key, document, queue fields), tried over JSON-RPC by
each realty role (realty_base/tests/attack.py)."""

from odoo.tests import HttpCase, tagged

from odoo.addons.realty_base.tests.attack import ProtectedFieldAttack

from .common import FilingCase


@tagged("post_install", "-at_install")
class TestAttackProtectedFiling(ProtectedFieldAttack, FilingCase, HttpCase):
    attack_suite = "filing"
    attack_modules = ("realty_filing",)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.create_attackers(cls.project)
        deal = cls.env["realty.deal"].create(
            {
                "room_id": cls.room.id,
                "partner_id": cls.buyer_c.id,
                "payment_method_id": cls.cash.id,
                "delivery_date": "2027-06-30",
                "area_option": "building",
            }
        )
        deal.action_sign_contract()
        filing = cls.env["realty.filing"].create(
            {"deal_id": deal.id, "kind": "contract"}
        )
        cls.attack_samples = {"realty.filing": filing}
        cls.attack_create_values = {
            "realty.filing": {"deal_id": deal.id, "kind": "subscription"},
        }
