"""The opening-day fixture, run in ``odoo-bin shell`` on the bench template.

A project with one building of 300 rooms on offer (2 entrances × 25 floors × 6
positions, priced, available), 620 buyers: portal users (login ``buyer0001`` ...,
password ``bench``), each with a resident ID, a queue number and its sincerity
deposit, in families with a limit of rooms: 80 families of 3 buyers who may take 2
rooms, 100 couples who may take 1, and 180 single buyers who may take 1. They may
take 160 + 100 + 180 = 440 rooms: more than the 300 on offer, so the burst sells
out and every refusal code shows.
"""

import time

from odoo import Command

ROOMS = 300
PASSWORD = "bench"
FAMILIES = [(3, 2, 80), (2, 1, 100), (1, 1, 180)]  # (size, limit, how many)
BUYERS = sum(size * count for size, _limit, count in FAMILIES)
PROJECT_CODE = "OPEN-BENCH"
SINCERITY = 20000.0


def id_number(n):
    """A valid 18-digit resident ID (GB 11643 checksum), distinct for each n."""
    body = f"110101{19700101 + (n % 28) + 100 * (n // 28 % 12):08d}{n % 1000:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(d) * w for d, w in zip(body, weights, strict=True))
    return body + "10X98765432"[total % 11]


def _hash(env):
    """One password hash for every buyer, with few rounds: logging 520 buyers in
    must not cost 520 × 600,000 PBKDF2 rounds (Odoo's default)."""
    from passlib.context import CryptContext

    return CryptContext(["pbkdf2_sha512"], pbkdf2_sha512__rounds=1000).hash(PASSWORD)


def _opening_event(env, project, building):
    """The real opening event on the same rooms and buyers: one batch, a window
    open for the whole bench, one room per buyer."""
    from datetime import timedelta

    from odoo import fields

    event = env["realty.opening.event"].create(
        {
            "name": "开盘压测",
            "project_id": project.id,
            "room_ids": [Command.set(building.room_ids.ids)],
            "batch_size": BUYERS,
            "window_minutes": 24 * 60,
            "date_start": fields.Datetime.now() - timedelta(minutes=1),
            "family_limit": 1,
        }
    )
    event.action_build_order()
    for participant in event.participant_ids:
        participant.user_id = participant.partner_id.user_ids[:1]
    event.action_open()


def build(env):
    started = time.monotonic()
    env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True))
    project = env["realty.project"].create(
        {
            "name": "开盘压测项目",
            "code": PROJECT_CODE,
            "permit_required": False,
            "sincerity_allow_before_permit": True,
            "max_numbers_per_family": 10,
            "small_deposit_min_amount": 0,
        }
    )
    building = env["realty.building"].create(
        {
            "name": "OB1#",
            "code": "OB1",
            "project_id": project.id,
            "floors_above": 25,
        }
    )
    building._generate_rooms(
        [
            {
                "stair_codes": ["1", "2"],
                "floor_from": 1,
                "floor_to": 25,
                "position_from": 1,
                "position_to": ROOMS // 50,
                "area_building": 98.57,
                "area_inner": 77.91,
                "area_shared": 20.66,
            }
        ]
    )
    env.cr.execute(
        "UPDATE realty_room SET list_unit_price = 30000, list_total = 2957100,"
        " state = 'available' WHERE building_id = %s",
        [building.id],
    )
    env.invalidate_all()
    portal = env.ref("base.group_portal")
    users = env["res.users"].create(
        [
            {
                "name": f"购房人{n:04d}",
                "login": f"buyer{n:04d}",
                "groups_id": [Command.set([portal.id])],
            }
            for n in range(1, BUYERS + 1)
        ]
    )
    env.cr.execute(
        "UPDATE res_users SET password = %s WHERE id IN %s",
        [_hash(env), tuple(users.ids)],
    )
    for n, user in enumerate(users, start=1):
        user.partner_id.write(
            {"realty_id_type": "resident", "realty_id_number": id_number(n)}
        )
    numbers = env["realty.queue.number"].create(
        [
            {
                "project_id": project.id,
                "partner_id": user.partner_id.id,
                "sincerity_amount": SINCERITY,
                "date_received": "2026-01-01",
            }
            for user in users
        ]
    )
    families, buyers, index = env["realty.bench.family"], [], 0
    for size, limit, count in FAMILIES:
        for _ in range(count):
            family = families.create({"name": f"F{len(buyers) + 1}", "limit": limit})
            for _ in range(size):
                buyers.append(
                    {
                        "user_id": users[index].id,
                        "partner_id": users[index].partner_id.id,
                        "family_id": family.id,
                        "queue_number_id": numbers[index].id,
                        "building_id": building.id,
                    }
                )
                index += 1
    env["realty.bench.buyer"].create(buyers)
    if "realty.opening.event" in env:  # the opening product (h/opening)
        _opening_event(env, project, building)
    env.cr.commit()
    print(
        f"fixture: {ROOMS} rooms, {BUYERS} buyers in "
        f"{sum(c for _s, _l, c in FAMILIES)} families, "
        f"{time.monotonic() - started:.0f} s"
    )
