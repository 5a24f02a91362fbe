import logging
from collections import defaultdict
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.tools import format_amount, format_date

from odoo.addons.realty_base.tools import (
    amount_to_capital,
    demand_amounts,
    due_steps,
    parse_dunning_steps,
    to_decimal,
)
from odoo.addons.realty_base.tools.dunning import (
    DEMAND,
    OVERDUE_NOTICE,
    REMINDER,
    SECOND_DEMAND,
    TERMINATION,
)

from .realty_deal import SCHEDULE_ITEMS_OF

_logger = logging.getLogger(__name__)

DUNNING_KINDS = [
    (REMINDER, "Payment Reminder (通知交款)"),
    (OVERDUE_NOTICE, "Overdue Notice"),
    (DEMAND, "Demand Letter (催款函)"),
    (SECOND_DEMAND, "Second Demand Letter"),
    (TERMINATION, "Termination Notice (解约通知), Draft"),
]
"""The rungs of the ladder (tools.dunning.DUNNING_KINDS, in that order)."""
CHANNELS = [("sms", "SMS"), ("email", "E-mail"), ("letter", "Letter (PDF)")]
KIND_CHANNELS = {
    REMINDER: ("sms", "email"),
    OVERDUE_NOTICE: ("email", "sms"),
    DEMAND: ("letter",),
    SECOND_DEMAND: ("letter",),
    TERMINATION: ("letter",),
}
"""How each kind is sent, by preference: a buyer who opted out of one channel (or
has no number or address for it) gets the next; letters are printed and posted
(legal notices, whatever the opt-outs)."""
TEMPLATES = {
    ("sms", REMINDER): "realty_finance.sms_template_payment_reminder",
    ("sms", OVERDUE_NOTICE): "realty_finance.sms_template_overdue_notice",
    ("email", REMINDER): "realty_finance.mail_template_payment_reminder",
    ("email", OVERDUE_NOTICE): "realty_finance.mail_template_overdue_notice",
}
LETTER_TITLES = {
    REMINDER: "交款通知书",
    OVERDUE_NOTICE: "逾期付款通知书",
    DEMAND: "催款函",
    SECOND_DEMAND: "催款函（第二次）",
    TERMINATION: "解除合同通知书（草稿）",
}
"""The letters' titles (the letters are Chinese documents, §9.7)."""
LOG_STATES = [("sent", "Sent"), ("not_sent", "Not Sent")]
SENT_BY = "the dunning run (_cron_dunning, action_send_dunning of the deal)"
OPEN_STATES = ("not_posted", "open", "partial")
"""Payment states of a schedule line that may still owe money."""
DUNNED_ITEMS = tuple(
    item
    for payment_item in ("down_payment", "installment", "balance", "area_adjustment")
    for item in SCHEDULE_ITEMS_OF[payment_item]
)
"""What the buyer pays: a loan line is paid by the bank (§9.6), no letter asks
the buyer for it."""


