"""The attacker suite of the area adjustment batches and their lines: every
protected field tried over JSON-RPC by each realty role
(realty_base/tests/attack.py)."""

from odoo.tests import HttpCase, tagged

from odoo.addons.realty_base.tests.attack import ProtectedFieldAttack

from .area_common import AreaCase, csv_file

AREA_MODELS = ("realty.area.adjust.batch", "realty.area.adjust.line")


@tagged("post_install", "-at_install")
class TestAttackProtectedArea(ProtectedFieldAttack, AreaCase, HttpCase):
    attack_suite = "aftersales area"
    attack_modules = ("realty_aftersales",)

    @classmethod
    def attack_models(cls):
        return [name for name in super().attack_models() if name in AREA_MODELS]

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.create_attackers(cls.project)
        room = cls.survey_rooms[0]
        deal = cls.env["realty.deal"].create(
            {
                "room_id": room.id,
                "partner_id": cls.buyer_c.id,
                "payment_method_id": cls.cash.id,
                "subscription_signed": True,
            }
        )
        deal.action_sign_contract()
        batch = (
            cls.env["realty.area.adjust.batch"]
            .with_user(cls.aftersales)
            .create(
                {
                    "project_id": cls.project.id,
                    "building_id": cls.survey.id,
                    "file": csv_file([(room.code, "91.20", "72.33", "18.87")]),
                    "filename": "实测.csv",
                }
            )
        )
        batch.action_import()
        cls.attack_samples = {
            "realty.area.adjust.batch": batch,
            "realty.area.adjust.line": batch.line_ids,
        }
        cls.attack_create_values = {
            "realty.area.adjust.batch": {
                "project_id": cls.project.id,
                "building_id": cls.survey.id,
            },
            # every required field of a line is the import's: no client creates one
            "realty.area.adjust.line": {},
        }
