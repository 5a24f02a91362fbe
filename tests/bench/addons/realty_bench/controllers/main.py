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

    def _free_rooms(self, building, limit=5):
        request.env.cr.execute(
            "SELECT id FROM realty_room WHERE building_id = %s AND state = 'available'"
            " ORDER BY random() LIMIT %s",
            [building.id, limit],
        )
        return [row[0] for row in request.env.cr.fetchall()]

    def _family_held(self, buyer):
        return (
            request.env["realty.bench.pick"]
            .sudo()
            .search_count([("family_id", "=", buyer.family_id.id), ("code", "=", "ok")])
        )

    def _lock_family(self, buyer):
        """The family's limit, serialised per family by an UPDATE of its row, not
        a SELECT FOR UPDATE: Odoo's transactions are REPEATABLE READ, so after
        waiting for a sibling's lock a SELECT would still count from the old
        snapshot, where the UPDATE fails with a serialization error. That error
        is answered at once (False: "family_busy", a sibling is picking now)
        rather than left to Odoo's replay, which sleeps up to 2 s in the worker.
        Only an attempt about to confirm takes it."""
        try:
            with request.env.cr.savepoint(flush=False):
                request.env.cr.execute(
                    "UPDATE realty_bench_family SET write_date = now() WHERE id = %s",
                    [buyer.family_id.id],
                )
        except psycopg2.errors.SerializationFailure:
            return False
        return True

    def _confirm(self, buyer, room_id, token):
        """(code, message, deal id) of the deal's one-call confirmation."""
        try:
            with request.env.cr.savepoint():
                deal_id = (
                    request.env["realty.deal"]
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
        except RealtyUserError as exc:
            return exc.code, str(exc), False
        except psycopg2.IntegrityError:  # the unique index: someone was first
            return "unique_index", "", False
        except psycopg2.errors.SerializationFailure:
            # the room's row changed since this transaction's snapshot (Odoo's
            # REPEATABLE READ): someone took it; answer now, no replay
            return "room_changed", "", False
        return "ok", "", deal_id

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
        vals = {
            "buyer_id": buyer.id,
            "family_id": buyer.family_id.id,
            "room_id": room_id,
            "token": token,
        }
        message, deal_id = "", False
        room = env["realty.room"].sudo().browse(room_id)
        if self._family_held(buyer) >= buyer.family_id.limit:
            code = "family_limit"  # from this transaction's snapshot: cheap
        elif room.state != "available":  # the cheap answer; the lock decides
            code = "room_taken"
        elif not self._lock_family(buyer):  # no sibling committed since: held holds
            return picks.create(dict(vals, code="family_busy"))._answer()
        else:
            code, message, deal_id = self._confirm(buyer, room_id, token)
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
