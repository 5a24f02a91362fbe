import base64
from collections import defaultdict
from typing import NamedTuple

from odoo import api, fields, models
from odoo.tools import format_amount

from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_base.inputs import (
    MAX_CHAR_LENGTH,
    MAX_SHOWN,
    Vals,
    ValsList,
    arguments,
)
from odoo.addons.realty_base.tools import RealtyError
from odoo.addons.realty_base.tools import errors as codes
from odoo.addons.realty_base.tools.disbursement import (
    RowError,
    parse_disbursement_rows,
    read_table_bytes,
)

from .realty_deal_payment import ARRIVED

BATCH_STATES = [
    ("draft", "Draft"),
    ("checked", "Checked"),
    ("posted", "Posted"),
    ("refused", "Refused"),
]
LOAN_ITEMS = ("commercial_loan", "provident_loan")
SHOW_ERRORS = "realty_disbursement_show_errors"
"""Context key of the form's Import button: the errors of a refused file are
stored on the batch, as rejected lines the user reads, instead of being raised
(what any other caller gets, nothing stored)."""
RECHECK_FIELDS = frozenset({"file", "company_id", "project_id", "journal_id"})
"""A checked batch whose file, project or journal changes is imported again
before it is posted."""
HISTORY_FIELDS = frozenset(
    {"message_main_attachment_id", "message_follower_ids", "activity_ids"}
)
"""What a posted batch still takes (its chatter)."""
TEXT_CELLS = ("contract_no", "buyer_name", "id_number", "reference")
"""The text cells of a row, at most MAX_CHAR_LENGTH characters each."""
STATE_ACTIONS = "action_import and action_post"
LINES_IMPORTED = "action_import (the bank's file)"


class Rejection(NamedTuple):
    """Why a row is rejected: its error code, a stable key and a message."""

    code: str
    problem: str
    reason: str


