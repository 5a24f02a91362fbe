from odoo import api, fields, models

from ..exceptions import RealtyUserError
from ..tools import errors as codes


class RealtyRoomPriceHistory(models.Model):
    """Every list price a room has had (§3.4): which plan changed it, when, who
    approved it and why. Append-only: written by the plan that is applied."""

    _name = "realty.room.price.history"
    _description = "Room Price History"
    _order = "date desc, id desc"
    _log_access = False

    room_id = fields.Many2one(
        "realty.room", required=True, index=True, ondelete="cascade"
    )
    project_id = fields.Many2one(
        related="room_id.project_id", store=True, index=True, precompute=True
    )
    company_id = fields.Many2one(
        related="room_id.company_id", store=True, precompute=True
    )
    currency_id = fields.Many2one(related="room_id.currency_id")
    plan_id = fields.Many2one("realty.price.plan", required=True, ondelete="restrict")
    old_unit = fields.Monetary(string="Old Unit Price")
    old_total = fields.Monetary()
    new_unit = fields.Monetary(string="New Unit Price")
    new_total = fields.Monetary()
    date = fields.Datetime(required=True)
    user_id = fields.Many2one("res.users", string="Applied By", required=True)
    approver_id = fields.Many2one("res.users", string="Approved By")
    reason = fields.Char()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        raise RealtyUserError(
            codes.ERR_STATE_TRANSITION,
            self.env._("The price history cannot be deleted."),
        )
