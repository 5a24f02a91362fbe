from odoo import api, fields, models

MATCH_KINDS = [("single", "One Payment"), ("group", "Several Payments")]


class RealtyBankMatchLine(models.TransientModel):
    """One proposal: a statement line and the money it confirms."""

    _name = "realty.bank.match.line"
    _description = "Bank Matching Proposal"
    _order = "date, statement_line_id, id"

    match_id = fields.Many2one(
        "realty.bank.match", required=True, ondelete="cascade", index=True
    )
    selected = fields.Boolean(string="Match")
    statement_line_id = fields.Many2one(
        "account.bank.statement.line", required=True, readonly=True
    )
    date = fields.Date(related="statement_line_id.date")
    label = fields.Char(related="statement_line_id.payment_ref")
    bank_reference = fields.Char(related="statement_line_id.ref")
    currency_id = fields.Many2one(related="statement_line_id.currency_id")
    amount = fields.Monetary(related="statement_line_id.amount")
    payment_ids = fields.Many2many(
        "account.payment", string="Money in Transit", readonly=True
    )
    payment_amount = fields.Monetary(compute="_compute_payments")
    deals = fields.Char(compute="_compute_payments")
    payment_date = fields.Date(compute="_compute_payments")
    kind = fields.Selection(MATCH_KINDS, readonly=True, default="single")
    by_reference = fields.Boolean(string="Reference Matches", readonly=True)

    @api.depends("payment_ids")
    def _compute_payments(self):
        for line in self:
            payments = line.payment_ids
            line.payment_amount = sum(payments.mapped("amount"))
            line.deals = ", ".join(
                dict.fromkeys(
                    (p.realty_deal_id or p.realty_queue_number_id).display_name
                    for p in payments
                )
            )
            line.payment_date = min(payments.mapped("date"), default=False)
