from odoo import api, fields, models

from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_base.inputs import Text, arguments
from odoo.addons.realty_base.tools import errors as codes

from .realty_service_type import LOAN_FIELDS

AREA_ADJUST_STATES = [
    ("none", "Not Measured"),
    ("pending", "To Settle"),
    ("settled", "Settled"),
    ("waived", "Waived"),
]


class RealtyDeal(models.Model):
    _inherit = "realty.deal"

    area_adjust_state = fields.Selection(
        AREA_ADJUST_STATES,
        string="Area Adjustment",
        required=True,
        default="none",
        readonly=True,
        copy=False,
        tracking=True,
        protected="area adjustment batches (apply, waive)",
        help="Where the deal's area adjustment (面积补差, §7) stands: handover (F12) "
        "waits until it is settled or waived by approval.",
    )

    # ---------------------------------------------------- handover (F12, §9.10)
    handover_count = fields.Integer(compute="_compute_handover_count")

    def _compute_handover_count(self):
        counts = dict(
            self.env["realty.handover"]._read_group(
                [("deal_id", "in", self.ids)], ["deal_id"], ["__count"]
            )
        )
        for deal in self:
            deal.handover_count = counts.get(deal, 0)

    def action_view_handover(self):
        """The deal's handover (交房), or a new one for it."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "realty_aftersales.realty_handover_action"
        )
        handover = self.env["realty.handover"].search(
            [("deal_id", "=", self.id)], limit=1
        )
        action.update(
            views=[(False, "form")],
            view_mode="form",
            res_id=handover.id,
            context={"default_deal_id": self.id},
        )
        return action

    def _handover_area_adjustment(self):
        """``{deal id: amount}``: the net of the deals' settled area adjustments
        (§7) the buyer pays (negative: refunded), printed on the handover
        notice."""
        return {
            deal.id: deal.area_adjust_line_id.amount
            for deal in self
            if deal.area_adjust_state == "settled" and deal.area_adjust_line_id
        }

    # --------------------------------------------------------------------------
    # Area adjustment batches (面积补差, §7.4-§7.6): the deal's settlement line,
    # the fees on the settled figures, the settlement kept when the schedule is
    # regenerated.
    # --------------------------------------------------------------------------
    area_adjust_line_ids = fields.One2many(
        "realty.area.adjust.line",
        "deal_id",
        string="Area Adjustment Lines",
        readonly=True,
        protected="area adjustment batches (action_import)",
    )
    area_adjust_line_id = fields.Many2one(
        "realty.area.adjust.line",
        string="Area Settlement",
        compute="_compute_area_adjust_line",
        help="The applied area adjustment of the contract.",
    )

    @api.depends("area_adjust_line_ids.applied")
    def _compute_area_adjust_line(self):
        for deal in self:
            deal.area_adjust_line_id = deal.area_adjust_line_ids.filtered("applied")[
                -1:
            ]

    area_waive_reason = fields.Char(
        string="Area Adjustment Waived Because",
        readonly=True,
        copy=False,
        protected="action_waive_area_adjustment",
    )
    area_waived_by_id = fields.Many2one(
        "res.users",
        string="Area Adjustment Waived By",
        readonly=True,
        copy=False,
        protected="action_waive_area_adjustment",
    )

    @arguments(reason=Text(optional=False))
    def action_waive_area_adjustment(self, reason):
        """Waive the area adjustment of signed contracts (§7.4 step 6, F12): the
        parties agreed in writing to no settlement, or the contract has no area
        clause. An after-sales manager or the project's general manager decides,
        with the reason; the deal's chatter keeps it. A deal in an open batch is
        taken out of the batch first (its line is the settlement to approve)."""
        if not (
            self.env.user.has_group("realty_aftersales.group_realty_aftersales_manager")
            or self.env.user.has_group("realty_base.group_realty_gm")
        ):
            raise RealtyUserError(
                codes.ERR_APPROVAL_REQUIRED,
                self.env._(
                    "Only an after-sales manager or the project's general manager "
                    "waives an area adjustment."
                ),
            )
        reason = (reason or "").strip()
        if not reason:
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._("Say why the area adjustment is waived."),
            )
        # the deals of the manager's projects (after-sales does not edit deals: the
        # waiver is written by the server below)
        self.check_access("read")
        for deal in self:
            if deal.status != "active" or deal.stage != "contract":
                raise RealtyUserError(
                    codes.ERR_STATE_TRANSITION,
                    self.env._(
                        "Only the area adjustment of an active contract is waived, "
                        "not of %(deal)s.",
                        deal=deal.name,
                    ),
                )
            if deal.area_adjust_state != "none":
                state = dict(
                    deal._fields["area_adjust_state"]._description_selection(self.env)
                )[deal.area_adjust_state]
                raise RealtyUserError(
                    codes.ERR_STATE_TRANSITION,
                    self.env._(
                        "The area adjustment of %(deal)s is %(state)s: cancel its "
                        "batch before waiving it.",
                        deal=deal.name,
                        state=state,
                    ),
                )
        # sudo: the decision was checked above; the state is written by the server
        self.sudo()._unlocked().write(
            {
                "area_adjust_state": "waived",
                "area_waive_reason": reason,
                "area_waived_by_id": self.env.uid,
            }
        )
        # sudo: after-sales does not write deals, so the chatter is posted as the
        # server, signed by the manager who decided
        for deal in self.sudo():
            deal.message_post(
                body=self.env._("Area adjustment waived: %(reason)s", reason=reason),
                author_id=self.env.user.partner_id.id,
            )
        return True

    def _fee_basis(self):
        """A settled deal's fees are on the adjusted total and the measured building
        area (§7.6)."""
        self.ensure_one()
        line = self.area_adjust_line_id
        if self.area_adjust_state == "settled" and line:
            return line.adjusted_total, line.area_building_meas
        return super()._fee_basis()

    def _generate_schedule(self):
        """A regenerated schedule (a change order) keeps the settled area
        adjustment's lines."""
        result = super()._generate_schedule()
        lines = self.filtered(
            lambda d: d.area_adjust_state == "settled"
        ).area_adjust_line_ids.filtered("applied")
        values = [vals for line in lines for vals in line._schedule_values()]
        if values:
            self.env["realty.deal.schedule.line"]._unlocked().create(values)
        return result

    # ---------------------------------------------- service cases (售后服务)
    service_case_ids = fields.One2many(
        "realty.service.case",
        "deal_id",
        string="Service Cases",
        readonly=True,
        protected="the flow (signing, handover) or a new case",
    )
    service_case_count = fields.Integer(
        string="Services", compute="_compute_service_case_count"
    )

    def _compute_service_case_count(self):
        counts = dict(
            self.env["realty.service.case"]._read_group(
                [("deal_id", "in", self.ids)], ["deal_id"], ["__count"]
            )
        )
        for deal in self:
            deal.service_case_count = counts.get(deal, 0)

    def action_view_service_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "realty_aftersales.realty_service_case_action"
        )
        action["domain"] = [("deal_id", "=", self.id)]
        action["context"] = {"default_deal_id": self.id}
        return action

    def _advance(self, stage):
        """A signed contract opens its service cases (registration, and the
        mortgage or provident-fund case of a loan), once, for the batch."""
        result = super()._advance(stage)
        if stage == "contract":
            signed = self.filtered(
                lambda d: d.status == "active" and d.stage == "contract"
            )
            self.env["realty.service.case"]._open_on_signing(signed)
        return result

    def _on_handed_over(self):
        """After the rooms of these deals are handed over (F12): the services
        opened on handover (the property certificate)."""
        self.env["realty.service.case"]._open_on_handover(self)
        return True

    @api.model
    def _loan_approved_pairs(self, deals):
        """``{(deal id, loan kind)}`` of the loan cases of `deals` at or past a
        stage flagged "loan approved or later"."""
        # sudo: the handover's check reads every loan case, whoever hands over
        cases = (
            self.env["realty.service.case"]
            .sudo()
            .search_fetch(
                [
                    ("deal_id", "in", deals.ids),
                    ("loan_kind", "!=", "none"),
                    ("stage_id.loan_approved", "=", True),
                ],
                ["deal_id", "loan_kind"],
            )
        )
        return {(case.deal_id.id, case.loan_kind) for case in cases}

    def _loans_not_approved(self):
        """The deals among these whose loan (commercial or provident) is not yet
        approved by the lender: no loan case at a "loan approved or later" stage
        (handover.payment_condition, §9.10)."""
        with_loans = self.filtered(
            lambda d: any(d[field] > 0 for field in LOAN_FIELDS.values())
        )
        approved = self._loan_approved_pairs(with_loans)
        return with_loans.filtered(
            lambda d: any(
                d[field] > 0 and (d.id, kind) not in approved
                for kind, field in LOAN_FIELDS.items()
            )
        )
