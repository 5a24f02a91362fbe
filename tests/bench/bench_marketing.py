"""Benchmark of the marketing analysis (市场营销分析, issue 16) over 100,000 visits.

The fixture, built in SQL before the clock starts (an ORM create of 100,000
visits would take minutes and is not what is measured): a project, 8 campaigns
with an activity each, 4 media and 5 sources, 100,000 visits and calls over
12 months spread over them, 10,000 opportunities and 500 deals started from them.

Timed: the pivot's read of the analysis, ``_read_group`` of
``realty.marketing.analysis`` by campaign, medium, source and month with every
measure (cost, counts, deal amount and the three costs per visit, opportunity
and deal), against one hand-written SQL query of the same aggregate on the same
tables, best of 5. The ratio is what the ORM and the view add; the queries of
the ORM read are counted (the test pins them: tests/test_marketing.py).

Run with ``make bench``.
"""

from __future__ import annotations

from bench.harness import best_of

VISITS = 100_000
LEADS = 10_000
DEALS = 500
REPEAT = 5
GROUPBY = ["campaign_id", "medium_id", "source_id", "date:month"]
BASELINE = """
    WITH facts AS (
        SELECT campaign_id, medium_id, source_id, project_id,
               date_trunc('month', timezone('Asia/Shanghai', timezone('UTC', date)))
                   AS month,
               0::numeric AS cost, (kind = 'visit')::int AS visits,
               (kind = 'call')::int AS calls, 0 AS opps, 0 AS deals,
               0::numeric AS amount
          FROM realty_visit
        UNION ALL
        SELECT campaign_id, medium_id, source_id, realty_project_id,
               date_trunc('month', timezone('Asia/Shanghai',
                                            timezone('UTC', create_date))),
               0, 0, 0, 1, 0, 0
          FROM crm_lead WHERE realty_project_id IS NOT NULL
        UNION ALL
        SELECT l.campaign_id, l.medium_id, l.source_id, d.project_id,
               date_trunc('month', timezone('Asia/Shanghai', timezone('UTC',
                          COALESCE(d.date_subscription, d.create_date)))),
               0, 0, 0, 0, 1, COALESCE(d.deal_total, 0)
          FROM realty_deal d LEFT JOIN crm_lead l ON l.id = d.opportunity_id
         WHERE d.status IN ('active', 'closed')
        UNION ALL
        SELECT a.campaign_id, NULL, NULL, c.realty_project_id,
               date_trunc('month', a.date), COALESCE(a.actual_cost, 0),
               0, 0, 0, 0, 0
          FROM realty_marketing_activity a JOIN utm_campaign c ON c.id = a.campaign_id
    )
    SELECT campaign_id, medium_id, source_id, month,
           SUM(cost), SUM(visits), SUM(calls), SUM(opps), SUM(deals), SUM(amount),
           COALESCE(SUM(cost) / NULLIF(SUM(visits), 0), 0),
           COALESCE(SUM(cost) / NULLIF(SUM(opps), 0), 0),
           COALESCE(SUM(cost) / NULLIF(SUM(deals), 0), 0)
      FROM facts
     GROUP BY campaign_id, medium_id, source_id, month
     ORDER BY campaign_id, medium_id, source_id, month
"""


