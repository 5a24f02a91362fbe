"""An area adjustment batch through the web client, by an after-sales manager
(tour in static/tests/tours/realty_area_adjust_tour.js): the survey uploaded in
the batch form, imported, one line adjusted by hand, submitted, approved, applied,
and the deal's schedule and fees seen changed."""

from odoo.tests import HttpCase, tagged

from .area_common import AreaCase


@tagged("post_install", "-at_install")
class TestAreaAdjustUi(AreaCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("en_US")
        cls.aftersales_manager.write({"lang": "en_US", "tour_enabled": False})

    def test_import_adjust_approve_apply(self):
        deal = self.contract("2-1-101")
        self.start_tour(
            "/odoo",
            "realty_area_adjust_aftersales",
            login=self.aftersales_manager.login,
        )
        self.env.invalidate_all()
        batch = self.env["realty.area.adjust.batch"].search(
            [("building_id", "=", self.survey.id)]
        )
        self.assertEqual(len(batch), 1)
        self.assertEqual(batch.state, "applied")
        self.assertEqual(batch.filename, "实测面积.csv")
        self.assertEqual(batch.approved_by_id, self.aftersales_manager)
        line = batch.line_ids
        self.assertEqual(
            (line.net, line.manual_adjustment, line.manual_reason, line.amount),
            (23438.99, -438.99, "抹零", 23000.00),
        )
        self.assertEqual(deal.area_adjust_state, "settled")
        self.assertEqual(deal.room_id.area_building_meas, 91.20)
        area = deal.schedule_line_ids.filtered(lambda s: s.item == "area_adjustment")
        self.assertEqual((area.amount, area.due_date), (23000.00, deal.delivery_date))
        self.assertEqual(deal._fee_basis(), (1310994.00, 91.20))
