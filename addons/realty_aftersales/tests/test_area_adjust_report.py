"""The settlement sheet (补差结算单, §7.4 step 3) as a PDF: its Chinese text, the
figures of V-26 and V-27, the manual adjustment with its reason and the amount in
capital numerals after 人民币 (§9.9), read back from the PDF."""

import unicodedata

from odoo.tests import HttpCase, tagged

from odoo.addons.realty_base.tests.common import pdf_text

from .area_common import AreaCase

RADICALS = str.maketrans({"⺠": "民", "⻚": "页"})
"""Ideographs the CJK font maps to CJK Radicals Supplement code points, which NFKC
leaves alone (人民币 comes out as 人⺠币): read back as the ideographs."""


@tagged("post_install", "-at_install")
class TestAreaSettlementReport(AreaCase, HttpCase):
    def render(self, lines):
        pdf, fmt = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(
                "realty_aftersales.action_report_area_settlement", lines.ids
            )
        )
        self.assertEqual(fmt, "pdf")
        return "".join(pdf_text(pdf).split()).translate(RADICALS)

    def assertPrinted(self, expected, text, msg=None):
        expected = "".join(unicodedata.normalize("NFKC", expected).split())
        self.assertIn(expected, text, msg)

    def test_the_settlement_sheets(self):
        self.contract("2-1-101")
        self.contract("2-1-201")
        batch = self.imported(
            [
                ("2-1-101", "91.20", "72.33", "18.87"),  # V-26: +23,438.99
                ("2-1-201", "87.40", "72.33", "15.07"),  # V-27: −31,204.06
            ]
        )
        charge, refund = self.line(batch, "2-1-101"), self.line(batch, "2-1-201")
        charge.with_user(self.aftersales).write(
            {"manual_adjustment": -438.99, "manual_reason": "抹零"}
        )
        action = batch.action_print_sheets()
        self.assertEqual(
            action["report_name"], "realty_aftersales.report_area_settlement"
        )
        text = self.render(charge)
        self.assertPrinted("商品房面积差异结算单", text)
        self.assertPrinted(f"编号：{batch.name}-{charge.row_number}", text)
        self.assertPrinted("实测-2027-001", text, "the survey report")
        self.assertPrinted("建筑面积（第二种方式）", text)
        self.assertPrinted("+1.82%（3%以内）", text, "V-26's error ratio")
        # the four-column table is read back column after column
        self.assertPrinted("买受人补交（3%以内）", text)
        self.assertPrinted("23,438.99", text)
        self.assertPrinted("-438.99调整原因抹零", text)
        self.assertPrinted("买受人应补交：人民币贰万叁仟元整（¥23,000.00）", text)
        self.assertPrinted("结算后房屋总价：¥1,310,994.00", text)
        self.assertPrinted("专项维修资金", text)
        self.assertNotIn("买受人有权退房", text, "within the band")
        self.assertNotIn("负", text, "a charge has no minus")

        text = self.render(refund)
        self.assertPrinted("-2.42%（3%以内）", text, "V-27's error ratio")
        self.assertPrinted("出卖人返还（3%以内）", text)
        self.assertPrinted("31,204.06", text)
        self.assertPrinted(
            "出卖人应返还：人民币叁万壹仟贰佰零肆元零陆分（¥31,204.06）",
            text,
            "§9.9: the refund in capital numerals, without its sign",
        )
        self.assertNotIn("调整原因", text, "no manual adjustment")
