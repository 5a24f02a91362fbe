"""The demo sales of 湖畔花园, built once at install.

``demo/realty_sales_demo.xml`` defines the buyers, then calls
:meth:`RealtyDemo._create_demo_sales`, which sells as the sales office does, through
the deals' own actions: deals at every stage made by the demo consultant and
approved by the demo manager, some visits, and the sales daily logs of the last
week. The file is ``noupdate``, so an update (``-u``) runs none of this again.
"""

from datetime import timedelta

from odoo import Command, api, fields, models

from .realty_crm_demo import create_demo_crm
from .realty_marketing_demo import create_demo_marketing
from .realty_opening_demo import create_demo_opening

DEAL_ROOMS = ("1-1-1501", "1-1-1601", "1-2-1702", "2-1-1902", "3-1-1001", "6-1-2001")
VISITS = [
    # (days ago, name, mobile, channel, visitors, first visit, notes)
    (6, "刘洋", "13912345601", "网络推广", 2, True, "关注一期高层，三房"),
    (5, "黄婷", "13912345602", "自然到访", 1, True, "预算300万以内"),
    (3, "林峰", "13912345603", "中介渠道", 3, True, "改善型，看洋房"),
    (2, "刘洋", "13912345601", "网络推广", 2, False, "复访，带父母看样板间"),
    (0, "何静", "13912345604", "老带新", 2, True, "1#业主介绍"),
]


class RealtyDemo(models.AbstractModel):
    _inherit = "realty.demo"

    @api.model
    def _create_demo_sales(self):
        """Deals at every stage, visits and the daily logs of 湖畔花园."""
        env = self.env
        project = env.ref("realty_base.realty_project_demo")
        consultant = env.ref("realty_base.user_consultant_demo")
        manager = env.ref("realty_base.user_manager_demo")
        rooms = {
            room.code: room
            for room in env["realty.room"].search(
                [("project_id", "=", project.id), ("code", "in", list(DEAL_ROOMS))]
            )
        }

        def partner(key):
            return env.ref(f"realty_sales.{key}_demo")

        commercial = env.ref("realty_base.payment_method_commercial")
        oneoff = env.ref("realty_base.payment_method_oneoff")
        Deal = (
            env["realty.deal"].with_user(consultant).with_context(tracking_disable=True)
        )

        def deal(code, buyer, **values):
            return Deal.create(
                {"room_id": rooms[code].id, "partner_id": partner(buyer).id, **values}
            )

        # 预留: a customer holds a room for 24 hours
        deal("1-1-1501", "partner_zhao_lei").action_reserve()
        # 小订: intention money taken
        small = deal("1-1-1601", "partner_sun_li", payment_method_id=oneoff.id)
        small.register_payment("intention", 20000, method="pos", reference="POS-0001")
        small.action_small_deposit()
        # 大订: the 定金 received, the subscription agreement not signed yet
        deposit = deal(
            "1-2-1702",
            "partner_zhou_min",
            payment_method_id=commercial.id,
            deposit_amount=50000,
        )
        deposit.register_payment("deposit", 50000, reference="TRF-0002")
        deposit.action_deposit()
        # 认购: a discretionary discount approved by the sales manager, then signed
        subscribed = deal(
            "2-1-1902",
            "partner_wu_jing",
            payment_method_id=commercial.id,
            deposit_amount=50000,
            discount_line_ids=[
                Command.create(
                    {
                        "name": "老带新优惠",
                        "kind": "total_amount",
                        "value": 10000,
                        "reason": "Referred by an owner of 1#",
                    }
                )
            ],
        )
        subscribed.register_payment("deposit", 50000, reference="TRF-0003")
        subscribed.action_deposit()
        subscribed.action_request_approval()
        subscribed.with_user(manager).action_approve()
        subscribed.write({"subscription_signed": True})
        subscribed.action_subscribe()
        # a deposit whose discount waits for the manager before the subscription
        waiting = deal(
            "3-1-1001",
            "partner_zheng_hao",
            payment_method_id=oneoff.id,
            deposit_amount=30000,
            discount_line_ids=[
                Command.create(
                    {
                        "name": "一次性付款额外优惠",
                        "kind": "total_amount",
                        "value": 30000,
                        "reason": "Asks for more for paying at once",
                    }
                )
            ],
        )
        waiting.register_payment("deposit", 30000, reference="TRF-0004")
        waiting.action_deposit()
        waiting.write({"subscription_signed": True})
        waiting.action_request_approval()
        # 签约: small deposit, subscription, then the contract
        signed = deal(
            "6-1-2001",
            "partner_qian_fang",
            payment_method_id=commercial.id,
            deposit_amount=50000,
            down_payment_ratio=0.3,
        )
        signed.register_payment("intention", 10000, method="pos")
        signed.action_small_deposit()
        signed.register_payment("deposit", 50000, reference="TRF-0005")
        signed.write({"subscription_signed": True})
        signed.action_subscribe()
        signed.write({"contract_no": "HPHY-2025-0001", "area_option": "building"})
        signed.action_sign_contract()

        self._demo_visits(project, consultant)
        Daily = env["realty.sales.daily"]
        today = Daily._today()
        Daily._generate(today - timedelta(days=6), today, projects=project)
        return True

    @api.model
    def _demo_visits(self, project, consultant):
        """Walk-in visits of the last week and the visits of two buyers."""
        Source = self.env["utm.source"]
        sources = {}
        for name in ("自然到访", "老带新", "网络推广", "中介渠道"):
            sources[name] = Source.search(
                [("name", "=", name)], limit=1
            ) or Source.create({"name": name})
        now = fields.Datetime.now()
        Visit = self.env["realty.visit"].with_user(consultant)
        Visit.create(
            [
                {
                    "date": now - timedelta(days=days),
                    "project_id": project.id,
                    "visitor_name": name,
                    "mobile": mobile,
                    "source_id": sources[channel].id,
                    "visitor_count": count,
                    "first_visit": first,
                    "notes": notes,
                }
                for days, name, mobile, channel, count, first, notes in VISITS
            ]
            + [
                {
                    "project_id": project.id,
                    "partner_id": self.env.ref(f"realty_sales.{key}_demo").id,
                    "source_id": sources["自然到访"].id,
                    "notes": "签约/认购客户",
                }
                for key in ("partner_wu_jing", "partner_qian_fang")
            ]
        )

    @api.model
    def _create_demo_crm(self):
        """A month of leads, visits and calls of 湖畔花园, with a few collisions
        (demo/realty_crm_demo.py)."""
        create_demo_crm(self.env)
        return True

    @api.model
    def _create_demo_marketing(self):
        """The channels of the month's leads and visits, two deals started from
        leads (demo/realty_marketing_demo.py)."""
        create_demo_marketing(self.env)
        return True

    @api.model
    def _create_demo_opening(self):
        """The opening day of 湖畔花园, open, with two portal buyers in their window
        (demo/realty_opening_demo.py)."""
        create_demo_opening(self.env)
        return True
