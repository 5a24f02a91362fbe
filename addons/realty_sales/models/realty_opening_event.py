"""An opening-day sale (开盘/选房, domain.md §10): the rooms on offer, the buyers in
their order, their windows, and the picks that create the deals."""

import hashlib
from datetime import timedelta

from psycopg2.errors import UniqueViolation

from odoo import Command, api, fields, models
from odoo.tools import SQL

from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_base.tools import errors as codes

EVENT_STATES = [
    ("draft", "Draft"),
    ("open", "Open"),
    ("paused", "Paused"),
    ("closed", "Closed"),
]
PICK_STAGES = [
    ("small_deposit", "Small Deposit"),
    ("subscription", "Subscription"),
]
ORDER_MODES = [
    ("queue", "Queue Order"),
    ("lottery", "Imported Lottery Result"),
    ("draw", "Reproducible Draw"),
]
ACTIVE_QUEUE_STATES = ("issued", "transferred")


def draw_key(seed, number):
    """§10.3: SHA-256 of ``seed|number`` in lower-case hex (V-44)."""
    return hashlib.sha256(f"{seed}|{number}".encode()).hexdigest()


class RealtyOpeningEvent(models.Model):
    _name = "realty.opening.event"
    _description = "Opening Event"
    _inherit = ["mail.thread"]
    _order = "date_start desc, id desc"

    name = fields.Char(required=True, tracking=True)
    project_id = fields.Many2one(
        "realty.project", required=True, index=True, tracking=True
    )
    company_id = fields.Many2one(related="project_id.company_id", store=True)
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        required=True,
        default=lambda self: self.env.user,
        tracking=True,
        help="The consultant the picks' deals are created by.",
    )
    state = fields.Selection(
        EVENT_STATES, default="draft", required=True, readonly=True, tracking=True
    )
    room_ids = fields.Many2many(
        "realty.room",
        string="Rooms on Offer",
        domain="[('project_id', '=', project_id)]",
    )
    pick_stage = fields.Selection(
        PICK_STAGES, default="small_deposit", required=True, tracking=True
    )
    payment_method_id = fields.Many2one(
        "realty.payment.method",
        required=True,
        default=lambda self: self.env.ref(
            "realty_base.payment_method_oneoff", raise_if_not_found=False
        ),
    )
    order_mode = fields.Selection(
        ORDER_MODES, default="queue", required=True, tracking=True
    )
    draw_seed = fields.Char(help="The published seed of the draw (§10.3).")
    draw_input_hash = fields.Char(readonly=True, copy=False)
    batch_size = fields.Integer(default=20, required=True)
    date_start = fields.Datetime(
        string="Start", required=True, default=fields.Datetime.now, tracking=True
    )
    batch_minutes = fields.Integer(string="Minutes per Batch", default=5)
    window_minutes = fields.Integer(
        string="Window (minutes)",
        default=30,
        help="How long a buyer may pick once the batch is called.",
    )
    family_limit = fields.Integer(string="Rooms per Family", default=1)
    rehearsal = fields.Boolean(
        string="Rehearsal (公测)",
        tracking=True,
        help="Picks create no deal and leave the rooms untouched.",
    )
    participant_ids = fields.One2many("realty.opening.participant", "event_id")
    pick_ids = fields.One2many("realty.opening.pick", "event_id")
    participant_count = fields.Integer(compute="_compute_counts")
    confirmed_count = fields.Integer(compute="_compute_counts")
    refused_count = fields.Integer(compute="_compute_counts")
    rooms_left = fields.Integer(compute="_compute_counts")

    @api.depends("pick_ids.state", "participant_ids", "room_ids.state")
    def _compute_counts(self):
        for event in self:
            picks = event.pick_ids
            confirmed = picks.filtered(lambda p: p.state == "confirmed")
            event.participant_count = len(event.participant_ids)
            event.confirmed_count = len(confirmed)
            event.refused_count = len(picks) - len(confirmed)
            if event.rehearsal:
                event.rooms_left = len(event.room_ids - confirmed.room_id)
            else:
                event.rooms_left = len(
                    event.room_ids.filtered(lambda r: r.state == "available")
                )

    # ------------------------------------------------------------------ actions
    def _set_state(self, allowed, target):
        wrong = self.filtered(lambda e: e.state not in allowed)
        if wrong:
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._(
                    "Opening event %(event)s cannot move from this state.",
                    event=wrong[0].name,
                ),
            )
        self.write({"state": target})
        self._notify_buyers()
        return True

    def action_open(self):
        return self._set_state(("draft", "paused"), "open")

    def action_pause(self):
        return self._set_state(("open",), "paused")

    def action_resume(self):
        return self._set_state(("paused",), "open")

    def action_close(self):
        return self._set_state(("open", "paused"), "closed")

    def action_build_order(self):
        """The participants: the project's active queue numbers with a sincerity
        deposit, in queue order, in the draw's order, or keeping the imported
        positions (lottery); then batches and windows."""
        for event in self:
            if event.state != "draft":
                raise RealtyUserError(
                    codes.ERR_STATE_TRANSITION,
                    self.env._("The order is built before the opening."),
                )
            numbers = self.env["realty.queue.number"].search(
                [
                    ("project_id", "=", event.project_id.id),
                    ("state", "in", ACTIVE_QUEUE_STATES),
                    ("sincerity_amount", ">", 0),
                    ("id", "not in", event.participant_ids.queue_number_id.ids),
                ]
            )
            if numbers:
                event.participant_ids = [
                    Command.create(
                        {
                            "queue_number_id": number.id,
                            "partner_id": number.partner_id.id,
                        }
                    )
                    for number in numbers
                ]
            event._order_participants()
        return True

    def _order_participants(self):
        self.ensure_one()
        participants = self.participant_ids
        if self.order_mode == "queue":
            ordered = participants.sorted(
                lambda p: (
                    p.queue_number_id.category or "",
                    p.queue_number_id.sequence_number,
                    p.id,
                )
            )
        elif self.order_mode == "draw":
            if not self.draw_seed:
                raise RealtyUserError(
                    codes.ERR_INVALID_INPUT,
                    self.env._("Publish the draw's seed first (§10.3)."),
                )
            names = sorted(participants.mapped("queue_number_id.name"))
            self.draw_input_hash = hashlib.sha256("\n".join(names).encode()).hexdigest()
            ordered = participants.sorted(
                lambda p: draw_key(self.draw_seed, p.queue_number_id.name)
            )
        else:  # imported lottery: the positions as imported
            ordered = participants.sorted(lambda p: (p.position or 10**9, p.id))
        for index, participant in enumerate(ordered):
            batch = index // max(self.batch_size, 1)
            start = self.date_start + timedelta(minutes=batch * self.batch_minutes)
            participant.write(
                {
                    "position": index + 1,
                    "batch": batch + 1,
                    "window_start": start,
                    "window_end": start + timedelta(minutes=self.window_minutes),
                }
            )

    # ------------------------------------------------------------------ the pick
    def _bus_channel(self):
        return f"realty_opening_{self.id}"

    def _notify_buyers(self, payload=None):
        for event in self:
            self.env["bus.bus"]._sendone(
                event._bus_channel(),
                "realty_opening",
                payload or {"event_id": event.id, "state": event.state},
            )

    def _pick(self, participant, room_id, token):
        """One buyer's pick (§10.2, §10.4), run as superuser by the controller for
        the signed-in buyer's own participant. Every outcome is recorded as a
        ``realty.opening.pick``; a retry with the same token returns the first
        pick. Returns the pick."""
        self.ensure_one()
        Pick = self.env["realty.opening.pick"]
        existing = Pick.search(
            [("participant_id", "=", participant.id), ("token", "=", token)], limit=1
        )
        if existing:
            return existing
        self.flush_recordset(["state"])
        participant.flush_recordset()
        # The event locked: a pause waits for the picks under way and is seen by
        # every later one. The buyer's row updated, not only locked: one buyer's
        # picks take turns, and under REPEATABLE READ a pick that waited for
        # another of the same buyer fails to serialise (Odoo replays it with a
        # fresh snapshot) instead of counting the buyer's picks from a snapshot
        # that misses the other one (the family limit).
        self.env.cr.execute(
            SQL(
                "WITH p AS (UPDATE realty_opening_participant"
                " SET write_date = write_date"
                " WHERE id = %s AND event_id = %s RETURNING id)"
                " SELECT e.state, p.id FROM realty_opening_event e, p"
                " WHERE e.id = %s FOR SHARE OF e",
                participant.id,
                self.id,
                self.id,
            )
        )
        row = self.env.cr.fetchone()
        vals = {
            "event_id": self.id,
            "participant_id": participant.id,
            "room_id": room_id,
            "token": token,
            "rehearsal": self.rehearsal,
        }
        refusal = row and self._pick_refusal(row[0], participant, room_id)
        if not row or refusal:
            code, message = refusal or (
                codes.ERR_INVALID_INPUT,
                self.env._("You are not a participant of this opening."),
            )
            return Pick.create(
                {**vals, "state": "refused", "code": code, "message": message}
            )
        try:
            with self.env.cr.savepoint():
                deal = self._pick_deal(participant, room_id, token)
                pick = Pick.create({**vals, "state": "confirmed", "deal_id": deal.id})
        except UniqueViolation:  # a rehearsal room picked at the same moment
            return Pick.create(
                {
                    **vals,
                    "state": "refused",
                    "code": codes.ERR_ROOM_TAKEN,
                    "message": self.env._("This room has just been taken; refresh."),
                }
            )
        except RealtyUserError as exc:
            message = str(exc.args[0]) if exc.args else ""
            return Pick.create(
                {
                    **vals,
                    "state": "refused",
                    "code": exc.code,
                    "message": message.removeprefix(f"[{exc.code}] "),
                }
            )
        self._notify_buyers({"event_id": self.id, "room_id": room_id, "state": "taken"})
        return pick

    def _pick_refusal(self, event_state, participant, room_id):
        """``(code, message)`` of a pick the event refuses, or None."""
        if event_state != "open":
            return codes.ERR_OPENING_PAUSED, self.env._(
                "The selection is paused or not open; please wait."
            )
        now = fields.Datetime.now()
        if not (
            participant.window_start
            and participant.window_start <= now < participant.window_end
        ):
            return codes.ERR_OPENING_WINDOW, self.env._(
                "It is not your turn: your window is %(start)s to %(end)s.",
                start=participant.window_start,
                end=participant.window_end,
            )
        number = participant.queue_number_id
        if number.state not in (*ACTIVE_QUEUE_STATES, "converted") or (
            number.currency_id.is_zero(number.sincerity_amount)
        ):
            return codes.ERR_NO_SINCERITY, self.env._(
                "Queue number %(number)s holds no sincerity deposit.",
                number=number.name,
            )
        confirmed = self.env["realty.opening.pick"].search_count(
            [("participant_id", "=", participant.id), ("state", "=", "confirmed")]
        )
        if confirmed >= self.family_limit:
            return codes.ERR_OPENING_LIMIT, self.env._(
                "Your family has already picked %(count)s room(s), the limit.",
                count=confirmed,
            )
        if room_id not in self.room_ids.ids:
            return codes.ERR_INVALID_INPUT, self.env._("This room is not on offer.")
        return None

    def _pick_deal(self, participant, room_id, token):
        """The deal of a confirmed pick, at the event's stage, the sincerity
        deposit credited to it; none in a rehearsal."""
        Deal = self.env["realty.deal"]
        if self.rehearsal:
            taken = self.env["realty.opening.pick"].search_count(
                [
                    ("event_id", "=", self.id),
                    ("room_id", "=", room_id),
                    ("state", "=", "confirmed"),
                ],
                limit=1,
            )
            if taken:
                raise RealtyUserError(
                    codes.ERR_ROOM_TAKEN,
                    self.env._("This room has just been taken; refresh."),
                )
            return Deal
        number = participant.queue_number_id
        vals = {
            "room_id": room_id,
            "partner_id": participant.partner_id.id,
            "payment_method_id": self.payment_method_id.id,
        }
        payment = {
            "amount": number.sincerity_amount,
            "method": "internal",
            "reference": number.name,
        }
        if self.pick_stage == "small_deposit":
            vals["payment_ids"] = [Command.create({**payment, "item": "intention"})]
        else:
            vals.update(
                deposit_amount=number.sincerity_amount,
                subscription_signed=True,
                payment_ids=[Command.create({**payment, "item": "deposit"})],
            )
        deal = Deal.browse(
            Deal.with_user(self.user_id).create_and_advance(
                vals, self.pick_stage, client_token=f"opening-{self.id}-{token}"
            )
        )
        number._write_outcome(
            {
                "state": "converted",
                "deal_id": deal.id,
                "date_converted": fields.Datetime.now(),
                "converted_by_id": self.user_id.id,
            }
        )
        return deal

    def _state_for(self, participant):
        """The selection page's facts: the rooms on offer with their state, and the
        buyer's place and window (controllers/opening.py documents the shape)."""
        self.ensure_one()
        taken_in_rehearsal = set()
        if self.rehearsal:
            taken_in_rehearsal = set(
                self.pick_ids.filtered(lambda p: p.state == "confirmed").room_id.ids
            )
        rooms = [
            {
                "id": room.id,
                "code": room.code,
                "layout": room.layout_id.display_name or "",
                "area": room.area_building_pred,
                "price": room.list_total,
                "state": room.state,
                "taken": room.id in taken_in_rehearsal
                if self.rehearsal
                else room.state != "available",
            }
            for room in self.room_ids
        ]
        me = None
        if participant:
            me = {
                "position": participant.position,
                "batch": participant.batch,
                "window_start": participant.window_start,
                "window_end": participant.window_end,
                "picked": participant.picked_count,
                "choosing_now": participant.choosing_now,
            }
        return {
            "event": {
                "id": self.id,
                "name": self.name,
                "state": self.state,
                "rehearsal": self.rehearsal,
                "channel": self._bus_channel(),
            },
            "rooms": rooms,
            "me": me,
            "now": fields.Datetime.now(),
        }