class RealtyCollectionLog(models.Model):
    """What the collections sent a buyer about a schedule line (通知交款 / 催交欠款,
    §9.7): one rung of the dunning ladder, its channel, the amounts it stated and
    the chatter message, SMS or letter it produced. A rung is sent at most once
    per line (unique), and none is sent for a line paid, in transit included."""

    _name = "realty.collection.log"
    _inherit = ["realty.protected.mixin"]
    _description = "Collection Log"
    _order = "date desc, id desc"
    _rec_name = "kind"
    _check_company_auto = True

    deal_id = fields.Many2one(
        "realty.deal", required=True, index=True, ondelete="cascade", protected=SENT_BY
    )
    schedule_line_id = fields.Many2one(
        "realty.deal.schedule.line",
        index=True,
        ondelete="set null",
        protected=SENT_BY,
        help="Empty when the deal's schedule was generated again since.",
    )
    # related fields write through to the deal: protected like the rest
    project_id = fields.Many2one(
        related="deal_id.project_id",
        store=True,
        index=True,
        precompute=True,
        protected=SENT_BY,
    )
    company_id = fields.Many2one(
        related="deal_id.company_id",
        store=True,
        index=True,
        precompute=True,
        protected=SENT_BY,
    )
    currency_id = fields.Many2one(related="deal_id.currency_id", protected=SENT_BY)
    partner_id = fields.Many2one(
        related="deal_id.partner_id", string="Buyer", protected=SENT_BY
    )
    room_id = fields.Many2one(related="deal_id.room_id", protected=SENT_BY)
    item = fields.Selection(related="schedule_line_id.item", protected=SENT_BY)
    kind = fields.Selection(DUNNING_KINDS, required=True, protected=SENT_BY)
    channel = fields.Selection(CHANNELS, required=True, protected=SENT_BY)
    state = fields.Selection(
        LOG_STATES, required=True, default="sent", protected=SENT_BY
    )
    note = fields.Char(readonly=True, protected=SENT_BY)
    date = fields.Date(required=True, protected=SENT_BY)
    due_date = fields.Date(readonly=True, protected=SENT_BY)
    days_overdue = fields.Integer(readonly=True, aggregator="max", protected=SENT_BY)
    outstanding = fields.Monetary(readonly=True, aggregator="sum", protected=SENT_BY)
    penalty = fields.Monetary(
        string="Penalty So Far", readonly=True, aggregator="sum", protected=SENT_BY
    )
    message_id = fields.Many2one(
        "mail.message", readonly=True, ondelete="set null", protected=SENT_BY
    )
    sms_ids = fields.Many2many(
        "sms.sms",
        string="SMS",
        readonly=True,
        groups="base.group_system",
        protected=SENT_BY,
        help="The texts queued (Odoo deletes them once sent; the message stays).",
    )
    attachment_id = fields.Many2one(
        "ir.attachment",
        string="Letter",
        readonly=True,
        ondelete="set null",
        protected=SENT_BY,
    )
    user_id = fields.Many2one(
        "res.users", string="Sent By", readonly=True, protected=SENT_BY
    )

    _sql_constraints = [
        (
            "line_kind_uniq",
            "UNIQUE(schedule_line_id, kind)",
            "Each rung of the dunning ladder is sent once per schedule line.",
        ),
    ]

    # ---------------------------------------------------------------- the run
    @api.model
    def _cron_dunning(self, as_of=None):
        """Send what the ladder has due on `as_of` (default today) for the schedule
        lines of active contracts; a deal whose sending fails is logged and left
        for the next run."""
        as_of = as_of or fields.Date.context_today(self)
        logs = self._dunning_run(as_of)
        self.env["ir.cron"]._notify_progress(done=len(logs), remaining=0)
        return len(logs)

    @api.model
    def _dunning_run(self, as_of, deals=None):
        """Send the letters due on `as_of` (of `deals`, else of every active
        contract), one per deal and kind; returns the logs written. A manual run
        (`deals`) raises the errors; the scheduled one logs them per deal."""
        todo = self._dunning_due(self._dunning_candidates(as_of, deals), as_of)
        logs = self.browse()
        for (deal, kind), lines in todo.items():
            if deals is not None:
                logs |= self._dunning_send(deal, kind, lines, as_of)
                continue
            try:
                with self.env.cr.savepoint():
                    logs |= self._dunning_send(deal, kind, lines, as_of)
            except Exception:
                _logger.exception("Dunning %s of %s failed", kind, deal.name)
        return logs

    @api.model
    def _dunning_candidates(self, as_of, deals=None):
        """Receivable lines of active contracts that may owe money and fall due by
        `as_of` plus the longest reminder lead of the projects' ladders."""
        Project = self.env["realty.project"].sudo()
        lead = 0
        for (steps,) in Project._read_group([], ["dunning_steps"]):
            first = parse_dunning_steps(steps)[0].offset_days if steps else 0
            lead = max(lead, -first)
        domain = [
            ("deal_id.status", "=", "active"),
            ("deal_id.stage", "=", "contract"),
            ("item", "in", DUNNED_ITEMS),
            ("payable", ">", 0),  # an area refund set against the price asks nothing
            ("payment_state", "in", OPEN_STATES),
            ("due_date", "<=", as_of + timedelta(days=lead)),
        ]
        if deals is not None:
            domain.append(("deal_id", "in", deals.ids))
        return self.env["realty.deal.schedule.line"].sudo().search(domain)

    @api.model
    def _dunning_due(self, lines, as_of):
        """``{(deal, kind): lines}``: the rung each line has due (tools.due_steps)."""
        sent = defaultdict(set)
        for line, kind in self.sudo()._read_group(
            [("schedule_line_id", "in", lines.ids)], ["schedule_line_id", "kind"]
        ):
            sent[line.id].add(kind)
        ladders = {}
        todo = defaultdict(lambda: lines.browse())
        for line in lines:
            project = line.deal_id.project_id
            if project not in ladders:
                ladders[project] = project._dunning_ladder()
            # amount_residual already counts money in transit as received: the
            # ladder takes what is owed before it, and suppresses on the difference
            transit = to_decimal(line.amount_in_transit)
            for step in due_steps(
                line.due_date,
                as_of,
                to_decimal(line.amount_residual) + transit,
                sent[line.id],
                ladders[project],
                transit,
            ):
                todo[line.deal_id, step.kind] |= line
        return todo

    # --------------------------------------------------------------- sending
    @api.model
    def _dunning_send(self, deal, kind, lines, as_of):
        """Send one letter of `kind` for `lines` of `deal` by the first channel
        its buyers accept, and log it once per line."""
        deal = deal.sudo()
        statement = self._dunning_statement(deal, as_of, lines)
        rows = {row["line"]: row for row in statement["rows"]}
        channel, recipients = self._dunning_channel(deal, kind)
        logs = (
            self.sudo()
            ._unlocked()
            .create(
                [
                    {
                        "deal_id": deal.id,
                        "schedule_line_id": line.id,
                        "kind": kind,
                        "channel": channel,
                        "state": "sent" if recipients else "not_sent",
                        "note": False
                        if recipients
                        else self.env._(
                            "The buyers opted out of this channel or have no "
                            "number or address for it."
                        ),
                        "date": as_of,
                        "due_date": line.due_date,
                        "days_overdue": rows[line]["days"],
                        "outstanding": float(rows[line]["outstanding"]),
                        "penalty": float(rows[line]["penalty"]),
                        "user_id": self.env.uid,
                    }
                    for line in lines
                ]
            )
        )
        if recipients:
            values = self._dunning_render_values(deal, kind, statement, lines)
            sent = getattr(self, f"_dunning_send_{channel}")(
                deal, kind, values, recipients, as_of
            )
            logs.write(sent)
        return self.browse(logs.ids)

    @api.model
    def _dunning_channel(self, deal, kind):
        """``(channel, buyers to send to)``: the first channel of `kind` some buyer
        accepts, else its first channel and no one."""
        buyers = deal.partner_id | deal.buyer_ids.partner_id
        for channel in KIND_CHANNELS[kind]:
            if channel == "sms":
                recipients = buyers.filtered(
                    lambda p: (
                        (p.mobile or p.phone)
                        and not (
                            p.phone_sanitized_blacklisted
                            or p.phone_blacklisted
                            or p.mobile_blacklisted
                        )
                    )
                )
            elif channel == "email":
                recipients = buyers.filtered(
                    lambda p: p.email_normalized and not p.is_blacklisted
                )
            else:
                recipients = buyers
            if recipients:
                return channel, recipients
        return KIND_CHANNELS[kind][0], buyers.browse()

    @api.model
    def _dunning_statement(self, deal, as_of, lines=None):
        """What a letter of `deal` states on `as_of` (§9.7): for `lines` and every
        overdue line still owing, the outstanding amount and the penalty so far
        (tools.demand_amounts, in-transit money counted as paid); their totals."""
        overdue = deal.schedule_line_ids.filtered(
            lambda line: (
                line.item in DUNNED_ITEMS and line.payable > 0 and line.due_date < as_of
            )
        )
        lines = lines or deal.schedule_line_ids.browse()
        rate = to_decimal(deal.late_daily_rate)
        rows = []
        for line in (overdue | lines).sorted(
            lambda line: (line.due_date, line.sequence, line.id)
        ):
            amounts = demand_amounts(
                line._late_amount_due(),
                line.due_date,
                line._late_payments(),
                as_of,
                daily_rate=rate,
            )
            if amounts.outstanding <= 0 and line not in lines:
                continue
            rows.append(
                {
                    "line": line,
                    "due_date": line.due_date,
                    "amount_due": line._late_amount_due(),
                    "outstanding": amounts.outstanding,
                    "penalty": amounts.penalty,
                    "days": amounts.days_overdue,
                }
            )
        outstanding = sum((row["outstanding"] for row in rows), to_decimal(0))
        penalty = sum((row["penalty"] for row in rows), to_decimal(0))
        return {
            "as_of": as_of,
            "rows": rows,
            "outstanding": outstanding,
            "penalty": penalty,
            "total": outstanding + penalty,
        }

    @api.model
    def _dunning_render_values(self, deal, kind, statement, lines):
        """The values the SMS and e-mail templates render (``dunning``)."""
        currency = deal.currency_id
        lang = deal.partner_id.lang or None

        def money(amount):
            return format_amount(self.env, float(amount), currency, lang_code=lang)

        def day(value):
            return format_date(self.env, value, lang_code=lang)

        items = dict(
            self.env["realty.deal.schedule.line"]
            ._fields["item"]
            ._description_selection(self.env)
        )
        rows = statement["rows"]
        ours = [row for row in rows if row["line"] in lines]
        return {
            "dunning": {
                "kind": dict(DUNNING_KINDS)[kind],
                "as_of": day(statement["as_of"]),
                "room": deal.room_id.code or "",
                "due_date": day(min(row["due_date"] for row in ours)),
                "amount": money(sum(row["outstanding"] for row in ours)),
                "lines": [
                    {
                        "item": items.get(row["line"].item, row["line"].item),
                        "due_date": day(row["due_date"]),
                        "outstanding": money(row["outstanding"]),
                        "penalty": money(row["penalty"]),
                        "days": row["days"],
                    }
                    for row in rows
                ],
                "outstanding": money(statement["outstanding"]),
                "outstanding_capital": amount_to_capital(statement["outstanding"]),
                "penalty": money(statement["penalty"]),
                "total": money(statement["total"]),
            }
        }

    @api.model
    def _dunning_send_sms(self, deal, kind, values, recipients, as_of):
        """A text to each buyer, queued (sms.sms) and kept on the deal's chatter."""
        template = self.env.ref(TEMPLATES["sms", kind])
        body = template._render_field(
            "body", deal.ids, compute_lang=True, add_context=values
        )[deal.id]
        message = deal._message_sms(body, partner_ids=recipients.ids, put_in_queue=True)
        sms = self.env["sms.sms"].sudo().search([("mail_message_id", "=", message.id)])
        return {"message_id": message.id, "sms_ids": [Command.set(sms.ids)]}

    @api.model
    def _dunning_send_email(self, deal, kind, values, recipients, as_of):
        """An e-mail to each buyer from a mail template, queued (mail.mail)."""
        template = self.env.ref(TEMPLATES["email", kind])
        subject, body = (
            template._render_field(
                name, deal.ids, compute_lang=True, add_context=values
            )[deal.id]
            for name in ("subject", "body_html")
        )
        company = deal.company_id
        message = deal.message_post(
            subject=subject,
            body=body,
            partner_ids=recipients.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            email_from=company.email_formatted or None,
            email_layout_xmlid="mail.mail_notification_light",
            force_send=False,
        )
        return {"message_id": message.id}

    @api.model
    def _dunning_send_letter(self, deal, kind, values, recipients, as_of):
        """The letter as a PDF (realty_finance.report_dunning_letter), attached to
        the deal's chatter to print and post (a termination notice is a draft for
        legal review)."""
        content, fmt = (
            self.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf(
                "realty_finance.action_report_dunning_letter",
                deal.ids,
                data={"as_of": fields.Date.to_string(as_of), "kind": kind},
            )
        )
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": f"{LETTER_TITLES[kind]}-{deal.name}-{as_of}.{fmt}",
                    "raw": content,
                    "res_model": "realty.deal",
                    "res_id": deal.id,
                    "mimetype": "application/pdf" if fmt == "pdf" else "text/html",
                }
            )
        )
        if kind == TERMINATION:
            body = self.env._(
                "Draft termination notice for legal review: %(outstanding)s overdue, "
                "%(penalty)s penalty so far.",
                outstanding=values["dunning"]["outstanding"],
                penalty=values["dunning"]["penalty"],
            )
        else:
            body = self.env._(
                "%(kind)s to print and post: %(outstanding)s overdue, %(penalty)s "
                "penalty so far.",
                kind=values["dunning"]["kind"],
                outstanding=values["dunning"]["outstanding"],
                penalty=values["dunning"]["penalty"],
            )
        message = deal.message_post(
            body=body,
            attachment_ids=attachment.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        return {"message_id": message.id, "attachment_id": attachment.id}
