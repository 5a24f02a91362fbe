"""The bench's routes, all ``auth="user"`` JSON: the same path for every figure.

* ``/realty_bench/floor``: one plain ORM create (the floor);
* ``/realty_bench/pick``: a buyer picks a room through the deal's one-call
  confirmation (row lock, unique index, client token), the family limit under a
  row lock on the family, every attempt recorded;
* ``/realty_bench/naive_pick``: check the room is free, sleep, write in plain SQL
  (no lock, no unique index): the baseline that sells rooms twice;
* ``/realty_bench/notify``: a bus notice to the caller's partner (cross-server test).
"""

import time

import psycopg2

from odoo import Command, http
from odoo.http import request

from odoo.addons.realty_base.exceptions import RealtyUserError

PICK_STAGE = "small_deposit"
INTENTION = 20000.0  # the sincerity deposit, taken as intention money (小订)
NAIVE_SLEEP = 0.02  # seconds between the check and the write


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

    def _free_rooms(self, building, limit=5):
        request.env.cr.execute(
            "SELECT id FROM realty_room WHERE building_id = %s AND state = 'available'"
            " ORDER BY random() LIMIT %s",
            [building.id, limit],
        )
        return [row[0] for row in request.env.cr.fetchall()]

    @http.route("/realty_bench/pick", type="json", auth="user", methods=["POST"])
    def pick(self, room_id, token):
        env = request.env
        picks = env["realty.bench.pick"].sudo()
        done = picks.search([("token", "=", token)], limit=1)
        if done:  # a retry of an attempt already answered: the same answer
            return done._answer("replayed")
        buyer = self._buyer()
        if not buyer or not buyer.queue_number_id:
            return {"ok": False, "code": "not_eligible", "message": "", "free": []}
        # the family's limit, serialised per family: an UPDATE, not a SELECT FOR
        # UPDATE. Odoo's transactions are REPEATABLE READ: after waiting for a
        # sibling's lock, a SELECT would still count from the old snapshot; the
        # UPDATE fails with a serialization error instead, and Odoo replays the
        # request on a fresh snapshot.
        env.cr.execute(
            "UPDATE realty_bench_family SET write_date = now() WHERE id = %s",
            [buyer.family_id.id],
        )
        held = picks.search_count(
            [("family_id", "=", buyer.family_id.id), ("code", "=", "ok")]
        )
        vals = {
            "buyer_id": buyer.id,
            "family_id": buyer.family_id.id,
            "room_id": room_id,
            "token": token,
        }
        message, deal_id = "", False
        room = env["realty.room"].sudo().browse(room_id)
        if held >= buyer.family_id.limit:
            code = "family_limit"
        elif room.state != "available":  # the cheap answer; the lock decides
            code = "room_taken"
        else:
            try:
                with env.cr.savepoint():
                    deal_id = (
                        env["realty.deal"]
                        .sudo()
                        .create_and_advance(
                            {
                                "room_id": room_id,
                                "partner_id": buyer.partner_id.id,
                                "payment_ids": [
                                    Command.create(
                                        {"item": "intention", "amount": INTENTION}
                                    )
                                ],
                            },
                            PICK_STAGE,
                            client_token=token,
                        )
                    )
                code = "ok"
            except RealtyUserError as exc:
                code, message = exc.code, str(exc)
            except psycopg2.IntegrityError:  # the unique index: someone was first
                code = "unique_index"
        pick = picks.create(dict(vals, code=code, deal_id=deal_id))
        free = (
            []
            if code in ("ok", "family_limit")
            else self._free_rooms(buyer.building_id)
        )
        answer = pick._answer(message, free)
        if code not in ("ok", "family_limit") and not free:
            answer["code"] = "sold_out"
        return answer

    @http.route("/realty_bench/naive_pick", type="json", auth="user", methods=["POST"])
    def naive_pick(self, room_id, token=None):
        cr = request.env.cr
        buyer = self._buyer()
        cr.execute("SELECT state FROM realty_room WHERE id = %s", [room_id])
        if cr.fetchone()[0] != "available":
            free = self._free_rooms(buyer.building_id)
            return {
                "ok": False,
                "code": "room_taken" if free else "sold_out",
                "free": free,
            }
        time.sleep(NAIVE_SLEEP)
        cr.execute(
            "INSERT INTO realty_bench_naive_sale (room_id, buyer_id, create_date,"
            " write_date, create_uid, write_uid) VALUES (%s, %s, now(), now(), %s, %s)",
            [room_id, buyer.id, request.env.uid, request.env.uid],
        )
        cr.execute(
            "UPDATE realty_room SET state = 'small_deposit' WHERE id = %s", [room_id]
        )
        return {"ok": True, "code": "ok", "free": []}

    @http.route("/realty_bench/notify", type="json", auth="user", methods=["POST"])
    def notify(self, text):
        partner = request.env.user.partner_id
        request.env["bus.bus"]._sendone(partner, "realty_bench/notice", {"text": text})
        return {"ok": True, "partner_id": partner.id}
