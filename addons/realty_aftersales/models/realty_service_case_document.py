from odoo import api, fields, models


class RealtyServiceCaseDocument(models.Model):
    """A line of a case's checklist: a required document (or one more the staff
    adds), whether and when it was received, and the file itself."""

    _name = "realty.service.case.document"
    _description = "After-Sales Case Document"
    _inherit = ["realty.protected.mixin"]
    _order = "case_id, stage_sequence, sequence, id"

    case_id = fields.Many2one(
        "realty.service.case",
        required=True,
        index=True,
        ondelete="cascade",
        write_once=True,
    )
    document_id = fields.Many2one(
        "realty.service.document",
        string="Checklist Item",
        index=True,
        ondelete="set null",
        write_once=True,
    )
    name = fields.Char(string="Document", required=True)
    sequence = fields.Integer(default=10)
    stage_id = fields.Many2one(
        related="document_id.stage_id",
        store=True,
        precompute=True,
        string="Needed to Enter",
    )
    stage_sequence = fields.Integer(
        related="stage_id.sequence", store=True, precompute=True
    )
    required = fields.Boolean(
        related="document_id.required", store=True, precompute=True
    )
    received = fields.Boolean(
        compute="_compute_received", store=True, readonly=False, precompute=True
    )
    date_received = fields.Date(
        string="Received On",
        compute="_compute_date_received",
        store=True,
        readonly=False,
        precompute=True,
    )
    file = fields.Binary(attachment=True, copy=False)
    file_name = fields.Char()
    note = fields.Char()

    @api.depends("file")
    def _compute_received(self):
        for line in self:
            line.received = line.received or bool(line.file)

    @api.depends("received")
    def _compute_date_received(self):
        today = fields.Date.context_today(self)
        for line in self:
            if not line.received:
                line.date_received = False
            elif not line.date_received:
                line.date_received = today
