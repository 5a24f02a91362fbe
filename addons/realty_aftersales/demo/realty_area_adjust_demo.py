"""The demo area adjustments (面积补差) of 湖畔花园, built once at install.

``demo/realty_area_adjust_demo.xml`` defines four buyers, then calls
:meth:`RealtyDemo._create_demo_area_adjustments`: four more rooms of 5# sold on
one-off contracts paid in full; the survey of three of them in a batch that is
imported, adjusted by hand on one line (with the reason), approved and applied
(one buyer pays, one is refunded, one measured as predicted), and the fourth in a
later batch computed and waiting for its approval.
"""

import base64
from datetime import timedelta
from decimal import Decimal

from odoo import api, fields, models

BUYERS = ("partner_shen_hui", "partner_han_bo", "partner_yang_fan", "partner_zhu_li")
INNER_CHANGE = (Decimal("1.20"), Decimal("-0.80"), Decimal(0), Decimal("0.60"))
"""How far each room's measured inner area is from the predicted one (m²)."""
HEADER = "房号,建筑面积,套内面积,分摊面积"


class RealtyDemo(models.AbstractModel):
    _inherit = "realty.demo"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _create_demo_area_adjustments(self):
        env = self.env
        building = env.ref("realty_base.building_5_demo")
        consultant = env.ref("realty_base.user_consultant_demo")
        admin = env.ref("base.user_admin")
        oneoff = env.ref("realty_base.payment_method_oneoff")
        today = fields.Date.context_today(self)
        rooms = env["realty.room"].search(
            [
                ("building_id", "=", building.id),
                ("state", "=", "available"),
                ("usage", "=", "residential"),
            ],
            order="code",
            limit=len(BUYERS),
        )
        if len(rooms) < len(BUYERS):
            return False
        Deal = (
            env["realty.deal"].with_user(consultant).with_context(tracking_disable=True)
        )
        for number, (room, buyer) in enumerate(zip(rooms, BUYERS, strict=True)):
            deal = Deal.create(
                {
                    "room_id": room.id,
                    "partner_id": env.ref(f"realty_aftersales.{buyer}_demo").id,
                    "payment_method_id": oneoff.id,
                    "contract_no": f"HPHY-2025-06{number + 1:02d}",
                    "area_option": "building",
                    "delivery_date": today + timedelta(days=45),
                }
            )
            deal.action_sign_contract()
            for line in deal.schedule_line_ids.filtered("payable"):
                deal.register_payment(
                    line.item, line.payable, reference=f"TRF-BC-{deal.id}-{line.id}"
                )
        rows = [
            self._demo_measured(room, change)
            for room, change in zip(rooms, INNER_CHANGE, strict=True)
        ]
        Batch = env["realty.area.adjust.batch"].with_user(admin)
        applied = Batch.create(self._demo_batch(building, rows[:3], "实测-2025-05#-01"))
        applied.action_import()
        charged = applied.line_ids.filtered(lambda line: line.room_id == rooms[0])
        # the buyer pays the settlement rounded down to the hundred yuan (抹零)
        cents = Decimal(str(charged.net)) % 100
        charged.write(
            {
                "manual_adjustment": -float(cents),
                "manual_reason": "抹零：补差款取整到百元（销售经理批准）",
            }
        )
        applied.action_submit()
        applied.action_approve()
        applied.action_apply()
        pending = Batch.create(self._demo_batch(building, rows[3:], "实测-2025-05#-02"))
        pending.action_import()
        pending.action_submit()
        return True

    @staticmethod
    def _demo_measured(room, change):
        inner = Decimal(str(room.area_inner_pred)) + change
        shared = Decimal(str(room.area_shared_pred))
        return f"{room.code},{inner + shared:.2f},{inner:.2f},{shared:.2f}"

    @api.model
    def _demo_batch(self, building, rows, reference):
        data = "\n".join([HEADER, *rows]).encode("utf-8")
        return {
            "project_id": building.project_id.id,
            "building_id": building.id,
            "survey_date": fields.Date.context_today(self) - timedelta(days=10),
            "survey_reference": reference,
            "file": base64.b64encode(data),
            "filename": "5#实测面积.csv",
        }
