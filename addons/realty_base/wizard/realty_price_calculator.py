from decimal import Decimal

from markupsafe import Markup

from odoo import api, fields, models

from ..exceptions import RealtyUserError
from ..inputs import AMOUNT, COUNT, LOAN_TERM, RATIO
from ..tools import (
    RealtyError,
    amount_to_capital,
    combined_loan_quote,
    loans,
    percent,
    required_approval,
    to_decimal,
)
from ..tools import errors as codes

HOME_TIERS = [
    ("first", "First Home"),
    ("second", "Second Home"),
    ("third_plus", "Third Home or More"),
]
QUOTE_FIELDS = (
    "list_unit_price",
    "list_total",
    "deal_total",
    "deal_unit_price",
    "discount_amount",
    "overall_ratio",
    "discretionary_ratio",
    "approval_role",
    "min_down_ratio",
    "down_payment",
    "loan_commercial",
    "loan_provident",
    "rate_commercial",
    "rate_provident",
    "monthly_payment",
    "interest_equal_installment",
    "first_payment_equal_principal",
    "monthly_decrease",
    "last_payment_equal_principal",
    "interest_equal_principal",
    "deed_tax",
    "deed_tax_rate",
    "stamp_duty",
    "registration_fee",
    "maintenance_fund",
    "other_fees",
    "fees_total",
    "cash_at_contract",
    "deal_total_capital",
    "filed_price_note",
    "steps_html",
    "schedule_html",
    "error",
)


