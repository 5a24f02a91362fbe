from odoo import fields, models

from ..tools import states

WIZARD_ACTIONS = [
    (states.HOLD, "Hold"),
    (states.RELEASE_HELD, "Release as Held"),
    (states.UNHOLD, "Unhold"),
    (states.WITHDRAW, "Withdraw"),
]


class RealtyRoomStateWizard(models.TransientModel):
    """Asks for the reason of a sales-control action (销控/解控/撤盘)."""

    _name = "realty.room.state.wizard"
    _description = "Room Sales Control"

    action = fields.Selection(WIZARD_ACTIONS, required=True, default=states.HOLD)
    room_ids = fields.Many2many("realty.room", string="Rooms", required=True)
    hold_reason_id = fields.Many2one("realty.hold.reason")
    note = fields.Char()

    def action_apply(self):
        self.ensure_one()
        rooms = self.room_ids
        if self.action == states.HOLD:
            rooms.action_hold(self.hold_reason_id, note=self.note)
        elif self.action == states.RELEASE_HELD:
            rooms.action_release_held(self.hold_reason_id, note=self.note)
        elif self.action == states.UNHOLD:
            rooms.action_unhold(note=self.note)
        else:
            rooms.action_withdraw(note=self.note)
        return {"type": "ir.actions.act_window_close"}
