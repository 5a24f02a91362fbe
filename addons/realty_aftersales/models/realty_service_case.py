from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.realty_base.exceptions import RealtyUserError, RealtyValidationError
from odoo.addons.realty_base.inputs import Vals, ValsList, arguments
from odoo.addons.realty_base.tools import errors as codes

from .realty_service_type import LOAN_FIELDS

FLOW_CONTEXT = {"mail_create_nosubscribe": True, "mail_activity_quick_update": True}
"""Cases the flow opens in batch: the signer does not follow them, and their
reminders reach the responsible's activities without one e-mail each."""


class RealtyServiceCase(models.Model):
    """One after-sales service of one deal (a mortgage, a certificate …), from its
    first stage to done: the documents collected against the type's checklist,
    a deadline and a reminder per stage, the time spent in each stage (the
    overview's figures) and the chatter. The flow opens the cases (signing,
    handover, ``_open_for``); after-sales staff move them."""

    _name = "realty.service.case"
    _description = "After-Sales Service Case"
    _inherit = ["mail.thread", "mail.activity.mixin", "realty.protected.mixin"]
    _order = "date_deadline, id desc"
    _check_company_auto = True
    _rec_names_search = ["deal_id.name", "deal_id.partner_id.name", "room_id.code"]

    deal_id = fields.Many2one(
        "realty.deal",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        write_once=True,
        tracking=True,
    )
    project_id = fields.Many2one(
        related="deal_id.project_id", store=True, index=True, precompute=True
    )
    company_id = fields.Many2one(
        related="deal_id.company_id", store=True, index=True, precompute=True
    )
    room_id = fields.Many2one(related="deal_id.room_id", store=True, precompute=True)
    partner_id = fields.Many2one(related="deal_id.partner_id", string="Buyer")
    currency_id = fields.Many2one(related="deal_id.currency_id")
    type_id = fields.Many2one(
        "realty.service.type",
        string="Service Type",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        write_once=True,
    )
    type_code = fields.Char(
        related="type_id.code", store=True, index=True, precompute=True
    )
    loan_kind = fields.Selection(
        related="type_id.loan_kind", store=True, precompute=True
    )
    stage_id = fields.Many2one(
        "realty.service.stage",
        compute="_compute_stage_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        copy=False,
        group_expand="_read_group_stage_ids",
        domain="[('type_id', '=', type_id)]",
    )
    is_done = fields.Boolean(
        related="stage_id.is_done", store=True, index=True, precompute=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
    )
    authority_id = fields.Many2one(
        "res.partner",
        string="Bank / Authority",
        compute="_compute_authority_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
    )
    date_stage = fields.Datetime(
        string="In Stage Since",
        default=fields.Datetime.now,
        required=True,
        readonly=True,
        copy=False,
        protected="a move to another stage",
    )
    date_deadline = fields.Date(
        string="Deadline",
        compute="_compute_date_deadline",
        store=True,
        precompute=True,
        index=True,
        help="The stage's deadline, counted from the day the case entered it.",
    )
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
    date_done = fields.Datetime(
        string="Done On", readonly=True, copy=False, protected="a move to a done stage"
    )
    document_ids = fields.One2many(
        "realty.service.case.document", "case_id", string="Documents"
    )
    document_count = fields.Integer(compute="_compute_document_counts")
    document_received_count = fields.Integer(compute="_compute_document_counts")
    stage_log_ids = fields.One2many(
        "realty.service.case.stage.log",
        "case_id",
        string="Stage History",
        readonly=True,
        protected="a move to another stage",
    )
    note = fields.Html()

    def init(self):
        """At most one open case of a type per deal, in the database too."""
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS realty_service_case_open_uniq "
                "ON realty_service_case (deal_id, type_id) WHERE is_done IS NOT TRUE"
            )
        )

    # ------------------------------------------------------------------ computes
    @api.depends("deal_id.name", "type_id.name")
    def _compute_display_name(self):
        for case in self:
            case.display_name = f"{case.type_id.name or ''} · {case.deal_id.name or ''}"

    @api.depends("type_id")
    def _compute_stage_id(self):
        for case in self:
            if not case.stage_id or case.stage_id.type_id != case.type_id:
                case.stage_id = case.type_id.stage_ids[:1]

    @api.depends("type_id", "project_id")
    def _compute_user_id(self):
        group = self.env.ref("realty_base.group_realty_aftersales")
        for case in self:
            if case.user_id:
                continue
            members = case.project_id.user_ids.filtered(
                lambda u, g=group: g in u.groups_id
            )
            case.user_id = case.type_id.user_id or members.sorted("id")[:1]

    @api.depends("type_id")
    def _compute_authority_id(self):
        for case in self:
            if not case.authority_id:
                case.authority_id = case.type_id.partner_id

    @api.depends("date_stage", "stage_id.deadline_days", "stage_id.is_done")
    def _compute_date_deadline(self):
        for case in self:
            stage = case.stage_id
            if not stage or stage.is_done or not stage.deadline_days:
                case.date_deadline = False
                continue
            entered = fields.Date.context_today(case, case.date_stage)
            case.date_deadline = entered + timedelta(days=stage.deadline_days)

    @api.depends("date_deadline")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for case in self:
            case.is_overdue = bool(case.date_deadline and case.date_deadline < today)

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!="):
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._("Overdue is searched as true or false."),
            )
        today = fields.Date.context_today(self)
        if (operator == "=") == bool(value):
            return [("date_deadline", "<", today)]
        return ["|", ("date_deadline", "=", False), ("date_deadline", ">=", today)]

    @api.depends("document_ids.received")
    def _compute_document_counts(self):
        for case in self:
            case.document_count = len(case.document_ids)
            case.document_received_count = len(case.document_ids.filtered("received"))

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        """The board's columns: every stage of the type it shows."""
        type_id = self.env.context.get("default_type_id")
        if type_id and isinstance(type_id, int):
            return stages.search([("type_id", "=", type_id)])
        return stages

    # --------------------------------------------------------------- constraints
    @api.constrains("deal_id", "type_id", "is_done")
    def _check_one_open_case(self):
        open_cases = self.filtered(lambda c: not c.is_done)
        if not open_cases:
            return
        rows = self._read_group(
            [
                ("deal_id", "in", open_cases.deal_id.ids),
                ("type_id", "in", open_cases.type_id.ids),
                ("is_done", "=", False),
            ],
            ["deal_id", "type_id"],
            ["__count"],
            having=[("__count", ">", 1)],
        )
        if rows:
            deal, service_type, _count = rows[0]
            raise RealtyValidationError(
                codes.ERR_INVALID_INPUT,
                self.env._(
                    "Deal %(deal)s already has an open %(type)s case.",
                    deal=deal.name,
                    type=service_type.name,
                ),
            )

    # ------------------------------------------------------------------- CRUD
    @api.model_create_multi
    @arguments(vals_list=ValsList())
    def create(self, vals_list):
        cases = super().create(vals_list)
        cases._create_checklist()
        moved = cases.filtered(lambda c: c.stage_id != c.type_id.stage_ids[:1])
        for stage in moved.stage_id:
            moved.filtered(lambda c, s=stage: c.stage_id == s)._check_documents(stage)
        cases._enter_stage(created=True)
        return cases

    @arguments(vals=Vals())
    def write(self, vals):
        if "stage_id" not in vals:
            return super().write(vals)
        stage = self.env["realty.service.stage"].browse(vals["stage_id"])
        moving = self.filtered(lambda c: c.stage_id != stage)
        moving._check_stage_move(stage)
        result = super().write(vals)
        moving._enter_stage()
        return result

    # --------------------------------------------------------- stage moves
    def _check_stage_move(self, stage):
        """Refuse a move to a stage of another type, or whose documents (with
        those of the stages before it) are not all received."""
        if not stage:
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._("A service case is always in a stage of its type."),
            )
        other = self.filtered(lambda c: c.type_id != stage.type_id)
        if other:
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._(
                    "%(stage)s is a stage of %(stage_type)s, not of %(case)s.",
                    stage=stage.name,
                    stage_type=stage.type_id.name,
                    case=other[0].display_name,
                ),
            )
        self._check_documents(stage)

    def _check_documents(self, stage):
        """ERR_STATE_TRANSITION naming what each case still lacks to enter
        `stage`: the required documents of that stage and of those before it."""
        key = (stage.sequence, stage.id)
        errors = []
        for case in self:
            missing = case.document_ids.filtered(
                lambda line: (
                    line.required
                    and not line.received
                    and line.stage_id
                    and (line.stage_id.sequence, line.stage_id.id) <= key
                )
            )
            if missing:
                errors.append(
                    (
                        codes.ERR_STATE_TRANSITION,
                        self.env._(
                            "%(case)s cannot enter %(stage)s: %(documents)s not "
                            "received yet.",
                            case=case.display_name,
                            stage=stage.name,
                            documents=", ".join(missing.mapped("name")),
                        ),
                    )
                )
        if errors:
            raise RealtyUserError.from_errors(errors)

    def _enter_stage(self, created=False):
        """What entering its current stage does to each case: the clock of the
        deadline restarts, the stage history closes the last stage and opens
        this one, the last stage's reminders are done and this stage's is
        scheduled for the responsible. New cases (`created`) entered their
        stage when they were created."""
        if not self:
            return
        now = fields.Datetime.now()
        Log = self.env["realty.service.case.stage.log"].sudo()._unlocked()
        # (sudo: the history is written by the move, whoever may make it)
        if not created:
            Log.search([("case_id", "in", self.ids), ("date_out", "=", False)]).write(
                {"date_out": now}
            )
        Log.create(
            [
                {
                    "case_id": case.id,
                    "stage_id": case.stage_id.id,
                    "user_id": self.env.uid,
                    "date_in": case.date_stage if created else now,
                }
                for case in self
            ]
        )
        done = self.filtered("is_done")
        if done:
            done._unlocked().write({"date_stage": now, "date_done": now})
        if not created and self - done:
            (self - done)._unlocked().write({"date_stage": now, "date_done": False})
        self._close_reminders()
        self._schedule_reminders()

    def _reminder_types(self):
        return self.type_id.stage_ids.activity_type_id

    def _close_reminders(self):
        """The automated reminders of the cases' stages, done (they moved on)."""
        reminders = self.activity_ids.filtered(
            lambda a: a.automated and a.activity_type_id in self._reminder_types()
        )
        if reminders:
            reminders.action_feedback(
                feedback=self.env._("The case moved to the next stage.")
            )

    def _schedule_reminders(self):
        """The reminder of each case's stage, for its responsible, due on the
        stage's deadline (today without one): one create for the batch."""
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        vals_list = []
        for case in self:
            stage = case.stage_id
            if stage.is_done or not stage.activity_type_id or not case.user_id:
                continue
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": case.id,
                    "activity_type_id": stage.activity_type_id.id,
                    "summary": stage.activity_summary or stage.name,
                    "date_deadline": case.date_deadline or today,
                    "user_id": case.user_id.id,
                    "automated": True,
                }
            )
        if vals_list:
            self.env["mail.activity"].create(vals_list)

    def _create_checklist(self):
        """A line per document of the type's checklist, on each new case."""
        self.env["realty.service.case.document"].create(
            [
                {
                    "case_id": case.id,
                    "document_id": document.id,
                    "name": document.name,
                    "sequence": index,
                }
                for case in self
                for index, document in enumerate(case.type_id.stage_ids.document_ids)
            ]
        )

    # ---------------------------------------------------------------- actions
    def action_next_stage(self):
        """Move each case to the next stage of its type (its documents received)."""
        for case in self:
            stages = case.type_id.stage_ids
            index = list(stages).index(case.stage_id) if case.stage_id in stages else -1
            if index + 1 >= len(stages):
                raise RealtyUserError(
                    codes.ERR_STATE_TRANSITION,
                    self.env._(
                        "%(case)s is in its last stage.", case=case.display_name
                    ),
                )
            case.stage_id = stages[index + 1]
        return True

    # ----------------------------------------------------------------- the flow
    @api.model
    def _open_for(self, deals, code):
        """Open a case of the service `code` for each active deal that has no
        open case of it (idempotent), with the type its project uses; deals
        whose project has no such type get none. Returns the new cases.

        The flow opens cases whoever triggers it (a consultant signs, the
        handover hands over), so they are created as the superuser; the caller
        keeps its own rights on the records returned."""
        deals = deals.filtered(lambda d: d.status == "active")
        if not deals:
            return self.browse()
        Case = self.sudo().with_context(**FLOW_CONTEXT)
        types = Case.env["realty.service.type"]._for_projects(deals.project_id, code)
        existing = Case.search_fetch(
            [
                ("deal_id", "in", deals.ids),
                ("type_code", "=", code),
                ("is_done", "=", False),
            ],
            ["deal_id"],
        )
        skip = set(existing.deal_id.ids)
        cases = Case.create(
            [
                {"deal_id": deal.id, "type_id": types[deal.project_id.id].id}
                for deal in deals
                if deal.id not in skip and deal.project_id.id in types
            ]
        )
        return self.browse(cases.ids)

    @api.model
    def _open_on_signing(self, deals):
        """The cases a signed contract opens: each type opened on signing, for
        every deal (a loan service: for the deals with that loan)."""
        Type = self.env["realty.service.type"].sudo()
        codes_ = set(
            Type.search([("trigger", "=", "contract")]).mapped(
                lambda t: (t.code, t.loan_kind)
            )
        )
        cases = self.browse()
        for code, loan_kind in sorted(codes_):
            field = LOAN_FIELDS.get(loan_kind)
            targets = deals.filtered(lambda d, f=field: not f or d[f] > 0)
            cases |= self._open_for(targets, code)
        return cases

    @api.model
    def _open_on_handover(self, deals):
        """The cases a handover opens (the property certificate)."""
        Type = self.env["realty.service.type"].sudo()
        cases = self.browse()
        for code in sorted(
            set(Type.search([("trigger", "=", "handover")]).mapped("code"))
        ):
            cases |= self._open_for(deals, code)
        return cases
