from datetime import timedelta

from odoo import api, fields, models

from odoo.addons.realty_base.tools import states

from ..payload import CONTRACT, SUBSCRIPTION
from .realty_filing import FILING_STATES


class RealtyDeal(models.Model):
    """A deal's filings with the city system: filed from the deal, their number
    and state on it, and the 30-day filing timer (§2.5)."""

    _inherit = "realty.deal"

    filing_ids = fields.One2many("realty.filing", "deal_id", string="Filings")
    filing_count = fields.Integer(compute="_compute_filing_count")
    filing_number = fields.Char(
        compute="_compute_filing",
        store=True,
        help="The number of the accepted contract filing (网签备案号).",
    )
    filing_state = fields.Selection(
        FILING_STATES,
        string="Contract Filing",
        compute="_compute_filing",
        store=True,
        help="The state of the contract's latest filing.",
    )

    @api.depends("filing_ids")
    def _compute_filing_count(self):
        counts = dict(
            self.env["realty.filing"]._read_group(
                [("deal_id", "in", self.ids)], ["deal_id"], ["__count"]
            )
        )
        for deal in self:
            deal.filing_count = counts.get(deal._origin, 0)

    @api.depends("filing_ids.kind", "filing_ids.state", "filing_ids.filing_number")
    def _compute_filing(self):
        for deal in self:
            filings = deal.filing_ids.filtered(lambda f: f.kind == CONTRACT).sorted(
                "id", reverse=True
            )
            accepted = filings.filtered(lambda f: f.state == "accepted")[:1]
            deal.filing_number = accepted.filing_number or False
            deal.filing_state = filings[:1].state or False

    # ---------------------------------------------------------------- actions
    def action_file_contract(self):
        """File the signed contract (网签): a contract filing, checked and queued."""
        return self._file(CONTRACT)

    def action_file_subscription(self):
        """File the subscription (认购备案) where the city wants it."""
        return self._file(SUBSCRIPTION)

    def _file(self, kind):
        filings = self.env["realty.filing"].create(
            [{"deal_id": deal.id, "kind": kind} for deal in self]
        )
        filings.action_queue()
        if len(filings) == 1:
            return filings._form_action()
        return True

    def action_view_filings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "realty_filing.realty_filing_action"
        )
        action["domain"] = [("deal_id", "=", self.id)]
        action["context"] = {"default_deal_id": self.id}
        return action

    # ------------------------------------------------------------------ timer
    @api.model
    def _cron_flag_overdue(self):
        """§2.5: a contract not filed within filing.within_days (30) is flagged."""
        result = super()._cron_flag_overdue()
        now = fields.Datetime.now()
        contracts = self.search(
            [
                ("status", "=", "active"),
                ("overdue", "=", False),
                ("stage", "=", "contract"),
                ("room_id.state", "=", states.CONTRACTED),
                ("project_id.filing_required", "=", True),
            ]
        )
        for deal in contracts:
            days = deal.project_id.filing_within_days
            if deal.date_contract and deal.date_contract + timedelta(days=days) < now:
                deal._unlocked().write(
                    {
                        "overdue": True,
                        "overdue_reason": self.env._(
                            "Contract not filed within %(days)s days.", days=days
                        ),
                    }
                )
        return result