class RealtyDisbursementBatch(models.Model):
    """A bank's mortgage disbursement list (按揭放款批次, §9.6).

    The file is read and checked as a whole (a file with a malformed row is
    refused, with every row's problem), then each row is matched to a signed
    contract's loan line, by contract number, else by the buyer's ID number and
    the approved amount. Rows that do not match, differ from the planned loan,
    repeat a bank reference already posted or pay more than is due are rejected
    one by one, and a batch with a rejected row is not posted. Posting records
    every row as a loan payment that arrived in the bank on the row's date,
    reconciled with the loan's receivable: all rows, or none."""

    _name = "realty.disbursement.batch"
    _inherit = ["mail.thread", "realty.protected.mixin"]
    _description = "Mortgage Disbursement Batch"
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Number",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
        protected="the batch sequence",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    project_id = fields.Many2one(
        "realty.project",
        index="btree_not_null",
        check_company=True,
        tracking=True,
        help="Only this project's contracts are matched; empty: the company's.",
    )
    bank_id = fields.Many2one("res.partner", tracking=True, help="The lending bank.")
    journal_id = fields.Many2one(
        "account.journal",
        string="Received Into",
        compute="_compute_journal",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        tracking=True,
        domain="[('type', '=', 'bank')]",
        help="The bank account the money arrived in: the project's supervision "
        "account (§9.5).",
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    file = fields.Binary(string="Bank File", copy=False)
    filename = fields.Char(copy=False)
    state = fields.Selection(
        BATCH_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        protected=STATE_ACTIONS,
    )
    line_ids = fields.One2many(
        "realty.disbursement.line",
        "batch_id",
        string="Rows",
        readonly=True,
        copy=False,
        protected=LINES_IMPORTED,
    )
    amount_total = fields.Monetary(
        string="Total Disbursed", compute="_compute_totals", store=True
    )
    line_count = fields.Integer(
        string="Number of Rows", compute="_compute_totals", store=True
    )
    matched_count = fields.Integer(
        string="Matched", compute="_compute_totals", store=True
    )
    rejected_count = fields.Integer(
        string="Rejected", compute="_compute_totals", store=True
    )
    payment_count = fields.Integer(compute="_compute_payment_count")
    note = fields.Text()

    # ---------------------------------------------------------------- computes
    @api.depends("project_id")
    def _compute_journal(self):
        for batch in self:
            batch.journal_id = (
                batch.project_id.supervision_journal_id or batch.journal_id
            )

    @api.depends("line_ids.disbursed", "line_ids.state")
    def _compute_totals(self):
        for batch in self:
            lines = batch.line_ids
            matched = lines.filtered(lambda line: line.state == "ok")
            batch.line_count = len(lines)
            batch.matched_count = len(matched)
            batch.rejected_count = len(lines) - len(matched)
            batch.amount_total = sum(lines.mapped("disbursed"))

    @api.depends("line_ids.payment_id")
    def _compute_payment_count(self):
        for batch in self:
            batch.payment_count = len(batch.line_ids.payment_id)

    # -------------------------------------------------------------------- CRUD
    @api.model
    def _add_server_values(self, vals_list):
        Sequence = self.env["ir.sequence"]
        return super()._add_server_values(
            [
                {
                    **vals,
                    "name": Sequence.next_by_code("realty.disbursement.batch") or "/",
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
        if not self._is_unlocked():
            posted = self.filtered(lambda batch: batch.state == "posted")
            if posted and set(vals) - HISTORY_FIELDS:
                raise RealtyUserError(
                    codes.ERR_STATE_TRANSITION,
                    self.env._(
                        "Disbursement batch %(batch)s is posted: it does not change.",
                        batch=posted[0].name,
                    ),
                )
        result = super().write(vals)
        if RECHECK_FIELDS.intersection(vals) and not self._is_unlocked():
            self.filtered(
                lambda b: b.state in ("checked", "refused")
            )._unlocked().write({"state": "draft"})
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_posted(self):
        if any(batch.state == "posted" for batch in self):
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._(
                    "A posted disbursement batch is kept: its money is in the books."
                ),
            )

    # ----------------------------------------------------------------- import
    def action_import(self):
        """Read the bank's file and match its rows (§9.6), replacing the rows of
        an earlier import. A file with a malformed row is refused whole, with
        every row's problem (``ERR_IMPORT_ROW``), and nothing is created; from the
        form, the problems are kept on the batch as rejected rows instead. Rows
        that do not match are rejected one by one: the batch is then refused."""
        for batch in self:
            batch._check_not_posted()
            if not batch.file:
                raise RealtyUserError(
                    codes.ERR_IMPORT_ROW,
                    self.env._(
                        "Disbursement batch %(batch)s has no file to import.",
                        batch=batch.name,
                    ),
                )
        refusals = []
        for batch in self:
            refusals += batch._import_file()
        if refusals:
            raise RealtyUserError.from_errors(refusals)
        return True

    def _import_file(self):
        """Import the file; ``[(code, message)]`` of a refused file unless the
        caller keeps them on the batch (SHOW_ERRORS)."""
        self.ensure_one()
        data = base64.b64decode(self.with_context(bin_size=False).file)
        try:
            checked = parse_disbursement_rows(read_table_bytes(data))
            errors, rows = list(checked.errors), checked.lines
        except RealtyError as error:  # not a readable .csv or .xlsx file
            errors, rows = [self._tool_error(error)], ()
        errors += [
            RowError(row.row_number, name, codes.ERR_IMPORT_ROW, "", "too_long")
            for row in rows
            for name in TEXT_CELLS
            if len(getattr(row, name)) > MAX_CHAR_LENGTH
        ]
        if not errors and not rows:
            errors = [self._tool_error(RealtyError(codes.ERR_IMPORT_ROW, "no rows"))]
        if errors and not self.env.context.get(SHOW_ERRORS):
            return [
                (error.code, self._row_message(error.row_number, self._problem(error)))
                for error in errors
            ]
        if errors:
            values = [
                {
                    "row_number": error.row_number,
                    "state": "rejected",
                    "error_code": error.code,
                    "problem": error.problem,
                    "reason": self._problem(error)[:MAX_CHAR_LENGTH],
                }
                for error in errors
            ]
        else:
            values = [
                {**self._row_values(row), **match}
                for row, match in zip(rows, self._match(rows), strict=True)
            ]
        self._replace_lines(values)
        if errors:
            body = self.env._(
                "%(file)s refused: %(count)s problems in the file, nothing imported.",
                file=self.filename or self.env._("The file"),
                count=len(errors),
            )
        else:
            body = self.env._(
                "%(file)s imported: %(rows)s rows, %(matched)s matched, %(rejected)s "
                "rejected.",
                file=self.filename or self.env._("The file"),
                rows=self.line_count,
                matched=self.matched_count,
                rejected=self.rejected_count,
            )
        self.message_post(body=body)
        return []

    @staticmethod
    def _tool_error(error):
        return RowError(
            row_number=0,
            column="",
            code=error.code,
            message=error.message,
            problem=error.params.get("problem", "no_rows"),
            params=error.params,
        )

    @staticmethod
    def _row_values(row):
        return {
            "row_number": row.row_number,
            "contract_no": row.contract_no,
            "buyer_name": row.buyer_name,
            "id_number": row.id_number,
            "approved": float(row.approved),
            "disbursed": float(row.disbursed),
            "date": row.date,
            "reference": row.reference,
        }

    def _replace_lines(self, values):
        self.ensure_one()
        self.line_ids._unlocked().unlink()
        self.env["realty.disbursement.line"]._unlocked().create(
            [{**vals, "batch_id": self.id} for vals in values]
        )
        rejected = any(vals.get("state") == "rejected" for vals in values)
        self._unlocked().write({"state": "refused" if rejected else "checked"})

    def _row_message(self, row_number, message):
        if not row_number:
            return message
        return self.env._("Row %(row)s: %(message)s", row=row_number, message=message)

    def _problem(self, error):
        """The translated message of a problem of the file (tools.disbursement's
        stable ``problem`` keys; the tool's English message for another)."""
        params = defaultdict(str, error.params)
        value = str(params["value"])
        if len(value) > MAX_SHOWN:  # a cell quoted back, not the whole of it
            value = f"{value[: MAX_SHOWN - 1]}…"

        def duplicate():
            return self.env._(
                "%(value)s is already on row %(row)s",
                value=value,
                row=params["first_row"],
            )

        messages = {
            "empty": lambda: self.env._("the cell is empty"),
            "not_a_number": lambda: self.env._(
                "“%(value)s” is not a number", value=value
            ),
            "not_positive": lambda: self.env._(
                "%(value)s is not above zero", value=value
            ),
            "too_large": lambda: self.env._(
                "%(value)s is above %(limit)s", value=value, limit=params["limit"]
            ),
            "too_many_decimals": lambda: self.env._(
                "%(value)s has more than two decimals", value=value
            ),
            "bad_date": lambda: self.env._("“%(value)s” is not a date", value=value),
            "date_out_of_range": lambda: self.env._(
                "%(value)s is not between %(earliest)s and %(latest)s",
                value=value,
                earliest=params["earliest"],
                latest=params["latest"],
            ),
            "invalid_id": lambda: self.env._(
                "%(value)s is not a valid ID number (%(code)s)",
                value=value,
                code=params["id_code"],
            ),
            "exceeds_approved": lambda: self.env._(
                "disbursed %(disbursed)s is above the approved %(approved)s",
                disbursed=params["disbursed"],
                approved=params["approved"],
            ),
            "duplicate_reference": duplicate,
            "duplicate_contract": duplicate,
            "missing_columns": lambda: self.env._(
                "the header lacks the columns %(titles)s", titles=params["titles"]
            ),
            "ambiguous_column": lambda: self.env._(
                "several columns hold the same field: %(titles)s",
                titles=params["titles"],
            ),
            "no_header": lambda: self.env._(
                "no header row: name the columns (e.g. %(titles)s)",
                titles=params["titles"],
            ),
            "unreadable": lambda: self.env._(
                "not a readable .xlsx or .csv file (%(reason)s)",
                reason=params["reason"],
            ),
            "no_rows": lambda: self.env._("the file has no rows"),
            "too_long": lambda: self.env._(
                "more than %(limit)s characters", limit=MAX_CHAR_LENGTH
            ),
        }
        message = messages[error.problem]() if error.problem in messages else None
        message = message or error.message
        Line = self.env["realty.disbursement.line"]
        field = Line._fields.get(error.column) if error.column else None
        if field is None:
            return message
        return self.env._(
            "%(column)s: %(message)s",
            column=field._description_string(self.env),
            message=message,
        )

    # --------------------------------------------------------------- matching
    def _match(self, rows):
        """The matching of each row (a parsed row or a line): ``[values]`` of the
        line, in order, with its deal and loan line, or why it is rejected. A
        bounded number of queries, whatever the number of rows."""
        self.ensure_one()
        finder = self._deal_finder(rows)
        posted = self._posted_references({row.reference for row in rows})
        matched = {}
        results = []
        for row in rows:
            found = self._match_row(row, finder, posted, matched)
            if isinstance(found, Rejection):
                results.append(
                    {
                        "deal_id": False,
                        "schedule_line_id": False,
                        "match_method": False,
                        "state": "rejected",
                        "error_code": found.code,
                        "problem": found.problem,
                        "reason": found.reason,
                    }
                )
            else:
                results.append(
                    {
                        **found,
                        "state": "ok",
                        "error_code": False,
                        "problem": False,
                        "reason": False,
                    }
                )
        return results

    def _deal_finder(self, rows):
        """``(by contract number, by ID number)``: the deals of the batch's
        company that the rows can name, each read once."""
        Deal = self.env["realty.deal"]
        domain = [("company_id", "=", self.company_id.id)]
        numbers = {row.contract_no for row in rows if row.contract_no}
        by_contract = defaultdict(Deal.browse)
        for deal in Deal.search(domain + [("contract_no", "in", list(numbers))]):
            by_contract[deal.contract_no] |= deal
        ids = {
            row.id_number.upper()
            for row in rows
            if row.id_number and row.contract_no not in by_contract
        }
        by_id = defaultdict(Deal.browse)
        if ids:
            deals = Deal.search(
                domain
                + [
                    "|",
                    ("partner_id.realty_id_number", "in", list(ids)),
                    ("buyer_ids.partner_id.realty_id_number", "in", list(ids)),
                ]
            )
            (deals.partner_id | deals.buyer_ids.partner_id).mapped("realty_id_number")
            for deal in deals:
                partners = deal.partner_id | deal.buyer_ids.partner_id
                for number in set(partners.mapped("realty_id_number")):
                    by_id[(number or "").upper()] |= deal
        # the loan lines of every candidate, read at once
        (Deal.union(*by_contract.values(), *by_id.values())).schedule_line_ids.mapped(
            "amount_residual"
        )
        return by_contract, by_id

    def _posted_references(self, references):
        """``{bank reference: payment}`` of the loan payments posted with these
        references, in any project: a reference is the bank's, whoever can read
        the deal it paid (a read as superuser, of the references only)."""
        payments = (
            self.env["realty.deal.payment"]
            .sudo()
            .search(
                [
                    ("reference", "in", list(references)),
                    ("method", "=", "loan"),
                    ("state", "=", "posted"),
                    ("deal_id.company_id", "=", self.company_id.id),
                ]
            )
        )
        return {payment.reference: payment for payment in payments}

    def _match_row(self, row, finder, posted, matched):
        """The row's ``{deal_id, schedule_line_id, match_method}``, or its
        :class:`Rejection`; `matched` records the deals taken by earlier rows."""
        earlier = posted.get(row.reference)
        if earlier:
            deal = earlier.deal_id.with_env(self.env)  # named to whom may read it
            return Rejection(
                codes.ERR_IMPORT_ROW,
                "duplicate_reference",
                self.env._(
                    "bank reference %(reference)s was posted already, on %(date)s "
                    "(%(deal)s)",
                    reference=row.reference,
                    date=earlier.date,
                    deal=deal.name if deal.has_access("read") else "-",
                ),
            )
        found = self._find_deal(row, *finder)
        if isinstance(found, Rejection):
            return found
        deal, method = found
        problem = self._deal_problem(deal, matched.get(deal))
        if problem:
            return problem
        loan = self._loan_line(row, deal)
        if isinstance(loan, Rejection):
            return loan
        matched[deal] = row.row_number
        return {
            "deal_id": deal.id,
            "schedule_line_id": loan.id,
            "match_method": method,
        }

    def _find_deal(self, row, by_contract, by_id):
        """``(deal, method)``: by contract number, else by the buyer's ID number
        and the approved amount; else a :class:`Rejection`."""
        deals = by_contract.get(row.contract_no)
        if deals:
            active = deals.filtered(lambda d: d.status == "active") or deals
            if len(active) == 1:
                return active, "contract"
            return Rejection(
                codes.ERR_IMPORT_ROW,
                "ambiguous",
                self.env._(
                    "contract number %(contract)s is on several deals: %(deals)s",
                    contract=row.contract_no,
                    deals=", ".join(active.mapped("name")),
                ),
            )
        candidates = by_id.get((row.id_number or "").upper())
        if candidates:
            same = candidates.filtered(lambda d: self._loan_lines(row, d))
            if len(same) == 1 or (not same and len(candidates) == 1):
                return same or candidates, "id_amount"
            if same:
                return Rejection(
                    codes.ERR_IMPORT_ROW,
                    "ambiguous",
                    self.env._(
                        "ID number %(id)s and the approved %(amount)s match several "
                        "deals: %(deals)s",
                        id=row.id_number,
                        amount=self._amount(row.approved),
                        deals=", ".join(same.mapped("name")),
                    ),
                )
        return Rejection(
            codes.ERR_IMPORT_ROW,
            "unmatched",
            self.env._(
                "no deal has contract number %(contract)s, nor a buyer with ID "
                "number %(id)s and a loan of %(amount)s",
                contract=row.contract_no,
                id=row.id_number or "-",
                amount=self._amount(row.approved),
            ),
        )

    def _deal_problem(self, deal, earlier_row):
        """Why a matched deal cannot take the row's money, or None."""
        if deal.stage != "contract" or deal.status != "active":
            return Rejection(
                codes.ERR_STATE_TRANSITION,
                "not_contract",
                self.env._(
                    "deal %(deal)s is not a signed contract (%(stage)s, %(status)s)",
                    deal=deal.name,
                    stage=self._label(deal, "stage"),
                    status=self._label(deal, "status"),
                ),
            )
        if self.project_id and deal.project_id != self.project_id:
            return Rejection(
                codes.ERR_IMPORT_ROW,
                "other_project",
                self.env._(
                    "deal %(deal)s is in %(project)s, not in the batch's project",
                    deal=deal.name,
                    project=deal.project_id.name,
                ),
            )
        if earlier_row:
            return Rejection(
                codes.ERR_IMPORT_ROW,
                "duplicate_deal",
                self.env._(
                    "deal %(deal)s is already paid by row %(row)s",
                    deal=deal.name,
                    row=earlier_row,
                ),
            )
        supervised = deal.project_id.supervision_journal_id
        if supervised and supervised != self.journal_id:
            return Rejection(
                codes.ERR_NOT_SUPERVISED_ACCOUNT,
                "not_supervised",
                self.env._(
                    "house payments of %(project)s are received into its "
                    "supervision account %(account)s, not %(journal)s",
                    project=deal.project_id.name,
                    account=supervised.display_name,
                    journal=self.journal_id.display_name or "-",
                ),
            )
        return None

    def _loan_lines(self, row, deal):
        """The deal's loan lines planned at the row's approved amount."""
        currency = self.currency_id
        return deal.schedule_line_ids.filtered(
            lambda line: (
                line.item in LOAN_ITEMS
                and currency.compare_amounts(line.payable, float(row.approved)) == 0
            )
        )

    def _loan_line(self, row, deal):
        """The loan line the row pays (approved = planned, disbursed within what
        is still due), else a :class:`Rejection`."""
        loans = deal.schedule_line_ids.filtered(lambda line: line.item in LOAN_ITEMS)
        if not loans:
            return Rejection(
                codes.ERR_IMPORT_ROW,
                "no_loan",
                self.env._("deal %(deal)s has no loan in its schedule", deal=deal.name),
            )
        line = self._loan_lines(row, deal)[:1]
        if not line:
            return Rejection(
                codes.ERR_IMPORT_ROW,
                "amount_differs",
                self.env._(
                    "the approved %(approved)s differs from the loan planned on "
                    "%(deal)s: %(planned)s",
                    approved=self._amount(row.approved),
                    deal=deal.name,
                    planned=", ".join(self._amount(p) for p in loans.mapped("payable")),
                ),
            )
        if (
            self.currency_id.compare_amounts(float(row.disbursed), line.amount_residual)
            > 0
        ):
            return Rejection(
                codes.ERR_OVERPAYMENT,
                "overpayment",
                self.env._(
                    "%(amount)s is more than the %(open)s still due on the loan of "
                    "%(deal)s",
                    amount=self._amount(row.disbursed),
                    open=self._amount(line.amount_residual),
                    deal=deal.name,
                ),
            )
        return line

    def _amount(self, amount):
        return format_amount(self.env, float(amount), self.currency_id)

    def _label(self, record, fname):
        selection = record._fields[fname]._description_selection(self.env)
        return dict(selection).get(record[fname], record[fname] or "-")

    # ----------------------------------------------------------------- post
    def action_post(self):
        """Post every row as a loan payment that arrived in the bank (§9.6): one
        ``realty.deal.payment`` per row, created at once, reconciled with its loan
        line's receivable. The rows are matched again first: a row rejected now,
        or a batch refused, posts nothing (``from_errors`` lists every row)."""
        for batch in self:
            batch._check_postable()
        errors, lines, vals_list = [], [], []
        for batch in self:
            rows = batch.line_ids
            for line, match in zip(rows, batch._match(rows), strict=True):
                if match["state"] == "rejected":
                    errors.append(
                        (
                            match["error_code"],
                            batch._row_message(line.row_number, match["reason"]),
                        )
                    )
                    continue
                lines.append(line)
                vals_list.append(batch._payment_values(line, match))
        if errors:
            raise RealtyUserError.from_errors(errors)
        payments = (
            self.env["realty.deal.payment"]
            ._unlocked()
            .with_context(realty_arrived=ARRIVED)
            .create(vals_list)
        )
        for line, payment in zip(lines, payments, strict=True):
            line._unlocked().payment_id = payment
        self._unlocked().write({"state": "posted"})
        for batch in self:
            batch.message_post(
                body=self.env._(
                    "%(count)s disbursements posted: %(amount)s arrived in "
                    "%(journal)s.",
                    count=batch.line_count,
                    amount=batch._amount(batch.amount_total),
                    journal=batch.journal_id.display_name,
                )
            )
        return True

    def _check_not_posted(self):
        self.ensure_one()
        if self.state == "posted":
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._(
                    "Disbursement batch %(batch)s is posted already.", batch=self.name
                ),
            )

    def _check_postable(self):
        """A checked batch with rows and a bank journal; a refused batch lists its
        rejected rows."""
        self.ensure_one()
        self._check_not_posted()
        if self.state == "refused":
            rejected = self.line_ids.filtered(lambda line: line.state == "rejected")
            raise RealtyUserError.from_errors(
                [
                    (line.error_code, self._row_message(line.row_number, line.reason))
                    for line in rejected
                ]
                or [
                    (
                        codes.ERR_IMPORT_ROW,
                        self.env._("The batch was refused: import its file again."),
                    )
                ]
            )
        if self.state != "checked" or not self.line_ids:
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._(
                    "Import the file of disbursement batch %(batch)s before posting "
                    "it.",
                    batch=self.name,
                ),
            )
        if self.journal_id.type != "bank":
            raise RealtyUserError(
                codes.ERR_ACCOUNT_MISSING,
                self.env._(
                    "Disbursement batch %(batch)s names no bank journal the money "
                    "arrived in.",
                    batch=self.name,
                ),
            )

    def _payment_values(self, line, match):
        return {
            "deal_id": match["deal_id"],
            "schedule_line_id": match["schedule_line_id"],
            "item": "loan",
            "method": "loan",
            "amount": line.disbursed,
            "date": line.date,
            "reference": line.reference,
            "journal_id": self.journal_id.id,
            "note": self.name,
        }

    # --------------------------------------------------------- smart buttons
    def action_view_payments(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Payments"),
            "res_model": "realty.deal.payment",
            "view_mode": "list",
            "domain": [("id", "in", self.line_ids.payment_id.ids)],
        }
