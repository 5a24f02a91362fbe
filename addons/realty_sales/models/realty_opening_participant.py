from odoo import fields, models


class RealtyOpeningParticipant(models.Model):
    """A buyer family called on opening day: its queue number, its place in the
    order, its batch and its window to pick (§10.1, §10.2)."""

    _name = "realty.opening.participant"
    _description = "Opening Participant"
    _order = "event_id, position, id"
    _rec_name = "queue_number_id"
    _inherit = ["realty.protected.mixin"]

    event_id = fields.Many2one(
        "realty.opening.event", required=True, index=True, ondelete="cascade"
    )
    project_id = fields.Many2one(related="event_id.project_id", store=True)
    queue_number_id = fields.Many2one(
        "realty.queue.number", required=True, index=True, ondelete="restrict"
    )
    partner_id = fields.Many2one("res.partner", string="Buyer", required=True)
    user_id = fields.Many2one(
        "res.users",
        string="Portal User",
        index="btree_not_null",
        help="The buyer's login that picks on the selection page.",
    )
    position = fields.Integer()
    batch = fields.Integer()
    window_start = fields.Datetime()
    window_end = fields.Datetime()
    pick_ids = fields.One2many("realty.opening.pick", "participant_id")
    picked_count = fields.Integer(
        default=0,
        readonly=True,
        copy=False,
        protected=True,
        help="The rooms this family holds by its confirmed picks. Kept by the pick "
        "under the participant's row lock (the family limit), not computed.",
    )
    absent_count = fields.Integer(
        string="Turns Missed",
        default=0,
        readonly=True,
        copy=False,
        protected="action_call_absent",
        help="Windows that ended without a pick (过号).",
    )
    forfeited = fields.Boolean(
        readonly=True,
        copy=False,
        protected="action_call_absent",
        help="Out of the opening for missing their turn (the event's absent policy).",
    )
    choosing_now = fields.Boolean(compute="_compute_choosing_now")

    _sql_constraints = [
        (
            "queue_number_unique",
            "UNIQUE (event_id, queue_number_id)",
            "A queue number takes part in an opening event once.",
        ),
        (
            "picked_count_positive",
            "CHECK (picked_count >= 0)",
            "A family holds no fewer than zero rooms.",
        ),
    ]

    def _compute_choosing_now(self):
        now = fields.Datetime.now()
        for participant in self:
            participant.choosing_now = bool(
                not participant.forfeited
                and participant.window_start
                and participant.window_start <= now < participant.window_end
                and participant.picked_count < participant.event_id.family_limit
            )
