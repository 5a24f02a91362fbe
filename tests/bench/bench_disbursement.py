"""Benchmark of a bank's mortgage disbursement batch of 1,000 rows
(realty.disbursement.batch, §9.6).

The fixture, built before the clock starts and the way other benches build theirs
(batch ORM calls, then SQL for what a sale's workflow would take minutes to do):
1,000 rooms and buyers, 1,000 commercial-loan deals created in one call and set to
signed contracts in SQL, their 1,000 loan schedule lines created in one call and
their receivables posted as 1,000 journal entries created in one call. The bank's
file is a .csv of the 1,000 loans, with the Chinese column titles.

Timed:

* the import: reading the file, checking every row and matching it to its
  contract's loan line (``action_import``), against the pure reading and checking
  alone (``tools.disbursement``, no ORM): the ratio is the cost of the matching
  and of the rows written;
* the posting (``action_post``): 1,000 loan payments created in one call, each an
  account.payment arrived in the supervision account and reconciled with its
  loan's receivable, against one hand-written SQL of the same rows (the payments
  and their two journal items INSERTed into scratch tables, the loan lines
  UPDATEd as paid), best of 3: the ratio is what Odoo's accounting costs.

Run with ``make bench`` (``run_odoo(env, verbose)`` on a copy of the test template;
the harness rolls everything back).
"""

from __future__ import annotations

import base64
import csv
import io
import time

ROWS = 1000
SQL_REPETITIONS = 3
LIST_TOTAL = 1411808.0  # V-03
HEADER = ("合同编号", "借款人姓名", "审批金额", "放款金额", "放款日期", "银行流水号")


def _setup(env):
    """1,000 signed commercial-loan contracts whose loan receivables are posted,
    and the bank's journal; returns (project, deals)."""
    company = env.company
    journal = env["account.journal"].create(
        {"name": "Bench 监管户", "code": "BNCH", "type": "bank"}
    )
    project = env["realty.project"].create(
        {
            "name": "Bench Disbursement",
            "code": "BENCHD",
            "supervision_journal_id": journal.id,
        }
    )
    building = env["realty.building"].create(
        {"name": "D1#", "code": "D1", "project_id": project.id, "floors_above": 25}
    )
    building._generate_rooms(
        [
            {
                "stair_codes": ["1", "2", "3", "4"],
                "floor_from": 1,
                "floor_to": 25,
                "position_from": 1,
                "position_to": ROWS // 100,
                "area_building": 89.57,
                "area_inner": 72.33,
                "area_shared": 17.24,
            }
        ]
    )
    rooms = building.room_ids.sorted("id")[:ROWS]
    env.cr.execute(
        "UPDATE realty_room SET list_unit_price = 15762.06, list_total = %s,"
        " state = 'available' WHERE id = ANY(%s)",
        [LIST_TOTAL, rooms.ids],
    )
    env.invalidate_all()
    buyers = env["res.partner"].create(
        [{"name": f"借款人{number:04d}"} for number in range(ROWS)]
    )
    method = env.ref("realty_base.payment_method_commercial")
    Deal = env["realty.deal"]._unlocked()
    deals = Deal.create(
        [
            {
                "room_id": room.id,
                "partner_id": buyer.id,
                "payment_method_id": method.id,
                "down_payment_ratio": 0.15,
                "contract_no": f"HT-B{index:05d}",
            }
            for index, (room, buyer) in enumerate(zip(rooms, buyers, strict=True))
        ]
    )
    env.flush_all()
    env.cr.execute(
        "UPDATE realty_deal SET stage = 'contract', status = 'active',"
        " date_contract = now() WHERE id = ANY(%s);"
        "UPDATE realty_room SET state = 'contracted' WHERE id = ANY(%s)",
        [deals.ids, rooms.ids],
    )
    env.invalidate_all()
    loan = deals[0].loan_commercial
    assert loan and all(d.loan_commercial == loan for d in deals), "one loan amount"
    lines = (
        env["realty.deal.schedule.line"]
        ._unlocked()
        .create(
            [
                {
                    "deal_id": deal.id,
                    "sequence": 20,
                    "item": "commercial_loan",
                    "due_date": "2025-05-10",
                    "amount": loan,
                    "payable": loan,
                }
                for deal in deals
            ]
        )
    )
    receivable = company._realty_account("receivable")
    advance = company._realty_account("advance")
    # one receivable entry per deal, as the signing posts them, created at once
    # (one entry of 2,000 items would make every reconciliation recompute it)
    moves = (
        Deal.env["account.move"]
        .sudo()
        .create(
            [
                {
                    "move_type": "entry",
                    "journal_id": company._realty_journal().id,
                    "date": "2025-03-01",
                    "ref": f"{deal.name} Receivable",
                    "line_ids": [
                        (
                            0,
                            0,
                            deal._finance_line(
                                receivable,
                                loan,
                                "Loan",
                                realty_schedule_line_id=line.id,
                                date_maturity="2025-05-10",
                            ),
                        ),
                        (0, 0, deal._finance_line(advance, -loan, "Loan")),
                    ],
                }
                for deal, line in zip(deals, lines, strict=True)
            ]
        )
    )
    moves.action_post()
    env.flush_all()
    assert all(line.amount_residual == loan for line in lines), "receivables posted"
    return project, deals


def _bank_file(deals):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for index, deal in enumerate(deals):
        amount = f"{deal.loan_commercial:,.2f}"
        writer.writerow(
            (
                deal.contract_no,
                deal.partner_id.name,
                amount,
                amount,
                "2025-03-10",
                f"CCB20250310{index:06d}",
            )
        )
    return out.getvalue().encode("utf-8")


