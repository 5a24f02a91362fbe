"""A questionnaire answered at a visit (问卷): linked to the visit, the opportunity
and the customer, so that it shows on the customer ledger and feeds the customer
analysis (report/realty_customer_analysis.py)."""

from odoo import api, fields, models

from odoo.addons.realty_base.exceptions import RealtyUserError
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
