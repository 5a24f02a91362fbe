"""The values of the handover notice (交房通知书) that QWeb does not compute: the
amounts the buyer still owes on the handover date (§9.10)."""

from odoo import api, fields, models

from odoo.addons.realty_base.tools import amount_to_capital


class ReportHandoverNotice(models.AbstractModel):
    _name = "report.realty_aftersales.report_handover_notice"
    _description = "Handover Notice (交房通知书)"

    @api.model
    def _get_report_values(self, docids, data=None):
        handovers = self.env["realty.handover"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "realty.handover",
            "docs": handovers,
            "dues": {handover.id: self._dues(handover) for handover in handovers},
        }

    @api.model
    def _dues(self, handover):
        """``{"lines": [(label, date or False, amount)], "total", "capital"}``:
        the schedule lines due by the handover date not received, the fees
        collected for others, the maintenance fund and the area adjustment's
        net (through realty.deal's handover hooks)."""
        deal = handover.deal_id
        as_of = max(handover.date_scheduled, fields.Date.context_today(handover))
        items = dict(
            self.env["realty.deal.schedule.line"]
            ._fields["item"]
            ._description_selection(self.env)
        )
        lines = [
            (items[line.item], line.due_date, amount)
            for line, amount in sorted(
                deal._handover_outstanding(as_of).items(),
                key=lambda pair: pair[0].due_date,
            )
        ]
        if handover.project_id.fee_collect_stage != "certificate":
            lines += [
                (label, False, amount)
                for label, amount in deal._fees_outstanding().get(deal.id, {}).items()
            ]
        fund = deal._maintenance_fund_unpaid().get(deal.id)
        if fund:
            lines.append((self.env._("Maintenance Fund (维修基金)"), False, fund))
        area = deal._handover_area_adjustment().get(deal.id)
        if area:
            lines.append((self.env._("Area Adjustment (面积补差), net"), False, area))
        total = sum(amount for _label, _date, amount in lines)
        return {
            "lines": lines,
            "total": total,
            "capital": amount_to_capital(total) if total >= 0 else "",
        }
