"""The sales daily log (销售日志, domain.md §2.6)."""

import logging
from collections import defaultdict
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from odoo import api, fields, models

from odoo.addons.realty_base.tools import states

_logger = logging.getLogger(__name__)

SALES_TZ = "Asia/Shanghai"  # §0.6: days are Beijing days, whoever runs the cron
STAGE_DATES = {
    "reservation": "date_reservation",
    "small_deposit": "date_small_deposit",
    "deposit": "date_deposit",
    "subscription": "date_subscription",
    "contract": "date_contract",
}
FIGURES = (
    "reservation_count",
    "small_deposit_count",
    "deposit_count",
    "deposit_amount",
    "subscription_count",
    "subscription_amount",
    "contract_count",
    "contract_amount",
    "contract_area",
    "cancellation_count",
    "visit_count",
    "visitor_count",
)


class RealtySalesDaily(models.Model):
    """One project's sales of one day: what each stage took that day, the
    cancellations and the visits. A scheduled action writes one log per project and
    day; regenerating a day recomputes its figures and keeps its notes."""

    _name = "realty.sales.daily"
    _description = "Sales Daily Log"
    _order = "date desc, project_id"
    _check_company_auto = True

    project_id = fields.Many2one(
        "realty.project", required=True, index=True, readonly=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="project_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="project_id.currency_id")
    date = fields.Date(required=True, index=True, readonly=True)
    reservation_count = fields.Integer(string="Reservations", readonly=True)
    small_deposit_count = fields.Integer(string="Small Deposits", readonly=True)
    deposit_count = fields.Integer(string="Deposits", readonly=True)
    deposit_amount = fields.Monetary(
        string="Deposits Agreed", readonly=True, help="The 定金 of the day's deposits."
    )
    subscription_count = fields.Integer(string="Subscriptions", readonly=True)
    subscription_amount = fields.Monetary(
        string="Subscribed Amount", readonly=True, help="Deal totals subscribed."
    )
    contract_count = fields.Integer(string="Contracts", readonly=True)
    contract_amount = fields.Monetary(
        string="Contracted Amount", readonly=True, help="Deal totals signed."
    )
    contract_area = fields.Float(
        string="Contracted Area (m²)",
        digits="Realty Area",
        readonly=True,
        help="Predicted building area of the rooms signed.",
    )
    cancellation_count = fields.Integer(
        string="Cancellations",
        readonly=True,
        help="Small deposits, deposits and subscriptions cancelled and contracts "
        "terminated (退订/退房); lapsed reservations are not counted.",
    )
    visit_count = fields.Integer(string="Visits", readonly=True)
    visitor_count = fields.Integer(string="Visitors", readonly=True)
    notes = fields.Text()
    computed_at = fields.Datetime(string="Figures of", readonly=True)

    _sql_constraints = [
        (
            "project_date_uniq",
            "unique(project_id, date)",
            "A project has one sales log per day.",
        ),
    ]

    @api.depends("project_id", "date")
    def _compute_display_name(self):
        for log in self:
            log.display_name = f"{log.project_id.name or ''} {log.date or ''}".strip()

    # ------------------------------------------------------------- generation
    @api.model
    def _day_bounds(self, date_from, date_to):
        """UTC datetimes (naive, as stored) of the start of `date_from` and the end
        of `date_to`, Beijing days."""
        tz = ZoneInfo(SALES_TZ)
        start = datetime.combine(date_from, time.min, tzinfo=tz)
        end = datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=tz)
        utc = ZoneInfo("UTC")
        return (
            start.astimezone(utc).replace(tzinfo=None),
            end.astimezone(utc).replace(tzinfo=None),
        )

    @api.model
    def _figures(self, projects, date_from, date_to):
        """``{(project id, date): {figure: value}}`` for the days `date_from` to
        `date_to`: one grouped query per stage, cancellations and visits, whatever
        the number of projects, days and deals."""
        start, end = self._day_bounds(date_from, date_to)
        figures = defaultdict(lambda: dict.fromkeys(FIGURES, 0))
        Deal = self.env["realty.deal"].with_context(tz=SALES_TZ)

        def day(value):
            return value.date() if isinstance(value, datetime) else value

        for stage, date_field in STAGE_DATES.items():
            domain = [
                ("project_id", "in", projects.ids),
                (date_field, ">=", start),
                (date_field, "<", end),
            ]
            if stage == "contract":
                rows = Deal._read_group(
                    domain,
                    ["project_id", f"{date_field}:day", "room_id"],
                    ["__count", "deal_total:sum"],
                )
                rooms = self.env["realty.room"].browse({r[2].id for r in rows})
                rooms.fetch(["area_building_pred"])
                for project, date, room, count, total in rows:
                    key = figures[project.id, day(date)]
                    key["contract_count"] += count
                    key["contract_amount"] += total
                    key["contract_area"] += room.area_building_pred * count
                continue
            rows = Deal._read_group(
                domain,
                ["project_id", f"{date_field}:day"],
                ["__count", "deal_total:sum", "deposit_amount:sum"],
            )
            for project, date, count, total, deposit in rows:
                key = figures[project.id, day(date)]
                key[f"{stage}_count"] = count
                if stage == "subscription":
                    key["subscription_amount"] = total
                elif stage == "deposit":
                    key["deposit_amount"] = deposit

        cancellations = (
            self.env["realty.room.state.log"]
            .with_context(tz=SALES_TZ)
            ._read_group(
                [
                    ("project_id", "in", projects.ids),
                    ("action", "in", (states.CANCEL, states.TERMINATE)),
                    ("from_state", "!=", states.RESERVED),
                    ("date", ">=", start),
                    ("date", "<", end),
                ],
                ["project_id", "date:day"],
                ["__count"],
            )
        )
        for project, date, count in cancellations:
            figures[project.id, day(date)]["cancellation_count"] = count

        visits = (
            self.env["realty.visit"]
            .with_context(tz=SALES_TZ)
            ._read_group(
                [
                    ("project_id", "in", projects.ids),
                    ("date", ">=", start),
                    ("date", "<", end),
                ],
                ["project_id", "date:day"],
                ["__count", "visitor_count:sum"],
            )
        )
        for project, date, count, visitors in visits:
            key = figures[project.id, day(date)]
            key["visit_count"] = count
            key["visitor_count"] = visitors
        return figures

    @api.model
    def _generate(self, date_from, date_to=None, projects=None):
        """Write the logs of every project (or `projects`) for the days `date_from`
        to `date_to`: create the missing ones, recompute the others' figures (their
        notes are kept). Returns the logs."""
        date_to = date_to or date_from
        if projects is None:
            projects = self.env["realty.project"].search([])
        figures = self._figures(projects, date_from, date_to)
        existing = self.search(
            [
                ("project_id", "in", projects.ids),
                ("date", ">=", date_from),
                ("date", "<=", date_to),
            ]
        )
        by_key = {(log.project_id.id, log.date): log for log in existing}
        now = fields.Datetime.now()
        empty = dict.fromkeys(FIGURES, 0)
        to_create = []
        logs = existing
        day = date_from
        while day <= date_to:
            for project in projects:
                values = {
                    **empty,
                    **figures.get((project.id, day), {}),
                    "computed_at": now,
                }
                log = by_key.get((project.id, day))
                if log:
                    log.write(values)
                else:
                    to_create.append({"project_id": project.id, "date": day, **values})
            day += timedelta(days=1)
        if to_create:
            logs |= self.create(to_create)
        return logs

    def action_recompute(self):
        """Recompute the figures of these logs (their notes are kept)."""
        for day, logs in self.grouped("date").items():
            self._generate(day, projects=logs.project_id)
        return True

    @api.model
    def _today(self):
        return datetime.now(ZoneInfo(SALES_TZ)).date()

    @api.model
    def _cron_generate(self):
        """Each night: yesterday's final figures and today's log (for its notes)."""
        today = self._today()
        self._generate(today - timedelta(days=1), today)
        return True
