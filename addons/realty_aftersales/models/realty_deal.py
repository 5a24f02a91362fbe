from odoo import api, fields, models

AREA_ADJUST_STATES = [
    ("none", "Not Measured"),
    ("pending", "To Settle"),
    ("settled", "Settled"),
    ("waived", "Waived"),
]


class RealtyDeal(models.Model):
    _inherit = "realty.deal"

    area_adjust_state = fields.Selection(
        AREA_ADJUST_STATES,
        string="Area Adjustment",
        required=True,
        default="none",
        readonly=True,
        copy=False,
        tracking=True,
        protected="area adjustment batches (apply, waive)",
        help="Where the deal's area adjustment (面积补差, §7) stands: handover (F12) "
        "waits until it is settled or waived by approval.",
    )

    # --------------------------------------------------------------------------
    # Area adjustment batches (面积补差, §7.4-§7.6): the deal's settlement line,
    # the fees on the settled figures, the settlement kept when the schedule is
    # regenerated.
    # --------------------------------------------------------------------------
    area_adjust_line_ids = fields.One2many(
        "realty.area.adjust.line",
        "deal_id",
        string="Area Adjustment Lines",
        readonly=True,
        protected="area adjustment batches (action_import)",
    )
    area_adjust_line_id = fields.Many2one(
        "realty.area.adjust.line",
        string="Area Settlement",
        compute="_compute_area_adjust_line",
        help="The applied area adjustment of the contract.",
    )

    @api.depends("area_adjust_line_ids.applied")
    def _compute_area_adjust_line(self):
        for deal in self:
            deal.area_adjust_line_id = deal.area_adjust_line_ids.filtered("applied")[
                -1:
            ]

    def _fee_basis(self):
        """A settled deal's fees are on the adjusted total and the measured building
        area (§7.6)."""
        self.ensure_one()
        line = self.area_adjust_line_id
        if self.area_adjust_state == "settled" and line:
            return line.adjusted_total, line.area_building_meas
        return super()._fee_basis()

    def _generate_schedule(self):
        """A regenerated schedule (a change order) keeps the settled area
        adjustment's lines."""
        result = super()._generate_schedule()
        lines = self.filtered(
            lambda d: d.area_adjust_state == "settled"
        ).area_adjust_line_ids.filtered("applied")
        values = [vals for line in lines for vals in line._schedule_values()]
        if values:
            self.env["realty.deal.schedule.line"]._unlocked().create(values)
        return result
