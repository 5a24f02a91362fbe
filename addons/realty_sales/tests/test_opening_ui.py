"""Opening day in the browser (tours in static/tests/tours/realty_opening_tours.js):
a buyer on a phone-sized screen waits for the window and picks; the manager's grid
shows the room taken; the confirmation PDF renders."""

from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .test_opening import OpeningCase


@tagged("post_install", "-at_install")
class TestOpeningUi(OpeningCase, HttpCase):
    browser_size = "375x667"

    def test_buyer_picks_on_a_phone(self):
        room = self.rooms.filtered(lambda r: r.code == "1-1-1101")
        self.assertEqual(room.state, "available")
        # the window opens a few seconds into the tour: the page waits, then allows
        self.part_c.write(
            {
                "window_start": fields.Datetime.now() + timedelta(seconds=8),
                "window_end": fields.Datetime.now() + timedelta(minutes=30),
            }
        )
        self.start_tour(
            f"/my/opening/{self.event.id}",
            "realty_opening_pick_phone",
            login=self.portal_c.login,
            timeout=90,
        )
        self.env.invalidate_all()
        pick = self.event.pick_ids.filtered(lambda p: p.state == "confirmed")
        self.assertEqual(room.opening_pick_id, pick, "held for the buyer at once")
        self.write_deals()  # the cron, a moment later
        self.assertEqual(room.state, "small_deposit")
        self.assertEqual(len(pick), 1)
        self.assertEqual(pick.participant_id, self.part_c)
        self.assertEqual(pick.deal_id.room_id, room)
        self.manager.tour_enabled = False
        self.start_tour(
            "/odoo/action-realty_sales.action_realty_sales_grid"
            f"?building_id={self.building.id}",
            "realty_opening_manager_grid",
            login=self.manager.login,
        )

    def test_page_only_for_the_participant(self):
        self.authenticate(self.portal_d.login, self.portal_d.login)
        response = self.url_open(f"/my/opening/{self.event.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.part_d.queue_number_id.name, response.text)
        self.assertNotIn(self.part_c.queue_number_id.name, response.text)
        outsider = self.env["res.users"].create(
            {
                "login": "opening_outsider",
                "password": "opening_outsider",
                "name": "Outsider",
                "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])],
            }
        )
        self.authenticate(outsider.login, outsider.login)
        response = self.url_open(f"/my/opening/{self.event.id}")
        self.assertEqual(response.status_code, 404)

    def test_confirmation_pdf(self):
        pick = self.pick()
        self.assertEqual(pick.state, "confirmed", pick.message)
        self.write_deals()
        self.authenticate(self.portal_d.login, self.portal_d.login)
        response = self.url_open(f"/my/opening/{self.event.id}/pick/{pick.id}/pdf")
        self.assertEqual(response.status_code, 404, "another buyer's confirmation")
        self.authenticate(self.portal_c.login, self.portal_c.login)
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("realty_sales.action_report_opening_pick", pick.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "realty_sales.action_report_opening_pick", pick.ids
        )
        self.assertIn(pick.room_id.code, html.decode())
        self.assertIn(pick.deal_id.name, html.decode())