def _fixture(env):
    project = env["realty.project"].create({"name": "Bench Marketing", "code": "BMKT"})
    campaigns = env["utm.campaign"].create(
        [
            {"name": f"Bench campaign {n}", "realty_project_id": project.id}
            for n in range(8)
        ]
    )
    env["realty.marketing.activity"].create(
        [
            {
                "name": f"Bench activity {n}",
                "campaign_id": campaign.id,
                "date": f"2026-{n % 12 + 1:02d}-15",
                "actual_cost": 10_000 * (n + 1),
            }
            for n, campaign in enumerate(campaigns)
        ]
    )
    media = env["utm.medium"].create([{"name": f"Bench medium {n}"} for n in range(4)])
    sources = env["utm.source"].create(
        [{"name": f"Bench source {n}"} for n in range(5)]
    )
    env.flush_all()
    params = {
        "project": project.id,
        "company": project.company_id.id,
        "uid": env.uid,
        "campaigns": campaigns.ids,
        "media": media.ids,
        "sources": sources.ids,
    }
    cr = env.cr
    cr.execute(
        """
        INSERT INTO realty_visit
               (date, project_id, company_id, visitor_name, visitor_count,
                first_visit, kind, user_id, campaign_id, medium_id, source_id,
                create_uid, create_date, write_uid, write_date)
        SELECT timestamp '2026-01-01' + (n %% 365) * interval '1 day'
                   + (n %% 24) * interval '1 hour',
               %(project)s, %(company)s, 'Visitor ' || n, 1, n %% 3 = 0,
               CASE WHEN n %% 4 = 0 THEN 'call' ELSE 'visit' END, %(uid)s,
               (%(campaigns)s::int[])[n %% 8 + 1],
               (%(media)s::int[])[n %% 4 + 1],
               (%(sources)s::int[])[n %% 5 + 1],
               %(uid)s, now(), %(uid)s, now()
          FROM generate_series(1, %(visits)s) AS n
        """,
        dict(params, visits=VISITS),
    )
    cr.execute(
        """
        INSERT INTO crm_lead
               (name, type, active, realty_project_id, company_id, campaign_id,
                medium_id, source_id, create_uid, create_date, write_uid, write_date)
        SELECT 'Bench lead ' || n, 'opportunity', true, %(project)s, %(company)s,
               (%(campaigns)s::int[])[n %% 8 + 1],
               (%(media)s::int[])[n %% 4 + 1],
               (%(sources)s::int[])[n %% 5 + 1],
               %(uid)s, timestamp '2026-01-01' + (n %% 365) * interval '1 day',
               %(uid)s, now()
          FROM generate_series(1, %(leads)s) AS n
        RETURNING id
        """,
        dict(params, leads=LEADS),
    )
    lead_ids = [row[0] for row in cr.fetchall()]
    # the deals: one ORM deal's row copied, closed (one active deal a room),
    # each on its own lead
    cr.execute(
        "SELECT id FROM realty_deal WHERE status IN ('active', 'closed') LIMIT 1"
    )
    row = cr.fetchone()
    if row:
        cr.execute(
            """
            SELECT column_name FROM information_schema.columns
             WHERE table_name = 'realty_deal' AND column_name NOT IN
                   ('id', 'opportunity_id', 'client_token', 'name', 'status')
            """
        )
        columns = ", ".join(f'"{name}"' for (name,) in cr.fetchall())
        cr.execute(
            f"""
            INSERT INTO realty_deal ({columns}, opportunity_id, name, status)
            SELECT {columns}, lead.id, 'BENCH-' || lead.n, 'closed'
              FROM realty_deal,
                   unnest(%s::int[]) WITH ORDINALITY AS lead(id, n)
             WHERE realty_deal.id = %s
            """,
            [lead_ids[:DEALS], row[0]],
        )
    env.invalidate_all()
    return project


def _best(call):
    return best_of(call, REPEAT)


def run_odoo(env, verbose=False):
    # the analysis's own measures; imported here, inside odoo-bin shell (the
    # harness imports every bench module outside Odoo first)
    from odoo.addons.realty_sales.report.realty_marketing_analysis import MEASURES

    env = env(context=dict(env.context, tracking_disable=True))
    _fixture(env)
    env.flush_all()
    env.cr.execute("ANALYZE realty_visit")
    env.cr.execute("ANALYZE crm_lead")
    Analysis = env["realty.marketing.analysis"]
    groups = []

    def method():
        env.invalidate_all()
        groups[:] = Analysis._read_group([], GROUPBY, MEASURES)

    def baseline():
        env.cr.execute(BASELINE)
        env.cr.fetchall()

    orm = _best(method)
    before = env.cr.sql_log_count
    method()
    queries = env.cr.sql_log_count - before
    sql = _best(baseline)
    visits = sum(group[5] + group[6] for group in groups)
    if verbose:
        print(
            f"marketing.analysis_{VISITS}_visits: {orm * 1000:.1f} ms, {queries} "
            f"query ({orm / sql:.1f} x one hand-written SQL query of the same "
            f"aggregate, {sql * 1000:.1f} ms; {len(groups)} groups, "
            f"{visits} visits and calls read)"
        )
    return [
        (f"marketing.analysis_{VISITS}_visits", orm, "s", orm / sql),
        (f"marketing.analysis_{VISITS}_visits.queries", queries, "queries", None),
    ]
