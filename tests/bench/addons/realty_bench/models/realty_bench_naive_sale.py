from odoo import fields, models


class RealtyBenchNaiveSale(models.Model):
    """What the naive write path records: no lock, no unique index."""

    _name = "realty.bench.naive.sale"
    _description = "Bench Naive Sale"

    room_id = fields.Many2one("realty.room", required=True)
    buyer_id = fields.Many2one("realty.bench.buyer", required=True)
