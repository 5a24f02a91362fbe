from odoo import fields, models


class RealtyHoldReason(models.Model):
    """Why permitted rooms are held back (销控原因); compliance asks for a reason."""

    _name = "realty.hold.reason"
    _description = "Hold Reason"
    _order = "sequence, id"

    code = fields.Char(required=True)
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "A hold reason code must be unique.")
    ]
