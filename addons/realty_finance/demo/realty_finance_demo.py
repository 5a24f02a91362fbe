"""The money of the demo sales of 湖畔花园 in accounting, built once at install.

``demo/realty_finance_demo.xml`` adds the developer's cashier (出纳) and finance
manager (财务主管) and a buyer waiting for the second phase, then calls
:meth:`RealtyDemo._create_demo_finance`, which does what the developer's finance
office does when it starts keeping the sales money in Odoo:

1. loads l10n_cn's chart of accounts for the developer (the realty accounts and
   journal come with it, ``res.company._realty_finance_setup``);
2. opens the presale-fund supervision account (预售资金监管账户) of 湖畔花园 as a
   bank journal, and hands two receipt books to the cashier;
3. posts what the demo deals received before realty_finance was installed, on
   the days they received it, with the receivables of the signed contract
   (``realty.deal.payment._finance_post_existing``);
4. issues receipts as the cashier: the signed contract's down payment, by POS
   debit card and by bank transfer, and a queue number's sincerity deposit, all
   in transit (在途) until a bank statement confirms them; the finance manager
   voids a blank receipt that jammed in the printer (卡纸).

The file is ``noupdate``, so an update (``-u``) runs none of this again.
"""

import logging

from odoo import Command, api, fields, models

_logger = logging.getLogger(__name__)

CONTRACT_ROOM = "6-1-2001"
"""The room of the demo deal signed by realty_sales' demo (签约)."""
DOWN_PAYMENT_BY_CARD = 100000


class RealtyDemo(models.AbstractModel):
    _inherit = "realty.demo"

    @api.model
    def _create_demo_finance(self):
        env = self.env
        company = env.ref("realty_base.res_company_developer_demo")
        if not self._demo_load_chart(company):
            return True
        project = env.ref("realty_base.realty_project_demo")
        cashier = env.ref("realty_finance.user_cashier_demo")
        accountant = env.ref("realty_finance.user_accountant_demo")
        project.supervision_journal_id = self._demo_supervision_journal(project)
        house, sincerity = self._demo_receipt_books(project, cashier, accountant)
        posted = env["realty.deal.payment"]._finance_post_existing(company)
        self._demo_receipts(project, cashier, house, sincerity)
        house.with_user(accountant).action_void_blank("卡纸")
        _logger.info(
            "Demo finance of %s: %s earlier payments posted, %s receipts",
            company.name,
            len(posted),
            len(house.receipt_ids | sincerity.receipt_ids),
        )
        return True

    @api.model
    def _demo_load_chart(self, company):
        """l10n_cn's chart for the developer, when l10n_cn is installed (it is
        for a database whose company is Chinese); False without it."""
        if not company.chart_template:
            Chart = self.env["account.chart.template"]
            if "cn" not in Chart._get_chart_template_mapping():
                _logger.warning(
                    "Demo developer %s: l10n_cn is not installed, so it has no chart "
                    "of accounts and the demo sales money is not posted.",
                    company.name,
                )
                return False
            Chart.try_loading("cn", company, install_demo=False)
        company._realty_finance_setup()
        return True

    @api.model
    def _demo_supervision_journal(self, project):
        """The project's presale-fund supervision account (§9.5), at the bank and
        account number of the project's records."""
        bank = self.env["res.bank"].create(
            {"name": project.supervision_bank, "country": self.env.ref("base.cn").id}
        )
        return self.env["account.journal"].create(
            {
                "name": "预售资金监管账户",
                "code": "JGZH",
                "type": "bank",
                "company_id": project.company_id.id,
                "bank_acc_number": project.supervision_account_no,
                "bank_id": bank.id,
            }
        )

    @api.model
    def _demo_receipt_books(self, project, cashier, accountant):
        """A book of house-payment receipts and one of sincerity-deposit receipts,
        registered by the finance manager and handed to the cashier."""
        year = fields.Date.context_today(self).year
        books = (
            self.env["realty.receipt.book"]
            .with_user(accountant)
            .create(
                [
                    {
                        "code": code,
                        "book_type": book_type,
                        "prefix": prefix,
                        "year": year,
                        "start_no": 1,
                        "end_no": 100,
                        "user_id": cashier.id,
                        "company_id": project.company_id.id,
                        "project_ids": [Command.set(project.ids)],
                    }
                    for code, book_type, prefix in (
                        ("SJ-01", "house", "SJ"),
                        ("CY-01", "sincerity", "CY"),
                    )
                ]
            )
        )
        books.action_start()
        return books[0], books[1]

    @api.model
    def _demo_receipts(self, project, cashier, house, sincerity):
        env = self.env
        signed = env["realty.deal"].search(
            [("project_id", "=", project.id), ("room_id.code", "=", CONTRACT_ROOM)]
        )
        down = signed.schedule_line_ids.filtered(lambda s: s.item == "down_payment")
        by_transfer = sum(down.mapped("amount_residual")) - DOWN_PAYMENT_BY_CARD
        Receipt = env["realty.receipt"].with_user(cashier)

        def issue(record, book, line):
            field = "deal_id" if record._name == "realty.deal" else "queue_number_id"
            receipt = Receipt.create(
                {
                    field: record.id,
                    "book_id": book.id,
                    "line_ids": [Command.create(line)],
                }
            )
            receipt.action_confirm()
            return receipt

        issue(
            signed,
            house,
            {
                "item": "down_payment",
                "method": "pos",
                "card_type": "debit",
                "amount": DOWN_PAYMENT_BY_CARD,
                "reference": "POS-0102",
            },
        )
        issue(
            signed,
            house,
            {
                "item": "down_payment",
                "method": "transfer",
                "amount": by_transfer,
                "reference": "TRF-0106",
            },
        )
        issue(
            self._demo_queue_number(project),
            sincerity,
            {"item": "sincerity", "method": "transfer", "amount": 20000},
        )

    @api.model
    def _demo_queue_number(self, project):
        """A visitor takes a queue number for the second phase (排号)."""
        consultant = self.env.ref("realty_base.user_consultant_demo")
        buyer = self.env.ref("realty_finance.partner_feng_yu_demo")
        self.env["realty.visit"].with_user(consultant).create(
            {"project_id": project.id, "partner_id": buyer.id, "notes": "二期排号"}
        )
        return (
            self.env["realty.queue.number"]
            .with_user(consultant)
            .create(
                {
                    "project_id": project.id,
                    "phase_id": self.env.ref("realty_base.phase_2_demo").id,
                    "partner_id": buyer.id,
                }
            )
        )
