"""Area adjustment batches through the models (§7.3-§7.6): V-26 … V-34 on both
sides of every boundary."""

from datetime import date

from odoo.tests import tagged

from odoo.addons.realty_base.tools import errors as codes

from .area_common import AreaCase


@tagged("post_install", "-at_install")
class TestAreaAdjust(AreaCase):
    def test_v26_to_v29_option_2(self):
        deals = [
            self.contract(code) for code in ("2-1-101", "2-1-102", "2-1-201", "2-1-202")
        ]
        batch = self.imported(
            [
                ("2-1-101", "91.20", "72.33", "18.87"),  # V-26
                ("2-1-102", "87.40", "72.33", "15.07"),  # V-27
                ("2-1-201", "93.60", "72.33", "21.27"),  # V-28
                ("2-1-202", "85.10", "72.33", "12.77"),  # V-29
            ]
        )
        self.assertEqual(batch.state, "computed")
        self.assertEqual({d.area_adjust_state for d in deals}, {"pending"})
        expected = {
            "2-1-101": (1.82, "within", 23438.99, 0, 0, 0, 23438.99, 1311432.99, False),
            "2-1-102": (
                -2.42,
                "within",
                0,
                0,
                31204.06,
                0,
                -31204.06,
                1256789.94,
                False,
            ),
            "2-1-201": (
                4.50,
                "beyond",
                38639.83,
                19310.57,
                0,
                0,
                38639.83,
                1326633.83,
                True,
            ),
            "2-1-202": (
                -4.99,
                "beyond",
                0,
                0,
                38639.83,
                51275.31,
                -89915.14,
                1198078.86,
                True,
            ),
        }
        for code, values in expected.items():
            line = self.line(batch, code)
            self.assertEqual(
                (
                    line.ratio,
                    line.band,
                    line.buyer_pays,
                    line.seller_bears,
                    line.refund_single,
                    line.refund_double,
                    line.amount,
                    line.adjusted_total,
                    line.rescission_right,
                ),
                values,
                code,
            )
        self.assertEqual(self.line(batch, "2-1-101").unit_price, 14379.75)
        self.assertEqual(
            self.line(batch, "2-1-201").amount_capital, "叁万捌仟陆佰叁拾玖元捌角叁分"
        )
        self.assertEqual(batch.rescission_count, 2)
        self.assertEqual(
            batch.amount_net, round(23438.99 - 31204.06 + 38639.83 - 89915.14, 2)
        )

    def test_v30_exact_boundaries(self):
        codes_ = ("2-1-101", "2-1-102", "2-1-201", "2-1-202")
        for code in codes_:
            self.contract(code, (100.00, 80.00, 20.00), 10000.00, 1000000)
        batch = self.imported(
            [
                ("2-1-101", "103.00", "80.00", "23.00"),
                ("2-1-102", "103.01", "80.00", "23.01"),
                ("2-1-201", "97.00", "80.00", "17.00"),
                ("2-1-202", "96.99", "80.00", "16.99"),
            ]
        )
        expected = {
            "2-1-101": (3.00, "within", 30000.00, 0, 0, 30000.00),
            "2-1-102": (3.01, "beyond", 30000.00, 100.00, 0, 30000.00),
            "2-1-201": (-3.00, "within", 0, 0, 30000.00, -30000.00),
            "2-1-202": (-3.01, "beyond", 0, 0, 30200.00, -30200.00),
        }
        for code, values in expected.items():
            line = self.line(batch, code)
            refund = line.refund_single + line.refund_double
            self.assertEqual(
                (line.ratio, line.band, line.buyer_pays, line.seller_bears, refund),
                values[:5],
                code,
            )
            self.assertEqual(line.amount, values[5], code)
            self.assertEqual(line.rescission_right, values[1] == "beyond", code)

    def test_v31_inner_beyond_gives_the_rescission_right(self):
        self.contract("2-1-101")
        batch = self.imported([("2-1-101", "90.50", "74.60", "15.90")])
        line = batch.line_ids
        self.assertEqual((line.ratio, line.inner_ratio), (1.04, 3.14))
        self.assertEqual(line.band, "within")
        self.assertTrue(line.rescission_right)
        self.assertEqual(line.amount, 13373.17)
        # the other side: inner within the band, no rescission right
        self.contract("2-1-102")
        other = self.imported([("2-1-102", "90.50", "74.40", "16.10")])
        self.assertFalse(other.line_ids.rescission_right)

    def test_v32_option_1_inner_area(self):
        deal = self.contract("2-1-101", area_option="inner")
        batch = self.imported([("2-1-101", "88.34", "71.10", "17.24")])
        line = batch.line_ids
        self.assertEqual(line.basis, "inner")
        self.assertEqual((line.contract_area, line.measured_area), (72.33, 71.10))
        self.assertEqual(line.unit_price, 17807.19)  # V-10's inner equivalent
        self.assertEqual((line.ratio, line.band), (-1.70, "within"))
        self.assertEqual(line.amount, -21902.84)
        self.assertEqual(line.adjusted_total, deal.deal_total - 21902.84)

    def test_v33_fees_follow_the_measured_area(self):
        self.contract("2-1-101", (139.20, 112.00, 27.20), 20000.00, 2784000)
        batch = self.imported([("2-1-101", "141.30", "114.10", "27.20")])
        line = batch.line_ids
        self.assertEqual((line.ratio, line.amount), (1.51, 42000.00))
        self.assertEqual(line.adjusted_total, 2826000.00)
        self.assertEqual(
            (line.deed_tax_before, line.deed_tax_after, line.deed_tax_difference),
            (25541.28, 38889.91, 13348.63),
        )
        self.assertEqual(
            (line.deed_tax_rate_before, line.deed_tax_rate_after), (0.01, 0.015)
        )
        self.assertEqual(
            (line.maintenance_fund_before, line.maintenance_fund_after),
            (13920.00, 14130.00),
        )
        self.assertEqual(line.maintenance_fund_difference, 210.00)
        self.assertEqual(line.amount_capital, "肆万贰仟元整")

    def test_v34_rescission_refund_with_interest(self):
        deal = self.contract("2-1-201")
        deal.register_payment("balance", 500000, date="2025-01-10")
        self.project.write(
            {"rescission_interest_rate": 0.03, "rescission_refund_days": 15}
        )
        batch = self.imported([("2-1-201", "93.60", "72.33", "21.27")])
        line = batch.line_ids.with_user(self.aftersales)
        self.assertTrue(line.rescission_right)
        self.assertRefused(codes.ERR_STATE_TRANSITION, batch.action_submit)
        line.write({"buyer_choice": "rescind", "notice_date": "2025-06-23"})
        self.assertEqual(line.rescission_deadline, date(2025, 7, 8))
        self.assertEqual(
            (line.rescission_paid, line.rescission_interest, line.rescission_refund),
            (500000.00, 7356.16, 507356.16),
        )
        # 0: the 1-year LPR on the notice date (3.00 % from 2025-05-20)
        self.project.rescission_interest_rate = 0
        line.write({"notice_date": "2025-06-24"})
        self.assertEqual(line.rescission_rate, 0.03)
        self.assertEqual(line.rescission_deadline, date(2025, 7, 9))
        self.assertEqual(line.rescission_interest, 7397.26)
        # a buyer within the band has nothing to choose
        self.contract("2-1-101")
        within = self.imported([("2-1-101", "91.20", "72.33", "18.87")]).line_ids
        self.assertRefused(
            codes.ERR_STATE_TRANSITION,
            within.with_user(self.aftersales).write,
            {"buyer_choice": "continue"},
        )

    def test_option_3_per_unit_is_not_applicable(self):
        deal = self.contract("2-1-101", area_option="unit")
        batch = self.imported([("2-1-101", "93.60", "72.33", "21.27")])
        line = batch.line_ids
        self.assertEqual((line.basis, line.band, line.amount), ("unit", "na", 0.0))
        self.assertFalse(line.rescission_right)
        self.assertEqual(line.adjusted_total, deal.deal_total)
