"""Collections (通知交款 / 催交欠款, §9.7): the late penalty of a line paid in parts
(V-41) and its charges, the dunning ladder sent once per rung and suppressed when
paid, and the aging buckets (V-42) read in one grouped query."""

import re
from datetime import date, timedelta
from decimal import Decimal

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import SQL

from odoo.addons.realty_base.exceptions import RealtyValidationError
from odoo.addons.realty_base.tests.common import pdf_text
from odoo.addons.realty_base.tools import aging_bucket
from odoo.addons.realty_base.tools.dunning import DUNNING_KINDS

from ..models.realty_collection_log import DUNNING_KINDS as KIND_SELECTION
from ..report.realty_aging_report import AGING_BUCKETS, bucket_bounds, bucket_sql
from .common import FinanceCase

DUE = date(2025, 3, 10)  # V-41's instalment
DOWN = 305678
DOWN_CAPITAL = "叁拾万伍仟陆佰柒拾捌元整"
V42_AS_OF = date(2025, 6, 30)
V42 = [  # (due date, bucket): V-42, and the other side of each boundary
    (date(2025, 7, 5), "not_due"),
    (date(2025, 7, 1), "not_due"),  # d = -1
    (date(2025, 6, 30), "due_today"),
    (date(2025, 6, 29), "1-30"),  # d = 1
    (date(2025, 6, 15), "1-30"),
    (date(2025, 5, 31), "1-30"),  # d = 30
    (date(2025, 5, 30), "31-60"),  # d = 31
    (date(2025, 5, 1), "31-60"),  # d = 60
    (date(2025, 4, 30), "61-90"),  # d = 61
    (date(2025, 4, 1), "61-90"),  # d = 90
    (date(2025, 3, 31), "91-180"),  # d = 91
    (date(2025, 1, 1), "91-180"),  # d = 180
    (date(2024, 12, 31), "181-365"),  # d = 181
    (date(2024, 6, 30), "181-365"),  # d = 365
    (date(2024, 6, 29), ">365"),  # d = 366
]


