"""The demo handovers of 湖畔花园, built once at install.

``demo/realty_handover_demo.xml`` defines four buyers, then calls
:meth:`RealtyDemo._create_demo_handovers`: four rooms of 5# (completed and
measured) sold on one-off contracts, and a handover for each at another step:
scheduled, notice sent, inspected with an open defect, handed over.
"""

import logging
from datetime import timedelta

from odoo import fields

from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_sales.models.realty_deal import LOAN_ITEMS

_logger = logging.getLogger(__name__)

BUYERS = ("partner_feng_yu", "partner_chu_xin", "partner_wei_tao", "partner_jiang_lan")


def create_demo_handovers(demo):
    env = demo.env
    building = env.ref("realty_base.building_5_demo")
    consultant = env.ref("realty_base.user_consultant_demo")
    admin = env.ref("base.user_admin")
    oneoff = env.ref("realty_base.payment_method_oneoff")
    today = fields.Date.context_today(demo)
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
    # 5# is completed (竣工验收备案) and its rooms measured as predicted
    building.completion_filing_date = today - timedelta(days=60)
    for room in rooms:
        room.area_building_meas = room.area_building_pred
        room.area_inner_meas = room.area_inner_pred
        room.area_shared_meas = room.area_shared_pred
    Deal = env["realty.deal"].with_user(consultant).with_context(tracking_disable=True)
    deals = []
    for room, buyer in zip(rooms, BUYERS, strict=True):
        deal = Deal.create(
            {
                "room_id": room.id,
                "partner_id": env.ref(f"realty_aftersales.{buyer}_demo").id,
                "payment_method_id": oneoff.id,
                "contract_no": f"HPHY-2025-05{len(deals) + 1:02d}",
                "area_option": "building",
            }
        )
        deal.action_sign_contract()
        for line in deal.schedule_line_ids.filtered("payable"):
            deal.register_payment(
                "loan" if line.item in LOAN_ITEMS else line.item,
                line.payable,
                reference=f"TRF-JF-{deal.id}-{line.id}",
            )
        # the area measured as predicted: nothing to settle (§7)
        deal._unlocked().area_adjust_state = "settled"
        deals.append(deal)
    Handover = env["realty.handover"].with_user(admin)
    _scheduled, notified, inspected, done = (
        Handover.create({"deal_id": deal.id, "date_scheduled": date})
        for deal, date in zip(
            deals,
            (
                today + timedelta(days=30),
                today + timedelta(days=20),
                today + timedelta(days=12),
                today,
            ),
            strict=True,
        )
    )
    # notices sent by letter earlier (history: no letter is printed here)
    for handover, sent in ((notified, 2), (inspected, 4), (done, 15)):
        handover._unlocked().write(
            {
                "notice_method": "letter",
                "notice_date": today - timedelta(days=sent),
                "state": "notified",
            }
        )
    env["realty.handover.inspection"].with_user(admin).create(
        {
            "handover_id": inspected.id,
            "defect_ids": [
                (
                    0,
                    0,
                    {
                        "location": "主卧窗台",
                        "description": "窗台石材有一道约5厘米的裂缝",
                        "severity": "minor",
                    },
                )
            ],
        }
    )
    env["realty.handover.inspection"].with_user(admin).create(
        {"handover_id": done.id, "note": "业主现场验房，无问题。"}
    )
    # 5# is a filed project's building: the online filing (realty_filing) is
    # not built yet, so the demo files the handed-over room itself
    done.room_id.sudo()._unlocked().state = "filed"
    done.write(
        {
            "buyer_signed_date": today,
            "key_count": 3,
            "key_note": "门禁卡2张，信箱钥匙1把",
            "meter_water": 0.5,
            "meter_electricity": 12.3,
            "meter_gas": 0.2,
        }
    )
    try:
        with env.cr.savepoint():
            done.action_hand_over()
    except RealtyUserError as exc:
        # installed after realty_finance, whose checks ask for the fees and
        # the maintenance fund by the city policy: the demo stops inspected
        _logger.info("demo handover %s left inspected: %s", done.name, exc)
    return True
