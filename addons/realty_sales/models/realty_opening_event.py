"""An opening-day sale (开盘/选房, domain.md §10): the rooms on offer, the buyers in
their order, their windows, and the picks that create the deals."""

import hashlib
import time
from datetime import timedelta

from markupsafe import Markup
from psycopg2 import errors as pg_errors

from odoo import Command, api, fields, models
from odoo.tools import SQL, format_datetime

from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_base.inputs import Vals, arguments
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
ABSENT_POLICIES = [
    ("move_to_end", "Move to the End of the Queue"),
    ("forfeit", "Forfeit"),
]
ORDER_MODES = [
    ("queue", "Queue Order"),
    ("lottery", "Imported Lottery Result"),
    ("draw", "Reproducible Draw"),
]
ACTIVE_QUEUE_STATES = ("issued", "transferred")
FREE_HINT_CODES = frozenset(
    {
        codes.ERR_ROOM_TAKEN,
        codes.ERR_ROOM_LOCKED,
    }
)
"""Refusals over the room itself: the answer names some rooms still free."""
WAKE_EVERY = 2.0  # seconds between two triggers of the deal writer by one process
GIVE_WAY = 3.0  # seconds: a pick that recent means a burst; the deal writer waits
MAX_WAIT = 60.0  # seconds: how long the deal writer waits for a burst at most
_LAST_WAKE = {}  # database name → time.monotonic() of this process's last trigger


def draw_key(seed, number):
    """§10.3: SHA-256 of ``seed|number`` in lower-case hex (V-44)."""
    return hashlib.sha256(f"{seed}|{number}".encode()).hexdigest()


