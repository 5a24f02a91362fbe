from odoo import api, fields, models

SERVICE_TRIGGERS = [
    ("manual", "Manually"),
    ("contract", "On Contract Signing"),
    ("handover", "On Handover"),
]
LOAN_KINDS = [
    ("none", "No Loan"),
    ("commercial", "Commercial Loan"),
    ("provident", "Provident-Fund Loan"),
]
LOAN_FIELDS = {"commercial": "loan_commercial", "provident": "loan_provident"}
"""The deal's loan a loan service follows (a case opens when it is above zero)."""


class RealtyServiceType(models.Model):
    """An after-sales service (售后服务): contract registration, a mortgage, a
    provident-fund loan, the move-in, the property certificate. Its stages, their
    checklists, deadlines and reminders are data a manager configures, for every
    project or for some (a project's own type wins over the shared one)."""

    _name = "realty.service.type"
    _description = "After-Sales Service Type"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        index=True,
        help="How the flow finds the type (registration, mortgage, provident, "
        "handover, certificate); a project's own type may share the code of a "
        "shared one and then replaces it for that project.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    description = fields.Text(translate=True)
    company_id = fields.Many2one(
        "res.company", index=True, help="Empty: shared by every company."
    )
    project_ids = fields.Many2many(
        "realty.project",
        "realty_service_type_project_rel",
        "type_id",
        "project_id",
        string="Projects",
        help="Empty: every project.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Bank / Authority",
        help="The bank, provident-fund centre or registry the cases deal with; a "
        "case may name another (a buyer's own bank).",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        domain=lambda self: [
            (
                "groups_id",
                "in",
                self.env.ref("realty_base.group_realty_aftersales").ids,
            )
        ],
        help="Who runs new cases of this type; empty: an after-sales member of "
        "the deal's project.",
    )
    trigger = fields.Selection(
        SERVICE_TRIGGERS,
        string="Opened",
        required=True,
        default="manual",
        help="When the flow opens a case of this type: when the contract is "
        "signed, when the room is handed over, or by hand.",
    )
    loan_kind = fields.Selection(
        LOAN_KINDS,
        string="Loan",
        required=True,
        default="none",
        help="A loan service opens only for deals with that loan, and tells "
        "the handover whether the loan is approved.",
    )
    stage_ids = fields.One2many(
        "realty.service.stage", "type_id", string="Stages", copy=True
    )
    case_count = fields.Integer(string="Open Cases", compute="_compute_case_count")

    def _compute_case_count(self):
        counts = dict(
            self.env["realty.service.case"]._read_group(
                [("type_id", "in", self.ids), ("is_done", "=", False)],
                ["type_id"],
                ["__count"],
            )
        )
        for service_type in self:
            service_type.case_count = counts.get(service_type, 0)

    @api.model
    def _for_projects(self, projects, code):
        """``{project id: type}``: the active type of `code` each project uses
        (its own before the shared one, then by sequence), in one query."""
        candidates = self.search(
            [
                ("code", "=", code),
                ("company_id", "in", [False, *projects.company_id.ids]),
            ]
        )
        result = {}
        for project in projects:
            usable = candidates.filtered(
                lambda t, p=project: (
                    (not t.company_id or t.company_id == p.company_id)
                    and (not t.project_ids or p in t.project_ids)
                )
            )
            if usable:
                result[project.id] = usable.sorted(
                    lambda t: (not t.project_ids, t.sequence, t.id)
                )[0]
        return result

    def action_view_cases(self):
        """The type's cases on a board by stage."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "realty_aftersales.realty_service_case_action"
        )
        action["domain"] = [("type_id", "=", self.id)]
        action["context"] = {
            "default_type_id": self.id,
            "search_default_open": 1,
        }
        action["display_name"] = self.name
        action["views"] = sorted(action["views"], key=lambda view: view[1] != "kanban")
        return action
