from odoo import api, fields, models

from ..inputs import FLOORS


class RealtyFloor(models.Model):
    """A storey of a building: its physical index and its marketed (nominal) label.

    Both are stored (domain.md §1.4): contracts and filing use the survey's floors,
    which are never derived one from the other at filing time.
    """

    _name = "realty.floor"
    _description = "Building Floor"
    _order = "building_id, physical desc"

    building_id = fields.Many2one(
        "realty.building", required=True, index=True, ondelete="cascade"
    )
    project_id = fields.Many2one(
        related="building_id.project_id", store=True, index=True
    )
    company_id = fields.Many2one(related="building_id.company_id", store=True)
    physical = fields.Integer(
        bounds=FLOORS,
        string="Physical Floor",
        required=True,
        help="The real storey index (实际层): 1, 2, … above ground, -1, -2, … below.",
    )
    label = fields.Char(
        string="Nominal Floor",
        required=True,
        help="The marketed floor label (名义层), e.g. 15 on physical floor 12.",
    )
    height = fields.Float(bounds=(0, 100), string="Floor Height (m)", digits=(6, 2))

    _sql_constraints = [
        (
            "physical_building_uniq",
            "unique(physical, building_id)",
            "A building has one floor per physical index.",
        ),
        ("physical_not_zero", "CHECK(physical <> 0)", "There is no physical floor 0."),
    ]

    @api.depends("label", "physical")
    def _compute_display_name(self):
        for floor in self:
            floor.display_name = self.env._(
                "Floor %(label)s (physical %(physical)s)",
                label=floor.label,
                physical=floor.physical,
            )
