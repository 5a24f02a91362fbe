"""A month of customers of 湖畔花园 (客户跟进): leads from three campaigns, their
visits and calls, and a few collisions (the second consultant entering customers
the first one already follows). Made through the models' own create, so the
duplicate check assigns and logs as it does for users."""

from datetime import timedelta

from odoo import fields

# (days ago, name, mobile, campaign, medium, purpose, visits: [(days ago, kind)])
LEADS = [
    (
        29,
        "孙浩",
        "13812340001",
        "spring",
        "outdoor",
        "own_use",
        [(29, "visit"), (20, "call")],
    ),
    (27, "周琳", "13812340002", "spring", "wechat", "upgrade", [(27, "visit")]),
    (25, "吴磊", "13812340003", "spring", "outdoor", "investment", [(24, "call")]),
    (
        22,
        "郑爽",
        "13812340004",
        "may_day",
        "wechat",
        "own_use",
        [(22, "visit"), (15, "visit")],
    ),
    (20, "冯涛", "13812340005", "may_day", "wechat", "school", []),
    (18, "陈静", "13812340006", "may_day", "outdoor", "upgrade", [(18, "visit")]),
    (
        14,
        "褚明",
        "13812340007",
        "referral",
        "wechat",
        "own_use",
        [(14, "visit"), (7, "call")],
    ),
    (11, "卫东", "13812340008", "referral", "outdoor", "retirement", [(11, "visit")]),
    (8, "蒋欣", "13812340009", "spring", "wechat", "own_use", [(8, "call")]),
    (5, "沈悦", "13812340010", "may_day", "outdoor", "investment", [(5, "visit")]),
    (3, "韩雪", "13812340011", "referral", "wechat", "upgrade", [(3, "visit")]),
    (1, "杨帆", "13812340012", "spring", "outdoor", "own_use", []),
]
COLLISIONS = [
    # (days ago, name as typed, mobile as typed): customers of the first consultant
    (19, "孙先生", "+86 138-1234-0001"),
    (12, "郑女士", "138 1234 0004"),
    (6, "褚明", "0086 13812340007"),
]


def create_demo_crm(env):
    project = env.ref("realty_base.realty_project_demo")
    first = env.ref("realty_base.user_consultant_demo")
    second = env.ref("realty_sales.user_consultant2_demo")
    campaigns = {
        "spring": env.ref("realty_sales.utm_campaign_spring_opening_demo"),
        "may_day": env.ref("realty_sales.utm_campaign_may_day_tour_demo"),
        "referral": env.ref("realty_sales.utm_campaign_owner_referral_demo"),
    }
    mediums = {
        "outdoor": env.ref("realty_sales.utm_medium_outdoor_demo"),
        "wechat": env.ref("realty_sales.utm_medium_wechat_demo"),
    }
    now = fields.Datetime.now()
    ctx = {"tracking_disable": True, "mail_create_nolog": True}
    for index, (days, name, mobile, campaign, medium, purpose, visits) in enumerate(
        LEADS
    ):
        user = first if index % 3 != 2 else second
        lead = (
            env["crm.lead"]
            .with_user(user)
            .with_context(**ctx)
            .create(
                {
                    "name": f"{name}, {project.name}",
                    "type": "opportunity",
                    "contact_name": name,
                    "mobile": mobile,
                    "realty_project_id": project.id,
                    "campaign_id": campaigns[campaign].id,
                    "medium_id": mediums[medium].id,
                    "realty_purpose": purpose,
                    "realty_area_min": 89 if purpose != "upgrade" else 120,
                    "realty_area_max": 120 if purpose != "upgrade" else 144,
                    "realty_budget": 2500000 if purpose != "upgrade" else 3800000,
                }
            )
        )
        # created that many days ago (the month's funnel); the demo has no clock
        env.cr.execute(
            "UPDATE crm_lead SET create_date = %s WHERE id = %s",
            (now - timedelta(days=days), lead.id),
        )
        for position, (visit_days, kind) in enumerate(visits):
            env["realty.visit"].with_user(user).create(
                {
                    "date": now - timedelta(days=visit_days, hours=-2),
                    "project_id": project.id,
                    "kind": kind,
                    "visitor_name": name,
                    "mobile": mobile,
                    "opportunity_id": lead.id,
                    "first_visit": position == 0,
                    "duration": 45 if kind == "visit" else 10,
                    "outcome": "follow_up" if position == 0 else "interested",
                    "visitor_count": 2 if kind == "visit" else 1,
                }
            )
    for days, name, mobile in COLLISIONS:
        env["realty.visit"].with_user(second).create(
            {
                "date": now - timedelta(days=days),
                "project_id": project.id,
                "visitor_name": name,
                "mobile": mobile,
                "first_visit": False,
                "notes": "复访，自称未登记过",
            }
        )
    env["crm.lead"].flush_model()
    env["crm.lead"].invalidate_model(["create_date"])
