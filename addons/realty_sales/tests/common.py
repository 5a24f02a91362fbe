"""Fixtures of the realty_sales tests: buyers, a priced and released room, payment
methods without discount (so that totals are the vectors')."""

from odoo.tests import new_test_user

from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_base.tests.common import RealtyCase
from odoo.addons.realty_base.tools import id_check_character


def resident_id(birth="19900307", seq="123", area="320106"):
    """An 18-character resident ID number with its check character (§8.5)."""
    body = f"{area}{birth}{seq}"
    return body + id_check_character(body)


CASH_IN_7_DAYS = {
    "due_kind": "days_after_contract",
    "due_count": 7,
    "credit_deposit": True,
}
"""The balance line of the tests' cash payment: within 7 days of the contract, with
the deposits credited."""


class SalesCase(RealtyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.director = new_test_user(
            cls.env, "realty_director", groups="realty_base.group_realty_director"
        )
        cls.gm = new_test_user(
            cls.env, "realty_gm", groups="realty_base.group_realty_gm"
        )
        cls.project.user_ids |= cls.director | cls.gm
        cls.project.write({"reservation_hours": 24})
        Partner = cls.env["res.partner"]
        cls.buyer_c = Partner.create(
            {
                "name": "陈立",
                "realty_id_type": "resident",
                "realty_id_number": "11010519491231002X",
            }
        )
        cls.buyer_d = Partner.create(
            {
                "name": "邓敏",
                "realty_id_type": "resident",
                "realty_id_number": "320106199003071234",
            }
        )
        cls.visited(cls.buyer_c | cls.buyer_d)
        cls.building = cls.create_building()
        cls.building.phase_id = cls.env["realty.phase"].create(
            {
                "name": "一期",
                "project_id": cls.project.id,
                "planned_delivery_date": "2027-06-30",
            }
        )
        cls.rooms = cls.generate(cls.building, floors=(11, 13), positions=(1, 2))
        cls.set_list_price(cls.rooms)  # V-03: 15,762.06 / 1,411,808
        cls.create_permit(cls.building)
        cls.rooms.with_user(cls.manager).action_release()
        cls.room, cls.room_b = cls.rooms[:2]
        cls.cash = cls.create_cash_method("Cash (test)", "CASH-T", **CASH_IN_7_DAYS)
        cls.commercial = cls.env.ref("realty_base.payment_method_commercial").copy(
            {"code": "COMM-T", "discount_factor": 1.0}
        )

    @classmethod
    def visited(cls, buyers, project=None):
        """The buyers visited the sales office once, long ago: the project's users
        see them (a buyer's personal data is for the projects the buyer is in)."""
        cls.env["realty.visit"].create(
            [
                {
                    "project_id": (project or cls.project).id,
                    "partner_id": buyer.id,
                    "date": "2020-01-01 10:00:00",
                }
                for buyer in buyers
            ]
        )

    def deal(self, room=None, buyer=None, user=None, **values):
        return (
            self.env["realty.deal"]
            .with_user(user or self.consultant)
            .create(
                {
                    "room_id": (room or self.room).id,
                    "partner_id": (buyer or self.buyer_c).id,
                    "payment_method_id": self.cash.id,
                    **values,
                }
            )
        )

    @staticmethod
    def force_state(room, state):
        """Put a room in a state a later module moves it to (filing, handover)."""
        room._unlocked().write({"state": state})

    def assertRefused(self, code, call, *args, **kwargs):
        with self.assertRaises(RealtyUserError) as caught:
            call(*args, **kwargs)
        self.assertEqual(caught.exception.code, code, str(caught.exception))
        return caught.exception
