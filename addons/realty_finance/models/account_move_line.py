from odoo import api, fields, models

from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_base.inputs import Vals, ValsList, arguments, check_ids
from odoo.addons.realty_base.tools import errors as codes

REALTY_TAGS = frozenset(
    {
        "realty_deal_id",
        "realty_queue_number_id",
        "realty_schedule_line_id",
        "realty_deal_fee_id",
    }
)


class AccountMoveLine(models.Model):
    """Journal items say which deal, queue number and schedule line they belong to:
    a deal's ledger is read off posted items (one source of truth)."""

    _inherit = "account.move.line"

    realty_deal_id = fields.Many2one(
        "realty.deal", string="Deal", index="btree_not_null", readonly=True
    )
    realty_queue_number_id = fields.Many2one(
        "realty.queue.number",
        string="Queue Number",
        index="btree_not_null",
        readonly=True,
    )
    realty_schedule_line_id = fields.Many2one(
        "realty.deal.schedule.line",
        string="Schedule Line",
        index="btree_not_null",
        readonly=True,
        ondelete="set null",
    )

    realty_deal_fee_id = fields.Many2one(
        "realty.deal.fee",
        string="Collected Fee",
        index="btree_not_null",
        readonly=True,
        ondelete="set null",
    )

    @api.model_create_multi
    @arguments(vals_list=ValsList())
    def create(self, vals_list):
        if any(REALTY_TAGS.intersection(vals) for vals in vals_list):
            self._check_realty_tags()
        return super().create(vals_list)

    @arguments(vals=Vals())
    def write(self, vals):
        if not self.env.su:  # a client's ids: this override is a public door too
            check_ids(self, list(self._ids))
        if REALTY_TAGS.intersection(vals):
            self._check_realty_tags()
        return super().write(vals)

    def _check_realty_tags(self):
        """The realty tags are the server's: a retagged item would move money from
        one deal's ledger to another's."""
        if not self.env["realty.deal"]._is_unlocked():
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._(
                    "The deal, queue number and schedule line of a journal item "
                    "are set by the realty postings."
                ),
            )
