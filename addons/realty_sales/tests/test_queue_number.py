"""Queue numbers (排号) and sincerity deposits (诚意金): §5.6, §10.1.

Gapless numbering per project and category in the order of issue, the permit rule
(ERR_SINCERITY_BEFORE_PERMIT), one active number per family, the three outcomes,
the call order, and numbering by two sales offices at once on real connections."""

import logging
import random
import sys
import threading
import time
import traceback
import uuid
from contextlib import contextmanager
from datetime import timedelta

from psycopg2 import errors as pg_errors

from odoo import SUPERUSER_ID, Command, api, fields
from odoo.api import Transaction
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.realty_base.exceptions import RealtyValidationError

from .common import SalesCase
from .test_buyers import resident_id

_logger = logging.getLogger(__name__)

QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
}


@tagged("post_install", "-at_install")
class TestQueueNumber(SalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.buyer_e, cls.buyer_f, cls.buyer_g = Partner.create(
            [
                {
                    "name": f"排号买受人{i}",
                    "realty_id_type": "resident",
                    "realty_id_number": resident_id(
                        birth="19880808", seq=f"{i}{i}1", area="330106"
                    ),
                    "mobile": f"1395710{i:04d}",
                }
                for i in (5, 6, 7)
            ]
        )
        cls.visited(cls.buyer_e | cls.buyer_f | cls.buyer_g)
        cls.phase_1 = cls.building.phase_id
        cls.phase_2 = cls.env["realty.phase"].create(
            {"name": "二期", "project_id": cls.project.id}
        )
        cls.bare_project = cls.env["realty.project"].create(
            {
                "name": "No Permit Garden",
                "code": "NPG",
                "user_ids": [Command.set([cls.manager.id, cls.consultant.id])],
            }
        )

    def issue(
        self, buyer=None, category="B", amount=0.0, project=None, user=None, **values
    ):
        return (
            self.env["realty.queue.number"]
            .with_user(user or self.consultant)
            .create(
                {
                    "project_id": (project or self.project).id,
                    "partner_id": (buyer or self.buyer_c).id,
                    "category": category,
                    "sincerity_amount": amount,
                    **values,
                }
            )
        )

    # ------------------------------------------------------------------ numbering
    def test_gapless_numbers_per_category_in_issue_order(self):
        first = self.issue(self.buyer_c, "B")
        second = self.issue(self.buyer_d, "A")
        third = self.issue(self.buyer_e, "b")
        fourth = self.issue(self.buyer_f, "A")
        self.assertEqual(
            (first | second | third | fourth).mapped("name"),
            ["B0001", "A0001", "B0002", "A0002"],
        )
        self.assertEqual(third.category, "B")
        self.assertEqual(fourth.sequence_number, 2)
        self.assertLess(first.date_issued, fields.Datetime.now() + timedelta(seconds=1))
        # the selection order of an opening: category, then number
        listed = self.env["realty.queue.number"].search(
            [("project_id", "=", self.project.id)]
        )
        self.assertEqual(listed.mapped("name"), ["A0001", "A0002", "B0001", "B0002"])
        # a batch keeps its order and continues each category
        batch = (
            self.env["realty.queue.number"]
            .with_user(self.consultant)
            .create(
                [
                    {
                        "project_id": self.project.id,
                        "partner_id": buyer.id,
                        "category": cat,
                    }
                    for buyer, cat in (
                        (self.buyer_g, "A"),
                        (self.buyer_a(), "B"),
                        (self.buyer_a(2), "A"),
                    )
                ]
            )
        )
        self.assertEqual(batch.mapped("name"), ["A0003", "B0003", "A0004"])
        # every project numbers from 1
        other = self.issue(self.buyer_c, "A", project=self.bare_project)
        self.assertEqual(other.name, "A0001")

    def buyer_a(self, seq=1):
        buyer = self.env["res.partner"].create(
            {
                "name": f"补充买受人{seq}",
                "realty_id_type": "resident",
                "realty_id_number": resident_id(
                    birth="19920202", seq=f"{seq:03d}", area="330106"
                ),
            }
        )
        self.visited(buyer)
        return buyer

    def test_refused_or_cancelled_issues_leave_no_gap(self):
        first = self.issue(self.buyer_c, "A")
        self.assertRefused("ERR_QUEUE_FAMILY_LIMIT", self.issue, self.buyer_c, "A")
        with self.assertRaises(RealtyValidationError) as caught:
            self.issue(self.buyer_d, "A1")
        self.assertEqual(caught.exception.code, "ERR_NUMBER_FORMAT")
        no_id = self.env["res.partner"].create({"name": "无证件"})
        self.assertRefused("ERR_INVALID_INPUT", self.issue, no_id, "A")
        self.assertRefused(
            "ERR_SINCERITY_BEFORE_PERMIT",
            self.issue,
            self.buyer_d,
            "A",
            20000,
            self.bare_project,
        )
        second = self.issue(self.buyer_d, "A")
        self.assertEqual((first.name, second.name), ("A0001", "A0002"))
        second.action_cancel()
        self.assertEqual(
            self.issue(self.buyer_e, "A").name,
            "A0003",
            "a cancelled number keeps its number",
        )
        self.assertEqual(second.cancelled_by_id, self.consultant)
        self.assertTrue(second.date_cancelled)

    def test_a_number_is_fixed_and_never_deleted(self):
        number = self.issue()
        self.assertRefused("ERR_INVALID_INPUT", number.write, {"category": "A"})
        self.assertRefused("ERR_INVALID_INPUT", number.write, {"name": "B0009"})
        self.assertRefused("ERR_INVALID_INPUT", number.write, {"state": "refunded"})
        self.assertRefused(
            "ERR_STATE_TRANSITION", number.with_user(self.manager).unlink
        )
        number.action_cancel()
        self.assertRefused(
            "ERR_STATE_TRANSITION", number.with_user(self.manager).unlink
        )
        self.assertRefused(
            "ERR_STATE_TRANSITION", number.write, {"sincerity_amount": 1}
        )

    # -------------------------------------------------------- sincerity and permit
    def test_sincerity_needs_an_active_permit(self):
        number = self.issue(amount=20000)
        self.assertEqual(number.sincerity_amount, 20000)
        self.assertEqual(number.received_by_id, self.consultant)
        self.assertEqual(number.date_received, fields.Date.context_today(number))
        # a project without an active permit: numbers, but no money
        self.assertRefused(
            "ERR_SINCERITY_BEFORE_PERMIT",
            self.issue,
            project=self.bare_project,
            amount=20000,
        )
        free = self.issue(project=self.bare_project)
        self.assertEqual(free.state, "issued")
        self.assertRefused(
            "ERR_SINCERITY_BEFORE_PERMIT", free.write, {"sincerity_amount": 20000}
        )
        # a permit that is not active yet does not count, whatever the building
        building = self.create_building("9", project=self.bare_project)
        self.create_permit(
            building,
            project=self.bare_project,
            issue_date=fields.Date.today() + timedelta(days=5),
        )
        self.assertRefused(
            "ERR_SINCERITY_BEFORE_PERMIT", free.write, {"sincerity_amount": 20000}
        )
        # the documented local override
        self.bare_project.sincerity_allow_before_permit = True
        free.sincerity_amount = 20000
        self.assertEqual(free.received_by_id, self.consultant)
        self.bare_project.sincerity_allow_before_permit = False
        self.create_permit(building, project=self.bare_project, name="Permit active")
        paid = self.issue(self.buyer_d, project=self.bare_project, amount=30000)
        self.assertEqual(paid.sincerity_amount, 30000)

    # ----------------------------------------------------------------- family
    def test_one_active_number_per_family(self):
        held = self.issue(self.buyer_c, "B", 20000)
        self.assertRefused("ERR_QUEUE_FAMILY_LIMIT", self.issue, self.buyer_c, "B")
        self.assertRefused("ERR_QUEUE_FAMILY_LIMIT", self.issue, self.buyer_c, "A")
        # the same person recorded twice: the ID number makes the family
        twin = self.env["res.partner"].create(
            {
                "name": "陈立 (重复)",
                "realty_id_type": "resident",
                "realty_id_number": self.buyer_c.realty_id_number,
            }
        )
        self.visited(twin)
        self.assertRefused("ERR_QUEUE_FAMILY_LIMIT", self.issue, twin, "A")
        # another buyer, and the same buyer in another project, are fine
        other = self.issue(self.buyer_d, "B")
        self.issue(self.buyer_c, "B", project=self.bare_project)
        # a number handed to a holding family is refused too
        self.assertRefused(
            "ERR_QUEUE_FAMILY_LIMIT", other.write, {"partner_id": twin.id}
        )
        # a batch cannot slip two numbers through
        self.assertRefused(
            "ERR_QUEUE_FAMILY_LIMIT",
            self.env["realty.queue.number"].with_user(self.consultant).create,
            [
                {"project_id": self.project.id, "partner_id": self.buyer_e.id},
                {"project_id": self.project.id, "partner_id": self.buyer_e.id},
            ],
        )
        # a transferred number still holds its place; a refunded one does not
        held.action_transfer(self.phase_2)
        self.assertRefused("ERR_QUEUE_FAMILY_LIMIT", self.issue, self.buyer_c, "B")
        held.action_refund()
        self.assertEqual(self.issue(self.buyer_c, "B").state, "issued")
        # the project's limit
        self.project.max_numbers_per_family = 2
        self.issue(self.buyer_d, "A")
        self.assertRefused("ERR_QUEUE_FAMILY_LIMIT", self.issue, self.buyer_d, "A")

    # ----------------------------------------------------------------- outcomes
    def test_convert_into_a_deal(self):
        number = self.issue(self.buyer_c, "A", 20000, phase_id=self.phase_1.id)
        deal = self.deal(buyer=self.buyer_c)
        self.assertRefused("ERR_INVALID_INPUT", number.action_convert)  # no deal yet
        wrong = self.deal(room=self.room_b, buyer=self.buyer_d)
        self.assertRefused("ERR_INVALID_INPUT", number.action_convert, wrong)
        number.deal_id = deal
        number.action_convert()
        self.assertEqual(deal.amount_received, 20000)
        payment = deal.payment_ids
        self.assertEqual(
            (payment.item, payment.amount, payment.method, payment.reference),
            ("sincerity", 20000, "internal", "A0001"),
        )
        self.assertEqual((number.state, number.deal_id), ("converted", deal))
        self.assertEqual(number.converted_by_id, self.consultant)
        self.assertTrue(number.date_converted)
        self.assertRefused("ERR_STATE_TRANSITION", number.action_convert, deal)
        self.assertRefused("ERR_STATE_TRANSITION", number.action_refund)
        self.assertEqual(deal.amount_received, 20000, "credited once")

    def test_convert_refuses_a_closed_deal(self):
        number = self.issue(self.buyer_c, "A", 20000)
        deal = self.deal(buyer=self.buyer_c)
        deal.action_reserve()
        deal.action_cancel_reservation()
        self.assertRefused("ERR_STATE_TRANSITION", number.action_convert, deal)
        self.assertEqual(number.state, "issued")

    def test_transfer_to_another_phase(self):
        number = self.issue(self.buyer_c, "B", 20000, phase_id=self.phase_1.id)
        self.assertRefused("ERR_INVALID_INPUT", number.action_transfer)  # no phase
        self.assertRefused("ERR_INVALID_INPUT", number.action_transfer, self.phase_1)
        foreign = self.env["realty.phase"].create(
            {"name": "外期", "project_id": self.bare_project.id}
        )
        self.assertRefused("ERR_INVALID_INPUT", number.action_transfer, foreign)
        number.action_transfer(self.phase_2)
        self.assertEqual(
            (number.state, number.transfer_phase_id, number.sincerity_amount),
            ("transferred", self.phase_2, 20000),
        )
        self.assertEqual(number.transferred_by_id, self.consultant)
        self.assertTrue(number.date_transferred)
        # in the later phase the money still converts into a deal
        deal = self.deal(buyer=self.buyer_c)
        number.action_convert(deal)
        self.assertEqual((number.state, deal.amount_received), ("converted", 20000))

    def test_refund_within_the_refund_days(self):
        on_time = self.issue(self.buyer_c, "B", 20000)
        # "today" of the user who refunds (their time zone), not OdooBot's
        today = fields.Date.context_today(on_time)
        on_time.action_request_refund(today - timedelta(days=3))
        on_time.action_refund()
        self.assertEqual(
            (on_time.state, on_time.refund_amount, on_time.date_refunded),
            ("refunded", 20000, today),
        )
        self.assertEqual(on_time.refund_deadline, today + timedelta(days=4))
        self.assertFalse(on_time.refund_late)
        self.assertEqual(on_time.refunded_by_id, self.consultant)
        late = self.issue(self.buyer_d, "B", 20000)
        late.action_request_refund(today - timedelta(days=10))
        overdue = self.env["realty.queue.number"].search(
            [
                ("id", "=", late.id),
                ("state", "in", ("issued", "transferred")),
                ("refund_deadline", "<", today),
            ]
        )
        self.assertEqual(overdue, late, "the 'Refund Overdue' filter finds it")
        late.action_refund()
        self.assertTrue(late.refund_late)
        # same day as the request when none was recorded: on time
        direct = self.issue(self.buyer_e, "B", 20000)
        direct.action_refund()
        self.assertEqual(direct.date_refund_requested, today)
        self.assertFalse(direct.refund_late)
        # no money, nothing to refund; money, nothing to cancel
        self.assertRefused(
            "ERR_STATE_TRANSITION", self.issue(self.buyer_f).action_refund
        )
        self.assertRefused(
            "ERR_STATE_TRANSITION", self.issue(self.buyer_g, amount=5000).action_cancel
        )
        self.assertRefused("ERR_STATE_TRANSITION", late.write, {"sincerity_amount": 1})

    # --------------------------------------------------------------- call order
    def test_call_order(self):
        b1 = self.issue(self.buyer_c, "B")
        a1 = self.issue(self.buyer_d, "A")
        b2 = self.issue(self.buyer_e, "B")
        a2 = self.issue(self.buyer_f, "A")
        a1.action_cancel()
        numbers = b1 | a1 | b2 | a2
        self.assertEqual(
            {n.name: n.call_position for n in numbers},
            {"A0001": 0, "A0002": 1, "B0001": 2, "B0002": 3},
        )

    # ------------------------------------------------------ concurrent offices
    @contextmanager
    def committed_project(self, buyers):
        """A project and buyers committed on a second, real connection, deleted
        afterwards. TransactionCase does not put the registry in test mode, so
        ``registry.cursor()`` is a real connection that sees only committed data."""
        if self.registry.in_test_mode():
            self.skipTest("the registry is in test mode: no second connection")
        tag = uuid.uuid4().hex[:8]
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, QUIET)
            project = env["realty.project"].create(
                {"name": f"Concurrency {tag}", "code": f"QC-{tag}"}
            )
            partners = env["res.partner"].create(
                [
                    {
                        "name": f"Concurrent buyer {tag} {i}",
                        "realty_id_type": "resident",
                        "realty_id_number": resident_id(
                            birth="19850101", seq=f"{i:03d}", area="330106"
                        ),
                    }
                    for i in range(buyers)
                ]
            )
            env["realty.visit"].create(  # the project's users see its buyers
                [{"project_id": project.id, "partner_id": p.id} for p in partners]
            )
            project_id, partner_ids = project.id, partners.ids
        try:
            yield project_id, partner_ids
        finally:
            with self.registry.cursor() as cr:
                # numbers are never deleted by the ORM (no gaps): remove the test's
                cr.execute(
                    SQL(
                        "DELETE FROM realty_queue_number WHERE project_id = %s",
                        project_id,
                    )
                )
                env = api.Environment(cr, SUPERUSER_ID, QUIET)
                env["realty.visit"].search([("project_id", "=", project_id)]).unlink()
                env["res.partner"].browse(partner_ids).unlink()
                env["realty.project"].browse(
                    project_id
                ).unlink()  # cascades the counter

    @staticmethod
    def issue_in(env, project_id, partner_id):
        return env["realty.queue.number"].create(
            {"project_id": project_id, "partner_id": partner_id, "category": "A"}
        )

    def test_two_offices_wait_on_the_counter_then_replay(self):
        """The two ways a concurrent issue ends, each replayed by Odoo as a
        concurrency error (odoo.service.model.retrying), and never a duplicate."""
        with (
            self.committed_project(4) as (project_id, partners),
            self.registry.cursor() as cr1,
            self.registry.cursor() as cr2,
        ):
            env1 = api.Environment(cr1, SUPERUSER_ID, QUIET)
            env2 = api.Environment(cr2, SUPERUSER_ID, QUIET)
            first = self.issue_in(env1, project_id, partners[0])
            self.assertEqual(first.name, "A0001")
            # office 2 waits for office 1's counter row (here: 200 ms, then gives
            # up with a lock error instead of waiting for the commit)
            cr2.execute(SQL("SET LOCAL lock_timeout = '200ms'"))
            with self.assertRaises(pg_errors.LockNotAvailable):
                self.issue_in(env2, project_id, partners[1])
            cr2.rollback()
            cr1.commit()
            self.assertEqual(self.issue_in(env2, project_id, partners[1]).name, "A0002")
            cr2.commit()
            # REPEATABLE READ: office 2 read before office 1 committed A0003, so
            # its increment is a serialization failure, not a duplicate A0003
            cr2.execute(SQL("SELECT 1"))
            self.assertEqual(self.issue_in(env1, project_id, partners[2]).name, "A0003")
            cr1.commit()
            with self.assertRaises(pg_errors.SerializationFailure):
                self.issue_in(env2, project_id, partners[3])
            cr2.rollback()
            self.assertEqual(self.issue_in(env2, project_id, partners[3]).name, "A0004")
            cr2.commit()

    def test_two_offices_issuing_at_once_get_gapless_numbers(self):
        per_office = 6
        with self.committed_project(2 * per_office) as (project_id, partners):
            barrier = threading.Barrier(2)
            issued, problems, replays = [], [], []

            def office(partner_ids):
                try:
                    with self.registry.cursor() as cr:
                        # the test runner holds Registry._lock: give the cursor its
                        # registry rather than let Environment look it up
                        cr.transaction = Transaction(self.registry)
                        env = api.Environment(cr, SUPERUSER_ID, QUIET)
                        barrier.wait(timeout=30)
                        for partner_id in partner_ids:
                            for _attempt in range(30):
                                try:
                                    cr.execute(SQL("SET LOCAL lock_timeout = '20s'"))
                                    name = self.issue_in(
                                        env, project_id, partner_id
                                    ).name
                                    # its own connection, committed like a request
                                    cr.commit()  # pylint: disable=invalid-commit
                                    issued.append(name)
                                    break
                                except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
                                    cr.rollback()  # what Odoo's request retry does
                                    replays.append(partner_id)
                                    time.sleep(random.uniform(0, 0.05))
                            else:
                                problems.append(
                                    f"buyer {partner_id} never got a number"
                                )
                except Exception as exc:  # noqa: BLE001 (the main thread reports it)
                    problems.append(repr(exc))

            offices = [
                threading.Thread(target=office, args=(partners[i::2],)) for i in (0, 1)
            ]
            for thread in offices:
                thread.start()
            for thread in offices:
                thread.join(timeout=120)
            hung = [t for t in offices if t.is_alive()]
            frames = sys._current_frames()
            self.assertFalse(
                hung,
                "an office hung:\n"
                + "\n".join(
                    "".join(traceback.format_stack(frames[t.ident])) for t in hung
                ),
            )
            self.assertEqual(problems, [])
            _logger.info("concurrent issue: %s replays after a conflict", len(replays))
            self.assertEqual(
                sorted(issued), [f"A{n:04d}" for n in range(1, 2 * per_office + 1)]
            )
