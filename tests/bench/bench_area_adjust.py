"""Benchmark of the apply of an area adjustment batch (面积补差, §7.4) of 5,000
signed contracts.

The fixture, built before the clock starts the way the other benches build theirs
(batch ORM calls, then SQL for what a sale's workflow would take minutes to do):
a building of 5,000 rooms (10 entrances × 25 floors × 20 positions, V-26's
predicted areas), 5,000 one-off deals created in one call and set to signed
contracts in SQL, their schedules generated; then the survey (a .csv file, V-26's
measured areas) imported, submitted and approved by an after-sales manager.

Timed: ``action_apply`` (the rooms take the measured areas, each deal its
``area_adjustment`` schedule line and its settled state, the chatter, the finance
to-dos; realty_finance, installed, triggers its cron for the entries), against
one hand-written SQL of the same rows: the rooms' measured areas UPDATEd, the
deals' state UPDATEd and the 5,000 schedule rows INSERTed (into a scratch copy
of the table), best of 3. The ratio is what the ORM costs. Also: the queries of
the apply per contract, and the cron's run that posts the 5,000 receivables
afterwards (one voucher per deal), its seconds and queries per row (Odoo's
posting: the analytic distribution model looked up per journal item, the
partner's rank raised per entry).

Run with ``make bench`` (``run_odoo(env, verbose)`` on a copy of the test template;
the harness rolls everything back).
"""

from __future__ import annotations

import base64
import time

ROWS = 5000
SQL_REPETITIONS = 3
STAIRS = [str(n) for n in range(1, 11)]
MEASURED = ("91.20", "72.33", "18.87")  # V-26

SCRATCH = """
    CREATE TEMP TABLE bench_area_schedule
        (LIKE realty_deal_schedule_line INCLUDING DEFAULTS)
"""
ROOMS = """
    UPDATE realty_room room
       SET area_building_meas = row.a_building, area_inner_meas = row.a_inner,
           area_shared_meas = row.a_shared
      FROM unnest(%(rooms)s::int[], %(building)s::numeric[], %(inner)s::numeric[],
                  %(shared)s::numeric[]) AS row(room_id, a_building, a_inner, a_shared)
     WHERE room.id = row.room_id
"""
DEALS = """
    UPDATE realty_deal SET area_adjust_state = 'settled'
     WHERE id = ANY(%(deals)s)
"""
SCHEDULE = """
    INSERT INTO bench_area_schedule
           (id, deal_id, sequence, item, due_date, amount, payable)
    SELECT nextval('realty_deal_schedule_line_id_seq'), deal_id, 900,
           'area_adjustment', due_date, amount, amount
      FROM unnest(%(deals)s::int[], %(dates)s::date[], %(amounts)s::numeric[])
           AS row(deal_id, due_date, amount)
"""


def _setup(env):
    """5,000 signed contracts of one building and their approved batch."""
    manager = env["res.users"].create(
        {
            "name": "Bench 售后主管",
            "login": "bench_area_manager",
            "email": "bench.area@example.com",
            "groups_id": [
                (
                    6,
                    0,
                    [env.ref("realty_aftersales.group_realty_aftersales_manager").id],
                )
            ],
        }
    )
    project = env["realty.project"].create(
        {"name": "Bench Area", "code": "BENCHA", "user_ids": [(4, manager.id)]}
    )
    building = env["realty.building"].create(
        {"name": "A1#", "code": "A1", "project_id": project.id, "floors_above": 25}
    )
    building._generate_rooms(
        [
            {
                "stair_codes": STAIRS,
                "floor_from": 1,
                "floor_to": 25,
                "position_from": 1,
                "position_to": 20,
                "area_building": 89.57,
                "area_inner": 72.33,
                "area_shared": 17.24,
            }
        ]
    )
    rooms = building.room_ids.sorted("id")
    assert len(rooms) == ROWS, len(rooms)
    env.cr.execute(
        "UPDATE realty_room SET list_unit_price = 14379.75, list_total = 1287994,"
        " state = 'available' WHERE id = ANY(%s)",
        [rooms.ids],
    )
    env.invalidate_all()
    buyers = env["res.partner"].create(
        [{"name": f"买受人{number:04d}"} for number in range(ROWS)]
    )
    deals = (
        env["realty.deal"]
        ._unlocked()
        .create(
            [
                {
                    "room_id": room.id,
                    "partner_id": buyer.id,
                    "payment_method_id": env.ref(
                        "realty_base.payment_method_oneoff"
                    ).id,
                    "delivery_date": "2027-06-30",
                }
                for room, buyer in zip(rooms, buyers, strict=True)
            ]
        )
    )
    env.flush_all()
    env.cr.execute(
        "UPDATE realty_deal SET stage = 'contract', status = 'active',"
        " price_locked = true, date_contract = now() WHERE id = ANY(%s);"
        "UPDATE realty_room SET state = 'contracted' WHERE id = ANY(%s)",
        [deals.ids, rooms.ids],
    )
    env.invalidate_all()
    lines = ["房号,建筑面积,套内面积,分摊面积"]
    lines += [",".join((room.code, *MEASURED)) for room in rooms]
    batch = (
        env["realty.area.adjust.batch"]
        .with_user(manager)
        .create(
            {
                "project_id": project.id,
                "building_id": building.id,
                "file": base64.b64encode("\n".join(lines).encode("utf-8")),
                "filename": "实测面积.csv",
            }
        )
    )
    batch.action_import()
    batch.action_submit()
    batch.action_approve()
    env.flush_all()
    assert batch.state == "approved" and batch.line_count == ROWS, batch.state
    return batch, deals


