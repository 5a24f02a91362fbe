"""Ten of the month's customers of 湖畔花园 answer the visitor questionnaire (问卷)
at their visit: each becomes a partner (ID number, district, income band) linked to
their opportunity and visits, and their answer is linked to the visit and the
opportunity, so that the customer analysis (客户分析) has something to show."""

from odoo import api, models

from odoo.addons.realty_base.tools import id_check_character

# (mobile of the demo lead, birth date, district, income band,
#  answers: district, income, purpose, heard, layout)
RESPONDENTS = [
    ("13812340001", "19880415", "余杭区", "300k_500k",
     ("yuhang", "300k_500k", "own_use", "outdoor", "3")),
    ("13812340002", "19790923", "西湖区", "500k_1m",
     ("xihu", "500k_1m", "upgrade", "wechat", "4")),
    ("13812340003", "19660208", "拱墅区", "500k_1m",
     ("gongshu", "500k_1m", "investment", "outdoor", "2")),
    ("13812340004", "19930711", "余杭区", "100k_300k",
     ("yuhang", "100k_300k", "own_use", "wechat", "2")),
    ("13812340005", "19850130", "余杭区", "300k_500k",
     ("yuhang", "300k_500k", "other", "wechat", "3")),
    ("13812340006", "19761105", "西湖区", "500k_1m",
     ("xihu", "500k_1m", "upgrade", "outdoor", "4")),
    ("13812340007", "19900618", "临平区", "100k_300k",
     ("linping", "100k_300k", "own_use", "friend", "3")),
    ("13812340008", "19580327", "余杭区", "300k_500k",
     ("yuhang", "300k_500k", "other", "friend", "3")),
    ("13812340009", "19950812", "临平区", "100k_300k",
     ("linping", "100k_300k", "own_use", "wechat", "2")),
    ("13812340010", "19820504", "西湖区", "500k_1m",
     ("xihu", "500k_1m", "investment", "outdoor", "3")),
]  # fmt: skip
QUESTIONS = ("district", "income", "purpose", "heard", "layout")


class RealtyDemo(models.AbstractModel):
    _inherit = "realty.demo"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _create_demo_survey(self):
        """The ten respondents, their partners and their answers."""
        env = self.env
        survey = env.ref("realty_sales.survey_visitor_demo")
        leads = env["crm.lead"].search(
            [
                ("realty_project_id", "=", survey.realty_project_id.id),
                ("mobile", "in", [row[0] for row in RESPONDENTS]),
            ]
        )
        lead_of = {lead.mobile: lead for lead in leads}
        for index, (mobile, birth, district, income, answers) in enumerate(RESPONDENTS):
            lead = lead_of.get(mobile)
            if not lead:
                continue
            body = f"330110{birth}{index + 301:03d}"
            partner = env["res.partner"].create(
                {
                    "name": lead.contact_name,
                    "mobile": mobile,
                    "realty_id_type": "resident",
                    "realty_id_number": body + id_check_character(body),
                    "realty_district": district,
                    "realty_income_band": income,
                }
            )
            lead.with_context(tracking_disable=True).partner_id = partner
            lead.realty_visit_ids.partner_id = partner
            visit = lead.realty_visit_ids.filtered(lambda v: v.kind == "visit")[:1]
            answer = survey._create_answer(
                partner=partner,
                check_attempts=False,
                realty_visit_id=visit.id,
                realty_opportunity_id=lead.id,
            )
            for key, value in zip(QUESTIONS, answers, strict=True):
                question = env.ref(f"realty_sales.survey_question_{key}_demo")
                choice = env.ref(f"realty_sales.survey_answer_{key}_{value}_demo")
                answer._save_lines(question, choice.id)
            answer._mark_done()
        return True
