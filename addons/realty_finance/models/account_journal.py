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
