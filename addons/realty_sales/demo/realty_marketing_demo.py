"""Marketing of 湖畔花园 (市场营销): the month's leads and visits get the channel that
brought them, two signed deals are linked to the leads they came from, so the
marketing analysis shows cost per visit, per opportunity and per deal."""

CAMPAIGN_SOURCES = {
    "realty_sales.utm_campaign_spring_opening_demo": "网络推广",
    "realty_sales.utm_campaign_may_day_tour_demo": "中介渠道",
    "realty_sales.utm_campaign_owner_referral_demo": "老带新",
}
"""The channel (utm.source) of each demo campaign's leads and visits."""
DEALS_FROM_LEADS = {
    "partner_wu_jing": "孙浩",
    "partner_qian_fang": "郑爽",
}
"""Demo buyers whose deal was started from a demo lead (by contact name)."""


def create_demo_marketing(env):
    project = env.ref("realty_base.realty_project_demo")
    Source = env["utm.source"]
    for xmlid, name in CAMPAIGN_SOURCES.items():
        campaign = env.ref(xmlid)
        source = Source.search([("name", "=", name)], limit=1) or Source.create(
            {"name": name}
        )
        leads = env["crm.lead"].search(
            [
                ("realty_project_id", "=", project.id),
                ("campaign_id", "=", campaign.id),
                ("source_id", "=", False),
            ]
        )
        leads.write({"source_id": source.id})
        env["realty.visit"].search(
            [("opportunity_id", "in", leads.ids), ("source_id", "=", False)]
        ).write({"source_id": source.id})
    for buyer, contact in DEALS_FROM_LEADS.items():
        partner = env.ref(f"realty_sales.{buyer}_demo")
        deal = env["realty.deal"].search(
            [("project_id", "=", project.id), ("partner_id", "=", partner.id)],
            limit=1,
        )
        lead = env["crm.lead"].search(
            [
                ("realty_project_id", "=", project.id),
                ("contact_name", "=", contact),
            ],
            limit=1,
        )
        if deal and lead and not deal.opportunity_id:
            deal.write({"opportunity_id": lead.id})
