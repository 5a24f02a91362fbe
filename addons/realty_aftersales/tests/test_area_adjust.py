"""Area adjustment batches through the models (§7.3-§7.6): V-26 … V-34 on both
sides of every boundary."""


from odoo.tests import tagged

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
