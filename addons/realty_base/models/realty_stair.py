from odoo import api, fields, models


class RealtyStair(models.Model):
    """A stair or entrance of a building (单元); a single-core tower has one, "1"."""

    _name = "realty.stair"
    _description = "Building Entrance"
    _order = "building_id, sequence, code"

    code = fields.Char(required=True, help="Used in room codes, e.g. 1, 2, A.")
    sequence = fields.Integer(default=10)
    building_id = fields.Many2one(
        "realty.building", required=True, index=True, ondelete="cascade"
    )
    project_id = fields.Many2one(
        related="building_id.project_id", store=True, index=True
    )
    company_id = fields.Many2one(related="building_id.company_id", store=True)

    _sql_constraints = [
        (
            "code_building_uniq",
            "unique(code, building_id)",
            "An entrance code must be unique in its building.",
        ),
    ]

    @api.depends("code")
    def _compute_display_name(self):
        for stair in self:
            stair.display_name = self.env._("Entrance %(code)s", code=stair.code)
