"""Customer care (客户关怀): messages queued in mail.mail and sms.sms through Odoo's
composers, logged on the customer, opt-outs skipped, birthdays by the cron, and
only the customers of the sender's projects."""

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import SalesCase, resident_id


@tagged("post_install", "-at_install")
class TestCustomerCare(SalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.outsider = new_test_user(
            cls.env, "care_outsider", groups="realty_base.group_realty_consultant"
        )
        cls.other_project = cls.env["realty.project"].create(
            {
                "name": "Other Garden",
                "code": "OG",
                "user_ids": [Command.set([cls.outsider.id])],
            }
        )
        cls.today = fields.Date.context_today(cls.env["realty.customer.care"].sudo())
        born_today = cls.today - relativedelta(years=40)
        born_tomorrow = born_today + relativedelta(days=1)
        Partner = cls.env["res.partner"]

        def customer(name, mobile, email, birth, seq):
            return Partner.create(
                {
                    "name": name,
                    "mobile": mobile,
                    "email": email,
                    "country_id": cls.env.ref("base.cn").id,
                    "realty_id_type": "resident",
                    "realty_id_number": resident_id(
                        birth=birth.strftime("%Y%m%d"), seq=seq
                    ),
                }
            )

        cls.anna = customer(
            "周安", "13800000001", "anna@example.com", born_today, "111"
        )
        cls.opted_out = customer(
            "吴退", "13800000002", "out@example.com", born_tomorrow, "222"
        )
        cls.mail_only = customer(
            "郑邮", "13800000003", "mail@example.com", born_today, "333"
        )
        cls.foreign = customer(
            "冯外", "13800000004", "foreign@example.com", born_today, "444"
        )
        cls.visited(cls.anna | cls.opted_out | cls.mail_only)
        cls.visited(cls.foreign, project=cls.other_project)
        cls.env["mail.blacklist"]._add("out@example.com")
        cls.env["phone.blacklist"]._add(["+8613800000002"])
        cls.env["phone.blacklist"]._add(["+8613800000003"])  # e-mail only
        cls.opening_mail = cls.env.ref("realty_sales.mail_template_realty_opening")
        cls.opening_sms = cls.env.ref("realty_sales.sms_template_realty_opening")

    def care(self, user=None, **values):
        return (
            self.env["realty.customer.care"]
            .with_user(user or self.consultant)
            .create({"project_id": self.project.id, **values})
        )

    def queued_mails(self, partners):
        return self.env["mail.mail"].search(
            [("model", "=", "res.partner"), ("res_id", "in", partners.ids)]
        )

    def queued_sms(self, partners):
        return self.env["sms.sms"].search([("partner_id", "in", partners.ids)])

    def test_email_queued_and_logged_opt_out_skipped(self):
        wizard = self.care(
            channel="email",
            mail_template_id=self.opening_mail.id,
            partner_domain=f"[('id', 'in', {self.customers.ids})]",
        )
        self.assertEqual(
            (wizard.recipient_count, wizard.opted_out_count, wizard.no_address_count),
            (2, 1, 0),
        )
        wizard.action_send()
        mails = self.queued_mails(self.customers)
        self.assertEqual(
            set(mails.mapped("res_id")), set((self.anna | self.mail_only).ids)
        )
        self.assertEqual(set(mails.mapped("state")), {"outgoing"})
        self.assertEqual(set(mails.mapped("subject")), {"开盘通知"})
        self.assertIn("周安", mails.filtered(lambda m: m.res_id == self.anna.id).body)
        # logged on the customer's chatter, not on the opted-out one's
        for mail in mails:
            partner = self.env["res.partner"].browse(mail.res_id)
            self.assertIn(mail.mail_message_id, partner.message_ids)
        self.assertFalse(self.queued_mails(self.opted_out))

    def test_sms_queued_and_logged_opt_out_skipped(self):
        wizard = self.care(
            channel="sms",
            sms_template_id=self.opening_sms.id,
            partner_domain=f"[('id', 'in', {self.customers.ids})]",
        )
        self.assertEqual(
            (wizard.recipient_count, wizard.opted_out_count, wizard.no_address_count),
            (1, 2, 0),
        )
        wizard.action_send()
        sms = self.queued_sms(self.customers)
        self.assertEqual(sms.partner_id, self.anna)
        self.assertEqual(sms.state, "outgoing")
        self.assertIn("【开盘通知】尊敬的周安", sms.body)
        self.assertTrue(
            self.anna.message_ids.filtered(lambda m: "开盘通知" in str(m.body)),
            "the SMS is logged on the customer",
        )
        self.assertFalse(
            self.opted_out.message_ids.filtered(lambda m: "开盘通知" in str(m.body))
        )

    def test_quick_filters(self):
        """Buyers are those with a deal; birthdays this month by the ID's date."""
        self.deal(buyer=self.buyer_c)
        buyers = self.care(audience="buyers")._realty_customers()
        self.assertEqual(buyers, self.buyer_c)
        everyone = self.care()._realty_customers()
        self.assertEqual(
            everyone, self.customers | self.buyer_c | self.buyer_d, "not the foreign"
        )
        # a condition the domain widget builds may pass 500 characters
        long_domain = repr([("email", "!=", f"x{n}@example.com") for n in range(30)])
        self.assertGreater(len(long_domain), 1000)
        self.assertEqual(
            self.care(partner_domain=long_domain)._realty_customers(), everyone
        )
        birthdays = self.care(birthday_this_month=True)._realty_customers()
        self.assertIn(self.anna, birthdays)
        self.assertEqual(
            birthdays,
            everyone.filtered(lambda p: p.realty_birth_date.month == self.today.month),
        )
        self.assertEqual(
            self.care(
                partner_domain="[('email', '=like', 'anna@%')]"
            )._realty_customers(),
            self.anna,
        )

    def test_cron_sends_only_todays_birthdays(self):
        self.env["realty.customer.care"]._cron_send_birthday_greetings()
        everyone = self.customers | self.foreign
        # by SMS, else (opted out of SMS) by e-mail; tomorrow's birthday is not today's
        self.assertEqual(self.queued_sms(everyone).partner_id, self.anna | self.foreign)
        self.assertEqual(
            self.queued_mails(everyone).mapped("res_id"), self.mail_only.ids
        )
        self.assertTrue(
            all("生日" in sms.body for sms in self.queued_sms(everyone)),
        )
        cron = self.env.ref("realty_sales.ir_cron_realty_birthday_greetings")
        self.assertTrue(cron.active)
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "days"))

    def test_no_message_to_another_projects_customers(self):
        """Server side: the other project is refused, and a condition naming its
        customer selects nobody."""
        with self.assertRaises(AccessError):
            self.care(
                project_id=self.other_project.id,
                channel="sms",
                sms_template_id=self.opening_sms.id,
            ).action_send()
        self.care(
            project_id=False,
            channel="sms",
            sms_template_id=self.opening_sms.id,
            partner_domain=f"[('id', '=', {self.foreign.id})]",
        ).action_send()
        self.assertFalse(self.queued_sms(self.foreign))
        # its own consultant reaches them
        self.care(
            user=self.outsider,
            project_id=self.other_project.id,
            channel="sms",
            sms_template_id=self.opening_sms.id,
        ).action_send()
        self.assertEqual(self.queued_sms(self.foreign).state, "outgoing")

    @property
    def customers(self):
        return self.anna | self.opted_out | self.mail_only
