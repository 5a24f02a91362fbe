from odoo import fields, models

ID_TYPES = [
    ("resident", "Resident ID Card"),
    ("hk_macau_permit", "Mainland Travel Permit (Hong Kong, Macau)"),
    ("taiwan_permit", "Mainland Travel Permit (Taiwan)"),
    ("hmt_residence", "Residence Permit (Hong Kong, Macau, Taiwan)"),
    ("foreign_permanent", "Foreign Permanent Resident ID"),
    ("passport", "Passport"),
    ("uscc", "Unified Social Credit Code"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    realty_id_type = fields.Selection(ID_TYPES, string="ID Type")
    realty_id_number = fields.Char(string="ID Number", index="btree_not_null")

    def _realty_id_number(self):
        """The buyer's identity document number (validated), or False."""
        self.ensure_one()
        return self.realty_id_number
