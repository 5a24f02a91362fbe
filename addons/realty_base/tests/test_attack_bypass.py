"""A price plan approved and applied by the sales manager alone, with a plain
JSON-RPC client: every way is refused with its code, in the user's language, and
no room is re-priced; the director's approval applies what was previewed."""

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .attack import RpcRefusalMixin
from .common import RealtyCase


@tagged("post_install", "-at_install")
class TestAttackBypassPlan(RpcRefusalMixin, RealtyCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.director = new_test_user(
            cls.env, "realty_director", groups="realty_base.group_realty_director"
        )
        cls.project.user_ids |= cls.director
        building = cls.create_building()
        cls.room = cls.generate(building, floors=(11, 11))
        cls.set_list_price(cls.room)  # 1,411,808
        cls.create_permit(building)
        cls.room.with_user(cls.manager).action_release()

    def test_manager_approves_and_applies_a_plan_alone(self):
        self.authenticate(self.manager.login, self.manager.login)
        plan_id = self.assertRpcDone(
            "realty.price.plan",
            "create",
            [
                {
                    "name": "¥1,000",
                    "project_id": self.project.id,
                    "kind": "adjustment",
                    "adjust_type": "set_total",
                    "adjust_value": 1000,
                    "room_ids": [Command.set(self.room.ids)],
                }
            ],
        )
        self.assertRpcDone("realty.price.plan", "action_preview", [[plan_id]])
        plan = self.env["realty.price.plan"].browse(plan_id)
        line = plan.line_ids
        self.assertEqual(line.new_total, 1000)
        for values in (
            {"state": "approved"},
            {"approved_by_id": self.manager.id},
            {
                "state": "approved",
                "approved_by_id": self.director.id,
                "approval_snapshot": plan._normalised_content(),
            },
        ):
            with self.subTest(values=list(values)):
                self.assertRpcRefused(
                    "ERR_INVALID_INPUT",
                    "realty.price.plan",
                    "write",
                    [[plan_id], values],
                )
        for method in ("action_approve", "action_apply"):
            with self.subTest(method=method):
                self.assertRpcRefused(
                    "ERR_APPROVAL_REQUIRED", "realty.price.plan", method, [[plan_id]]
                )
        self.assertEqual(plan.state, "draft")
        self.assertEqual(self.room.list_total, 1411808)
        self.assertFalse(self.room.price_history_ids)

        # approved by the director: what was previewed, and nothing else
        plan.with_user(self.director).action_approve()
        self.assertEqual((plan.state, plan.approved_by_id), ("approved", self.director))
        self.assertRpcRefused(
            "ERR_INVALID_INPUT",
            "realty.price.plan.line",
            "write",
            [line.ids, {"new_total": 1}],
        )
        self.assertRpcRefused(
            "ERR_STATE_TRANSITION",
            "realty.price.plan",
            "write",
            [[plan_id], {"adjust_value": 1}],
        )
        self.assertRpcRefused(
            "ERR_STATE_TRANSITION", "realty.price.plan", "action_preview", [[plan_id]]
        )
        # set back to draft, the approval is void
        self.assertRpcDone("realty.price.plan", "action_reset_to_draft", [[plan_id]])
        self.assertFalse(plan.approved_by_id or plan.approval_snapshot)
        self.assertRpcRefused(
            "ERR_APPROVAL_REQUIRED", "realty.price.plan", "action_apply", [[plan_id]]
        )
        self.assertEqual(self.room.list_total, 1411808)
        # the director's approval is what applies a plan
        plan.with_user(self.director).action_approve()
        self.assertRpcDone("realty.price.plan", "action_apply", [[plan_id]])
        self.assertEqual(self.room.list_total, 1000)
        self.assertEqual(self.room.price_history_ids.approver_id, self.director)
