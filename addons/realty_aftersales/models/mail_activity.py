from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        """A handover defect's engineering activity marked done closes the
        defect (realty.handover.defect)."""
        activity_type = self.env.ref(
            "realty_aftersales.mail_activity_handover_defect", raise_if_not_found=False
        )
        defect_ids = [
            activity.res_id
            for activity in self
            if activity.res_model == "realty.handover.defect"
            and activity.activity_type_id == activity_type
        ]
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        if defect_ids:
            # who may mark the activity done closes its defect (the activity's own
            # access rules were checked above)
            self.env["realty.handover.defect"].sudo().browse(
                defect_ids
            ).exists()._close()
        return result
