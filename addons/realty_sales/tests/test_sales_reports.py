"""The deal PDFs (认购书, 商品房买卖合同), the sales daily log and the sales
analysis."""

import unicodedata
from datetime import date, datetime

from psycopg2 import IntegrityError

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.realty_base.tests.common import AREAS, pdf_text

from .common import SalesCase

TOTAL = 1411808  # V-03's list total, the deal total without discount
TOTAL_CAPITAL = "壹佰肆拾壹万壹仟捌佰零捌元整"
DAY = date(2026, 3, 10)
AT = datetime(2026, 3, 10, 2, 0)  # 10:00 in Beijing
DAY_START = datetime(2026, 3, 9, 16, 30)  # 00:30 on 10 March in Beijing
DAY_BEFORE = datetime(2026, 3, 9, 15, 30)  # 23:30 on 9 March in Beijing


@tagged("post_install", "-at_install")
class TestSalesReports(SalesCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.write(
            {
                "company_registry": "91330110MA2H7Q5X3B",
                "realty_qualification_no": "浙建房开（2021）第0358号",
                "realty_legal_representative": "陈建国",
            }
        )
        cls.project.write(
            {
                "registered_name": "测试花园住宅小区",
                "land_certificate_no": "浙（2023）杭州市不动产权第0186432号",
                "supervision_bank": "中国建设银行杭州余杭支行",
                "supervision_account_name": "测试置业有限公司",
                "supervision_account_no": "33050161836700001288",
            }
        )

    def render(self, xmlid, deals):
        """The PDF's text, without the line breaks and spaces of its layout."""
        pdf, fmt = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(self.env.ref(xmlid), deals.ids)
        )
        self.assertEqual(fmt, "pdf")
        return "".join(pdf_text(pdf).split())

    def assertPrinted(self, expected, text, msg=None):
        """`expected` is in the PDF's text, compared as pdf_text normalises it (full
        width brackets come out as ASCII ones). CJK fonts print some ideographs as
        radicals that NFKC keeps (民 as U+2EA0), so asserts avoid them."""
        self.assertIn(unicodedata.normalize("NFKC", expected), text, msg)

    # ------------------------------------------------------------------ PDFs
    def test_subscription_agreement(self):
        deal = self.deal(deposit_amount=50000, subscription_signed=True)
        deal.register_payment("deposit", 50000)
        deal.action_subscribe()
        text = self.render("realty_sales.action_report_subscription", deal)
        self.assertPrinted("商品房认购书", text)
        self.assertPrinted(self.buyer_c.name, text)
        self.assertPrinted(self.buyer_c.realty_id_number, text)
        self.assertPrinted(self.room.code, text)
        self.assertPrinted(TOTAL_CAPITAL, text)
        self.assertPrinted("伍万元整", text, "the 定金 in capitals")
        self.assertPrinted("双倍返还定金", text, "the 定金 outcomes (§5.8)")
        self.assertPrinted(self.room.permit_id.name.replace(" ", ""), text)

    def test_sales_contract(self):
        deal = self.deal(
            delivery_date="2027-06-30",
            contract_no="TG-2026-0001",
            area_option="building",
        )
        deal.action_sign_contract()
        text = self.render("realty_sales.action_report_contract", deal)
        self.assertPrinted("商品房买卖合同（预售）", text)
        self.assertPrinted("TG-2026-0001", text)
        self.assertPrinted(self.buyer_c.name, text)
        self.assertPrinted(self.room.code, text)
        self.assertPrinted(TOTAL_CAPITAL, text)
        self.assertPrinted("91330110MA2H7Q5X3B", text, "the developer's credit code")
        self.assertPrinted("浙建房开（2021）第0358号", text)
        self.assertPrinted("33050161836700001288", text, "the supervision account")
        self.assertPrinted("万分之5", text, "the late-payment rate, 0.0005 a day")

    def test_demo_contract_is_the_developers(self):
        """The demo contract names the demo developer, its Hangzhou address, phone
        and credit code, never Odoo's YourCompany (make test has demo data)."""
        deal = self.env["realty.deal"].search([("contract_no", "=", "HPHY-2025-0001")])
        if not deal:
            self.skipTest("installed without demo data")
        text = self.render("realty_sales.action_report_contract", deal)
        self.assertPrinted("杭州湖畔置业有限公司", text)
        self.assertPrinted("浙江省杭州市良渚街道良渚港路66号", text)
        self.assertPrinted("+8657188268188", text)
        self.assertPrinted("91330110MA2H7Q5X3B", text)
        self.assertNotIn("YourCompany", text)
        self.assertNotIn("ExecutivePark", text)

    # ------------------------------------------------------------- daily log
    def sell(self):
        """A known day: every stage once, a cancellation, visits; a reservation and
        a visit just before midnight of the day before."""
        rooms = self.rooms
        reserved = self.deal(rooms[0])
        reserved.action_reserve()
        small = self.deal(rooms[1], buyer=self.buyer_d)
        small.register_payment("intention", 10000)
        small.action_small_deposit()
        subscribed = self.deal(rooms[2], deposit_amount=50000, subscription_signed=True)
        subscribed.register_payment("deposit", 50000)
        subscribed.action_deposit()
        subscribed.action_subscribe()
        signed = self.deal(rooms[3], buyer=self.buyer_d, delivery_date="2027-06-30")
        signed.action_sign_contract()
        cancelled = self.deal(rooms[4])
        cancelled.register_payment("intention", 5000)
        cancelled.action_small_deposit()
        cancelled.action_cancel_small_deposit()
        late = self.deal(rooms[5], buyer=self.buyer_d)
        late.action_reserve()
        self.deal(rooms[5], buyer=self.buyer_d)  # a draft: counted nowhere
        for deal in reserved | small | subscribed | cancelled:
            deal._unlocked().write(  # test setup: the deals' dates
                {
                    name: AT
                    for name in (
                        "date_reservation",
                        "date_small_deposit",
                        "date_deposit",
                        "date_subscription",
                        "date_contract",
                        "stage_date",
                    )
                    if deal[name]
                }
            )
        signed._unlocked().write({"date_contract": DAY_START, "stage_date": DAY_START})
        late._unlocked().write(
            {"date_reservation": DAY_BEFORE, "stage_date": DAY_BEFORE}
        )
        self.env["realty.room.state.log"].search([("room_id", "in", rooms.ids)]).write(
            {"date": AT}
        )
        Visit = self.env["realty.visit"].with_user(self.consultant)
        Visit.create(
            [
                {
                    "project_id": self.project.id,
                    "visitor_name": "刘洋",
                    "mobile": "13912345601",
                    "visitor_count": 2,
                    "date": AT,
                },
                {
                    "project_id": self.project.id,
                    "partner_id": self.buyer_c.id,
                    "date": DAY_START,
                },
                {
                    "project_id": self.project.id,
                    "visitor_name": "黄婷",
                    "date": DAY_BEFORE,
                },
            ]
        )
        return reserved | small | subscribed | signed | late

    def test_daily_log(self):
        self.sell()
        Daily = self.env["realty.sales.daily"]
        logs = Daily._generate(date(2026, 3, 9), DAY, projects=self.project)
        self.assertEqual(len(logs), 2, "one log per project and day")
        log = logs.filtered(lambda log: log.date == DAY)
        self.assertRecordValues(
            log,
            [
                {
                    "visit_count": 2,
                    "visitor_count": 3,
                    "reservation_count": 1,
                    "small_deposit_count": 2,
                    "deposit_count": 1,
                    "deposit_amount": 50000,
                    "subscription_count": 1,
                    "subscription_amount": TOTAL,
                    "contract_count": 1,
                    "contract_amount": TOTAL,
                    "contract_area": AREAS["area_building"],
                    "cancellation_count": 1,
                }
            ],
        )
        before = logs - log
        self.assertRecordValues(
            before,
            [
                {
                    "visit_count": 1,
                    "reservation_count": 1,
                    "small_deposit_count": 0,
                    "contract_count": 0,
                    "cancellation_count": 0,
                }
            ],
        )

        # regenerating recomputes the figures and keeps the notes
        log.notes = "开盘首日，到访踊跃"
        self.env["realty.visit"].create(
            {"project_id": self.project.id, "visitor_name": "林峰", "date": AT}
        )
        log.action_recompute()
        self.assertEqual(log.visit_count, 3)
        self.assertEqual(log.notes, "开盘首日，到访踊跃")
        self.assertEqual(Daily.search_count([("project_id", "=", self.project.id)]), 2)
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            Daily.create({"project_id": self.project.id, "date": DAY})
            self.env.flush_all()

    def test_daily_cron_covers_every_project(self):
        other = self.env["realty.project"].create({"name": "Other", "code": "OTH"})
        self.env["realty.sales.daily"]._cron_generate()
        today = self.env["realty.sales.daily"]._today()
        logs = self.env["realty.sales.daily"].search(
            [("project_id", "in", (self.project | other).ids), ("date", "=", today)]
        )
        self.assertEqual(logs.project_id, self.project | other)

    # -------------------------------------------------------------- analysis
    def test_sales_analysis(self):
        self.sell()
        Report = self.env["realty.sales.report"]
        domain = [("project_id", "=", self.project.id)]
        [(units, area, total)] = Report._read_group(
            domain, [], ["unit_count:sum", "area_building:sum", "deal_total:sum"]
        )
        # active deals only: the cancelled small deposit and the draft are left out
        self.assertEqual(units, 5)
        self.assertAlmostEqual(area, 5 * AREAS["area_building"], places=2)
        self.assertEqual(total, 5 * TOTAL)
        by_stage = dict(Report._read_group(domain, ["stage"], ["unit_count:sum"]))
        self.assertEqual(
            by_stage,
            {"reservation": 2, "small_deposit": 1, "subscription": 1, "contract": 1},
        )
        self.assertEqual(
            Report.with_user(self.consultant).search_count(domain),
            5,
            "a member of the project sees its figures",
        )
        outsider = new_test_user(
            self.env, "realty_outsider", groups="realty_base.group_realty_manager"
        )
        self.assertEqual(Report.with_user(outsider).search_count(domain), 0)
