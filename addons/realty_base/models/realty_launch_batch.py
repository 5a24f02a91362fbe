from odoo import api, fields, models

from ..exceptions import RealtyUserError
from ..inputs import ValsList, arguments
from ..tools import errors as codes


class RealtyLaunchBatch(models.Model):
    """A launch batch (推盘批次): the rooms released together on a date (§1.1)."""

    _name = "realty.launch.batch"
    _description = "Launch Batch"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        required=True, copy=False, default=lambda self: self.env._("New")
    )
    project_id = fields.Many2one(
        "realty.project", required=True, index=True, tracking=True
    )
    company_id = fields.Many2one(
        related="project_id.company_id", store=True, index=True
    )
    phase_id = fields.Many2one(
        "realty.phase", domain="[('project_id', '=', project_id)]", check_company=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("released", "Released")],
        required=True,
        default="draft",
        readonly=True,
        tracking=True,
    )
    room_ids = fields.Many2many(
        "realty.room",
        string="Rooms",
        domain="[('project_id', '=', project_id), ('state', '=', 'unreleased')]",
        check_company=True,
    )
    room_count = fields.Integer(compute="_compute_room_count")
    note = fields.Text()

    @api.depends("room_ids")
    def _compute_room_count(self):
        for batch in self:
            batch.room_count = len(batch.room_ids)

    @api.model_create_multi
    @arguments(vals_list=ValsList())
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", self.env._("New")) == self.env._("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "realty.launch.batch"
                )
        return super().create(vals_list)

    def action_release(self):
        """Release every room of the batch (F1), all or nothing."""
        for batch in self:
            if batch.state != "draft":
                raise RealtyUserError(
                    codes.ERR_STATE_TRANSITION,
                    self.env._(
                        "Batch %(batch)s is already released.", batch=batch.name
                    ),
                )
            batch.room_ids.action_release(batch=batch)
        self.write({"state": "released"})
        return True
