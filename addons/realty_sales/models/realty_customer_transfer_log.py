from odoo import fields, models


class RealtyCustomerTransferLog(models.Model):
    """One reassignment of customers (客户转移) as it was made: who moved whose
    customers where, why, and the documents that moved (the visits and calls,
    which have no chatter of their own, are listed here)."""

    _name = "realty.customer.transfer.log"
    _description = "Customer Reassignment Log"
    _order = "create_date desc, id desc"
    _check_company_auto = True

    project_id = fields.Many2one(
        "realty.project",
        string="From Project",
        required=True,
        index=True,
        readonly=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="project_id.company_id", store=True, index=True
    )
    target_project_id = fields.Many2one(
        "realty.project", string="To Project", readonly=True
    )
    from_user_id = fields.Many2one(
        "res.users", string="From Consultant", required=True, readonly=True
    )
    to_user_id = fields.Many2one(
        "res.users", string="To Consultant", required=True, readonly=True
    )
    reason = fields.Char(readonly=True)
    partner_ids = fields.Many2many("res.partner", string="Customers", readonly=True)
    lead_ids = fields.Many2many("crm.lead", string="Opportunities", readonly=True)
    visit_ids = fields.Many2many(
        "realty.visit", string="Visits and Calls", readonly=True
    )
    queue_number_ids = fields.Many2many(
        "realty.queue.number", string="Queue Numbers", readonly=True
    )
    deal_ids = fields.Many2many("realty.deal", string="Deals", readonly=True)
