from odoo import Command, api, fields, models

from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_base.tools import errors as codes

# What finance posts to, by role: the l10n_cn code of the account, the parent the
# sub-account is opened under (None: the chart's own account is used), its names and
# its type. Sub-accounts (明细科目) keep each kind of money apart, as a Chinese
# accountant keeps them, so that a deal's holdings read straight off the ledger.
ACCOUNT_ROLES = {
    "receivable": ("112200", None, "Accounts Receivable", "应收账款", None),
    "advance": (
        "220301",
        "220300",
        "Contract Liabilities - House Payments",
        "预收账款-房款(合同负债)",
        "liability_payable",
    ),
    "sincerity": (
        "250101",
        "250100",
        "Other Payables - Sincerity Deposits",
        "其他应付款-诚意金",
        "liability_payable",
    ),
    "intention": (
        "250102",
        "250100",
        "Other Payables - Intention Money",
        "其他应付款-小订",
        "liability_payable",
    ),
    "deposit": (
        "250103",
        "250100",
        "Other Payables - Deposits",
        "其他应付款-定金",
        "liability_payable",
    ),
    "area_refund": (
        "250104",
        "250100",
        "Other Payables - Area Adjustment Refunds",
        "其他应付款-面积补差退款",
        "liability_payable",
    ),
    "collection": (
        "250110",
        "250100",
        "Other Payables - Fees Collected for Others",
        "其他应付款-代收费用",
        "liability_payable",
    ),
    "fee_receivable": ("122100", None, "Other Receivable", "其他应收款", None),
    "fee_deed_tax": (
        "250111",
        "250100",
        "Other Payables - Deed Tax Collected",
        "其他应付款-代收契税",
        "liability_payable",
    ),
    "fee_stamp_duty": (
        "250112",
        "250100",
        "Other Payables - Stamp Duty Collected",
        "其他应付款-代收印花税",
        "liability_payable",
    ),
    "fee_registration_fee": (
        "250113",
        "250100",
        "Other Payables - Registration Fees Collected",
        "其他应付款-代收登记费",
        "liability_payable",
    ),
    "fee_maintenance_fund": (
        "250114",
        "250100",
        "Other Payables - Maintenance Fund Collected",
        "其他应付款-代收维修基金",
        "liability_payable",
    ),
    "pos_fee": ("660300", None, "Financial Expenses", "财务费用", None),
    "late_fee": ("630100", None, "Non-Operating Income", "营业外收入", None),
    "forfeit": ("630100", None, "Non-Operating Income", "营业外收入", None),
    "penalty": ("671100", None, "Non-Operating Expenses", "营业外支出", None),
}
HOLDING_ROLES = ("sincerity", "intention", "deposit", "advance")
"""The accounts that hold a deal's money before it is earned."""


