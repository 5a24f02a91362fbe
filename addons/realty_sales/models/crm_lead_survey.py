"""The questionnaires of an opportunity (问卷): answered at a visit or from the
opportunity, counted on it."""

from odoo import fields, models

from odoo.addons.realty_base.inputs import arguments, check_ids


class CrmLead(models.Model):
    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    realty_answer_ids = fields.One2many(
        "survey.user_input", "realty_opportunity_id", string="Questionnaires"
    )
    realty_answer_count = fields.Integer(
        string="Questionnaire Count", compute="_compute_realty_answer_count"
    )

    def _compute_realty_answer_count(self):
        """One grouped query for the recordset, under the user's rules."""
        counts = {}
        if self.ids:
            counts = {
                lead.id: count
                for lead, count in self.env["survey.user_input"]._read_group(
                    [("realty_opportunity_id", "in", self.ids)],
                    ["realty_opportunity_id"],
                    ["__count"],
                )
            }
        for lead in self:
            lead.realty_answer_count = counts.get(lead._origin.id, 0)

    @arguments()
    def action_realty_answer_questionnaire(self):
        """Start the project's questionnaire for the opportunity's customer."""
        check_ids(self, list(self._ids))
        self.ensure_one()
        self.check_access("read")
        return self.env["survey.user_input"]._realty_start(
            self.realty_project_id, self.partner_id, opportunity=self
        )

    @arguments()
    def action_realty_view_answers(self):
        check_ids(self, list(self._ids))
        return self._realty_action(
            "survey.user_input",
            self.env._("Questionnaires"),
            [("realty_opportunity_id", "in", self.ids)],
        )
