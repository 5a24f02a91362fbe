from collections import defaultdict
from datetime import timedelta

from odoo import models

from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_base.tools import errors as codes

DEFAULT_WINDOW = 3
"""recon.date_window_days (§9.5, §11) of money whose project says nothing."""
MIN_REFERENCE = 6
"""Characters of a statement line's reference found inside a payment's (a POS
trace the bank gives without the terminal's prefix): fewer would match anything."""


class AccountBankStatementLine(models.Model):
    """Bank matching (到账确认, §9.5). Odoo Community has no reconciliation screen:
    a statement line of a supervision account is matched here with the deal money
    waiting on the outstanding accounts (在途).

    A proposal needs the amount (a POS settlement arrives net of the fee, which is
    what its payment carries) and a date within the project's
    ``recon_date_window_days``; when the statement line carries the reference of
    some of them (POS terminal trace, bank serial), only those are proposed.
    Confirming a match leaves a standard reconciliation: the statement line's
    suspense item is moved to the payments' outstanding account and reconciled with
    their outstanding items, as Odoo's own tests and OCA's account_reconcile_oca
    do, so the payments are matched and no longer in transit."""

    _inherit = "account.bank.statement.line"

    # -------------------------------------------------------------- proposals
    def _realty_open_lines(self):
        """The lines still waiting for their counterpart: posted, one suspense
        item and nothing else reconciled on them."""
        open_lines = self.browse()
        for st_line in self:
            if st_line.is_reconciled or st_line.move_id.state != "posted":
                continue
            _liquidity, suspense, other = st_line._seek_for_lines()
            if len(suspense) == 1 and not other and not suspense.reconciled:
                open_lines |= st_line
        return open_lines

    def _realty_candidates(self):
        """``(payments, {payment: (window, reference, method)})``: the posted deal
        and queue-number payments of these lines' journals still in transit, within
        the widest window of their dates."""
        Payment = self.env["account.payment"]
        if not self:
            return Payment, {}
        Project = self.env["realty.project"].with_context(active_test=False)
        widest = Project._read_group([], aggregates=["recon_date_window_days:max"])
        days = max(widest[0][0] or 0, DEFAULT_WINDOW)
        dates = self.mapped("date")
        payments = Payment.search(
            [
                ("journal_id", "in", self.journal_id.ids),
                ("state", "=", "in_process"),
                ("is_matched", "=", False),
                "|",
                ("realty_deal_id", "!=", False),
                ("realty_queue_number_id", "!=", False),
                ("date", ">=", min(dates) - timedelta(days=days)),
                ("date", "<=", max(dates) + timedelta(days=days)),
            ],
            order="date, id",
        )
        recorded = {
            deal_payment.account_payment_id: deal_payment
            for deal_payment in self.env["realty.deal.payment"].search(
                [("account_payment_id", "in", payments.ids)]
            )
        }
        facts = {}
        for payment in payments:
            project = (
                payment.realty_deal_id.project_id
                or payment.realty_queue_number_id.project_id
            )
            deal_payment = recorded.get(payment)
            reference = deal_payment.reference if deal_payment else False
            if deal_payment and reference == deal_payment.receipt_id.name:
                reference = False  # the receipt's number: not the bank's
            facts[payment] = (
                project.recon_date_window_days if project else DEFAULT_WINDOW,
                _reference(reference),
                deal_payment.method if deal_payment else False,
            )
        return payments, facts

    def _realty_proposals(self):
        """What the open lines may confirm, as a list of dictionaries
        (``statement_line``, ``payments``, ``kind``: single or group,
        ``by_reference``, ``selected``): for each line, the in-transit payments of
        its amount within their project's window; only those whose reference the
        line carries when there are such. A line with no such payment is offered
        the groups of payments of one day (and of one method) whose total is its
        amount: a many-to-one match, never selected before the user confirms it."""
        st_lines = self._realty_open_lines().sorted(lambda st: (st.date, st.id))
        payments, facts = st_lines._realty_candidates()
        proposals = []
        for st_line in st_lines:
            inbound = st_line.amount > 0
            currency = st_line.currency_id
            candidates, by_reference = [], []
            for payment in payments:
                window, reference, _method = facts[payment]
                if (
                    payment.journal_id != st_line.journal_id
                    or (payment.payment_type == "inbound") != inbound
                    or abs((st_line.date - payment.date).days) > window
                ):
                    continue
                candidates.append(payment)
                if st_line._realty_carries(reference):
                    by_reference.append(payment)
            same = [
                payment
                for payment in candidates
                if not currency.compare_amounts(payment.amount, abs(st_line.amount))
            ]
            single = [payment for payment in same if payment in by_reference] or same
            if single:
                for payment in single:
                    proposals.append(
                        {
                            "statement_line": st_line,
                            "payments": payment,
                            "kind": "single",
                            "by_reference": payment in by_reference,
                            "selected": len(single) == 1,
                        }
                    )
                continue
            for group in _groups(candidates, facts):
                total = sum(group.mapped("amount"))
                if not currency.compare_amounts(total, abs(st_line.amount)):
                    proposals.append(
                        {
                            "statement_line": st_line,
                            "payments": group,
                            "kind": "group",
                            "by_reference": False,
                            "selected": False,
                        }
                    )
        # a payment several lines could take is selected for none of them
        chosen = defaultdict(int)
        for proposal in proposals:
            if proposal["selected"]:
                chosen[proposal["payments"]] += 1
        for proposal in proposals:
            if proposal["selected"] and chosen[proposal["payments"]] > 1:
                proposal["selected"] = False
        return proposals

    def _realty_carries(self, reference):
        """Whether the line's reference or label carries the payment's reference
        (a POS terminal trace, a bank serial), or the payment's reference
        contains the line's (of 6 characters at least)."""
        self.ensure_one()
        if not reference:
            return False
        serial, label = _reference(self.ref), _reference(self.payment_ref)
        return (
            reference in serial
            or reference in label
            or (len(serial) >= MIN_REFERENCE and serial in reference)
        )

    # ---------------------------------------------------------------- matching
    def _realty_match(self, payments):
        """Confirm that the bank received (or paid) `payments` on this line: the
        suspense item takes their outstanding account and is reconciled with their
        outstanding items. The entry is reset to draft, changed and posted again
        (nothing is edited in a posted entry)."""
        self.ensure_one()
        if not self._realty_open_lines():
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._(
                    "Statement line %(line)s is matched already.",
                    line=self.display_name,
                ),
            )
        _liquidity, suspense, _other = self._seek_for_lines()
        pending = payments.filtered(
            lambda p: (
                p.state == "in_process"
                and not p.is_matched
                and (p.realty_deal_id or p.realty_queue_number_id)
            )
        )
        if not payments or pending != payments:
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._(
                    "Only deal money still in transit is matched with a bank "
                    "statement line."
                ),
            )
        if payments.journal_id != self.journal_id:
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._(
                    "The money was received into %(journal)s, not into the account "
                    "of statement line %(line)s.",
                    journal=", ".join(payments.journal_id.mapped("display_name")),
                    line=self.display_name,
                ),
            )
        outstanding = self.env["account.move.line"]
        for payment in payments:
            liquidity, _counterpart, _writeoff = payment._seek_for_lines()
            outstanding |= liquidity.filtered(lambda line: not line.reconciled)
        residual = sum(outstanding.mapped("amount_residual"))
        if (
            len(outstanding.account_id) != 1
            or not outstanding.account_id.reconcile
            or self.currency_id.compare_amounts(residual, -suspense.balance)
        ):
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._(
                    "Statement line %(line)s is %(amount)s; the money chosen for it "
                    "is %(chosen)s.",
                    line=self.display_name,
                    amount=self.amount,
                    chosen=residual,
                ),
            )
        partners = payments.partner_id
        partner = partners if len(partners) == 1 else suspense.partner_id
        move = self.move_id
        move.button_draft()
        suspense.with_context(skip_account_move_synchronization=True).write(
            {
                "account_id": outstanding.account_id.id,
                "partner_id": partner.id,
            }
        )
        move.action_post()
        (suspense | outstanding).reconcile()
        return True


def _reference(value):
    """A reference as compared: without spaces, upper-cased."""
    return "".join((value or "").split()).upper()


def _groups(payments, facts):
    """The payments of one day, and of one day and one method (a POS settlement,
    a cash deposit), as recordsets of two or more."""
    by_day, by_method = defaultdict(list), defaultdict(list)
    for payment in payments:
        method = facts[payment][2]
        by_day[payment.date].append(payment)
        if method:
            by_method[payment.date, method].append(payment)
    seen, groups = set(), []
    for members in [*by_method.values(), *by_day.values()]:
        ids = frozenset(p.id for p in members)
        if len(ids) > 1 and ids not in seen:
            seen.add(ids)
            groups.append(members[0].browse(sorted(ids)))
    return groups
