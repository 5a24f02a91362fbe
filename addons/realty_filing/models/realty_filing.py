import logging
import threading
import uuid
from datetime import timedelta

import psycopg2

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_base.inputs import Vals, arguments
from odoo.addons.realty_base.tools import errors as codes
from odoo.addons.realty_base.tools import states

from ..payload import CANCELLATION, CONTRACT, SUBSCRIPTION
from ..tools import Exchange, backoff_seconds

_logger = logging.getLogger(__name__)

FILING_KINDS = [
    (SUBSCRIPTION, "Subscription Filing"),
    (CONTRACT, "Contract Filing"),
    (CANCELLATION, "Cancellation"),
]
FILING_STATES = [
    ("draft", "Draft"),
    ("queued", "Queued"),
    ("submitted", "Submitted"),
    ("accepted", "Accepted"),
    ("rejected", "Rejected"),
    ("cancelled", "Cancelled"),
]
IN_FLIGHT = ("queued", "submitted")
"""Sent or to be sent: the city system may hold it, or soon will."""
ACTIVE = (*IN_FLIGHT, "accepted")
"""A filing the deal cannot be terminated or moved past (ERR_FILING_ACTIVE)."""
TRANSIENT = ("timeout", "unavailable", "error", "stray")
"""Outcomes after which the filing is sent again, with the same key."""
UNKNOWN = ("timeout", "error", "stray")
"""Outcomes after which the city system may have the filing: it is submitted."""
MANAGERS = "realty_filing.group_realty_filing_manager"
QUEUE = "action_queue, action_retry and the queue (cron)"
DRAFT_FIELDS = frozenset({"change_order_id", "bank_consent", "note"})
"""What a user types on a draft (a cancellation's documents and reason)."""


