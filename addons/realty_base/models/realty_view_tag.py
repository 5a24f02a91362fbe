from odoo import fields, models


class RealtyViewTag(models.Model):
    """A view of a room (景观): lake, garden, street… used by price coefficients."""

    _name = "realty.view.tag"
    _description = "Room View"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    color = fields.Integer()

    _sql_constraints = [("name_uniq", "unique(name)", "This view already exists.")]
