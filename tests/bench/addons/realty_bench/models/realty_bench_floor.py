from odoo import fields, models


class RealtyBenchFloor(models.Model):
    """The floor of the bench: one plain record per request, nothing else."""

    _name = "realty.bench.floor"
    _description = "Bench Floor"

    token = fields.Char()
