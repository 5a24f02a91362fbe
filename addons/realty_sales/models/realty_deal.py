from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.tools import SQL

from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_base.inputs import (
    AMOUNT,
    DAYS,
    LATE_DAILY_RATE,
    LOAN_TERM,
    RATIO,
    Choice,
    Number,
    Text,
    Vals,
    ValsList,
    arguments,
)
from odoo.addons.realty_base.models.realty_city_policy import (
    LOAN_METHOD_FIELDS,
    LOAN_SPLIT_FIELDS,
)
from odoo.addons.realty_base.tools import (
    RealtyError,
    required_approval,
    split_deposit,
    states,
    to_decimal,
)
from odoo.addons.realty_base.tools import errors as codes

from .realty_deal_payment import CONVERTIBLE_ITEMS, PAYMENT_ITEMS

DEAL_STAGES = [
    ("reservation", "Reservation"),
    ("small_deposit", "Small Deposit"),
    ("deposit", "Deposit"),
    ("subscription", "Subscription"),
    ("contract", "Contract"),
]
STAGE_ORDER = {stage: index for index, (stage, _label) in enumerate(DEAL_STAGES)}
DEAL_STATUSES = [
    ("draft", "Draft"),
    ("active", "Active"),
    ("upgraded", "Upgraded"),
    ("cancelled", "Cancelled"),
    ("closed", "Closed"),
]
STAGE_ACTIONS = {
    "reservation": states.RESERVE,
    "small_deposit": states.TAKE_SMALL_DEPOSIT,
    "deposit": states.TAKE_DEPOSIT,
    "subscription": states.SUBSCRIBE,
    "contract": states.SIGN_CONTRACT,
}
ROOM_STAGE = {
    states.RESERVED: "reservation",
    states.SMALL_DEPOSIT: "small_deposit",
    states.DEPOSIT: "deposit",
    states.SUBSCRIBED: "subscription",
    states.CONTRACTED: "contract",
    states.FILED: "contract",
    states.DELIVERED: "contract",
}
"""The deal stage a room state belongs to (a merged deposit stage is a subscription)."""
OPPORTUNITY_STAGES = {
    "small_deposit": "realty_sales.crm_stage_subscribed",
    "deposit": "realty_sales.crm_stage_subscribed",
    "subscription": "realty_sales.crm_stage_subscribed",
    "contract": "realty_sales.crm_stage_signed",
}
"""The office stage (crm) an opportunity reaches when its deal reaches a stage."""
FROZEN_FIELDS = frozenset(
    {
        "room_id",
        "partner_id",
        "buyer_ids",
        "co_ownership",
        "discount_line_ids",
        "payment_method_id",
        "manual_total",
        "list_unit_price",
        "list_total",
        "deposit_amount",
        "home_tier",
        "down_payment_ratio",
        "loan_term_months",
        "pf_account_balance",
    }
)
"""What a subscription or a contract changes only through a change order (I-2)."""
HOME_TIERS = [
    ("first", "First Home"),
    ("second", "Second Home"),
    ("third_plus", "Third Home or More"),
]
CO_OWNERSHIP = [
    ("sole", "Sole Ownership"),
    ("joint", "Joint Ownership"),
    ("shares", "Ownership in Shares"),
]
AREA_OPTIONS = [
    ("inner", "Option 1: by Inner Area"),
    ("building", "Option 2: by Building Area"),
    ("unit", "Option 3: per Unit"),
    ("custom", "Option 4: Agreed Terms"),
]

STAGE_BUTTONS = (
    "the stage actions (action_reserve, action_small_deposit, action_deposit, "
    "action_subscribe, action_sign_contract), create_and_advance and change orders"
)
FROZEN_PRICE = (
    "deal_total",
    "deal_unit_price",
    "discount_amount",
    "standard_only_total",
    "discretionary_amount",
    "overall_ratio",
    "discretionary_ratio",
)
FROZEN_LOANS = ("loan_commercial", "loan_provident", "down_payment")
PAYMENT_DETAILS = ("date", "method", "reference", "note")
"""What a caller of register_payment gives besides the item and the amount."""
LOAN_ITEMS = ("commercial_loan", "provident_loan")
"""The schedule items a payment of the item "loan" settles."""
HISTORY_FIELDS = frozenset(
    {"message_main_attachment_id", "activity_ids", "message_follower_ids"}
)
"""What a cancelled, upgraded or closed deal still takes (the chatter's fields): the
rest of it is history."""


