"""The questionnaire of a visit (问卷): answered at the visit, on the consultant's
screen."""

from odoo import fields, models

from odoo.addons.realty_base.inputs import arguments, check_ids


class RealtyVisit(models.Model):
    _inherit = "realty.visit"

    realty_answer_ids = fields.One2many(
        "survey.user_input", "realty_visit_id", string="Questionnaires"
    )

    @arguments()
    def action_realty_answer_questionnaire(self):
        """Start the project's questionnaire for the visitor, linked to the visit
        and its opportunity (the user must be able to read the visit)."""
        check_ids(self, list(self._ids))
        self.ensure_one()
        self.check_access("read")
        return self.env["survey.user_input"]._realty_start(
            self.project_id,
            self.partner_id,
            visit=self,
            opportunity=self.opportunity_id,
        )
