from odoo import api, fields, models

from ..const import SCHEDULE_ITEMS
from ..exceptions import RealtyValidationError
from ..inputs import AMOUNT, DAYS
from ..tools import DueRule, PlanLine, schedule, to_decimal
from ..tools import errors as codes


class RealtyPaymentMethodLine(models.Model):
    _name = "realty.payment.method.line"
    _description = "Realty Payment Method Line"
    _order = "method_id, sequence, id"

    method_id = fields.Many2one(
        "realty.payment.method", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    item = fields.Selection(SCHEDULE_ITEMS, required=True)
    basis = fields.Selection(
        [
            ("percent", "Percent of Total"),
            ("fixed", "Fixed Amount"),
            ("remainder", "Remainder"),
            ("loan", "Loan Amount"),
        ],
        required=True,
        default="percent",
    )
    value = fields.Float(
        bounds=AMOUNT, digits=(16, 2), help="Percent (30 = 30 %) or amount in yuan."
    )
    due_kind = fields.Selection(
        [
            (schedule.ON_SUBSCRIPTION, "On Subscription"),
            (schedule.ON_CONTRACT, "On Contract"),
            (schedule.DAYS_AFTER_CONTRACT, "Days after Contract"),
            (schedule.MONTHS_AFTER_CONTRACT, "Months after Contract"),
            (schedule.FIXED_DATE, "On a Date"),
            (schedule.BEFORE_DELIVERY, "Days before Delivery"),
            (schedule.ON_LOAN_DISBURSEMENT, "On Loan Disbursement"),
        ],
        string="Due",
        required=True,
        default=schedule.ON_CONTRACT,
    )
    due_count = fields.Integer(bounds=DAYS, string="Days / Months")
    due_date = fields.Date()
    due2_kind = fields.Selection(
        [
            (schedule.MONTHS_AFTER_CONTRACT, "Months after Contract"),
            (schedule.BEFORE_DELIVERY, "Days before Delivery"),
            (schedule.FIXED_DATE, "On a Date"),
        ],
        string="Or, If Earlier",
    )
    due2_count = fields.Integer(bounds=DAYS, string="Days / Months (2)")
    due2_date = fields.Date(string="Due Date (2)")
    credit_deposit = fields.Boolean(
        string="Credit Deposits",
        help="Money already received (诚意金, 小订, 定金) is credited to this line.",
    )

    _sql_constraints = [
        ("value_positive", "CHECK(value >= 0)", "A schedule line cannot be negative.")
    ]

    def _plan_line(self, loan_split=None, delivery_known=True):
        self.ensure_one()
        rules = [DueRule(self.due_kind, self.due_count, self.due_date or None)]
        if self.due2_kind and (
            delivery_known or self.due2_kind != schedule.BEFORE_DELIVERY
        ):
            rules.append(
                DueRule(self.due2_kind, self.due2_count, self.due2_date or None)
            )
        basis, value = self.basis, to_decimal(self.value)
        if basis == "loan":
            basis = schedule.FIXED
            value = 0
            if loan_split is not None:
                value = (
                    loan_split.provident
                    if self.item == "provident_loan"
                    else loan_split.commercial
                )
        return PlanLine(
            self.item,
            basis,
            tuple(rules),
            value=value,
            credit_deposit=self.credit_deposit,
        )

    @api.constrains("due_kind", "due_date", "due2_kind", "due2_date", "basis", "item")
    def _check_rule(self):
        for line in self:
            if (line.due_kind == schedule.FIXED_DATE and not line.due_date) or (
                line.due2_kind == schedule.FIXED_DATE and not line.due2_date
            ):
                raise RealtyValidationError(
                    codes.ERR_SCHEDULE_TEMPLATE,
                    self.env._("A line due on a date needs the date."),
                )
            if line.basis == "loan" and line.item not in (
                "commercial_loan",
                "provident_loan",
            ):
                raise RealtyValidationError(
                    codes.ERR_SCHEDULE_TEMPLATE,
                    self.env._("Only loan lines take the loan amount."),
                )