class RealtyDeal(models.Model):
    """A sale (交易), from reservation to signed contract, on one room (domain.md §2).

    One record carries the stage (reservation → small deposit → deposit →
    subscription → contract, any step skippable) and a status; at most one deal per
    room is active (a partial unique index, I-1). Every stage moves the room through
    its one state path (row lock, re-read, guards). From the subscription on, the
    buyers, the price and the payment plan change only through an approved change
    order (I-2)."""

    _name = "realty.deal"
    _description = "Sale Deal"
    _inherit = ["mail.thread", "mail.activity.mixin", "realty.approval.mixin"]
    _order = "id desc"
    _check_company_auto = True
    _rec_names_search = ["name", "room_id.code", "partner_id.name"]

    name = fields.Char(
        required=True,
        copy=False,
        readonly=True,
        default=lambda self: self.env._("New"),
        protected="the deal sequence",
    )
    # Chosen while the deal is a draft; then only a change order moves it (write).
    room_id = fields.Many2one(
        "realty.room", required=True, index=True, tracking=True, check_company=True
    )
    project_id = fields.Many2one(
        related="room_id.project_id", store=True, index=True, precompute=True
    )
    building_id = fields.Many2one(
        related="room_id.building_id", store=True, index=True, precompute=True
    )
    company_id = fields.Many2one(
        related="room_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="room_id.currency_id")
    room_state = fields.Selection(related="room_id.state")
    partner_id = fields.Many2one(
        "res.partner", string="Buyer", required=True, index=True, tracking=True
    )
    buyer_ids = fields.One2many("realty.deal.buyer", "deal_id", string="Buyers")
    co_ownership = fields.Selection(CO_OWNERSHIP, default="sole", required=True)
    user_id = fields.Many2one(
        "res.users",
        string="Consultant",
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
    )
    opportunity_id = fields.Many2one(
        "crm.lead",
        index="btree_not_null",
        copy=False,
        domain="[('realty_project_id', '=', project_id)]",
        help="The lead or opportunity the deal was started from (the funnel).",
    )
    stage = fields.Selection(
        DEAL_STAGES, readonly=True, copy=False, tracking=True, protected=STAGE_BUTTONS
    )
    status = fields.Selection(
        DEAL_STATUSES,
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        protected=STAGE_BUTTONS,
    )
    client_token = fields.Char(
        copy=False,
        readonly=True,
        protected="create_and_advance",
        help="Makes a repeated confirmation idempotent.",
    )
    reserved_from_state = fields.Char(
        readonly=True, copy=False, protected="action_reserve"
    )
    reservation_expires_at = fields.Datetime(
        readonly=True, copy=False, tracking=True, protected="action_reserve"
    )
    date_reservation = fields.Datetime(
        readonly=True, copy=False, protected=STAGE_BUTTONS
    )
    date_small_deposit = fields.Datetime(
        readonly=True, copy=False, protected=STAGE_BUTTONS
    )
    date_deposit = fields.Datetime(readonly=True, copy=False, protected=STAGE_BUTTONS)
    date_subscription = fields.Datetime(
        readonly=True, copy=False, protected=STAGE_BUTTONS
    )
    date_contract = fields.Datetime(readonly=True, copy=False, protected=STAGE_BUTTONS)
    stage_date = fields.Datetime(readonly=True, copy=False, protected=STAGE_BUTTONS)
    overdue = fields.Boolean(
        readonly=True,
        copy=False,
        protected="the nightly check (§2.5)",
        help="Not upgraded in time (§2.5); see the reason.",
    )
    overdue_reason = fields.Char(
        readonly=True, copy=False, protected="the nightly check (§2.5)"
    )
    cancel_reason = fields.Char(
        readonly=True,
        copy=False,
        tracking=True,
        protected="the cancel actions and change orders",
    )

    # ------------------------------------------------------------ price (§3.5, §4)
    price_locked = fields.Boolean(readonly=True, copy=False, protected=STAGE_BUTTONS)
    list_unit_price = fields.Monetary(
        readonly=True, protected="the room's price (price plans)"
    )
    list_total = fields.Monetary(
        readonly=True, protected="the room's price (price plans)"
    )
    discount_line_ids = fields.One2many(
        "realty.deal.discount", "deal_id", string="Discounts", copy=True
    )
    payment_method_id = fields.Many2one(
        "realty.payment.method",
        tracking=True,
        domain="['|', ('project_ids', '=', False), ('project_ids', 'in', project_id)]",
    )
    manual_total = fields.Monetary(
        bounds=AMOUNT,
        string="Typed Deal Total",
        tracking=True,
        help="Where the project allows it; the difference is a discretionary "
        "reduction.",
    )
    deal_total = fields.Monetary(compute="_compute_price", store=True, tracking=True)
    deal_unit_price = fields.Monetary(compute="_compute_price", store=True)
    discount_amount = fields.Monetary(compute="_compute_price", store=True)
    standard_only_total = fields.Monetary(compute="_compute_price", store=True)
    discretionary_amount = fields.Monetary(compute="_compute_price", store=True)
    overall_ratio = fields.Float(
        string="Overall Ratio (%)", compute="_compute_price", store=True, digits=(5, 2)
    )
    discretionary_ratio = fields.Float(
        string="Discretionary Ratio (%)",
        compute="_compute_price",
        store=True,
        digits=(5, 2),
    )
    price_error = fields.Char(compute="_compute_price", store=True)

    # ------------------------------------------- pricing area (§3.1, §3.8)
    # set by the server only (computed: protected like every computed realty field)
    pricing_area = fields.Float(
        string="Pricing Area (m²)",
        digits="Realty Area",
        compute="_compute_pricing_area",
        store=True,
        readonly=True,
        help="The area the deal is priced on: the room's predicted building or "
        "inner area (the project's pricing basis). Locked with the list price.",
    )
    pricing_area_room_id = fields.Many2one(
        "realty.room",
        compute="_compute_pricing_area",
        store=True,
        readonly=True,
        help="The room the pricing area was taken from.",
    )

    # ------------------------------------------------------------ approval (§4.5)
    approval_rung_id = fields.Many2one(
        "realty.approval.rung",
        string="Approval Needed From",
        compute="_compute_approval_need",
        store=True,
    )
    approval_beyond_ladder = fields.Boolean(
        compute="_compute_approval_need", store=True
    )
    # approved_by_id, approved_date, approval_snapshot: realty.approval.mixin
    approved_total = fields.Monetary(compute="_compute_approved", store=True)
    approved_ratio = fields.Float(
        compute="_compute_approved", store=True, digits=(5, 2)
    )
    approval_refused = fields.Boolean(
        readonly=True, copy=False, protected="action_refuse"
    )
    approval_state = fields.Selection(
        [
            ("not_required", "Not Required"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("refused", "Refused"),
        ],
        compute="_compute_approval_state",
        store=True,
        tracking=True,
    )
    can_approve = fields.Boolean(compute="_compute_can_approve")

    # --------------------------------------------------------- money (§5.6-§5.8)
    payment_ids = fields.One2many("realty.deal.payment", "deal_id", string="Payments")
    deposit_amount = fields.Monetary(
        bounds=AMOUNT,
        string="Deposit (定金)",
        tracking=True,
        help="The earnest money agreed; at most 20 % of the deal total (§5.8).",
    )
    deposit_excess_as_prepayment = fields.Boolean(
        help="Book a 定金 above 20 % of the total as prepayment (预付房款)."
    )
    amount_received = fields.Monetary(compute="_compute_received", store=True)
    intention_received = fields.Monetary(compute="_compute_received", store=True)
    deposit_received = fields.Monetary(compute="_compute_received", store=True)
    converted_received = fields.Monetary(
        compute="_compute_received",
        store=True,
        string="Credited at Contract",
        help="Sincerity, intention money, 定金 and prepayment, credited to the price.",
    )

    # ------------------------------------------------------------------- loans
    home_tier = fields.Selection(HOME_TIERS, default="first", required=True)
    individual_buyer = fields.Boolean(default=True)
    down_payment_ratio = fields.Float(bounds=RATIO, digits=(5, 4))
    loan_term_months = fields.Integer(bounds=LOAN_TERM, default=360)
    pf_account_balance = fields.Monetary(
        bounds=AMOUNT, string="Provident Account Balance"
    )
    loan_commercial = fields.Monetary(compute="_compute_loans", store=True)
    loan_provident = fields.Monetary(compute="_compute_loans", store=True)
    down_payment = fields.Monetary(compute="_compute_loans", store=True)

    frozen_terms = fields.Json(
        readonly=True,
        copy=False,
        protected="action_subscribe, action_sign_contract and change orders",
        help="The price and loans as signed (I-2): from the subscription on, a "
        "change of the project's, the payment method's or the city policy's "
        "settings does not move them; only a change order does.",
    )
    schedule_line_ids = fields.One2many(
        "realty.deal.schedule.line",
        "deal_id",
        string="Schedule",
        readonly=True,
        protected="action_generate_schedule",
    )

    # --------------------------------------------------- contract (§8.2, §8.3)
    subscription_signed = fields.Boolean(
        string="Subscription Agreement Signed", tracking=True
    )
    contract_no = fields.Char(string="Contract Number", copy=False, tracking=True)
    delivery_date = fields.Date()
    late_daily_rate = fields.Float(
        bounds=LATE_DAILY_RATE, digits=(6, 5), string="Daily Late Penalty Rate"
    )
    late_terminate_after_days = fields.Integer(
        bounds=DAYS,
    )
    area_option = fields.Selection(AREA_OPTIONS, string="Area Difference Option")
    supplementary_clauses = fields.Text()
    change_order_ids = fields.One2many(
        "realty.change.order",
        "deal_id",
        readonly=True,
        protected="a change order of its own (realty.change.order)",
    )

    # ------------------------------------------------------------ constraints
    def init(self):
        """I-1, in the database: at most one active deal per room (§10.4), and one
        deal per client token per project (idempotent confirmations)."""
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS realty_deal_room_active_uniq "
                "ON realty_deal (room_id) WHERE status = 'active'"
            )
        )
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS realty_deal_client_token_uniq "
                "ON realty_deal (project_id, client_token)"
                " WHERE client_token IS NOT NULL"
            )
        )

    # ------------------------------------------------------------------ computes
    @api.depends(
        "room_id",
        "room_id.area_building_pred",
        "room_id.area_inner_pred",
        "project_id.pricing_basis",
        "price_locked",
    )
    def _compute_pricing_area(self):
        """A_p (§3.1) follows the room's predicted area and the project's pricing
        basis until the price is locked (§3.8, small deposit): the locked list total
        was computed on that area, so from then on the deal keeps it, whatever later
        survey corrections or basis changes do to the room. Moving the deal to
        another room (R7) takes the new room's area with its list price."""
        for deal in self:
            saved = deal._origin  # the stored deal: its value before this compute
            if (
                deal.price_locked
                and saved.pricing_area
                and saved.pricing_area_room_id == deal.room_id
            ):
                deal.pricing_area = saved.pricing_area
            elif deal.room_id:
                deal.pricing_area = float(deal.project_id._quote_area(deal.room_id))
            else:
                deal.pricing_area = 0.0
            deal.pricing_area_room_id = deal.room_id

    @api.depends(
        "frozen_terms",
        "list_total",
        "pricing_area",
        "discount_line_ids.kind",
        "discount_line_ids.value",
        "discount_line_ids.is_standard",
        "discount_line_ids.sequence",
        "payment_method_id.discount_factor",
        "manual_total",
        "room_id",
        "project_id.points_mode",
        "project_id.discount_sequence",
        "project_id.total_precision",
        "project_id.total_rounding",
        "project_id.allow_direct_total",
    )
    def _compute_price(self):
        for deal in self:
            if deal.frozen_terms:  # I-2: a subscription's price is what was signed
                deal.update({k: deal.frozen_terms[k] for k in FROZEN_PRICE})
                deal.price_error = False
                continue
            values = dict.fromkeys(
                (
                    "deal_total",
                    "deal_unit_price",
                    "discount_amount",
                    "standard_only_total",
                    "discretionary_amount",
                    "overall_ratio",
                    "discretionary_ratio",
                ),
                0.0,
            )
            values["price_error"] = False
            try:
                price = deal._deal_price()
            except RealtyUserError as exc:
                values["price_error"] = str(exc)  # "[CODE] message"
                deal.update(values)
                continue
            except RealtyError as exc:
                values["price_error"] = f"[{exc.code}] {exc}"
                deal.update(values)
                continue
            if price is not None:
                result = price.discounts
                values.update(
                    deal_total=float(price.deal_total),
                    deal_unit_price=float(price.unit_price),
                    discount_amount=float(result.discount_amount),
                    standard_only_total=float(result.standard_only_total),
                    discretionary_amount=float(result.discretionary_amount),
                    overall_ratio=float(result.overall_ratio * 100),
                    discretionary_ratio=float(result.discretionary_ratio * 100),
                )
            deal.update(values)

    def _raise_price_error(self):
        """Re-raise the error that keeps the price from being computed, with its
        own code (price_error reads "[CODE] message")."""
        if self.price_error:
            code, _sep, message = self.price_error.partition("] ")
            raise RealtyUserError(code.lstrip("[") or codes.ERR_INVALID_INPUT, message)

    def _discount_lines(self):
        lines = [line._discount_line() for line in self.discount_line_ids]
        return lines + self.payment_method_id._discount_lines()

    def _deal_price(self):
        """tools.DealPrice of this deal (§3.5, §4), or None without a room or a list
        price: the price calculator's own path (realty.project._quote_price) on the
        deal's list price and locked pricing area."""
        self.ensure_one()
        if not self.room_id or not self.list_total:
            return None
        return self.project_id._quote_price(
            self.list_total,
            self._discount_lines(),
            to_decimal(self.pricing_area),
            self.manual_total,
        )

    def _discount_result(self):
        """``(tools.DiscountResult or None, pricing area)`` of this deal (§4)."""
        price = self._deal_price()
        if price is None:
            return None, to_decimal(0)
        return price.discounts, price.area

    @api.depends(
        "deal_total",
        "discretionary_amount",
        "standard_only_total",
        "discount_line_ids.kind",
    )
    def _compute_approval_need(self):
        Rung = self.env["realty.approval.rung"]
        for deal in self:
            deal.approval_rung_id = False
            deal.approval_beyond_ladder = False
            try:
                result, _area = deal._discount_result()
            except (RealtyError, RealtyUserError):
                continue
            if result is None:
                continue
            ladder = Rung._ladder(deal.project_id)
            role = required_approval(result, ladder._tools_ladder())
            if role == "group_approval":
                deal.approval_beyond_ladder = True
            elif role:
                deal.approval_rung_id = Rung.browse(int(role))

    @api.depends(
        "approval_rung_id",
        "approval_beyond_ladder",
        "approved_by_id",
        "approval_snapshot",
        "approval_refused",
        "deal_total",
        "discretionary_amount",
    )
    def _compute_approval_state(self):
        for deal in self:
            needed = deal.approval_rung_id or deal.approval_beyond_ladder
            if not needed:
                deal.approval_state = "not_required"
            elif deal.approval_refused:
                deal.approval_state = "refused"
            elif deal._approval_is_current():
                deal.approval_state = "approved"
            else:
                deal.approval_state = "to_approve"

    @api.depends("approval_snapshot")
    def _compute_approved(self):
        """The total and ratio the approval approved, read off what it stored."""
        for deal in self:
            approved = deal.approval_snapshot or {}
            deal.approved_total = approved.get("deal_total", 0.0)
            deal.approved_ratio = approved.get("discretionary_ratio", 0.0)

    @api.depends_context("uid")
    @api.depends("approval_rung_id", "approval_beyond_ladder")
    def _compute_can_approve(self):
        for deal in self:
            deal.can_approve = deal._can_approve()

    # --------------------------------------------- the approval (realty.approval.mixin)
    def _approval_content(self):
        """What a discount approval approves (§4.5): the price, the discretionary
        discount and the lines that make it."""
        self.ensure_one()
        return {
            "deal_total": self.deal_total,
            "discretionary_amount": self.discretionary_amount,
            "discretionary_ratio": self.discretionary_ratio,
            "manual_total": self.manual_total,
            "discounts": [
                [line.name, line.kind, line.value, line.is_standard]
                for line in self.discount_line_ids
            ],
        }

    def _approval_covers(self, approved, current):
        """§4.5: the approval holds while the price stays at or above the approved
        total and the discretionary discount at or below the approved one; a change
        that lowers the price by even 1 yuan asks again (domain.md, which lets a
        higher price keep its approval)."""
        if not approved:
            return False
        currency = self.currency_id
        return (
            currency.compare_amounts(current["deal_total"], approved["deal_total"]) >= 0
            and currency.compare_amounts(
                current["discretionary_amount"], approved["discretionary_amount"]
            )
            <= 0
        )

    def _approval_groups(self):
        """The required rung's role, or any higher rung of the ladder; beyond the
        ladder, a project GM records the group's approval."""
        self.ensure_one()
        if self.approval_beyond_ladder:
            return self.env.ref("realty_base.group_realty_gm")
        rung = self.approval_rung_id
        if not rung:
            return self.env["res.groups"]
        ladder = self.env["realty.approval.rung"]._ladder(self.project_id)
        return ladder.filtered(lambda r: r.sequence >= rung.sequence).group_id

    def _approval_activity_xmlid(self):
        return "realty_sales.mail_activity_deal_approval"

    @api.depends("payment_ids.amount", "payment_ids.item")
    def _compute_received(self):
        for deal in self:
            by_item = {}
            for payment in deal._received_payments():
                by_item[payment.item] = by_item.get(payment.item, 0.0) + payment.amount
            deal.amount_received = sum(by_item.values())
            deal.intention_received = by_item.get("intention", 0.0)
            deal.deposit_received = by_item.get("deposit", 0.0)
            deal.converted_received = sum(
                by_item.get(i, 0.0) for i in CONVERTIBLE_ITEMS
            )

    def _finance_event(self, kind, source, amount=0.0, note=None):
        """An event an accountant must act on (a change order executed, a refund
        due, an area adjustment): realty_finance lists it on its to-do list;
        without it, nothing happens (the money is recorded on the deal)."""
        return

    @api.model
    def _finance_events(self, events):
        """Several events at once, ``[(deal, kind, source, amount, note)]`` (an area
        adjustment batch raises thousands): each through :meth:`_finance_event`
        unless finance raises them together."""
        for deal, kind, source, amount, note in events:
            deal._finance_event(kind, source, amount, note)

    def _fee_basis(self):
        """``(total, building area)`` the fees collected for others (§6) are
        computed on: the deal total and the room's predicted building area; once
        the area adjustment is settled (realty_aftersales), the adjusted total and
        the measured building area (§7.6)."""
        self.ensure_one()
        return self.deal_total, self.room_id.area_building_pred

    def _on_area_settled(self):
        """The area adjustments of these deals were settled (realty_aftersales): what
        depends on the price and the area follows (realty_finance recomputes and
        posts the fees collected for others); without it, nothing happens."""
        return

    def _received_payments(self):
        """The payments that count as received (realty_finance: the posted ones)."""
        self.ensure_one()
        return self.payment_ids

    @api.depends(
        "frozen_terms",
        "deal_total",
        "home_tier",
        "down_payment_ratio",
        "pf_account_balance",
        "room_id.usage",
        "payment_method_id",
        *(f"payment_method_id.{name}" for name in LOAN_METHOD_FIELDS),
        "project_id.policy_id",
        *(f"project_id.policy_id.{name}" for name in LOAN_SPLIT_FIELDS),
    )
    def _compute_loans(self):
        """The loan split (§5.4) follows the deal and the city policy it is sold
        under; the split is realty.city.policy._loan_split, the calculator's."""
        for deal in self:
            if deal.frozen_terms:  # I-2: the loans of the plan that was signed
                deal.update({k: deal.frozen_terms[k] for k in FROZEN_LOANS})
                continue
            deal.loan_commercial = deal.loan_provident = 0.0
            deal.down_payment = deal.deal_total
            split = deal._loan_split()
            if split:
                deal.loan_commercial = float(split.commercial)
                deal.loan_provident = float(split.provident)
                deal.down_payment = float(split.down_payment)

    def _loan_split(self):
        """tools.LoanSplit of a loan deal (§5.4), else None (also when the split is
        impossible: the deal then has no loan)."""
        self.ensure_one()
        policy = self.project_id.policy_id
        if not self.payment_method_id or not policy or not self.deal_total:
            return None
        try:
            return policy._loan_split(
                to_decimal(self.deal_total),
                self.payment_method_id,
                usage=self.room_id.usage,
                home_tier=self.home_tier,
                down_payment_ratio=self.down_payment_ratio,
                pf_account_balance=self.pf_account_balance,
            )
        except RealtyError:
            return None

    # ------------------------------------------------------------------- CRUD
    @api.model
    def _add_server_values(self, vals_list):
        """The deal's number and the room's list price (followed until §3.8 locks
        it), and the project's late-payment terms as defaults."""
        rooms = self.env["realty.room"].browse([v.get("room_id") for v in vals_list])
        result = []
        for vals, room in zip(vals_list, rooms, strict=True):
            project = room.project_id
            sequence = self.env["ir.sequence"].next_by_code("realty.deal") or "/"
            result.append(
                {
                    "late_daily_rate": project.late_daily_rate,
                    "late_terminate_after_days": project.late_terminate_after_days,
                    **vals,
                    "name": f"{project.code}-{sequence}",
                    "list_unit_price": room.list_unit_price,
                    "list_total": room.list_total,
                }
            )
        return super()._add_server_values(result)

    @api.model_create_multi
    @arguments(vals_list=ValsList())
    def create(self, vals_list):
        deals = super().create(vals_list)
        deals._ensure_primary_buyer()
        # the first consultant keeps the customer (realty_customer_collision.py)
        self.env["realty.customer.collision"]._realty_claim_records(deals)
        return deals

    @arguments(vals=Vals())
    def write(self, vals):
        self._check_writable(vals)
        result = super().write(vals)
        if "partner_id" in vals:
            self._ensure_primary_buyer()
        return result

    def _check_writable(self, vals):
        """What a caller may change depends on where the deal is: the room only on
        a draft, nothing on a deal that is history, and the I-2 fields of a
        subscribed deal only through a change order. `vals`: the field names (the
        deal's, or its lines' x2many field)."""
        if self._is_unlocked():
            return
        history = self.filtered(lambda d: d.status not in ("draft", "active"))
        if history and set(vals) - HISTORY_FIELDS:
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._(
                    "Deal %(deal)s is %(status)s: it is history and does not change.",
                    deal=history[0].name,
                    status=history[0].status,
                ),
            )
        if "room_id" in vals and any(deal.status != "draft" for deal in self):
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._(
                    "The room of a reserved or sold deal changes only through a "
                    "change order (change room)."
                ),
            )
        frozen = FROZEN_FIELDS.intersection(vals)
        if frozen:
            self._check_unfrozen(*frozen)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        if any(deal.status != "draft" for deal in self):
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._("Only a draft deal can be deleted; cancel the others."),
            )

    def _is_frozen(self):
        """I-2: subscribed and contracted deals keep their buyers, price and plan."""
        self.ensure_one()
        return (
            self.status == "active"
            and STAGE_ORDER.get(self.stage, -1) >= STAGE_ORDER["subscription"]
        )

    def _check_unfrozen(self, *field_names):
        if self._is_unlocked():
            return
        frozen = self.filtered(lambda d: d._is_frozen())
        if frozen:
            labels = ", ".join(
                self._fields[name].get_description(self.env)["string"]
                for name in field_names
            )
            raise RealtyUserError(
                codes.ERR_APPROVAL_REQUIRED,
                self.env._(
                    "Deal %(deal)s is subscribed: %(fields)s change only through an "
                    "approved change order.",
                    deal=frozen[0].name,
                    fields=labels,
                ),
            )

    def _ensure_primary_buyer(self):
        """The deal's buyer is always one of its buyers."""
        for deal in self:
            if deal.partner_id and deal.partner_id not in deal.buyer_ids.partner_id:
                deal._unlocked().buyer_ids = [
                    Command.create({"partner_id": deal.partner_id.id, "sequence": 1})
                ]

    def _track_subtype(self, init_values):
        """Stage moves as subtypes followers subscribe to (signed, cancelled)."""
        self.ensure_one()
        if {"stage", "status"} & init_values.keys():
            if self.status == "cancelled":
                return self.env.ref("realty_sales.mt_deal_cancelled")
            if self.status == "active" and self.stage == "contract":
                return self.env.ref("realty_sales.mt_deal_signed")
            if self.status == "active" and self.stage == "subscription":
                return self.env.ref("realty_sales.mt_deal_subscribed")
            return self.env.ref("realty_sales.mt_deal_stage")
        return super()._track_subtype(init_values)

    # ------------------------------------------------------------ stage actions
    def _advance(self, stage):
        """Move each deal to `stage` through its room's one state path (§2.3)."""
        for deal in self:
            if deal.status not in ("draft", "active"):
                raise RealtyUserError(
                    codes.ERR_STATE_TRANSITION,
                    self.env._(
                        "Deal %(deal)s is %(status)s.",
                        deal=deal.name,
                        status=deal.status,
                    ),
                )
            if deal.stage and STAGE_ORDER[stage] <= STAGE_ORDER[deal.stage]:
                raise RealtyUserError(
                    codes.ERR_STATE_TRANSITION,
                    self.env._(
                        "Deal %(deal)s is already past this stage.", deal=deal.name
                    ),
                )
            deal._raise_price_error()
            if not deal.price_locked:
                deal._refresh_list_price()
            room_state_before = deal.room_id.state
            moves = deal.room_id._move_state(STAGE_ACTIONS[stage], deal=deal)
            target = moves[deal.room_id].target
            deal._activate(ROOM_STAGE[target], room_state_before)
        if stage in OPPORTUNITY_STAGES:
            self.opportunity_id._realty_reach_stage(OPPORTUNITY_STAGES[stage])
        return True

    def _refresh_list_price(self):
        """Until the price is locked (§3.8), the deal follows the room's list price."""
        self._unlocked().write(
            {
                "list_unit_price": self.room_id.list_unit_price,
                "list_total": self.room_id.list_total,
            }
        )

    def _activate(self, stage, room_state_before):
        """Record the stage; supersede the customer's own reservation deal, if any,
        before this deal becomes the room's active deal (I-1)."""
        self.ensure_one()
        now = fields.Datetime.now()
        previous = self.search(
            [
                ("room_id", "=", self.room_id.id),
                ("status", "=", "active"),
                ("id", "!=", self.id),
            ]
        )
        previous._unlocked().write({"status": "upgraded"})
        vals = {
            "stage": stage,
            "status": "active",
            "stage_date": now,
            f"date_{stage}": now,
            "overdue": False,
            "overdue_reason": False,
        }
        if stage == "reservation":
            vals["reserved_from_state"] = room_state_before
            vals["reservation_expires_at"] = now + timedelta(
                hours=self.project_id.reservation_hours
            )
        elif not self.price_locked:
            vals["price_locked"] = True  # §3.8: money taken, the list price is kept
        if previous.reserved_from_state and not self.reserved_from_state:
            vals["reserved_from_state"] = previous.reserved_from_state
        self._unlocked().write(vals)
        if STAGE_ORDER[stage] >= STAGE_ORDER["subscription"]:
            self._freeze_terms()
            self._generate_schedule()

    def action_reserve(self):
        """F6: hold the room for the buyer, without money, until it expires."""
        return self._advance("reservation")

    def action_small_deposit(self):
        """F7: intention money (小订) received; the price is locked."""
        return self._advance("small_deposit")

    def action_deposit(self):
        """F8: the 定金 received (大订)."""
        return self._advance("deposit")

    def action_subscribe(self):
        """F9: the subscription agreement (认购书) signed."""
        return self._advance("subscription")

    def action_sign_contract(self):
        """F10: the sales contract signed (directly, unless the project requires a
        subscription first)."""
        return self._advance("contract")

    @api.model
    @arguments(
        vals=Vals(client=True, create=True),
        stage=Choice(DEAL_STAGES),
        client_token=Text(),
    )
    def create_and_advance(self, vals, stage, client_token=None):
        """Create a deal and take it to `stage` in one call (the sales-control grid,
        opening day). A repeated call with the same `client_token` returns the first
        deal and does nothing else (§10.4 idempotency)."""
        self._check_protected(vals)
        if client_token:
            room = self.env["realty.room"].browse(vals.get("room_id"))
            existing = self.search(
                [
                    ("project_id", "=", room.project_id.id),
                    ("client_token", "=", client_token),
                ],
                limit=1,
            )
            if existing:
                return existing.id
        # the caller's values are created as any caller's, their lines included
        # (a create with the door open would let a discount line in as a
        # published campaign, or a payment received by someone else)
        deal = self.create(vals)
        if client_token:
            deal._unlocked().write({"client_token": client_token})
        deal._advance(stage)
        return deal.id

    # --------------------------------------------------------- money recorded
    @arguments(
        item=Choice(PAYMENT_ITEMS),
        amount=Number(),
        values=Vals("realty.deal.payment", allowed=PAYMENT_DETAILS),
    )
    def register_payment(self, item, amount, **values):
        """Record money received on the deal (or refunded, negative)."""
        self.ensure_one()
        return self.env["realty.deal.payment"].create(
            {"deal_id": self.id, "item": item, "amount": amount, **values}
        )

    def _deposit_split(self):
        """tools.DepositSplit of the agreed 定金 (§5.8): the part with 定金 effect and
        the excess booked as prepayment, or ERR_DEPOSIT_CAP."""
        self.ensure_one()
        return split_deposit(
            to_decimal(self.deposit_amount),
            to_decimal(self.deal_total),
            allow_prepayment=self.deposit_excess_as_prepayment,
        )

    # ------------------------------------------------------------- approval
    def action_approve(self):
        """Approve the deal's discounts at the level they need (§4.5); the approval
        keeps the total it approved."""
        for deal in self:
            if deal.approval_state != "to_approve":
                raise RealtyUserError(
                    codes.ERR_STATE_TRANSITION,
                    self.env._(
                        "Deal %(deal)s does not wait for an approval.", deal=deal.name
                    ),
                )
            deal._record_approval(approval_refused=False)
        return True

    def action_refuse(self):
        for deal in self:
            if deal.approval_state != "to_approve" or not deal._can_approve():
                raise RealtyUserError(
                    codes.ERR_APPROVAL_REQUIRED,
                    self.env._(
                        "You cannot refuse the discounts of %(deal)s.", deal=deal.name
                    ),
                )
        self._unlocked().write(
            {
                "approval_refused": True,
                "approved_by_id": False,
                "approval_snapshot": False,
            }
        )
        self.activity_unlink(["realty_sales.mail_activity_deal_approval"])
        return True

    def action_request_approval(self):
        """Ask the approvers of the required level, with an activity (hr_holidays)."""
        for deal in self.filtered(
            lambda d: d.approval_state in ("to_approve", "refused")
        ):
            deal._unlocked().write({"approval_refused": False})
            group = deal.approval_rung_id.group_id or self.env.ref(
                "realty_base.group_realty_gm"
            )
            approvers = group.users & deal.project_id.user_ids
            user = approvers[:1] or self.env.user
            deal.activity_schedule(
                "realty_sales.mail_activity_deal_approval",
                user_id=user.id,
                note=self.env._(
                    "Discretionary ratio %(ratio)s %%, discount %(amount)s.",
                    ratio=deal.discretionary_ratio,
                    amount=deal.discretionary_amount,
                ),
            )
        return True

    def _freeze_terms(self):
        """Keep the price and loans as they are now (I-2), so that later settings
        do not move a signed deal; a change order calls it again after it changes
        the deal."""
        for deal in self:
            deal._unlocked().frozen_terms = False
            deal._unlocked().frozen_terms = {
                name: deal[name] for name in FROZEN_PRICE + FROZEN_LOANS
            }

    # ------------------------------------------------------------ schedule
    def _generate_schedule(self):
        """The schedule of each deal from its payment method (§5.1, V-39): the lines
        sum exactly to the deal total; money received before is credited (§5.8)."""
        Line = self.env["realty.deal.schedule.line"]._unlocked()
        for deal in self:
            deal.schedule_line_ids._unlocked().unlink()
            if not deal.payment_method_id or not deal.deal_total:
                continue
            start = (
                deal.date_contract or deal.date_subscription or fields.Datetime.now()
            )
            lines = deal.payment_method_id._schedule(
                to_decimal(deal.deal_total),
                fields.Date.context_today(deal, start),
                loan_split=deal._loan_split(),
                delivery_date=deal.delivery_date
                or deal.room_id.phase_id.planned_delivery_date
                or None,
                credit=max(to_decimal(deal.converted_received), to_decimal(0)),
            )
            Line.create(
                [
                    {
                        "deal_id": deal.id,
                        "sequence": index,
                        "item": line.item,
                        "due_date": line.due_date,
                        "amount": float(line.amount),
                        "credit": float(line.credited),
                        "payable": float(line.payable),
                    }
                    for index, line in enumerate(lines, start=1)
                ]
            )

    def action_generate_schedule(self):
        """The schedule again, from the deal as it stands (active deals only)."""
        if any(deal.status not in ("draft", "active") for deal in self):
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._("The schedule of a closed deal is history."),
            )
        self._generate_schedule()
        return True

    # ------------------------------------------------------------ cancelling
    def action_cancel_reservation(self):
        """R1: give the room back (where it came from: available or held)."""
        for deal in self:
            if deal.stage != "reservation" or deal.status != "active":
                raise RealtyUserError(
                    codes.ERR_STATE_TRANSITION,
                    self.env._("Only an active reservation is cancelled this way."),
                )
        self._close_on_room(states.CANCEL, "cancelled")
        return True

    def action_cancel_small_deposit(self):
        """R2: refund the intention money and give the room back."""
        for deal in self:
            if deal.stage != "small_deposit" or deal.status != "active":
                raise RealtyUserError(
                    codes.ERR_STATE_TRANSITION,
                    self.env._("Only an active small deposit is cancelled this way."),
                )
            if deal.intention_received and deal.project_id.small_deposit_refundable:
                deal.register_payment(
                    "refund", -deal.intention_received, note=self.env._("小订退款")
                )
        self._close_on_room(states.CANCEL, "cancelled", refund_recorded=True)
        return True

    def _close_on_room(self, action, status, **context):
        for deal in self:
            deal.room_id._move_state(action, deal=deal, **context)
            deal._unlocked().write({"status": status})

    # ------------------------------------------------------------------ crons
    @api.model
    def _cron_expire_reservations(self, limit=500):
        """R1 by the clock: expired reservations give their rooms back (§2.5)."""
        expired = self.search(
            [
                ("status", "=", "active"),
                ("stage", "=", "reservation"),
                ("reservation_expires_at", "<=", fields.Datetime.now()),
            ],
            limit=limit,
        )
        for deal in expired:
            with self.env.cr.savepoint():
                deal.sudo()._close_on_room(states.CANCEL, "cancelled")
                deal.sudo().message_post(body=self.env._("The reservation expired."))
        remaining = self.search_count(
            [
                ("status", "=", "active"),
                ("stage", "=", "reservation"),
                ("reservation_expires_at", "<=", fields.Datetime.now()),
            ]
        )
        self.env["ir.cron"]._notify_progress(done=len(expired), remaining=remaining)
        return len(expired)

    @api.model
    def _cron_flag_overdue(self):
        """Flag (never cancel) deals that should have moved on (§2.5)."""
        now = fields.Datetime.now()
        deals = self.search(
            [
                ("status", "=", "active"),
                ("overdue", "=", False),
                ("stage", "in", ("small_deposit", "subscription")),
            ]
        )
        for deal in deals:
            project = deal.project_id
            if deal.stage == "small_deposit":
                late = deal.stage_date + timedelta(
                    days=project.small_deposit_valid_days
                )
                reason = self.env._(
                    "Small deposit not upgraded within %(days)s days.",
                    days=project.small_deposit_valid_days,
                )
            else:
                late = deal.stage_date + timedelta(days=project.sign_within_days)
                reason = self.env._(
                    "Subscription not signed within %(days)s days.",
                    days=project.sign_within_days,
                )
            if late < now:
                deal._unlocked().write({"overdue": True, "overdue_reason": reason})
        return True

    def _check_filed_price(self):
        """§3.3: the deal total may not exceed the filed total (raises
        ERR_ABOVE_FILED_PRICE); True when it is so far below that it needs
        re-filing. The calculator's check (realty.project._check_filed_price)."""
        self.ensure_one()
        return bool(self.project_id._check_filed_price(self.room_id, self.deal_total))

    # ------------------------------------------- handover money (§9.10 hooks)
    # What the handover checks of realty_aftersales read about money. Here from the
    # payments recorded by hand on the deal; realty_finance overrides each one with
    # what its posted entries say. Keep them small: one question each.
    def _handover_outstanding(self, as_of):
        """``{schedule line: amount}`` still owed on the deals' schedule lines due
        by `as_of`: each item's recorded money settles its lines, earliest due
        first (the loans settle both loan lines)."""
        result = {}
        for deal in self:
            paid = {}
            for payment in deal._received_payments():
                paid[payment.item] = paid.get(payment.item, 0.0) + payment.amount
            for line in deal.schedule_line_ids.sorted(
                lambda l: (l.due_date, l.sequence, l.id)
            ):
                key = "loan" if line.item in LOAN_ITEMS else line.item
                taken = min(max(paid.get(key, 0.0), 0.0), line.payable)
                paid[key] = paid.get(key, 0.0) - taken
                owed = line.payable - taken
                if (
                    line.due_date <= as_of
                    and deal.currency_id.compare_amounts(owed, 0) > 0
                ):
                    result[line] = owed
        return result

    def _handover_in_transit(self, as_of):
        """``{schedule line: amount}`` paid on the lines due by `as_of` but not
        arrived at the bank yet (在途, §9.5); nothing without finance."""
        return {}

    def _fees_outstanding(self):
        """``{deal id: {fee: amount}}`` of the fees collected for others (代收,
        §6) not collected yet, the maintenance fund aside; nothing without
        finance, which computes them."""
        return {}

    def _maintenance_fund_unpaid(self):
        """``{deal id: amount}`` of the maintenance fund (§6.4) not deposited yet;
        nothing without finance."""
        return {}
