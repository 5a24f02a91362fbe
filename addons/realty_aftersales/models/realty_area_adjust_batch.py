import base64
import hashlib
import json
from collections import defaultdict
from datetime import timedelta
from decimal import Decimal, InvalidOperation

from markupsafe import Markup

from odoo import Command, api, fields, models

from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_base.inputs import MAX_SHOWN, Vals, ValsList, arguments
from odoo.addons.realty_base.tools import RealtyError, areas, to_decimal
from odoo.addons.realty_base.tools import errors as codes
from odoo.addons.realty_base.tools.disbursement import read_table_bytes
from odoo.addons.realty_base.wizard.realty_area_import import HEADERS

from .realty_area_adjust_line import PERSON_FIELDS

BATCH_STATES = [
    ("draft", "Draft"),
    ("computed", "Computed"),
    ("to_approve", "To Approve"),
    ("approved", "Approved"),
    ("applied", "Applied"),
    ("cancel", "Cancelled"),
]
STATE_ACTIONS = (
    "action_import, action_submit, action_approve, action_apply, action_cancel"
)
LINES_IMPORTED = "action_import (the survey's file)"
HISTORY_FIELDS = frozenset(
    {"message_main_attachment_id", "message_follower_ids", "activity_ids"}
)
"""What an applied or cancelled batch still takes (its chatter)."""
REIMPORT_FIELDS = frozenset({"file", "building_id", "project_id"})
"""A computed batch whose file or building changes is imported again."""
HEADER_SEARCH_ROWS = 10
CENT_AREA = Decimal("0.01")
SIGNED_STAGE = ("active", "contract")
ADJUSTED_STATES = ("settled", "waived")
QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_notrack": True,
}
"""Lines are created by the thousand: their creation is the batch's message."""


