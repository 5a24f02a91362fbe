"""What the database says after a burst: the checks of the bench.

The decisions are pure functions of rows (tested in test_checks.py); ``collect``
reads the rows from the bench database.
"""

from collections import Counter


def sold_twice(sales):
    """Rooms with more than one sale. sales: iterable of room ids, one per sale."""
    return sorted(room for room, count in Counter(sales).items() if count > 1)


def over_limit(confirmed_families, limits):
    """Families holding more rooms than their limit. confirmed_families: one
    family id per confirmed pick; limits: {family: limit}."""
    held = Counter(confirmed_families)
    return sorted(f for f, count in held.items() if count > limits.get(f, 0))


def half_taken(rooms, active_deals):
    """Rooms whose state disagrees with their deals: taken without an active deal,
    available with one. rooms: {room: state}; active_deals: room ids."""
    with_deal = set(active_deals)
    return sorted(
        room
        for room, state in rooms.items()
        if (state != "available") != (room in with_deal)
    )


def tokens_with_several_deals(deal_tokens):
    """Client tokens that created more than one deal."""
    return sorted(t for t, n in Counter(t for t in deal_tokens if t).items() if n > 1)


def lost(confirmed_before, still_confirmed):
    """Confirmed picks (pick id → deal id) that no longer hold after a fault."""
    return sorted(
        pick
        for pick, deal in confirmed_before.items()
        if still_confirmed.get(pick) != deal
    )


# reading the database -------------------------------------------------------------


def confirmed(pg, db):
    rows = pg.query(
        "SELECT p.id, p.deal_id FROM realty_bench_pick p"
        " JOIN realty_deal d ON d.id = p.deal_id AND d.status = 'active'"
        " WHERE p.code = 'ok'",
        dbname=db,
    )
    return dict(rows)


def collect(pg, db, client_attempts, naive=False):
    """{check: (ok, what was found)} for a burst on database `db`.
    client_attempts: the attempts the clients saw answered (not transport errors)."""

    def q(sql, *params):
        return pg.query(sql, params or None, dbname=db)

    building = q("SELECT DISTINCT building_id FROM realty_bench_buyer")[0][0]
    if naive:
        sales = [r for (r,) in q("SELECT room_id FROM realty_bench_naive_sale")]
        twice = sold_twice(sales)
        return {"rooms sold twice": (not twice, f"{len(twice)} of {len(set(sales))}")}
    deals = q(
        "SELECT room_id, client_token FROM realty_deal"
        " WHERE status = 'active' AND building_id = %s",
        building,
    )
    picks = q("SELECT family_id, code, buyer_id FROM realty_bench_pick")
    limits = dict(q('SELECT id, "limit" FROM realty_bench_family'))
    rooms = dict(
        q("SELECT id, state FROM realty_room WHERE building_id = %s", building)
    )
    all_tokens = [t for (t,) in q("SELECT client_token FROM realty_deal")]
    twice = sold_twice(r for r, _t in deals)
    over = over_limit([f for f, code, _b in picks if code == "ok"], limits)
    half = half_taken(rooms, [r for r, _t in deals])
    several = tokens_with_several_deals(all_tokens)
    confirmed_picks = sum(1 for _f, code, _b in picks if code == "ok")
    orphans = len(deals) - confirmed_picks
    buyers_seen = {b for _f, _c, b in picks}
    buyers_total = q("SELECT count(*) FROM realty_bench_buyer")[0][0]
    return {
        "rooms sold twice": (not twice, f"{len(twice)} ({len(deals)} rooms sold)"),
        "families over their limit": (not over, f"{len(over)}"),
        "pick rows = answered attempts": (
            len(picks) == client_attempts,
            f"{len(picks)} rows, {client_attempts} attempts answered",
        ),
        "buyers with an outcome recorded": (
            len(buyers_seen) == buyers_total,
            f"{len(buyers_seen)} of {buyers_total}",
        ),
        "rooms half-taken (state vs deals)": (not half, f"{len(half)}"),
        "deals without a confirmed pick": (orphans == 0, f"{orphans}"),
        "tokens with several deals": (not several, f"{len(several)}"),
    }


def collect_opening(pg, db, client_attempts):
    """The checks of a burst on the opening product's endpoint."""

    def q(sql, *params):
        return pg.query(sql, params or None, dbname=db)

    event, limit, building = q(
        "SELECT e.id, e.family_limit, (SELECT building_id FROM realty_bench_buyer"
        " LIMIT 1) FROM realty_opening_event e ORDER BY e.id DESC LIMIT 1"
    )[0]
    deals = [
        r
        for (r,) in q(
            "SELECT room_id FROM realty_deal WHERE status = 'active'"
            " AND building_id = %s",
            building,
        )
    ]
    picks = q(
        "SELECT participant_id, state FROM realty_opening_pick WHERE event_id = %s",
        event,
    )
    confirmed = [p for p, state in picks if state == "confirmed"]
    participants = [
        p
        for (p,) in q(
            "SELECT id FROM realty_opening_participant WHERE event_id = %s", event
        )
    ]
    rooms = dict(
        q("SELECT id, state FROM realty_room WHERE building_id = %s", building)
    )
    twice = sold_twice(deals)
    over = over_limit(confirmed, dict.fromkeys(participants, limit))
    half = half_taken(rooms, deals)
    seen = {p for p, _s in picks}
    return {
        "rooms sold twice": (not twice, f"{len(twice)} ({len(deals)} rooms sold)"),
        "buyers over their limit": (not over, f"{len(over)}"),
        "pick rows = answered attempts": (
            len(picks) == client_attempts,
            f"{len(picks)} rows, {client_attempts} attempts answered",
        ),
        "buyers with an outcome recorded": (
            len(seen) == len(participants),
            f"{len(seen)} of {len(participants)}",
        ),
        "rooms half-taken (state vs deals)": (not half, f"{len(half)}"),
        "deals without a confirmed pick": (
            len(deals) == len(confirmed),
            f"{len(deals) - len(confirmed)}",
        ),
    }
