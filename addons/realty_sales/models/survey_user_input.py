"""A questionnaire answered at a visit (问卷): linked to the visit, the opportunity
and the customer, so that it shows on the customer ledger and feeds the customer
analysis (report/realty_customer_analysis.py)."""

from odoo import api, fields, models

from odoo.addons.realty_base.exceptions import RealtyUserError, RealtyValidationError
from odoo.addons.realty_base.inputs import Vals, ValsList, arguments, check_ids
from odoo.addons.realty_base.tools import errors as codes


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    realty_visit_id = fields.Many2one(
        "realty.visit",
        string="Visit",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
    )
    realty_opportunity_id = fields.Many2one(
        "crm.lead",
        string="Opportunity",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
    )
    realty_project_id = fields.Many2one(
        "realty.project",
        compute="_compute_realty_project_id",
        store=True,
        index="btree_not_null",
        help="The visit's project, else the opportunity's, else the "
        "questionnaire's: the record rules scope the answers by it.",
    )

    @api.depends(
        "realty_visit_id.project_id",
        "realty_opportunity_id.realty_project_id",
        "survey_id.realty_project_id",
    )
    def _compute_realty_project_id(self):
        for answer in self:
            answer.realty_project_id = (
                answer.realty_visit_id.project_id
                or answer.realty_opportunity_id.realty_project_id
                or answer.survey_id.realty_project_id
            )

    @api.model_create_multi
    @arguments(vals_list=ValsList())
    def create(self, vals_list):
        if isinstance(vals_list, dict):
            vals_list = [vals_list]
        self.check_access("create")
        self._realty_check_links(vals_list)
        return super().create(vals_list)

    @arguments(vals=Vals())
    def write(self, vals):
        check_ids(self, list(self._ids))
        self._realty_check_links([vals])
        return super().write(vals)

    def _realty_check_links(self, vals_list):
        """A user links an answer only to a visit or an opportunity they may read
        (a survey officer's RPC cannot file an answer in another project)."""
        if self.env.su:
            return
        for field, model in (
            ("realty_visit_id", "realty.visit"),
            ("realty_opportunity_id", "crm.lead"),
        ):
            ids = {vals[field] for vals in vals_list if vals.get(field)}
            if ids:
                self.env[model].browse(ids).check_access("read")

    @api.constrains("realty_visit_id", "realty_opportunity_id", "survey_id")
    def _check_realty_project(self):
        """The visit and the opportunity of an answer are of its questionnaire's
        project (when the questionnaire has one)."""
        for answer in self:
            project = answer.survey_id.realty_project_id
            linked = (
                answer.realty_visit_id.project_id
                | answer.realty_opportunity_id.realty_project_id
            )
            if project and linked - project:
                raise RealtyValidationError(
                    codes.ERR_INVALID_INPUT,
                    self.env._(
                        "The questionnaire %(survey)s is of project %(project)s: "
                        "its answers link to the visits and opportunities of that "
                        "project only.",
                        survey=answer.survey_id.display_name,
                        project=project.display_name,
                    ),
                )

    @api.model
    def _realty_start(self, project, partner, visit=None, opportunity=None):
        """A new answer of the project's questionnaire for the customer, linked to
        the visit and the opportunity, and the action opening it in the survey
        form. The caller has checked that the user may read the visit or the
        opportunity: the answer is created as superuser (consultants only read
        answers)."""
        survey = self.env["survey.survey"]._realty_for_project(project)
        if not survey:
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._(
                    "Project %(project)s has no active questionnaire.",
                    project=project.display_name,
                ),
            )
        answer = survey.sudo()._create_answer(
            partner=partner,
            check_attempts=False,
            realty_visit_id=visit.id if visit else False,
            realty_opportunity_id=opportunity.id if opportunity else False,
        )
        return {
            "type": "ir.actions.act_url",
            "name": self.env._("Answer Questionnaire"),
            "target": "self",
            "url": answer.get_start_url(),
        }
