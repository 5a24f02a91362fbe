from odoo import api, fields, models

from odoo.addons.realty_base.inputs import ValsList, arguments

UTM_FIELDS = ("campaign_id", "medium_id", "source_id")


class RealtyVisit(models.Model):
    """The campaign and medium that brought a visit or a call (the source, its
    channel, is on the visit already), shared with its opportunity."""

    _inherit = "realty.visit"  # pylint: disable=consider-merging-classes-inherited

    campaign_id = fields.Many2one("utm.campaign", index="btree_not_null")
    medium_id = fields.Many2one("utm.medium", index="btree_not_null")

    @api.model_create_multi
    @arguments(vals_list=ValsList(client=True))
    def create(self, vals_list):
        """A visit without a campaign, medium or source takes its opportunity's; an
        opportunity without them takes the visit's."""
        # ``arguments`` has checked the values: dictionaries, opportunity ids
        lead_ids = {
            vals["opportunity_id"] for vals in vals_list if vals.get("opportunity_id")
        }
        Lead = self.env["crm.lead"].sudo()
        leads = {lead.id: lead for lead in Lead.browse(lead_ids).exists()}
        for index, vals in enumerate(vals_list):
            lead = leads.get(vals.get("opportunity_id"))
            if not lead:
                continue
            missing = {
                field: lead[field].id
                for field in UTM_FIELDS
                if lead[field] and not vals.get(field)
            }
            if missing:
                vals_list[index] = {**vals, **missing}
        visits = super().create(vals_list)
        for visit in visits:
            lead = visit.opportunity_id.sudo()
            missing = {
                field: visit[field].id
                for field in UTM_FIELDS
                if visit[field] and not lead[field]
            }
            if lead and missing:
                lead.write(missing)
        return visits
