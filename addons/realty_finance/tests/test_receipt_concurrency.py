"""Receipt numbers under concurrency (§9.3): 20 cashier sessions issue receipts at
once through JSON-RPC against `odoo-bin` with 2 workers; some of them fail after
their number was taken. Every book's numbers are contiguous, none is issued twice,
and a rolled-back issue consumed nothing."""

# The fixture is committed (the server's workers read it) and removed afterwards.
# pylint: disable=invalid-commit

import threading
from collections import defaultdict

from odoo import SUPERUSER_ID, Command
from odoo.tests import tagged
from odoo.tests.common import get_db_name

from odoo.addons.realty_sales.tests.test_concurrency import (
    CommittedFixture,
    RpcFault,
    TwoWorkerServer,
    jsonrpc,
)

CASHIERS = 5
SESSIONS_PER_CASHIER = 4  # 20 sessions: a cashier at several terminals
RECEIPTS_PER_SESSION = 3


@tagged("post_install", "-at_install", "realty_concurrency")
class TestReceiptNumbersOverRpc(TwoWorkerServer, CommittedFixture):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with cls.registry.cursor() as cr:
            env = cls.env_of(cr, SUPERUSER_ID)
            project = env["realty.project"].browse(cls.project_id)
            company = project.company_id
            journal = env["account.journal"].create(
                {
                    "name": f"监管 {cls.code}",
                    "code": f"J{cls.code[-4:]}",
                    "type": "bank",
                    "company_id": company.id,
                }
            )
            project.supervision_journal_id = journal
            finance = env.ref("realty_base.group_realty_finance")
            cashiers = env["res.users"].create(
                [
                    {
                        "name": f"Cashier {index}",
                        "login": f"cashier_{index}_{cls.code.lower()}",
                        "password": f"cashier_{index}_{cls.code.lower()}",
                        "groups_id": [Command.link(finance.id)],
                    }
                    for index in range(CASHIERS)
                ]
            )
            project.user_ids |= cashiers
            books = env["realty.receipt.book"].create(
                [
                    {
                        "code": f"{cls.code}-{index}",
                        "prefix": "SJ",
                        "year": 2025,
                        "start_no": 1 + 1000 * index,
                        "end_no": 999 + 1000 * index,
                        "user_id": cashier.id,
                    }
                    for index, cashier in enumerate(cashiers)
                ]
            )
            books.action_start()
            deals = env["realty.deal"].create(
                [
                    {
                        "room_id": cls.room_ids[index % len(cls.room_ids)],
                        "partner_id": buyer_id,
                        "payment_method_id": env.ref(
                            "realty_base.payment_method_oneoff"
                        ).id,
                    }
                    for index, buyer_id in enumerate(cls.buyer_ids)
                ]
            )
            cls.cashiers = [(c.id, c.login) for c in cashiers]
            cls.book_ids = books.ids
            cls.deal_ids = deals.ids
            cr.commit()
        cls.addClassCleanup(cls._remove_receipts)
        cls.start_server()

    @classmethod
    def _remove_receipts(cls):
        with cls.registry.cursor() as cr:
            cr.execute(
                "DELETE FROM realty_receipt WHERE book_id = ANY(%s)", [cls.book_ids]
            )
            cr.execute(
                "DELETE FROM realty_receipt_book WHERE id = ANY(%s)", [cls.book_ids]
            )
            cr.execute(
                "UPDATE res_users SET active = false WHERE id = ANY(%s)",
                [[uid for uid, _login in cls.cashiers]],
            )
            cr.commit()

    def test_twenty_sessions_issue_without_gaps(self):
        db = get_db_name()
        sessions = []
        for index in range(CASHIERS * SESSIONS_PER_CASHIER):
            _cashier_id, login = self.cashiers[index % CASHIERS]
            uid = jsonrpc(self.url, "common", "authenticate", db, login, login, {})
            sessions.append((index, uid, login, self.book_ids[index % CASHIERS]))
        barrier = threading.Barrier(len(sessions))
        outcomes = defaultdict(list)

        def session(index, uid, password, book_id):
            barrier.wait(timeout=60)
            for attempt in range(RECEIPTS_PER_SESSION):
                # every third session's second receipt is refused after it took
                # its number (a down payment on a deal that owes none)
                failing = index % 3 == 0 and attempt == 1
                line = {
                    "item": "down_payment" if failing else "deposit",
                    "method": "transfer",
                    "amount": 1000 + index,
                }
                try:
                    receipt_id = jsonrpc(
                        self.url,
                        "object",
                        "execute_kw",
                        db,
                        uid,
                        password,
                        "realty.receipt",
                        "create",
                        [
                            {
                                "deal_id": self.deal_ids[index],
                                "book_id": book_id,
                                "line_ids": [(0, 0, line)],
                            }
                        ],
                    )
                    jsonrpc(
                        self.url,
                        "object",
                        "execute_kw",
                        db,
                        uid,
                        password,
                        "realty.receipt",
                        "action_confirm",
                        [[receipt_id]],
                    )
                    outcomes[book_id].append(("issued", receipt_id))
                except RpcFault as fault:
                    outcomes[book_id].append(("refused", str(fault)))

        threads = [threading.Thread(target=session, args=s) for s in sessions]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)

        refused = [o for book in outcomes.values() for o in book if o[0] == "refused"]
        self.assertEqual(len(refused), 7, refused)  # sessions 0, 3, …, 18
        self.assertTrue(all("ERR_OVERPAYMENT" in message for _k, message in refused))
        with self.registry.cursor() as cr:
            for index, book_id in enumerate(self.book_ids):
                cr.execute(
                    "SELECT name FROM realty_receipt WHERE book_id = %s"
                    " AND state != 'draft' ORDER BY name",
                    [book_id],
                )
                numbers = [row[0] for row in cr.fetchall()]
                issued = [o for o in outcomes[book_id] if o[0] == "issued"]
                first = 1 + 1000 * index
                expected = [
                    f"SJ2025{first + offset:06d}" for offset in range(len(issued))
                ]
                self.assertEqual(numbers, expected, f"book {index}")
                cr.execute(
                    "SELECT next_no FROM realty_receipt_book WHERE id = %s", [book_id]
                )
                self.assertEqual(cr.fetchone()[0], first + len(issued))
