from collections import defaultdict

from odoo import api, fields, models

from odoo.addons.realty_base.exceptions import RealtyUserError, RealtyValidationError
from odoo.addons.realty_base.inputs import (
    AMOUNT,
    Date,
    Record,
    Vals,
    ValsList,
    arguments,
)
from odoo.addons.realty_base.tools import RealtyError, format_queue_number
from odoo.addons.realty_base.tools import errors as codes

QUEUE_STATES = [
    ("issued", "Issued"),
    ("converted", "Converted to a Deal"),
    ("transferred", "Transferred to Another Phase"),
    ("refunded", "Refunded"),
    ("cancelled", "Cancelled"),
]
ACTIVE_STATES = ("issued", "transferred")
"""A number that still holds its place (and its money): it counts towards the
family limit and can still be converted or refunded."""

OUTCOMES = "the actions (action_convert, action_transfer, action_refund, action_cancel)"
ISSUED = "the gapless numbering when the number is issued"
ACTIVE_ONLY_FIELDS = frozenset(
    {
        "partner_id",
        "sincerity_amount",
        "date_received",
        "deal_id",
        "transfer_phase_id",
        "date_refund_requested",
    }
)


class RealtyQueueNumber(models.Model):
    """A queue number (预约排号) bought with a sincerity deposit (诚意金, §5.6, §10.1).

    The number ``{category}{seq:04d}`` (A0001 VIP, B0001 general) is allocated when
    the record is created, gapless per project and category, in the order of issue
    (see ``realty.queue.counter``). A number is never deleted: it is cancelled
    (without money) or ends in one of the §5.6 outcomes: converted into a deal
    (转房款), transferred to another phase (转下期) or refunded.
    """

    _name = "realty.queue.number"
    _description = "Queue Number"
    _inherit = ["mail.thread", "mail.activity.mixin", "realty.protected.mixin"]
    _order = "project_id, category, sequence_number, id"
    _check_company_auto = True
    _rec_names_search = ["name", "partner_id.name", "buyer_id_number"]

    name = fields.Char(
        string="Queue Number",
        required=True,
        copy=False,
        readonly=True,
        default="/",
        protected=ISSUED,
    )
    # A number keeps its project and category: cancel it and issue another one.
    project_id = fields.Many2one(
        "realty.project", required=True, index=True, check_company=True, write_once=True
    )
    company_id = fields.Many2one(
        related="project_id.company_id", store=True, index=True
    )
    currency_id = fields.Many2one(related="project_id.currency_id")
    phase_id = fields.Many2one(
        "realty.phase",
        check_company=True,
        domain="[('project_id', '=', project_id)]",
        help="The phase (opening) the number was issued for.",
    )
    category = fields.Char(
        required=True,
        default="B",
        size=8,
        write_once=True,
        help="Upper-case letters: A for VIP, B for general, …",
    )
    sequence_number = fields.Integer(
        string="Number", readonly=True, copy=False, protected=ISSUED
    )
    date_issued = fields.Datetime(
        string="Issued On", readonly=True, copy=False, protected=ISSUED
    )
    user_id = fields.Many2one(
        "res.users",
        string="Consultant",
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
    )
    partner_id = fields.Many2one(
        "res.partner", string="Buyer", required=True, index=True, tracking=True
    )
    buyer_id_number = fields.Char(
        related="partner_id.realty_id_number",
        string="Buyer ID Number",
        store=True,
        index="btree_not_null",
    )
    buyer_mobile = fields.Char(
        related="partner_id.realty_mobile_display", string="Buyer Mobile"
    )
    buyer_is_minor = fields.Boolean(related="partner_id.realty_is_minor")
    state = fields.Selection(
        QUEUE_STATES,
        required=True,
        default="issued",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        group_expand=True,
        protected=OUTCOMES,
    )
    opportunity_id = fields.Many2one(
        "crm.lead",
        index="btree_not_null",
        domain="[('realty_project_id', '=', project_id)]",
        help="The lead or opportunity the number was started from (the funnel).",
    )
    call_position = fields.Integer(
        compute="_compute_call_position",
        help="Place in the call order of the project's active numbers: category, "
        "then number (§10.1).",
    )
    note = fields.Text()

    # ----------------------------------------------------- sincerity deposit (§5.6)
    sincerity_amount = fields.Monetary(
        bounds=AMOUNT, string="Sincerity Deposit", tracking=True
    )
    date_received = fields.Date(tracking=True)
    received_by_id = fields.Many2one(
        "res.users",
        readonly=True,
        copy=False,
        protected="the user who records the sincerity deposit",
    )

    # ----------------------------------------------------------------- outcomes
    deal_id = fields.Many2one(
        "realty.deal",
        copy=False,
        tracking=True,
        check_company=True,
        domain="[('project_id', '=', project_id), ('partner_id', '=', partner_id), "
        "('status', 'in', ('draft', 'active'))]",
        help="The deal the sincerity deposit is converted into (转房款).",
    )
    date_converted = fields.Datetime(
        readonly=True, copy=False, protected="action_convert"
    )
    converted_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, protected="action_convert"
    )
    transfer_phase_id = fields.Many2one(
        "realty.phase",
        string="Transferred To",
        copy=False,
        tracking=True,
        check_company=True,
        domain="[('project_id', '=', project_id), ('id', '!=', phase_id)]",
        help="The later phase the number and its money move to (转下期).",
    )
    date_transferred = fields.Datetime(
        readonly=True, copy=False, protected="action_transfer"
    )
    transferred_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, protected="action_transfer"
    )
    date_refund_requested = fields.Date(
        string="Refund Requested On",
        copy=False,
        tracking=True,
        help="The day the buyer gave up or the opening ended without a selection: "
        "the refund is due within the project's refund days from it.",
    )
    refund_deadline = fields.Date(
        compute="_compute_refund_deadline", store=True, string="Refund Due By"
    )
    refund_amount = fields.Monetary(
        readonly=True, copy=False, tracking=True, protected="action_refund"
    )
    date_refunded = fields.Date(
        readonly=True, copy=False, tracking=True, protected="action_refund"
    )
    refunded_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, protected="action_refund"
    )
    refund_late = fields.Boolean(
        compute="_compute_refund_deadline",
        store=True,
        string="Late Refund",
        help="Refunded after the refund days of the project (§5.6).",
    )
    date_cancelled = fields.Datetime(
        readonly=True, copy=False, protected="action_cancel"
    )
    cancelled_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, protected="action_cancel"
    )

    _sql_constraints = [
        (
            "number_uniq",
            "unique(project_id, category, sequence_number)",
            "A queue number is issued once per project and category.",
        ),
        (
            "sincerity_positive",
            "CHECK(sincerity_amount >= 0)",
            "A sincerity deposit cannot be negative.",
        ),
    ]

    # ------------------------------------------------------------------ computes
    @api.depends(
        "date_refund_requested",
        "date_refunded",
        "project_id.sincerity_refund_days",
    )
    def _compute_refund_deadline(self):
        for number in self:
            requested = number.date_refund_requested or number.date_refunded
            deadline = (
                fields.Date.add(requested, days=number.project_id.sincerity_refund_days)
                if requested
                else False
            )
            number.refund_deadline = deadline
            number.refund_late = bool(
                deadline and number.date_refunded and number.date_refunded > deadline
            )

    @api.depends("project_id", "state", "category", "sequence_number")
    def _compute_call_position(self):
        active = self.search_fetch(
            [("project_id", "in", self.project_id.ids), ("state", "in", ACTIVE_STATES)],
            ["project_id"],
            order="project_id, category, sequence_number, id",
        )
        positions, counts = {}, defaultdict(int)
        for number in active:
            counts[number.project_id.id] += 1
            positions[number.id] = counts[number.project_id.id]
        for number in self:
            number.call_position = positions.get(number._origin.id, 0)

    # --------------------------------------------------------------- constraints
    @api.constrains("project_id", "phase_id", "transfer_phase_id")
    def _check_phases(self):
        for number in self:
            phases = number.phase_id | number.transfer_phase_id
            if phases.project_id - number.project_id:
                raise RealtyValidationError(
                    codes.ERR_INVALID_INPUT,
                    self.env._(
                        "Queue number %(number)s: the phases must belong to project "
                        "%(project)s.",
                        number=number.name,
                        project=number.project_id.name,
                    ),
                )

    # ---------------------------------------------------------------------- CRUD
    @api.model
    def _add_server_values(self, vals_list):
        """Check the buyers, the sincerity deposit and the family limit, then
        issue the numbers (the caller's values are checked already)."""
        vals_list = [dict(vals) for vals in vals_list]
        defaults = self.default_get(["category", "user_id"])
        now = fields.Datetime.now()
        for vals in vals_list:
            for fname, value in defaults.items():
                vals.setdefault(fname, value)
            vals["category"] = self._normalise_category(vals["category"])
            vals.update(state="issued", date_issued=now)
            if vals.get("sincerity_amount"):
                vals.setdefault("date_received", fields.Date.context_today(self))
                vals["received_by_id"] = self.env.uid
        if any(not (v.get("project_id") and v.get("partner_id")) for v in vals_list):
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._("A queue number is issued in a project to a buyer."),
            )
        projects = self.env["realty.project"].browse(
            [v["project_id"] for v in vals_list]
        )
        partners = self.env["res.partner"].browse([v["partner_id"] for v in vals_list])
        self._check_buyers_identified(partners)
        self._check_sincerity_allowed(
            self.env["realty.project"].union(
                *(
                    project
                    for project, vals in zip(projects, vals_list, strict=True)
                    if vals.get("sincerity_amount")
                )
            )
        )
        self._check_family_limit(
            [
                (project, partner, None)
                for project, partner in zip(projects, partners, strict=True)
            ]
        )
        self._allocate_numbers(vals_list)
        return super()._add_server_values(vals_list)

    @api.model_create_multi
    @arguments(vals_list=ValsList(client=True))
    def create(self, vals_list):
        """The first consultant keeps the customer (realty_customer_collision.py):
        a number issued to a customer another consultant follows in the project
        is theirs; the opportunity it starts from reaches the queue-number stage."""
        numbers = super().create(vals_list)
        self.env["realty.customer.collision"]._realty_claim_records(numbers)
        numbers.opportunity_id._realty_reach_stage("realty_sales.crm_stage_queued")
        return numbers

    @arguments(vals=Vals())
    def write(self, vals):
        self._check_protected_write(vals)
        if not self._is_unlocked():
            self._check_writable(vals)
        server = {}  # what the server records beside the caller's values
        if vals.get("sincerity_amount"):
            self._check_sincerity_allowed(self.project_id)
            if "received_by_id" not in vals:
                server["received_by_id"] = self.env.uid
            if "date_received" not in vals:
                vals = {**vals, "date_received": fields.Date.context_today(self)}
        if vals.get("partner_id"):
            partner = self.env["res.partner"].browse(vals["partner_id"])
            self._check_buyers_identified(partner)
            self._check_family_limit(
                [(number.project_id, partner, number) for number in self]
            )
        result = super().write(vals)
        if server:
            # the door only for who took the money, not for the caller's values
            super(RealtyQueueNumber, self._unlocked()).write(server)
        return result

    def _check_writable(self, vals):
        """A settled number is read-only (the number, project and category never
        change, and outcomes only through the actions: protected fields)."""
        settled = self.filtered(lambda n: n.state not in ACTIVE_STATES)
        if settled and ACTIVE_ONLY_FIELDS & vals.keys():
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._(
                    "Queue number %(number)s is %(state)s and can no longer change.",
                    number=settled[0].name,
                    state=settled[0]._state_label(),
                ),
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_issued(self):
        if self:
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._(
                    "Queue numbers are never deleted, so that the numbering has no "
                    "gap: cancel %(number)s instead.",
                    number=self[0].name,
                ),
            )

    # ------------------------------------------------------------------- issuing
    @api.model
    def _normalise_category(self, category):
        category = (category or "").strip().upper()
        try:
            format_queue_number(category, 1)
        except RealtyError as exc:
            raise RealtyValidationError(
                exc.code,
                self.env._(
                    "A queue category is made of capital letters (A for VIP, B for "
                    "general), not %(category)s.",
                    category=category,
                ),
            ) from exc
        return category

    @api.model
    def _allocate_numbers(self, vals_list):
        """Give each new number the next ones of its project and category, in the
        order of `vals_list`; one counter update per project and category."""
        Counter = self.env["realty.queue.counter"]
        groups = defaultdict(list)
        for vals in vals_list:
            groups[vals["project_id"], vals["category"]].append(vals)
        for (project_id, category), group in sorted(groups.items()):
            # sorted: two batches lock the counters in the same order (no deadlock)
            project = self.env["realty.project"].browse(project_id)
            first = Counter._allocate(project, category, len(group))
            for offset, vals in enumerate(group):
                sequence = first + offset
                try:
                    name = format_queue_number(category, sequence)
                except RealtyError as exc:
                    raise RealtyUserError(
                        exc.code,
                        self.env._(
                            "Category %(category)s of %(project)s has used all its "
                            "queue numbers.",
                            category=category,
                            project=project.name,
                        ),
                    ) from exc
                vals.update(sequence_number=sequence, name=name)

    @api.model
    def _check_buyers_identified(self, partners):
        """Registration records the buyer's ID (§10.1): the family rule needs it."""
        missing = partners.filtered(lambda p: not p._realty_id_number())
        if missing:
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._(
                    "Record the ID number of %(buyers)s before issuing a queue number.",
                    buyers=", ".join(missing.mapped("display_name")),
                ),
            )

    @api.model
    def _check_sincerity_allowed(self, projects):
        """§5.6: no sincerity deposit before a permit (any building of the project)
        unless the project allows it."""
        projects = projects.filtered(lambda p: not p.sincerity_allow_before_permit)
        if not projects:
            return
        Permit = self.env["realty.permit"]
        permitted = {
            project
            for (project,) in Permit._read_group(
                [
                    ("project_id", "in", projects.ids),
                    *Permit._active_domain(fields.Date.context_today(self)),
                ],
                ["project_id"],
            )
        }
        blocked = projects.filtered(lambda p: p not in permitted)
        if blocked:
            raise RealtyUserError(
                codes.ERR_SINCERITY_BEFORE_PERMIT,
                self.env._(
                    "Project %(project)s has no active presale permit: a sincerity "
                    "deposit cannot be collected yet.",
                    project=blocked[0].name,
                ),
            )

    @api.model
    def _check_family_limit(self, entries):
        """§10.1: at most ``max_numbers_per_family`` active numbers per family and
        project; a family is the same buyer or the same ID number.

        :param entries: ``[(project, partner, number or None)]``, the numbers being
            issued (None) or given to another buyer.
        """
        projects = self.env["realty.project"].union(*(e[0] for e in entries))
        partners = self.env["res.partner"].union(*(e[1] for e in entries))
        id_numbers = [n for n in partners.mapped("realty_id_number") if n]
        held = self.search_fetch(
            [
                ("project_id", "in", projects.ids),
                ("state", "in", ACTIVE_STATES),
                "|",
                ("partner_id", "in", partners.ids),
                ("buyer_id_number", "in", id_numbers),
            ],
            ["project_id", "partner_id", "buyer_id_number", "name"],
        )
        taken = [
            (n.project_id.id, n.partner_id.id, n.buyer_id_number, n.id, n.name)
            for n in held
        ]
        errors = []
        for project, partner, number in entries:
            limit = project.max_numbers_per_family
            own_id = number.id if number else object()
            id_number = partner.realty_id_number
            family = [
                t
                for t in taken
                if t[0] == project.id
                and t[3] != own_id
                and (t[1] == partner.id or (id_number and t[2] == id_number))
            ]
            if limit > 0 and len(family) >= limit:
                errors.append(
                    (
                        codes.ERR_QUEUE_FAMILY_LIMIT,
                        self.env._(
                            "The family of %(buyer)s already holds %(count)s active "
                            "queue number(s) in %(project)s (%(numbers)s); the limit "
                            "is %(limit)s per family.",
                            buyer=partner.display_name,
                            count=len(family),
                            project=project.name,
                            numbers=", ".join(t[4] for t in family if t[4]) or "-",
                            limit=limit,
                        ),
                    )
                )
            taken.append((project.id, partner.id, id_number, own_id, False))
        if errors:
            raise RealtyUserError.from_errors(errors)

    # ------------------------------------------------------------------ outcomes
    def _state_label(self):
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def _write_outcome(self, vals):
        return self._unlocked().write(vals)

    def _refuse_unless(self, states, action_label):
        """ERR_STATE_TRANSITION for the numbers not in `states` (whole batch)."""
        wrong = self.filtered(lambda n: n.state not in states)
        if wrong:
            raise RealtyUserError.from_errors(
                [
                    (
                        codes.ERR_STATE_TRANSITION,
                        self.env._(
                            "Queue number %(number)s is %(state)s: it cannot be "
                            "%(action)s.",
                            number=number.name,
                            state=number._state_label(),
                            action=action_label,
                        ),
                    )
                    for number in wrong
                ]
            )

    @arguments(deal=Record("realty.deal", optional=True))
    def action_convert(self, deal=None):
        """转房款: credit the sincerity deposit to a deal of the same buyer and
        project (an internal transfer, §5.8) and close the number.

        :param deal: the ``realty.deal`` (or its id); default: the number's
            ``deal_id``.
        """
        self._refuse_unless(ACTIVE_STATES, self.env._("converted"))
        errors = []
        for number in self:
            target = deal or number.deal_id
            if not target:
                errors.append(
                    (
                        codes.ERR_INVALID_INPUT,
                        self.env._(
                            "Choose the deal queue number %(number)s converts into.",
                            number=number.name,
                        ),
                    )
                )
                continue
            target.ensure_one()
            buyers = target.partner_id | target.buyer_ids.partner_id
            if (
                target.project_id != number.project_id
                or number.partner_id not in buyers
            ):
                errors.append(
                    (
                        codes.ERR_INVALID_INPUT,
                        self.env._(
                            "Deal %(deal)s is not a deal of %(buyer)s in %(project)s.",
                            deal=target.name,
                            buyer=number.partner_id.display_name,
                            project=number.project_id.name,
                        ),
                    )
                )
            elif target.status not in ("draft", "active"):
                errors.append(
                    (
                        codes.ERR_STATE_TRANSITION,
                        self.env._(
                            "Deal %(deal)s is closed: the sincerity deposit of "
                            "%(number)s cannot be credited to it.",
                            deal=target.name,
                            number=number.name,
                        ),
                    )
                )
        if errors:
            raise RealtyUserError.from_errors(errors)
        now = fields.Datetime.now()
        for number in self:
            target = deal or number.deal_id
            if not number.currency_id.is_zero(number.sincerity_amount):
                target.register_payment(
                    "sincerity",
                    number.sincerity_amount,
                    method="internal",
                    reference=number.name,
                    note=self.env._(
                        "Sincerity deposit of queue number %(number)s",
                        number=number.name,
                    ),
                )
            number._write_outcome(
                {
                    "state": "converted",
                    "deal_id": target.id,
                    "date_converted": now,
                    "converted_by_id": self.env.uid,
                }
            )
        return True

    @arguments(phase=Record("realty.phase", optional=True))
    def action_transfer(self, phase=None):
        """转下期: the number and its money move to a later phase of the project.

        :param phase: the ``realty.phase`` (or its id); default: the number's
            ``transfer_phase_id``.
        """
        self._refuse_unless(ACTIVE_STATES, self.env._("transferred"))
        errors = []
        for number in self:
            target = phase or number.transfer_phase_id
            current = (
                number.transfer_phase_id
                if number.state == "transferred"
                else number.phase_id
            )
            if (
                not target
                or target.project_id != number.project_id
                or target == current
            ):
                errors.append(
                    (
                        codes.ERR_INVALID_INPUT,
                        self.env._(
                            "Choose another phase of %(project)s to transfer "
                            "%(number)s to.",
                            project=number.project_id.name,
                            number=number.name,
                        ),
                    )
                )
        if errors:
            raise RealtyUserError.from_errors(errors)
        now = fields.Datetime.now()
        for number in self:
            number._write_outcome(
                {
                    "state": "transferred",
                    "transfer_phase_id": (phase or number.transfer_phase_id).id,
                    "date_transferred": now,
                    "transferred_by_id": self.env.uid,
                }
            )
        return True

    @arguments(date=Date())
    def action_request_refund(self, date=None):
        """The buyer gives up (or the opening ended): the refund clock starts."""
        self._refuse_unless(ACTIVE_STATES, self.env._("refunded"))
        self.filtered(lambda n: not n.date_refund_requested).write(
            {
                "date_refund_requested": fields.Date.to_date(date)
                or fields.Date.context_today(self)
            }
        )
        return True

    @arguments(date=Date())
    def action_refund(self, date=None):
        """Refund the whole sincerity deposit (it carries no penalty, §5.6); a refund
        after the project's refund days is flagged ``refund_late``."""
        self._refuse_unless(ACTIVE_STATES, self.env._("refunded"))
        empty = self.filtered(lambda n: n.currency_id.is_zero(n.sincerity_amount))
        if empty:
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._(
                    "Queue number %(number)s holds no sincerity deposit: cancel it "
                    "instead.",
                    number=empty[0].name,
                ),
            )
        refunded_on = fields.Date.to_date(date) or fields.Date.context_today(self)
        for number in self:
            number._write_outcome(
                {
                    "state": "refunded",
                    "refund_amount": number.sincerity_amount,
                    "date_refunded": refunded_on,
                    "date_refund_requested": number.date_refund_requested
                    or refunded_on,
                    "refunded_by_id": self.env.uid,
                }
            )
        return True

    def action_cancel(self):
        """A number issued by mistake, with no money: it keeps its number (no gap)."""
        self._refuse_unless(("issued",), self.env._("cancelled"))
        paid = self.filtered(lambda n: not n.currency_id.is_zero(n.sincerity_amount))
        if paid:
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._(
                    "Queue number %(number)s holds a sincerity deposit: refund it "
                    "instead.",
                    number=paid[0].name,
                ),
            )
        self._write_outcome(
            {
                "state": "cancelled",
                "date_cancelled": fields.Datetime.now(),
                "cancelled_by_id": self.env.uid,
            }
        )
        return True