class RealtyFiling(models.Model):
    """A filing with the city's online signing and filing system (网签备案,
    domain.md §8.4): a subscription filing, a contract filing, or the cancellation
    of one (R5).

    Queued only complete (§8.3, field by field), the document is stored as sent
    and posted by the queue (a cron that locks each filing with FOR UPDATE SKIP
    LOCKED) with an idempotency key of its own, so that a retry after a timeout
    never files twice; every attempt is logged. An accepted contract filing moves
    the room to filed (F11); an accepted cancellation moves it back (R5)."""

    _name = "realty.filing"
    _description = "Online Filing"
    _inherit = ["mail.thread", "realty.protected.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(
        required=True,
        copy=False,
        readonly=True,
        default=lambda self: self.env._("New"),
        protected="the filing sequence",
    )
    deal_id = fields.Many2one(
        "realty.deal",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        write_once=True,
    )
    kind = fields.Selection(FILING_KINDS, required=True, write_once=True, tracking=True)
    original_filing_id = fields.Many2one(
        "realty.filing",
        string="Cancels",
        index="btree_not_null",
        ondelete="restrict",
        write_once=True,
        domain="[('deal_id', '=', deal_id), ('state', '=', 'accepted'), "
        "('kind', '!=', 'cancellation')]",
        help="The accepted filing a cancellation cancels.",
    )
    room_id = fields.Many2one(
        "realty.room",
        readonly=True,
        index=True,
        protected="the deal's room when the filing is created",
    )
    project_id = fields.Many2one(
        related="deal_id.project_id", store=True, index=True, precompute=True
    )
    company_id = fields.Many2one(
        related="deal_id.company_id", store=True, index=True, precompute=True
    )
    adapter_id = fields.Many2one(
        "realty.filing.adapter",
        string="City Adapter",
        readonly=True,
        check_company=True,
        protected="the project's adapter (action_queue)",
    )
    state = fields.Selection(
        FILING_STATES,
        required=True,
        default="draft",
        readonly=True,
        index=True,
        copy=False,
        tracking=True,
        protected=QUEUE,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Requested By",
        readonly=True,
        default=lambda self: self.env.user,
        protected="the user who creates the filing",
    )
    # ---------------------------------------------------- what is sent, answered
    idempotency_key = fields.Char(
        readonly=True,
        copy=False,
        protected=QUEUE,
        help="Sent with every attempt; the city system files a key once.",
    )
    payload = fields.Text(
        string="Document Sent", readonly=True, copy=False, protected=QUEUE
    )
    filing_number = fields.Char(
        readonly=True, copy=False, index=True, tracking=True, protected=QUEUE
    )
    answer = fields.Text(
        string="Last Answer", readonly=True, copy=False, protected=QUEUE
    )
    reject_reason = fields.Char(
        readonly=True, copy=False, tracking=True, protected=QUEUE
    )
    date_queued = fields.Datetime(readonly=True, copy=False, protected=QUEUE)
    date_answered = fields.Datetime(readonly=True, copy=False, protected=QUEUE)
    attempt_ids = fields.One2many(
        "realty.filing.attempt", "filing_id", string="Attempts", readonly=True
    )
    attempt_count = fields.Integer(readonly=True, copy=False, protected=QUEUE)
    next_attempt_at = fields.Datetime(
        string="Next Attempt", readonly=True, copy=False, index=True, protected=QUEUE
    )
    stuck = fields.Boolean(
        readonly=True,
        copy=False,
        index=True,
        protected=QUEUE,
        help="The city system did not answer in the attempts allowed: a filing "
        "manager retries it.",
    )
    stuck_reason = fields.Char(readonly=True, copy=False, protected=QUEUE)
    room_error = fields.Char(
        string="Room Not Moved",
        readonly=True,
        copy=False,
        protected=QUEUE,
        help="The city system accepted, but the room could not follow; retry.",
    )
    needs_attention = fields.Boolean(
        compute="_compute_needs_attention", search="_search_needs_attention"
    )
    # ------------------------------------------------ a cancellation's documents
    change_order_id = fields.Many2one(
        "realty.change.order",
        check_company=True,
        domain="[('deal_id', '=', deal_id), ('change_type', 'in', "
        "('terminate', 'change_room'))]",
        help="The approved termination or room change, with its signed termination "
        "agreement (or court document), that the cancellation carries out.",
    )
    bank_consent = fields.Boolean(
        help="The lending bank consents (needed when the deal has a loan, whose "
        "mortgage pre-registration the cancellation ends)."
    )
    note = fields.Text(string="Reason")

    def init(self):
        """One live filing per deal and kind, one cancellation per filing, and a
        filing number issued once per city system (the database says so)."""
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS realty_filing_deal_kind_active_uniq "
                "ON realty_filing (deal_id, kind) WHERE state IN %s "
                "AND kind != 'cancellation'",
                ACTIVE,
            )
        )
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS realty_filing_cancel_active_uniq "
                "ON realty_filing (original_filing_id) WHERE state IN %s",
                ACTIVE,
            )
        )
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS realty_filing_number_uniq "
                "ON realty_filing (adapter_id, filing_number) "
                "WHERE filing_number IS NOT NULL"
            )
        )
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS realty_filing_key_uniq "
                "ON realty_filing (idempotency_key) WHERE idempotency_key IS NOT NULL"
            )
        )

    # ---------------------------------------------------------------- computes
    @api.depends("state", "stuck", "room_error")
    def _compute_needs_attention(self):
        for filing in self:
            filing.needs_attention = (
                filing.state == "rejected" or filing.stuck or bool(filing.room_error)
            )

    def _search_needs_attention(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(operator)
        domain = [
            "|",
            "|",
            ("state", "=", "rejected"),
            ("stuck", "=", True),
            ("room_error", "!=", False),
        ]
        return domain if (operator == "=") == value else ["!", *domain]

    # -------------------------------------------------------------------- CRUD
    @api.model
    def _add_server_values(self, vals_list):
        deals = self.env["realty.deal"].browse([v.get("deal_id") for v in vals_list])
        return super()._add_server_values(
            [
                {
                    **vals,
                    "name": self.env["ir.sequence"].next_by_code("realty.filing")
                    or "/",
                    "room_id": deal.room_id.id,
                    "adapter_id": deal.project_id.filing_adapter_id.id,
                }
                for vals, deal in zip(vals_list, deals, strict=True)
            ]
        )

    @arguments(vals=Vals())
    def write(self, vals):
        if (
            not self._is_unlocked()
            and set(vals) & DRAFT_FIELDS
            and any(filing.state != "draft" for filing in self)
        ):
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._("A filing changes only while it is a draft."),
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        if any(filing.state != "draft" for filing in self):
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._("Only a draft filing is deleted; cancel the others."),
            )

    # ---------------------------------------------------------------- queueing
    def action_queue(self):
        """Check each filing (§8.3, field by field) and queue it to be sent; the
        queue's cron is woken at once."""
        errors = []
        for filing in self:
            errors += [
                (codes.ERR_INVALID_INPUT, message) for message in filing._check_ready()
            ]
        if errors:
            raise RealtyUserError.from_errors(errors)
        for filing in self:
            filing._queue()
            filing.deal_id.message_post(
                body=self.env._(
                    "%(kind)s %(filing)s queued for %(adapter)s.",
                    kind=filing._kind_label(),
                    filing=filing.name,
                    adapter=filing.adapter_id.display_name,
                )
            )
        self.env.ref("realty_filing.ir_cron_send_filings")._trigger()
        return True

    def _kind_label(self):
        return dict(self._fields["kind"]._description_selection(self.env))[self.kind]

    def _check_ready(self):
        """Messages that keep this filing from being queued (empty: ready)."""
        self.ensure_one()
        deal = self.deal_id
        if self.state != "draft":
            return [self.env._("Filing %(filing)s is not a draft.", filing=self.name)]
        adapter = self.adapter_id or deal.project_id.filing_adapter_id
        if not adapter:
            return [
                self.env._(
                    "Project %(project)s has no city filing adapter.",
                    project=deal.project_id.name,
                )
            ]
        if not adapter.endpoint:
            return [
                self.env._(
                    "The city adapter %(adapter)s has no address.",
                    adapter=adapter.display_name,
                )
            ]
        if deal.status != "active":
            return [self.env._("Deal %(deal)s is not active.", deal=deal.name)]
        if self.kind == CANCELLATION:
            return self._check_cancellation_ready()
        stage = {SUBSCRIPTION: "subscription", CONTRACT: "contract"}[self.kind]
        if deal.stage != stage:
            return [
                self.env._(
                    "Deal %(deal)s is not at the stage this filing needs (%(kind)s).",
                    deal=deal.name,
                    kind=self._kind_label(),
                )
            ]
        if self.kind == CONTRACT and deal.room_id.state != states.CONTRACTED:
            return [
                self.env._(
                    "Room %(room)s is not contracted: it cannot be filed.",
                    room=deal.room_id.code,
                )
            ]
        messages = adapter._missing(self)
        if deal.price_error:
            messages.append(deal.price_error)
        return messages

    def _check_cancellation_ready(self):
        """R5: a reason, the approved change order with its termination agreement
        (or court document), and the bank's consent when there is a loan."""
        original = self.original_filing_id
        if not original or original.state != "accepted":
            return [self.env._("A cancellation names the accepted filing it cancels.")]
        room = self.room_id
        messages = [
            message
            for _code, message in (
                room._guard_termination_agreement(change_order=self.change_order_id)
                + room._guard_approval(change_order=self.change_order_id)
                + room._guard_bank_consent(filing=self, deal=self.deal_id)
            )
        ]
        if not self.note:
            messages.append(self.env._("Say why the filing is cancelled."))
        return messages

    def _queue(self, new_key=True):
        """Store the document as it is now and put the filing in the queue (the
        door is open: these are the queue's fields)."""
        self.ensure_one()
        adapter = self.adapter_id or self.deal_id.project_id.filing_adapter_id
        now = fields.Datetime.now()
        vals = {
            "adapter_id": adapter.id,
            "state": "queued",
            "payload": adapter._render(adapter._document(self)),
            "date_queued": now,
            "next_attempt_at": now,
            "stuck": False,
            "stuck_reason": False,
            "reject_reason": False,
        }
        if new_key:
            vals["idempotency_key"] = uuid.uuid4().hex
        self._unlocked().write(vals)

    # ------------------------------------------------------------ user actions
    def action_send_now(self):
        """Send these queued filings now instead of waiting for the queue (a filing
        the queue is sending is left to it)."""
        if any(filing.state not in IN_FLIGHT for filing in self):
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._("Only a queued or submitted filing is sent."),
            )
        self.check_access("write")
        exchange = Exchange()
        try:
            for filing in self:
                if filing._lock_nowait():
                    filing._send(exchange)
        finally:
            exchange.close()
        return True

    def action_retry(self):
        """A filing manager sends a rejected filing again (checked again, with a new
        key: nothing was filed), wakes a stuck one (the same key: it may have been
        filed), or moves the room an accepted filing could not move."""
        if not self.env.user.has_group(MANAGERS):
            raise RealtyUserError(
                codes.ERR_APPROVAL_REQUIRED,
                self.env._("Only a filing manager retries filings."),
            )
        for filing in self:
            if filing.state == "rejected":
                filing._unlocked().write({"state": "draft"})
                messages = filing._check_ready()
                if messages:
                    raise RealtyUserError.from_errors(
                        [(codes.ERR_INVALID_INPUT, m) for m in messages]
                    )
                filing._queue()
            elif filing.state in IN_FLIGHT and filing.stuck:
                filing._unlocked().write(
                    {
                        "stuck": False,
                        "stuck_reason": False,
                        "attempt_count": 0,
                        "next_attempt_at": fields.Datetime.now(),
                    }
                )
            elif filing.state == "accepted" and filing.room_error:
                filing._move_room()
            else:
                raise RealtyUserError(
                    codes.ERR_STATE_TRANSITION,
                    self.env._(
                        "Filing %(filing)s is neither rejected, stuck nor waiting for "
                        "its room.",
                        filing=filing.name,
                    ),
                )
        self.env.ref("realty_filing.ir_cron_send_filings")._trigger()
        return True

    def action_cancel(self):
        """Withdraw filings the city system has not received: drafts, rejected
        ones, and queued ones no attempt reached (an accepted filing is cancelled
        by a cancellation filing, R5)."""
        for filing in self:
            reached = filing.state == "submitted" or (
                filing.state == "queued"
                and filing.attempt_ids.filtered(lambda a: a.outcome != "unavailable")
            )
            if filing.state not in ("draft", "queued", "rejected") or reached:
                raise RealtyUserError(
                    codes.ERR_FILING_ACTIVE,
                    self.env._(
                        "Filing %(filing)s is with the city system: it is cancelled "
                        "by a cancellation filing once accepted.",
                        filing=filing.name,
                    ),
                )
            if filing.state == "queued" and not filing._lock_nowait():
                raise RealtyUserError(
                    codes.ERR_STATE_TRANSITION,
                    self.env._(
                        "Filing %(filing)s is being sent right now; try again.",
                        filing=filing.name,
                    ),
                )
        self._unlocked().write({"state": "cancelled", "next_attempt_at": False})
        return True

    def action_request_cancellation(self):
        """A draft cancellation of this accepted filing, to complete and queue."""
        self.ensure_one()
        if self.state != "accepted" or self.kind == CANCELLATION:
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._("Only an accepted filing is cancelled."),
            )
        cancellation = self.create(
            {
                "deal_id": self.deal_id.id,
                "kind": CANCELLATION,
                "original_filing_id": self.id,
            }
        )
        return cancellation._form_action()

    def _form_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "realty.filing",
            "res_id": self.id,
            "views": [(False, "form")],
        }

    # ------------------------------------------------------------------ queue
    @api.model
    def _cron_send_filings(self, limit=200):
        """The queue: send the due filings, one transaction each (committed, so
        that an answer is kept before the next request goes out)."""
        auto_commit = not getattr(threading.current_thread(), "testing", False)
        done = self._run_queue(limit=limit, commit=auto_commit)
        remaining = self.search_count(self._due_domain(fields.Datetime.now()))
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done

    @api.model
    def _due_domain(self, now):
        return [
            ("state", "in", IN_FLIGHT),
            ("stuck", "=", False),
            ("next_attempt_at", "<=", now),
        ]

    @api.model
    def _run_queue(self, limit=200, now=None, commit=False):
        """Send up to `limit` due filings; returns how many were sent.

        Each is claimed with FOR UPDATE SKIP LOCKED: two runners (two cron
        workers, or the cron and a user's Send Now) never send the same filing at
        once, and neither waits for the other. `now` lets the tests move the
        clock; `commit` ends each filing's transaction (the cron)."""
        exchange = Exchange()
        sent = []
        try:
            while len(sent) < limit:
                filing = self._claim_due(now or fields.Datetime.now(), sent)
                if not filing:
                    break
                filing._send(exchange, now=now)
                sent.append(filing.id)
                if commit:
                    self.env.cr.commit()  # pylint: disable=invalid-commit
        finally:
            exchange.close()
        return len(sent)

    @api.model
    def _claim_due(self, now, skip):
        self.flush_model()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM realty_filing WHERE state IN %s AND stuck IS NOT TRUE "
                "AND next_attempt_at <= %s AND id != ALL(%s) "
                "ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED",
                IN_FLIGHT,
                now,
                list(skip),
            )
        )
        row = self.env.cr.fetchone()
        if not row:
            return self.browse()
        filing = self.browse(row[0])
        filing.invalidate_recordset()
        return filing

    def _lock_nowait(self):
        """Lock this filing's row for sending, or False if someone else has it."""
        self.ensure_one()
        self.flush_recordset()
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM realty_filing WHERE id = %s FOR UPDATE NOWAIT",
                        self.id,
                    )
                )
        except psycopg2.errors.LockNotAvailable:
            return False
        self.invalidate_recordset()
        return self.state in IN_FLIGHT or self.state == "draft"

    def _send(self, exchange, now=None):
        """One attempt: post the stored document, log the attempt, act on the
        answer."""
        self.ensure_one()
        # sudo: the adapter's credentials, which only filing managers read, are
        # sent, never shown; whoever sends (the cron, a user's Send Now) needs them
        adapter = self.adapter_id.sudo()
        url, body, headers = adapter._request(self)
        answer = exchange.post(url, body, headers, adapter.timeout_seconds)
        result = adapter._read_answer(self, answer)
        if result["outcome"] == "stray":
            exchange.drop(url)  # what is left in that socket belongs to nobody
        now = now or fields.Datetime.now()
        # sudo: the attempts are the queue's log; nobody writes them but the queue
        self.env["realty.filing.attempt"].sudo().create(
            {
                "filing_id": self.id,
                "date": now,
                "idempotency_key": self.idempotency_key,
                "outcome": result["outcome"],
                "http_status": answer.status,
                "duration_ms": answer.duration_ms,
                "detail": (result.get("reason") or result.get("number") or "")[:500],
            }
        )
        attempts = self.attempt_count + 1
        vals = {
            "attempt_count": attempts,
            "answer": answer.body.decode(errors="replace")[:5000] or answer.detail,
        }
        outcome = result["outcome"]
        if outcome == "accepted":
            self._on_accepted(result["number"], vals, now)
        elif outcome == "rejected":
            vals.update(
                state="rejected",
                reject_reason=result["reason"][:500],
                next_attempt_at=False,
                date_answered=now,
            )
            self._unlocked().write(vals)
            self._post_on_deal(
                self.env._(
                    "%(kind)s %(filing)s rejected by the city system: %(reason)s",
                    kind=self._kind_label(),
                    filing=self.name,
                    reason=result["reason"],
                )
            )
        elif outcome in TRANSIENT and attempts < adapter.max_attempts:
            delay = backoff_seconds(
                attempts, adapter.backoff_seconds, adapter.backoff_cap_seconds
            )
            vals["next_attempt_at"] = now + timedelta(seconds=delay)
            if outcome in UNKNOWN:
                vals["state"] = "submitted"
            self._unlocked().write(vals)
        else:  # refused by the system (credentials, format), or out of attempts
            vals.update(
                stuck=True,
                stuck_reason=(result.get("reason") or outcome)[:500],
                next_attempt_at=False,
            )
            if outcome in UNKNOWN:
                vals["state"] = "submitted"
            self._unlocked().write(vals)
            self._post_on_deal(
                self.env._(
                    "%(kind)s %(filing)s is stuck: %(reason)s",
                    kind=self._kind_label(),
                    filing=self.name,
                    reason=vals["stuck_reason"],
                )
            )

    def _on_accepted(self, number, vals, now):
        """Record the number; the room follows (F11 or R5)."""
        vals.update(
            state="accepted",
            filing_number=number,
            next_attempt_at=False,
            date_answered=now,
        )
        try:
            with self.env.cr.savepoint():
                self._unlocked().write(vals)
        except psycopg2.errors.UniqueViolation:
            # a number this system already gave another filing: never recorded twice
            self._unlocked().write(
                {
                    "attempt_count": vals["attempt_count"],
                    "stuck": True,
                    "stuck_reason": self.env._(
                        "The city system answered with number %(number)s, which "
                        "another filing already has.",
                        number=number,
                    ),
                    "next_attempt_at": False,
                    "state": "submitted",
                }
            )
            return
        if self.kind == CANCELLATION:
            self.original_filing_id._unlocked().write({"state": "cancelled"})
        self._post_on_deal(
            self.env._(
                "%(kind)s %(filing)s accepted by the city system: number %(number)s.",
                kind=self._kind_label(),
                filing=self.name,
                number=number,
            )
        )
        self._move_room()

    def _move_room(self):
        """F11 for an accepted contract filing, R5 for an accepted cancellation of
        one; a refusal is kept on the filing (room_error) for a manager's retry."""
        self.ensure_one()
        room = self.room_id
        if self.kind == CONTRACT and room.state == states.CONTRACTED:
            action, context = states.FILE, {}
        elif (
            self.kind == CANCELLATION
            and self.original_filing_id.kind == CONTRACT
            and room.state == states.FILED
        ):
            action = states.CANCEL_FILING
            context = {"change_order": self.change_order_id, "deal": self.deal_id}
        else:
            self._unlocked().write({"room_error": False})
            return
        try:
            with self.env.cr.savepoint():
                room._move_state(action, document=self, filing=self, **context)
        except RealtyUserError as exc:
            self._unlocked().write({"room_error": str(exc)[:500]})
            return
        self._unlocked().write({"room_error": False})
        if self.kind == CONTRACT:
            self.deal_id._unlocked().write({"overdue": False, "overdue_reason": False})

    def _post_on_deal(self, body):
        self.deal_id.message_post(body=body)
