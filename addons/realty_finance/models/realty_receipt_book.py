from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_base.inputs import Number, Text, Vals, ValsList, arguments
from odoo.addons.realty_base.tools import RealtyError, format_receipt_number
from odoo.addons.realty_base.tools import errors as codes

BOOK_TYPES = [
    ("house", "House Payments (房款)"),
    ("collection", "Collected Fees (代收)"),
    ("sincerity", "Sincerity Deposits (诚意金)"),
]
BOOK_STATES = [
    ("new", "New"),
    ("in_use", "In Use"),
    ("exhausted", "Used Up"),
    ("closed", "Closed (核销)"),
    ("cancelled", "Cancelled"),
]
NUMBER_RANGE = (1, 999_999)


class RealtyReceiptBook(models.Model):
    """A receipt book (票据本, §9.3): a range of numbers held by one cashier.

    Numbers are given without gaps while several cashiers' sessions issue at once:
    the issue increments ``next_no`` with one UPDATE in the issuing transaction,
    which takes the row lock; a concurrent issue waits, and under Odoo's REPEATABLE
    READ it fails with a serialization error when the first one commits and Odoo
    replays the request, which then reads the new number. A rolled-back issue
    rolls the number back with it. The unique index on receipt numbers stays as
    the last line of defence (the queue counter of realty_sales works the same)."""

    _name = "realty.receipt.book"
    _inherit = ["mail.thread", "realty.protected.mixin"]
    _description = "Receipt Book"
    _order = "state, code"
    _check_company_auto = True

    code = fields.Char(required=True, tracking=True)
    book_type = fields.Selection(
        BOOK_TYPES, string="Type", required=True, default="house", tracking=True
    )
    prefix = fields.Char(required=True, default="SJ")
    year = fields.Integer(
        required=True,
        default=lambda self: fields.Date.context_today(self).year,
        bounds=(2000, 2999),
    )
    start_no = fields.Integer(
        string="First Number", required=True, default=1, bounds=NUMBER_RANGE
    )
    end_no = fields.Integer(
        string="Last Number", required=True, default=100, bounds=NUMBER_RANGE
    )
    next_no = fields.Integer(
        string="Next Number",
        readonly=True,
        copy=False,
        protected="the issue of a receipt",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Cashier",
        required=True,
        tracking=True,
        default=lambda self: self.env.user,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    project_ids = fields.Many2many(
        "realty.project",
        string="Projects",
        check_company=True,
        help="The projects the book is used in (all when empty).",
    )
    state = fields.Selection(
        BOOK_STATES,
        default="new",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        protected="the book's actions",
    )
    receipt_ids = fields.One2many("realty.receipt", "book_id", readonly=True)
    count_used = fields.Integer(compute="_compute_counts", string="Used")
    count_void = fields.Integer(compute="_compute_counts", string="Voided")
    count_left = fields.Integer(compute="_compute_counts", string="Left")
    next_number = fields.Char(compute="_compute_counts")

    _sql_constraints = [
        ("range", "CHECK(start_no <= end_no)", "The range is from first to last."),
        ("code_uniq", "unique(company_id, code)", "A book code is unique."),
    ]

    @api.depends("receipt_ids.state", "next_no", "start_no", "end_no")
    def _compute_counts(self):
        for book in self:
            receipts = book.receipt_ids.filtered(lambda r: r.state != "draft")
            book.count_void = len(receipts.filtered(lambda r: r.state == "void"))
            book.count_used = len(receipts) - book.count_void
            next_no = book.next_no or book.start_no
            book.count_left = max(book.end_no - next_no + 1, 0)
            book.next_number = (
                book._format(next_no) if next_no <= book.end_no else False
            )

    @api.model
    def _add_server_values(self, vals_list):
        return super()._add_server_values(
            [{**vals, "next_no": vals.get("start_no", 1)} for vals in vals_list]
        )

    def _format(self, number):
        self.ensure_one()
        try:
            return format_receipt_number(self.prefix, self.year, number)
        except RealtyError as exc:
            raise RealtyUserError(exc.code, exc.message) from exc

    def _compute_display_name(self):
        for book in self:
            book.display_name = (
                f"{book.code} ({book._format(book.start_no)}-"
                f"{book._format(book.end_no)})"
            )

    @api.model_create_multi
    @arguments(vals_list=ValsList())
    def create(self, vals_list):
        return super().create(vals_list)

    @arguments(vals=Vals())
    def write(self, vals):
        return super().write(vals)

    # ---------------------------------------------------------------- actions
    def _refuse_unless(self, states):
        wrong = self.filtered(lambda b: b.state not in states)
        if wrong:
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._(
                    "Receipt book %(book)s is %(state)s.",
                    book=wrong[0].code,
                    state=dict(BOOK_STATES)[wrong[0].state],
                ),
            )

    def action_start(self):
        """Hand the book to its cashier."""
        self._refuse_unless(("new",))
        self._unlocked().write({"state": "in_use"})
        return True

    def action_cancel(self):
        """A book never used (lost before use, a wrong range)."""
        self._refuse_unless(("new",))
        self._unlocked().write({"state": "cancelled"})
        return True

    def action_close(self):
        """核销: a used book is handed back; every number of its range is accounted
        for (issued or voided), so blanks left are voided first."""
        self._refuse_unless(("in_use", "exhausted"))
        for book in self:
            if book.count_left:
                raise RealtyUserError(
                    codes.ERR_RECEIPT_BOOK,
                    self.env._(
                        "Receipt book %(book)s still has %(count)s unused numbers: "
                        "void the blanks before closing it.",
                        book=book.code,
                        count=book.count_left,
                    ),
                )
        self._unlocked().write({"state": "closed"})
        return True

    @arguments(reason=Text(optional=False), count=Number(1, 1000))
    def action_void_blank(self, reason, count=1):
        """A damaged or lost blank receipt is voided under its number, so that the
        range stays continuous (§9.3); the finance manager (the supervisor who
        collects the copies) does it."""
        if not self.env.user.has_group("realty_finance.group_realty_finance_manager"):
            raise RealtyUserError(
                codes.ERR_APPROVAL_REQUIRED,
                self.env._("A blank receipt is voided by a finance manager."),
            )
        Receipt = self.env["realty.receipt"]
        for book in self:
            for _index in range(count):
                Receipt._void_blank(book, reason)
        return True

    # ------------------------------------------------------------- numbering
    def _issue(self, for_void=False):
        """The next number of the book, for the current user (its cashier), in
        this transaction: ERR_RECEIPT_BOOK for another cashier's book, a book not
        in use or used up. `for_void`: a blank voided by the supervisor."""
        self.ensure_one()
        if (self.user_id != self.env.user and not for_void) or self.state != "in_use":
            raise RealtyUserError(
                codes.ERR_RECEIPT_BOOK,
                self.env._(
                    "Receipt book %(book)s is %(state)s and held by %(cashier)s: "
                    "issue receipts from a book of yours that is in use.",
                    book=self.code,
                    state=dict(BOOK_STATES)[self.state],
                    cashier=self.user_id.name,
                ),
            )
        self.flush_recordset()
        rows = self.env.execute_query(
            SQL(
                "UPDATE realty_receipt_book SET next_no = next_no + 1 "
                "WHERE id = %s AND state = 'in_use' AND next_no <= end_no "
                "RETURNING next_no - 1, next_no > end_no",
                self.id,
            )
        )
        self.invalidate_recordset(["next_no", "state"])
        if not rows:
            raise RealtyUserError(
                codes.ERR_RECEIPT_BOOK,
                self.env._("Receipt book %(book)s is used up.", book=self.code),
            )
        number, used_up = rows[0]
        if used_up:
            self.sudo()._unlocked().write({"state": "exhausted"})
        return self._format(number)
