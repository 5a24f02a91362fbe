"""The bench's routes, all ``auth="user"`` JSON (the pick itself is the opening
product's, ``POST /realty/opening/<event>/pick``).

* ``/realty_bench/floor``: one plain ORM create (the floor);
* ``/realty_bench/naive_pick``: check the room is free, sleep, write in plain SQL
  (no lock, no unique index): the baseline that sells rooms twice;
* ``/realty_bench/notify``: a bus notice to the caller's partner (cross-server test).
"""

import time

from odoo import http
from odoo.http import request

NAIVE_SLEEP = 0.05  # seconds between the check and the write


class RealtyBench(http.Controller):
    @http.route("/realty_bench/floor", type="json", auth="user", methods=["POST"])
    def floor(self, token=None):
        record = request.env["realty.bench.floor"].sudo().create({"token": token})
        return {"ok": True, "id": record.id}

    def _buyer(self):
        return (
            request.env["realty.bench.buyer"]
            .sudo()
            .search([("user_id", "=", request.env.uid)], limit=1)
        )

    @http.route("/realty_bench/naive_pick", type="json", auth="user", methods=["POST"])
    def naive_pick(self, room_id, token=None):
        """Check the room has no sale, wait a little, record the sale: two buyers
        who check at the same moment both buy. (The naive path writes no row both
        contenders update: under Odoo's REPEATABLE READ, a second UPDATE of the
        same room row fails and is replayed, which hides the race.)"""
        cr = request.env.cr
        buyer = self._buyer()
        cr.execute(
            "SELECT count(*) FROM realty_bench_naive_sale WHERE room_id = %s",
            [room_id],
        )
        if cr.fetchone()[0]:
            cr.execute(
                "SELECT r.id FROM realty_room r WHERE r.building_id = %s AND NOT"
                " EXISTS (SELECT 1 FROM realty_bench_naive_sale s"
                " WHERE s.room_id = r.id) ORDER BY random() LIMIT 5",
                [buyer.building_id.id],
            )
            free = [row[0] for row in cr.fetchall()]
            code = "room_taken" if free else "sold_out"
            return {"ok": False, "code": code, "free": free}
        time.sleep(NAIVE_SLEEP)
        cr.execute(
            "INSERT INTO realty_bench_naive_sale (room_id, buyer_id, create_date,"
            " write_date, create_uid, write_uid) VALUES (%s, %s, now(), now(), %s, %s)",
            [room_id, buyer.id, request.env.uid, request.env.uid],
        )
        return {"ok": True, "code": "ok", "free": []}

    @http.route("/realty_bench/notify", type="json", auth="user", methods=["POST"])
    def notify(self, text):
        partner = request.env.user.partner_id
        request.env["bus.bus"]._sendone(partner, "realty_bench/notice", {"text": text})
        return {"ok": True, "partner_id": partner.id}
