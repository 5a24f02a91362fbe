"""Published campaigns (§4.3): pre-approved for every deal, so publishing one is the
marketing director's act, and a change to a published campaign unpublishes it."""

from odoo.tests import new_test_user, tagged

from odoo.addons.realty_base.exceptions import RealtyUserError

from .common import RealtyCase


@tagged("post_install", "-at_install")
class TestDiscountPolicy(RealtyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.director = new_test_user(
            cls.env, "realty_director_p", groups="realty_base.group_realty_director"
        )
        cls.project.user_ids |= cls.director

    def refused(self, code, call, *args):
        with self.assertRaises(RealtyUserError) as caught:
            call(*args)
        self.assertEqual(caught.exception.code, code)

    def test_only_a_director_publishes_a_campaign(self):
        Policy = self.env["realty.discount.policy"].with_user(self.manager)
        self.refused(
            "ERR_INVALID_INPUT",
            Policy.create,
            {
                "name": "经理自封活动",
                "project_id": self.project.id,
                "kind": "total_amount",
                "value": 400000,
                "is_standard": True,
            },
        )
        policy = Policy.create(
            {
                "name": "开盘98折",
                "project_id": self.project.id,
                "kind": "percent",
                "value": 0.98,
            }
        )
        self.refused("ERR_INVALID_INPUT", policy.write, {"is_standard": True})
        self.refused("ERR_APPROVAL_REQUIRED", policy.action_publish)
        self.assertFalse(policy.is_standard)
        policy.with_user(self.director).action_publish()
        self.assertTrue(policy.is_standard)
        self.assertEqual(policy.approved_by_id, self.director)

    def test_a_change_to_a_published_campaign_unpublishes_it(self):
        policy = self.env["realty.discount.policy"].create(
            {
                "name": "老带新直减1万",
                "project_id": self.project.id,
                "kind": "total_amount",
                "value": 10000,
            }
        )
        policy.with_user(self.director).action_publish()
        policy.with_user(self.manager).write({"name": "老带新直减1万（更名）"})
        self.assertTrue(policy.is_standard, "the name is not what was published")
        policy.with_user(self.manager).write({"value": 400000})
        self.assertFalse(policy.is_standard)
        self.assertFalse(policy.approved_by_id)
        self.assertIn("approval is void", policy.message_ids[:1].body)
