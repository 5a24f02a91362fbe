from odoo import api, models

from odoo.addons.realty_base.inputs import ValsList, arguments


class AccountJournal(models.Model):
    _inherit = "account.journal"

    @api.model_create_multi
    @arguments(vals_list=ValsList())
    def create(self, vals_list):
        """A new bank or cash journal of a company on the realty accounts waits
        for the bank like the others (configured now, not on its first payment:
        two first payments at once would both write it)."""
        journals = super().create(vals_list)
        journals.filtered(
            lambda j: j.type in ("bank", "cash") and j.company_id.realty_journal_id
        )._realty_ensure_outstanding()
        return journals

    def _realty_ensure_outstanding(self):
        """Money received into the journal waits on Odoo's outstanding receipts
        (payments) account until a bank statement line is matched with it (在途,
        §9.5). A journal whose payment methods have no outstanding account would
        post straight to the bank and count the money as arrived: give them the
        company's."""
        for journal in self.sudo():
            company = journal.company_id
            for lines, kind in (
                (journal.inbound_payment_method_line_ids, "inbound"),
                (journal.outbound_payment_method_line_ids, "outbound"),
            ):
                empty = lines.filtered(lambda line: not line.payment_account_id)
                if empty:
                    empty.payment_account_id = company._realty_outstanding_account(kind)

    def _realty_arrived_method_line(self, payment_type):
        """The journal's payment method line whose money posts straight to the
        bank account (arrived, §9.6: a bank's disbursement list): Odoo reads a
        payment's outstanding account off its method line, so that line is the
        way to say the money is in the bank. Opened once, after the journal's
        own lines (a new payment takes the first line by default)."""
        self.ensure_one()
        journal = self.sudo()
        lines = journal[f"{payment_type}_payment_method_line_ids"]
        line = lines.filtered(
            lambda line: line.payment_account_id == journal.default_account_id
        )[:1]
        if not line:
            manual = self.env.ref(
                "account.account_payment_method_manual_in"
                if payment_type == "inbound"
                else "account.account_payment_method_manual_out"
            )
            line = (
                self.env["account.payment.method.line"]
                .sudo()
                .create(
                    {
                        "name": self.env._("Arrived in the Bank (到账)"),
                        "journal_id": journal.id,
                        "payment_method_id": manual.id,
                        "payment_account_id": journal.default_account_id.id,
                        "sequence": max(lines.mapped("sequence"), default=10) + 1,
                    }
                )
            )
        return line
