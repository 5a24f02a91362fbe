"""Fixtures of the handover tests: a completed, measured building, signed
contracts whose money is not due before the handover, and an after-sales user."""

from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user

from odoo.addons.realty_sales.tests.common import SalesCase


class HandoverCase(SalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.aftersales = new_test_user(
            cls.env,
            "realty_aftersales_user",
            groups="realty_base.group_realty_aftersales",
        )
        cls.engineer = new_test_user(
            cls.env,
            "realty_engineer",
            groups="realty_base.group_realty_aftersales",
        )
        cls.today = fields.Date.context_today(cls.env.user)
        # The fees collected for others and the maintenance fund are finance's
        # to know: with realty_finance installed it asks them by the city policy.
        # Here the city has no fund and the fees are collected at the certificate,
        # so these tests hold with or without finance (tests/realty_e2e checks
        # the money).
        cls.project.write(
            {
                "user_ids": [(4, cls.aftersales.id), (4, cls.engineer.id)],
                "filing_required": False,  # F12b: contracted → delivered
                "fee_collect_stage": "certificate",
                "handover_engineer_ids": [(6, 0, cls.engineer.ids)],
                "policy_id": cls.project.policy_id.copy(
                    {
                        "name": "No maintenance fund (test)",
                        "maint_mode": "per_m2",
                        "maint_elevator_residential": 0,
                        "maint_non_elevator_residential": 0,
                        "maint_non_residential": 0,
                    }
                ).id,
            }
        )
        cls.building.completion_filing_date = cls.today - timedelta(days=30)
        cls.rooms.write({"area_building_meas": 89.57, "area_inner_meas": 72.33})
        # the whole price due 400 days after the contract: nothing is due by the
        # handover (the payments check refuses with a cash method due sooner)
        cls.later = cls.create_cash_method(
            "Cash later (test)",
            "CASH-LATER",
            due_kind="days_after_contract",
            due_count=400,
            credit_deposit=True,
        )
        cls.buyer_c.email = "chen.li@example.com"

    def contract(self, room=None, buyer=None, method=None, settled=True):
        """A signed contract on `room`, its area adjustment settled."""
        deal = self.deal(
            room,
            buyer=buyer,
            payment_method_id=(method or self.later).id,
            subscription_signed=True,
        )
        deal.action_sign_contract()
        if settled:
            deal.sudo()._unlocked().area_adjust_state = "settled"
        return deal

    def handover(self, deal, days=20, **values):
        return (
            self.env["realty.handover"]
            .with_user(self.aftersales)
            .create(
                {
                    "deal_id": deal.id,
                    "date_scheduled": self.today + timedelta(days=days),
                    **values,
                }
            )
        )

    def inspect(self, handover, defects=()):
        return (
            self.env["realty.handover.inspection"]
            .with_user(self.aftersales)
            .create(
                {
                    "handover_id": handover.id,
                    "defect_ids": [
                        (
                            0,
                            0,
                            {"location": location, "description": f"{location}: 裂缝"},
                        )
                        for location in defects
                    ],
                }
            )
        )

    def ready(self, deal=None, defects=()):
        """A handover whose notice went out today, 20 days before, inspected and
        signed by the buyer."""
        handover = self.handover(deal or self.contract())
        handover.action_send_notice()
        self.inspect(handover, defects)
        handover.buyer_signed_date = self.today
        return handover
