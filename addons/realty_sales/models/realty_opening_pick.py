from odoo import api, fields, models

PICK_STATES = [("confirmed", "Confirmed"), ("refused", "Refused")]


class RealtyOpeningPick(models.Model):
    """One buyer's attempt to take a room on opening day, whatever its outcome
    (§10.4 audit): who, which room, when, with which client token, and the deal
    or the refusal's code."""

    _name = "realty.opening.pick"
    _description = "Opening Pick"
    _order = "id desc"

    event_id = fields.Many2one(
        "realty.opening.event", required=True, index=True, ondelete="cascade"
    )
    participant_id = fields.Many2one(
        "realty.opening.participant", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(related="participant_id.partner_id")
    room_id = fields.Many2one("realty.room", index=True)
    deal_id = fields.Many2one("realty.deal", index="btree_not_null")
    token = fields.Char(required=True)
    state = fields.Selection(PICK_STATES, required=True, index=True)
    code = fields.Char()
    message = fields.Char()
    rehearsal = fields.Boolean()

    _sql_constraints = [
        (
            "token_unique",
            "UNIQUE (participant_id, token)",
            "A pick's token is used once per participant.",
        ),
    ]

    def init(self):
        # a rehearsal room is taken once, whatever the code does (§10.4 layer 2)
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS realty_opening_pick_rehearsal_room"
            " ON realty_opening_pick (event_id, room_id)"
            " WHERE rehearsal AND state = 'confirmed'"
        )

    @api.model
    def _answer(self, pick):
        """The controller's JSON answer for a pick."""
        return {
            "ok": pick.state == "confirmed",
            "code": pick.code or False,
            "message": pick.message or False,
            "deal_id": pick.deal_id.id or False,
            "pick_id": pick.id,
        }
