"""Leads and opportunities of a sales office on Odoo's CRM (客户跟进).

A lead of a project carries the customer's needs (area, layouts, budget, usage,
purpose, the rooms they look at), its campaign, medium and source (utm, crm's own
fields), the consultant (``user_id``) and an expected value from the intended rooms'
list prices. Visits and calls, queue numbers and deals started from it keep the
link (``opportunity_id``), so the funnel reads from lead to contract
(report/realty_funnel_report.py). The first consultant keeps the customer
(realty_customer_collision.py).
"""

from odoo import api, fields, models

from odoo.addons.realty_base.const import USAGES
from odoo.addons.realty_base.exceptions import RealtyUserError, RealtyValidationError
from odoo.addons.realty_base.inputs import (
    AMOUNT,
    AREA,
    Vals,
    ValsList,
    arguments,
    check_ids,
)
from odoo.addons.realty_base.tools import errors as codes

from .realty_customer_collision import phone_key

PURPOSES = [
    ("own_use", "Own Use (自住)"),
    ("upgrade", "Upgrade (改善)"),
    ("investment", "Investment (投资)"),
    ("school", "School District (学区)"),
    ("retirement", "Retirement (养老)"),
    ("other", "Other"),
]
OPEN_DEAL_STATUSES = ("draft", "active")
OFFICE_STAGES = (
    "realty_sales.crm_stage_new_customer",
    "realty_sales.crm_stage_interested",
    "realty_sales.crm_stage_visited",
    "realty_sales.crm_stage_queued",
    "realty_sales.crm_stage_subscribed",
    "realty_sales.crm_stage_signed",
)
"""The stages of a sales office (新客户 → 意向 → 来访 → 认筹 → 认购 → 签约)."""


