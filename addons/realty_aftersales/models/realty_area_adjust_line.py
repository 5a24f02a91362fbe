from datetime import timedelta

from odoo import api, fields, models

from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_base.inputs import SIGNED_AMOUNT, Vals, ValsList, arguments
from odoo.addons.realty_base.tools import (
    RealtyError,
    amount_to_capital,
    rescission_refund,
    rnd,
    to_decimal,
)
from odoo.addons.realty_base.tools import errors as codes
from odoo.addons.realty_base.tools.area_settlement import BUILDING, INNER

BASES = [
    ("building", "Building Area (Option 2)"),
    ("inner", "Inner Area (Option 1)"),
    ("unit", "Per Unit (Option 3): Not Applicable"),
]
CHOICES = [("continue", "Continue"), ("rescind", "Rescind")]
SETTLED = "action_import of the batch (the settlement)"
APPLIED = "action_apply of the batch"
PERSON_FIELDS = frozenset(
    {"manual_adjustment", "manual_reason", "buyer_choice", "notice_date"}
)
"""What a person records on a line: the manual adjustment with its reason, and the
buyer's written choice with its date. Everything else is the batch's."""
HISTORY_FIELDS = frozenset({"message_main_attachment_id", "message_follower_ids"})
SCHEDULE_SEQUENCE = 900
"""The settlement's schedule lines come after the payment method's."""


def _money(value):
    return float(value)