class RealtyOpeningEvent(models.Model):
    _name = "realty.opening.event"
    _description = "Opening Event"
    _inherit = ["mail.thread", "mail.activity.mixin"]
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
    confirm_minutes = fields.Integer(
        string="Minutes to Confirm",
        default=30,
        help="A pick whose deal is still a small deposit (the 认购书 unsigned, the "
        "top-up unpaid) this long after the pick is released: the deal cancelled "
        "(R2, the intention money refunded where the project refunds it) and the "
        "room back on offer (§10.2 opening.confirm_minutes). 0: never.",
    )
    absent_policy = fields.Selection(
        ABSENT_POLICIES,
        default="move_to_end",
        required=True,
        tracking=True,
        help="A buyer whose window ends without a pick (过号, §10.2): called again "
        "after everyone else, once, or out of the opening.",
    )
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
    pending_deal_count = fields.Integer(
        string="Picks Awaiting Their Deal", compute="_compute_counts"
    )
    rooms_left = fields.Integer(compute="_compute_rooms_left")
    rooms_left_by_layout = fields.Html(
        string="Rooms Left per Layout", compute="_compute_rooms_left", sanitize=False
    )

    @api.depends("pick_ids.state", "pick_ids.deal_id", "participant_ids")
    def _compute_counts(self):
        """Grouped counts: an event of thousands of picks loads none of them."""
        picks = self.env["realty.opening.pick"]._read_group(
            [("event_id", "in", self.ids)],
            ["event_id", "state"],
            ["__count"],
        )
        by_state = {(event.id, state): count for event, state, count in picks}
        pending = dict(
            self.env["realty.opening.pick"]._read_group(
                [
                    ("event_id", "in", self.ids),
                    ("state", "=", "confirmed"),
                    ("rehearsal", "=", False),
                    ("deal_id", "=", False),
                ],
                ["event_id"],
                ["__count"],
            )
        )
        participants = dict(
            self.env["realty.opening.participant"]._read_group(
                [("event_id", "in", self.ids)], ["event_id"], ["__count"]
            )
        )
        for event in self:
            event.participant_count = participants.get(event, 0)
            event.confirmed_count = by_state.get((event.id, "confirmed"), 0)
            event.refused_count = by_state.get((event.id, "refused"), 0)
            event.pending_deal_count = pending.get(event, 0)

    @api.depends("room_ids.state", "room_ids.opening_pick_id", "pick_ids.state")
    def _compute_rooms_left(self):
        """The rooms on offer still free, in all and per layout (the manager's
        screen, §10.2)."""
        Room = self.env["realty.room"]
        for event in self:
            domain = [("id", "in", event.room_ids.ids)]
            if event.rehearsal:
                taken = event.pick_ids.filtered(lambda p: p.state == "confirmed")
                domain.append(("id", "not in", taken.room_id.ids))
            else:
                domain += [("state", "=", "available"), ("opening_pick_id", "=", False)]
            groups = Room._read_group(domain, ["layout_id"], ["__count"])
            event.rooms_left = sum(count for _layout, count in groups)
            rows = "".join(
                Markup("<tr><td>%s</td><td class='text-end'>%s</td></tr>")
                % (layout.display_name or self.env._("No layout"), count)
                for layout, count in sorted(
                    groups, key=lambda g: g[0].display_name or ""
                )
            )
            event.rooms_left_by_layout = (
                Markup("<table class='table table-sm mb-0'>%s</table>") % Markup(rows)
                if rows
                else False
            )

    # ----------------------------------------------------------------------- CRUD
    @arguments(vals=Vals())
    def write(self, vals):
        """Checked before mail.activity.mixin reads the values."""
        return super().write(vals)

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

    # ------------------------------------------------------------ the clock
    @api.model
    def _cron_opening_clock(self):
        """Every minute of an opening: the absent buyers, the unconfirmed picks."""
        self.search([("state", "=", "open")])._call_absent()
        # not closed events: their unconfirmed deals are the desk's now (and an
        # upgrade must not cancel the small deposits of past openings)
        self.search(
            [
                ("state", "in", ("open", "paused")),
                ("rehearsal", "=", False),
                ("confirm_minutes", ">", 0),
            ]
        )._release_unconfirmed()

    def _release_unconfirmed(self):
        """Picks whose deal is still a small deposit, or a draft, `confirm_minutes`
        after the pick (§10.2): the deal cancelled (R2) and the pick released, the
        room back on offer. Each in a savepoint: one that cannot be undone is
        left to the salesperson, with a message."""
        Pick = self.env["realty.opening.pick"]
        now = fields.Datetime.now()
        for event in self:
            late = Pick.search(
                [
                    ("event_id", "=", event.id),
                    ("state", "=", "confirmed"),
                    ("deal_id", "!=", False),
                    (
                        "create_date",
                        "<=",
                        now - timedelta(minutes=event.confirm_minutes),
                    ),
                    "|",
                    "&",
                    ("deal_id.status", "=", "active"),
                    ("deal_id.stage", "=", "small_deposit"),
                    ("deal_id.status", "=", "draft"),
                ]
            )
            for pick in late:
                deal = pick.deal_id
                try:
                    with self.env.cr.savepoint():
                        if deal.status == "active":
                            deal.action_cancel_small_deposit()
                        event._release_pick(pick)
                except RealtyUserError as exc:
                    event.message_post(body=str(exc))
                    continue
                deal.message_post(
                    body=self.env._(
                        "Not confirmed within %(minutes)s minutes of the opening "
                        "pick: cancelled, the room back on offer.",
                        minutes=event.confirm_minutes,
                    )
                )

    def action_call_absent(self):
        """The manager's button: apply the absent policy now."""
        self.check_access("write")
        self.sudo()._call_absent()
        return True

    def _call_absent(self):
        """The buyers whose window has ended without a pick (过号, §10.2): under
        ``move_to_end``, called again once in new batches after everyone else,
        out at a second miss; under ``forfeit``, out at once."""
        now = fields.Datetime.now()
        for event in self.filtered(lambda e: e.state == "open"):
            missed = event.participant_ids.filtered(
                lambda p: (
                    not p.forfeited
                    and not p.picked_count
                    and p.window_end
                    and p.window_end <= now
                )
            )
            if not missed:
                continue
            again = (
                missed.filtered(lambda p: not p.absent_count)
                if event.absent_policy == "move_to_end"
                else missed.browse()
            )
            out = missed - again
            for participant in out:
                participant._unlocked().write(
                    {"forfeited": True, "absent_count": participant.absent_count + 1}
                )
            if again:
                event._move_to_end(again, now)
            event.message_post(
                body=self.env._(
                    "Missed their turn: %(again)s called again at the end of the "
                    "queue, %(out)s out of the opening.",
                    again=len(again),
                    out=len(out),
                )
            )
            event._notify_buyers()

    def _move_to_end(self, participants, now):
        """New places after the last one, in new batches from the next call."""
        self.ensure_one()
        others = self.participant_ids - participants
        last = max(others.mapped("position") or [0])
        last_batch = max(others.mapped("batch") or [0])
        last_start = max(
            [start for start in others.mapped("window_start") if start] or [now]
        )
        start = max(now, last_start + timedelta(minutes=self.batch_minutes))
        size = max(self.batch_size, 1)
        for index, participant in enumerate(participants.sorted("position")):
            offset = index // size
            window_start = start + timedelta(minutes=offset * self.batch_minutes)
            participant._unlocked().write(
                {
                    "position": last + index + 1,
                    "batch": last_batch + offset + 1,
                    "window_start": window_start,
                    "window_end": window_start + timedelta(minutes=self.window_minutes),
                    "absent_count": participant.absent_count + 1,
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

    def _pick(self, participant, room_id, token, user_id=None):
        """One buyer's pick (§10.2, §10.4), run as superuser by the controller for
        the signed-in buyer's own participant. Every outcome is recorded as a
        ``realty.opening.pick``; a retry with the same token returns the first
        pick. Returns ``(pick, free)``, ``free`` being some rooms still free after
        a refusal over a room. The buyer is `participant`, or, when it is empty,
        the event's participant whose login is `user_id` (the controller's case:
        found in the pick's own statement); ``(None, [])`` when there is none.

        A confirmed pick holds the room at once and its deal follows from the
        cron (``_cron_write_deals``): the pick is a handful of statements, and
        each contention is answered at once, not replayed by Odoo after a sleep.

        * The event's row FOR SHARE: a pause waits for the picks under way and is
          seen by every later one.
        * The buyer's row FOR NO KEY UPDATE NOWAIT, its ``picked_count`` raised by
          a confirmed pick: a second pick of one buyer at the same moment is told
          to try again (ERR_OPENING_BUSY). Under REPEATABLE READ a pick that began
          before the other committed fails to lock the row, rather than count
          the family's rooms from a stale snapshot.
        * The room's row FOR NO KEY UPDATE NOWAIT, as the room's state path takes
          it (§10.4 layer 1), and its ``opening_pick_id`` written: the desk, the
          grid and every later pick see the room taken, and any of them that
          began before fails to lock it.
        * The unique index on confirmed picks (layer 2)."""
        self.ensure_one()
        Participant = self.env["realty.opening.participant"]
        vals = {"event_id": self.id, "room_id": room_id, "token": token}
        locking, facts, pick, refusal = "buyer", None, None, None
        try:
            # one savepoint for both locks (each is two statements more)
            with self.env.cr.savepoint():
                facts = self._lock_buyer(participant, token, user_id)
                if facts:
                    participant = Participant.browse(facts["participant_id"])
                if facts and not facts["pick_id"]:
                    vals["rehearsal"] = facts["rehearsal"]
                    refusal = self._pick_refusal(facts)
                    if not refusal:
                        locking = "room"
                        refusal, building_id = self._lock_room(
                            room_id, facts["rehearsal"]
                        )
                        if not refusal:
                            pick = self._claim(
                                participant,
                                room_id,
                                building_id,
                                {**vals, "participant_id": participant.id},
                                facts,
                            )
        except pg_errors.LockNotAvailable:
            refusal = self._busy() if locking == "buyer" else self._locked()
        except pg_errors.SerializationFailure:
            refusal = self._busy() if locking == "buyer" else self._taken()
        except pg_errors.UniqueViolation:  # layer 2: someone was first
            refusal = self._taken()
        if facts and facts["pick_id"]:  # a retry: the first answer
            return self.env["realty.opening.pick"].browse(facts["pick_id"]), []
        if pick:
            return pick, []
        if not participant and user_id:  # the buyer's row was busy: who is it
            participant = Participant.search(
                [("event_id", "=", self.id), ("user_id", "=", user_id)], limit=1
            )
        if not participant:
            return None, []
        vals["participant_id"] = participant.id
        vals["rehearsal"] = bool(vals.get("rehearsal"))
        return self._refuse(
            vals,
            *(
                refusal
                or (
                    codes.ERR_INVALID_INPUT,
                    self.env._("You are not a participant of this opening."),
                )
            ),
        )

    def _lock_buyer(self, participant, token, user_id=None):
        """The facts of a pick in one statement: the event's (its row locked FOR
        SHARE), the buyer's (their row FOR NO KEY UPDATE NOWAIT, found by
        `participant` or by their login `user_id`) and the pick already made with
        this token, if any; None when the buyer is not the event's."""
        buyer = (
            SQL("p.id = %s", participant.id)
            if participant
            else SQL("p.user_id = %s", user_id)
        )
        self.env.cr.execute(
            SQL(
                "SELECT p.id AS participant_id,"
                " e.state, e.family_limit, e.rehearsal, e.project_id,"
                " p.picked_count, p.window_start, p.window_end, p.forfeited,"
                " q.state AS number_state, q.sincerity_amount, q.name AS number,"
                " (SELECT k.id FROM realty_opening_pick k WHERE k.participant_id"
                " = p.id AND k.token = %s) AS pick_id"
                " FROM realty_opening_event e"
                " JOIN realty_opening_participant p ON p.event_id = e.id"
                " JOIN realty_queue_number q ON q.id = p.queue_number_id"
                " WHERE e.id = %s AND %s"
                " FOR SHARE OF e FOR NO KEY UPDATE OF p NOWAIT",
                token,
                self.id,
                buyer,
            ),
            log_exceptions=False,  # a busy row is an answer, not a fault
        )
        return self.env.cr.dictfetchone()

    def _pick_refusal(self, facts):
        """``(code, message)`` of a pick the event refuses, or None."""
        if facts["state"] != "open":
            return codes.ERR_OPENING_PAUSED, self.env._(
                "The selection is paused or not open; please wait."
            )
        if facts["forfeited"]:
            return codes.ERR_OPENING_WINDOW, self.env._(
                "You missed your turn and are out of this opening."
            )
        now = fields.Datetime.now()
        start, end = facts["window_start"], facts["window_end"]
        if not (start and start <= now < end):
            tz = self.env.user.tz or "Asia/Shanghai"
            return codes.ERR_OPENING_WINDOW, self.env._(
                "It is not your turn: your window is %(start)s to %(end)s.",
                start=format_datetime(self.env, start, tz=tz) if start else "-",
                end=format_datetime(self.env, end, tz=tz) if end else "-",
            )
        sincerity = facts["sincerity_amount"]
        if facts["number_state"] not in (*ACTIVE_QUEUE_STATES, "converted") or not (
            sincerity and sincerity > 0
        ):
            return codes.ERR_NO_SINCERITY, self.env._(
                "Queue number %(number)s holds no sincerity deposit.",
                number=facts["number"],
            )
        picked = facts["picked_count"] or 0
        if picked >= facts["family_limit"]:
            return codes.ERR_OPENING_LIMIT, self.env._(
                "Your family has already picked %(count)s room(s), the limit.",
                count=picked,
            )
        return None

    def _rooms_on_offer_sql(self):
        field = self._fields["room_ids"]
        return SQL(
            "SELECT %s AS room_id FROM %s WHERE %s = %s",
            SQL.identifier(field.column2),
            SQL.identifier(field.relation),
            SQL.identifier(field.column1),
            self.id,
        )

    def _lock_room(self, room_id, rehearsal):
        """The room locked (a real opening); ``(refusal, building id)``, the
        refusal ``(code, message)`` when the room is not on offer or is taken."""
        if rehearsal:  # the real rooms untouched; the index decides
            self.env.cr.execute(
                SQL(
                    "SELECT EXISTS (SELECT 1 FROM realty_opening_pick"
                    " WHERE event_id = %s AND room_id = o.room_id"
                    " AND state = 'confirmed'), NULL"
                    " FROM (%s) o WHERE o.room_id = %s",
                    self.id,
                    self._rooms_on_offer_sql(),
                    room_id,
                )
            )
        else:
            self.env.cr.execute(
                SQL(
                    "SELECT r.state != 'available' OR r.opening_pick_id IS NOT NULL,"
                    " r.building_id"
                    " FROM realty_room r JOIN (%s) o ON o.room_id = r.id"
                    " WHERE r.id = %s FOR NO KEY UPDATE OF r NOWAIT",
                    self._rooms_on_offer_sql(),
                    room_id,
                ),
                log_exceptions=False,  # a busy row is an answer, not a fault
            )
        row = self.env.cr.fetchone()
        if not row:
            return (
                codes.ERR_INVALID_INPUT,
                self.env._("This room is not on offer."),
            ), None
        taken, building_id = row
        return (self._taken() if taken else None), building_id

    def _claim(self, participant, room_id, building_id, vals, facts):
        """The confirmed pick: the room held, the buyer's count raised, every
        screen told, the deal writer woken."""
        pick = self.env["realty.opening.pick"].create({**vals, "state": "confirmed"})
        held = SQL(
            "UPDATE realty_room SET opening_pick_id = %s WHERE id = %s;",
            pick.id,
            room_id,
        )
        self.env.cr.execute(
            SQL(
                "%s UPDATE realty_opening_participant"
                " SET picked_count = picked_count + 1 WHERE id = %s",
                SQL() if facts["rehearsal"] else held,
                participant.id,
            )
        )
        participant.invalidate_recordset(["picked_count"])
        self._notify_buyers({"event_id": self.id, "room_id": room_id, "state": "taken"})
        if facts["rehearsal"]:
            return pick
        self.env["realty.room"].browse(room_id).invalidate_recordset(
            ["opening_pick_id"]
        )
        # the sales-control grids (one insert with the above, at commit)
        self.env["bus.bus"]._sendone(
            self.env["realty.project"].browse(facts["project_id"]),
            "realty_sales/rooms_moved",
            {"building_ids": [building_id], "room_ids": [room_id]},
        )
        self._wake_deal_writer()
        return pick

    def _wake_deal_writer(self):
        """Trigger the deal writer, at most every WAKE_EVERY seconds from this
        process: a trigger is a row and a NOTIFY on a connection of its own, too
        much for every pick of a burst (the cron goes on while picks wait, and its
        minute is the backstop)."""
        key = self.env.cr.dbname
        now = time.monotonic()
        if now - _LAST_WAKE.get(key, -WAKE_EVERY) >= WAKE_EVERY:
            _LAST_WAKE[key] = now
            self.env.ref("realty_sales.ir_cron_opening_deals")._trigger()

    def _refuse(self, vals, code, message):
        """The refused pick recorded; after a refusal over a room, some rooms still
        free, or ERR_OPENING_SOLD_OUT when none is."""
        free = []
        if code in FREE_HINT_CODES:
            free = self._free_rooms(vals["rehearsal"])
            if not free:
                code, message = self._sold_out()
        pick = self.env["realty.opening.pick"].create(
            {**vals, "state": "refused", "code": code, "message": message}
        )
        return pick, free

    def _free_rooms(self, rehearsal, limit=5):
        """Up to `limit` rooms on offer still free, in no order (so that refused
        buyers spread over them)."""
        if rehearsal:
            taken = SQL(
                "EXISTS (SELECT 1 FROM realty_opening_pick p WHERE p.event_id = %s"
                " AND p.room_id = r.id AND p.state = 'confirmed')",
                self.id,
            )
        else:
            taken = SQL("(r.state != 'available' OR r.opening_pick_id IS NOT NULL)")
        self.env.cr.execute(
            SQL(
                "SELECT r.id FROM realty_room r JOIN (%s) o ON o.room_id = r.id"
                " WHERE NOT %s ORDER BY random() LIMIT %s",
                self._rooms_on_offer_sql(),
                taken,
                limit,
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]

    def _busy(self):
        return codes.ERR_OPENING_BUSY, self.env._(
            "Your family's other pick is under way, or the selection has just "
            "changed; try again in a moment."
        )

    def _locked(self):
        return codes.ERR_ROOM_LOCKED, self.env._(
            "Someone else is taking this room right now; choose another."
        )

    def _taken(self):
        return codes.ERR_ROOM_TAKEN, self.env._(
            "This room has just been taken; refresh."
        )

    def _sold_out(self):
        return codes.ERR_OPENING_SOLD_OUT, self.env._(
            "Every room on offer has been taken."
        )

    # ------------------------------------------------------- the picks' deals
    @api.model
    def _cron_write_deals(self, limit=50):
        """Write the deals of the confirmed picks that have none yet, oldest first,
        each in a savepoint (one that fails is flagged on its pick and put to the
        event's salesperson); in a cron run, once a burst of picks calms
        (``_give_way``), and committed one by one."""
        Pick = self.env["realty.opening.pick"]
        domain = [
            ("state", "=", "confirmed"),
            ("rehearsal", "=", False),
            ("deal_id", "=", False),
            ("deal_error", "=", False),
        ]
        auto_commit = bool(self.env.context.get("cron_id"))
        if auto_commit:
            self._give_way()
        picks = Pick.search(domain, order="id", limit=limit)
        for pick in picks:
            pick.event_id._write_pick_deal(pick)
            if auto_commit:
                # a cron's own batch (auto_commit, as Odoo's mail queue does): a
                # written deal stays, whatever comes next
                self.env.cr.commit()  # pylint: disable=invalid-commit
        if picks:
            self.env["ir.cron"]._notify_progress(
                done=len(picks), remaining=Pick.search_count(domain)
            )
        return picks

    @api.model
    def _give_way(self):
        """While picks arrive (one in the last GIVE_WAY seconds), wait: a burst's
        picks go first and their deals follow once it calms, after MAX_WAIT
        seconds at most. Cron runs only: it commits to look again."""
        deadline = time.monotonic() + MAX_WAIT
        while time.monotonic() < deadline:
            self.env.cr.execute(
                SQL(
                    "SELECT create_date > (now() AT TIME ZONE 'UTC') - %s"
                    " FROM realty_opening_pick ORDER BY id DESC LIMIT 1",
                    timedelta(seconds=GIVE_WAY),
                )
            )
            row = self.env.cr.fetchone()
            if not (row and row[0]):
                return
            # cron runs only: the next look in a fresh snapshot (REPEATABLE READ)
            self.env.cr.commit()  # pylint: disable=invalid-commit
            time.sleep(GIVE_WAY / 3)

    def _write_pick_deal(self, pick):
        """The deal of one confirmed pick, or its error recorded."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                deal = self._pick_deal(pick)
        except RealtyUserError as exc:
            message = str(exc.args[0]) if exc.args else exc.code
            pick.write({"deal_error": message})
            self.message_post(
                body=self.env._(
                    "The deal of %(buyer)s's pick of room %(room)s could not be "
                    "written: %(error)s",
                    buyer=pick.partner_id.name,
                    room=pick.room_id.code,
                    error=message,
                )
            )
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=self.user_id.id,
                summary=self.env._("Settle a pick without a deal"),
                note=message,
            )
            return False
        pick.write({"deal_id": deal.id})
        return deal

    def _pick_deal(self, pick):
        """The deal of a confirmed pick, at the event's stage, the sincerity
        deposit credited to it. The family's later rooms (a limit above one) get
        a draft deal: the deposit went with the first, and the room stays held for
        the buyer by the pick until the desk takes its money."""
        participant, room = pick.participant_id, pick.room_id
        number = participant.queue_number_id
        Deal = self.env["realty.deal"].with_user(self.user_id)
        vals = {
            "room_id": room.id,
            "partner_id": participant.partner_id.id,
            "payment_method_id": self.payment_method_id.id,
        }
        client_token = f"opening-{self.id}-{pick.token}"
        if number.state not in ACTIVE_QUEUE_STATES:  # converted by a first room
            deal = Deal.create(vals)
            deal._unlocked().write({"client_token": client_token})
            return deal
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
            Deal.create_and_advance(vals, self.pick_stage, client_token=client_token)
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

    def _release_pick(self, pick):
        """A confirmed pick given up (without a deal, or its deal cancelled): its
        room free to pick again, the buyer's count lowered, every screen told."""
        self.ensure_one()
        pick.write({"state": "released"})
        if not pick.rehearsal:
            self.env.cr.execute(
                SQL(
                    "UPDATE realty_room SET opening_pick_id = NULL"
                    " WHERE id = %s AND opening_pick_id = %s",
                    pick.room_id.id,
                    pick.id,
                )
            )
            pick.room_id.invalidate_recordset(["opening_pick_id"])
        self.env.cr.execute(
            SQL(
                "UPDATE realty_opening_participant"
                " SET picked_count = picked_count - 1 WHERE id = %s",
                pick.participant_id.id,
            )
        )
        pick.participant_id.invalidate_recordset(["picked_count"])
        self._notify_buyers(
            {"event_id": self.id, "room_id": pick.room_id.id, "state": "free"}
        )

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
                else room.state != "available" or bool(room.opening_pick_id),
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
                "forfeited": participant.forfeited,
                "absent_count": participant.absent_count,
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
