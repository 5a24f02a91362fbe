"""What the customer analysis (客户分析) reads of a customer beyond their identity:
where they live and their income band (the age band comes from the birth date of
their ID, res_partner.py)."""

from odoo import fields, models

INCOME_BANDS = [
    ("lt100k", "Below 100k a year"),
    ("100k_300k", "100k-300k a year"),
    ("300k_500k", "300k-500k a year"),
    ("500k_1m", "500k-1M a year"),
    ("gt1m", "Above 1M a year"),
]
"""A household's yearly income (CNY), as the customer tells it (questionnaire)."""


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    realty_district = fields.Char(
        string="District",
        groups="realty_base.group_realty_user",
        tracking=True,
        help="Where the customer lives or works (区域), e.g. 余杭区.",
    )
    realty_income_band = fields.Selection(
        INCOME_BANDS,
        string="Income Band",
        groups="realty_base.group_realty_user",
        tracking=True,
    )
