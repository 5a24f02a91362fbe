from odoo import fields, models


class RealtyBenchFamily(models.Model):
    """A family of buyers sharing one limit of rooms on opening day (§10.1)."""

    _name = "realty.bench.family"
    _description = "Bench Family"

    name = fields.Char(required=True)
    limit = fields.Integer(required=True, default=1)
