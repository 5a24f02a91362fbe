"""A building of 5,000 signed contracts: a survey with 3 bad rows is refused whole
with the three rows listed; without them it is computed and applied in a bounded
number of queries (rows are written in batches, never read or searched one by one).

The fixture is built the way the benches build theirs: the rooms generated in one
call, one deal created by the ORM and copied in SQL to the other rooms, all set to
signed contracts in SQL."""

import base64
import logging
import time

from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.realty_base.tools import errors as codes

from .area_common import AreaCase

_logger = logging.getLogger(__name__)

ROWS = 5000
STAIRS = [str(n) for n in range(1, 11)]  # 10 entrances × 25 floors × 20 positions


def survey_file(rooms, bad=None):
    """The survey of `rooms` (V-26's measured areas); `bad`: {index: cells}."""
    bad = bad or {}
    lines = ["房号,建筑面积,套内面积,分摊面积"]
    for index, room in enumerate(rooms):
        cells = bad.get(index, ("91.20", "72.33", "18.87"))
        lines.append(",".join((room.code, *cells)))
    return base64.b64encode("\n".join(lines).encode("utf-8"))


@tagged("post_install", "-at_install")
class TestAreaAdjustScale(AreaCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        start = time.perf_counter()
        cls.big = cls.create_building("9", floors_above=25)
        cls.big.phase_id = cls.building.phase_id
        cls.big_rooms = cls.generate(
            cls.big, floors=(1, 25), positions=(1, 20), stairs=STAIRS
        ).sorted("id")
        assert len(cls.big_rooms) == ROWS, len(cls.big_rooms)
        env.cr.execute(
            "UPDATE realty_room SET list_unit_price = 14379.75, list_total = 1287994,"
            " state = 'available' WHERE id = ANY(%s)",
            [cls.big_rooms.ids],
        )
        env.invalidate_all()
        buyers = env["res.partner"].create(
            [{"name": f"买受人{number:04d}"} for number in range(ROWS)]
        )
        deals = cls.copy_deals(env, cls.big_rooms, buyers)
        env.flush_all()
        env.cr.execute(
            "UPDATE realty_deal SET stage = 'contract', status = 'active',"
            " price_locked = true, date_contract = now() WHERE id = ANY(%s);"
            "UPDATE realty_room SET state = 'contracted' WHERE id = ANY(%s)",
            [deals.ids, cls.big_rooms.ids],
        )
        env.invalidate_all()
        cls.big_deals = deals
        cls.fixture_seconds = time.perf_counter() - start

    @classmethod
    def copy_deals(cls, env, rooms, buyers):
        """One deal per room: the first created by the ORM (its prices, terms and
        every column other addons add), the others copies of its row INSERTed in
        one statement with their own room, buyer and number (the rooms share its
        layout and price). The ORM's 5,000 creates were most of the fixture."""
        first = (
            env["realty.deal"]
            ._unlocked()
            .create(
                {
                    "room_id": rooms[0].id,
                    "partner_id": buyers[0].id,
                    "payment_method_id": cls.cash.id,
                    "delivery_date": "2027-06-30",
                }
            )
        )
        env.flush_all()
        own = ("id", "name", "room_id", "partner_id", "client_token", "contract_no")
        env.cr.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = 'realty_deal' AND column_name NOT IN %s",
            [own],
        )
        names = [name for (name,) in env.cr.fetchall()]
        env.cr.execute(
            SQL(
                """
                INSERT INTO realty_deal (name, room_id, partner_id, %s)
                SELECT deal.name || '-' || row.n, row.room_id, row.partner_id, %s
                  FROM realty_deal deal,
                       unnest(%s::int[], %s::int[]) WITH ORDINALITY
                       AS row(room_id, partner_id, n)
                 WHERE deal.id = %s
              ORDER BY row.n
             RETURNING id
                """,
                SQL(", ").join(SQL.identifier(name) for name in names),
                SQL(", ").join(SQL.identifier("deal", name) for name in names),
                rooms[1:].ids,
                buyers[1:].ids,
                first.id,
            )
        )
        ids = [first.id] + [row[0] for row in env.cr.fetchall()]
        env.invalidate_all()
        return env["realty.deal"].browse(ids)

    def big_batch(self, file):
        return (
            self.env["realty.area.adjust.batch"]
            .with_user(self.aftersales)
            .create(
                {
                    "project_id": self.project.id,
                    "building_id": self.big.id,
                    "file": file,
                    "filename": "实测面积.csv",
                }
            )
        )

    def test_5000_contracts(self):
        bad = self.big_batch(
            survey_file(
                self.big_rooms,
                bad={
                    10: ("0", "72.33", "18.87"),  # zero
                    2500: ("9I.20", "72.33", "18.87"),  # not a number
                    4999: ("150.00", "131.13", "18.87"),  # beyond ±20 %
                },
            )
        )
        self.env.flush_all()
        error = self.assertRefused(codes.ERR_IMPORT_ROW, bad.action_import)
        lines = str(error).splitlines()
        self.assertEqual(len(lines), 4, lines[:6])
        self.assertIn("3 bad rows", lines[0])
        for line, row in zip(lines[1:], (12, 2502, 5001), strict=True):
            self.assertTrue(line.startswith(f"[ERR_IMPORT_ROW] Row {row} "), line)
        self.assertFalse(bad.line_ids)

        batch = self.big_batch(survey_file(self.big_rooms))
        self.env.flush_all()
        self.env.invalidate_all()
        start = time.perf_counter()
        # the reads, then the INSERTs 100 lines at a time (Odoo's batches)
        with self.assertQueryCount(__system__=170):
            batch.action_import()
            self.env.flush_all()
        import_seconds = time.perf_counter() - start
        self.assertEqual(batch.line_count, ROWS)
        self.assertEqual(batch.amount_net, round(ROWS * 23438.99, 2))
        self.assertEqual(set(self.big_deals.mapped("area_adjust_state")), {"pending"})
        batch.action_submit()
        batch.with_user(self.gm).action_approve()
        self.env.flush_all()
        self.env.invalidate_all()
        start = time.perf_counter()
        # one room write per set of areas; lines, deals, schedule lines, chatter
        # messages and finance to-dos written in batches (with realty_finance, its
        # entries are posted by the cron the apply triggers)
        with self.assertQueryCount(__system__=459):
            batch.action_apply()
            self.env.flush_all()
        apply_seconds = time.perf_counter() - start
        self.assertEqual(set(self.big_deals.mapped("area_adjust_state")), {"settled"})
        self.assertEqual(set(self.big_rooms.mapped("area_building_meas")), {91.20})
        area = self.big_deals.schedule_line_ids.filtered(
            lambda s: s.item == "area_adjustment"
        )
        self.assertEqual(len(area), ROWS)
        _logger.info(
            "5,000 contracts: fixture %.1f s, import %.1f s, apply %.1f s",
            self.fixture_seconds,
            import_seconds,
            apply_seconds,
        )
