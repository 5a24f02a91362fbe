from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import format_amount

from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_base.tools import errors as codes
from odoo.addons.realty_base.tools import to_decimal

CHARGED = "action_charge_late_fee of the schedule line"


class RealtyLateFee(models.Model):
    """A late-payment penalty charged to the buyer (逾期违约金, §9.7): what a
    schedule line's penalty grew by from the previous charge (or its due date)
    through the charge's date, posted as a receivable against late-fee income.

    Each charge closes a period: a line is charged at most once through a given
    date, and each charge is the penalty so far less what was charged before, so
    the charges of a line add up to its penalty (rounded once, V-41)."""

    _name = "realty.late.fee"
    _inherit = ["realty.protected.mixin"]
    _description = "Late Payment Penalty Charge"
    _order = "date desc, id desc"
    _check_company_auto = True

    deal_id = fields.Many2one(
        "realty.deal", required=True, index=True, ondelete="cascade", protected=CHARGED
    )
    schedule_line_id = fields.Many2one(
        "realty.deal.schedule.line",
        index=True,
        ondelete="set null",
        protected=CHARGED,
    )
    # related fields write through to the deal: protected like the rest
    project_id = fields.Many2one(
        related="deal_id.project_id",
        store=True,
        index=True,
        precompute=True,
        protected=CHARGED,
    )
    company_id = fields.Many2one(
        related="deal_id.company_id",
        store=True,
        index=True,
        precompute=True,
        protected=CHARGED,
    )
    currency_id = fields.Many2one(related="deal_id.currency_id", protected=CHARGED)
    partner_id = fields.Many2one(
        related="deal_id.partner_id", string="Buyer", protected=CHARGED
    )
    item = fields.Selection(related="schedule_line_id.item", protected=CHARGED)
    due_date = fields.Date(related="schedule_line_id.due_date", protected=CHARGED)
    date_from = fields.Date(
        string="Counted After",
        readonly=True,
        protected=CHARGED,
        help="The due date, or the date of the previous charge of the line.",
    )
    date = fields.Date(string="Charged Through", readonly=True, protected=CHARGED)
    amount = fields.Monetary(readonly=True, aggregator="sum", protected=CHARGED)
    penalty_total = fields.Monetary(
        string="Penalty So Far",
        readonly=True,
        protected=CHARGED,
        help="The line's whole penalty on the charge's date, earlier charges included.",
    )
    move_id = fields.Many2one(
        "account.move", string="Journal Entry", readonly=True, protected=CHARGED
    )
    user_id = fields.Many2one(
        "res.users", string="Charged By", readonly=True, protected=CHARGED
    )

    _sql_constraints = [
        (
            "line_date_uniq",
            "UNIQUE(schedule_line_id, date)",
            "A schedule line's late penalty is charged once per period.",
        ),
    ]

    @api.depends("deal_id", "date")
    def _compute_display_name(self):
        for charge in self:
            charge.display_name = f"{charge.deal_id.name} {charge.date or ''}".strip()

    # ------------------------------------------------------------ business
    @api.model
    def _charge(self, lines, as_of):
        """Charge the penalty each of `lines` accrued through `as_of` since its
        last charge: one voucher per deal (Dr 应收账款 / Cr 营业外收入), one
        charge per line. ``ERR_STATE_TRANSITION`` when nothing is left to charge."""
        before = defaultdict(lambda: (0.0, None))
        # what was charged before, whoever may read it: a charge is never repeated
        for line, amount, last in self.sudo()._read_group(
            [("schedule_line_id", "in", lines.ids)],
            ["schedule_line_id"],
            ["amount:sum", "date:max"],
        ):
            before[line.id] = (amount, last)
        by_deal = defaultdict(list)
        for line in lines:
            charged, last = before[line.id]
            if last and last >= as_of:
                continue  # this period is charged
            total = line._late_penalty_as_of(as_of)
            amount = total - to_decimal(line.currency_id.round(charged))
            if amount <= 0:
                continue
            by_deal[line.deal_id].append(
                {
                    "deal_id": line.deal_id.id,
                    "schedule_line_id": line.id,
                    "date_from": last or line.due_date,
                    "date": as_of,
                    "amount": float(amount),
                    "penalty_total": float(total),
                    "user_id": self.env.uid,
                }
            )
        if not by_deal:
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._(
                    "No late payment penalty is left to charge on %(deals)s as of "
                    "%(date)s.",
                    deals=", ".join(lines.deal_id.mapped("name")),
                    date=as_of,
                ),
            )
        charges = self.browse()
        for deal, vals_list in by_deal.items():
            charges |= self._post_charges(deal.sudo(), vals_list, as_of)
        return charges

    @api.model
    def _post_charges(self, deal, vals_list, as_of):
        """Post one deal's charges and log them on the deal."""
        company = deal.company_id
        receivable = company._realty_account("receivable")
        income = company._realty_account("late_fee")
        entries = []
        Line = self.env["realty.deal.schedule.line"]
        for vals in vals_list:
            line = Line.browse(vals["schedule_line_id"])
            label = self.env._(
                "Late penalty (逾期违约金) %(item)s due %(due)s, %(start)s to %(end)s",
                item=dict(line._fields["item"]._description_selection(self.env))[
                    line.item
                ],
                due=line.due_date,
                start=vals["date_from"],
                end=as_of,
            )
            entries.append(deal._finance_line(receivable, vals["amount"], label))
            entries.append(deal._finance_line(income, -vals["amount"], label))
        move = deal._finance_post_voucher(
            entries, self.env._("Late payment penalty"), date=as_of
        )
        charges = (
            self.sudo()
            ._unlocked()
            .create([{**vals, "move_id": move.id} for vals in vals_list])
        )
        deal.message_post(
            body=self.env._(
                "Late payment penalty of %(amount)s charged through %(date)s "
                "(%(move)s).",
                amount=format_amount(
                    self.env, sum(charges.mapped("amount")), deal.currency_id
                ),
                date=as_of,
                move=move.name,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return self.browse(charges.ids)

    def _action_view(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Late Fees Charged"),
            "res_model": "realty.late.fee",
            "view_mode": "list,form",
            "domain": [("id", "in", self.ids)],
        }
