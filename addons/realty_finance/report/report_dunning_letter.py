"""The values of the dunning letters (催款函, report/realty_dunning_letter.xml)."""

from odoo import api, fields, models

from odoo.addons.realty_base.inputs import parse_date
from odoo.addons.realty_base.tools import amount_to_capital
from odoo.addons.realty_base.tools.dunning import DEMAND, DUNNING_KINDS

from ..models.realty_collection_log import LETTER_TITLES


class ReportDunningLetter(models.AbstractModel):
    """A deal's dunning letter on a date (``data``: ``as_of``, ``kind``; printed
    from the deal: today's demand letter): each overdue line with its outstanding
    amount and the penalty so far (tools.demand_amounts), their totals in figures
    and in capital numerals (§9.9), and the contract's terms it relies on."""

    _name = "report.realty_finance.report_dunning_letter"
    _description = "Dunning Letter (催款函)"

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        as_of = parse_date(data.get("as_of")) or fields.Date.context_today(self)
        kind = data.get("kind") if data.get("kind") in DUNNING_KINDS else DEMAND
        deals = self.env["realty.deal"].browse(docids)
        Log = self.env["realty.collection.log"]
        letters = {}
        for deal in deals:
            statement = Log._dunning_statement(deal.sudo(), as_of)
            letters[deal.id] = {
                **statement,
                "title": LETTER_TITLES[kind],
                "kind": kind,
                "buyers": "、".join(
                    (deal.partner_id | deal.buyer_ids.partner_id).mapped("name")
                ),
                "outstanding_capital": amount_to_capital(statement["outstanding"]),
                "penalty_capital": amount_to_capital(statement["penalty"]),
                "total_capital": amount_to_capital(statement["total"]),
                # a daily rate of 0.0005 is printed 万分之5 (§8.3)
                "rate_per_10000": f"{round(deal.late_daily_rate * 10000, 3):g}",
            }
        Line = self.env["realty.deal.schedule.line"].with_context(lang="zh_CN")
        return {
            "doc_ids": docids,
            "doc_model": "realty.deal",
            "docs": deals,
            "letters": letters,
            "as_of": as_of,
            # the letters are Chinese documents: the items' Chinese names
            "item_names": dict(Line._fields["item"]._description_selection(Line.env)),
        }
