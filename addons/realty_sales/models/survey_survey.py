"""Questionnaires (问卷) of a project: Odoo's surveys, one per project at the visit."""

from odoo import fields, models


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    realty_project_id = fields.Many2one(
        "realty.project",
        index="btree_not_null",
        help="The project whose visitors answer this questionnaire: the visit's and "
        "the opportunity's Answer questionnaire button opens the project's newest "
        "one.",
    )

    def _realty_for_project(self, project):
        """The project's active questionnaire (the newest), as superuser: the
        consultant who starts it needs no right on the survey application."""
        return (
            self.sudo()
            .search(
                [("realty_project_id", "=", project.id), ("active", "=", True)],
                order="id desc",
                limit=1,
            )
            .sudo(False)
        )
