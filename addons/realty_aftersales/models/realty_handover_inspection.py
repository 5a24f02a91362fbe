from odoo import api, fields, models

from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_base.inputs import Vals, ValsList, arguments
from odoo.addons.realty_base.tools import errors as codes


class RealtyHandoverInspection(models.Model):
    """The joint inspection (验房) of a room with its buyer before the handover:
    who inspected when, and the defects found (each sent to the engineering
    team). A room may be inspected again after repairs."""

    _name = "realty.handover.inspection"
    _description = "Handover Inspection"
    _inherit = ["realty.protected.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    handover_id = fields.Many2one(
        "realty.handover",
        required=True,
        index=True,
        ondelete="cascade",
        write_once=True,
    )
    project_id = fields.Many2one(
        related="handover_id.project_id", store=True, index=True, precompute=True
    )
    company_id = fields.Many2one(
        related="handover_id.company_id", store=True, index=True, precompute=True
    )
    room_id = fields.Many2one(related="handover_id.room_id")
    partner_id = fields.Many2one(related="handover_id.partner_id", string="Buyer")
    date = fields.Date(required=True, default=fields.Date.context_today)
    inspector_id = fields.Many2one(
        "res.users", string="Inspected By", default=lambda self: self.env.user
    )
    buyer_present = fields.Boolean(default=True)
    note = fields.Text()
    defect_ids = fields.One2many(
        "realty.handover.defect", "inspection_id", string="Defects"
    )
    defect_count = fields.Integer(compute="_compute_defect_count")
    open_defect_count = fields.Integer(compute="_compute_defect_count")

    @api.depends("defect_ids.state")
    def _compute_defect_count(self):
        for inspection in self:
            inspection.defect_count = len(inspection.defect_ids)
            inspection.open_defect_count = len(
                inspection.defect_ids.filtered(lambda d: d.state == "open")
            )

    @api.depends("handover_id.name", "date")
    def _compute_display_name(self):
        for inspection in self:
            inspection.display_name = f"{inspection.handover_id.name} {inspection.date}"

    @api.model_create_multi
    @arguments(vals_list=ValsList())
    def create(self, vals_list):
        """An inspection follows the notice and precedes the handover; the
        handover is then inspected."""
        inspections = super().create(vals_list)
        handovers = inspections.handover_id
        early = handovers.filtered(lambda h: h.state not in ("notified", "inspected"))
        if early:
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._(
                    "%(name)s: the room is inspected with the buyer after the "
                    "notice and before the handover.",
                    name=early[0].name,
                ),
            )
        handovers.filtered(lambda h: h.state == "notified")._unlocked().write(
            {"state": "inspected"}
        )
        return inspections

    @arguments(vals=Vals())
    def write(self, vals):
        if self.handover_id.filtered(lambda h: h.state == "done") and not (
            self._is_unlocked()
        ):
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._("The inspections of a handed-over room are history."),
            )
        return super().write(vals)