class ResCompany(models.Model):
    _inherit = "res.company"

    realty_journal_id = fields.Many2one(
        "account.journal",
        domain="[('type', '=', 'general'), ('company_id', 'parent_of', id)]",
        help="The miscellaneous journal of receivables, transfers (转款) and "
        "reclassifications of deal money.",
    )
    realty_receivable_account_id = fields.Many2one(
        "account.account", string="House Payments Receivable (应收账款)"
    )
    realty_advance_account_id = fields.Many2one(
        "account.account", string="Advance Receipts (预收账款 / 合同负债)"
    )
    realty_sincerity_account_id = fields.Many2one(
        "account.account", string="Sincerity Deposits (诚意金)"
    )
    realty_intention_account_id = fields.Many2one(
        "account.account", string="Intention Money (小订)"
    )
    realty_deposit_account_id = fields.Many2one(
        "account.account", string="Deposits (定金)"
    )
    realty_area_refund_account_id = fields.Many2one(
        "account.account",
        string="Area Adjustment Refunds (面积补差退款)",
        help="What an area adjustment (§7) owes the buyer until a refund voucher "
        "pays it back.",
    )
    realty_collection_account_id = fields.Many2one(
        "account.account", string="Fees Collected for Others (代收)"
    )
    realty_fee_receivable_account_id = fields.Many2one(
        "account.account", string="Collected Fees Receivable (其他应收款)"
    )
    realty_fee_deed_tax_account_id = fields.Many2one(
        "account.account", string="Deed Tax Collected (代收契税)"
    )
    realty_fee_stamp_duty_account_id = fields.Many2one(
        "account.account", string="Stamp Duty Collected (代收印花税)"
    )
    realty_fee_registration_fee_account_id = fields.Many2one(
        "account.account", string="Registration Fees Collected (代收登记费)"
    )
    realty_fee_maintenance_fund_account_id = fields.Many2one(
        "account.account", string="Maintenance Fund Collected (代收维修基金)"
    )
    realty_pos_fee_account_id = fields.Many2one(
        "account.account", string="POS Fee Expense"
    )
    realty_late_fee_account_id = fields.Many2one(
        "account.account", string="Late Fee Income"
    )
    realty_forfeit_account_id = fields.Many2one(
        "account.account", string="Forfeited Deposit Income"
    )
    realty_penalty_account_id = fields.Many2one(
        "account.account", string="Penalty Expense"
    )

    def _realty_account(self, role):
        """The account of `role` (ACCOUNT_ROLES, or ``transfer``: the company's
        liquidity transfer account, the clearing account of internal transfers),
        or ERR_ACCOUNT_MISSING naming it."""
        self.ensure_one()
        if role == "transfer":
            if not self.transfer_account_id:
                raise RealtyUserError(
                    codes.ERR_ACCOUNT_MISSING,
                    self.env._(
                        "Company %(company)s has no liquidity transfer account "
                        "(l10n_cn: 1012).",
                        company=self.name,
                    ),
                )
            return self.transfer_account_id
        fname = f"realty_{role}_account_id"
        account = self[fname]
        if not account:
            code, _parent, name, name_zh, _type = ACCOUNT_ROLES[role]
            label = self._fields[fname].get_description(self.env)["string"]
            raise RealtyUserError(
                codes.ERR_ACCOUNT_MISSING,
                self.env._(
                    "Company %(company)s has no account for %(role)s: set one in "
                    "Accounting > Configuration > Settings > Realty Finance "
                    "(l10n_cn: %(code)s %(name)s).",
                    company=self.name,
                    role=label,
                    code=code,
                    name=name_zh or name,
                ),
            )
        return account

    def _realty_outstanding_account(self, payment_type):
        """Odoo's outstanding receipts (or payments) account: money posted there is
        in transit (在途) until a bank statement line is matched with it (§9.5)."""
        self.ensure_one()
        ref = (
            "account_journal_payment_debit_account_id"
            if payment_type == "inbound"
            else "account_journal_payment_credit_account_id"
        )
        account = (
            self.env["account.chart.template"]
            .with_context(allowed_company_ids=self.root_id.ids)
            .ref(ref, raise_if_not_found=False)
        )
        if not account:
            raise RealtyUserError(
                codes.ERR_ACCOUNT_MISSING,
                self.env._(
                    "Company %(company)s has no outstanding receipts and payments "
                    "accounts (在途): install a chart of accounts.",
                    company=self.name,
                ),
            )
        return account

    def _realty_post_payment(self, payment_type, journal, destination, **values):
        """Post a payment of realty money as superuser, with the realty door for
        its tags: into or out of `journal`, waiting on the outstanding account
        (在途) unless ``outstanding`` says where it lands, against `destination`.
        `values`: the payment's other values (partner, amount, date, memo, tags,
        ``write_off_line_vals``)."""
        self.ensure_one()
        journal._realty_ensure_outstanding()
        outstanding = values.pop("outstanding", None) or (
            self._realty_outstanding_account(payment_type)
        )
        if outstanding == journal.default_account_id:
            # arrived: Odoo reads the outstanding account off the method line
            values["payment_method_line_id"] = journal._realty_arrived_method_line(
                payment_type
            ).id
        payment = (
            self.env["realty.deal"]
            ._unlocked()
            .env["account.payment"]
            .sudo()
            .create(
                {
                    "payment_type": payment_type,
                    "partner_type": "customer",
                    "journal_id": journal.id,
                    "destination_account_id": destination.id,
                    "outstanding_account_id": outstanding.id,
                    **values,
                }
            )
        )
        payment.action_post()
        return payment

    def _realty_journal(self):
        self.ensure_one()
        if not self.realty_journal_id:
            raise RealtyUserError(
                codes.ERR_ACCOUNT_MISSING,
                self.env._(
                    "Company %(company)s has no realty journal: install a chart of "
                    "accounts or set one in the accounting settings.",
                    company=self.name,
                ),
            )
        return self.realty_journal_id

    def _realty_finance_setup(self):
        """Find (or open, under their l10n_cn parent) the accounts of each role and
        the realty journal, for companies that have a chart. Roles already set are
        kept; a role whose parent the chart lacks stays empty and is named when
        finance needs it."""
        Account = self.env["account.account"].sudo()
        zh_cn = self.env["res.lang"]._get_code("zh_CN")
        for company in self.filtered("chart_template"):
            Scoped = Account.with_company(company)
            domain = Scoped._check_company_domain(company)
            vals = {}
            for role, (code, parent, name, name_zh, acc_type) in ACCOUNT_ROLES.items():
                if company[f"realty_{role}_account_id"]:
                    continue
                account = Scoped.search(domain + [("code", "=", code)], limit=1)
                if not account and parent:
                    base = Scoped.search(domain + [("code", "=", parent)], limit=1)
                    if base:
                        account = Scoped.create(
                            {
                                "name": name,
                                "code": code,
                                "account_type": acc_type,
                                "reconcile": True,
                                "company_ids": [Command.link(company.id)],
                            }
                        )
                        if zh_cn:
                            account.with_context(lang="zh_CN").name = name_zh
                if account:
                    vals[f"realty_{role}_account_id"] = account.id
            if not company.realty_journal_id:
                vals["realty_journal_id"] = (
                    self.env["account.journal"]
                    .sudo()
                    .create(
                        {
                            "name": "Realty Sales",
                            "code": "RLTY",
                            "type": "general",
                            "company_id": company.id,
                        }
                    )
                    .id
                )
            if vals:
                company.sudo().write(vals)
            self.env["account.journal"].sudo().search(
                [("company_id", "=", company.id), ("type", "in", ("bank", "cash"))]
            )._realty_ensure_outstanding()

    @api.model
    def _realty_finance_setup_all(self):
        self.sudo().search([])._realty_finance_setup()
