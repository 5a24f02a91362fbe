from odoo import api, fields, models

PROTECTED = "a move of the case to another stage"


class RealtyServiceCaseStageLog(models.Model):
    """A stay of a case in a stage (entered, left, days spent), written by each
    move: the overview's average days per stage come from here."""

    _name = "realty.service.case.stage.log"
    _description = "After-Sales Case Stage History"
    _inherit = ["realty.protected.mixin"]
    _order = "date_in, id"

    case_id = fields.Many2one(
        "realty.service.case",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
        protected=PROTECTED,
    )
    stage_id = fields.Many2one(
        "realty.service.stage",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
        protected=PROTECTED,
    )
    type_id = fields.Many2one(related="case_id.type_id", store=True, precompute=True)
    project_id = fields.Many2one(
        related="case_id.project_id", store=True, index=True, precompute=True
    )
    company_id = fields.Many2one(
        related="case_id.company_id", store=True, index=True, precompute=True
    )
    user_id = fields.Many2one(
        "res.users", string="Moved By", readonly=True, protected=PROTECTED
    )
    date_in = fields.Datetime(
        string="Entered", required=True, readonly=True, protected=PROTECTED
    )
    date_out = fields.Datetime(string="Left", readonly=True, protected=PROTECTED)
    days = fields.Float(
        string="Days in Stage",
        digits=(16, 2),
        compute="_compute_days",
        store=True,
        precompute=True,
        aggregator="avg",
        help="From entering to leaving the stage (0 while the case is in it).",
    )

    @api.depends("date_in", "date_out")
    def _compute_days(self):
        for log in self:
            if log.date_in and log.date_out:
                log.days = (log.date_out - log.date_in).total_seconds() / 86400
            else:
                log.days = 0.0
