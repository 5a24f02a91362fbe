from odoo import api, fields, models

from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_base.inputs import Vals, ValsList, arguments
from odoo.addons.realty_base.tools import errors as codes

TODO_KINDS = [
    ("change_order", "Change Order Executed"),
    ("refund", "Refund Due"),
    ("area_adjustment", "Area Adjustment"),
    ("disbursement", "Loan Disbursement"),
    ("other", "Other"),
]
RAISED = "the event that raised it"


class RealtyFinanceTodo(models.Model):
    """The finance to-do list (财务待办): every event of sales and after-sales an
    accountant must act on, each opening the document to act on. Raised by the
    other addons through ``realty.deal._finance_event``; done by finance."""

    _name = "realty.finance.todo"
    _inherit = ["mail.thread", "mail.activity.mixin", "realty.protected.mixin"]
    _description = "Finance To-Do"
    _order = "state, date desc, id desc"

    name = fields.Char(required=True, write_once=True)
    kind = fields.Selection(TODO_KINDS, required=True, default="other", write_once=True)
    date = fields.Datetime(default=fields.Datetime.now, required=True, protected=RAISED)
    deal_id = fields.Many2one(
        "realty.deal", index=True, ondelete="cascade", write_once=True
    )
    project_id = fields.Many2one(related="deal_id.project_id", store=True, index=True)
    company_id = fields.Many2one(related="deal_id.company_id", store=True)
    currency_id = fields.Many2one(related="deal_id.currency_id")
    partner_id = fields.Many2one(related="deal_id.partner_id")
    amount = fields.Monetary(write_once=True)
    res_model = fields.Char(readonly=True, protected=RAISED)
    res_id = fields.Many2oneReference(
        model_field="res_model", readonly=True, protected=RAISED
    )
    note = fields.Text()
    user_id = fields.Many2one("res.users", string="Assigned To", tracking=True)
    state = fields.Selection(
        [("open", "To Do"), ("done", "Done")],
        default="open",
        required=True,
        tracking=True,
        protected="action_done",
    )
    done_by_id = fields.Many2one("res.users", readonly=True, protected="action_done")

    @api.model_create_multi
    @arguments(vals_list=ValsList())
    def create(self, vals_list):
        return super().create(vals_list)

    @arguments(vals=Vals())
    def write(self, vals):
        return super().write(vals)

    @api.model
    def _raise(self, kind, source, deal, amount=0.0, note=None):
        """A new to-do, for the finance users of the deal's project."""
        return self._raise_many([(deal, kind, source, amount, note)])

    @api.model
    def _raise_many(self, events):
        """The to-dos of ``[(deal, kind, source, amount, note)]``, created at once,
        each for a finance user of its deal's project."""
        finance = self.env.ref("realty_base.group_realty_finance")
        assignee = {}
        for project in (
            self.env["realty.deal"].union(*(e[0] for e in events)).project_id
        ):
            assignee[project] = (project.user_ids & finance.users)[:1].id
        Todo = self.sudo()._unlocked()
        if len(events) > 1:
            Todo = Todo.with_context(mail_create_nolog=True, tracking_disable=True)
        return Todo.create(
            [
                {
                    "name": self.env._(
                        "%(kind)s: %(document)s",
                        kind=dict(TODO_KINDS)[kind],
                        document=source.display_name,
                    ),
                    "kind": kind,
                    "deal_id": deal.id,
                    "amount": amount,
                    "res_model": source._name,
                    "res_id": source.id,
                    "note": note,
                    "user_id": assignee.get(deal.project_id, False),
                }
                for deal, kind, source, amount, note in events
            ]
        )

    def action_open(self):
        """Open the document to act on."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model or "realty.deal",
            "res_id": self.res_id or self.deal_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_done(self):
        if any(todo.state != "open" for todo in self):
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._("Only an open to-do is marked done."),
            )
        self._unlocked().write({"state": "done", "done_by_id": self.env.uid})
        return True
