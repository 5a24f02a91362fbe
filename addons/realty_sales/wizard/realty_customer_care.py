"""Customer care (客户关怀): SMS and e-mails to a selection of customers.

The messages go through Odoo's own composers in mass mode (``mail.compose.message``
and ``sms.composer``), so they wait in the ``mail.mail`` and ``sms.sms`` queues and
each is logged on the customer's chatter. Who opted out (``is_blacklisted`` for
e-mail, ``phone_sanitized_blacklisted`` for SMS) is counted and skipped.
"""

import ast

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.osv import expression

from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_base.inputs import arguments, check_ids
from odoo.addons.realty_base.tools import errors as codes

CHANNELS = [("email", "E-mail"), ("sms", "SMS")]
AUDIENCES = [
    ("all", "All Customers"),
    ("buyers", "Buyers"),
    ("visitors", "Visitors"),
]
ADMIN_GROUP = "realty_base.group_realty_admin"
DOMAIN_LENGTH = 10_000
"""Characters of the customer condition: the domain widget writes a Char (not a
Text), and a condition of a dozen terms passes the door's 500 of a plain Char."""


class RealtyCustomerCare(models.TransientModel):
    _name = "realty.customer.care"
    _description = "Customer Care Message"

    channel = fields.Selection(CHANNELS, required=True, default="email")
    project_id = fields.Many2one(
        "realty.project",
        help="Customers of this project only; empty: of all your projects.",
    )
    audience = fields.Selection(AUDIENCES, required=True, default="all")
    birthday_this_month = fields.Boolean()
    partner_domain = fields.Char(
        string="Customers Matching",
        default="[]",
        size=DOMAIN_LENGTH,
        help="Any condition on the customer (district, age, tags, ...).",
    )
    mail_template_id = fields.Many2one(
        "mail.template",
        string="E-mail Template",
        domain="[('model', '=', 'res.partner')]",
    )
    sms_template_id = fields.Many2one(
        "sms.template",
        string="SMS Template",
        domain="[('model', '=', 'res.partner')]",
    )
    recipient_count = fields.Integer(
        string="Recipients", compute="_compute_recipient_counts"
    )
    opted_out_count = fields.Integer(
        string="Opted Out", compute="_compute_recipient_counts"
    )
    no_address_count = fields.Integer(
        string="Without Address", compute="_compute_recipient_counts"
    )

    @api.depends(
        "channel", "project_id", "audience", "birthday_this_month", "partner_domain"
    )
    def _compute_recipient_counts(self):
        for wizard in self:
            try:
                recipients, opted_out, no_address = wizard._realty_recipients()
            except (RealtyUserError, AccessError):
                recipients = opted_out = no_address = ()
            wizard.recipient_count = len(recipients)
            wizard.opted_out_count = len(opted_out)
            wizard.no_address_count = len(no_address)

    # ------------------------------------------------------------- selection
    def _realty_projects(self):
        """The projects whose customers the user may message: the chosen one if
        the user is a member of it (server side: a consultant cannot reach the
        customers of another project), else all of the user's."""
        Project = self.env["realty.project"]
        if self.project_id:
            project = self.project_id._origin
            if (
                not self.env.su
                and not self.env.user.has_group(ADMIN_GROUP)
                and self.env.user not in project.sudo().user_ids
            ):
                raise AccessError(
                    self.env._("You may only message the customers of your projects.")
                )
            return project
        if self.env.su or self.env.user.has_group(ADMIN_GROUP):
            return Project.search([])
        return Project.search([("user_ids", "in", self.env.user.ids)])

    def _realty_partner_domain(self):
        try:
            domain = ast.literal_eval(self.partner_domain or "[]")
            domain = expression.normalize_domain(domain)
            self.env["res.partner"]._where_calc(domain)
        except (ValueError, SyntaxError, TypeError, KeyError, AssertionError) as error:
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._(
                    "The customer condition is not valid: %(error)s", error=str(error)
                ),
            ) from error
        return domain

    def _realty_customers(self, extra_domain=None):
        """The customers of the projects for the audience, matching the
        condition; read with the user's rights."""
        projects = self._realty_projects()
        if not projects:
            return self.env["res.partner"]
        domain = [("project_id", "in", projects.ids)]
        deals = (
            self.env["realty.deal"]
            .sudo()
            .search(domain + [("status", "!=", "cancelled")])
        )
        partners = deals.partner_id | deals.buyer_ids.partner_id
        if self.audience in ("all", "visitors"):
            visits = self.env["realty.visit"].sudo().search(domain)
            partners = (
                visits.partner_id
                if self.audience == "visitors"
                else partners | visits.partner_id
            )
        if self.audience == "all":
            partners |= self.env["realty.queue.number"].sudo().search(domain).partner_id
            partners |= (
                self.env["crm.lead"]
                .sudo()
                .search([("realty_project_id", "in", projects.ids)])
                .partner_id
            )
        conditions = [[("id", "in", partners.ids)], self._realty_partner_domain()]
        if self.birthday_this_month:
            month = fields.Date.context_today(self).month
            conditions.append([("realty_birth_date.month_number", "=", month)])
        if extra_domain:
            conditions.append(extra_domain)
        return self.env["res.partner"].search(expression.AND(conditions))

    def _realty_recipients(self):
        """``(recipients, opted out, without address)`` for the channel."""
        self.ensure_one()
        return self._realty_split(self._realty_customers(), self.channel)

    @api.model
    def _realty_split(self, partners, channel):
        if channel == "sms":
            no_address = partners.filtered(lambda p: not (p.mobile or p.phone))
            opted_out = (partners - no_address).filtered("phone_sanitized_blacklisted")
        else:
            no_address = partners.filtered(lambda p: not p.email_normalized)
            opted_out = (partners - no_address).filtered("is_blacklisted")
        return partners - no_address - opted_out, opted_out, no_address

    # ---------------------------------------------------------------- sending
    @arguments()
    def action_send(self):
        """Queue the messages (mail.mail / sms.sms) and log them on the customers."""
        check_ids(self, list(self._ids))
        self.ensure_one()
        template = (
            self.sms_template_id if self.channel == "sms" else self.mail_template_id
        )
        if not template:
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._("Choose the template of the message."),
            )
        recipients, opted_out, no_address = self._realty_recipients()
        self._realty_send(recipients, self.channel, template)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(sent)s messages queued; %(opted_out)s customers opted out "
                    "and %(no_address)s have no address (skipped).",
                    sent=len(recipients),
                    opted_out=len(opted_out),
                    no_address=len(no_address),
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    @api.model
    def _realty_send(self, partners, channel, template):
        """Odoo's composers in mass mode: queued, not sent here (the mail and SMS
        queues' crons send them), and a note on each customer."""
        if not partners:
            return
        if channel == "sms":
            composer = self.env["sms.composer"].create(
                {
                    "composition_mode": "mass",
                    "res_model": "res.partner",
                    "res_ids": repr(partners.ids),
                    "template_id": template.id,
                    "mass_keep_log": True,
                    "mass_force_send": False,
                    "mass_use_blacklist": True,
                }
            )
            composer._action_send_sms()
            return
        composer = self.env["mail.compose.message"].create(
            {
                "composition_mode": "mass_mail",
                "model": "res.partner",
                "res_ids": repr(partners.ids),
                "template_id": template.id,
                "force_send": False,
                "use_exclusion_list": True,
            }
        )
        composer._action_send_mail()

    # ----------------------------------------------------------------- cron
    @api.model
    def _cron_send_birthday_greetings(self):
        """生日祝福: today's birthdays among the customers of every project, by SMS
        when they have a phone and take SMS, else by e-mail; a customer who opted
        out of both gets nothing."""
        today = fields.Date.context_today(self)
        care = self.sudo()
        partners = care.new({"audience": "all"})._realty_customers(
            [
                ("realty_birth_date.month_number", "=", today.month),
                ("realty_birth_date.day_of_month", "=", today.day),
            ]
        )
        by_sms = care._realty_split(partners, "sms")[0]
        by_mail = care._realty_split(partners - by_sms, "email")[0]
        care._realty_send(
            by_sms, "sms", care.env.ref("realty_sales.sms_template_realty_birthday")
        )
        care._realty_send(
            by_mail,
            "email",
            care.env.ref("realty_sales.mail_template_realty_birthday"),
        )
