"""Benchmark of the receivables aging (帐龄, realty.aging.report) over 100,000
open schedule-line receivables.

The fixture is built with SQL, not by posting 100,000 entries: 100 deals (ORM), a
posted voucher whose receivable item is the template row, then 100,000 schedule
lines and 100,000 copies of that receivable item (one per line, due dates spread
over three years around the as-of date) by ``INSERT ... SELECT``, and a tenth of
them half paid by one payment still in transit (partial reconciliations).

Timed: ``_read_group`` of the report by bucket (outstanding, in transit, count),
by project and bucket (the pivot's default), and by bucket as a finance user (the
record rules added); each is the one grouped query the ORM sends. The baseline,
timed in the same run: the hand-written SQL query a DBA would write for the same
buckets, counts and sums, straight from the journal items and the in-transit
payments (without the report's joins to the schedule lines and deals that give
the project, building, consultant and buyer). Each figure is the best of 5 calls.

Run with ``make bench``.
"""

from __future__ import annotations

import time
from datetime import date

from odoo import Command

DEALS = 100
LINES_PER_DEAL = 1000
LINES = DEALS * LINES_PER_DEAL
AS_OF = date(2025, 6, 30)
REPEAT = 5
BASELINE = """
    SELECT CASE WHEN days < 0 THEN 'not_due'
                WHEN days = 0 THEN 'due_today'
                WHEN days <= 30 THEN '1-30'
                WHEN days <= 60 THEN '31-60'
                WHEN days <= 90 THEN '61-90'
                WHEN days <= 180 THEN '91-180'
                WHEN days <= 365 THEN '181-365'
                ELSE '>365' END AS bucket,
           COUNT(*), SUM(residual), SUM(transit)
      FROM (
           SELECT %(as_of)s::date - aml.date_maturity AS days,
                  aml.amount_residual AS residual,
                  COALESCE(transit.amount, 0) AS transit
             FROM account_move_line aml
        LEFT JOIN (
                  SELECT p.debit_move_id, SUM(p.amount) AS amount
                    FROM account_partial_reconcile p
                    JOIN account_move_line paid ON paid.id = p.credit_move_id
                    JOIN account_payment pay ON pay.id = paid.payment_id
                   WHERE pay.is_matched IS NOT TRUE
                GROUP BY p.debit_move_id
                  ) transit ON transit.debit_move_id = aml.id
            WHERE aml.realty_schedule_line_id IS NOT NULL
              AND aml.parent_state = 'posted'
              AND aml.amount_residual > 0
           ) open_items
  GROUP BY 1
"""


def _columns(cr, table):
    cr.execute(
        """
        SELECT attname FROM pg_attribute
         WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped
           AND attname <> 'id'
         ORDER BY attnum
        """,
        [table],
    )
    return [name for (name,) in cr.fetchall()]


def _copy_rows(cr, table, template_id, source, overrides):
    """INSERT copies of row `template_id` of `table`, one per row of `source` (a
    table aliased ``src`` and the start of a WHERE clause), with `overrides`
    {column: SQL expression}."""
    columns = _columns(cr, table)
    values = ", ".join(overrides.get(c, f'tpl."{c}"') for c in columns)
    names = ", ".join(f'"{c}"' for c in columns)
    cr.execute(
        f"INSERT INTO {table} ({names}) SELECT {values} "
        f"FROM {table} tpl, {source} tpl.id = %s",
        [template_id],
    )
    return cr.rowcount


