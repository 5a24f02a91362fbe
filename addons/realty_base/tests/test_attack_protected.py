"""The attacker suite of the inventory: every protected field of the rooms, the
price plans and their preview lines (and of any later realty_base model built on
realty.protected.mixin), tried over JSON-RPC by each realty role (attack.py)."""

from odoo import Command
from odoo.tests import HttpCase, tagged

from .attack import ProtectedFieldAttack
from .common import RealtyCase


@tagged("post_install", "-at_install")
class TestAttackProtectedBase(ProtectedFieldAttack, RealtyCase, HttpCase):
    attack_suite = "inventory"

    attack_modules = ("realty_base",)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.create_attackers(cls.project)
        building = cls.create_building()
        rooms = cls.generate(building, floors=(11, 12))
        cls.set_list_price(rooms)
        cls.create_permit(building)
        rooms.with_user(cls.manager).action_release()
        plan = (
            cls.env["realty.price.plan"]
            .with_user(cls.manager)
            .create(
                {
                    "name": "Attacked plan",
                    "project_id": cls.project.id,
                    "kind": "adjustment",
                    "adjust_value": 2,
                    "room_ids": [Command.set(rooms.ids)],
                }
            )
        )
        plan.with_user(cls.manager).action_preview()
        campaign = cls.env["realty.discount.policy"].create(
            {
                "name": "Attacked campaign",
                "project_id": cls.project.id,
                "kind": "total_amount",
                "value": 5000,
            }
        )
        cls.attack_samples = {
            "realty.room": rooms[:1],
            "realty.price.plan": plan,
            "realty.price.plan.line": plan.line_ids,
            "realty.discount.policy": campaign,
        }
        floor = building.floor_ids.filtered(lambda f: f.physical == 11)
        cls.attack_create_values = {
            "realty.room": {
                "code": "1-ATTACK",
                "building_id": building.id,
                "stair_id": building.stair_ids[:1].id,
                "floor_id": floor.id,
                "position": 9,
            },
            "realty.price.plan": {
                "name": "Attack plan",
                "project_id": cls.project.id,
                "kind": "adjustment",
                "adjust_type": "set_total",
                "adjust_value": 1000,
            },
            "realty.discount.policy": {
                "name": "Attack campaign",
                "project_id": cls.project.id,
                "kind": "total_amount",
                "value": 400000,
            },
        }
