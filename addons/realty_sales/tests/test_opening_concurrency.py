"""Two buyers pick one room at the same moment on two real connections (§10.4,
V-46): exactly one deal, and both outcomes recorded. One buyer picks two rooms at
the same moment, one room per family: one pick only. Commits its fixtures, like
test_concurrency, hence the invalid-commit exemption."""
# pylint: disable=invalid-commit

import logging
import threading
from datetime import timedelta

from psycopg2 import OperationalError

from odoo import SUPERUSER_ID, Command, fields
from odoo.tests import tagged

from .test_concurrency import REFUSED, CommittedFixture

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install", "realty_concurrency")
class TestOpeningRace(CommittedFixture):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with cls.registry.cursor() as cr:
            env = cls.env_of(cr, SUPERUSER_ID)
            numbers = env["realty.queue.number"].create(
                [
                    {
                        "project_id": cls.project_id,
                        "partner_id": buyer_id,
                        "category": "B",
                        "sincerity_amount": 20000,
                    }
                    for buyer_id in cls.buyer_ids[:3]
                ]
            )
            event = env["realty.opening.event"].create(
                {
                    "name": "Race opening",
                    "project_id": cls.project_id,
                    "user_id": cls.consultant_id,
                    "room_ids": [Command.set(cls.room_ids)],
                    "date_start": fields.Datetime.now() - timedelta(minutes=1),
                    "window_minutes": 60,
                }
            )
            event.action_build_order()
            event.action_open()
            cls.event_id = event.id
            cls.participant_ids = event.participant_ids.ids
            cls.number_ids = numbers.ids
            cr.commit()
        cls.addClassCleanup(cls._remove_opening)

    @classmethod
    def _remove_opening(cls):
        with cls.registry.cursor() as cr:
            cr.execute("DELETE FROM realty_opening_event WHERE id = %s", [cls.event_id])
            cr.execute(
                "DELETE FROM realty_queue_number WHERE id = ANY(%s)", [cls.number_ids]
            )
            cr.commit()

    def _race(self, attempts):
        """Run ``[(participant index, room id, token)]`` at once, each on its own
        connection, retried on a serialization failure as Odoo does."""
        barrier = threading.Barrier(len(attempts))
        results = [None] * len(attempts)

        def attempt(index):
            participant_index, room_id, token = attempts[index]
            try:
                barrier.wait(timeout=30)
                for _try in range(5):
                    try:
                        with self.registry.cursor() as cr:
                            env = self.env_of(cr, SUPERUSER_ID)
                            event = env["realty.opening.event"].browse(self.event_id)
                            participant = env["realty.opening.participant"].browse(
                                self.participant_ids[participant_index]
                            )
                            pick, _free = event._pick(participant, room_id, token)
                            results[index] = (pick.state, pick.code, pick.id)
                            cr.commit()
                            return
                    except OperationalError:
                        continue
            except Exception as exc:
                _logger.exception("contender %s failed", index)
                results[index] = ("error", repr(exc), None)

        threads = [
            threading.Thread(target=attempt, args=(i,)) for i in range(len(attempts))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        return results

    def write_deals(self):
        """The cron's run: the confirmed picks' deals written and committed."""
        with self.registry.cursor() as cr:
            env = self.env_of(cr, SUPERUSER_ID)
            env["realty.opening.event"]._cron_write_deals()
            cr.commit()

    def test_one_buyer_two_rooms_at_once(self):
        """Under REPEATABLE READ, a pick that only waited for the buyer's lock
        would count the buyer's picks from a snapshot missing the other one."""
        rooms = self.room_ids[1:3]
        results = self._race([(2, rooms[0], "limit-0"), (2, rooms[1], "limit-1")])
        states = sorted(result[0] for result in results)
        self.assertEqual(states, ["confirmed", "refused"], results)
        refused = next(r for r in results if r[0] == "refused")
        # told at once: the other pick is under way (NOWAIT), or had just
        # committed (the limit)
        self.assertIn(refused[1], {"ERR_OPENING_LIMIT", "ERR_OPENING_BUSY"}, results)
        self.write_deals()
        self.assertEqual(
            sorted(self.room_facts(room_id)[1] for room_id in rooms), [0, 1], results
        )

    def test_two_buyers_one_room(self):
        room_id = self.room_ids[0]
        results = self._race([(0, room_id, "race-0"), (1, room_id, "race-1")])
        states = sorted(result[0] for result in results)
        self.assertEqual(states, ["confirmed", "refused"], results)
        refused = next(r for r in results if r[0] == "refused")
        self.assertIn(refused[1], REFUSED, results)
        self.write_deals()
        self.assertEqual(self.room_facts(room_id)[1], 1)
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT state, count(*) FROM realty_opening_pick WHERE event_id = %s"
                " AND token LIKE 'race-%%' GROUP BY state ORDER BY state",
                [self.event_id],
            )
            self.assertEqual(cr.fetchall(), [("confirmed", 1), ("refused", 1)])
