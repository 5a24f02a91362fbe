from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_base.tools import errors as codes

FINANCE = "realty_base.group_realty_finance"


class RealtyBankMatch(models.TransientModel):
    """到账确认 (§9.5): the open statement lines of the supervision accounts, each
    with the deal money in transit it may confirm. Clear single matches come
    ticked; a line with several candidates, or a many-to-one match (a POS
    settlement, a cash deposit of several receipts), waits for the user to tick
    the right one. Confirming reconciles the ticked proposals
    (account.bank.statement.line ``_realty_match``)."""

    _name = "realty.bank.match"
    _description = "Bank Matching"

    journal_ids = fields.Many2many(
        "account.journal",
        string="Supervision Accounts",
        domain="[('id', 'in', allowed_journal_ids)]",
        default=lambda self: self._default_journals(),
    )
    allowed_journal_ids = fields.Many2many(
        "account.journal", compute="_compute_allowed_journals"
    )
    statement_line_ids = fields.Many2many(
        "account.bank.statement.line",
        string="Statement Lines",
        default=lambda self: self._default_statement_lines(),
        help="The lines to match; all the open lines of the accounts when empty.",
    )
    line_ids = fields.One2many("realty.bank.match.line", "match_id", string="Proposals")
    proposal_count = fields.Integer(compute="_compute_proposal_count")

    @api.model
    def _supervision_journals(self):
        """The supervision accounts of the projects the user works on."""
        return self.env["realty.project"].search([]).supervision_journal_id

    @api.model
    def _default_journals(self):
        return self._supervision_journals()

    @api.model
    def _default_statement_lines(self):
        if self.env.context.get("active_model") != "account.bank.statement.line":
            return self.env["account.bank.statement.line"]
        return self.env["account.bank.statement.line"].browse(
            self.env.context.get("active_ids") or []
        )

    def _compute_allowed_journals(self):
        journals = self._supervision_journals()
        for match in self:
            match.allowed_journal_ids = journals

    @api.depends("line_ids")
    def _compute_proposal_count(self):
        for match in self:
            match.proposal_count = len(match.line_ids)

    # ----------------------------------------------------------------- actions
    def action_propose(self):
        """Fill the proposals again from the open statement lines."""
        self.ensure_one()
        self._check_finance()
        st_lines = self._statement_lines()
        proposals = st_lines.sudo()._realty_proposals()
        self.line_ids = [fields.Command.clear()] + [
            fields.Command.create(
                {
                    "statement_line_id": proposal["statement_line"].id,
                    "payment_ids": [fields.Command.set(proposal["payments"].ids)],
                    "kind": proposal["kind"],
                    "by_reference": proposal["by_reference"],
                    "selected": proposal["selected"],
                }
            )
            for proposal in proposals
        ]
        return self._reopen()

    def action_confirm(self):
        """Reconcile the ticked proposals: a statement line and a payment are
        taken once each."""
        self.ensure_one()
        self._check_finance()
        chosen = self.line_ids.filtered("selected")
        if not chosen:
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._("Tick the matches to confirm."),
            )
        journals = self._supervision_journals()
        lines_seen, payments_seen = set(), set()
        for line in chosen:
            st_line = line.statement_line_id
            if st_line.journal_id not in journals:
                raise AccessError(
                    self.env._(
                        "%(journal)s is not the supervision account of a project "
                        "you work on.",
                        journal=st_line.journal_id.display_name,
                    )
                )
            if st_line.id in lines_seen or payments_seen & set(line.payment_ids.ids):
                raise RealtyUserError(
                    codes.ERR_INVALID_INPUT,
                    self.env._(
                        "Statement line %(line)s, or its money, is ticked twice.",
                        line=st_line.display_name,
                    ),
                )
            lines_seen.add(st_line.id)
            payments_seen |= set(line.payment_ids.ids)
        # the reconciliation is the server's effect of the finance user's
        # confirmation: accounting writes run as superuser
        for line in chosen:
            line.statement_line_id.sudo()._realty_match(line.payment_ids.sudo())
        chosen.unlink()
        return self._reopen()

    # ---------------------------------------------------------------- helpers
    def _check_finance(self):
        if not self.env.user.has_group(FINANCE):
            raise AccessError(
                self.env._("Bank statements are matched by the finance team.")
            )

    def _statement_lines(self):
        """The chosen lines, else the open lines of the chosen accounts (of the
        user's projects in any case)."""
        journals = self._supervision_journals()
        if self.journal_ids:
            journals &= self.journal_ids
        StLine = self.env["account.bank.statement.line"].sudo()
        if self.statement_line_ids:
            return self.statement_line_ids.sudo().filtered(
                lambda st: st.journal_id in journals
            )
        return StLine.search(
            [("journal_id", "in", journals.ids), ("is_reconciled", "=", False)],
            order="date, id",
        )

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Bank Matching"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
