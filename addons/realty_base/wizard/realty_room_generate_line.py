from odoo import fields, models

from ..const import DECORATIONS, ORIENTATIONS, PROPERTY_RIGHTS, USAGES
from ..inputs import AREA, COUNT, FLOORS, POSITIONS


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
    floor_from = fields.Integer(
        bounds=FLOORS, required=True, default=1, string="From Floor"
    )
    floor_to = fields.Integer(
        bounds=FLOORS, required=True, default=1, string="To Floor"
    )
    position_from = fields.Integer(
        bounds=POSITIONS, required=True, default=1, string="From Position"
    )
    position_to = fields.Integer(
        bounds=POSITIONS, string="To Position", help="Empty: one position."
    )
    layout_id = fields.Many2one("realty.layout")
    usage = fields.Selection(USAGES, required=True, default="residential")
    orientation = fields.Selection(ORIENTATIONS)
    decoration = fields.Selection(DECORATIONS, default="bare")
    property_right = fields.Selection(PROPERTY_RIGHTS, default="full")
    area_building = fields.Float(
        bounds=AREA, string="Building Area", digits="Realty Area"
    )
    area_inner = fields.Float(bounds=AREA, string="Inner Area", digits="Realty Area")
    area_shared = fields.Float(bounds=AREA, string="Shared Area", digits="Realty Area")
    balcony_count = fields.Integer(bounds=COUNT, string="Balconies")
    balcony_enclosed_count = fields.Integer(bounds=COUNT, string="Enclosed")
