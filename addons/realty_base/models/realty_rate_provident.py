from odoo import api, fields, models

from ..exceptions import RealtyUserError
from ..inputs import PERCENT
from ..tools import errors as codes
from ..tools import to_decimal


class RealtyProvidentRate(models.Model):
    """Housing provident fund loan rates by effective date (§5.3)."""

    _name = "realty.rate.provident"
    _description = "Provident Fund Loan Rate"
    _order = "date desc"
    _rec_name = "date"

    date = fields.Date(string="Effective From", required=True)
    first_short = fields.Float(
        bounds=PERCENT, string="First Home, ≤ 5 Years (%)", digits=(5, 3)
    )
    first_long = fields.Float(
        bounds=PERCENT, string="First Home, > 5 Years (%)", digits=(5, 3)
    )
    second_short = fields.Float(
        bounds=PERCENT, string="Second Home, ≤ 5 Years (%)", digits=(5, 3)
    )
    second_long = fields.Float(
        bounds=PERCENT, string="Second Home, > 5 Years (%)", digits=(5, 3)
    )

    _sql_constraints = [
        ("date_uniq", "unique(date)", "One provident rate row per effective date.")
    ]

    @api.model
    def _on(self, date, home_tier):
        """``(≤ 5 years, > 5 years)`` rates as fractions for the home tier."""
        rate = self.search([("date", "<=", date)], limit=1)
        if not rate:
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._(
                    "No provident fund rate is recorded for %(date)s.", date=date
                ),
            )
        if home_tier == "first":
            return to_decimal(rate.first_short) / 100, to_decimal(rate.first_long) / 100
        return to_decimal(rate.second_short) / 100, to_decimal(rate.second_long) / 100
