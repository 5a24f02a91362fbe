from odoo import api, fields, models

FEE_TYPES = [
    ("deed_tax", "Deed Tax (契税)"),
    ("stamp_duty", "Stamp Duty (印花税)"),
    ("registration_fee", "Registration Fee (登记费)"),
    ("maintenance_fund", "Maintenance Fund (维修基金)"),
]
COMPUTED = "action_compute_fees of the deal"
FEE_STATES = [
    ("to_collect", "To Collect"),
    ("partial", "Partially Collected"),
    ("collected", "Collected"),
    ("transferred", "Transferred Out (已划出)"),
]


class RealtyDealFee(models.Model):
    """A fee collected for others on a deal (代收费用, §6): the deed tax, stamp duty,
    registration fee and maintenance fund, computed by the project's city policy
    (realty.city.policy._collection_fees, the calculator's), owed by the buyer as
    another receivable (其他应收款) against the fee's own liability (代收), and
    transferred out (划出) to the tax bureau or the housing-fund centre."""

    _name = "realty.deal.fee"
    _inherit = ["realty.protected.mixin"]
    _description = "Collected Fee"
    _order = "deal_id, fee_type"

    deal_id = fields.Many2one(
        "realty.deal", required=True, index=True, ondelete="cascade", protected=COMPUTED
    )
    project_id = fields.Many2one(related="deal_id.project_id", store=True, index=True)
    company_id = fields.Many2one(related="deal_id.company_id", store=True)
    currency_id = fields.Many2one(related="deal_id.currency_id")
    partner_id = fields.Many2one(related="deal_id.partner_id")
    fee_type = fields.Selection(FEE_TYPES, required=True, protected=COMPUTED)
    amount = fields.Monetary(aggregator="sum", protected=COMPUTED)
    receivable_line_ids = fields.One2many(
        "account.move.line", "realty_deal_fee_id", readonly=True
    )
    amount_collected = fields.Monetary(
        compute="_compute_collected", store=True, aggregator="sum"
    )
    amount_residual = fields.Monetary(
        string="To Collect", compute="_compute_collected", store=True, aggregator="sum"
    )
    transfer_id = fields.Many2one(
        "realty.fee.transfer",
        string="Transferred Out By",
        readonly=True,
        copy=False,
        index="btree_not_null",
        protected="the transfer-out (realty.fee.transfer)",
    )
    state = fields.Selection(
        FEE_STATES, compute="_compute_collected", store=True, index=True
    )

    _sql_constraints = [
        (
            "deal_type_uniq",
            "unique(deal_id, fee_type)",
            "One line per fee type and deal.",
        ),
    ]

    @api.depends(
        "amount",
        "transfer_id",
        "receivable_line_ids.amount_residual",
        "receivable_line_ids.parent_state",
    )
    def _compute_collected(self):
        for fee in self:
            posted = fee.receivable_line_ids.filtered(
                lambda aml: aml.parent_state == "posted"
            )
            owed = sum(posted.mapped("balance"))
            residual = sum(posted.mapped("amount_residual"))
            fee.amount_residual = residual
            fee.amount_collected = owed - residual
            if fee.transfer_id:
                fee.state = "transferred"
            elif fee.currency_id.is_zero(residual):
                fee.state = "collected"
            elif fee.currency_id.is_zero(fee.amount_collected):
                fee.state = "to_collect"
            else:
                fee.state = "partial"

    def _account(self):
        self.ensure_one()
        return self.deal_id.company_id._realty_account(f"fee_{self.fee_type}")
