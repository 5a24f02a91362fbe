"""No double sale under concurrency (domain.md §10.4, V-46), with real database
connections: two cursors racing in threads, and 20 JSON-RPC calls racing against a
real Odoo server running with 2 workers.

Concurrent transactions only see committed data, so these tests commit their own
fixtures (a throwaway project) and delete them afterwards: committing is the point
here, hence the invalid-commit exemption.
"""
# pylint: disable=invalid-commit

import json
import logging
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import closing

import odoo
from odoo import SUPERUSER_ID, Command, api, fields
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name
from odoo.tools import config

from odoo.addons.realty_base.exceptions import RealtyUserError

from .common import resident_id

_logger = logging.getLogger(__name__)
REFUSED = {"ERR_ROOM_LOCKED", "ERR_ROOM_TAKEN"}
CODE = re.compile(r"\[(ERR_[A-Z_]+)\]")


class CommittedFixture(BaseCase):
    """A project with released rooms, committed; removed at the end of the class."""

    ROOMS = 6

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        cls.code = f"CC{os.getpid()}{int(time.time()) % 100000}"
        with cls.registry.cursor() as cr:
            env = cls.env_of(cr, SUPERUSER_ID)
            consultant = env["res.users"].create(
                {
                    "name": "Race Consultant",
                    "login": f"race_{cls.code.lower()}",
                    "password": f"race_{cls.code.lower()}",
                    "groups_id": [
                        Command.link(env.ref("realty_base.group_realty_consultant").id)
                    ],
                }
            )
            project = env["realty.project"].create(
                {
                    "name": "Race Garden",
                    "code": cls.code,
                    "reservation_max_per_consultant": 100,
                    "user_ids": [Command.set([consultant.id, SUPERUSER_ID])],
                }
            )
            building = env["realty.building"].create(
                {"name": "R#", "code": "R", "project_id": project.id, "floors_above": 3}
            )
            rooms = building._generate_rooms(
                [
                    {
                        "stair_codes": ["1"],
                        "floor_from": 1,
                        "floor_to": 3,
                        "position_from": 1,
                        "position_to": 2,
                        "area_building": 89.57,
                        "area_inner": 72.33,
                        "area_shared": 17.24,
                    }
                ]
            )
            rooms._unlocked().write(
                {"list_unit_price": 15762.06, "list_total": 1411808}
            )
            env["realty.permit"].create(
                {
                    "name": f"P-{cls.code}",
                    "project_id": project.id,
                    "issue_date": fields.Date.today(),
                    "building_ids": [Command.set(building.ids)],
                }
            ).action_validate()
            rooms.action_release()
            buyers = env["res.partner"].create(
                [
                    {
                        "name": f"买家{index:02d}",
                        "realty_id_type": "resident",
                        "realty_id_number": resident_id(seq=f"{index:03d}"),
                    }
                    for index in range(20)
                ]
            )
            env["realty.visit"].create(  # the project's users see its buyers
                [{"project_id": project.id, "partner_id": b.id} for b in buyers]
            )
            cls.consultant_id = consultant.id
            cls.consultant_login = consultant.login
            cls.project_id = project.id
            cls.room_ids = rooms.ids
            cls.buyer_ids = buyers.ids
            cr.commit()
        cls.addClassCleanup(cls._remove_fixture)

    @classmethod
    def env_of(cls, cr, uid):
        """An environment on a cursor of our own. Odoo runs the tests holding
        Registry._lock, which Environment() takes to find the registry of a new
        cursor: giving the cursor its transaction spares the wait (a deadlock
        for threads until the test run ends)."""
        cr.transaction = api.Transaction(cls.registry)
        return api.Environment(cr, uid, {"tracking_disable": True})

    @classmethod
    def _remove_fixture(cls):
        with cls.registry.cursor() as cr:
            cr.execute(
                "DELETE FROM realty_deal_payment WHERE deal_id IN "
                "(SELECT id FROM realty_deal WHERE project_id = %s)",
                [cls.project_id],
            )
            for table in (
                "realty_deal",
                "realty_room_state_log",
                "realty_permit",
                "realty_visit",
            ):
                cr.execute(
                    f"DELETE FROM {table} WHERE project_id = %s", [cls.project_id]
                )
            cr.execute("DELETE FROM realty_project WHERE id = %s", [cls.project_id])
            # realty_finance posts the deals' money: the entries go first
            cr.execute(
                "SELECT 1 FROM information_schema.tables"
                " WHERE table_name = 'account_payment'"
            )
            if cr.fetchone():
                cr.execute(
                    "DELETE FROM account_payment WHERE partner_id = ANY(%s)",
                    [cls.buyer_ids],
                )
                cr.execute(
                    "DELETE FROM account_move WHERE id IN (SELECT move_id FROM"
                    " account_move_line WHERE partner_id = ANY(%s))",
                    [cls.buyer_ids],
                )
            cr.execute("DELETE FROM res_partner WHERE id = ANY(%s)", [cls.buyer_ids])
            cr.execute("DELETE FROM res_users WHERE id = %s", [cls.consultant_id])
            cr.commit()

    def room_facts(self, room_id):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT r.state, count(d.id) FROM realty_room r"
                " LEFT JOIN realty_deal d ON d.room_id = r.id AND d.status = 'active'"
                " WHERE r.id = %s GROUP BY r.state",
                [room_id],
            )
            return cr.fetchone()


