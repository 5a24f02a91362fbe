from odoo import models

GRID_CHANNEL = "realty_sales_grid_"
"""Prefix of the channel a grid asks for: ``realty_sales_grid_<project id>``."""


class IrWebsocket(models.AbstractModel):
    _inherit = "ir.websocket"

    def _build_bus_channel_list(self, channels):
        projects, others = self._realty_grid_channels(channels)
        return super()._build_bus_channel_list(others + list(projects))

    def _realty_grid_channels(self, channels):
        """``(projects, other channels)``: a grid subscribes to its project's channel
        by name; the user gets the project's own (record) channel only when they may
        read the project (record rules: their projects), and never as a public or
        portal user. The names themselves are dropped."""
        project_ids, others = [], []
        for channel in channels:
            if isinstance(channel, str) and channel.startswith(GRID_CHANNEL):
                suffix = channel.removeprefix(GRID_CHANNEL)
                if suffix.isdigit():
                    project_ids.append(int(suffix))
            else:
                others.append(channel)
        projects = self.env["realty.project"]
        if project_ids and self.env.user._is_internal():
            projects = projects.search([("id", "in", project_ids)])
        return projects, others
