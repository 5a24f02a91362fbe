"""The attacker suite of the service cases: every protected and write-once field
of the cases, their checklist lines and their stage history, tried over JSON-RPC
by each realty role (realty_base/tests/attack.py)."""

from odoo.tests import HttpCase, tagged

from odoo.addons.realty_base.tests.attack import ProtectedFieldAttack

from .services_common import ServicesCase

SERVICE_MODELS = (
    "realty.service.case",
    "realty.service.case.document",
    "realty.service.case.stage.log",
)


@tagged("post_install", "-at_install")
class TestAttackProtectedServices(ProtectedFieldAttack, ServicesCase, HttpCase):
    attack_suite = "services"

    attack_modules = ("realty_aftersales",)

    @classmethod
    def attack_models(cls):
        return [name for name in super().attack_models() if name in SERVICE_MODELS]

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.create_attackers(cls.project)
        deal = cls.env["realty.deal"].with_user(cls.consultant)
        signed = deal.create(
            {
                "room_id": cls.room.id,
                "partner_id": cls.buyer_c.id,
                "payment_method_id": cls.commercial.id,
            }
        )
        signed.action_sign_contract()
        case = signed.service_case_ids.filtered(lambda c: c.type_id == cls.mortgage)
        cls.attack_samples = {
            "realty.service.case": case,
            "realty.service.case.document": case.document_ids,
            "realty.service.case.stage.log": case.stage_log_ids,
        }
        cls.attack_create_values = {
            "realty.service.case": {
                "deal_id": signed.id,
                "type_id": cls.handover.id,
            },
            "realty.service.case.document": {
                "case_id": case.id,
                "name": "补充材料",
            },
        }
