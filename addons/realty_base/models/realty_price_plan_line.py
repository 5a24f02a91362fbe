from odoo import api, fields, models

from ..const import ROOM_STATES
from ..exceptions import RealtyUserError
from ..tools import errors as codes

PREVIEW = "action_preview of the plan (or its room-by-room import)"


class RealtyPricePlanLine(models.Model):
    """What a price plan does to one room, computed by its preview: old and new
    prices, or why the room is skipped (a locked price, §3.8). Applying the plan
    writes these prices, so every field is the preview's, never typed."""

    _name = "realty.price.plan.line"
    _inherit = ["realty.protected.mixin"]
    _description = "Price Plan Line"
    _order = "plan_id, room_id"
    # The preview writes 10,000 lines at each trial of a plan: no log columns
    # (the plan's chatter says who previewed and approved) and no foreign keys or
    # indexes beyond what the lines are read by.
    _log_access = False

    plan_id = fields.Many2one(
        "realty.price.plan",
        required=True,
        ondelete="cascade",
        protected=PREVIEW,
    )  # indexed by the unique (plan_id, room_id)
    currency_id = fields.Many2one(related="plan_id.currency_id")
    room_id = fields.Many2one(
        "realty.room", required=True, index=True, ondelete="cascade", protected=PREVIEW
    )
    # read through the room (grouping and filtering follow the relation in SQL):
    # copies would cost two columns, two foreign keys and an index per line
    building_id = fields.Many2one(related="room_id.building_id")
    layout_id = fields.Many2one(related="room_id.layout_id")
    room_state = fields.Selection(
        ROOM_STATES, string="Room State at Preview", protected=PREVIEW
    )
    area = fields.Float(string="Pricing Area", digits="Realty Area", protected=PREVIEW)
    old_unit = fields.Monetary(string="Old Unit Price", protected=PREVIEW)
    old_total = fields.Monetary(aggregator="sum", protected=PREVIEW)
    new_unit = fields.Monetary(string="New Unit Price", protected=PREVIEW)
    new_total = fields.Monetary(aggregator="sum", protected=PREVIEW)
    diff_total = fields.Monetary(string="Change", aggregator="sum", protected=PREVIEW)
    skipped = fields.Boolean(protected=PREVIEW)
    skip_reason = fields.Char(protected=PREVIEW)

    _sql_constraints = [
        ("room_uniq", "unique(plan_id, room_id)", "A room appears once in a plan.")
    ]

    @api.ondelete(at_uninstall=False)
    def _unlink_except_previewed(self):
        if not self._is_unlocked():
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._(
                    "The lines of a price plan are its preview: preview the plan "
                    "again (as a draft) instead of deleting lines."
                ),
            )
