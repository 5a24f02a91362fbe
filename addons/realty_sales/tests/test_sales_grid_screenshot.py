"""Not a test: the README's picture of the sales-control grid, docs/sales_grid.png.

Tagged ``-standard``, so ``make test`` never runs it; ``make screenshot`` does
(``make test TAGS=realty_screenshot``). It needs Odoo's test browser and server,
hence its place among the tests."""

import base64
from pathlib import Path
from unittest.mock import patch

from odoo.tests import HttpCase, tagged
from odoo.tests.common import ChromeBrowser

SCREENSHOT = Path(__file__).resolve().parents[3] / "docs" / "sales_grid.png"


@tagged("-standard", "realty_screenshot", "post_install", "-at_install")
class SalesGridScreenshot(HttpCase):
    def test_write_screenshot(self):
        """The demo grid of 湖畔花园 1# as the administrator sees it (tour
        realty_sales_grid_screenshot), written to docs/sales_grid.png."""
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
                "/odoo/action-realty_sales.action_realty_sales_grid"
                f"?building_id={building.id}",
                "realty_sales_grid_screenshot",
                login="admin",
            )
        self.assertEqual(len(shots), 1)
        self.assertTrue(shots[0].startswith(b"\x89PNG"))
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        SCREENSHOT.write_bytes(shots[0])