class RealtyAreaAdjustBatch(models.Model):
    """An area adjustment batch (面积补差批次, §7.4): the measured survey (实测) of one
    building, checked row by row and computed per signed contract (§7.3, §7.6),
    approved as a whole (any change afterwards voids the approval), then applied:
    the rooms take the measured areas, each deal's schedule the settled amount (due
    at handover) and the deal's area adjustment is settled."""

    _name = "realty.area.adjust.batch"
    _description = "Area Adjustment Batch"
    _inherit = ["mail.thread", "mail.activity.mixin", "realty.approval.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Number",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
        protected="the batch sequence",
    )
    project_id = fields.Many2one(
        "realty.project", required=True, index=True, tracking=True
    )
    company_id = fields.Many2one(
        related="project_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_currency",
        store=True,
        precompute=True,
    )
    building_id = fields.Many2one(
        "realty.building",
        required=True,
        index=True,
        tracking=True,
        domain="[('project_id', '=', project_id)]",
    )
    survey_date = fields.Date(tracking=True, help="The date of the measured survey.")
    survey_reference = fields.Char(
        tracking=True, help="The survey report's number (实测报告编号)."
    )
    file = fields.Binary(
        string="Measured Areas",
        copy=False,
        help="An .xlsx or .csv file: room code, measured building, inner and "
        "shared areas (房号, 建筑面积, 套内面积, 分摊面积).",
    )
    filename = fields.Char(copy=False)
    state = fields.Selection(
        BATCH_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        protected=STATE_ACTIONS,
    )
    line_ids = fields.One2many(
        "realty.area.adjust.line",
        "batch_id",
        string="Rooms",
        readonly=True,
        copy=False,
        protected=LINES_IMPORTED,
    )
    line_count = fields.Integer(
        string="Contracts", compute="_compute_totals", store=True
    )
    rescission_count = fields.Integer(
        string="With Rescission Right", compute="_compute_totals", store=True
    )
    amount_to_collect = fields.Monetary(
        string="Buyers Pay", compute="_compute_totals", store=True
    )
    amount_to_refund = fields.Monetary(
        string="Refunded", compute="_compute_totals", store=True
    )
    amount_net = fields.Monetary(
        string="Net Amount", compute="_compute_totals", store=True
    )
    applied_date = fields.Datetime(
        readonly=True, copy=False, tracking=True, protected="action_apply"
    )
    can_approve = fields.Boolean(compute="_compute_can_approve")
    note = fields.Text()

    # ---------------------------------------------------------------- computes
    @api.depends("project_id")
    def _compute_currency(self):
        for batch in self:
            batch.currency_id = batch.project_id.currency_id or self.env.ref("base.CNY")

    @api.depends("line_ids.amount", "line_ids.rescission_right")
    def _compute_totals(self):
        for batch in self:
            amounts = batch.line_ids.mapped("amount")
            batch.line_count = len(amounts)
            batch.rescission_count = len(batch.line_ids.filtered("rescission_right"))
            batch.amount_to_collect = sum(a for a in amounts if a > 0)
            batch.amount_to_refund = -sum(a for a in amounts if a < 0)
            batch.amount_net = sum(amounts)

    @api.depends_context("uid")
    @api.depends("state")
    def _compute_can_approve(self):
        for batch in self:
            batch.can_approve = batch.state == "to_approve" and batch._can_approve()

    # -------------------------------------------------------------------- CRUD
    @api.model
    def _add_server_values(self, vals_list):
        Sequence = self.env["ir.sequence"]
        return super()._add_server_values(
            [
                {
                    **vals,
                    "name": Sequence.next_by_code("realty.area.adjust.batch") or "/",
                }
                for vals in vals_list
            ]
        )

    @api.model_create_multi
    @arguments(vals_list=ValsList())
    def create(self, vals_list):
        return super().create(vals_list)

    @arguments(vals=Vals())
    def write(self, vals):
        if not self._is_unlocked() and "line_ids" in vals:
            vals = self._write_person_lines(vals)
            if not vals:
                return True
        if not self._is_unlocked():
            done = self.filtered(lambda b: b.state in ("applied", "cancel"))
            if done and set(vals) - HISTORY_FIELDS:
                raise RealtyUserError(
                    codes.ERR_STATE_TRANSITION,
                    self.env._(
                        "Area adjustment batch %(batch)s is %(state)s: it does not "
                        "change.",
                        batch=done[0].name,
                        state=dict(BATCH_STATES)[done[0].state],
                    ),
                )
            if REIMPORT_FIELDS.intersection(vals) and self.filtered("line_ids"):
                raise RealtyUserError(
                    codes.ERR_STATE_TRANSITION,
                    self.env._(
                        "The building or the file of a computed batch does not "
                        "change: cancel it and start a new one."
                    ),
                )
        return super().write(vals)

    def _write_person_lines(self, vals):
        """The batch form edits its lines in place: what a person records on a
        line (its manual adjustment with the reason, the buyer's choice, PERSON_
        FIELDS) is written on the line itself, under the line's own rules; any
        other change of the lines stays in ``vals`` (and is refused: the lines
        are the import's)."""
        Line = self.env["realty.area.adjust.line"]
        rest = []
        for command in vals["line_ids"]:
            if (
                isinstance(command, (list, tuple))
                and len(command) == 3
                and command[0] == Command.UPDATE
                and isinstance(command[2], dict)
                and set(command[2]) <= PERSON_FIELDS
                and command[1] in self.line_ids.ids
            ):
                Line.browse(command[1]).write(command[2])
            elif not (
                isinstance(command, (list, tuple))
                and command
                and command[0] == Command.LINK
                and command[1] in self.line_ids.ids
            ):
                rest.append(command)
        vals = {key: value for key, value in vals.items() if key != "line_ids"}
        if rest:
            vals["line_ids"] = rest
        return vals

    @api.ondelete(at_uninstall=False)
    def _unlink_except_computed(self):
        if any(batch.state not in ("draft", "cancel") for batch in self):
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._(
                    "Only a draft or cancelled area adjustment batch is deleted."
                ),
            )

    # ------------------------------------------------------------ the approval
    def _approval_content(self):
        """What the approver approves: every line's settlement and the buyer's
        choice, as a digest (a batch has thousands of lines)."""
        self.ensure_one()
        rows = [
            [
                line.id,
                line.deal_id.id,
                line.area_building_meas,
                line.area_inner_meas,
                line.amount,
                line.manual_adjustment,
                line.buyer_choice or "",
            ]
            for line in self.line_ids.sorted("id")
        ]
        digest = hashlib.sha256(
            json.dumps(rows, default=str).encode("utf-8")
        ).hexdigest()
        return {
            "lines": len(rows),
            "amount_net": self.amount_net,
            "digest": digest,
        }

    def _approval_groups(self):
        """An after-sales manager (售后主管) or the project's general manager: a
        settlement changes contract prices and pays refunds, double beyond the
        band; the after-sales staff who import and compute do not approve their
        own numbers."""
        return self.env.ref(
            "realty_aftersales.group_realty_aftersales_manager"
        ) | self.env.ref("realty_base.group_realty_gm")

    def _on_approval_voided(self):
        self.filtered(lambda b: b.state == "approved")._unlocked().write(
            {"state": "to_approve"}
        )

    # ------------------------------------------------------------------ states
    def _refuse_unless(self, states):
        wrong = self.filtered(lambda b: b.state not in states)
        if wrong:
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._(
                    "Area adjustment batch %(batch)s is %(state)s.",
                    batch=wrong[0].name,
                    state=dict(BATCH_STATES)[wrong[0].state],
                ),
            )

    def _check_staff(self):
        user = self.env.user
        if not (
            user.has_group("realty_base.group_realty_aftersales")
            or user.has_group("realty_base.group_realty_gm")
        ):
            raise RealtyUserError(
                codes.ERR_APPROVAL_REQUIRED,
                self.env._("After-sales staff run area adjustment batches."),
            )

    def action_submit(self):
        """Ask for the approval: every buyer with a rescission right has chosen in
        writing (§7.3)."""
        self._refuse_unless(("computed",))
        self._check_staff()
        for batch in self:
            undecided = batch.line_ids.filtered(
                lambda line: line.rescission_right and not line.buyer_choice
            )
            if undecided:
                raise RealtyUserError(
                    codes.ERR_STATE_TRANSITION,
                    self.env._(
                        "The buyers of %(rooms)s may rescind (beyond the band): record "
                        "their written choice first.",
                        rooms=", ".join(undecided[:MAX_SHOWN].room_id.mapped("code")),
                    ),
                )
        self._unlocked().write({"state": "to_approve"})
        return True

    def action_approve(self):
        self._refuse_unless(("to_approve",))
        self._record_approval()
        self._unlocked().write({"state": "approved"})
        return True

    def action_cancel(self):
        """Cancel a batch that is not applied; its deals are no longer measured."""
        self._refuse_unless(("draft", "computed", "to_approve", "approved"))
        self._check_staff()
        deals = self.line_ids.deal_id.filtered(
            lambda d: d.area_adjust_state == "pending"
        )
        deals.sudo()._unlocked().write({"area_adjust_state": "none"})
        self._unlocked().write(
            {"state": "cancel", "approved_by_id": False, "approval_snapshot": False}
        )
        return True

    def action_reset(self):
        """Back to draft: a cancelled batch is imported again."""
        self._refuse_unless(("cancel",))
        self._check_staff()
        self.line_ids._unlocked().unlink()
        self._unlocked().write({"state": "draft"})
        return True

    # ----------------------------------------------------------------- import
    def action_import(self):
        """Read the measured survey of the building and compute every signed
        contract of it (§7.4 steps 1-3). Every row is checked first; one bad row
        refuses the whole file with every bad row, its number and its problem
        (``ERR_IMPORT_ROW``), and nothing is written."""
        self._refuse_unless(("draft", "computed"))
        self._check_staff()
        for batch in self:
            if not batch.file:
                raise RealtyUserError(
                    codes.ERR_IMPORT_ROW,
                    self.env._(
                        "Area adjustment batch %(batch)s has no file to import.",
                        batch=batch.name,
                    ),
                )
            batch._import_file()
        return True

    def _import_file(self):
        self.ensure_one()
        data = base64.b64decode(self.with_context(bin_size=False).file)
        try:
            table = read_table_bytes(data)
        except RealtyError as error:
            raise RealtyUserError(
                codes.ERR_IMPORT_ROW,
                self.env._(
                    "%(file)s is not a readable .xlsx or .csv file.",
                    file=self.filename or self.env._("The file"),
                ),
            ) from error
        rows, errors = self._check_rows(table)
        if errors:
            raise RealtyUserError.from_errors(
                [
                    (
                        codes.ERR_IMPORT_ROW,
                        self.env._(
                            "%(file)s has %(count)s bad rows; nothing was imported.",
                            file=self.filename or self.env._("The file"),
                            count=len(errors),
                        ),
                    ),
                    *errors,
                ]
            )
        self._replace_lines(rows)

    def _columns(self, table):
        """``(header row index, {key: column})`` or None."""
        for index, row in enumerate(table[:HEADER_SEARCH_ROWS]):
            found = {}
            for position, title in enumerate(row):
                text = str(title or "").strip().lower()
                for key, names in HEADERS.items():
                    if text in names:
                        found[key] = position
            if set(found) == set(HEADERS):
                return index, found
        return None

    @staticmethod
    def _cell(row, column):
        value = row[column] if column < len(row) else None
        return "" if value is None else str(value).strip()

    @staticmethod
    def _area(text):
        """A measured area: a number above zero with at most two decimals."""
        value = Decimal(text.replace(",", ""))
        if not value.is_finite() or value != value.quantize(CENT_AREA):
            raise InvalidOperation
        return value

    def _check_rows(self, table):
        """``(rows, errors)``: the good rows ``(row number, room, deal, (building,
        inner, shared))`` and ``[(code, message)]`` of every bad row, in a bounded
        number of queries."""
        self.ensure_one()
        header = self._columns(table)
        if not header:
            raise RealtyUserError(
                codes.ERR_IMPORT_ROW,
                self.env._(
                    "The file must name its columns: room code, building area, inner "
                    "area, shared area (or 房号, 建筑面积, 套内面积, 分摊面积)."
                ),
            )
        start, cols = header
        body = [
            (number, row)
            for number, row in enumerate(table[start + 1 :], start=start + 2)
            if any(cell not in (None, "") for cell in row)
        ]
        if not body:
            raise RealtyUserError(
                codes.ERR_IMPORT_ROW, self.env._("The file has no rows to import.")
            )
        codes_in_file = {self._cell(row, cols["code"]) for _n, row in body}
        rooms = {
            room.code: room
            for room in self.env["realty.room"].search_fetch(
                [
                    ("building_id", "=", self.building_id.id),
                    ("code", "in", list(codes_in_file)),
                ],
                ["code", "area_building_pred", "area_inner_pred", "area_shared_pred"],
            )
        }
        deals = {
            deal.room_id: deal
            for deal in self.env["realty.deal"].search(
                [
                    ("room_id", "in", [room.id for room in rooms.values()]),
                    ("status", "=", "active"),
                    ("stage", "=", "contract"),
                ]
            )
        }
        others = self.env["realty.area.adjust.line"].search(
            [
                ("deal_id", "in", [deal.id for deal in deals.values()]),
                ("batch_id", "!=", self.id),
                ("batch_id.state", "not in", ("cancel", "applied")),
            ]
        )
        open_elsewhere = {line.deal_id: line.batch_id for line in others}
        project = self.project_id
        tolerance = str(project.area_sum_tolerance)
        bound = to_decimal(project.area_adjust_sanity_bound)
        good, errors, seen = [], [], {}
        for number, row in body:
            code = self._cell(row, cols["code"])

            def refuse(message, number=number, code=code, kind=codes.ERR_IMPORT_ROW):
                errors.append(
                    (
                        kind,
                        self.env._(
                            "Row %(row)s (%(room)s): %(message)s",
                            row=number,
                            room=code[:MAX_SHOWN] or "-",
                            message=message,
                        ),
                    )
                )

            if code in seen:
                refuse(self.env._("the room is also on row %(row)s", row=seen[code]))
                continue
            seen[code] = number
            try:
                measured = tuple(
                    self._area(self._cell(row, cols[key]))
                    for key in ("building", "inner", "shared")
                )
            except (InvalidOperation, ValueError):
                refuse(self.env._("the areas must be numbers with 2 decimals at most"))
                continue
            if any(value <= 0 for value in measured):
                refuse(self.env._("an area is zero or negative"))
                continue
            room = rooms.get(code)
            if not room:
                refuse(
                    self.env._(
                        "no such room in building %(building)s",
                        building=self.building_id.display_name,
                    )
                )
                continue
            try:
                areas.check_area_sum(*measured, tolerance=tolerance)
            except RealtyError:
                refuse(
                    self.env._(
                        "building area %(building)s is not inner %(inner)s + shared "
                        "%(shared)s",
                        building=measured[0],
                        inner=measured[1],
                        shared=measured[2],
                    ),
                    kind=codes.ERR_AREA_SUM,
                )
                continue
            deal = deals.get(room)
            if not deal:
                refuse(self.env._("the room has no active signed contract"))
                continue
            if deal.area_adjust_state in ADJUSTED_STATES:
                refuse(
                    self.env._(
                        "the area adjustment of %(deal)s is already %(state)s",
                        deal=deal.name,
                        state=dict(
                            deal._fields["area_adjust_state"]._description_selection(
                                self.env
                            )
                        )[deal.area_adjust_state],
                    )
                )
                continue
            if deal in open_elsewhere:
                refuse(
                    self.env._(
                        "%(deal)s is in area adjustment batch %(batch)s",
                        deal=deal.name,
                        batch=open_elsewhere[deal].name,
                    )
                )
                continue
            contract = (
                to_decimal(room.area_building_pred),
                to_decimal(room.area_inner_pred),
            )
            if any(
                not before or abs(after - before) > bound * before
                for before, after in zip(contract, measured[:2], strict=True)
            ):
                refuse(
                    self.env._(
                        "the measured areas %(building)s / %(inner)s are more than "
                        "%(bound)s %% away from the contract's %(building0)s / "
                        "%(inner0)s: a typing or survey error?",
                        building=measured[0],
                        inner=measured[1],
                        building0=contract[0],
                        inner0=contract[1],
                        bound=float(bound * 100),
                    )
                )
                continue
            good.append((number, room, deal, measured))
        return good, errors

    def _replace_lines(self, rows):
        """The lines of the good rows, computed, in one create; the deals of the
        lines replaced that are not in the file again are no longer measured."""
        self.ensure_one()
        Line = self.env["realty.area.adjust.line"].with_context(**QUIET)
        old_deals = self.line_ids.deal_id
        self.line_ids._unlocked().unlink()
        values = Line._settlement_values(
            [(room, deal, measured) for _number, room, deal, measured in rows]
        )
        Line._unlocked().create(
            [
                {**vals, "batch_id": self.id, "row_number": number}
                for (number, *_rest), vals in zip(rows, values, strict=True)
            ]
        )
        deals = self.env["realty.deal"].union(*(deal for _n, _r, deal, _m in rows))
        (old_deals - deals).sudo()._unlocked().write({"area_adjust_state": "none"})
        deals.filtered(
            lambda d: d.area_adjust_state != "pending"
        ).sudo()._unlocked().with_context(tracking_disable=True).write(
            {"area_adjust_state": "pending"}
        )
        self._unlocked().write({"state": "computed"})
        self.message_post(
            body=self.env._(
                "%(file)s imported: %(count)s contracts computed, %(rescission)s with "
                "a rescission right.",
                file=self.filename or self.env._("The file"),
                count=self.line_count,
                rescission=self.rescission_count,
            )
        )

    # ------------------------------------------------------------------ apply
    def action_apply(self):
        """Apply the approved batch (§7.4 steps 5-6): the rooms take the measured
        areas; each continuing contract's deal gets its settled amount on the
        schedule, due at handover (a refund first offsets what the buyer still owes
        when the project says so, §7.5), its area adjustment is settled, finance is
        told and the fees follow (§7.6). A rescinding buyer's deal stays to settle:
        the rescission is a termination (R4) with the refund the line shows."""
        self._refuse_unless(("approved",))
        self._check_staff()
        self._check_approval_current()
        for batch in self.sudo():
            batch._apply()
        return True

    def _apply(self):
        self.ensure_one()
        lines = self.line_ids
        rooms = lines.room_id
        # one write per set of measured areas (a building's layouts repeat floor
        # after floor): a write of one room reads the whole room back
        by_areas = defaultdict(list)
        for line in lines:
            areas_ = (
                line.area_building_meas,
                line.area_inner_meas,
                line.area_shared_meas,
            )
            by_areas[areas_].append(line.room_id.id)
        Room = self.env["realty.room"]
        for (building, inner, shared), room_ids in by_areas.items():
            Room.browse(room_ids).write(
                {
                    "area_building_meas": building,
                    "area_inner_meas": inner,
                    "area_shared_meas": shared,
                }
            )
        continuing = lines.filtered(lambda line: line.buyer_choice != "rescind")
        continuing._plan_schedule()
        continuing._unlocked().write({"applied": True})
        deals = continuing.deal_id
        deals._unlocked().with_context(tracking_disable=True).write(
            {"area_adjust_state": "settled"}
        )
        self.env["realty.deal.schedule.line"]._unlocked().create(
            [vals for line in continuing for vals in line._schedule_values()]
        )
        deals._message_log_batch(
            bodies={
                line.deal_id.id: self.env._(
                    "Area adjustment settled by %(batch)s: %(amount)s (adjusted total "
                    "%(total)s).",
                    batch=self.name,
                    amount=line.amount,
                    total=line.adjusted_total,
                )
                for line in continuing
            }
        )
        self._unlocked().write(
            {"state": "applied", "applied_date": fields.Datetime.now()}
        )
        events = []
        for line in lines:
            if line.buyer_choice == "rescind":
                events.append(
                    (
                        line.deal_id,
                        "area_adjustment",
                        line,
                        -line.rescission_refund,
                        self.env._(
                            "Rescission (§7.3): refund %(amount)s by %(deadline)s.",
                            amount=line.rescission_refund,
                            deadline=line.rescission_deadline,
                        ),
                    )
                )
            elif line.amount:
                events.append(
                    (
                        line.deal_id,
                        "area_adjustment",
                        line,
                        line.amount,
                        self.env._(
                            "Area adjustment %(batch)s: %(amount)s.",
                            batch=self.name,
                            amount=line.amount,
                        ),
                    )
                )
        if events:
            self.env["realty.deal"]._finance_events(events)
        deals._on_area_settled()
        self.message_post(
            body=Markup("<p>%s</p>")
            % self.env._(
                "Applied: %(count)s contracts settled, %(rooms)s rooms measured.",
                count=len(deals),
                rooms=len(rooms),
            )
        )

    def _due_date(self, deal):
        return (
            deal.delivery_date
            or deal.room_id.phase_id.planned_delivery_date
            or self.survey_date
            or fields.Date.context_today(self) + timedelta(days=30)
        )

    # ------------------------------------------------------------------ print
    def action_print_sheets(self):
        self.ensure_one()
        return self.env.ref(
            "realty_aftersales.action_report_area_settlement"
        ).report_action(self.line_ids)
