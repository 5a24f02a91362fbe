from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

PICK_REPORT = "realty_sales.action_report_opening_pick"


class RealtyOpeningPortal(http.Controller):
    """The buyer's selection page on opening day (线上选房, domain.md §10.2), phone
    first: the live grid of the rooms on offer, the buyer's place and window, one
    tap to pick. The page reads ``GET /realty/opening/<id>/state`` and picks with
    ``POST /realty/opening/<id>/pick`` (controllers/opening.py); the bus channel of
    the event (and a 5 s poll) keep the grid live."""

    def _my_participant(self, event_id):
        # sudo: the event's public facts; the participant is the signed-in user's own
        event = request.env["realty.opening.event"].sudo().browse(event_id).exists()
        if not event or event.state == "draft":
            raise NotFound()
        me = event.participant_ids.filtered(lambda p: p.user_id.id == request.env.uid)
        if not me:
            raise NotFound()
        return event, me[:1]

    @http.route(
        "/my/opening/<int:event_id>",
        type="http",
        auth="user",
        website=True,
        sitemap=False,
    )
    def opening_page(self, event_id, **_kwargs):
        event, me = self._my_participant(event_id)
        return request.render(
            "realty_sales.opening_portal_page",
            {
                "event": event,
                "channel": event._bus_channel(),
                "me": me,
                "picks": me.pick_ids.filtered(lambda p: p.state == "confirmed"),
                "page_name": "realty_opening",
            },
        )

    @http.route(
        "/my/opening/<int:event_id>/pick/<int:pick_id>/pdf",
        type="http",
        auth="user",
        sitemap=False,
    )
    def opening_pick_pdf(self, event_id, pick_id, **_kwargs):
        event, me = self._my_participant(event_id)
        pick = me.pick_ids.filtered(
            lambda p: p.id == pick_id and p.state == "confirmed"
        )
        if not pick:
            raise NotFound()
        # sudo: the buyer's own confirmed pick (checked above), with its room and deal
        pdf, _type = (
            request.env["ir.actions.report"]
            .sudo()
            .with_context(lang=request.env.lang)
            ._render_qweb_pdf(PICK_REPORT, pick.ids)
        )
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(pdf)),
                (
                    "Content-Disposition",
                    f'inline; filename="opening-{event.id}-{pick.id}.pdf"',
                ),
            ],
        )
