"""Questionnaires (问卷): answered at a visit, linked to the visit, the opportunity
and the customer, on the customer ledger, read by the project's consultants only."""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.realty_base.exceptions import RealtyUserError, RealtyValidationError

from .common import SalesCase


class SurveyCase(SalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.outsider = new_test_user(
            cls.env, "survey_outsider", groups="realty_base.group_realty_consultant"
        )
        cls.other_project = cls.env["realty.project"].create(
            {
                "name": "Other Garden",
                "code": "OG",
                "user_ids": [Command.set([cls.outsider.id])],
            }
        )
        cls.survey = cls.env["survey.survey"].create(
            {
                "title": "Test Garden visitor questionnaire",
                "realty_project_id": cls.project.id,
                "access_mode": "token",
                "question_and_page_ids": [
                    Command.create(
                        {
                            "title": "How did you hear of us?",
                            "question_type": "simple_choice",
                            "suggested_answer_ids": [
                                Command.create({"value": "Friends"}),
                                Command.create({"value": "Billboard"}),
                            ],
                        }
                    )
                ],
            }
        )
        cls.question = cls.survey.question_ids
        cls.customer = cls.env["res.partner"].create(
            {"name": "赵敏", "mobile": "13911112222"}
        )
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "赵敏, Test Garden",
                "type": "opportunity",
                "realty_project_id": cls.project.id,
                "partner_id": cls.customer.id,
                "user_id": cls.consultant.id,
            }
        )
        cls.visit = cls.env["realty.visit"].create(
            {
                "project_id": cls.project.id,
                "partner_id": cls.customer.id,
                "user_id": cls.consultant.id,
                "opportunity_id": cls.lead.id,
            }
        )

    def answer_at_visit(self, user=None):
        action = self.visit.with_user(
            user or self.consultant
        ).action_realty_answer_questionnaire()
        answer = self.env["survey.user_input"].search(
            [("realty_visit_id", "=", self.visit.id)], order="id desc", limit=1
        )
        return action, answer


@tagged("post_install", "-at_install")
class TestRealtySurvey(SurveyCase):
    def test_answer_at_visit_is_linked_and_on_the_ledger(self):
        action, answer = self.answer_at_visit()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertEqual(action["url"], answer.get_start_url())
        self.assertEqual(answer.survey_id, self.survey)
        self.assertEqual(answer.realty_opportunity_id, self.lead)
        self.assertEqual(answer.partner_id, self.customer)
        self.assertEqual(answer.realty_project_id, self.project)
        answer._save_lines(self.question, self.question.suggested_answer_ids[1].id)
        answer._mark_done()
        self.assertEqual(self.lead.with_user(self.consultant).realty_answer_count, 1)
        rows = (
            self.env["realty.customer.touchpoint"]
            .with_user(self.consultant)
            .search(
                [("partner_id", "=", self.customer.id), ("kind", "=", "questionnaire")]
            )
        )
        self.assertEqual(rows.mapped("res_id"), [answer.id])
        self.assertEqual(rows.project_id, self.project)
        self.assertEqual(rows.user_id, self.consultant)
        self.assertEqual(rows.res_model, "survey.user_input")

    def test_answer_from_the_opportunity(self):
        self.lead.with_user(self.consultant).action_realty_answer_questionnaire()
        answer = self.env["survey.user_input"].search(
            [("realty_opportunity_id", "=", self.lead.id)]
        )
        self.assertEqual(len(answer), 1)
        self.assertFalse(answer.realty_visit_id)
        self.assertEqual(answer.partner_id, self.customer)

    def test_other_project_consultant_cannot_read_answers(self):
        _action, answer = self.answer_at_visit()
        answer._save_lines(self.question, self.question.suggested_answer_ids[0].id)
        Answer = self.env["survey.user_input"].with_user(self.outsider)
        self.assertFalse(Answer.search([("id", "=", answer.id)]))
        with self.assertRaises(AccessError):
            Answer.browse(answer.id).read(["partner_id"])
        Line = self.env["survey.user_input.line"].with_user(self.outsider)
        self.assertFalse(Line.search([("user_input_id", "=", answer.id)]))
        with self.assertRaises(AccessError):
            self.visit.with_user(self.outsider).action_realty_answer_questionnaire()
        # ...nor start one on the project's opportunity
        with self.assertRaises(AccessError):
            self.lead.with_user(self.outsider).action_realty_answer_questionnaire()
        # the project's consultant reads it, lines included
        self.assertEqual(
            self.env["survey.user_input"]
            .with_user(self.consultant)
            .search([("id", "=", answer.id)]),
            answer,
        )
        self.assertTrue(
            self.env["survey.user_input.line"]
            .with_user(self.consultant)
            .search([("user_input_id", "=", answer.id)])
        )

    def test_survey_still_works_for_non_realty_users(self):
        """A survey officer who is no realty user reads every answer, as before."""
        officer = new_test_user(
            self.env, "survey_officer", groups="survey.group_survey_user"
        )
        _action, answer = self.answer_at_visit()
        other = (
            self.env["survey.survey"]
            .with_user(officer)
            .create({"title": "Staff satisfaction"})
        )
        self.assertEqual(
            self.env["survey.user_input"]
            .with_user(officer)
            .search([("survey_id", "in", (self.survey | other).ids)]),
            answer,
        )

    def test_links_stay_in_the_project(self):
        """A survey officer (a sales manager is one) links no answer to a visit of
        another project, nor to one they cannot read."""
        self.manager.groups_id |= self.env.ref("survey.group_survey_user")
        other_visit = self.env["realty.visit"].create(
            {"project_id": self.other_project.id, "visitor_name": "钱多多"}
        )
        _action, answer = self.answer_at_visit()
        with self.assertRaises(AccessError):
            answer.with_user(self.manager).write({"realty_visit_id": other_visit.id})
        with self.assertRaises(RealtyValidationError):
            answer.write({"realty_visit_id": other_visit.id})
        self.assertEqual(answer.realty_visit_id, self.visit)

    def test_no_questionnaire_is_refused(self):
        self.survey.active = False
        with self.assertRaises(RealtyUserError):
            self.answer_at_visit()


@tagged("post_install", "-at_install")
class TestRealtySurveyHttp(SurveyCase, HttpCase):
    def test_consultant_starts_the_survey_of_a_visit(self):
        action, _answer = self.answer_at_visit()
        self.authenticate("realty_consultant", "realty_consultant")
        response = self.url_open(action["url"])
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_survey_start", response.text)
        self.assertIn("Test Garden visitor questionnaire", response.text)
        # another project's consultant's session does not take it
        self.authenticate("survey_outsider", "survey_outsider")
        response = self.url_open(action["url"])
        self.assertNotIn("o_survey_start", response.text)
