import base64
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_base.inputs import COUNT, Vals, ValsList, arguments
from odoo.addons.realty_base.tools import errors as codes
from odoo.addons.realty_base.tools import states
from odoo.addons.realty_sales.models.realty_deal import HISTORY_FIELDS

HANDOVER_STATES = [
    ("scheduled", "Scheduled"),
    ("notified", "Notice Sent"),
    ("inspected", "Inspected"),
    ("done", "Handed Over"),
]
NOTICE_METHODS = [("email", "E-mail"), ("letter", "Letter")]
METER = (0, 10**9)
"""A meter reading (m³, kWh)."""
ACTIONS = "the handover's actions (action_send_notice, action_hand_over)"
NOTICE_REPORT = "realty_aftersales.action_report_handover_notice"


class RealtyHandover(models.Model):
    """The handover of a sold room to its buyer (交房, domain.md §2.3 F12, §8.1,
    §9.10): scheduled, announced by a notice at least ``handover_notice_days``
    before, inspected with the buyer (defects go to the engineering team), then
    handed over: the room moves to delivered through its one state path, whose
    guards are the checks this form shows live. One per deal."""

    _name = "realty.handover"
    _description = "Handover"
    _inherit = ["mail.thread", "mail.activity.mixin", "realty.protected.mixin"]
    _order = "date_scheduled desc, id desc"
    _rec_names_search = ["name", "room_id.code", "partner_id.name"]

    name = fields.Char(
        required=True,
        copy=False,
        readonly=True,
        default=lambda self: self.env._("New"),
        protected="the handover sequence",
    )
    deal_id = fields.Many2one(
        "realty.deal",
        required=True,
        index=True,
        ondelete="restrict",
        write_once=True,
        domain="[('status', '=', 'active'), ('stage', '=', 'contract')]",
    )
    room_id = fields.Many2one(
        related="deal_id.room_id", store=True, index=True, precompute=True
    )
    project_id = fields.Many2one(
        related="deal_id.project_id", store=True, index=True, precompute=True
    )
    building_id = fields.Many2one(
        related="deal_id.building_id", store=True, precompute=True
    )
    company_id = fields.Many2one(
        related="deal_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="deal_id.currency_id")
    partner_id = fields.Many2one(
        related="deal_id.partner_id", string="Buyer", store=True, precompute=True
    )
    room_state = fields.Selection(related="room_id.state", string="Room State")
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
    )
    state = fields.Selection(
        HANDOVER_STATES,
        required=True,
        default="scheduled",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        group_expand="_group_expand_states",
        protected=ACTIONS,
    )

    # ------------------------------------------------------- date and notice
    date_scheduled = fields.Date(
        string="Handover Date",
        required=True,
        tracking=True,
        default=lambda self: fields.Date.context_today(self) + timedelta(days=30),
        help="The date the notice gives the buyer. Moving it after the notice "
        "went out asks for a new notice.",
    )
    notice_method = fields.Selection(
        NOTICE_METHODS,
        required=True,
        default="email",
        help="E-mail: the notice goes to the buyer through the mail queue with its "
        "PDF. Letter: the PDF is printed and posted (registered mail).",
    )
    notice_date = fields.Date(
        string="Notice Sent On",
        readonly=True,
        copy=False,
        tracking=True,
        protected="action_send_notice",
    )
    notice_deadline = fields.Date(
        string="Notice Due By",
        compute="_compute_notice_deadline",
        help="The last day the notice can go out (§8.1: at least the project's "
        "notice days before the handover).",
    )

    # ------------------------------------------------------------ inspection
    inspection_ids = fields.One2many(
        "realty.handover.inspection", "handover_id", string="Inspections"
    )
    defect_ids = fields.One2many(
        "realty.handover.defect", "handover_id", string="Defects", readonly=True
    )
    open_defect_count = fields.Integer(compute="_compute_open_defect_count")
    defects_accepted = fields.Boolean(
        string="Buyer Accepts Open Defects",
        tracking=True,
        help="The buyer takes the room with the defects still open, in writing: "
        "the handover record lists them as accepted.",
    )
    defects_acceptance_note = fields.Text(
        string="Buyer's Written Acceptance",
        tracking=True,
        help="What the buyer wrote and signed about the open defects.",
    )

    # ------------------------------------------------------- keys and meters
    key_count = fields.Integer(bounds=COUNT, string="Keys", tracking=True)
    key_note = fields.Char(string="Keys and Cards", help="Door cards, mailbox keys…")
    meter_water = fields.Float(bounds=METER, string="Water Meter (m³)", digits=(12, 2))
    meter_electricity = fields.Float(
        bounds=METER, string="Electricity Meter (kWh)", digits=(12, 2)
    )
    meter_gas = fields.Float(bounds=METER, string="Gas Meter (m³)", digits=(12, 2))
    buyer_signed_date = fields.Date(
        string="Buyer Signed On",
        tracking=True,
        help="The day the buyer signed the handover record (房屋交接书).",
    )
    date_handed_over = fields.Date(
        string="Handed Over On",
        readonly=True,
        copy=False,
        tracking=True,
        protected="action_hand_over",
    )
    handed_over_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, protected="action_hand_over"
    )

    # ---------------------------------------------------------------- checks
    check_html = fields.Html(
        string="Checks",
        compute="_compute_checks",
        sanitize=False,
        help="The conditions of the handover (§2.3 F12, §9.10) as they stand now.",
    )
    checks_passed = fields.Boolean(compute="_compute_checks")

    _sql_constraints = [
        ("deal_uniq", "unique(deal_id)", "A deal has one handover."),
    ]

    # -------------------------------------------------------------- computes
    @api.model
    def _group_expand_states(self, states_, domain):
        return [value for value, _label in HANDOVER_STATES]

    @api.depends("date_scheduled", "project_id.handover_notice_days")
    def _compute_notice_deadline(self):
        for handover in self:
            handover.notice_deadline = handover.date_scheduled and (
                handover.date_scheduled
                - timedelta(days=handover.project_id.handover_notice_days)
            )

    @api.depends("defect_ids.state")
    def _compute_open_defect_count(self):
        for handover in self:
            handover.open_defect_count = len(
                handover.defect_ids.filtered(lambda d: d.state == "open")
            )

    @api.depends_context("uid")
    @api.depends(
        "state",
        "date_scheduled",
        "notice_date",
        "buyer_signed_date",
        "defects_accepted",
        "defects_acceptance_note",
        "defect_ids.state",
        "deal_id.area_adjust_state",
        "room_id.area_building_meas",
        "building_id.completion_filing_date",
    )
    def _compute_checks(self):
        labels = self._check_labels()
        for handover in self:
            if not handover.id or not handover.room_id:
                handover.check_html = False
                handover.checks_passed = False
                continue
            rows = handover.room_id._handover_checks(document=handover)
            rows.append(("document", handover._own_refusals()))
            handover.checks_passed = not any(refusals for _name, refusals in rows)
            handover.check_html = handover._checks_table(rows, labels)

    def _checks_table(self, rows, labels):
        """The checks as an HTML table: a mark, the condition and why."""
        passed = Markup('<i class="fa fa-check-circle text-success" title="%s"/>') % (
            self.env._("Passed")
        )
        refused = Markup('<i class="fa fa-times-circle text-danger" title="%s"/>') % (
            self.env._("Refused")
        )
        body = Markup("").join(
            Markup('<tr><td class="text-nowrap">%s %s</td><td>%s</td></tr>')
            % (
                refused if refusals else passed,
                labels[name],
                Markup("<br/>").join(message for _code, message in refusals)
                or self.env._("OK"),
            )
            for name, refusals in rows
        )
        return (
            Markup('<table class="table table-sm o_realty_handover_checks">%s</table>')
            % body
        )

    def _check_labels(self):
        return {
            "completion_filed": self.env._("Completion filed, room measured"),
            "area_settled": self.env._("Area adjustment settled or waived"),
            "maintenance_fund": self.env._("Maintenance fund paid"),
            "handover_payments": self.env._(
                "Money due received, fees collected, loans approved"
            ),
            "handover_notice": self.env._("Notice sent in time"),
            "document": self.env._("Inspection, defects and signature"),
        }

    def _own_refusals(self):
        """What the handover itself lacks: an inspection, the buyer's signature,
        and no open defect unless the buyer accepted them in writing."""
        self.ensure_one()
        errors = []
        if self.state == "done":
            errors.append(
                (
                    codes.ERR_STATE_TRANSITION,
                    self.env._("%(name)s is handed over already.", name=self.name),
                )
            )
        elif self.state != "inspected":
            errors.append(
                (
                    codes.ERR_STATE_TRANSITION,
                    self.env._(
                        "%(name)s: inspect the room with the buyer first.",
                        name=self.name,
                    ),
                )
            )
        if not self.buyer_signed_date:
            errors.append(
                (
                    codes.ERR_INVALID_INPUT,
                    self.env._(
                        "%(name)s: record the day the buyer signed the handover "
                        "record.",
                        name=self.name,
                    ),
                )
            )
        open_defects = self.defect_ids.filtered(lambda d: d.state == "open")
        if open_defects and not (
            self.defects_accepted and (self.defects_acceptance_note or "").strip()
        ):
            errors.append(
                (
                    codes.ERR_INVALID_INPUT,
                    self.env._(
                        "%(name)s has %(count)s open defects: close them, or record "
                        "the buyer's written acceptance.",
                        name=self.name,
                        count=len(open_defects),
                    ),
                )
            )
        return errors

    # ------------------------------------------------------------------ CRUD
    @api.model
    def _add_server_values(self, vals_list):
        Sequence = self.env["ir.sequence"].sudo()
        for vals in vals_list:
            vals["name"] = Sequence.next_by_code("realty.handover") or self.env._("New")
        return vals_list

    @api.model_create_multi
    @arguments(vals_list=ValsList())
    def create(self, vals_list):
        handovers = super().create(vals_list)
        closed = handovers.deal_id.filtered(
            lambda d: d.status != "active" or d.stage != "contract"
        )
        if closed:
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._(
                    "Deal %(deal)s is not an active contract: only a signed "
                    "contract is handed over.",
                    deal=closed[0].name,
                ),
            )
        return handovers

    @arguments(vals=Vals())
    def write(self, vals):
        renotify = self.browse()
        if not self._is_unlocked():
            done = self.filtered(lambda h: h.state == "done")
            if done and set(vals) - HISTORY_FIELDS:
                raise RealtyUserError(
                    codes.ERR_STATE_TRANSITION,
                    self.env._(
                        "%(name)s is handed over: its record is history.",
                        name=done[0].name,
                    ),
                )
            if "date_scheduled" in vals:
                new_date = fields.Date.to_date(vals["date_scheduled"])
                renotify = self.filtered(
                    lambda h: h.notice_date and h.date_scheduled != new_date
                )
        result = super().write(vals)
        for handover in renotify:
            handover._unlocked().write(
                {
                    "notice_date": False,
                    "state": "scheduled"
                    if handover.state == "notified"
                    else handover.state,
                }
            )
            handover.message_post(
                body=self.env._(
                    "The handover date moved: the notice must be sent again."
                )
            )
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_notified(self):
        if any(h.state != "scheduled" for h in self):
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._("Only a handover whose notice is not sent is deleted."),
            )

    # --------------------------------------------------------------- actions
    def _check_aftersales(self):
        """Handovers are the after-sales team's, on the user's own projects."""
        if not self.env.user.has_group("realty_base.group_realty_aftersales"):
            raise AccessError(self.env._("Only the after-sales team hands rooms over."))
        self.check_access("write")

    def action_send_notice(self):
        """Send the handover notice (交房通知书, §8.1): by e-mail through the mail
        queue with its PDF, or printed as a letter; at least the project's notice
        days before the handover date."""
        self._check_aftersales()
        today = fields.Date.context_today(self)
        for handover in self:
            if handover.state == "done":
                raise RealtyUserError(
                    codes.ERR_STATE_TRANSITION,
                    self.env._("%(name)s is handed over already.", name=handover.name),
                )
            if today > handover.notice_deadline:
                days = handover.project_id.handover_notice_days
                raise RealtyUserError(
                    codes.ERR_INVALID_INPUT,
                    self.env._(
                        "A notice sent today gives less than %(days)s days before "
                        "the handover on %(date)s: move the handover to "
                        "%(earliest)s or later first.",
                        days=days,
                        date=handover.date_scheduled,
                        earliest=today + timedelta(days=days),
                    ),
                )
            if handover.notice_method == "email" and not handover.partner_id.email:
                raise RealtyUserError(
                    codes.ERR_INVALID_INPUT,
                    self.env._(
                        "%(buyer)s has no e-mail address: send the notice as a letter.",
                        buyer=handover.partner_id.name,
                    ),
                )
        for handover in self:
            handover._send_notice()
            handover._unlocked().write(
                {
                    "notice_date": today,
                    "state": "notified"
                    if handover.state == "scheduled"
                    else handover.state,
                }
            )
        return True

    def _send_notice(self):
        self.ensure_one()
        pdf, _fmt = self.env["ir.actions.report"]._render_qweb_pdf(
            NOTICE_REPORT, self.ids
        )
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": f"交房通知书-{self.room_id.code}.pdf",
                    "datas": base64.b64encode(pdf),
                    "res_model": self._name,
                    "res_id": self.id,
                    "mimetype": "application/pdf",
                }
            )
        )
        if self.notice_method == "email":
            template = self.env.ref("realty_aftersales.mail_template_handover_notice")
            template.send_mail(
                self.id,
                email_values={"attachment_ids": [(4, attachment.id)]},
                email_layout_xmlid="mail.mail_notification_light",
            )
            body = self.env._(
                "Handover notice sent by e-mail to %(buyer)s (%(email)s).",
                buyer=self.partner_id.name,
                email=self.partner_id.email,
            )
        else:
            body = self.env._(
                "Handover notice printed, to be sent by registered letter to "
                "%(buyer)s.",
                buyer=self.partner_id.name,
            )
        self.message_post(body=body, attachment_ids=attachment.ids)

    def action_new_inspection(self):
        """Record the joint inspection (验房) with the buyer."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Inspection"),
            "res_model": "realty.handover.inspection",
            "view_mode": "form",
            "views": [(False, "form")],
            "context": {"default_handover_id": self.id},
        }

    def action_hand_over(self):
        """F12 / F12b: hand the rooms over. Every check is made first (the
        handover's own, then the room's guards in its one state path), so a
        refusal writes nothing."""
        self._check_aftersales()
        errors = []
        for handover in self:
            errors += handover._own_refusals()
        if errors:
            raise RealtyUserError.from_errors(errors)
        self.room_id._move_state(states.HAND_OVER, document=self)
        today = fields.Date.context_today(self)
        self._unlocked().write(
            {
                "state": "done",
                "date_handed_over": today,
                "handed_over_by_id": self.env.uid,
            }
        )
        self.deal_id._on_handed_over()
        for handover in self:
            # the deal's chatter takes posts from who may write the deal: the
            # after-sales team reads deals only, and posts what it did as server
            handover.deal_id.sudo().message_post(
                body=self.env._(
                    "Room %(room)s handed over to %(buyer)s (%(handover)s).",
                    room=handover.room_id.code,
                    buyer=handover.partner_id.name,
                    handover=handover.name,
                )
            )
        return True

    def action_print_record(self):
        return self.env.ref(
            "realty_aftersales.action_report_handover_record"
        ).report_action(self)
