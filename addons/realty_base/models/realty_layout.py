from odoo import fields, models

from ..inputs import COUNT


class RealtyLayout(models.Model):
    """A layout type (户型), e.g. A1, "3室2厅2卫"."""

    _name = "realty.layout"
    _description = "Layout Type"
    _order = "project_id, name"
    _check_company_auto = True

    name = fields.Char(string="Code", required=True)
    description = fields.Char(help="e.g. 3 bedrooms, 2 living rooms, 2 bathrooms")
    bedrooms = fields.Integer(
        bounds=COUNT,
    )
    living_rooms = fields.Integer(
        bounds=COUNT,
    )
    bathrooms = fields.Integer(
        bounds=COUNT,
    )
    project_id = fields.Many2one(
        "realty.project",
        index=True,
        ondelete="cascade",
        help="Empty: the layout can be used in every project.",
    )
    company_id = fields.Many2one(related="project_id.company_id", store=True)
    image = fields.Image(max_width=1024, max_height=1024)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "name_project_uniq",
            "unique(name, project_id)",
            "A layout code must be unique in its project.",
        ),
    ]
