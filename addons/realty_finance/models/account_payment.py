from odoo import fields, models


class AccountPayment(models.Model):
    _inherit = "account.payment"

    realty_deal_id = fields.Many2one(
        "realty.deal", string="Deal", index="btree_not_null", readonly=True
    )
    realty_queue_number_id = fields.Many2one(
        "realty.queue.number",
        string="Queue Number",
        index="btree_not_null",
        readonly=True,
    )
    realty_receipt_id = fields.Many2one(
        "realty.receipt", string="Receipt", index="btree_not_null", readonly=True
    )

    def _prepare_move_line_default_vals(
        self, write_off_line_vals=None, force_balance=None
    ):
        """The payment's items carry its deal or queue number (the ledger)."""
        lines = super()._prepare_move_line_default_vals(
            write_off_line_vals=write_off_line_vals, force_balance=force_balance
        )
        tags = {}
        if self.realty_deal_id:
            tags["realty_deal_id"] = self.realty_deal_id.id
        if self.realty_queue_number_id:
            tags["realty_queue_number_id"] = self.realty_queue_number_id.id
        return [{**line, **tags} for line in lines] if tags else lines
