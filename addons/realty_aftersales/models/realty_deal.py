from odoo import fields, models

AREA_ADJUST_STATES = [
    ("none", "Not Measured"),
    ("pending", "To Settle"),
    ("settled", "Settled"),
    ("waived", "Waived"),
]


class RealtyDeal(models.Model):
    _inherit = "realty.deal"

    area_adjust_state = fields.Selection(
        AREA_ADJUST_STATES,
        string="Area Adjustment",
        required=True,
        default="none",
        readonly=True,
        copy=False,
        tracking=True,
        protected="area adjustment batches (apply, waive)",
        help="Where the deal's area adjustment (面积补差, §7) stands: handover (F12) "
        "waits until it is settled or waived by approval.",
    )

    # ---------------------------------------------------- handover (F12, §9.10)
    handover_count = fields.Integer(compute="_compute_handover_count")

    def _compute_handover_count(self):
        counts = dict(
            self.env["realty.handover"]._read_group(
                [("deal_id", "in", self.ids)], ["deal_id"], ["__count"]
            )
        )
        for deal in self:
            deal.handover_count = counts.get(deal, 0)

    def action_view_handover(self):
        """The deal's handover (交房), or a new one for it."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "realty_aftersales.realty_handover_action"
        )
        handover = self.env["realty.handover"].search(
            [("deal_id", "=", self.id)], limit=1
        )
        action.update(
            views=[(False, "form")],
            view_mode="form",
            res_id=handover.id,
            context={"default_deal_id": self.id},
        )
        return action

    def _loans_not_approved(self):
        """The loans of these deals not yet at least approved by their lender
        (handover.payment_condition, §9.10): loan cases with a ``deal_id``, or
        the deals themselves. None here; the service cases answer."""
        return self.browse()

    def _handover_area_adjustment(self):
        """``{deal id: amount}``: the net of the deals' settled area adjustments
        (§7) the buyer still pays (negative: refunded), printed on the handover
        notice. None here; the area adjustment answers."""
        return {}

    def _on_handed_over(self):
        """After the rooms of these deals are handed over (F12): the service
        cases open the property-certificate case here."""
        return True
