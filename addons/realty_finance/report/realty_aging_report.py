"""Receivables aging (帐龄, §9.7): a read-only SQL view over the open receivables of
the schedule lines, bucketed on the days overdue at a date."""

from datetime import date, timedelta

from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.realty_base.const import SCHEDULE_ITEMS
from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_base.inputs import parse_date
from odoo.addons.realty_base.tools import aging_bucket
from odoo.addons.realty_base.tools import errors as codes
from odoo.addons.realty_base.tools.late import DEFAULT_AGING_BUCKETS

AGING_BUCKETS = [
    ("not_due", "Not Due"),
    ("due_today", "Due Today"),
    ("1-30", "1-30 Days"),
    ("31-60", "31-60 Days"),
    ("61-90", "61-90 Days"),
    ("91-180", "91-180 Days"),
    ("181-365", "181-365 Days"),
    (">365", "Over 365 Days"),
]
"""The buckets of tools.late.aging_bucket on its default bounds (aging.buckets)."""
AS_OF_KEY = "aging_as_of"
"""Context key: the date the days overdue are counted to (default today)."""


def bucket_bounds(buckets=DEFAULT_AGING_BUCKETS):
    """``[(most days overdue, label)]`` of each bucket in order, the last one
    unbounded (None); the labels are tools.aging_bucket's own."""
    day = date(2000, 1, 1)

    def label(days):
        return aging_bucket(day - timedelta(days=days), day, buckets)

    bounds = [(-1, label(-1)), (0, label(0))]
    bounds += [(high, label(high)) for high in buckets[1:]]
    return bounds + [(None, label(buckets[-1] + 1))]


def bucket_sql(days, buckets=DEFAULT_AGING_BUCKETS):
    """The SQL expression of the bucket of `days` (an SQL expression)."""
    cases = [
        SQL("WHEN %s <= %s THEN %s", days, high, label)
        for high, label in bucket_bounds(buckets)
        if high is not None
    ]
    return SQL(
        "CASE %s ELSE %s END", SQL(" ").join(cases), bucket_bounds(buckets)[-1][1]
    )


class RealtyAgingReport(models.Model):
    """One row per open receivable (the unpaid rest of a schedule line's
    应收账款) with its days overdue and bucket at ``aging_as_of`` (context, default
    today), its deal's project, building, consultant and buyer, and the part of
    what was paid that is still in transit. Read in one grouped query.

    What is in transit is summed once per receivable over the payments not yet
    matched with the bank (a few days' money, whatever the size of the ledger),
    then hash-joined: a lateral sub-query per receivable cost 2.6 times as much
    on 100,000 of them (tests/bench/bench_aging.py)."""

    _name = "realty.aging.report"
    _description = "Receivables Aging (帐龄)"
    _auto = False
    _rec_name = "deal_id"
    _order = "date_maturity, id"
    _depends = {
        "account.move.line": [
            "amount_residual",
            "date_maturity",
            "parent_state",
            "realty_schedule_line_id",
            "company_id",
            "company_currency_id",
            "payment_id",
        ],
        "account.partial.reconcile": ["amount", "debit_move_id", "credit_move_id"],
        "account.payment": ["is_matched"],
        "realty.deal.schedule.line": ["deal_id", "item"],
        "realty.deal": [
            "project_id",
            "building_id",
            "room_id",
            "user_id",
            "partner_id",
        ],
    }

    move_line_id = fields.Many2one("account.move.line", string="Journal Item")
    schedule_line_id = fields.Many2one("realty.deal.schedule.line")
    deal_id = fields.Many2one("realty.deal")
    project_id = fields.Many2one("realty.project")
    building_id = fields.Many2one("realty.building")
    room_id = fields.Many2one("realty.room")
    user_id = fields.Many2one("res.users", string="Consultant")
    partner_id = fields.Many2one("res.partner", string="Buyer")
    company_id = fields.Many2one("res.company")
    currency_id = fields.Many2one("res.currency")
    item = fields.Selection(SCHEDULE_ITEMS)
    date_maturity = fields.Date(string="Due Date")
    days_overdue = fields.Integer(aggregator="max")
    bucket = fields.Selection(AGING_BUCKETS)
    amount_residual = fields.Monetary(string="Outstanding", aggregator="sum")
    amount_in_transit = fields.Monetary(
        string="In Transit",
        aggregator="sum",
        help="Paid on the line and still in transit (在途): not in the outstanding.",
    )

    def _aging_as_of(self):
        """The context's ``aging_as_of`` (a date or YYYY-MM-DD), else today."""
        value = self.env.context.get(AS_OF_KEY)
        if not value:
            return fields.Date.context_today(self)
        as_of = parse_date(value)
        if as_of is None:
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._(
                    "The aging date %(value)s is not a date (YYYY-MM-DD).",
                    value=str(value)[:40],
                ),
            )
        return as_of

    @property
    def _table_query(self):
        as_of = self._aging_as_of()
        days = SQL("(%s::date - aml.date_maturity)", as_of)
        return SQL(
            """
            SELECT aml.id AS id,
                   aml.id AS move_line_id,
                   aml.realty_schedule_line_id AS schedule_line_id,
                   line.deal_id AS deal_id,
                   deal.project_id AS project_id,
                   deal.building_id AS building_id,
                   deal.room_id AS room_id,
                   deal.user_id AS user_id,
                   deal.partner_id AS partner_id,
                   aml.company_id AS company_id,
                   aml.company_currency_id AS currency_id,
                   line.item AS item,
                   aml.date_maturity AS date_maturity,
                   %(days)s AS days_overdue,
                   %(bucket)s AS bucket,
                   aml.amount_residual AS amount_residual,
                   COALESCE(transit.amount, 0) AS amount_in_transit
              FROM account_move_line aml
              JOIN realty_deal_schedule_line line
                ON line.id = aml.realty_schedule_line_id
              JOIN realty_deal deal ON deal.id = line.deal_id
         LEFT JOIN (
                   SELECT partial.debit_move_id, SUM(partial.amount) AS amount
                     FROM account_partial_reconcile partial
                     JOIN account_move_line paid ON paid.id = partial.credit_move_id
                     JOIN account_payment payment ON payment.id = paid.payment_id
                    WHERE payment.is_matched IS NOT TRUE
                 GROUP BY partial.debit_move_id
                   ) transit ON transit.debit_move_id = aml.id
             WHERE aml.realty_schedule_line_id IS NOT NULL
               AND aml.parent_state = 'posted'
               AND aml.amount_residual > 0
            """,
            days=days,
            bucket=bucket_sql(days),
        )
