"""Stage moves of deals and change orders are mail subtypes: a follower who asked
only for signed contracts hears of the signature, not of every stage."""

from odoo.tests import new_test_user, tagged

from .test_change_order import TestChangeOrder


@tagged("post_install", "-at_install")
class TestTracking(TestChangeOrder):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.watcher = new_test_user(
            cls.env, "realty_watcher", groups="realty_base.group_realty_director"
        )
        cls.project.user_ids |= cls.watcher

    def flush_tracking(self):
        """Tracking messages are posted when the transaction commits."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def subtypes(self, record):
        self.flush_tracking()
        return record.message_ids.sorted("id").subtype_id

    def notified(self, record, partner):
        self.flush_tracking()
        return record.message_ids.filtered(
            lambda m: partner in m.notification_ids.res_partner_id
        ).subtype_id

    def test_a_follower_of_signed_contracts_hears_of_the_signature(self):
        deal = self.deal(
            delivery_date="2027-06-30", contract_no="HT-1", area_option="building"
        )
        signed = self.env.ref("realty_sales.mt_deal_signed")
        deal.message_subscribe(
            partner_ids=self.watcher.partner_id.ids, subtype_ids=signed.ids
        )
        self.flush_tracking()  # one message per transaction, as in the web client
        deal.action_reserve()
        self.flush_tracking()
        deal.write({"subscription_signed": True})
        deal.action_sign_contract()
        self.assertIn(self.env.ref("realty_sales.mt_deal_stage"), self.subtypes(deal))
        self.assertIn(signed, self.subtypes(deal))
        self.assertEqual(self.notified(deal, self.watcher.partner_id), signed)

    def test_change_orders_say_submitted_approved_executed(self):
        deal = self.subscribed()
        order = self.order(
            deal, "payment_method", new_payment_method_id=self.commercial.id
        )
        self.flush_tracking()
        order.action_submit()
        self.flush_tracking()
        order.with_user(self.manager).action_approve()
        self.flush_tracking()
        order.with_user(self.consultant).action_execute()
        names = {
            "realty_sales.mt_change_order_submitted",
            "realty_sales.mt_change_order_approved",
            "realty_sales.mt_change_order_executed",
        }
        self.assertLessEqual(
            {self.env.ref(name) for name in names}, set(self.subtypes(order))
        )
