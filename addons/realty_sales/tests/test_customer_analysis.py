"""The customer analysis (客户分析) on the demo data: the figures of the demo's ten
questionnaire respondents (demo/realty_survey_demo.py), counted here by hand."""

from datetime import date

from odoo.models import BaseModel
from odoo.tests import new_test_user, tagged

from .common import SalesCase

ANALYSIS_QUERIES = 3
"""A grouped read of the customer analysis by two attributes, as a consultant: the
rules' projects, the grouped query on the view, one label read: the same however
many customers."""


def band(birth, today):
    age = (
        today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
    )
    for limit, key in ((25, "lt25"), (35, "25_34"), (45, "35_44"), (55, "45_54")):
        if age < limit:
            return key
    return "55_plus"


@tagged("post_install", "-at_install")
class TestCustomerAnalysis(SalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.demo_project = cls.env.ref("realty_base.realty_project_demo")
        cls.demo_consultant = cls.env.ref("realty_base.user_consultant_demo")
        cls.respondents = cls.env["res.partner"].search(
            [("realty_district", "!=", False)]
        )

    def grouped(self, model, domain, groupby, user=None):
        """``{(group values): count}`` of the respondents' rows; a choice is its
        text."""
        Model = self.env[model].with_user(user or self.demo_consultant)
        return {
            tuple(
                value.value
                if isinstance(value, BaseModel)
                and value._name == "survey.question.answer"
                else value
                for value in (*keys,)
            ): count
            for *keys, count in Model._read_group(
                domain + [("partner_id", "in", self.respondents.ids)],
                groupby,
                ["__count"],
            )
        }

    def test_customers_by_district_and_crossed_with_income(self):
        self.assertEqual(len(self.respondents), 10)
        domain = [("project_id", "=", self.demo_project.id)]
        Analysis = "realty.customer.analysis"
        self.assertEqual(
            self.grouped(Analysis, domain, ["district"]),
            {("余杭区",): 4, ("西湖区",): 3, ("拱墅区",): 1, ("临平区",): 2},
        )
        self.assertEqual(
            self.grouped(Analysis, domain, ["district", "income_band"]),
            {
                ("余杭区", "300k_500k"): 3,
                ("余杭区", "100k_300k"): 1,
                ("西湖区", "500k_1m"): 3,
                ("拱墅区", "500k_1m"): 1,
                ("临平区", "100k_300k"): 2,
            },
        )
        # the needs of their opportunities (demo/realty_crm_demo.py)
        self.assertEqual(
            self.grouped(Analysis, domain, ["purpose"]),
            {
                ("own_use",): 4,
                ("upgrade",): 2,
                ("investment",): 2,
                ("school",): 1,
                ("retirement",): 1,
            },
        )
        self.assertEqual(
            self.grouped(Analysis, domain, ["area_band", "budget_band"]),
            # 89-120 m² (the middle, 104.5) and 2.5M; 120-144 m² (132) and 3.8M
            {("90_120", "2m_3m"): 8, ("120_144", "3m_5m"): 2},
        )
        # the visits and calls of 余杭区's four: 1 + 2 + 0 + 1 visits, 1 call
        rows = (
            self.env[Analysis]
            .with_user(self.demo_consultant)
            .search(domain + [("partner_id", "in", self.respondents.ids)])
        )
        yuhang = rows.filtered(lambda r: r.district == "余杭区")
        self.assertEqual(sum(yuhang.mapped("visit_count")), 4)
        self.assertEqual(sum(yuhang.mapped("call_count")), 1)
        # the age bands of their ID numbers' birth dates
        today = date.today()
        expected = {}
        for partner in self.respondents:
            key = (band(partner.realty_birth_date, today),)
            expected[key] = expected.get(key, 0) + 1
        self.assertEqual(self.grouped(Analysis, domain, ["age_band"]), expected)

    def test_answers_by_choice_and_crossed(self):
        domain = [("project_id", "=", self.demo_project.id)]
        Answers = "realty.customer.answer.analysis"
        heard = self.env.ref("realty_sales.survey_question_heard_demo")
        self.assertEqual(
            self.grouped(
                Answers, domain + [("question_id", "=", heard.id)], ["answer_id"]
            ),
            {("户外广告",): 4, ("微信朋友圈",): 4, ("亲友介绍",): 2},
        )
        layout = self.env.ref("realty_sales.survey_question_layout_demo")
        self.assertEqual(
            self.grouped(
                Answers,
                domain + [("question_id", "=", layout.id)],
                ["answer_id", "district"],
            ),
            {
                ("两房", "拱墅区"): 1,
                ("两房", "余杭区"): 1,
                ("两房", "临平区"): 1,
                ("三房", "余杭区"): 3,
                ("三房", "临平区"): 1,
                ("三房", "西湖区"): 1,
                ("四房", "西湖区"): 2,
            },
        )
        # five questions answered by each of the ten
        self.assertEqual(
            sum(self.grouped(Answers, domain, ["question_id"]).values()), 50
        )

    def test_other_projects_consultant_sees_none(self):
        outsider = new_test_user(
            self.env, "analysis_outsider", groups="realty_base.group_realty_consultant"
        )
        for model in ("realty.customer.analysis", "realty.customer.answer.analysis"):
            self.assertFalse(
                self.env[model]
                .with_user(outsider)
                .search_count([("partner_id", "in", self.respondents.ids)])
            )

    def test_grouped_read_in_pinned_queries(self):
        Analysis = self.env["realty.customer.analysis"].with_user(self.demo_consultant)
        Analysis.read_group(
            [], ["deal_amount:sum"], ["district", "income_band"], lazy=False
        )
        with self.assertQueryCount(ANALYSIS_QUERIES):
            Analysis.read_group(
                [], ["deal_amount:sum"], ["district", "income_band"], lazy=False
            )
