from odoo import api, fields, models

from ..const import ROOM_ACTIONS, ROOM_STATES
from ..exceptions import RealtyUserError
from ..tools import errors as codes


class RealtyRoomStateLog(models.Model):
    """Append-only history of room state changes (§2.6): who, when, from, to, why.

    Rows are created only by the room state path (as superuser); no group has write
    or unlink access, and deleting through the ORM is refused.
    """

    _name = "realty.room.state.log"
    _description = "Room State Change"
    _order = "date desc, id desc"
    _log_access = False

    room_id = fields.Many2one(
        "realty.room", required=True, index=True, ondelete="cascade", readonly=True
    )
    project_id = fields.Many2one(
        related="room_id.project_id", store=True, index=True, precompute=True
    )
    building_id = fields.Many2one(
        related="room_id.building_id", store=True, precompute=True
    )
    company_id = fields.Many2one(
        related="room_id.company_id", store=True, precompute=True
    )
    action = fields.Selection(ROOM_ACTIONS, required=True, readonly=True)
    rule = fields.Char(readonly=True, help="The row of the transition table, e.g. F1.")
    from_state = fields.Selection(ROOM_STATES, string="From", readonly=True)
    to_state = fields.Selection(ROOM_STATES, string="To", required=True, readonly=True)
    reason = fields.Char(readonly=True)
    hold_reason_id = fields.Many2one("realty.hold.reason", readonly=True)
    document = fields.Reference(
        selection="_selection_document", readonly=True, help="What caused the change."
    )
    user_id = fields.Many2one("res.users", string="By", required=True, readonly=True)
    date = fields.Datetime(required=True, readonly=True, index=True)

    @api.model
    def _selection_document(self):
        return [
            (model.model, model.name)
            for model in self.env["ir.model"]
            .sudo()
            .search([("model", "like", "realty.%")])
        ]

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        raise RealtyUserError(
            codes.ERR_STATE_TRANSITION,
            self.env._("The state history cannot be deleted."),
        )
