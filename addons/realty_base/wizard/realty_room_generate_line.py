from odoo import fields, models

from ..const import DECORATIONS, ORIENTATIONS, PROPERTY_RIGHTS, USAGES


class RealtyRoomGenerateLine(models.TransientModel):
    _name = "realty.room.generate.line"
    _description = "Generate Rooms: Floor Range"
    _order = "sequence, id"

    wizard_id = fields.Many2one(
        "realty.room.generate", required=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    stair_codes = fields.Char(
        string="Entrances", help="Empty: every entrance of the building."
    )
    floor_from = fields.Integer(required=True, default=1, string="From Floor")
    floor_to = fields.Integer(required=True, default=1, string="To Floor")
    position_from = fields.Integer(required=True, default=1, string="From Position")
    position_to = fields.Integer(string="To Position", help="Empty: one position.")
    layout_id = fields.Many2one("realty.layout")
    usage = fields.Selection(USAGES, required=True, default="residential")
    orientation = fields.Selection(ORIENTATIONS)
    decoration = fields.Selection(DECORATIONS, default="bare")
    property_right = fields.Selection(PROPERTY_RIGHTS, default="full")
    area_building = fields.Float(string="Building Area", digits="Realty Area")
    area_inner = fields.Float(string="Inner Area", digits="Realty Area")
    area_shared = fields.Float(string="Shared Area", digits="Realty Area")
    balcony_count = fields.Integer(string="Balconies")
    balcony_enclosed_count = fields.Integer(string="Enclosed")
