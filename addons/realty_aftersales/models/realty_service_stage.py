from odoo import fields, models

from odoo.addons.realty_base.inputs import DAYS


class RealtyServiceStage(models.Model):
    """A step of a service (按揭: 资料收集 → 银行面签 → 银行审批 → 抵押登记 → 放款 →
    完成): its deadline counted from the day a case enters it, the reminder
    (activity) scheduled then for the case's responsible, and the documents a
    case needs to enter it."""

    _name = "realty.service.stage"
    _description = "After-Sales Service Stage"
    _order = "type_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    type_id = fields.Many2one(
        "realty.service.type",
        string="Service Type",
        required=True,
        index=True,
        ondelete="cascade",
    )
    fold = fields.Boolean(
        string="Folded on the Board", help="Done stages are folded on the board."
    )
    is_done = fields.Boolean(
        string="Closes the Case",
        help="A case in this stage is finished: no deadline, no reminder, and a "
        "new case of the type may be opened for the deal.",
    )
    loan_approved = fields.Boolean(
        string="Loan Approved or Later",
        help="For a loan service: a case in this stage has its loan approved by "
        "the lender (the handover checks it, handover.payment_condition).",
    )
    deadline_days = fields.Integer(
        bounds=DAYS,
        string="Deadline (Days)",
        help="Days a case may stay in this stage, from the day it entered it; "
        "later it is overdue. 0: no deadline.",
    )
    activity_type_id = fields.Many2one(
        "mail.activity.type",
        string="Reminder",
        domain="['|', ('res_model', '=', False), "
        "('res_model', '=', 'realty.service.case')]",
        help="The activity scheduled for the case's responsible when the case "
        "enters the stage, due on the stage's deadline.",
    )
    activity_summary = fields.Char(string="Reminder Summary", translate=True)
    document_ids = fields.One2many(
        "realty.service.document",
        "stage_id",
        string="Required Documents",
        copy=True,
        help="What a case needs, received, to enter this stage (with the "
        "documents of the stages before it).",
    )
    description = fields.Text(translate=True)
