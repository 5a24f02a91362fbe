"""Waiving a contract's area adjustment (§7.4 step 6): who may, with what reason,
on which deals, and that the handover's check then passes."""

from odoo.tests import tagged

from .area_common import AreaCase
from .test_area_adjust_flow import V26


@tagged("post_install", "-at_install")
class TestAreaWaive(AreaCase):
    def test_a_manager_waives_with_a_reason(self):
        deal = self.contract("2-1-101")
        deal.with_user(self.aftersales_manager).action_waive_area_adjustment(
            "  双方书面约定不补差 "
        )
        self.assertEqual(
            (deal.area_adjust_state, deal.area_waive_reason, deal.area_waived_by_id),
            ("waived", "双方书面约定不补差", self.aftersales_manager),
        )
        self.assertIn("双方书面约定不补差", deal.message_ids[0].body)
        self.assertFalse(deal.room_id._guard_area_settled())

    def test_the_wizard_waives(self):
        deal = self.contract("2-1-101")
        wizard = (
            self.env["realty.area.waive"]
            .with_user(self.aftersales_manager)
            .create({"deal_ids": [deal.id], "reason": "按套计价"})
        )
        wizard.action_confirm()
        self.assertEqual(deal.area_adjust_state, "waived")

    def test_refusals_leave_the_deal_as_it_was(self):
        deal = self.contract("2-1-101")
        for user, reason, code in (
            (self.aftersales, "双方约定", "ERR_APPROVAL_REQUIRED"),
            (self.consultant, "双方约定", "ERR_APPROVAL_REQUIRED"),
            (self.aftersales_manager, "   ", "ERR_INVALID_INPUT"),
        ):
            with self.subTest(user=user.login, reason=reason):
                self.assertRefused(
                    code,
                    deal.with_user(user).action_waive_area_adjustment,
                    reason,
                )
        self.assertEqual(
            (deal.area_adjust_state, deal.area_waive_reason), ("none", False)
        )
        self.assertTrue(deal.room_id._guard_area_settled())

    def test_only_an_unmeasured_active_contract_is_waived(self):
        pending = self.contract("2-1-101")
        self.imported([V26])
        self.assertEqual(pending.area_adjust_state, "pending")
        self.assertRefused(
            "ERR_STATE_TRANSITION",
            pending.with_user(self.aftersales_manager).action_waive_area_adjustment,
            "双方约定",
        )
        reserved = self.deal(self.survey_room("2-1-102"))
        reserved.action_reserve()
        self.assertRefused(
            "ERR_STATE_TRANSITION",
            reserved.with_user(self.aftersales_manager).action_waive_area_adjustment,
            "双方约定",
        )
        self.assertEqual(
            (pending.area_adjust_state, reserved.area_adjust_state),
            ("pending", "none"),
        )
