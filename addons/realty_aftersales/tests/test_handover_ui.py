"""A handover through the web client, by an after-sales user (tour in
static/tests/tours/realty_handover_tour.js)."""

from odoo.tests import HttpCase, tagged

from .common import HandoverCase


@tagged("post_install", "-at_install")
class TestHandoverUi(HandoverCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("en_US")
        cls.aftersales.write({"lang": "en_US", "tour_enabled": False})
        cls.buyer_c.name = "Tour Buyer 陈"

    def test_schedule_notify_inspect_hand_over(self):
        deal = self.contract()
        self.start_tour(
            "/odoo", "realty_handover_aftersales", login=self.aftersales.login
        )
        self.env.invalidate_all()
        handover = self.env["realty.handover"].search([("deal_id", "=", deal.id)])
        self.assertEqual(len(handover), 1)
        self.assertEqual(handover.state, "done")
        self.assertEqual(deal.room_id.state, "delivered")
        self.assertEqual(handover.notice_date, self.today)
        self.assertEqual(handover.buyer_signed_date, self.today)
        self.assertEqual(handover.key_count, 2)
        defect = handover.defect_ids
        self.assertEqual(
            (defect.location, defect.state), ("Master bedroom window", "closed")
        )
        self.assertEqual(defect.closed_by_id, self.aftersales)
        self.assertTrue(
            self.env["mail.mail"].search(
                [("model", "=", "realty.handover"), ("res_id", "=", handover.id)]
            ),
            "the notice is in the mail queue",
        )
