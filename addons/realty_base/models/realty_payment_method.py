from datetime import date

from markupsafe import Markup

from odoo import api, fields, models

from ..exceptions import RealtyValidationError
from ..inputs import LOAN_TERM, RATIO
from ..tools import (
    DiscountLine,
    LoanSplit,
    RealtyError,
    build_schedule,
    to_decimal,
)

PAYMENT_TYPES = [
    ("one_off", "One-Off Payment"),
    ("installment", "Installments"),
    ("commercial_loan", "Commercial Loan"),
    ("provident_loan", "Provident Fund Loan"),
    ("combined_loan", "Combined Loan"),
    ("other", "Other"),
]
LOAN_TYPES = {
    "commercial_loan": "commercial",
    "provident_loan": "provident",
    "combined_loan": "combined",
}
"""Payment type -> tools.loans loan type."""


class RealtyPaymentMethod(models.Model):
    """A payment method (付款方式, domain.md §5.1): its standard discount and the
    template of the schedule a deal paid this way gets, like account.payment.term."""

    _name = "realty.payment.method"
    _description = "Realty Payment Method"
    _inherit = ["mail.thread"]
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True)
    project_ids = fields.Many2many(
        "realty.project",
        string="Projects",
        help="Empty: offered in every project.",
    )
    payment_type = fields.Selection(PAYMENT_TYPES, required=True, tracking=True)
    discount_factor = fields.Float(
        bounds=RATIO,
        digits=(5, 4),
        default=1.0,
        tracking=True,
        help="The standard payment-method discount: 0.95 means 95 % of the price "
        "(95折).",
    )
    down_payment_ratio = fields.Float(
        bounds=RATIO,
        string="Default Down Payment",
        digits=(5, 4),
        help="The down payment a loan quote starts from (at least the city minimum).",
    )
    loan_term_months = fields.Integer(
        bounds=(0, LOAN_TERM[1]), string="Default Loan Term (months)", default=360
    )
    line_ids = fields.One2many(
        "realty.payment.method.line", "method_id", string="Schedule", copy=True
    )
    example_html = fields.Html(compute="_compute_example_html", sanitize=False)

    _sql_constraints = [
        (
            "discount_factor_range",
            "CHECK(discount_factor > 0 AND discount_factor <= 1)",
            "A payment-method discount is a factor between 0 and 1.",
        ),
    ]

    def _discount_lines(self):
        """The standard payment-method discount as a discount line (§4.2), if any;
        an empty method gives none."""
        factor = to_decimal(self.discount_factor or 1)
        return (
            [DiscountLine("payment_method", factor, standard=True)]
            if factor < 1
            else []
        )

    def _loan_type(self):
        """The tools.loans loan type of a loan method, else None."""
        self.ensure_one()
        return LOAN_TYPES.get(self.payment_type)

    # ------------------------------------------------------------- schedules
    def _plan_lines(self, loan_split=None, delivery_known=True):
        """tools.PlanLine of the template; loan lines take the amounts of
        `loan_split` (tools.LoanSplit) as fixed amounts."""
        self.ensure_one()
        return [line._plan_line(loan_split, delivery_known) for line in self.line_ids]

    def _schedule(
        self, total, contract_date, loan_split=None, delivery_date=None, **kw
    ):
        """The schedule of a deal of `total` paid this way (tools.ScheduleLine).

        Without a planned delivery date, "or N days before delivery, if earlier"
        alternatives are left out: the other rule decides."""
        return build_schedule(
            to_decimal(total),
            self._plan_lines(loan_split, delivery_known=bool(delivery_date)),
            contract_date=contract_date,
            delivery_date=delivery_date,
            **kw,
        )

    @api.constrains("line_ids")
    def _check_lines(self):
        for method in self:
            try:
                method._schedule(
                    1_000_000,
                    date(2025, 1, 31),
                    delivery_date=date(2026, 1, 31),
                    loan_split=method._example_loan_split(1_000_000),
                )
            except RealtyError as exc:
                raise RealtyValidationError(
                    exc.code,
                    self.env._(
                        "The schedule of payment method %(method)s cannot be built: "
                        "%(error)s",
                        method=method.name,
                        error=exc,
                    ),
                ) from exc

    def _example_loan_split(self, total):
        """An illustrative split (30 % down, the loan for the rest) for examples."""
        loan_type = self._loan_type()
        if not loan_type:
            return None
        loan = to_decimal(total) * to_decimal("0.7")
        provident = {"combined": loan / 2, "provident": loan}.get(
            loan_type, to_decimal(0)
        )
        return LoanSplit(
            deal_total=to_decimal(total),
            loan_max=loan,
            provident=to_decimal(provident),
            commercial=loan - to_decimal(provident),
            down_payment=to_decimal(total) - loan,
            down_payment_ratio=to_decimal("0.3"),
        )

    @api.depends(
        "line_ids.item",
        "line_ids.basis",
        "line_ids.value",
        "line_ids.due_kind",
        "line_ids.due_count",
        "line_ids.due2_kind",
        "line_ids.due2_count",
        "payment_type",
    )
    def _compute_example_html(self):
        """An example schedule of 1,000,000 signed on 2025-01-31 (like the preview of
        Odoo's payment terms), or why the template cannot produce one."""
        items = dict(self.env["realty.payment.method.line"]._fields["item"].selection)
        for method in self:
            try:
                lines = method._schedule(
                    1_000_000,
                    date(2025, 1, 31),
                    delivery_date=date(2026, 1, 31),
                    loan_split=method._example_loan_split(1_000_000),
                )
            except (RealtyError, ValueError) as exc:
                method.example_html = Markup('<p class="text-danger">%s</p>') % exc
                continue
            rows = Markup("").join(
                Markup("<tr><td>%s</td><td>%s</td><td class='text-end'>%s</td></tr>")
                % (
                    items.get(line.item, line.item),
                    line.due_date,
                    f"{line.amount:,.2f}",
                )
                for line in lines
            )
            method.example_html = Markup(
                "<p>%s</p><table class='table table-sm'><tbody>%s</tbody></table>"
            ) % (
                self.env._(
                    "Example: 1,000,000.00 signed on 2025-01-31, delivery 2026-01-31"
                ),
                rows,
            )
