from odoo import fields, models

from ..payload import KEY_SELECTION


class RealtyFilingAdapterField(models.Model):
    """One field of a city system's filing document: which of our §8.3 values it
    carries, under which name, and whether a filing is refused without it."""

    _name = "realty.filing.adapter.field"
    _description = "Filing Adapter Field Mapping"
    _order = "adapter_id, sequence, id"

    adapter_id = fields.Many2one(
        "realty.filing.adapter", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    key = fields.Selection(KEY_SELECTION, string="Value", required=True)
    external_name = fields.Char(
        string="Name in the City System",
        required=True,
        help="The field's name in the document the city system takes.",
    )
    required = fields.Boolean(
        help="A filing is refused before it is queued when this value is empty."
    )

    _sql_constraints = [
        (
            "key_uniq",
            "unique(adapter_id, key)",
            "A value is mapped once per adapter.",
        ),
    ]
