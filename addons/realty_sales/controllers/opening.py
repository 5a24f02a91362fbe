"""Opening day (开盘/选房, domain.md §10.2): the buyer's pick and the state of the
event, for the buyer's phone page and for load tests.

Contract (stable, used by ``make bench-opening``):

``POST /realty/opening/<int:event_id>/pick`` (``auth='user'``, JSON body
``{"room_id": int, "token": str}`` sent as ``application/json`` (any other type is
a 400), plain JSON, not JSON-RPC) answers
``{"ok": bool, "code": str|false, "message": str|false, "deal_id": int|false,
"pick_id": int|false, "free": [int]}``. The signed-in user picks for their own
participant of the event only. ``code`` is a stable ``ERR_*`` code when refused
(ERR_OPENING_PAUSED, ERR_OPENING_WINDOW, ERR_NO_SINCERITY, ERR_OPENING_LIMIT,
ERR_OPENING_BUSY (try again), ERR_ROOM_TAKEN, ERR_ROOM_LOCKED, ERR_OPENING_SOLD_OUT,
ERR_INVALID_INPUT, ...), ``message`` the reason in the user's language; after a
refusal over the room, ``free`` names up to five rooms still free. A confirmed
pick holds the room at once; its deal is written a moment later by a cron, so
``deal_id`` is false until then (a retry with the same token, or the state,
shows it). A retry with the same token returns the first pick. Every outcome is
recorded as a ``realty.opening.pick``.

``GET /realty/opening/<int:event_id>/state`` answers ``{"event": {id, name, state,
rehearsal}, "rooms": [{id, code, layout, area, price, state, taken}], "me":
{position, batch, window_start, window_end, picked, choosing_now, forfeited,
absent_count} | null,
"now": iso}``.
"""

import json

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request


class RealtyOpening(http.Controller):
    def _event_and_me(self, event_id):
        # sudo: the buyer reads the event's public facts and picks only for the
        # participant that is their own login (searched on request.env.uid)
        event = request.env["realty.opening.event"].sudo().browse(event_id).exists()
        if not event or event.state == "draft":
            raise NotFound()
        me = event.env["realty.opening.participant"].search(
            [("event_id", "=", event.id), ("user_id", "=", request.env.uid)], limit=1
        )
        return event, me

    @staticmethod
    def _json(payload, status=200):
        return request.make_response(
            json.dumps(payload, default=str),
            headers=[
                ("Content-Type", "application/json"),
                ("Cache-Control", "no-store"),
            ],
            status=status,
        )

    @http.route(
        "/realty/opening/<int:event_id>/pick",
        type="http",
        auth="user",
        methods=["POST"],
        csrf=False,
        sitemap=False,
    )
    def pick(self, event_id, **_kwargs):
        try:
            # JSON only: a cross-site form can post a JSON-looking text/plain body
            # without the buyer knowing (this route takes no CSRF token), but not
            # an application/json one, which browsers hold for a CORS preflight.
            if request.httprequest.mimetype != "application/json":
                raise ValueError("not JSON")
            body = json.loads(request.httprequest.get_data() or b"{}")
            room_id = int(body["room_id"])
            token = str(body["token"])[:64]
        except (ValueError, KeyError, TypeError):
            return self._json(
                {
                    "ok": False,
                    "code": "ERR_INVALID_INPUT",
                    "message": request.env._("Send room_id and token."),
                    "deal_id": False,
                    "pick_id": False,
                    "free": [],
                },
                status=400,
            )
        # sudo: the pick is the signed-in buyer's own, found by their login in
        # the pick's first statement
        event = (
            request.env["realty.opening.event"]
            .sudo()
            .browse(event_id)
            .with_context(lang=request.env.lang)
        )
        Participant = request.env["realty.opening.participant"]
        pick, free = event._pick(Participant, room_id, token, user_id=request.env.uid)
        if pick:
            return self._json(pick._answer(pick, free))
        self._event_and_me(event_id)  # a missing or draft event: 404
        return self._json(
            {
                "ok": False,
                "code": "ERR_INVALID_INPUT",
                "message": request.env._("You are not a participant of this opening."),
                "deal_id": False,
                "pick_id": False,
                "free": [],
            },
            status=403,
        )

    @http.route(
        "/realty/opening/<int:event_id>/state",
        type="http",
        auth="user",
        methods=["GET"],
        sitemap=False,
    )
    def state(self, event_id, **_kwargs):
        event, me = self._event_and_me(event_id)
        return self._json(event._state_for(me))
