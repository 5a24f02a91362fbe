from odoo import api, fields, models

from ..exceptions import RealtyUserError
from ..inputs import PERCENT
from ..tools import errors as codes
from ..tools import to_decimal


class RealtyLprRate(models.Model):
    """Loan Prime Rate (贷款市场报价利率) as published, by effective date (§5.3).

    Never hard-coded: the rate on a date is the latest row effective on or before it.
    """

    _name = "realty.rate.lpr"
    _description = "Loan Prime Rate"
    _order = "date desc"
    _rec_name = "date"

    date = fields.Date(string="Effective From", required=True)
    rate_1y = fields.Float(
        bounds=PERCENT, string="1-Year LPR (%)", digits=(5, 3), required=True
    )
    rate_5y = fields.Float(
        bounds=PERCENT, string="5-Year+ LPR (%)", digits=(5, 3), required=True
    )

    _sql_constraints = [("date_uniq", "unique(date)", "One LPR per effective date.")]

    @api.model
    def _on(self, date):
        """``(1-year, 5-year)`` as fractions (0.03, 0.035) effective on `date`."""
        rate = self.search([("date", "<=", date)], limit=1)
        if not rate:
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._("No LPR is recorded for %(date)s.", date=date),
            )
        return to_decimal(rate.rate_1y) / 100, to_decimal(rate.rate_5y) / 100
