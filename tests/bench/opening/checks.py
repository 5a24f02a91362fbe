"""What the database says after a burst: the checks of the bench.

The decisions are pure functions of rows (tested in test_checks.py);
``collect_opening`` and ``collect_naive`` read the rows from the bench database.
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
    """Confirmed picks (pick id → room id) that no longer hold after a fault."""
    return sorted(
        pick
        for pick, room in confirmed_before.items()
        if still_confirmed.get(pick) != room
    )


# reading the database -------------------------------------------------------------


def collect_naive(pg, db):
    """The naive path's one check: rooms sold twice (expected: some)."""
    sales = [
        r for (r,) in pg.query("SELECT room_id FROM realty_bench_naive_sale", dbname=db)
    ]
    twice = sold_twice(sales)
    return {"rooms sold twice": (not twice, f"{len(twice)} of {len(set(sales))}")}


def opening_event(pg, db):
    return pg.query("SELECT max(id) FROM realty_opening_event", dbname=db)[0][0]


def confirmed_picks(pg, db):
    """The opening's confirmed picks: {pick id: room id}."""
    rows = pg.query(
        "SELECT id, room_id FROM realty_opening_pick WHERE state = 'confirmed'",
        dbname=db,
    )
    return dict(rows)


def deals_pending(pg, db):
    """Confirmed picks whose deal the cron has not written yet (nor failed)."""
    return pg.query(
        "SELECT count(*) FROM realty_opening_pick WHERE state = 'confirmed'"
        " AND rehearsal IS NOT TRUE AND deal_id IS NULL AND deal_error IS NULL",
        dbname=db,
    )[0][0]


def collect_opening(pg, db, client_attempts):
    """The checks of a burst on the opening product's endpoint, once the cron
    has written the picks' deals."""

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
        "SELECT participant_id, state, deal_id, deal_error, room_id"
        " FROM realty_opening_pick WHERE event_id = %s",
        event,
    )
    confirmed = [p for p, state, *_rest in picks if state == "confirmed"]
    picked_rooms = [r for _p, state, _d, _e, r in picks if state == "confirmed"]
    without_deal = [p for p in picks if p[1] == "confirmed" and not p[2]]
    failed = [p for p in picks if p[3]]
    participants = [
        p
        for (p,) in q(
            "SELECT id FROM realty_opening_participant WHERE event_id = %s", event
        )
    ]
    rooms = dict(
        q("SELECT id, state FROM realty_room WHERE building_id = %s", building)
    )
    held = q(
        "SELECT count(*) FROM realty_room WHERE building_id = %s"
        " AND opening_pick_id IS NOT NULL",
        building,
    )[0][0]
    tokens = [t for (t,) in q("SELECT client_token FROM realty_deal")]
    twice = sold_twice(deals)
    picked_twice = sold_twice(picked_rooms)
    over = over_limit(confirmed, dict.fromkeys(participants, limit))
    half = half_taken(rooms, deals)
    several = tokens_with_several_deals(tokens)
    seen = {p for p, *_rest in picks}
    return {
        "rooms sold twice": (not twice, f"{len(twice)} ({len(deals)} rooms sold)"),
        "rooms picked twice": (not picked_twice, f"{len(picked_twice)}"),
        "buyers over their limit": (not over, f"{len(over)}"),
        "pick rows = answered attempts": (
            len(picks) == client_attempts,
            f"{len(picks)} rows, {client_attempts} attempts answered",
        ),
        "buyers with an outcome recorded": (
            len(seen) == len(participants),
            f"{len(seen)} of {len(participants)}",
        ),
        "confirmed picks without their deal": (
            not without_deal,
            f"{len(without_deal)} ({len(failed)} failed)",
        ),
        "rooms still held by a pick": (held == 0, f"{held}"),
        "rooms half-taken (state vs deals)": (not half, f"{len(half)}"),
        "deals without a confirmed pick": (
            len(deals) == len(confirmed),
            f"{len(deals) - len(confirmed)}",
        ),
        "tokens with several deals": (not several, f"{len(several)}"),
    }
