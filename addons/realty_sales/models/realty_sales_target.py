"""Sales targets (销售预算): what a project plans to sign in a period, with the
actuals beside them."""

from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models

from odoo.addons.realty_base.exceptions import RealtyValidationError
from odoo.addons.realty_base.inputs import AMOUNT, AREA, COUNT
from odoo.addons.realty_base.tools import errors as codes

OFFICE_TZ = "Asia/Shanghai"
"""The sales office's day: a deal subscribed at 23:30 in Beijing is of that day."""
SIGNED_STATUSES = ("active", "closed")
"""The deals a target counts: started and not cancelled nor upgraded away."""


def office_bounds(date_from, date_to):
    """The UTC datetimes (naive, as stored) of the Beijing days ``date_from`` 00:00
    to the day after ``date_to`` 00:00."""
    tz = pytz.timezone(OFFICE_TZ)

    def utc(day):
        local = tz.localize(datetime.combine(day, time.min))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    return utc(date_from), utc(date_to + timedelta(days=1))


class RealtySalesTarget(models.Model):
    """A project's target for a period (销售预算): units, building area and amount to
    subscribe. The actuals are the project's deals subscribed in the period (Beijing
    days), active or closed, read for all targets at once in one grouped query."""

    _name = "realty.sales.target"
    _description = "Sales Target"
    _inherit = ["mail.thread"]
    _order = "date_from desc, project_id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    project_id = fields.Many2one(
        "realty.project", required=True, index=True, check_company=True, tracking=True
    )
    company_id = fields.Many2one(
        related="project_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(
        string="From",
        required=True,
        tracking=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
    )
    date_to = fields.Date(
        string="To",
        required=True,
        tracking=True,
        default=lambda self: (
            (
                fields.Date.context_today(self).replace(day=28) + timedelta(days=4)
            ).replace(day=1)
            - timedelta(days=1)
        ),
    )
    target_units = fields.Integer(bounds=COUNT, tracking=True)
    target_area = fields.Float(
        string="Target Area (m²)", digits="Realty Area", bounds=AREA, tracking=True
    )
    target_amount = fields.Monetary(bounds=AMOUNT, tracking=True)
    actual_units = fields.Integer(string="Signed Units", compute="_compute_actuals")
    actual_area = fields.Float(
        string="Signed Area (m²)", digits="Realty Area", compute="_compute_actuals"
    )
    actual_amount = fields.Monetary(string="Signed Amount", compute="_compute_actuals")
    achievement_units = fields.Float(
        string="Units Achieved (%)", digits=(5, 1), compute="_compute_actuals"
    )
    achievement_area = fields.Float(
        string="Area Achieved (%)", digits=(5, 1), compute="_compute_actuals"
    )
    achievement_amount = fields.Float(
        string="Amount Achieved (%)", digits=(5, 1), compute="_compute_actuals"
    )
    notes = fields.Text()

    _sql_constraints = [
        (
            "period_order",
            "CHECK(date_from <= date_to)",
            "A target's period ends after it starts.",
        ),
    ]

    @api.depends("project_id", "date_from", "date_to")
    def _compute_name(self):
        for target in self:
            target.name = " ".join(
                str(part)
                for part in (target.project_id.name, target.date_from, target.date_to)
                if part
            )

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for target in self:
            if target.date_from > target.date_to:
                raise RealtyValidationError(
                    codes.ERR_INVALID_INPUT,
                    self.env._("A target's period ends after it starts."),
                )

    @api.depends(
        "project_id",
        "date_from",
        "date_to",
        "target_units",
        "target_area",
        "target_amount",
    )
    @api.depends_context("uid")
    def _compute_actuals(self):
        """One grouped query for every target of the recordset: the deals of their
        projects subscribed between the earliest start and the latest end, summed
        per project and Beijing day, then per target over its days."""
        by_day = defaultdict(lambda: [0, 0.0, 0.0])
        targets = self.filtered(
            lambda target: target.project_id and target.date_from and target.date_to
        )
        if targets:
            start, end = office_bounds(
                min(targets.mapped("date_from")), max(targets.mapped("date_to"))
            )
            # a target's actuals are its project's, whoever reads the target
            Deal = self.env["realty.deal"].sudo().with_context(tz=OFFICE_TZ)
            groups = Deal._read_group(
                [
                    ("project_id", "in", targets.project_id.ids),
                    ("status", "in", SIGNED_STATUSES),
                    ("date_subscription", ">=", start),
                    ("date_subscription", "<", end),
                ],
                ["project_id", "date_subscription:day"],
                ["__count", "pricing_area:sum", "deal_total:sum"],
            )
            for project, day, count, area, amount in groups:
                if isinstance(day, datetime):
                    day = day.date()
                by_day[project.id, day] = [count, area, amount]
        for target in self:
            units = area = amount = 0
            if target in targets:
                day = target.date_from
                while day <= target.date_to:
                    count, day_area, day_amount = by_day.get(
                        (target.project_id.id, day), (0, 0.0, 0.0)
                    )
                    units += count
                    area += day_area
                    amount += day_amount
                    day += timedelta(days=1)
            target.actual_units = units
            target.actual_area = area
            target.actual_amount = amount
            target.achievement_units = _percent(units, target.target_units)
            target.achievement_area = _percent(area, target.target_area)
            target.achievement_amount = _percent(amount, target.target_amount)


def _percent(actual, target):
    return 100.0 * actual / target if target else 0.0
