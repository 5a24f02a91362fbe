from odoo import api, fields, models
from odoo.tools import float_round

from odoo.addons.realty_base.exceptions import RealtyUserError
from odoo.addons.realty_base.inputs import Vals, ValsList, arguments, check_ids
from odoo.addons.realty_base.tools import RealtyError, to_decimal, vat_breakdown
from odoo.addons.realty_base.tools import errors as codes

REALTY_MOVE_FIELDS = frozenset({"realty_deal_id"})
VAT_DOCUMENTS = ("out_invoice", "out_refund")


class AccountMove(models.Model):
    """A deal's VAT invoice (发票, §9.1-§9.2) is an Odoo customer invoice, the tax
    document of the sale of the room (house price only: fees collected for others
    are not invoiced).

    The accounting. The deal's schedule is already booked as receivables against
    contract liabilities (Dr 应收账款 112200 / Cr 合同负债 220301, on signing or when
    due), and the money received settles those receivables. An invoice left open
    on the receivable would ask the buyer for the price a second time. Odoo keeps
    a customer invoice's counterpart on a receivable account (a payable account
    such as 220301 is refused in a sale document), so the invoice is settled at
    once out of the contract liabilities: posting it posts a voucher of the realty
    journal, Dr 合同负债 / Cr 应收账款, reconciled with the invoice's receivable
    item. Together: Dr 合同负债 (the price, VAT included) / Cr 主营业务收入 (the
    sales journal's income account, l10n_cn 600100, excluding VAT) / Cr 应交税费
    (the VAT, 222100): recognising the revenue consumes the liability, the
    receivable stays single, and the invoice shows paid (nobody registers a
    payment against it). Every item carries the deal: its ledger shows the
    revenue. A correction is a red-letter (红字) credit note, Odoo's reversal,
    whose posting gives the liability back the same way (Dr 应收账款 / Cr 合同负债);
    issued invoices are never reset to draft or edited.

    The VAT is §9.2's to the fen (realty_base ``tools.vat_breakdown``). General
    method with the land-price deduction (差额): the deductible land price is a
    line without tax and the rest of the price a line with the price-included
    rate, so that Odoo's tax is ``rnd((total − land) × 9 / 109)``, the tools'
    figure (V-20); simple method: one line at the simple rate (3 %). The
    invoice's figures are checked against the tools' before it is posted.
    """

    _inherit = "account.move"

    realty_deal_id = fields.Many2one(
        "realty.deal",
        string="Deal",
        index="btree_not_null",
        readonly=True,
        help="The deal this VAT invoice (or its red-letter credit note) is of.",
    )
    realty_property_address = fields.Char(
        string="Property Address",
        readonly=True,
        help="不动产地址: province/city/district and the detailed address of the room.",
    )
    realty_contract_number = fields.Char(
        string="Contract / Real Estate Unit Number",
        readonly=True,
        help="网签合同备案编号 or 不动产单元代码.",
    )
    realty_area = fields.Float(
        string="Area (m²)",
        digits=(16, 2),
        readonly=True,
        help="The building area of the room, in square metres (平方米).",
    )
    realty_land_deduction = fields.Monetary(
        string="Land Price Deduction",
        readonly=True,
        help="差额: the deductible land price of the room (general method).",
    )
    realty_vat_method = fields.Selection(
        [("general", "General Method (9 %)"), ("simple", "Simple Method (3 %)")],
        string="VAT Method",
        readonly=True,
    )

    @api.model_create_multi
    @arguments(vals_list=ValsList())
    def create(self, vals_list):
        if any(REALTY_MOVE_FIELDS.intersection(vals) for vals in vals_list):
            self.env["account.move.line"]._check_realty_tags()
        return super().create(vals_list)

    @arguments(vals=Vals())
    def write(self, vals):
        if not self.env.su:  # a client's ids: this override is a public door too
            check_ids(self, list(self._ids))
        if REALTY_MOVE_FIELDS.intersection(vals):
            self.env["account.move.line"]._check_realty_tags()
        return super().write(vals)

    def button_draft(self):
        """An issued VAT invoice (or red-letter credit note) is never edited
        (§9.2): it is corrected by a credit note."""
        issued = self.filtered(
            lambda m: m.realty_deal_id and m.move_type in VAT_DOCUMENTS
        )
        if issued:
            raise RealtyUserError(
                codes.ERR_STATE_TRANSITION,
                self.env._(
                    "%(invoice)s is an issued VAT invoice: correct it with a "
                    "red-letter credit note.",
                    invoice=issued[0].display_name,
                ),
            )
        return super().button_draft()

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted.filtered(
            lambda m: m.realty_deal_id and m.move_type in VAT_DOCUMENTS
        )._realty_settle_with_advance()
        return posted

    def _reverse_moves(self, default_values_list=None, cancel=False):
        """A deal's VAT invoice is corrected by a red-letter credit note: the
        reversal copies its deal and tags (the realty door, for these moves
        only)."""
        if self and all(move.realty_deal_id for move in self):
            self = self.with_env(  # noqa: PLW0642
                self.env["realty.deal"]._unlocked().env
            )
        return super()._reverse_moves(default_values_list, cancel=cancel)

    # ------------------------------------------------------------ VAT invoice
    @api.model
    def _realty_vat_breakdown(self, deal):
        """tools.VatBreakdown of the deal's total by its project's policy."""
        project = deal.project_id
        policy = project.policy_id
        room = deal.room_id
        try:
            return vat_breakdown(
                to_decimal(deal.deal_total),
                building_area=to_decimal(
                    room.area_building_meas or room.area_building_pred
                ),
                land_cost_per_m2=to_decimal(project.land_cost_per_m2),
                method=policy.vat_method if policy else "general",
                rate=to_decimal(policy.vat_rate if policy else 0.09),
                simple_rate=to_decimal(policy.vat_simple_rate if policy else 0.03),
            )
        except RealtyError as exc:
            raise RealtyUserError(exc.code, exc.message) from exc

    @api.model
    def _realty_vat_invoice_vals(self, deal, breakdown, invoice_date=None):
        project, room = deal.project_id, deal.room_id
        company = deal.company_id
        policy = project.policy_id
        general = (policy.vat_method if policy else "general") == "general"
        rate = (
            (policy.vat_rate if policy else 0.09)
            if general
            else (policy.vat_simple_rate if policy else 0.03)
        )
        Journal = self.env["account.journal"].sudo()
        journal = Journal.search(
            [*Journal._check_company_domain(company), ("type", "=", "sale")],
            order="sequence, id",
            limit=1,
        )
        if not journal.default_account_id:
            raise RealtyUserError(
                codes.ERR_ACCOUNT_MISSING,
                self.env._(
                    "Company %(company)s has no sales journal with an income "
                    "account (l10n_cn: 600100 主营业务收入).",
                    company=company.name,
                ),
            )
        tax = self.env["account.tax"]._realty_vat_tax(company, rate)
        income = journal.default_account_id
        land = float(breakdown.land_deduction)
        total = float(breakdown.total)
        label = self.env._(
            "Sale of %(room)s, %(project)s (不动产销售)",
            room=room.display_name,
            project=project.name,
        )
        lines = [
            {
                "name": label,
                "quantity": 1,
                "price_unit": total - land,
                "account_id": income.id,
                "tax_ids": [fields.Command.set(tax.ids)],
                "realty_deal_id": deal.id,
            }
        ]
        if land:
            lines.append(
                {
                    "name": self.env._(
                        "Land price deducted from the VAT base (差额扣除): "
                        "%(cost)s per m² × %(area)s m²",
                        cost=project.land_cost_per_m2,
                        area=room.area_building_meas or room.area_building_pred,
                    ),
                    "quantity": 1,
                    "price_unit": land,
                    "account_id": income.id,
                    "tax_ids": [fields.Command.clear()],
                    "realty_deal_id": deal.id,
                }
            )
        address = " ".join(
            filter(
                None,
                [
                    project.city,
                    project.district,
                    project.address,
                    deal.building_id.name,
                    room.code,
                ],
            )
        )
        number = deal.contract_no or room.real_estate_unit_no or False
        area = float_round(room.area_building_meas or room.area_building_pred, 2)
        return {
            "move_type": "out_invoice",
            "company_id": company.id,
            "journal_id": journal.id,
            "partner_id": deal.partner_id.id,
            "invoice_date": invoice_date or fields.Date.context_today(self),
            "ref": deal.name,
            "invoice_origin": deal.name,
            "realty_deal_id": deal.id,
            "realty_property_address": address,
            "realty_contract_number": number,
            "realty_area": area,
            "realty_land_deduction": land,
            "realty_vat_method": policy.vat_method if policy else "general",
            "narration": self.env._(
                "Real estate sale (不动产销售). Property: %(address)s. Contract or "
                "unit number: %(number)s. Area: %(area)s m². Buyers: %(buyers)s. "
                "Price including VAT: %(total)s.",
                address=address,
                number=number or "-",
                area=area,
                buyers=", ".join(deal.buyer_ids.partner_id.mapped("name"))
                or deal.partner_id.name,
                total=total,
            ),
            "invoice_line_ids": [fields.Command.create(line) for line in lines],
        }

    @api.model
    def _realty_create_vat_invoice(self, deal, invoice_date=None):
        """Issue (post) the deal's VAT invoice; its posting settles it out of the
        contract liabilities (see the class)."""
        breakdown = self._realty_vat_breakdown(deal)
        company = deal.company_id
        company._realty_account("advance")  # named before anything is written
        # the invoice is the server's effect of the finance user's action: the
        # realty door for its tags, accounting as superuser
        Move = self.env["realty.deal"]._unlocked().env["account.move"].sudo()
        invoice = Move.with_company(company).create(
            self._realty_vat_invoice_vals(deal, breakdown, invoice_date)
        )
        (invoice.line_ids - invoice.invoice_line_ids).write({"realty_deal_id": deal.id})
        invoice._realty_check_vat(breakdown)
        invoice.action_post()
        return invoice.with_env(self.env)

    def _realty_settle_with_advance(self):
        """Settle the open receivable items of these VAT invoices and credit
        notes out of (back into) their deal's contract liabilities: one voucher
        each, reconciled with them."""
        for move in self:
            deal = move.realty_deal_id.sudo()
            advance = deal.company_id._realty_account("advance")
            currency = move.currency_id
            open_terms = move.line_ids.filtered(
                lambda line, currency=currency: (
                    line.display_type == "payment_term"
                    and not line.reconciled
                    and not currency.is_zero(line.amount_residual)
                )
            )
            if not open_terms:
                continue
            if move.move_type == "out_invoice":
                label = self.env._(
                    "VAT invoice %(invoice)s: revenue out of contract liabilities",
                    invoice=move.name,
                )
            else:
                label = self.env._(
                    "Red-letter credit note %(invoice)s: contract liabilities back",
                    invoice=move.name,
                )
            lines = []
            for term in open_terms:
                residual = term.amount_residual
                lines.append(
                    deal._finance_line(
                        term.account_id, -residual, label, reconcile_with=term
                    )
                )
                lines.append(deal._finance_line(advance, residual, label))
            deal._finance_post_voucher(lines, label, date=move.date)

    def _realty_check_vat(self, breakdown):
        """The invoice's figures are §9.2's to the fen, or nothing is issued."""
        self.ensure_one()
        currency = self.currency_id
        expected = (
            (self.amount_tax, breakdown.vat),
            (self.amount_untaxed, breakdown.amount_excl_vat),
            (self.amount_total, breakdown.total),
        )
        if any(currency.compare_amounts(got, float(want)) for got, want in expected):
            raise RealtyUserError(
                codes.ERR_INVALID_INPUT,
                self.env._(
                    "The invoice's VAT %(tax)s (excluding VAT %(untaxed)s) differs "
                    "from §9.2's %(vat)s (%(excl)s): check the tax %(taxes)s.",
                    tax=self.amount_tax,
                    untaxed=self.amount_untaxed,
                    vat=breakdown.vat,
                    excl=breakdown.amount_excl_vat,
                    taxes=", ".join(self.invoice_line_ids.tax_ids.mapped("name")),
                ),
            )
