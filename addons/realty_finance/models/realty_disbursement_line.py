from odoo import api, fields, models

from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_base.inputs import AMOUNT
from odoo.addons.realty_base.tools import errors as codes

FROM_FILE = "action_import (the bank's file)"
MATCHED = "action_import (the matching)"
LINE_STATES = [("ok", "OK"), ("rejected", "Rejected")]
MATCH_METHODS = [
    ("contract", "Contract Number"),
    ("id_amount", "ID Number and Amount"),
]


class RealtyDisbursementLine(models.Model):
    """A row of a bank's disbursement list (§9.6): what the bank says it paid, and
    the loan line it was matched to, or why it was rejected. The rows are the
    file's: a wrong row is fixed in the file and the file imported again."""

    _name = "realty.disbursement.line"
    _inherit = ["realty.protected.mixin"]
    _description = "Mortgage Disbursement Line"
    _order = "batch_id, row_number, id"
    _rec_name = "reference"

    batch_id = fields.Many2one(
        "realty.disbursement.batch",
        required=True,
        index=True,
        ondelete="cascade",
        protected=FROM_FILE,
    )
    company_id = fields.Many2one(related="batch_id.company_id", store=True)
    currency_id = fields.Many2one(related="batch_id.currency_id")
    row_number = fields.Integer(string="Row", readonly=True, protected=FROM_FILE)
    contract_no = fields.Char(
        string="Contract Number", readonly=True, protected=FROM_FILE
    )
    buyer_name = fields.Char(string="Borrower", readonly=True, protected=FROM_FILE)
    id_number = fields.Char(string="ID Number", readonly=True, protected=FROM_FILE)
    approved = fields.Monetary(bounds=AMOUNT, readonly=True, protected=FROM_FILE)
    disbursed = fields.Monetary(
        bounds=AMOUNT,
        readonly=True,
        aggregator="sum",
        protected=FROM_FILE,
    )
    date = fields.Date(string="Disbursed On", readonly=True, protected=FROM_FILE)
    reference = fields.Char(
        string="Bank Reference", readonly=True, index=True, protected=FROM_FILE
    )
    deal_id = fields.Many2one(
        "realty.deal", readonly=True, index="btree_not_null", protected=MATCHED
    )
    project_id = fields.Many2one(related="deal_id.project_id")
    room_id = fields.Many2one(related="deal_id.room_id")
    schedule_line_id = fields.Many2one(
        "realty.deal.schedule.line",
        string="Loan Line",
        readonly=True,
        protected=MATCHED,
    )
    planned = fields.Monetary(related="schedule_line_id.payable", string="Planned Loan")
    match_method = fields.Selection(
        MATCH_METHODS, string="Matched By", readonly=True, protected=MATCHED
    )
    state = fields.Selection(
        LINE_STATES, default="ok", required=True, readonly=True, protected=MATCHED
    )
    error_code = fields.Char(readonly=True, protected=MATCHED)
    problem = fields.Char(
        readonly=True,
        protected=MATCHED,
        help="A stable key of the problem (unmatched, amount_differs, ...).",
    )
    reason = fields.Char(readonly=True, protected=MATCHED)
    payment_id = fields.Many2one(
        "realty.deal.payment",
        readonly=True,
        index="btree_not_null",
        protected="action_post",
    )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_posted(self):
        if any(line.batch_id.state == "posted" for line in self):
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._("The lines of a posted disbursement batch are kept."),
            )