class CollectionsCase(FinanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.email = "finance@hupan.example.com"
        cls.buyer_c.write({"mobile": "13800138000", "email": "chenli@example.com"})
        cls.plan = cls.installments(
            "Down Payment on a Date (test)",
            "DP-T",
            [("down_payment", DOWN, DUE), ("balance", None, date(2025, 12, 31))],
        )

    @classmethod
    def installments(cls, name, code, lines):
        """A payment method of ``(item, fixed amount or None: the rest, due)``."""
        return cls.env["realty.payment.method"].create(
            {
                "name": name,
                "code": code,
                "payment_type": "installment",
                "line_ids": [
                    Command.create(
                        {
                            "item": item,
                            "basis": "remainder" if amount is None else "fixed",
                            "value": amount or 0,
                            "due_kind": "fixed_date",
                            "due_date": due,
                        }
                    )
                    for item, amount, due in lines
                ],
            }
        )

    def contract(self, room=None, plan=None, **values):
        deal = self.deal(
            room=room,
            payment_method_id=(plan or self.plan).id,
            subscription_signed=True,
            delivery_date="2027-06-30",
            **values,
        )
        deal.action_sign_contract()
        return deal

    @staticmethod
    def line(deal, item="down_payment"):
        return deal.schedule_line_ids.filtered(lambda line: line.item == item)

    def dun(self, day):
        self.env.invalidate_all()  # a run is a transaction of its own (opt-outs)
        self.env["realty.collection.log"]._cron_dunning(as_of=day)
        self.env.flush_all()

    def logs(self, deal):
        return self.env["realty.collection.log"].search(
            [("deal_id", "=", deal.id)], order="id"
        )


@tagged("post_install", "-at_install")
class TestLatePenalty(CollectionsCase):
    def test_v41_a_line_paid_in_parts(self):
        deal = self.contract()
        down = self.line(deal)
        self.assertEqual(
            (down.due_date, down.payable, down.amount_residual), (DUE, DOWN, DOWN)
        )
        self.assertEqual(down._late_penalty_as_of(DUE), 0)
        self.assertEqual(
            down._late_penalty_as_of(date(2025, 3, 20)), Decimal("1528.39")
        )
        deal.register_payment("down_payment", 200000, date="2025-03-20")
        self.assertEqual(
            down._late_payments(), [(date(2025, 3, 20), Decimal("200000.0"))]
        )
        # the unpaid rest counts as if paid on the day asked (§9.7)
        self.assertEqual(
            down._late_penalty_as_of(date(2025, 3, 30)), Decimal("2056.78")
        )
        deal.register_payment("down_payment", 105678, date="2025-03-30")
        self.assertEqual(down.payment_state, "in_transit")
        self.assertEqual(
            down._late_penalty_as_of(date(2025, 6, 30)), Decimal("2056.78")
        )
        self.assertEqual(down.late_penalty, 2056.78, "today: it stopped growing")
        self.env.invalidate_all()  # read by the consultant, without the items
        self.assertEqual(
            self.line(deal).with_user(self.consultant).late_penalty, 2056.78
        )
        balance = self.line(deal, "balance")
        self.assertEqual(
            balance.late_penalty,
            float(balance._late_penalty_as_of(fields.Date.context_today(balance))),
            "the balance, unpaid: it grows until today",
        )

    def test_v41_paid_in_full_late_and_on_time(self):
        late = self.contract()
        late.register_payment("down_payment", DOWN, date="2025-03-30")
        self.assertEqual(
            self.line(late)._late_penalty_as_of(date(2025, 6, 30)), Decimal("3056.78")
        )
        on_time = self.contract(room=self.room_b, buyer=self.buyer_d)
        on_time.register_payment("down_payment", DOWN, date="2025-03-10")
        self.assertEqual(self.line(on_time)._late_penalty_as_of(date(2025, 6, 30)), 0)
        self.assertEqual(self.line(on_time).late_penalty, 0)

    def test_the_deal_rate_counts(self):
        deal = self.contract(late_daily_rate=0.0001)
        self.assertEqual(
            self.line(deal)._late_penalty_as_of(date(2025, 3, 20)), Decimal("305.68")
        )

    def test_charges_add_up_to_the_penalty_once_per_period(self):
        deal = self.contract()
        down = self.line(deal)
        Fee = self.env["realty.late.fee"].with_user(self.finance_manager)
        first = Fee._charge(down, date(2025, 3, 20))
        self.assertEqual(
            (first.amount, first.date_from, first.penalty_total),
            (1528.39, DUE, 1528.39),
        )
        self.assertRefused("ERR_STATE_TRANSITION", Fee._charge, down, date(2025, 3, 20))
        deal.register_payment("down_payment", 200000, date="2025-03-20")
        deal.register_payment("down_payment", 105678, date="2025-03-30")
        second = Fee._charge(down, date(2025, 4, 30))
        self.assertEqual((second.amount, second.date_from), (528.39, date(2025, 3, 20)))
        self.assertEqual(sum(down.late_fee_ids.mapped("amount")), 2056.78, "V-41")
        self.assertRefused("ERR_STATE_TRANSITION", Fee._charge, down, date(2025, 5, 31))
        # posted: Dr receivable / Cr late-fee income, tagged with the deal
        receivable = self.company._realty_account("receivable")
        income = self.company._realty_account("late_fee")
        items = (first.move_id | second.move_id).line_ids
        self.assertEqual(set(items.mapped("realty_deal_id").ids), {deal.id})
        self.assertFalse(
            items.realty_schedule_line_id, "not a schedule line's receivable"
        )
        self.assertEqual(
            sum(items.filtered(lambda l: l.account_id == receivable).mapped("balance")),
            2056.78,
        )
        self.assertEqual(
            sum(items.filtered(lambda l: l.account_id == income).mapped("balance")),
            -2056.78,
        )
        self.assertEqual(first.move_id.state, "posted")
        self.assertEqual(down.amount_residual, 0, "the penalty is not the instalment")

    def test_only_a_finance_manager_charges(self):
        deal = self.contract()
        down = self.line(deal)
        for user in (self.consultant, self.cashier):
            with self.assertRaises(AccessError):
                down.with_user(user).action_charge_late_fee()
        manager_down = down.with_user(self.finance_manager)
        action = manager_down.action_charge_late_fee()
        charge = self.env["realty.late.fee"].search(action["domain"])
        self.assertEqual(charge.date, fields.Date.context_today(manager_down))
        self.assertEqual(charge.amount, manager_down.late_penalty, "all of it so far")
        self.assertIn(charge.move_id.name, deal.message_ids[:1].body)


@tagged("post_install", "-at_install")
class TestDunning(CollectionsCase):
    def test_the_ladder_sends_each_rung_once(self):
        deal = self.contract()
        down = self.line(deal)
        self.dun(DUE - timedelta(days=4))
        self.assertFalse(self.logs(deal), "D-4: nothing yet")

        self.dun(DUE - timedelta(days=3))  # D-3: the SMS reminder (通知交款)
        reminder = self.logs(deal)
        self.assertEqual(
            (
                reminder.kind,
                reminder.channel,
                reminder.state,
                reminder.schedule_line_id,
            ),
            ("reminder", "sms", "sent", down),
        )
        self.assertEqual(
            (reminder.outstanding, reminder.penalty, reminder.days_overdue),
            (DOWN, 0, -3),
        )
        sms = self.env["sms.sms"].search(
            [("mail_message_id", "=", reminder.message_id.id)]
        )
        self.assertEqual(sms.state, "outgoing", "queued, not sent")
        self.assertEqual(sms.partner_id, self.buyer_c)
        self.assertIn("13800138000", re.sub(r"\D", "", sms.number))
        self.assertIn("305,678.00", sms.body)
        self.assertEqual(reminder.sudo().sms_ids, sms)
        self.assertEqual(reminder.message_id.message_type, "sms")
        self.assertEqual(
            (reminder.message_id.model, reminder.message_id.res_id),
            ("realty.deal", deal.id),
        )

        for day in (DUE - timedelta(days=3), DUE - timedelta(days=1), DUE):
            self.dun(day)
        self.assertEqual(self.logs(deal), reminder, "never twice")

        self.dun(DUE + timedelta(days=1))  # D+1: the overdue notice by e-mail
        notice = self.logs(deal) - reminder
        self.assertEqual(
            (notice.kind, notice.channel, notice.days_overdue),
            ("overdue_notice", "email", 1),
        )
        self.assertEqual(notice.penalty, 152.84)
        mail = self.env["mail.mail"].search(
            [("mail_message_id", "=", notice.message_id.id)]
        )
        self.assertEqual(mail.state, "outgoing", "queued, not sent")
        self.assertEqual(mail.recipient_ids, self.buyer_c)
        self.assertIn("305,678.00", str(mail.body_html))
        self.assertIn(DOWN_CAPITAL, str(mail.body_html))

        self.dun(DUE + timedelta(days=15))  # D+15: the demand letter (催款函)
        demand = self.logs(deal) - reminder - notice
        self.assertEqual(
            (demand.kind, demand.channel, demand.penalty), ("demand", "letter", 2292.59)
        )
        letter = demand.attachment_id
        self.assertEqual((letter.res_model, letter.res_id), ("realty.deal", deal.id))
        self.assertIn(letter, demand.message_id.attachment_ids)
        text = re.sub(r"<[^>]+>|\s", "", letter.raw.decode())
        self.assertIn("催款函", text)
        self.assertIn(
            f"人民币{DOWN_CAPITAL}", text, "人民币 before the capitals (§9.9)"
        )
        self.assertIn("2,292.59", text)
        self.assertIn("万分之5", text, "the contract's rate")
        self.assertEqual(deal.collection_log_ids, reminder | notice | demand)

    def test_a_paid_line_is_suppressed_in_transit_included(self):
        deal = self.contract()
        self.dun(DUE + timedelta(days=1))
        notice = self.logs(deal)
        self.assertEqual(
            notice.kind, "overdue_notice", "D+1 supersedes the unsent reminder"
        )
        deal.register_payment(
            "down_payment", DOWN, method="transfer", date="2025-03-20"
        )
        self.assertEqual(self.line(deal).payment_state, "in_transit")
        for day in (
            DUE + timedelta(days=15),
            DUE + timedelta(days=30),
            DUE + timedelta(days=90),
        ):
            self.dun(day)
        self.assertEqual(self.logs(deal), notice, "paid (in transit): nothing more")

    def test_a_part_in_transit_still_owes_the_rest(self):
        deal = self.contract()
        deal.register_payment(
            "down_payment", 200000, method="transfer", date="2025-03-20"
        )
        down = self.line(deal)
        self.assertEqual(
            (down.amount_residual, down.amount_in_transit), (105678, 200000)
        )
        self.dun(DUE + timedelta(days=30))
        log = self.logs(deal)
        self.assertEqual((log.kind, log.outstanding), ("second_demand", 105678))
        self.assertEqual(log.penalty, 2585.17, "1,528.39 + 105,678 × 0.0005 × 20")

    def test_termination_draft_and_opt_outs(self):
        deal = self.contract()
        self.env["phone.blacklist"].sudo().add(self.buyer_c.mobile)
        self.dun(DUE - timedelta(days=3))
        reminder = self.logs(deal)
        self.assertEqual(
            (reminder.kind, reminder.channel, reminder.state),
            ("reminder", "email", "sent"),
            "opted out of texts: the e-mail instead",
        )
        self.assertFalse(
            self.env["sms.sms"].search([("partner_id", "=", self.buyer_c.id)])
        )
        self.env["mail.blacklist"].sudo()._add(self.buyer_c.email)
        self.dun(DUE + timedelta(days=1))
        notice = self.logs(deal) - reminder
        self.assertEqual((notice.channel, notice.state), ("email", "not_sent"))
        self.assertFalse(notice.message_id)
        self.dun(DUE + timedelta(days=90))
        termination = self.logs(deal) - reminder - notice
        self.assertEqual(
            (termination.kind, termination.channel, termination.state),
            ("termination", "letter", "sent"),
            "a letter is a legal notice: posted whatever the opt-outs",
        )
        self.assertIn("解除合同通知书", termination.attachment_id.raw.decode())

    def test_the_bank_pays_the_loan(self):
        """A loan line is the bank's to pay (§9.6): no letter asks the buyer."""
        deal = self.contract(plan=self.commercial, down_payment_ratio=0.15)
        loan = self.line(deal, "commercial_loan")
        self.assertTrue(loan.amount_residual)
        self.dun(loan.due_date + timedelta(days=100))
        self.assertEqual(self.logs(deal).schedule_line_id, self.line(deal))
        self.assertEqual(self.logs(deal).kind, "termination")
        later = loan.due_date + timedelta(days=100)
        self.assertGreater(loan._late_penalty_as_of(later), 0, "a penalty all the same")

    def test_only_active_contracts(self):
        deal = self.deal(payment_method_id=self.plan.id)
        deal.action_generate_schedule()
        self.dun(DUE + timedelta(days=15))
        self.assertFalse(self.logs(deal))

    def test_dunning_steps_of_the_project(self):
        self.assertEqual(self.project.dunning_steps, "D-3,D+1,D+15,D+30,D+90")
        for wrong in ("D+1,D-3", "D-3,D-1,D+1", "3 days", "D+1,D+2,D+3,D+4,D+5", ""):
            with (
                self.subTest(steps=wrong),
                self.assertRaises(RealtyValidationError) as caught,
                self.env.cr.savepoint(),
            ):
                self.project.write({"dunning_steps": wrong})
            self.assertEqual(caught.exception.code, "ERR_INVALID_INPUT")
            self.project.invalidate_recordset()
        self.project.dunning_steps = "D+5, D+20"  # a notice, then a demand
        deal = self.contract()
        self.dun(DUE + timedelta(days=4))
        self.assertFalse(self.logs(deal), "no reminder in this ladder")
        self.dun(DUE + timedelta(days=20))
        self.assertEqual(self.logs(deal).kind, "demand")

    def test_the_button(self):
        deal = self.contract()
        today = fields.Date.context_today(deal.with_user(self.cashier))  # its time zone
        self.line(deal)._unlocked().due_date = today - timedelta(days=1)
        self.line(deal, "balance")._unlocked().due_date = today + timedelta(days=400)
        self.assertRefused(
            "ERR_STATE_TRANSITION",
            self.deal(room=self.room_b).with_user(self.cashier).action_send_dunning,
        )
        with self.assertRaises(AccessError):
            deal.with_user(self.consultant).action_send_dunning()
        action = deal.with_user(self.cashier).action_send_dunning()
        self.assertEqual(action["params"]["type"], "success")
        log = self.logs(deal)
        self.assertEqual(
            (log.kind, log.date, log.user_id), ("overdue_notice", today, self.cashier)
        )
        action = deal.with_user(self.cashier).action_send_dunning()
        self.assertEqual(action["params"]["type"], "info", "nothing more today")
        self.assertEqual(self.logs(deal), log)

    def test_kinds_follow_the_tools(self):
        self.assertEqual([kind for kind, _label in KIND_SELECTION], list(DUNNING_KINDS))


@tagged("post_install", "-at_install")
class TestAging(CollectionsCase):
    def test_v42_every_boundary(self):
        plan = self.installments(
            "V-42 (test)",
            "V42-T",
            [("installment", 10000, due) for due, _bucket in V42[:-1]]
            + [("balance", None, V42[-1][0])],
        )
        deal = self.contract(plan=plan)
        deal.register_payment("installment", 4000, method="transfer")  # earliest first
        Report = self.env["realty.aging.report"].with_context(aging_as_of="2025-06-30")
        rows = Report.search([("deal_id", "=", deal.id)])
        self.assertEqual(
            {row.date_maturity: row.bucket for row in rows},
            {due: bucket for due, bucket in V42},
        )
        for row in rows:
            self.assertEqual(row.days_overdue, (V42_AS_OF - row.date_maturity).days)
            self.assertEqual(row.bucket, aging_bucket(row.date_maturity, V42_AS_OF))
            self.assertEqual(
                (row.project_id, row.user_id, row.partner_id),
                (self.project, self.consultant, self.buyer_c),
            )
            self.assertEqual(row.building_id, self.room.building_id)
        oldest = rows.filtered(lambda row: row.date_maturity == date(2024, 6, 30))
        self.assertEqual(
            (oldest.amount_residual, oldest.amount_in_transit), (6000, 4000)
        )
        self.env.flush_all()
        with self.assertQueryCount(1):
            groups = Report._read_group(
                [("deal_id", "=", deal.id)],
                ["bucket"],
                ["amount_residual:sum", "amount_in_transit:sum"],
            )
        totals = {bucket: (residual, transit) for bucket, residual, transit in groups}
        self.assertEqual(totals[">365"][0], deal.deal_total - 14 * 10000)
        self.assertEqual(totals["181-365"], (16000, 4000))
        self.assertEqual(totals["not_due"], (20000, 0))
        self.assertEqual(
            sum(residual for residual, _t in totals.values()), deal.deal_total - 4000
        )

    def test_the_sql_bucket_is_the_tools_bucket(self):
        """Every day offset from -5 to 400, through the model (one line, the as-of
        date moving) and as the SQL expression itself."""
        deal = self.contract()
        Report = self.env["realty.aging.report"]
        for offset in range(-5, 401):
            as_of = DUE + timedelta(days=offset)
            Report.invalidate_model()  # the rows' values depend on the date
            row = Report.with_context(aging_as_of=as_of).search(
                [("deal_id", "=", deal.id), ("item", "=", "down_payment")]
            )
            self.assertEqual(row.bucket, aging_bucket(DUE, as_of), offset)
        days = SQL("offset_days")
        rows = self.env.execute_query(
            SQL(
                "SELECT offset_days, %s FROM generate_series(-5, 400) AS offset_days",
                bucket_sql(days),
            )
        )
        as_of = date(2025, 6, 30)
        for offset, bucket in rows:
            self.assertEqual(
                bucket, aging_bucket(as_of - timedelta(days=offset), as_of), offset
            )
        self.assertEqual(
            [label for _high, label in bucket_bounds()],
            [key for key, _label in AGING_BUCKETS],
        )

    def test_the_projects_of_the_user(self):
        deal = self.contract()
        outsider = self.env["res.users"].create(
            {
                "name": "Other consultant",
                "login": "realty_outsider",
                "groups_id": [
                    Command.link(self.env.ref("realty_base.group_realty_consultant").id)
                ],
            }
        )
        Report = self.env["realty.aging.report"]
        self.assertTrue(
            Report.with_user(self.consultant).search([("deal_id", "=", deal.id)])
        )
        self.assertFalse(Report.with_user(outsider).search([("deal_id", "=", deal.id)]))
        self.assertRefused(
            "ERR_INVALID_INPUT", Report.with_context(aging_as_of="yesterday").search, []
        )


@tagged("post_install", "-at_install")
class TestDunningLetterPdf(CollectionsCase, HttpCase):
    def test_the_letter_prints_in_chinese_with_capital_numerals(self):
        deal = self.contract()
        deal.register_payment("down_payment", 200000, date="2025-03-20")
        pdf, fmt = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(
                "realty_finance.action_report_dunning_letter",
                deal.ids,
                data={"as_of": "2025-03-30", "kind": "demand"},
            )
        )
        self.assertEqual(fmt, "pdf")
        text = "".join(pdf_text(pdf).split())
        self.assertIn("催款函", text)
        self.assertIn(self.buyer_c.name, text)
        self.assertIn(self.room.code, text)
        self.assertIn("壹拾万伍仟陆佰柒拾捌元整", text, "105,678.00 outstanding")
        self.assertIn("贰仟零伍拾陆元柒角捌分", text, "V-41: 2,056.78 penalty so far")
        self.assertIn("105,678.00", text)
        self.assertIn("违约金", text)