def _fixture(env):
    """The deals, 100,000 schedule lines and their open receivables; the finance
    user of the project."""
    env = env(context=dict(env.context, tracking_disable=True))
    cr = env.cr
    company = env.company
    project = env["realty.project"].create({"name": "Bench Aging", "code": "BENCHA"})
    building = env["realty.building"].create(
        {"name": "A#", "code": "A", "project_id": project.id, "floors_above": 25}
    )
    building._generate_rooms(
        [
            {
                "stair_codes": ["1", "2", "3", "4"],
                "floor_from": 1,
                "floor_to": 25,
                "position_from": 1,
                "position_to": 1,
                "area_building": 98.57,
                "area_inner": 77.91,
                "area_shared": 20.66,
            }
        ]
    )
    cr.execute(
        "UPDATE realty_room SET list_unit_price = 30000, list_total = 2957100,"
        " state = 'available' WHERE building_id = %s",
        [building.id],
    )
    env.invalidate_all()
    buyer = env["res.partner"].create({"name": "Bench Buyer"})
    deals = env["realty.deal"].create(
        [{"room_id": room.id, "partner_id": buyer.id} for room in building.room_ids]
    )
    assert len(deals) == DEALS, len(deals)
    # a real posted receivable of the first deal: the template row
    first = deals[0]
    env.flush_all()
    cr.execute(
        """
        INSERT INTO realty_deal_schedule_line
               (deal_id, sequence, item, due_date, amount, credit, payable,
                paid_before, amount_paid, amount_residual, amount_in_transit,
                payment_state)
        SELECT deal.id, n, 'installment',
               %s::date - 730 + mod(n * 37 + deal.id, 1095), 10000, 0, 10000,
               0, 0, 10000, 0, 'open'
          FROM realty_deal deal, generate_series(1, %s) n
         WHERE deal.id = ANY(%s)
        """,
        [AS_OF, LINES_PER_DEAL, deals.ids],
    )
    assert cr.rowcount == LINES, cr.rowcount
    line = env["realty.deal.schedule.line"].search(
        [("deal_id", "=", first.id)], limit=1
    )
    receivable = company._realty_account("receivable")
    advance = company._realty_account("advance")
    move = first._finance_post_voucher(
        [
            first._finance_line(
                receivable,
                10000,
                "bench",
                realty_schedule_line_id=line.id,
                date_maturity=line.due_date,
            ),
            first._finance_line(advance, -10000, "bench"),
        ],
        "bench",
    )
    template = move.line_ids.filtered("realty_schedule_line_id")
    env.flush_all()
    amount = "src.payable"
    copied = _copy_rows(
        cr,
        "account_move_line",
        template.id,
        f"realty_deal_schedule_line src WHERE src.id <> {int(line.id)} "
        f"AND src.deal_id IN ({', '.join(str(int(id_)) for id_ in deals.ids)}) AND",
        {
            "realty_schedule_line_id": "src.id",
            "realty_deal_id": "src.deal_id",
            "account_id": str(receivable.id),
            "date_maturity": "src.due_date",
            "balance": amount,
            "debit": amount,
            "credit": "0",
            "amount_currency": amount,
            "amount_residual": amount,
            "amount_residual_currency": amount,
            "reconciled": "false",
            "name": "'bench'",
        },
    )
    assert copied == LINES - 1, copied
    # a tenth half paid by one payment still in transit
    bank = env["account.journal"].search(
        [("type", "=", "bank"), ("company_id", "=", company.id)], limit=1
    )
    payment = env["account.payment"].create(
        {
            "payment_type": "inbound",
            "partner_type": "customer",
            "partner_id": buyer.id,
            "amount": 1000,
            "journal_id": bank.id,
        }
    )
    payment.action_post()
    paid = payment.move_id.line_ids.filtered(lambda aml: aml.credit > 0)
    env.flush_all()
    cr.execute(
        """
        INSERT INTO account_partial_reconcile
               (debit_move_id, credit_move_id, amount, debit_amount_currency,
                credit_amount_currency, company_id, max_date, debit_currency_id,
                credit_currency_id)
        SELECT aml.id, %s, 5000, 5000, 5000, aml.company_id, %s,
               aml.currency_id, aml.currency_id
          FROM account_move_line aml
         WHERE aml.realty_schedule_line_id IS NOT NULL AND mod(aml.id, 10) = 0
        """,
        [paid.id, AS_OF],
    )
    cr.execute(
        """
        UPDATE account_move_line aml
           SET amount_residual = amount_residual - 5000,
               amount_residual_currency = amount_residual_currency - 5000
         WHERE aml.realty_schedule_line_id IS NOT NULL AND mod(aml.id, 10) = 0
        """
    )
    env.invalidate_all()
    finance = env["res.users"].create(
        {
            "name": "Bench Finance",
            "login": "bench_aging_finance",
            "groups_id": [Command.link(env.ref("realty_base.group_realty_finance").id)],
        }
    )
    project.user_ids |= finance
    env.flush_all()
    # the statistics autovacuum would have gathered on a ledger of that size
    for table in (
        "account_move_line",
        "account_partial_reconcile",
        "realty_deal_schedule_line",
        "realty_deal",
        "realty_project_user_rel",
    ):
        cr.execute(f"ANALYZE {table}")
    return finance


def _best(env, call):
    best, queries = None, None
    for _ in range(REPEAT):
        env.invalidate_all()
        count = env.cr.sql_log_count
        start = time.perf_counter()
        result = call()
        elapsed = time.perf_counter() - start
        queries = env.cr.sql_log_count - count
        best = elapsed if best is None else min(best, elapsed)
    return best, queries, result


def run_odoo(env, verbose=False):
    # the template's demo deals have receivables of their own (realty_finance
    # posts the demo money): counted once, before the fixture
    env.cr.execute(BASELINE, {"as_of": AS_OF})
    existing = sum(row[1] for row in env.cr.fetchall())
    finance = _fixture(env)
    Report = env["realty.aging.report"].with_context(aging_as_of=AS_OF)
    measures = ["__count", "amount_residual:sum", "amount_in_transit:sum"]

    def baseline():
        env.cr.execute(BASELINE, {"as_of": AS_OF})
        return sorted(env.cr.fetchall())

    sql, _queries, expected = _best(env, baseline)
    assert sum(row[1] for row in expected) == LINES + existing, expected
    calls = {
        "by_bucket": lambda: Report._read_group([], ["bucket"], measures),
        "by_project_bucket": lambda: Report._read_group(
            [], ["project_id", "bucket"], measures
        ),
        "by_bucket_as_finance_user": lambda: Report.with_user(finance)._read_group(
            [], ["bucket"], measures
        ),
    }
    results = []
    for name, call in calls.items():
        seconds, queries, groups = _best(env, call)
        got = sorted((g[0], g[1], g[2], g[3]) for g in groups)
        if name == "by_bucket":
            assert [(b, c) for b, c, *_r in got] == [
                (b, c) for b, c, *_r in expected
            ], (got, expected)
        elif name == "by_bucket_as_finance_user":  # the bench project's only
            assert sum(row[1] for row in got) == LINES, got
        ratio = seconds / sql
        results.append((f"aging.{name}_{LINES}", seconds, "s", ratio))
        if verbose:
            print(
                f"aging.{name}_{LINES}: {seconds * 1000:.1f} ms ({ratio:.2f} x one "
                f"hand-written SQL query of the same buckets, {sql * 1000:.1f} ms; "
                f"{queries} SQL quer{'y' if queries == 1 else 'ies'})",
                flush=True,
            )
    return results
