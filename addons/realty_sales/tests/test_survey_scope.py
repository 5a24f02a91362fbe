"""The survey application stays closed to a consultant: the questionnaires of their
projects are open to them, no other survey of the database (an RPC attacker's view:
with_user search and read)."""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .test_realty_survey import SurveyCase


@tagged("post_install", "-at_install")
class TestRealtySurveyScope(SurveyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.exam = cls.env["survey.survey"].create(
            {
                "title": "Staff certification",
                "certification": True,
                "scoring_type": "scoring_with_answers",
                "question_and_page_ids": [
                    Command.create(
                        {
                            "title": "Which clause protects the buyer?",
                            "question_type": "simple_choice",
                            "suggested_answer_ids": [
                                Command.create(
                                    {
                                        "value": "Clause 7",
                                        "is_correct": True,
                                        "answer_score": 10,
                                    }
                                ),
                                Command.create({"value": "Clause 9"}),
                            ],
                        }
                    )
                ],
            }
        )
        cls.exam_question = cls.exam.question_ids
        cls.exam_answer = cls.exam._create_answer(
            partner=cls.customer, check_attempts=False
        )
        cls.exam_answer._save_lines(
            cls.exam_question, cls.exam_question.suggested_answer_ids[0].id
        )

    def test_consultant_reads_no_other_survey(self):
        env = self.env(user=self.consultant)
        for model, record in (
            ("survey.survey", self.exam),
            ("survey.question", self.exam_question),
            ("survey.question.answer", self.exam_question.suggested_answer_ids[0]),
            ("survey.user_input", self.exam_answer),
            ("survey.user_input.line", self.exam_answer.user_input_line_ids),
        ):
            self.assertFalse(
                env[model].search([("id", "in", record.ids)]), f"{model} is open"
            )
            with self.assertRaises(AccessError, msg=model):
                env[model].browse(record.ids).read(["display_name"])
        with self.assertRaises(AccessError):
            env["survey.question.answer"].browse(
                self.exam_question.suggested_answer_ids.ids
            ).read(["is_correct"])

    def test_consultant_reads_their_project_questionnaire(self):
        _action, answer = self.answer_at_visit()
        answer._save_lines(self.question, self.question.suggested_answer_ids[0].id)
        env = self.env(user=self.consultant)
        surveys = env["survey.survey"].search([])
        self.assertIn(self.survey, surveys)
        self.assertNotIn(self.exam, surveys)
        self.assertEqual(
            env["survey.question"].search([("survey_id", "=", self.survey.id)]),
            self.question,
        )
        self.assertEqual(
            env["survey.question.answer"].search(
                [("question_id", "=", self.question.id)]
            ),
            self.question.suggested_answer_ids,
        )
        self.assertEqual(
            env["survey.user_input"].search([("id", "=", answer.id)]), answer
        )
        self.assertTrue(
            env["survey.user_input.line"].search([("user_input_id", "=", answer.id)])
        )

    def test_survey_officers_keep_every_survey(self):
        """A survey officer who is no realty user, and a sales manager (a survey
        officer too), read the certification and its answers as Odoo has it."""
        officer = new_test_user(
            self.env, "survey_scope_officer", groups="survey.group_survey_user"
        )
        for user in (officer, self.manager):
            env = self.env(user=user)
            self.assertEqual(
                env["survey.user_input"].search([("id", "=", self.exam_answer.id)]),
                self.exam_answer,
                user.login,
            )
            self.assertEqual(
                env["survey.question.answer"]
                .browse(self.exam_question.suggested_answer_ids[0].id)
                .is_correct,
                True,
            )
