"""The demo after-sales cases of 湖畔花园, built once at install.

``demo/realty_service_demo.xml`` defines the after-sales officer, the banks and
authorities and five buyers, then calls :meth:`RealtyDemo._create_demo_services`:
the demo consultant signs the five contracts (a combined loan each) in one batch,
which opens their registration, mortgage and provident-fund cases; the move-in and
certificate cases are opened through ``realty.service.case._open_for``; the
officer then takes the cases through their stages, the documents received, so
that every stage of every service has a case. The stays are dated back, so the
overview shows days per stage and a few overdue cases.
"""

from datetime import timedelta

from odoo import Command, fields

BUYERS = ("he_jun", "xu_lan", "ma_chao", "gao_yan", "luo_bin")
TYPE_PARTNERS = {
    "service_type_registration": "partner_housing_bureau_demo",
    "service_type_mortgage": "partner_bank_icbc_demo",
    "service_type_provident": "partner_provident_centre_demo",
    "service_type_certificate": "partner_registry_demo",
}


def create_demo_services(demo):
    env = demo.env
    project = env.ref("realty_base.realty_project_demo")
    consultant = env.ref("realty_base.user_consultant_demo")
    officer = env.ref("realty_aftersales.user_aftersales_demo")
    project.user_ids = [Command.link(officer.id)]
    for xmlid, partner in TYPE_PARTNERS.items():
        env.ref(f"realty_aftersales.{xmlid}").partner_id = env.ref(
            f"realty_aftersales.{partner}"
        )
    types = env["realty.service.type"].search([])
    types.user_id = officer
    buyers = [env.ref(f"realty_aftersales.partner_{key}_demo") for key in BUYERS]
    env["realty.visit"].with_user(consultant).create(
        [
            {"project_id": project.id, "partner_id": buyer.id, "notes": "签约客户"}
            for buyer in buyers
        ]
    )
    rooms = env["realty.room"].search(
        [
            ("building_id", "=", env.ref("realty_base.building_3_demo").id),
            ("state", "=", "available"),
        ],
        limit=len(buyers),
    )
    combined = env.ref("realty_base.payment_method_combined")
    deals = (
        env["realty.deal"]
        .with_user(consultant)
        .with_context(tracking_disable=True)
        .create(
            [
                {
                    "room_id": room.id,
                    "partner_id": buyer.id,
                    "payment_method_id": combined.id,
                    "down_payment_ratio": 0.3,
                    "pf_account_balance": 40000,
                    "contract_no": f"HPHY-2025-{index:04d}",
                    "area_option": "building",
                }
                for index, (room, buyer) in enumerate(
                    zip(rooms, buyers, strict=False), start=11
                )
            ]
        )
    )
    deals.action_sign_contract()  # opens registration, mortgage, provident
    Case = env["realty.service.case"]
    Case._open_for(deals, "handover")
    Case._open_for(deals, "certificate")
    # the contract the sales demo signed before after-sales was installed
    signed = env["realty.deal"].search(
        [
            ("project_id", "=", project.id),
            ("stage", "=", "contract"),
            ("status", "=", "active"),
            ("id", "not in", deals.ids),
        ]
    )
    Case._open_on_signing(signed)
    for index, deal in enumerate(deals):
        for case in deal.service_case_ids.with_user(officer):
            demo_move_case(case, index % len(case.type_id.stage_ids))
    demo_date_back((deals | signed).sudo().service_case_ids)
    return True


def demo_move_case(case, stages):
    """Take the case `stages` stages on, its documents received on the way."""
    for _step in range(stages):
        following = case.type_id.stage_ids.filtered(
            lambda s, c=case: (s.sequence, s.id) > (c.stage_id.sequence, c.stage_id.id)
        )[:1]
        case.document_ids.filtered(
            lambda line, s=following: line.stage_id == s
        ).received = True
        case.action_next_stage()


def demo_date_back(cases):
    """Stays of a few days to a few weeks, ending at different ages, so the
    overview's averages mean something and some cases are overdue."""
    now = fields.Datetime.now()
    for offset, case in enumerate(cases.sorted("id")):
        logs = case.stage_log_ids.sorted(lambda log: (log.date_in, log.id))
        end = now - timedelta(days=(offset * 3) % 17, hours=offset)
        for log in reversed(logs):
            stay = timedelta(days=max(log.stage_id.deadline_days - offset % 5, 1))
            values = {"date_in": end - stay if log.date_out else end}
            if log.date_out:
                values["date_out"] = end
            log.sudo()._unlocked().write(values)
            end = values["date_in"]
        case._unlocked().write({"date_stage": logs[-1:].date_in or now})
        case.activity_ids.filtered("automated").date_deadline = (
            case.date_deadline or fields.Date.context_today(case)
        )
