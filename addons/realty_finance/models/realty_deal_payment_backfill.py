import logging
from collections import defaultdict

from odoo import api, models

from odoo.addons.realty_base.exceptions import RealtyUserError

from .realty_deal_payment import RefundTerms
from .realty_queue_number import ACTIVE

_logger = logging.getLogger(__name__)


# Kept apart from the posting of new payments (realty_deal_payment.py), which it
# reuses: it runs once, at install (post_init_hook) or for the demo.
class RealtyDealPayment(models.Model):
    """The money recorded before realty_finance was installed: realty_sales alone
    keeps the amounts of deals and queue numbers, without journal entries. Posting
    them afterwards gives Accounting the history the sales office already has."""

    _inherit = "realty.deal.payment"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _finance_post_existing(self, companies=None):
        """Post what the deals and queue numbers of `companies` (default: every
        company; only those with a chart of accounts) received and never posted:

        1. the sincerity deposits of the queue numbers, on the day they were
           received, and the hand-over of those converted into a deal (转款);
        2. each deal's payments, in the order received and on their own dates (a
           refund of an executed change order with its penalty, §5.8);
        3. the receivables of the signed contracts and the holdings of each deal's
           stage (``_finance_follow``), and the settled area adjustments.

        Nothing is posted twice: a second run finds nothing to do. A deal or a
        number whose history is refused (an account missing, more paid than due)
        keeps it unposted and is named in the log, the others are posted.
        Returns the payments posted."""
        self = self.sudo()  # noqa: PLW0642
        if companies is None:
            companies = self.env["res.company"].search([])
        companies = companies.sudo().filtered("chart_template")
        if not companies:
            return self.browse()
        numbers = self.env["realty.queue.number"].search(
            [("company_id", "in", companies.ids)], order="date_received, id"
        )
        for number in numbers:
            self._finance_try(number, lambda n=number: self._finance_number_history(n))
        deals = self.env["realty.deal"].search(
            [("company_id", "in", companies.ids)], order="id"
        )
        # a converted number's hand-over is posted by the number (above), or
        # stays unposted with it
        handed_over = {
            (number.deal_id.id, number.name)
            for number in numbers
            if number.state == "converted"
        }
        unposted = self.search(
            [("deal_id", "in", deals.ids), ("move_id", "=", False)],
            order="deal_id, date, id",
        )
        by_deal = defaultdict(list)
        for payment in unposted:
            if not (
                payment.method == "internal"
                and payment.item == "sincerity"
                and (payment.deal_id.id, payment.reference) in handed_over
            ):
                by_deal[payment.deal_id.id].append(payment.id)
        posted = self.browse()
        for deal in deals:
            payments = self.browse(by_deal[deal.id])
            if self._finance_try(
                deal, lambda d=deal, p=payments: p._finance_history(d)
            ):
                posted |= payments
        if posted:
            _logger.info(
                "realty_finance: posted %s payments recorded before its install",
                len(posted),
            )
        return posted

    def _finance_try(self, record, post):
        """Run `post` in a savepoint; a refusal rolls it back and is logged."""
        try:
            with self.env.cr.savepoint():
                post()
        except RealtyUserError as error:
            _logger.warning(
                "realty_finance: %s keeps its money unposted: %s",
                record.display_name,
                error,
            )
            return False
        return True

    @api.model
    def _finance_number_history(self, number):
        """Post the sincerity deposit the queue number took, on the day it was
        received: held while the number is active, handed over to its deal (转款)
        once converted. A refunded or cancelled number holds nothing."""
        if number.state in ACTIVE:
            number._finance_sync()
            return
        if number.state != "converted" or number.currency_id.is_zero(
            number.sincerity_amount
        ):
            return
        handover = number.deal_id.payment_ids.filtered(
            lambda p: (
                p.method == "internal"
                and p.item == "sincerity"
                and p.reference == number.name
                and not p.move_id
            )
        )
        if handover and not number._finance_held().get(number.id):
            number._finance_pay(number.sincerity_amount, date=number.date_received)
            number._finance_hand_over()

    def _finance_history(self, deal):
        """Post these payments of `deal` in the order received, as each was
        recorded, then bring the deal's ledger in line with its stage."""
        for payment in self:
            payment._finance_refund_terms()._finance_post()
            deal._finance_sync()
        deal._finance_follow()
        # an area adjustment settled before the install (§7.4)
        deal.schedule_line_ids._finance_post_settled_area()

    def _finance_refund_terms(self):
        """A refund made by an executed change order (its note is the order's
        name) pays the order's penalty beyond what was received (§5.8)."""
        self.ensure_one()
        if self.amount >= 0 or not self.note:
            return self
        order = self.deal_id.change_order_ids.filtered(
            lambda o: o.state == "executed" and o.name == self.note
        )[:1]
        if not order:
            return self
        return self.with_context(realty_refund_terms=RefundTerms(order.penalty_amount))