class RealtyPriceCalculator(models.TransientModel):
    """The price and payment calculator of a room (付款详情 / 按揭详情, §3-§6): pick a
    payment method, discounts and the buyer's facts; see the deal total, the down
    payment and loans, the monthly payments of both repayment methods, and the fees.
    It saves nothing but itself and prints as a one-page PDF."""

    _name = "realty.price.calculator"
    _description = "Price and Payment Calculator"

    room_id = fields.Many2one("realty.room", required=True, ondelete="cascade")
    project_id = fields.Many2one(related="room_id.project_id")
    currency_id = fields.Many2one(related="room_id.currency_id")
    quote_date = fields.Date(required=True, default=fields.Date.context_today)
    payment_method_id = fields.Many2one(
        "realty.payment.method",
        domain="['|', ('project_ids', '=', False), ('project_ids', 'in', project_id)]",
    )
    discount_policy_ids = fields.Many2many(
        "realty.discount.policy",
        string="Discounts",
        domain="[('project_id', '=', project_id)]",
    )
    manual_total = fields.Monetary(
        bounds=AMOUNT,
        string="Typed Deal Total",
        help="Only where the project lets sales staff type the total; the difference "
        "is a discretionary reduction.",
    )
    home_tier = fields.Selection(HOME_TIERS, required=True, default="first")
    individual_buyer = fields.Boolean(default=True)
    down_payment_ratio = fields.Float(
        bounds=RATIO,
        digits=(5, 4),
        help="The buyer's down payment; empty: the method's or the minimum.",
    )
    loan_term_months = fields.Integer(bounds=(0, LOAN_TERM[1]), default=360)
    pf_account_balance = fields.Monetary(
        bounds=AMOUNT, string="Provident Account Balance"
    )
    certificates = fields.Integer(
        bounds=COUNT, string="Property Certificates", default=1
    )

    # ------------------------------------------------------------------ outputs
    list_unit_price = fields.Monetary(compute="_compute_quote")
    list_total = fields.Monetary(compute="_compute_quote")
    deal_total = fields.Monetary(compute="_compute_quote")
    deal_unit_price = fields.Monetary(compute="_compute_quote")
    discount_amount = fields.Monetary(compute="_compute_quote")
    overall_ratio = fields.Float(compute="_compute_quote", string="Overall Ratio (%)")
    discretionary_ratio = fields.Float(
        compute="_compute_quote", string="Discretionary Ratio (%)"
    )
    approval_role = fields.Char(compute="_compute_quote", string="Approval Needed From")
    min_down_ratio = fields.Float(compute="_compute_quote", string="Minimum Down (%)")
    down_payment = fields.Monetary(compute="_compute_quote")
    loan_commercial = fields.Monetary(
        compute="_compute_quote", string="Commercial Loan"
    )
    loan_provident = fields.Monetary(compute="_compute_quote", string="Provident Loan")
    rate_commercial = fields.Float(
        compute="_compute_quote", digits=(5, 3), string="Commercial Rate (%)"
    )
    rate_provident = fields.Float(
        compute="_compute_quote", digits=(5, 3), string="Provident Rate (%)"
    )
    monthly_payment = fields.Monetary(
        compute="_compute_quote", string="Monthly (Equal Installments)"
    )
    interest_equal_installment = fields.Monetary(
        compute="_compute_quote", string="Interest (Equal Installments)"
    )
    first_payment_equal_principal = fields.Monetary(
        compute="_compute_quote", string="First Month (Equal Principal)"
    )
    monthly_decrease = fields.Monetary(compute="_compute_quote")
    last_payment_equal_principal = fields.Monetary(
        compute="_compute_quote", string="Last Month (Equal Principal)"
    )
    interest_equal_principal = fields.Monetary(
        compute="_compute_quote", string="Interest (Equal Principal)"
    )
    deed_tax = fields.Monetary(compute="_compute_quote")
    deed_tax_rate = fields.Float(compute="_compute_quote", string="Deed Tax Rate (%)")
    stamp_duty = fields.Monetary(compute="_compute_quote")
    registration_fee = fields.Monetary(compute="_compute_quote")
    maintenance_fund = fields.Monetary(compute="_compute_quote")
    other_fees = fields.Monetary(compute="_compute_quote")
    fees_total = fields.Monetary(compute="_compute_quote", string="Fees Collected")
    cash_at_contract = fields.Monetary(
        compute="_compute_quote",
        string="Cash Needed",
        help="Down payment (or the whole price without a loan) plus the fees.",
    )
    deal_total_capital = fields.Char(compute="_compute_quote", string="In Capitals")
    filed_price_note = fields.Char(compute="_compute_quote", string="Filed Price")
    steps_html = fields.Html(compute="_compute_quote", sanitize=False)
    schedule_html = fields.Html(compute="_compute_quote", sanitize=False)
    error = fields.Char(compute="_compute_quote")

    @api.onchange("payment_method_id")
    def _onchange_payment_method_id(self):
        """Start from the method's term and down payment (the user may change them)."""
        method = self.payment_method_id
        if method.loan_term_months:
            self.loan_term_months = method.loan_term_months
        if method.down_payment_ratio:
            self.down_payment_ratio = method.down_payment_ratio

    # ------------------------------------------------------------- the quote
    def _discount_lines(self):
        lines = [policy._discount_line() for policy in self.discount_policy_ids]
        return lines + self.payment_method_id._discount_lines()

    def _quote(self):
        """Every figure of the calculator, as exact decimals (raises on bad input).

        The price, the filed-price check and the loan split go through the same
        realty_base methods as the deal's (realty.project._quote_price,
        _check_filed_price, realty.city.policy._loan_split), so the deal made
        from this quote gets the same figures."""
        self.ensure_one()
        room = self.room_id
        project = room.project_id
        policy = project.policy_id
        if not policy:
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._(
                    "Give project %(project)s a city policy.", project=project.name
                ),
            )
        if room.currency_id.is_zero(room.list_total):
            raise RealtyUserError(
                codes.ERR_NO_PRICE,
                self.env._("Room %(room)s has no list price.", room=room.code),
            )
        price = project._quote_price(
            room.list_total,
            self._discount_lines(),
            project._quote_area(room),
            self.manual_total,
        )
        result = price.discounts
        deal = price.deal_total
        rung = required_approval(
            result, self.env["realty.approval.rung"]._ladder(project)._tools_ladder()
        )
        quote = {
            "list_unit_price": to_decimal(room.list_unit_price),
            "list_total": result.list_total,
            "deal_total": deal,
            "deal_unit_price": price.unit_price,
            "discount_amount": result.discount_amount,
            "overall_ratio": percent(result.overall_ratio),
            "discretionary_ratio": percent(result.discretionary_ratio),
            "approval_role": self._approval_label(rung),
            "deal_total_capital": amount_to_capital(deal),
            "filed_price_note": self._filed_price_note(room, deal),
            "steps": result.steps,
        }
        quote.update(self._loan_quote(room, policy, deal))
        fees = policy._collection_fees(
            deal,
            room.area_building_pred,
            usage=room.usage,
            has_elevator=room.building_id.has_elevator,
            home_tier=self.home_tier,
            individual_buyer=self.individual_buyer,
            certificates=max(self.certificates, 1),
            land_cost_per_m2=project.land_cost_per_m2,
            property_right=room.property_right or "full",
        )
        quote.update(
            deed_tax=fees.deed_tax.tax,
            deed_tax_rate=percent(fees.deed_tax.rate),
            stamp_duty=fees.stamp_duty,
            registration_fee=fees.registration_fee,
            maintenance_fund=fees.maintenance_fund,
            other_fees=fees.others_total,
            fees_total=fees.total,
            other_fee_lines=fees.others,
        )
        quote["cash_at_contract"] = quote["down_payment"] + fees.total
        if self.payment_method_id:
            quote["schedule"] = self.payment_method_id._schedule(
                deal,
                self.quote_date,
                loan_split=quote.get("split"),
                delivery_date=room.phase_id.planned_delivery_date or None,
            )
        return quote

    def _approval_label(self, rung):
        if rung is None:
            return self.env._("No approval needed")
        if rung == "group_approval":
            return self.env._("Group approval (beyond the ladder)")
        return self.env["realty.approval.rung"].browse(int(rung)).group_id.name

    def _filed_price_note(self, room, deal):
        try:
            refile = room.project_id._check_filed_price(room, deal)
        except RealtyError:
            return self.env._("Above the filed price: not allowed")
        if refile is None:
            return self.env._("No filed price")
        if refile:
            return self.env._(
                "Far below the filed price: re-filing and approval needed"
            )
        return self.env._("Within the filed price")

    def _loan_quote(self, room, policy, deal):
        """The loan figures: the split (the deal's own, realty.city.policy
        ._loan_split) and the combined quote of both repayment methods (§5.5)."""
        zero = to_decimal(0)
        quote = dict.fromkeys(
            (
                "loan_commercial",
                "loan_provident",
                "rate_commercial",
                "rate_provident",
                "monthly_payment",
                "interest_equal_installment",
                "first_payment_equal_principal",
                "monthly_decrease",
                "last_payment_equal_principal",
                "interest_equal_principal",
                "min_down_ratio",
            ),
            zero,
        )
        quote["down_payment"] = deal
        split = policy._loan_split(
            deal,
            self.payment_method_id,
            usage=room.usage,
            home_tier=self.home_tier,
            down_payment_ratio=self.down_payment_ratio,
            pf_account_balance=self.pf_account_balance,
        )
        if split is None:
            return quote
        months = self.loan_term_months or 360
        rates = policy._loan_rates(self.quote_date, months, self.home_tier)
        loan = combined_loan_quote(
            split.commercial,
            rates[loans.COMMERCIAL],
            split.provident,
            rates[loans.PROVIDENT],
            months,
        )
        equal, declining = loan.equal_installment, loan.equal_principal
        quote.update(
            split=split,
            min_down_ratio=percent(split.min_down_ratio),
            down_payment=split.down_payment,
            loan_commercial=split.commercial,
            loan_provident=split.provident,
            rate_commercial=percent(rates[loans.COMMERCIAL], to_decimal("0.001")),
            rate_provident=percent(rates[loans.PROVIDENT], to_decimal("0.001")),
            monthly_payment=equal.monthly,
            interest_equal_installment=equal.total_interest,
            first_payment_equal_principal=declining.first_payment,
            monthly_decrease=declining.decrement,
            last_payment_equal_principal=declining.last_payment,
            interest_equal_principal=declining.total_interest,
        )
        return quote

    # -------------------------------------------------------------- the fields
    @api.depends(
        "room_id",
        "quote_date",
        "payment_method_id",
        "discount_policy_ids",
        "manual_total",
        "home_tier",
        "individual_buyer",
        "down_payment_ratio",
        "loan_term_months",
        "pf_account_balance",
        "certificates",
    )
    def _compute_quote(self):
        for calc in self:
            values = dict.fromkeys(QUOTE_FIELDS, False)
            try:
                quote = calc._quote() if calc.room_id else {}
            except (RealtyUserError, RealtyError) as exc:
                values["error"] = str(exc)
                calc.update(values)
                continue
            for name in QUOTE_FIELDS:
                if name in quote:
                    value = quote[name]
                    values[name] = float(value) if isinstance(value, Decimal) else value
            values["steps_html"] = calc._steps_html(quote.get("steps", ()))
            values["schedule_html"] = calc._schedule_html(quote.get("schedule", ()))
            calc.update(values)

    def _steps_html(self, steps):
        kinds = dict(self.env["realty.discount.policy"]._fields["kind"].selection)
        kinds["payment_method"] = self.env._("Payment Method")
        rows = Markup("").join(
            Markup("<tr><td>%s</td><td>%s</td><td class='text-end'>%s</td></tr>")
            % (
                kinds.get(step.line.kind, step.line.kind),
                step.line.value,
                f"{step.price_after:,.2f}",
            )
            for step in steps
        )
        return Markup("<table class='table table-sm'><tbody>%s</tbody></table>") % rows

    def _schedule_html(self, lines):
        items = dict(self.env["realty.payment.method.line"]._fields["item"].selection)
        rows = Markup("").join(
            Markup("<tr><td>%s</td><td>%s</td><td class='text-end'>%s</td></tr>")
            % (items.get(line.item, line.item), line.due_date, f"{line.amount:,.2f}")
            for line in lines
        )
        return Markup("<table class='table table-sm'><tbody>%s</tbody></table>") % rows

    def action_print(self):
        self.ensure_one()
        if self.error:
            raise RealtyUserError(codes.ERR_INVALID_INPUT, self.error)
        return self.env.ref("realty_base.action_report_price_calculator").report_action(
            self
        )
