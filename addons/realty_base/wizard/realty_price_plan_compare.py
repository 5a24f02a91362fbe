from odoo import fields, models


class RealtyPricePlanCompare(models.TransientModel):
    """Two price plans side by side (§3.4): per room, and in totals by building and
    layout through the grouped list of the comparison lines."""

    _name = "realty.price.plan.compare"
    _description = "Compare Price Plans"

    plan_a_id = fields.Many2one(
        "realty.price.plan",
        string="Compare",
        help="Empty: the rooms' current list prices.",
    )
    plan_b_id = fields.Many2one("realty.price.plan", string="With", required=True)
    line_ids = fields.One2many("realty.price.plan.compare.line", "compare_id")

    def _prices(self, plan):
        return {line.room_id: (line.new_unit, line.new_total) for line in plan.line_ids}

    def action_compare(self):
        self.ensure_one()
        b = self._prices(self.plan_b_id)
        a = (
            self._prices(self.plan_a_id)
            if self.plan_a_id
            else {room: (room.list_unit_price, room.list_total) for room in b}
        )
        self.line_ids.unlink()
        self.env["realty.price.plan.compare.line"].create(
            [
                {
                    "compare_id": self.id,
                    "room_id": room.id,
                    "unit_a": a.get(room, (0.0, 0.0))[0],
                    "total_a": a.get(room, (0.0, 0.0))[1],
                    "unit_b": unit_b,
                    "total_b": total_b,
                    "difference": total_b - a.get(room, (0.0, 0.0))[1],
                }
                for room, (unit_b, total_b) in b.items()
            ]
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "realty_base.realty_price_plan_compare_line_action"
        )
        action["domain"] = [("compare_id", "=", self.id)]
        action["context"] = {"search_default_group_building": 1}
        return action
