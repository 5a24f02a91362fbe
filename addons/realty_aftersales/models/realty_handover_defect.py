from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_base.inputs import Vals, ValsList, arguments
from odoo.addons.realty_base.tools import errors as codes

SEVERITIES = [
    ("minor", "Minor"),
    ("major", "Major"),
    ("critical", "Critical"),
]
DEFECT_STATES = [("open", "Open"), ("closed", "Closed")]
CLOSING = "action_close, or the engineering activity marked done"
ACTIVITY = "realty_aftersales.mail_activity_handover_defect"


class RealtyHandoverDefect(models.Model):
    """A defect found at the handover inspection: where, what, a photo, how
    serious. It is an activity of the project's engineering team and is closed
    when they mark the activity done (or by the Close button)."""

    _name = "realty.handover.defect"
    _description = "Handover Defect"
    _inherit = ["mail.thread", "mail.activity.mixin", "realty.protected.mixin"]
    _order = "inspection_id, sequence, id"
    _check_company_auto = True

    inspection_id = fields.Many2one(
        "realty.handover.inspection",
        required=True,
        index=True,
        ondelete="cascade",
        write_once=True,
    )
    handover_id = fields.Many2one(
        related="inspection_id.handover_id", store=True, index=True, precompute=True
    )
    project_id = fields.Many2one(
        related="inspection_id.project_id", store=True, index=True, precompute=True
    )
    company_id = fields.Many2one(
        related="inspection_id.company_id", store=True, index=True, precompute=True
    )
    room_id = fields.Many2one(related="handover_id.room_id")
    sequence = fields.Integer(default=10)
    location = fields.Char(required=True, help="Where: 主卧窗台, 卫生间地面…")
    description = fields.Text(required=True)
    photo = fields.Image(max_width=1920, max_height=1920)
    severity = fields.Selection(SEVERITIES, required=True, default="minor")
    state = fields.Selection(
        DEFECT_STATES,
        required=True,
        default="open",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        protected=CLOSING,
    )
    engineer_id = fields.Many2one(
        "res.users",
        string="Assigned To",
        readonly=True,
        copy=False,
        protected="the project's engineering team",
    )
    date_closed = fields.Datetime(
        string="Closed On", readonly=True, copy=False, protected=CLOSING
    )
    closed_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, protected=CLOSING
    )

    @api.depends("location", "room_id.code")
    def _compute_display_name(self):
        for defect in self:
            defect.display_name = f"{defect.room_id.code or ''} {defect.location or ''}"

    @api.model_create_multi
    @arguments(vals_list=ValsList())
    def create(self, vals_list):
        defects = super().create(vals_list)
        if defects.handover_id.filtered(lambda h: h.state == "done"):
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._(
                    "The room is handed over: a later defect is a service case."
                ),
            )
        defects._send_to_engineering()
        return defects

    @arguments(vals=Vals())
    def write(self, vals):
        return super().write(vals)

    def _send_to_engineering(self):
        """One activity per defect for the first engineer of the project (the
        others follow the defect), else for the handover's responsible."""
        for defect in self:
            team = defect.project_id.handover_engineer_ids
            engineer = team[:1] or defect.handover_id.user_id or self.env.user
            defect._unlocked().engineer_id = engineer
            if team:
                defect.message_subscribe(partner_ids=team.partner_id.ids)
            defect.activity_schedule(
                ACTIVITY,
                user_id=engineer.id,
                summary=self.env._(
                    "%(room)s: %(location)s",
                    room=defect.room_id.code,
                    location=defect.location,
                ),
                note=defect.description,
            )

    def action_close(self):
        """The defect is fixed: close it and its engineering activity."""
        if not self.env.user.has_group("realty_base.group_realty_aftersales"):
            raise AccessError(self.env._("Only the after-sales team closes defects."))
        self.check_access("write")
        open_defects = self.filtered(lambda d: d.state == "open")
        open_defects._close()
        open_defects.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(ACTIVITY)
        ).action_feedback(feedback=self.env._("Closed from the defect."))
        return True

    def _close(self):
        """Close the open ones (the engineering activity done, or the button)."""
        self.filtered(lambda d: d.state == "open")._unlocked().write(
            {
                "state": "closed",
                "date_closed": fields.Datetime.now(),
                "closed_by_id": self.env.uid,
            }
        )
