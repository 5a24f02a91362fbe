"""The customer ledger (客户台帐): every touchpoint of a customer across projects.

One row per visit or call, opportunity, questionnaire answer, queue number and deal
of a partner, read from the tables themselves (a SQL view, nothing is copied). The
payments of realty_finance and the service cases of realty_aftersales enter through
:meth:`RealtyCustomerTouchpoint._realty_touchpoint_selects`, which those addons
extend with their own SELECT; neither needs the other.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from odoo.addons.realty_base.inputs import arguments, check_ids

TOUCHPOINT_KINDS = [
    ("visit", "Visit"),
    ("call", "Call"),
    ("opportunity", "Opportunity"),
    ("questionnaire", "Questionnaire"),
    ("queue_number", "Queue Number"),
    ("deal", "Deal"),
]
KIND_SLOTS = 16
"""A row's id is ``res_id * KIND_SLOTS + slot``: unique across the sources, stable
between two reads. Slots 1-6 are realty_sales', 7 realty_finance's, 8
realty_aftersales'."""
SUMMARY_LENGTH = 200
"""Characters of a note shown as a touchpoint's summary."""


class RealtyCustomerTouchpoint(models.Model):
    """A touchpoint of a customer. Every SELECT of the union yields, in this order:
    ``id, partner_id, date, kind, project_id, company_id, user_id, summary, amount,
    res_model, res_id`` (see :meth:`_realty_touchpoint_selects`)."""

    _name = "realty.customer.touchpoint"
    _description = "Customer Touchpoint"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "summary"
    _depends = {
        "realty.visit": [
            "partner_id",
            "date",
            "kind",
            "project_id",
            "company_id",
            "user_id",
            "notes",
            "visitor_name",
        ],
        "crm.lead": [
            "partner_id",
            "create_date",
            "realty_project_id",
            "company_id",
            "user_id",
            "name",
            "expected_revenue",
        ],
        "survey.user_input": [
            "partner_id",
            "create_date",
            "survey_id",
            "realty_project_id",
            "realty_visit_id",
            "realty_opportunity_id",
        ],
        "realty.project": ["company_id"],
        "survey.survey": ["title", "user_id"],
        "realty.queue.number": [
            "partner_id",
            "date_issued",
            "project_id",
            "company_id",
            "user_id",
            "name",
            "sincerity_amount",
        ],
        "realty.deal": [
            "partner_id",
            "create_date",
            "project_id",
            "company_id",
            "user_id",
            "name",
            "deal_total",
        ],
        "realty.deal.buyer": ["deal_id", "partner_id"],
    }

    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    date = fields.Datetime(readonly=True)
    kind = fields.Selection(TOUCHPOINT_KINDS, readonly=True)
    project_id = fields.Many2one("realty.project", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    user_id = fields.Many2one("res.users", string="Consultant", readonly=True)
    summary = fields.Char(readonly=True)
    amount = fields.Monetary(readonly=True)
    res_model = fields.Char(string="Document Model", readonly=True)
    res_id = fields.Integer(string="Document", readonly=True)
    touchpoint_count = fields.Integer(string="Touchpoints", readonly=True)

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT t.*, c.currency_id AS currency_id, 1 AS touchpoint_count
            FROM (%s) AS t (
                id, partner_id, date, kind, project_id, company_id, user_id,
                summary, amount, res_model, res_id
            )
            LEFT JOIN res_company c ON c.id = t.company_id
            """,
            SQL(" UNION ALL ").join(self._realty_touchpoint_selects()),
        )

    @api.model
    def _realty_touchpoint_selects(self):
        """The SELECTs of the union, one per source. Addons append theirs (with a
        slot of their own in the id, see ``KIND_SLOTS``)."""
        lang = self.env.lang or "en_US"
        return [
            SQL(
                """
                SELECT v.id * %(slots)s + 1, v.partner_id, v.date, v.kind,
                    v.project_id, v.company_id, v.user_id,
                    LEFT(COALESCE(NULLIF(v.notes, ''), v.visitor_name), %(length)s),
                    NULL::numeric, 'realty.visit', v.id
                FROM realty_visit v
                WHERE v.partner_id IS NOT NULL
                """,
                slots=KIND_SLOTS,
                length=SUMMARY_LENGTH,
            ),
            SQL(
                """
                SELECT l.id * %(slots)s + 2, l.partner_id, l.create_date,
                    'opportunity', l.realty_project_id, l.company_id, l.user_id,
                    l.name, l.expected_revenue, 'crm.lead', l.id
                FROM crm_lead l
                WHERE l.partner_id IS NOT NULL
                """,
                slots=KIND_SLOTS,
            ),
            SQL(
                """
                SELECT a.id * %(slots)s + 3, a.partner_id, a.create_date,
                    'questionnaire', a.realty_project_id, p.company_id,
                    COALESCE(v.user_id, l.user_id, s.user_id),
                    COALESCE(s.title->>%(lang)s, s.title->>'en_US'), NULL::numeric,
                    'survey.user_input', a.id
                FROM survey_user_input a
                JOIN survey_survey s ON s.id = a.survey_id
                LEFT JOIN realty_project p ON p.id = a.realty_project_id
                LEFT JOIN realty_visit v ON v.id = a.realty_visit_id
                LEFT JOIN crm_lead l ON l.id = a.realty_opportunity_id
                WHERE a.partner_id IS NOT NULL
                """,
                slots=KIND_SLOTS,
                lang=lang,
            ),
            SQL(
                """
                SELECT q.id * %(slots)s + 4, q.partner_id, q.date_issued,
                    'queue_number', q.project_id, q.company_id, q.user_id, q.name,
                    q.sincerity_amount, 'realty.queue.number', q.id
                FROM realty_queue_number q
                WHERE q.partner_id IS NOT NULL
                """,
                slots=KIND_SLOTS,
            ),
            SQL(
                """
                SELECT d.id * %(slots)s + 5, d.partner_id, d.create_date, 'deal',
                    d.project_id, d.company_id, d.user_id, d.name, d.deal_total,
                    'realty.deal', d.id
                FROM realty_deal d
                WHERE d.partner_id IS NOT NULL
                """,
                slots=KIND_SLOTS,
            ),
            # The co-buyers of a deal: the deal is theirs too (one row each).
            SQL(
                """
                SELECT b.id * %(slots)s + 6, b.partner_id, d.create_date, 'deal',
                    d.project_id, d.company_id, d.user_id, d.name, d.deal_total,
                    'realty.deal', d.id
                FROM realty_deal_buyer b
                JOIN realty_deal d ON d.id = b.deal_id
                WHERE b.partner_id IS DISTINCT FROM d.partner_id
                """,
                slots=KIND_SLOTS,
            ),
        ]

    @arguments()
    def action_open_document(self):
        """The touchpoint's own document (visit, opportunity, deal, ...), if the
        user may read it."""
        check_ids(self, list(self._ids))
        self.ensure_one()
        document = self.env[self.res_model].browse(self.res_id).exists()
        if not document:
            raise AccessError(self.env._("This document no longer exists."))
        document.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