def _direct_sql(env, batch):
    """Best seconds of the same rows written by hand."""
    cr = env.cr
    lines = batch.line_ids
    params = {
        "rooms": lines.room_id.ids,
        "building": lines.mapped("area_building_meas"),
        "inner": lines.mapped("area_inner_meas"),
        "shared": lines.mapped("area_shared_meas"),
        "deals": lines.deal_id.ids,
        "dates": [str(line.due_date) for line in lines],
        "amounts": lines.mapped("schedule_charge"),
    }
    cr.execute(SCRATCH)
    best = float("inf")
    for _repetition in range(SQL_REPETITIONS):
        cr.execute("TRUNCATE bench_area_schedule")
        start = time.perf_counter()
        cr.execute(ROOMS, params)
        cr.execute(DEALS, params)
        cr.execute(SCHEDULE, params)
        best = min(best, time.perf_counter() - start)
        assert cr.rowcount == ROWS, cr.rowcount
    cr.execute("DROP TABLE bench_area_schedule")
    env.invalidate_all()
    return best


def run_odoo(env, verbose=False):
    """Every figure; returns ``(name, value, unit, ratio_or_None)`` tuples."""
    env = env(context=dict(env.context, tracking_disable=True))
    batch, deals = _setup(env)
    env.invalidate_all()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    batch.action_apply()
    env.flush_all()
    apply_seconds = time.perf_counter() - start
    queries = env.cr.sql_log_count - queries
    assert batch.state == "applied", batch.state
    assert set(deals.mapped("area_adjust_state")) == {"settled"}
    sql_seconds = _direct_sql(env, batch)
    ratio = apply_seconds / sql_seconds
    results = [
        (f"area_adjust.apply_{ROWS}", apply_seconds, "s", ratio),
        (f"area_adjust.apply_{ROWS}_queries", queries / ROWS, "queries per row", None),
    ]
    post = None
    Line = env["realty.deal.schedule.line"]
    if hasattr(Line, "_cron_post_area_adjustments"):  # realty_finance
        post_queries = env.cr.sql_log_count
        start = time.perf_counter()
        posted = Line._cron_post_area_adjustments()
        env.flush_all()
        post = time.perf_counter() - start
        post_queries = env.cr.sql_log_count - post_queries
        assert posted == ROWS, posted
        results += [
            (f"area_adjust.post_{ROWS}", post, "s", None),
            (
                f"area_adjust.post_{ROWS}_queries",
                post_queries / ROWS,
                "queries per row",
                None,
            ),
        ]
    if verbose:
        print(
            f"area_adjust.apply_{ROWS}: {apply_seconds:.2f} s ({ratio:.0f} x a "
            f"hand-written SQL of the same rows, {sql_seconds * 1000:.1f} ms; the "
            "rooms, the deals, the schedule lines, the chatter and the to-dos; the "
            "entries are the cron's)",
            flush=True,
        )
        print(
            f"area_adjust.apply_{ROWS}_queries: {queries / ROWS:.1f} queries per row",
            flush=True,
        )
        if post is not None:
            print(
                f"area_adjust.post_{ROWS}: {post:.2f} s (realty_finance's cron after "
                f"the apply: {ROWS} receivable vouchers, {ROWS / post:.0f} a second, "
                f"{post_queries / ROWS:.1f} queries per row)",
                flush=True,
            )
    return results
