"""Fixtures of the service-case tests: an after-sales officer of the project, a
consultant and an officer of another project, and deals signed with a commercial,
a provident-fund or no loan."""

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.realty_sales.tests.common import SalesCase


class ServicesCase(SalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer = new_test_user(
            cls.env, "realty_officer", groups="realty_base.group_realty_aftersales"
        )
        cls.project.user_ids |= cls.officer
        cls.elsewhere = cls.env["realty.project"].create(
            {"name": "Elsewhere", "code": "EW"}
        )
        cls.stranger = new_test_user(
            cls.env, "realty_stranger", groups="realty_base.group_realty_consultant"
        )
        cls.stranger_officer = new_test_user(
            cls.env,
            "realty_stranger_officer",
            groups="realty_base.group_realty_aftersales",
        )
        cls.elsewhere.user_ids = [
            Command.set((cls.stranger | cls.stranger_officer).ids)
        ]
        cls.registration = cls.env.ref("realty_aftersales.service_type_registration")
        cls.mortgage = cls.env.ref("realty_aftersales.service_type_mortgage")
        cls.provident = cls.env.ref("realty_aftersales.service_type_provident")
        cls.handover = cls.env.ref("realty_aftersales.service_type_handover")
        cls.certificate = cls.env.ref("realty_aftersales.service_type_certificate")
        # the shipped types as they ship (the demo names an officer and banks)
        cls.env["realty.service.type"].search([]).write(
            {"user_id": False, "partner_id": False}
        )
        # a combined loan borrows 20 times the provident account (§5.4)
        cls.project.policy_id.write({"pf_cap_family": 1200000, "pf_multiple": 20})
        cls.combined = cls.env.ref("realty_base.payment_method_combined").copy(
            {"code": "COMBO-T", "discount_factor": 1.0}
        )
        cls.Case = cls.env["realty.service.case"]

    def sign(self, room=None, buyer=None, **values):
        """A contract signed by the consultant (directly, F10)."""
        deal = self.deal(room=room, buyer=buyer, **values)
        deal.action_sign_contract()
        return deal

    @staticmethod
    def case_of(deal, service_type):
        return deal.service_case_ids.filtered(lambda c: c.type_id == service_type)

    @staticmethod
    def receive(case, stage):
        """The documents `case` needs to enter `stage`, received."""
        case.document_ids.filtered(
            lambda line: (
                (line.stage_id.sequence, line.stage_id.id) <= (stage.sequence, stage.id)
            )
        ).received = True
