from odoo import api, fields, models

from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_base.inputs import Vals, ValsList, arguments
from odoo.addons.realty_base.tools import errors as codes

from .realty_deal_fee import FEE_TYPES

CONFIRMED = "action_confirm"


class RealtyFeeTransfer(models.Model):
    """A batch transfer-out (划出) of fees collected for others: the collected
    fees of one type are paid to the authority (the tax bureau, the housing-fund
    centre) in one outbound payment out of their liability account (代收)."""

    _name = "realty.fee.transfer"
    _inherit = ["mail.thread", "realty.protected.mixin"]
    _description = "Collected Fees Transfer-Out"
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, default=lambda self: self.env._("New"))
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    project_id = fields.Many2one("realty.project", check_company=True)
    fee_type = fields.Selection(FEE_TYPES, required=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Paid To",
        required=True,
        help="The tax bureau or the housing-fund centre.",
    )
    journal_id = fields.Many2one(
        "account.journal",
        required=True,
        check_company=True,
        domain="[('type', '=', 'bank')]",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    fee_ids = fields.One2many(
        "realty.deal.fee", "transfer_id", readonly=True, protected=CONFIRMED
    )
    amount = fields.Monetary(compute="_compute_amount", store=True)
    payment_id = fields.Many2one(
        "account.payment", readonly=True, copy=False, protected=CONFIRMED
    )
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Transferred")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        protected=CONFIRMED,
    )

    @api.depends("fee_ids.amount")
    def _compute_amount(self):
        for transfer in self:
            transfer.amount = sum(transfer.fee_ids.mapped("amount"))

    @api.model_create_multi
    @arguments(vals_list=ValsList())
    def create(self, vals_list):
        return super().create(vals_list)

    @arguments(vals=Vals())
    def write(self, vals):
        if not self._is_unlocked() and any(t.state == "done" for t in self):
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._("A transfer-out that was paid is history."),
            )
        return super().write(vals)

    def _collected(self):
        """The fees of the type collected in full and not transferred yet."""
        self.ensure_one()
        domain = [
            ("company_id", "=", self.company_id.id),
            ("fee_type", "=", self.fee_type),
            ("state", "=", "collected"),
            ("transfer_id", "=", False),
            ("amount", ">", 0),
        ]
        if self.project_id:
            domain.append(("project_id", "=", self.project_id.id))
        return self.env["realty.deal.fee"].sudo().search(domain)

    def action_confirm(self):
        """Pay every collected fee of the type to the authority in one payment."""
        for transfer in self:
            if transfer.state != "draft":
                raise RealtyUserError(
                    codes.ERR_STATE_TRANSITION,
                    self.env._("The transfer-out is done already."),
                )
            fees = transfer._collected()
            if not fees:
                raise RealtyUserError(
                    codes.ERR_STATE_TRANSITION,
                    self.env._("No collected fee of this type waits to be paid."),
                )
            company = transfer.company_id
            payment = company._realty_post_payment(
                "outbound",
                transfer.journal_id,
                fees[:1]._account(),
                partner_type="supplier",
                partner_id=transfer.partner_id.id,
                amount=sum(fees.mapped("amount")),
                date=transfer.date,
                memo=transfer.name,
            )
            fees._unlocked().write({"transfer_id": transfer.id})
            transfer._unlocked().write({"state": "done", "payment_id": payment.id})
        return True