def _parse_only(data):
    """Seconds of the pure reading and checking of the file (best of 3)."""
    from odoo.addons.realty_base.tools.disbursement import (
        parse_disbursement_rows,
        read_table_bytes,
    )

    best = float("inf")
    for _repetition in range(SQL_REPETITIONS):
        start = time.perf_counter()
        checked = parse_disbursement_rows(read_table_bytes(data))
        best = min(best, time.perf_counter() - start)
    assert checked.ok and len(checked.lines) == ROWS, checked.errors[:3]
    return best


SCRATCH = """
    CREATE TEMP TABLE bench_payment (
        deal_id int, item varchar, method varchar, amount numeric, date date,
        reference varchar, journal_id int, schedule_line_id int
    );
    CREATE TEMP TABLE bench_move_line (
        deal_id int, schedule_line_id int, account_id int, date date,
        debit numeric, credit numeric, name varchar
    );
"""
PAYMENTS = """
    INSERT INTO bench_payment
    SELECT deal_id, 'loan', 'loan', amount, %(date)s, 'CCB' || deal_id, %(journal)s,
           line_id
      FROM unnest(%(deals)s::int[], %(lines)s::int[], %(amounts)s::numeric[])
           AS row(deal_id, line_id, amount)
"""
MOVE_LINES = """
    INSERT INTO bench_move_line
    SELECT deal_id, line_id, account_id, %(date)s,
           CASE WHEN side = 1 THEN amount ELSE 0 END,
           CASE WHEN side = 2 THEN amount ELSE 0 END, 'Loan'
      FROM unnest(%(deals)s::int[], %(lines)s::int[], %(amounts)s::numeric[])
           AS row(deal_id, line_id, amount)
     CROSS JOIN (VALUES (1, %(bank)s), (2, %(receivable)s)) AS sides(side, account_id)
"""
SETTLE = """
    UPDATE realty_deal_schedule_line line
       SET amount_paid = line.payable, amount_residual = 0, payment_state = 'paid'
      FROM unnest(%(lines)s::int[]) AS row(line_id)
     WHERE line.id = row.line_id
"""


def _direct_sql(env, batch):
    """Best seconds of the same rows written by hand: the payments and their two
    journal items each into scratch tables, the loan lines set paid."""
    cr = env.cr
    lines = batch.line_ids
    params = {
        "date": "2025-03-10",
        "journal": batch.journal_id.id,
        "deals": lines.deal_id.ids,
        "lines": lines.schedule_line_id.ids,
        "amounts": lines.mapped("disbursed"),
        "bank": batch.journal_id.default_account_id.id,
        "receivable": env.company._realty_account("receivable").id,
    }
    cr.execute(SCRATCH)
    best = float("inf")
    for _repetition in range(SQL_REPETITIONS):
        cr.execute("TRUNCATE bench_payment, bench_move_line")
        start = time.perf_counter()
        cr.execute(PAYMENTS, params)
        cr.execute(MOVE_LINES, params)
        cr.execute(SETTLE, params)
        best = min(best, time.perf_counter() - start)
        assert cr.rowcount == ROWS, cr.rowcount
    cr.execute("DROP TABLE bench_payment, bench_move_line")
    env.invalidate_all()
    return best


def run_odoo(env, verbose=False):
    """Every figure; returns ``(name, value, unit, ratio_or_None)`` tuples."""
    env = env(context=dict(env.context, tracking_disable=True))
    project, deals = _setup(env)
    data = _bank_file(deals)
    batch = env["realty.disbursement.batch"].create(
        {
            "project_id": project.id,
            "date": "2025-03-10",
            "file": base64.b64encode(data),
            "filename": "放款清单.csv",
        }
    )
    env.flush_all()
    start = time.perf_counter()
    batch.action_import()
    env.flush_all()
    import_seconds = time.perf_counter() - start
    assert batch.state == "checked", batch.line_ids[:3].mapped("reason")
    parse_seconds = _parse_only(data)
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    batch.action_post()
    env.flush_all()
    post_seconds = time.perf_counter() - start
    queries = env.cr.sql_log_count - queries
    paid = batch.line_ids.schedule_line_id.filtered(lambda l: l.payment_state == "paid")
    assert batch.state == "posted" and len(paid) == ROWS, (batch.state, len(paid))
    sql_seconds = _direct_sql(env, batch)
    import_ratio = import_seconds / parse_seconds
    post_ratio = post_seconds / sql_seconds
    results = [
        (f"disbursement.import_{ROWS}", import_seconds, "s", import_ratio),
        (f"disbursement.post_{ROWS}", post_seconds, "s", post_ratio),
        (
            f"disbursement.post_{ROWS}_rate",
            ROWS / post_seconds,
            "rows per second",
            None,
        ),
        (f"disbursement.post_{ROWS}_queries", queries / ROWS, "queries per row", None),
    ]
    if verbose:
        print(
            f"disbursement.import_{ROWS}: {import_seconds:.2f} s ({import_ratio:.1f} x "
            f"the pure reading and checking of the file, {parse_seconds:.3f} s; "
            "the matching and the rows written)",
            flush=True,
        )
        print(
            f"disbursement.post_{ROWS}: {post_seconds:.2f} s ({post_ratio:.0f} x a "
            f"hand-written SQL of the same rows, {sql_seconds * 1000:.1f} ms; one "
            "account.payment a row, posted and reconciled)",
            flush=True,
        )
        print(
            f"disbursement.post_{ROWS}_rate: {ROWS / post_seconds:.0f} rows per second",
            flush=True,
        )
        print(
            f"disbursement.post_{ROWS}_queries: {queries / ROWS:.0f} queries per row",
            flush=True,
        )
    return results