class RealtyAreaAdjustLine(models.Model):
    """One signed contract of an area adjustment batch (§7.3, §7.6): the contract
    and measured areas, the error ratios, the band, every component of the
    settlement, the fees before and after, the rescission right and the buyer's
    choice, and what a person adjusted by hand (with the reason). The numbers are
    the server's (realty.city.policy._area_settlement); a person records only the
    manual adjustment and the buyer's choice, and either voids the batch's
    approval."""

    _name = "realty.area.adjust.line"
    _description = "Area Adjustment Line"
    _inherit = ["mail.thread", "realty.protected.mixin"]
    _order = "batch_id, row_number, id"
    _check_company_auto = True

    batch_id = fields.Many2one(
        "realty.area.adjust.batch",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
        protected=SETTLED,
    )
    batch_state = fields.Selection(related="batch_id.state")
    row_number = fields.Integer(readonly=True, protected=SETTLED)
    project_id = fields.Many2one(
        related="batch_id.project_id", store=True, index=True, precompute=True
    )
    company_id = fields.Many2one(
        related="batch_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="batch_id.currency_id")
    room_id = fields.Many2one(
        "realty.room", required=True, index=True, readonly=True, protected=SETTLED
    )
    deal_id = fields.Many2one(
        "realty.deal", required=True, index=True, readonly=True, protected=SETTLED
    )
    partner_id = fields.Many2one(related="deal_id.partner_id", string="Buyer")
    contract_no = fields.Char(related="deal_id.contract_no")
    basis = fields.Selection(
        BASES, string="Area Clause", readonly=True, protected=SETTLED
    )

    # ------------------------------------------------------------------ areas
    area_building_contract = fields.Float(
        string="Building Area (Contract)", digits="Realty Area", protected=SETTLED
    )
    area_inner_contract = fields.Float(
        string="Inner Area (Contract)", digits="Realty Area", protected=SETTLED
    )
    area_shared_contract = fields.Float(
        string="Shared Area (Contract)", digits="Realty Area", protected=SETTLED
    )
    area_building_meas = fields.Float(
        string="Building Area (Measured)", digits="Realty Area", protected=SETTLED
    )
    area_inner_meas = fields.Float(
        string="Inner Area (Measured)", digits="Realty Area", protected=SETTLED
    )
    area_shared_meas = fields.Float(
        string="Shared Area (Measured)", digits="Realty Area", protected=SETTLED
    )
    contract_area = fields.Float(
        string="A0",
        digits="Realty Area",
        protected=SETTLED,
        help="The contract area on the clause's basis.",
    )
    measured_area = fields.Float(
        string="A1",
        digits="Realty Area",
        protected=SETTLED,
        help="The measured area on the clause's basis.",
    )
    difference = fields.Float(
        string="Difference (m²)", digits="Realty Area", protected=SETTLED
    )
    band_limit = fields.Float(
        string="Band Limit (m²)", digits=(12, 4), protected=SETTLED
    )
    ratio = fields.Float(string="Error Ratio (%)", digits=(6, 2), protected=SETTLED)
    inner_ratio = fields.Float(
        string="Inner Error Ratio (%)",
        digits=(6, 2),
        protected=SETTLED,
        help="Option 2: the inner area's error ratio, for the rescission right.",
    )
    within = fields.Boolean(string="Within the Band", protected=SETTLED)
    band = fields.Selection(
        [("within", "Within"), ("beyond", "Beyond"), ("na", "Not Applicable")],
        protected=SETTLED,
    )

    # ------------------------------------------------------------------ money
    unit_price = fields.Monetary(protected=SETTLED, help="P on the clause's basis.")
    contract_total = fields.Monetary(protected=SETTLED)
    buyer_pays = fields.Monetary(protected=SETTLED)
    buyer_pays_beyond = fields.Monetary(
        string="Buyer Pays beyond the Band", protected=SETTLED
    )
    seller_bears = fields.Monetary(
        protected=SETTLED, help="Memo only: no cash; the title goes to the buyer."
    )
    refund_single = fields.Monetary(string="Refund", protected=SETTLED)
    refund_double = fields.Monetary(
        string="Double Refund", protected=SETTLED, help="Beyond the band."
    )
    net = fields.Monetary(string="Formula Net", protected=SETTLED)
    manual_adjustment = fields.Monetary(
        bounds=SIGNED_AMOUNT,
        tracking=True,
        help="Added to the formula's net by a person, with the reason.",
    )
    manual_reason = fields.Char(string="Reason for the Adjustment", tracking=True)
    amount = fields.Monetary(
        string="Settled Amount",
        protected=SETTLED,
        aggregator="sum",
        help="> 0 the buyer pays, < 0 the buyer is refunded.",
    )
    adjusted_total = fields.Monetary(protected=SETTLED)
    amount_capital = fields.Char(string="Amount in Words", protected=SETTLED)

    # ------------------------------------------------------------- fees (§7.6)
    vat_before = fields.Monetary(string="VAT (Contract)", protected=SETTLED)
    vat_after = fields.Monetary(string="VAT (Settled)", protected=SETTLED)
    deed_tax_rate_before = fields.Float(
        string="Deed Tax Rate (Contract)", digits=(5, 4), protected=SETTLED
    )
    deed_tax_rate_after = fields.Float(
        string="Deed Tax Rate (Settled)", digits=(5, 4), protected=SETTLED
    )
    deed_tax_before = fields.Monetary(string="Deed Tax (Contract)", protected=SETTLED)
    deed_tax_after = fields.Monetary(string="Deed Tax (Settled)", protected=SETTLED)
    deed_tax_difference = fields.Monetary(protected=SETTLED)
    maintenance_fund_before = fields.Monetary(
        string="Maintenance Fund (Contract)", protected=SETTLED
    )
    maintenance_fund_after = fields.Monetary(
        string="Maintenance Fund (Settled)", protected=SETTLED
    )
    maintenance_fund_difference = fields.Monetary(protected=SETTLED)
    registration_fee = fields.Monetary(protected=SETTLED)

    # ------------------------------------------------------- rescission (§7.3)
    rescission_right = fields.Boolean(protected=SETTLED)
    buyer_choice = fields.Selection(
        CHOICES,
        tracking=True,
        help="The buyer's written choice when the error is beyond the band.",
    )
    notice_date = fields.Date(
        string="Choice Date", tracking=True, help="The date of the buyer's notice."
    )
    rescission_rate = fields.Float(
        string="Interest Rate", digits=(6, 5), protected=SETTLED
    )
    rescission_paid = fields.Monetary(string="Paid to Refund", protected=SETTLED)
    rescission_interest = fields.Monetary(
        string="Interest until the Refund", protected=SETTLED
    )
    rescission_refund = fields.Monetary(protected=SETTLED)
    rescission_deadline = fields.Date(string="Refund By", protected=SETTLED)

    # ---------------------------------------------------------------- applied
    applied = fields.Boolean(readonly=True, copy=False, protected=APPLIED)
    schedule_charge = fields.Monetary(
        string="On the Schedule",
        readonly=True,
        protected=APPLIED,
        help="The schedule line: the buyer pays (> 0), or the refund set against "
        "what the buyer still owes (< 0).",
    )
    schedule_refund = fields.Monetary(
        string="Paid Back",
        readonly=True,
        protected=APPLIED,
        help="The part of a refund paid to the buyer (nothing left to set it against).",
    )
    due_date = fields.Date(readonly=True, protected=APPLIED)

    _sql_constraints = [
        (
            "deal_batch_uniq",
            "unique(batch_id, deal_id)",
            "A contract is once in a batch.",
        )
    ]

    # ------------------------------------------------------------- computes
    @api.depends("batch_id.name", "room_id.code")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.batch_id.name} {line.room_id.code}"

    # ----------------------------------------------------------------- CRUD
    @api.model_create_multi
    @arguments(vals_list=ValsList())
    def create(self, vals_list):
        return super().create(vals_list)

    @arguments(vals=Vals())
    def write(self, vals):
        if self._is_unlocked():
            return super().write(vals)
        if set(vals) - HISTORY_FIELDS:
            closed = self.filtered(
                lambda line: (
                    line.batch_state not in ("computed", "to_approve", "approved")
                )
            )
            if closed:
                raise RealtyUserError(
                    codes.ERR_STATE_TRANSITION,
                    self.env._(
                        "Area adjustment batch %(batch)s is %(state)s: its lines do "
                        "not change.",
                        batch=closed[0].batch_id.name,
                        state=closed[0].batch_state,
                    ),
                )
        result = super().write(vals)
        if PERSON_FIELDS.intersection(vals):
            self._check_reason()
            self._resettle()
            self.batch_id._approval_check_void()
        return result

    def _check_reason(self):
        for line in self:
            if line.manual_adjustment and not (line.manual_reason or "").strip():
                raise RealtyUserError(
                    codes.ERR_INVALID_INPUT,
                    self.env._(
                        "%(line)s: a manual adjustment needs its reason.",
                        line=line.display_name,
                    ),
                )
            if line.buyer_choice and not line.rescission_right:
                raise RealtyUserError(
                    codes.ERR_STATE_TRANSITION,
                    self.env._(
                        "%(line)s is within the band: the buyer has no rescission "
                        "right to choose.",
                        line=line.display_name,
                    ),
                )

    # ------------------------------------------------------------ settlement
    @api.model
    def _basis(self, deal):
        """The contract's area clause (GF-2014-0171 Art. 13): the deal's option, or
        the project's pricing basis when the deal names none."""
        option = deal.area_option
        pricing = deal.project_id.pricing_basis
        if option == "unit" or (option in (False, "custom") and pricing == "per_unit"):
            return "unit"
        if option == "inner" or (option != "building" and pricing == "inner_area"):
            return INNER
        return BUILDING

    @api.model
    def _settlement_values(self, items):
        """The values of the lines of ``[(room, deal, (building, inner, shared))]``
        (measured areas as decimals), computed by the city policy
        (realty.city.policy._area_settlement)."""
        return [self._settle(room, deal, measured) for room, deal, measured in items]

    @api.model
    def _settle(self, room, deal, measured, manual=0):
        project = deal.project_id
        policy = project.policy_id or self.env.ref("realty_base.city_policy_national")
        contract = (
            to_decimal(room.area_building_pred),
            to_decimal(room.area_inner_pred),
            to_decimal(room.area_shared_pred),
        )
        basis = self._basis(deal)
        values = {
            "room_id": room.id,
            "deal_id": deal.id,
            "basis": basis,
            "area_building_contract": room.area_building_pred,
            "area_inner_contract": room.area_inner_pred,
            "area_shared_contract": room.area_shared_pred,
            "area_building_meas": float(measured[0]),
            "area_inner_meas": float(measured[1]),
            "area_shared_meas": float(measured[2]),
            "contract_total": deal.deal_total,
        }
        if basis == "unit":
            # Art. 19: a per-unit contract has no area formula; the measured areas
            # are recorded and the price stands
            values.update(
                band="na",
                amount=0.0,
                net=0.0,
                adjusted_total=deal.deal_total,
                amount_capital=amount_to_capital(0),
            )
            return values
        main, other = (0, 1) if basis == BUILDING else (1, 0)
        pricing = "building_area" if basis == BUILDING else "inner_area"
        a0 = contract[main]
        if project.pricing_basis == pricing and deal.pricing_area:
            a0 = to_decimal(deal.pricing_area)
            unit_price = to_decimal(deal.deal_unit_price)
        else:  # the unit price on the clause's basis (V-10's inner equivalent)
            unit_price = rnd(to_decimal(deal.deal_total) / a0) if a0 else 0
        rules = {"mode": project.area_adjust_mode}
        if project.area_adjust_mode == "custom":
            rules.update(
                band=to_decimal(project.area_adjust_band),
                over_band_buyer_share=to_decimal(project.area_adjust_buyer_share),
                under_band_refund_multiplier=to_decimal(
                    project.area_adjust_refund_multiplier
                ),
            )
        try:
            result = policy._area_settlement(
                a0,
                measured[main],
                unit_price,
                to_decimal(deal.deal_total),
                other_contract_area=contract[other],
                other_measured_area=measured[other],
                basis=basis,
                usage=room.usage,
                has_elevator=room.building_id.has_elevator,
                home_tier=deal.home_tier,
                individual_buyer=deal.individual_buyer,
                certificates=max(len(deal.buyer_ids), 1),
                land_cost_per_m2=to_decimal(project.land_cost_per_m2),
                property_right=room.property_right or "full",
                manual_adjustment=to_decimal(manual),
                **rules,
            )
        except RealtyError as exc:
            raise RealtyUserError(
                exc.code,
                self.env._(
                    "Room %(room)s: %(message)s", room=room.code, message=exc.message
                ),
            ) from exc
        adjustment = result.adjustment
        values.update(
            contract_area=float(a0),
            measured_area=float(measured[main]),
            unit_price=_money(unit_price),
            difference=float(adjustment.difference),
            band_limit=float(adjustment.band_limit),
            ratio=float(adjustment.ratio_percent),
            inner_ratio=float(adjustment.inner_ratio_percent or 0),
            within=adjustment.within,
            band="within" if adjustment.within else "beyond",
            buyer_pays=_money(adjustment.buyer_pays),
            buyer_pays_beyond=_money(adjustment.buyer_pays_beyond),
            seller_bears=_money(adjustment.seller_bears),
            refund_single=_money(adjustment.refund_single),
            refund_double=_money(adjustment.refund_double),
            net=_money(adjustment.net),
            amount=_money(result.amount),
            adjusted_total=_money(result.adjusted_total),
            amount_capital=amount_to_capital(result.amount),
            rescission_right=adjustment.rescission_right,
            vat_before=_money(result.vat_before),
            vat_after=_money(result.vat_after),
            deed_tax_rate_before=float(result.deed_tax_rate_before),
            deed_tax_rate_after=float(result.deed_tax_rate_after),
            deed_tax_before=_money(result.deed_tax_before),
            deed_tax_after=_money(result.deed_tax_after),
            deed_tax_difference=_money(result.deed_tax_difference),
            maintenance_fund_before=_money(result.maintenance_fund_before),
            maintenance_fund_after=_money(result.maintenance_fund_after),
            maintenance_fund_difference=_money(result.maintenance_fund_difference),
            registration_fee=_money(result.registration_fee),
        )
        return values

    def _resettle(self):
        """The lines computed again after a person's change (the manual
        adjustment, the buyer's choice)."""
        for line in self:
            measured = (
                to_decimal(line.area_building_meas),
                to_decimal(line.area_inner_meas),
                to_decimal(line.area_shared_meas),
            )
            values = self._settle(
                line.room_id, line.deal_id, measured, manual=line.manual_adjustment
            )
            values.update(line._rescission_values())
            line._unlocked().write(values)

    def _rescission_values(self):
        """The V-34 refund of a rescinding buyer: every payment received back with
        interest at the project's rate (0: the 1-year LPR on the notice date) up to
        the refund deadline (notice + the project's refund days)."""
        self.ensure_one()
        empty = {
            "rescission_rate": 0.0,
            "rescission_paid": 0.0,
            "rescission_interest": 0.0,
            "rescission_refund": 0.0,
            "rescission_deadline": False,
        }
        if self.buyer_choice != "rescind" or not self.notice_date:
            return empty
        project = self.project_id
        rate = to_decimal(project.rescission_interest_rate)
        if not rate:
            rate = self.env["realty.rate.lpr"].sudo()._on(self.notice_date)[0]
        deadline = self.notice_date + timedelta(days=project.rescission_refund_days)
        payments = [
            (payment.date, to_decimal(payment.amount))
            for payment in self.deal_id.sudo()._received_payments()
            if payment.date and payment.date <= deadline
        ]
        try:
            refund = rescission_refund(payments, deadline, rate)
        except RealtyError as exc:
            raise RealtyUserError(exc.code, exc.message) from exc
        return {
            "rescission_rate": float(rate),
            "rescission_paid": _money(refund.paid),
            "rescission_interest": _money(refund.interest),
            "rescission_refund": _money(refund.total),
            "rescission_deadline": deadline,
        }

    # ------------------------------------------------------------- schedule
    def _plan_schedule(self):
        """Where each line's amount goes on its deal's schedule (§7.4, §7.5): a
        charge due at handover; a refund first set against what the buyer still
        owes of the price (project setting: the down payment, installments and
        balance), the rest paid back. The loan is not recomputed: its bank
        disburses it whole, so a refund is never set against it."""
        buyer_items = ("down_payment", "installment", "balance")
        for line in self:
            deal = line.deal_id
            amount = to_decimal(line.amount)
            charge, refund = amount, to_decimal(0)
            if amount < 0:
                owed = to_decimal(0)
                if line.project_id.area_adjust_refund_offset_first:
                    payable = sum(
                        (
                            to_decimal(s.payable)
                            for s in deal.schedule_line_ids
                            if s.item in buyer_items
                        ),
                        to_decimal(0),
                    )
                    received = sum(
                        (
                            to_decimal(p.amount)
                            for p in deal._received_payments()
                            if p.item in buyer_items
                        ),
                        to_decimal(0),
                    )
                    owed = max(payable - received, to_decimal(0))
                offset = min(-amount, owed)
                charge, refund = -offset, -amount - offset
            line._unlocked().write(
                {
                    "schedule_charge": _money(charge),
                    "schedule_refund": _money(refund),
                    "due_date": line.batch_id._due_date(deal),
                }
            )

    def _schedule_values(self):
        """The deal's schedule lines of the settlement (a regenerated schedule
        keeps them)."""
        self.ensure_one()
        values = []
        common = {"deal_id": self.deal_id.id, "due_date": self.due_date}
        if self.schedule_charge:
            values.append(
                {
                    **common,
                    "sequence": SCHEDULE_SEQUENCE,
                    "item": "area_adjustment",
                    "amount": self.schedule_charge,
                    "payable": self.schedule_charge,
                }
            )
        if self.schedule_refund:
            values.append(
                {
                    **common,
                    "sequence": SCHEDULE_SEQUENCE + 1,
                    "item": "area_refund",
                    "amount": -self.schedule_refund,
                    "payable": -self.schedule_refund,
                }
            )
        return values

    def action_open_deal(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "realty.deal",
            "res_id": self.deal_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
