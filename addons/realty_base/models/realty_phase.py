from odoo import fields, models


class RealtyPhase(models.Model):
    _name = "realty.phase"
    _description = "Project Phase"
    _order = "project_id, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, help="e.g. Phase I (一期)")
    sequence = fields.Integer(default=10)
    project_id = fields.Many2one(
        "realty.project", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="project_id.company_id", store=True, index=True
    )
    planned_delivery_date = fields.Date()
    building_ids = fields.One2many("realty.building", "phase_id", string="Buildings")

    _sql_constraints = [
        (
            "name_project_uniq",
            "unique(name, project_id)",
            "A phase name must be unique in its project.",
        ),
    ]
