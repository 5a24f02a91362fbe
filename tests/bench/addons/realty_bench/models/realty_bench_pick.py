from odoo import fields, models


class RealtyBenchPick(models.Model):
    """One pick attempt and its outcome (``ok`` or a refusal code)."""

    _name = "realty.bench.pick"
    _description = "Bench Pick"

    buyer_id = fields.Many2one("realty.bench.buyer", required=True, index=True)
    family_id = fields.Many2one("realty.bench.family", required=True, index=True)
    room_id = fields.Many2one("realty.room", index=True)
    token = fields.Char(index=True)
    code = fields.Char(required=True)
    deal_id = fields.Many2one("realty.deal")

    _sql_constraints = [("token_uniq", "unique(token)", "One pick per token.")]

    def _answer(self, message="", free=()):
        self.ensure_one()
        return {
            "ok": self.code == "ok",
            "code": self.code,
            "message": message,
            "deal_id": self.deal_id.id or False,
            "pick_id": self.id,
            "free": list(free),
        }
