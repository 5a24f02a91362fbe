"""The demo area adjustments of 湖畔花园's 5# (demo/realty_area_adjust_demo.py):
skipped in a database installed without the demo data."""

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestAreaAdjustDemo(TransactionCase):
    def test_an_applied_batch_and_one_awaiting_approval(self):
        building = self.env.ref("realty_base.building_5_demo", raise_if_not_found=False)
        if not self.env.ref(
            "realty_aftersales.partner_shen_hui_demo", raise_if_not_found=False
        ):
            self.skipTest("installed without demo data")
        batches = self.env["realty.area.adjust.batch"].search(
            [("building_id", "=", building.id)], order="id"
        )
        self.assertEqual(batches.mapped("state"), ["applied", "to_approve"])
        applied, pending = batches
        self.assertEqual(applied.line_count, 3)
        manual = applied.line_ids.filtered("manual_adjustment")
        self.assertEqual(len(manual), 1)
        self.assertTrue(manual.manual_reason)
        self.assertEqual(manual.amount % 100, 0, "rounded to the hundred yuan")
        self.assertGreater(applied.amount_to_collect, 0)
        self.assertGreater(applied.amount_to_refund, 0)
        self.assertEqual(
            set(applied.line_ids.deal_id.mapped("area_adjust_state")), {"settled"}
        )
        self.assertEqual(
            set(applied.line_ids.mapped("room_id.area_building_meas")),
            set(applied.line_ids.mapped("area_building_meas")),
        )
        self.assertEqual(pending.line_count, 1)
        self.assertEqual(pending.line_ids.deal_id.area_adjust_state, "pending")
