"""The sales-control grid (销控表) in the browser: filters, a reservation from a
cell's card, live updates over the bus, and the README's screenshot (tours in
static/tests/tours/realty_sales_grid_tours.js)."""

import base64
import os
import threading
import time
from pathlib import Path
from unittest.mock import patch

from odoo import api
from odoo.tests import HttpCase, tagged
from odoo.tests.common import ChromeBrowser

from odoo.addons.bus.models.bus import channel_with_db, dispatch, hashable
from odoo.addons.bus.websocket import WebsocketConnectionHandler

from .common import SalesCase

SCREENSHOT = Path(__file__).resolve().parents[3] / "docs" / "sales_grid.png"
"""The README's picture of the grid, rewritten only with REALTY_SCREENSHOT=1."""


@tagged("post_install", "-at_install")
class TestSalesGridUi(SalesCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.consultant | cls.manager).write({"tour_enabled": False})
        Layout = cls.env["realty.layout"]
        cls.layout_a = Layout.create({"name": "GRID-A", "project_id": cls.project.id})
        cls.layout_b = Layout.create({"name": "GRID-B", "project_id": cls.project.id})
        by_code = {room.code: room for room in cls.rooms}
        (by_code["1-1-1101"] | by_code["1-1-1201"]).layout_id = cls.layout_a
        (by_code["1-1-1102"] | by_code["1-1-1202"]).layout_id = cls.layout_b
        cls.by_code = by_code

    def grid_url(self, building):
        return (
            "/odoo/action-realty_sales.action_realty_sales_grid"
            f"?building_id={building.id}"
        )

    def test_grid_filter_and_reserve(self):
        room = self.by_code["1-1-1101"]
        self.start_tour(
            self.grid_url(self.building),
            "realty_sales_grid_reserve",
            login=self.consultant.login,
        )
        self.env.invalidate_all()
        self.assertEqual(room.state, "reserved")
        deals = self.env["realty.deal"].search(
            [("room_id", "=", room.id), ("status", "=", "active")]
        )
        self.assertEqual(len(deals), 1)
        self.assertEqual(deals.stage, "reservation")
        self.assertEqual(deals.partner_id, self.buyer_c)
        self.assertEqual(deals.user_id, self.consultant)
        self.assertEqual(self.by_code["1-1-1102"].state, "available")

    def test_grid_updates_live(self):
        """The grid follows a room held elsewhere: the server's notification on
        the project's channel reaches the open grid, which reloads its data. Then
        the manager holds another room from its card (the hold dialog).

        In an HttpCase the bus's post-commit NOTIFY never runs, so a thread waits
        for the browser's websocket to subscribe to the project's channel, holds
        the room in its own (test) cursor and wakes the websocket up, as
        bus/tests/common.py does (trigger_notification_dispatching)."""
        room = self.by_code["1-1-1302"]
        self.assertEqual(room.state, "available")
        # websockets are refused in test mode unless allowed (bus WebsocketCase)
        self.startPatcher(
            patch.object(
                WebsocketConnectionHandler, "websocket_allowed", return_value=True
            )
        )
        channel = hashable(channel_with_db(self.registry.db_name, self.project))
        manager_uid, reason_id = self.manager.id, self.hold_reason.id
        outcome = {}

        def hold_when_subscribed():
            try:
                deadline = time.monotonic() + 60
                while time.monotonic() < deadline:
                    if dispatch._channels_to_ws.get(channel):
                        break
                    time.sleep(0.2)
                else:
                    outcome["error"] = "no websocket subscribed to the channel"
                    return
                with self.registry.cursor() as cr:
                    env = api.Environment(cr, manager_uid, {})
                    env["realty.room"].browse(room.id).action_hold(
                        env["realty.hold.reason"].browse(reason_id)
                    )
                    cr.precommit.run()  # the bus.bus rows
                for websocket in list(dispatch._channels_to_ws.get(channel, ())):
                    websocket.trigger_notification_dispatching()
                outcome["held"] = True
            except Exception as exc:  # noqa: BLE001 - failed in the main thread
                outcome["error"] = repr(exc)

        thread = threading.Thread(target=hold_when_subscribed, daemon=True)
        thread.start()
        try:
            self.start_tour(
                self.grid_url(self.building),
                "realty_sales_grid_live",
                login=self.manager.login,
                timeout=120,
            )
        finally:
            thread.join(timeout=70)
        self.assertNotIn("error", outcome, outcome.get("error"))
        self.assertTrue(outcome.get("held"))
        self.env.invalidate_all()
        self.assertEqual(room.state, "held")
        self.assertEqual(room.hold_reason_id, self.hold_reason)
        # and the one the manager held from its card, through the hold dialog
        held = self.by_code["1-1-1301"]
        self.assertEqual(held.state, "held")
        self.assertTrue(held.hold_reason_id)

    def test_grid_screenshot(self):
        """The demo grid of 湖畔花园 1# as the administrator sees it; with
        REALTY_SCREENSHOT=1 its picture is saved to docs/sales_grid.png."""
        building = self.env.ref("realty_base.building_1_demo")  # make test has demo
        # the demo developer is a company of its own: the administrator opens on it,
        # as in `make run`'s database
        self.env.ref("base.user_admin").company_id = building.company_id
        self.browser_size = "1440x900"
        shots = []
        wait_code_ok = ChromeBrowser._wait_code_ok

        def wait_then_capture(browser, *args, **kwargs):
            wait_code_ok(browser, *args, **kwargs)
            answer = browser._websocket_request(
                "Page.captureScreenshot", params={"format": "png"}, timeout=30
            )
            shots.append(base64.b64decode(answer["data"]))

        with patch.object(ChromeBrowser, "_wait_code_ok", wait_then_capture):
            self.start_tour(
                self.grid_url(building), "realty_sales_grid_screenshot", login="admin"
            )
        self.assertEqual(len(shots), 1)
        self.assertTrue(shots[0].startswith(b"\x89PNG"))
        if os.environ.get("REALTY_SCREENSHOT") == "1":
            SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            SCREENSHOT.write_bytes(shots[0])
