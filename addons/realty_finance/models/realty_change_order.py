from odoo import models

from .realty_deal_payment import RefundTerms


class RealtyChangeOrder(models.Model):
    """A cancellation or termination pays its refund out of what the deal holds;
    the part beyond it (the double refund of §5.8) is the seller's penalty."""

    _inherit = "realty.change.order"

    def _with_refund_terms(self):
        return self.with_context(realty_refund_terms=RefundTerms(self.penalty_amount))

    def _execute_cancel(self):
        return super(RealtyChangeOrder, self._with_refund_terms())._execute_cancel()

    def _execute_terminate(self):
        return super(RealtyChangeOrder, self._with_refund_terms())._execute_terminate()
