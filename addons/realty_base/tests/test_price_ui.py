"""A consultant walks through the price calculator in the browser."""

from odoo.tests import HttpCase, tagged

from .common import RealtyCase


@tagged("post_install", "-at_install")
class TestPriceCalculatorUi(RealtyCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        building = cls.create_building(code="TC")
        room = cls.generate(building, floors=(12, 12))
        cls.set_list_price(room, total=2345678)
        cls.env.ref("realty_base.payment_method_commercial").copy(
            {"name": "Tour Loan", "code": "TOUR", "discount_factor": 1.0}
        )

    def test_consultant_uses_the_calculator(self):
        self.start_tour(
            "/odoo/action-realty_base.realty_room_action",
            "realty_base_price_calculator",
            login="realty_consultant",
        )
