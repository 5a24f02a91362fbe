from odoo import api, fields, models

from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_base.tools import errors as codes

PICK_STATES = [
    ("confirmed", "Confirmed"),
    ("refused", "Refused"),
    ("released", "Released"),
]


class RealtyOpeningPick(models.Model):
    """One buyer's attempt to take a room on opening day, whatever its outcome
    (§10.4 audit): who, which room, when, with which client token, and the deal
    or the refusal's code.

    A confirmed pick is the buyer's room at once: it holds the room (the room's
    ``opening_pick_id``) and the unique index below keeps it the only one. Its deal
    follows a moment later, written by the cron of the event
    (``_cron_write_deals``), so that the pick itself costs a few queries."""

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
    deal_status = fields.Selection(related="deal_id.status")
    deal_error = fields.Char(
        help="Why the pick's deal could not be written; the event's salesperson "
        "has an activity to settle it."
    )
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
        # a room is picked once, whatever the code does (§10.4 layer 2); in a
        # rehearsal, once per event
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS realty_opening_pick_room"
            " ON realty_opening_pick (room_id)"
            " WHERE state = 'confirmed' AND rehearsal IS NOT TRUE"
        )
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS realty_opening_pick_rehearsal_room"
            " ON realty_opening_pick (event_id, room_id)"
            " WHERE rehearsal AND state = 'confirmed'"
        )
        # the deal writer's queue
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS realty_opening_pick_deal_queue"
            " ON realty_opening_pick (id) WHERE state = 'confirmed'"
            " AND rehearsal IS NOT TRUE AND deal_id IS NULL AND deal_error IS NULL"
        )

    @api.model
    def _answer(self, pick, free=None):
        """The controller's JSON answer for a pick; ``free``: some rooms still free,
        for a refused buyer to choose from."""
        return {
            "ok": pick.state == "confirmed",
            "code": pick.code or False,
            "message": pick.message or False,
            "deal_id": pick.deal_id.id or False,
            "pick_id": pick.id,
            "free": free or [],
        }

    def action_release(self):
        """Give a confirmed pick's room back (its deal could not be written, or the
        buyer did not come to pay for a family's later room): the room is free to
        pick again and the buyer's count goes down. A pick whose deal is active is
        undone through the deal (cancel or change order)."""
        self.event_id.check_access("write")  # the event's managers only
        wrong = self.filtered(
            lambda p: (
                p.state != "confirmed"
                or p.sudo().deal_status not in (False, "draft", "cancelled")
            )
        )
        if wrong:
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._(
                    "Only a confirmed pick without an active deal is released; "
                    "undo an active deal through the deal."
                ),
            )
        for pick in self.sudo():  # picks are written by the event's code only
            pick.event_id._release_pick(pick)
        return True
