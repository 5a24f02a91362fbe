"""The calculator prints as a one-page PDF in Chinese (付款详情 / 按揭详情)."""

from datetime import date

from odoo.tests import HttpCase, tagged

from .common import RealtyCase, pdf_text


@tagged("post_install", "-at_install")
class TestPriceReport(RealtyCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.building = cls.create_building()
        cls.room = cls.generate(cls.building, floors=(12, 12))
        cls.set_list_price(cls.room, total=2345678)
        cls.commercial = cls.env.ref("realty_base.payment_method_commercial").copy(
            {"code": "COMM-PDF", "discount_factor": 1.0}
        )

    def test_calculator_pdf_in_chinese(self):
        calc = (
            self.env["realty.price.calculator"]
            .with_context(lang="zh_CN")
            .create(
                {
                    "room_id": self.room.id,
                    "quote_date": date(2025, 6, 1),
                    "payment_method_id": self.commercial.id,
                    "down_payment_ratio": 0.15,
                }
            )
        )
        self.assertFalse(calc.error)
        report = self.env.ref("realty_base.action_report_price_calculator")
        pdf, fmt = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True, lang="zh_CN")
            ._render_qweb_pdf(report, calc.ids)
        )
        self.assertEqual(fmt, "pdf")
        text = pdf_text(pdf)
        self.assertIn("1-1-1201", text)  # the room
        self.assertIn(
            "贰佰叁拾肆万伍仟陆佰柒拾捌元整", text
        )  # V-11's total in capitals
        self.assertIn("按揭", text)  # the mortgage part, in Chinese
        self.assertIn("1,990,000", text)  # V-11's loan
        self.assertIn("8,443.68", text)  # V-14's monthly payment
