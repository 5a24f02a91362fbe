"""The demo opening day of 湖畔花园 (开盘/选房, domain.md §10): ten registered
families with a queue number and a sincerity deposit, two of them with a portal
login (``opening_buyer1`` / ``opening_buyer2``, password = login) in the batch that
is choosing now, and about twenty available rooms on offer."""

from datetime import timedelta

from odoo import Command, fields

from odoo.addons.realty_base.tools.identity import id_check_character

BUYERS = [
    # (login or None, name, mobile)
    ("opening_buyer1", "开盘买家一", "+86 139 0571 1001"),
    ("opening_buyer2", "开盘买家二", "+86 139 0571 1002"),
    (None, "许晨", "+86 139 0571 1003"),
    (None, "马俊", "+86 139 0571 1004"),
    (None, "胡雪", "+86 139 0571 1005"),
    (None, "郭涛", "+86 139 0571 1006"),
    (None, "罗敏", "+86 139 0571 1007"),
    (None, "梁宇", "+86 139 0571 1008"),
    (None, "宋佳", "+86 139 0571 1009"),
    (None, "谢斌", "+86 139 0571 1010"),
]
ROOMS_ON_OFFER = 20


def _demo_id_number(index):
    """A valid resident ID (checksum included), born 1985-1994 in 杭州西湖区."""
    first17 = f"330106{1985 + index % 10}0{1 + index % 9}1{index % 10}{100 + index:03d}"
    return first17 + id_check_character(first17)


def create_demo_opening(env):
    """Called by realty.demo._create_demo_opening (demo/realty_sales_demo.py)."""
    project = env.ref("realty_base.realty_project_demo")
    consultant = env.ref("realty_base.user_consultant_demo")
    manager = env.ref("realty_base.user_manager_demo")
    portal = env.ref("base.group_portal")
    # the consultant registers the families (认筹), as in the sales office
    Partner = env["res.partner"].with_user(consultant)
    partners = env["res.partner"]
    for index, (login, name, mobile) in enumerate(BUYERS):
        partner = Partner.create(
            {
                "name": name,
                "mobile": mobile,
                "city": "杭州市",
                "country_id": env.ref("base.cn").id,
                "realty_id_type": "resident",
                "realty_id_number": _demo_id_number(index),
                "email": f"{login}@example.com" if login else False,
            }
        )
        if login:
            env["res.users"].with_context(no_reset_password=True).create(
                {
                    "login": login,
                    "password": login,
                    "partner_id": partner.id,
                    "groups_id": [Command.set(portal.ids)],
                }
            )
        partners |= partner
    Number = env["realty.queue.number"].with_user(consultant)
    numbers = Number.browse()
    for partner in partners:
        numbers |= Number.create(
            {
                "project_id": project.id,
                "category": "B",
                "partner_id": partner.id,
                "sincerity_amount": 20000,
            }
        )
    rooms = env["realty.room"].search(
        [
            ("project_id", "=", project.id),
            ("state", "=", "available"),
            ("usage", "=", "residential"),
        ],
        order="code",
        limit=ROOMS_ON_OFFER,
    )
    event = (
        env["realty.opening.event"]
        .with_user(manager)
        .create(
            {
                "name": "湖畔花园 线上开盘",
                "project_id": project.id,
                "user_id": consultant.id,
                "room_ids": [Command.set(rooms.ids)],
                "pick_stage": "small_deposit",
                "order_mode": "lottery",
                "date_start": fields.Datetime.now() - timedelta(minutes=5),
                "batch_size": 2,
                "batch_minutes": 60,
                "window_minutes": 24 * 60,
                "family_limit": 1,
            }
        )
    )
    # the notarised lottery's result (摇号), imported: the families in the order
    # of BUYERS, so that both demo logins are in the first batch
    event.sudo().participant_ids = [
        Command.create(
            {
                "queue_number_id": number.id,
                "partner_id": number.partner_id.id,
                "position": position,
                "user_id": number.partner_id.user_ids[:1].id,
            }
        )
        for position, number in enumerate(numbers.sudo(), start=1)
    ]
    event.action_build_order()
    event.action_open()
    return event