@tagged("post_install", "-at_install", "realty_concurrency")
class TestNoDoubleSale(CommittedFixture):
    def race(self, room_id, stage, contenders=2):
        """`contenders` connections take `room_id` to `stage` at the same moment."""
        barrier = threading.Barrier(contenders)
        results = [None] * contenders

        def attempt(index):
            try:
                with self.registry.cursor() as cr:
                    env = self.env_of(cr, self.consultant_id)
                    deal = env["realty.deal"].create(
                        {
                            "room_id": room_id,
                            "partner_id": self.buyer_ids[index],
                            "payment_method_id": env.ref(
                                "realty_base.payment_method_oneoff"
                            ).id,
                            "deposit_amount": 50000,
                            "subscription_signed": True,
                            "delivery_date": "2027-06-30",
                        }
                    )
                    if stage != "reservation":
                        deal.register_payment("deposit", 50000)
                    # the deal and its money are committed before the race: with
                    # realty_finance a payment is posted, and two postings in one
                    # journal take turns on its sequence (one contender would
                    # wait at the barrier for the other's commit)
                    cr.commit()
                    barrier.wait(timeout=30)
                    deal._advance(stage)
                    cr.commit()
                    results[index] = ("won", deal.id)
            except RealtyUserError as exc:
                results[index] = ("refused", exc.code, str(exc))
            except Exception as exc:
                barrier.abort()  # the other contenders stop waiting for this one
                _logger.exception("contender %s failed", index)
                results[index] = ("error", repr(exc))

        threads = [
            threading.Thread(target=attempt, args=(i,)) for i in range(contenders)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        return results

    def check_one_winner(self, results, room_id, state):
        winners = [r for r in results if r[0] == "won"]
        self.assertEqual(len(winners), 1, results)
        for outcome in results:
            if outcome[0] != "won":
                self.assertEqual(outcome[0], "refused", results)
                self.assertIn(outcome[1], REFUSED, results)
        self.assertEqual(self.room_facts(room_id), (state, 1))

    def test_v46_two_connections_reserve(self):
        results = self.race(self.room_ids[0], "reservation")
        self.check_one_winner(results, self.room_ids[0], "reserved")

    def test_v46_two_connections_take_a_deposit(self):
        results = self.race(self.room_ids[1], "deposit")
        self.check_one_winner(results, self.room_ids[1], "deposit")

    def test_v46_two_connections_sign(self):
        results = self.race(self.room_ids[2], "contract")
        self.check_one_winner(results, self.room_ids[2], "contracted")


def _free_port():
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RpcFault(Exception):
    """The error a JSON-RPC call answered with."""


def jsonrpc(url, service, method, *args):
    """One call to Odoo's /jsonrpc endpoint, as the web client and integrations
    make it."""
    payload = {
        "jsonrpc": "2.0",
        "method": "call",
        "params": {"service": service, "method": method, "args": list(args)},
        "id": 1,
    }
    request = urllib.request.Request(
        f"{url}/jsonrpc",
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        answer = json.load(response)
    if "error" in answer:
        raise RpcFault(answer["error"]["data"]["message"])
    return answer["result"]


class TwoWorkerServer:
    """Starts `odoo-bin` with 2 workers on the test database for the class (a
    production-shaped server: separate processes, Odoo's retry of serialization
    failures); `cls.url` is its address."""

    @classmethod
    def start_server(cls):
        cls.port = _free_port()
        odoo_bin = os.path.join(
            os.path.dirname(os.path.dirname(odoo.__file__)), "odoo-bin"
        )
        db = get_db_name()
        args = [
            sys.executable,
            odoo_bin,
            "--workers=2",
            "--max-cron-threads=0",
            f"--http-port={cls.port}",
            f"--gevent-port={_free_port()}",
            "--http-interface=127.0.0.1",
            f"--db-filter=^{db}$",
            "-d",
            db,
            f"--addons-path={config['addons_path']}",
            f"--data-dir={config['data_dir']}",
            "--log-level=warn",
            "--limit-time-real=120",
        ]
        for key in ("db_host", "db_port", "db_user", "db_password"):
            if config.get(key):
                args.append(f"--{key}={config[key]}")
        cls.server_log = open(  # noqa: SIM115 (closed in _stop_server)
            os.path.join(config["data_dir"], f"rpc-server-{cls.port}.log"), "w"
        )
        cls.server = subprocess.Popen(
            args, stdout=cls.server_log, stderr=subprocess.STDOUT
        )
        cls.addClassCleanup(cls._stop_server)
        cls.url = f"http://127.0.0.1:{cls.port}"
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                jsonrpc(cls.url, "common", "version")
                return
            except OSError:
                time.sleep(0.5)
        raise AssertionError("the 2-worker server did not start")

    @classmethod
    def _stop_server(cls):
        cls.server.terminate()
        try:
            cls.server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            cls.server.kill()
        cls.server_log.close()


@tagged("post_install", "-at_install", "realty_concurrency")
class TestNoDoubleSaleOverRpc(TwoWorkerServer, CommittedFixture):
    """20 buyers confirm the same room through JSON-RPC against `odoo-bin` with 2
    workers (separate processes, as in production)."""

    CONTENDERS = 20

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.start_server()

    def test_v46_twenty_rpc_calls_on_two_workers(self):
        db = get_db_name()
        login = password = self.consultant_login
        uid = jsonrpc(self.url, "common", "authenticate", db, login, password, {})
        self.assertTrue(uid)
        room_id = self.room_ids[3]
        barrier = threading.Barrier(self.CONTENDERS)
        results = [None] * self.CONTENDERS

        def confirm(index):
            barrier.wait(timeout=30)
            try:
                deal_id = jsonrpc(
                    self.url,
                    "object",
                    "execute_kw",
                    db,
                    uid,
                    password,
                    "realty.deal",
                    "create_and_advance",
                    [
                        {"room_id": room_id, "partner_id": self.buyer_ids[index]},
                        "reservation",
                    ],
                )
                results[index] = ("won", deal_id)
            except RpcFault as fault:
                match = CODE.search(str(fault))
                results[index] = ("refused", match.group(1) if match else str(fault))

        threads = [
            threading.Thread(target=confirm, args=(i,)) for i in range(self.CONTENDERS)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        winners = [r for r in results if r and r[0] == "won"]
        self.assertEqual(len(winners), 1, results)
        refused = [r[1] for r in results if r and r[0] == "refused"]
        self.assertEqual(len(refused), self.CONTENDERS - 1, results)
        self.assertTrue(set(refused) <= REFUSED, results)
        self.assertEqual(self.room_facts(room_id), ("reserved", 1))

    def test_v46_the_same_token_twice_is_one_deal(self):
        """A confirmation sent twice (a double click, a retry) is one deal."""
        db = get_db_name()
        login = password = self.consultant_login
        uid = jsonrpc(self.url, "common", "authenticate", db, login, password, {})
        vals = {"room_id": self.room_ids[4], "partner_id": self.buyer_ids[0]}
        call = (db, uid, password, "realty.deal", "create_and_advance")
        args = ([vals, "reservation"], {"client_token": "once-1"})
        first = jsonrpc(self.url, "object", "execute_kw", *call, *args)
        again = jsonrpc(self.url, "object", "execute_kw", *call, *args)
        self.assertEqual(first, again)
        self.assertEqual(self.room_facts(self.room_ids[4]), ("reserved", 1))
