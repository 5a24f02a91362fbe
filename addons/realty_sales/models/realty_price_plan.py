from odoo import models


class RealtyPricePlan(models.Model):
    _inherit = "realty.price.plan"

    def action_apply(self):
        """Deals whose price is not locked yet (reservations, §3.8) follow the new
        list prices of their rooms; locked ones were skipped by the plan. Looked up
        from the few unlocked deals, not from the plan's (many) lines."""
        result = super().action_apply()
        deals = self.env["realty.deal"].search(
            [
                ("project_id", "in", self.project_id.ids),
                ("status", "=", "active"),
                ("price_locked", "=", False),
            ]
        )
        if deals:
            repriced = (
                self.env["realty.price.plan.line"]
                .search(
                    [
                        ("plan_id", "in", self.ids),
                        ("skipped", "=", False),
                        ("room_id", "in", deals.room_id.ids),
                    ]
                )
                .room_id
            )
            for deal in deals.filtered(lambda d: d.room_id in repriced):
                deal._refresh_list_price()
        return result