class CrmLead(models.Model):
    _inherit = "crm.lead"

    # ------------------------------------------------------------------ project
    realty_project_id = fields.Many2one(
        "realty.project",
        string="Project",
        index="btree_not_null",
        tracking=True,
        check_company=True,
    )

    # -------------------------------------------------------------------- needs
    realty_area_min = fields.Float(bounds=AREA, string="Area From (m²)", digits=(12, 2))
    realty_area_max = fields.Float(bounds=AREA, string="Area To (m²)", digits=(12, 2))
    realty_layout_ids = fields.Many2many(
        "realty.layout",
        string="Layouts",
        domain="['|', ('project_id', '=', False), "
        "('project_id', '=', realty_project_id)]",
    )
    realty_budget = fields.Monetary(
        bounds=AMOUNT, string="Budget", currency_field="company_currency"
    )
    realty_usage = fields.Selection(USAGES, string="Usage")
    realty_purpose = fields.Selection(PURPOSES, string="Purpose")
    realty_room_ids = fields.Many2many(
        "realty.room",
        "crm_lead_realty_room_rel",
        "crm_lead_id",
        "realty_room_id",
        string="Intended Rooms",
        domain="[('project_id', '=', realty_project_id)]",
    )
    expected_revenue = fields.Monetary(
        compute="_compute_expected_revenue", store=True, readonly=False
    )

    # ------------------------------------------------------------ the funnel
    realty_visit_ids = fields.One2many(
        "realty.visit", "opportunity_id", string="Visits and Calls"
    )
    realty_visit_count = fields.Integer(
        string="Visits", compute="_compute_realty_counts"
    )
    realty_call_count = fields.Integer(string="Calls", compute="_compute_realty_counts")
    realty_queue_number_ids = fields.One2many(
        "realty.queue.number", "opportunity_id", string="Queue Numbers"
    )
    realty_queue_number_count = fields.Integer(
        string="Queue Number Count", compute="_compute_realty_counts"
    )
    realty_deal_ids = fields.One2many("realty.deal", "opportunity_id", string="Deals")
    realty_deal_count = fields.Integer(
        string="Deal Count", compute="_compute_realty_counts"
    )

    # --------------------------------------------------------- duplicate check
    realty_phone_key = fields.Char(
        string="Phone Key",
        compute="_compute_realty_phone_key",
        store=True,
        index="btree_not_null",
        help="The mobile (else the phone) as the duplicate check compares it (§8.6).",
    )
    realty_owner_warning = fields.Char(
        string="Known Customer", compute="_compute_realty_owner_warning"
    )

    # ------------------------------------------------------------------ compute
    @api.depends("realty_room_ids.list_total")
    def _compute_expected_revenue(self):
        """The intended rooms' list prices; without rooms, what the consultant
        typed stays."""
        for lead in self:
            if lead.realty_room_ids:
                lead.expected_revenue = sum(lead.realty_room_ids.mapped("list_total"))
            else:
                lead.expected_revenue = lead.expected_revenue or 0.0

    def _compute_realty_counts(self):
        """One grouped query per linked model for the whole recordset."""
        visits, calls, numbers, deals = {}, {}, {}, {}
        if self.ids:
            domain = [("opportunity_id", "in", self.ids)]
            for lead, kind, count in self.env["realty.visit"]._read_group(
                domain, ["opportunity_id", "kind"], ["__count"]
            ):
                (calls if kind == "call" else visits)[lead.id] = count
            numbers = {
                lead.id: count
                for lead, count in self.env["realty.queue.number"]._read_group(
                    domain, ["opportunity_id"], ["__count"]
                )
            }
            deals = {
                lead.id: count
                for lead, count in self.env["realty.deal"]._read_group(
                    domain, ["opportunity_id"], ["__count"]
                )
            }
        for lead in self:
            lead_id = lead._origin.id
            lead.realty_visit_count = visits.get(lead_id, 0)
            lead.realty_call_count = calls.get(lead_id, 0)
            lead.realty_queue_number_count = numbers.get(lead_id, 0)
            lead.realty_deal_count = deals.get(lead_id, 0)

    @api.depends("mobile", "phone")
    def _compute_realty_phone_key(self):
        for lead in self:
            lead.realty_phone_key = phone_key(lead.mobile) or phone_key(lead.phone)

    @api.depends(
        "realty_project_id", "partner_id", "mobile", "phone", "contact_name", "user_id"
    )
    def _compute_realty_owner_warning(self):
        """Whose customer this is (重名检查), before the lead is saved."""
        Collision = self.env["realty.customer.collision"]
        for lead in self:
            owner = Collision._realty_find_owner(
                lead.realty_project_id,
                partner=lead.partner_id,
                phone=lead.mobile or lead.phone,
                name=lead.contact_name or lead.partner_id.name,
                exclude=lead._origin,
            )
            lead.realty_owner_warning = (
                Collision._realty_owner_message(owner)
                if owner and owner.user != lead.user_id
                else False
            )

    @api.onchange("realty_project_id", "partner_id", "mobile", "phone", "contact_name")
    def _onchange_realty_owner(self):
        return self.env["realty.customer.collision"]._realty_owner_warning(
            self.realty_owner_warning
        )

    @api.onchange("realty_project_id")
    def _onchange_realty_project_id(self):
        self.realty_room_ids = self.realty_room_ids.filtered(
            lambda room: room.project_id == self.realty_project_id
        )

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        """The sales office's pipeline shows its own stages, not crm's default
        ones (a stage that holds an opportunity still shows)."""
        if not self.env.context.get("realty_pipeline"):
            return super()._read_group_stage_ids(stages, domain)
        office = self.env["crm.stage"]
        for xmlid in OFFICE_STAGES:
            office |= self.env.ref(xmlid, raise_if_not_found=False) or office
        return (stages | office).sorted(lambda stage: (stage.sequence, stage.id))

    # -------------------------------------------------------------- constraints
    @api.constrains("realty_area_min", "realty_area_max")
    def _check_realty_area_range(self):
        for lead in self:
            if lead.realty_area_max and lead.realty_area_min > lead.realty_area_max:
                raise RealtyValidationError(
                    codes.ERR_INVALID_INPUT,
                    self.env._(
                        "The area range of %(lead)s starts above its end.",
                        lead=lead.display_name,
                    ),
                )

    @api.constrains("realty_room_ids", "realty_project_id")
    def _check_realty_rooms_project(self):
        for lead in self:
            rooms = lead.sudo().realty_room_ids
            if rooms and rooms.project_id != lead.realty_project_id:
                raise RealtyValidationError(
                    codes.ERR_INVALID_INPUT,
                    self.env._(
                        "The intended rooms of %(lead)s are not all of its project.",
                        lead=lead.display_name,
                    ),
                )

    # --------------------------------------------------------------------- CRUD
    @api.model_create_multi
    @arguments(vals_list=ValsList())
    def create(self, vals_list):
        """A lead of a known customer (same partner, ID number or phone in the
        project) goes to the consultant who follows them; the attempt is logged."""
        if isinstance(vals_list, dict):
            vals_list = [vals_list]
        vals_list, collisions = self._realty_claim_customers(vals_list)
        first_stage = self.env.ref(
            "realty_sales.crm_stage_new_customer", raise_if_not_found=False
        )
        if first_stage:
            vals_list = [
                {"stage_id": first_stage.id, **vals}
                if vals.get("realty_project_id") and vals.get("type") != "lead"
                else vals
                for vals in vals_list
            ]
        leads = super().create(vals_list)
        self.env["realty.customer.collision"]._realty_log(
            [(vals, leads[index]) for index, vals in collisions]
        )
        return leads

    @arguments(vals=Vals())
    def write(self, vals):
        check_ids(self, list(self._ids))
        if "user_id" in vals and self.filtered("realty_project_id"):
            self.filtered("realty_project_id")._realty_check_reassign(vals["user_id"])
        return super().write(vals)

    def _realty_check_reassign(self, user_id):
        """Only a sales manager moves an assigned lead to another consultant."""
        self.env["realty.customer.collision"]._realty_check_reassign(
            self.filtered(lambda lead: lead.user_id and lead.user_id.id != user_id)
        )

    @api.model
    def _realty_claim_customers(self, vals_list):
        Collision = self.env["realty.customer.collision"]
        Project = self.env["realty.project"].sudo()
        Partner = self.env["res.partner"].sudo()
        context = self.env.context
        result, collisions = [], []
        for index, vals in enumerate(vals_list):
            project = Project.browse(
                vals.get("realty_project_id")
                or context.get("default_realty_project_id")
            ).exists()
            if not project:
                result.append(vals)
                continue
            partner = Partner.browse(
                vals.get("partner_id") or context.get("default_partner_id")
            ).exists()
            user_id, collision = Collision._realty_claim(
                self._name,
                project,
                vals,
                partner=partner,
                phone=vals.get("mobile")
                or vals.get("phone")
                or partner.mobile
                or partner.phone,
                id_number=False,
                name=vals.get("contact_name") or partner.name,
            )
            if user_id:
                vals = {**vals, "user_id": user_id}
            if collision:
                collisions.append((index, collision))
            result.append(vals)
        return result, collisions

    def _realty_reach_stage(self, xmlid):
        """Move these opportunities forward to the office stage `xmlid` (a visit,
        a queue number, a deal reached): never back, and a won or lost one stays.
        The server's move, whoever recorded the visit or the deal."""
        stage = self.env.ref(xmlid, raise_if_not_found=False)
        leads = self.sudo().filtered(
            lambda lead: (
                stage
                and lead.active
                and not lead.stage_id.is_won
                and (lead.stage_id.sequence, lead.stage_id.id)
                < (stage.sequence, stage.id)
            )
        )
        if leads:
            leads.write({"stage_id": stage.id})
        return leads

    # ------------------------------------------------------------------ actions
    def _realty_action(self, model, name, domain, context=None):
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "list,form",
            "domain": domain,
            "context": context or {},
        }

    @arguments()
    def action_realty_view_visits(self):
        check_ids(self, list(self._ids))
        return self._realty_action(
            "realty.visit",
            self.env._("Visits and Calls"),
            [("opportunity_id", "in", self.ids)],
            {
                "default_opportunity_id": self[:1].id,
                "default_project_id": self[:1].realty_project_id.id,
                "default_partner_id": self[:1].partner_id.id,
            },
        )

    @arguments()
    def action_realty_view_queue_numbers(self):
        check_ids(self, list(self._ids))
        return self._realty_action(
            "realty.queue.number",
            self.env._("Queue Numbers"),
            [("opportunity_id", "in", self.ids)],
        )

    @arguments()
    def action_realty_view_deals(self):
        check_ids(self, list(self._ids))
        return self._realty_action(
            "realty.deal",
            self.env._("Deals"),
            [("opportunity_id", "in", self.ids)],
        )

    @arguments()
    def action_realty_new_queue_number(self):
        """A queue number for the opportunity's customer, linked to it."""
        check_ids(self, list(self._ids))
        lead = self._realty_one_with_customer()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New Queue Number"),
            "res_model": "realty.queue.number",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {
                "default_project_id": lead.realty_project_id.id,
                "default_partner_id": lead.partner_id.id,
                "default_user_id": lead.user_id.id,
                "default_opportunity_id": lead.id,
            },
        }

    @arguments()
    def action_realty_new_deal(self):
        """A deal for the opportunity's customer (on its intended room when it
        names one), linked to it."""
        check_ids(self, list(self._ids))
        lead = self._realty_one_with_customer()
        context = {
            "default_partner_id": lead.partner_id.id,
            "default_user_id": lead.user_id.id,
            "default_opportunity_id": lead.id,
        }
        if len(lead.realty_room_ids) == 1:
            context["default_room_id"] = lead.realty_room_ids.id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New Deal"),
            "res_model": "realty.deal",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": context,
        }

    @arguments()
    def action_realty_reassign(self):
        """The reassignment wizard for these opportunities' customers (managers)."""
        check_ids(self, list(self._ids))
        lead = self[:1]
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reassign Customers"),
            "res_model": "realty.customer.transfer",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_project_id": lead.realty_project_id.id,
                "default_from_user_id": lead.user_id.id,
                "default_partner_ids": self.partner_id.ids,
            },
        }

    def _realty_one_with_customer(self):
        if len(self) != 1:
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._("Start a queue number or a deal from one opportunity."),
            )
        if not self.realty_project_id or not self.partner_id:
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._(
                    "Set the project and the customer of %(lead)s first: the queue "
                    "number or the deal is theirs.",
                    lead=self.display_name,
                ),
            )
        return self
