from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request


class RealtySelfService(http.Controller):
    """Buyers' self-service (客户自助查询): the sales-control grid of a project, read
    only, without buyers, internal notes or unpublished prices, for a kiosk or a
    phone. The project decides who sees it (``self_service``)."""

    @http.route(
        [
            "/realty/availability/<int:project_id>",
            "/realty/availability/<int:project_id>/<int:building_id>",
        ],
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def availability(self, project_id, building_id=None, **_kwargs):
        # sudo: the page is read-only and shows only what _sales_grid(public=True)
        # keeps; the project's own setting decides who may see it.
        project = request.env["realty.project"].sudo().browse(project_id).exists()
        if not project or project.self_service == "off":
            raise NotFound()
        if project.self_service == "portal" and request.env.user._is_public():
            return request.redirect(
                f"/web/login?redirect=/realty/availability/{project.id}"
            )
        buildings = project.building_ids
        building = buildings.filtered(lambda b: b.id == building_id)[:1]
        if building_id and not building:
            raise NotFound()
        building = building or buildings[:1]
        grid = building._sales_grid(public=True) if building else None
        return request.render(
            "realty_sales.self_service_page",
            {
                "project": project,
                "grid": grid,
                "states_colors": {
                    state["key"]: state["color"]
                    for state in (grid or {}).get("states", [])
                },
                "cells": {
                    (cell["floor"], cell["stair_id"], cell["position"]): cell
                    for cell in (grid["cells"] if grid else [])
                },
            },
        )
