"""The questionnaire answers in the customer analysis (客户分析): each answer of a
project's questionnaires beside who gave it (district, age, income, needs)."""

from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.realty_base.const import USAGES

from ..models.crm_lead import PURPOSES
from ..models.res_partner_analysis import INCOME_BANDS
from .realty_customer_analysis import AGE_BANDS, age_band


class RealtyCustomerAnswerAnalysis(models.Model):
    """One row per answer line (a question answered, a choice made) of an answer
    linked to a project (survey_user_input.py), with the customer's attributes and
    the needs of the opportunity the answer was given for. Skipped questions are
    left out."""

    _name = "realty.customer.answer.analysis"
    _description = "Questionnaire Answer Analysis"
    _auto = False
    _order = "id desc"
    _rec_name = "question_id"
    _depends = {
        "survey.user_input.line": [
            "user_input_id",
            "question_id",
            "suggested_answer_id",
            "value_char_box",
            "value_numerical_box",
            "skipped",
        ],
        "survey.user_input": [
            "survey_id",
            "partner_id",
            "realty_project_id",
            "realty_visit_id",
            "realty_opportunity_id",
            "state",
            "create_date",
        ],
        "res.partner": ["realty_district", "realty_income_band", "realty_birth_date"],
        "crm.lead": ["user_id", "realty_usage", "realty_purpose"],
        "realty.visit": ["user_id"],
        "realty.project": ["company_id"],
    }

    user_input_id = fields.Many2one("survey.user_input", string="Answer", readonly=True)
    survey_id = fields.Many2one("survey.survey", string="Questionnaire", readonly=True)
    question_id = fields.Many2one("survey.question", readonly=True)
    answer_id = fields.Many2one(
        "survey.question.answer", string="Choice", readonly=True
    )
    value = fields.Char(string="Typed Answer", readonly=True)
    date = fields.Datetime(string="Answered On", readonly=True)
    is_done = fields.Boolean(string="Completed", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    project_id = fields.Many2one("realty.project", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    user_id = fields.Many2one("res.users", string="Consultant", readonly=True)
    opportunity_id = fields.Many2one("crm.lead", readonly=True)
    district = fields.Char(readonly=True)
    age_band = fields.Selection(AGE_BANDS, readonly=True)
    income_band = fields.Selection(INCOME_BANDS, readonly=True)
    usage = fields.Selection(USAGES, readonly=True)
    purpose = fields.Selection(PURPOSES, readonly=True)
    answer_count = fields.Integer(string="Answers", readonly=True)

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT
                ul.id AS id, a.id AS user_input_id, a.survey_id, ul.question_id,
                ul.suggested_answer_id AS answer_id,
                COALESCE(NULLIF(ul.value_char_box, ''),
                    ul.value_numerical_box::text) AS value,
                a.create_date AS date, a.state = 'done' AS is_done,
                a.partner_id, a.realty_project_id AS project_id, pr.company_id,
                COALESCE(v.user_id, l.user_id) AS user_id,
                a.realty_opportunity_id AS opportunity_id,
                NULLIF(p.realty_district, '') AS district,
                %(age_band)s AS age_band,
                p.realty_income_band AS income_band,
                l.realty_usage AS usage, l.realty_purpose AS purpose,
                1 AS answer_count
            FROM survey_user_input_line ul
            JOIN survey_user_input a ON a.id = ul.user_input_id
            JOIN realty_project pr ON pr.id = a.realty_project_id
            LEFT JOIN res_partner p ON p.id = a.partner_id
            LEFT JOIN realty_visit v ON v.id = a.realty_visit_id
            LEFT JOIN crm_lead l ON l.id = a.realty_opportunity_id
            WHERE NOT COALESCE(ul.skipped, FALSE)
            """,
            age_band=age_band(SQL("p.realty_birth_date")),
        )
