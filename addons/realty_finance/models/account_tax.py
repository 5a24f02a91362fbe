from odoo import api, models

from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_base.tools import errors as codes


class AccountTax(models.Model):
    _inherit = "account.tax"

    @api.model
    def _realty_vat_tax(self, company, rate):
        """The sale tax of a VAT invoice of real estate at `rate` (0.09, 0.03):
        price-included, since a deal's total includes the VAT (§9.2). The
        company's own tax of that rate is used when it is price-included (l10n_cn
        companies include the tax in prices: its 9 % is); otherwise one is opened
        beside it, named clearly, with the tax accounts of the company's sale tax.
        """
        percent = round(rate * 100, 4)
        Tax = (
            self.sudo()
            .with_company(company)
            .with_context(active_test=True, lang="en_US")
        )
        domain = [
            *Tax._check_company_domain(company),
            ("type_tax_use", "=", "sale"),
            ("amount_type", "=", "percent"),
            ("children_tax_ids", "=", False),
        ]
        tax = Tax.search(
            [
                *domain,
                ("amount", "=", percent),
                ("price_include", "=", True),
                ("include_base_amount", "=", False),
                ("tax_exigibility", "=", "on_invoice"),
            ],
            order="sequence, id",
            limit=1,
        )
        if tax:
            return tax
        template = (
            Tax.search([*domain, ("amount", "=", percent)], limit=1)
            or Tax.browse(company.sudo().account_sale_tax_id.ids)
            or Tax.search(domain, limit=1)
        )
        accounts = template.invoice_repartition_line_ids.account_id
        if not accounts:
            raise RealtyUserError(
                codes.ERR_ACCOUNT_MISSING,
                self.env._(
                    "Company %(company)s has no sale tax to take the VAT payable "
                    "account from: install a chart of accounts.",
                    company=company.name,
                ),
            )
        label = f"{percent:g}%"
        tax = template.copy(
            {
                "name": f"VAT {label} (Real Estate, Included)",
                "description": f"VAT {label}",
                "invoice_label": label,
                "amount": percent,
                "price_include_override": "tax_included",
                "include_base_amount": False,
                "tax_exigibility": "on_invoice",
                "tax_group_id": self._realty_tax_group(company, label).id,
                "active": True,
            }
        )
        if self.env["res.lang"]._lang_get("zh_CN"):
            tax.with_context(lang="zh_CN").name = f"增值税{label}(不动产销售,含税)"
        return tax

    @api.model
    def _realty_tax_group(self, company, label):
        """The tax group of the rate (l10n_cn's "VAT 9%"), or a new one. Names are
        compared in English and in Chinese: a database without English active
        keeps the Chinese name in both."""
        Group = self.env["account.tax.group"].sudo().with_context(lang="en_US")
        name, name_zh = f"VAT {label}", f"增值税{label}"
        group = Group.search(
            [*Group._check_company_domain(company), ("name", "in", [name, name_zh])],
            limit=1,
        )
        if not group:
            group = Group.create({"name": name, "company_id": company.id})
            if self.env["res.lang"]._lang_get("zh_CN"):
                group.with_context(lang="zh_CN").name = name_zh
        return group
