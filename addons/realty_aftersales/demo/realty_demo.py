"""The after-sales demo of 湖畔花园: the functions the demo data files call."""

from odoo import api, models

from .realty_handover_demo import create_demo_handovers
from .realty_service_demo import create_demo_services


class RealtyDemo(models.AbstractModel):
    _inherit = "realty.demo"

    @api.model
    def _create_demo_services(self):
        create_demo_services(self)

    @api.model
    def _create_demo_handovers(self):
        create_demo_handovers(self)
