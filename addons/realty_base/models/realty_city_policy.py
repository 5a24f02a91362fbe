from odoo import fields, models

from ..inputs import AMOUNT, AREA, LOAN_TERM, PERCENT, RATIO, SPREAD_BP
from ..tools import area_settlement, fees, loans, to_decimal

LOAN_SPLIT_FIELDS = (
    "min_dp_commercial_first",
    "min_dp_commercial_second",
    "min_dp_provident_first",
    "min_dp_provident_second",
    "min_dp_non_residential",
    "pf_cap_family",
    "pf_multiple",
    "loan_rounding_unit",
    "loan_rounding_mode",
)
"""The policy fields a loan split reads (:meth:`RealtyCityPolicy._loan_split`): a
stored compute that splits a loan depends on each of them."""
LOAN_METHOD_FIELDS = ("payment_type", "down_payment_ratio")
"""The payment-method fields a loan split reads."""

ROUNDING_MODES = [("half_up", "Half Up"), ("down", "Down"), ("up", "Up")]
LOAN_ROUNDING_UNITS = [
    ("1", "1 yuan"),
    ("100", "100 yuan"),
    ("1000", "1,000 yuan"),
    ("10000", "10,000 yuan"),
]


class RealtyCityPolicy(models.Model):
    """What varies by city (domain.md §11, [C]): down payments, loan rules, rates,
    and the fees collected for others (代收费用, §6). A project uses one policy; a
    project that differs from its city uses its own copy."""

    _name = "realty.city.policy"
    _description = "City Sales Policy"
    _inherit = ["mail.thread"]
    _order = "sequence, name"

    name = fields.Char(required=True, tracking=True)
    city_code = fields.Char(string="Division Code", size=6)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True)
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.ref("base.CNY"), required=True
    )

    # ---------------------------------------------------------- loans (§5.2-§5.4)
    min_dp_commercial_first = fields.Float(
        bounds=RATIO,
        string="Commercial Loan, First Home",
        digits=(5, 4),
        default=0.15,
        tracking=True,
    )
    min_dp_commercial_second = fields.Float(
        bounds=RATIO,
        string="Commercial Loan, Second Home",
        digits=(5, 4),
        default=0.15,
        tracking=True,
    )
    min_dp_provident_first = fields.Float(
        bounds=RATIO,
        string="Provident Loan, First Home",
        digits=(5, 4),
        default=0.20,
        tracking=True,
    )
    min_dp_provident_second = fields.Float(
        bounds=RATIO,
        string="Provident Loan, Second Home",
        digits=(5, 4),
        default=0.20,
        tracking=True,
    )
    min_dp_non_residential = fields.Float(
        bounds=RATIO,
        string="Non-Residential",
        digits=(5, 4),
        default=0.50,
        tracking=True,
    )
    loan_rounding_unit = fields.Selection(
        LOAN_ROUNDING_UNITS, default="10000", required=True, tracking=True
    )
    loan_rounding_mode = fields.Selection(
        ROUNDING_MODES, default="down", required=True, tracking=True
    )
    commercial_spread_first_bp = fields.Integer(
        bounds=SPREAD_BP,
        string="Commercial Spread, First Home (bp)",
        default=-45,
        tracking=True,
        help="Basis points added to the LPR; -45 gives 3.05 % on a 3.50 % LPR.",
    )
    commercial_spread_second_bp = fields.Integer(
        bounds=SPREAD_BP,
        string="Commercial Spread, Second Home (bp)",
        default=-5,
        tracking=True,
    )
    pf_cap_family = fields.Monetary(
        bounds=AMOUNT,
        string="Provident Cap, Family",
        tracking=True,
        help="The most a family can borrow from the provident fund here; 0: no cap.",
    )
    pf_cap_individual = fields.Monetary(
        bounds=AMOUNT, string="Provident Cap, Individual", tracking=True
    )
    pf_multiple = fields.Float(
        bounds=PERCENT,
        string="Provident Balance Multiple",
        digits=(5, 2),
        tracking=True,
        help="Loan at most this many times the account balance (e.g. 15-20); 0: none.",
    )
    max_term_months = fields.Integer(
        bounds=LOAN_TERM, string="Longest Term (months)", default=360
    )

    # ------------------------------------------------------------ deed tax (§6.1)
    deed_tax_statutory_rate = fields.Float(
        bounds=RATIO,
        string="Statutory Deed Tax Rate",
        digits=(5, 4),
        default=0.03,
        tracking=True,
    )
    deed_tax_relief_area = fields.Float(
        bounds=AREA,
        string="Relief Area Threshold (m²)",
        digits=(7, 2),
        default=140.0,
        tracking=True,
    )
    deed_tax_base_mode = fields.Selection(
        [("excl_vat", "Excluding VAT"), ("incl_vat", "Including VAT")],
        string="Deed Tax Base",
        default="excl_vat",
        required=True,
    )
    vat_method = fields.Selection(
        [("general", "General Method"), ("simple", "Simplified Method")],
        string="VAT Method",
        default="general",
        required=True,
    )
    vat_rate = fields.Float(
        bounds=RATIO, string="VAT Rate", digits=(5, 4), default=0.09
    )
    vat_simple_rate = fields.Float(
        bounds=RATIO, string="Simplified VAT Rate", digits=(5, 4), default=0.03
    )

    # ------------------------------------------------- other fees (§6.2-§6.5)
    stamp_duty_rate = fields.Float(
        bounds=RATIO,
        string="Stamp Duty Rate (non-housing)",
        digits=(6, 5),
        default=0.0005,
    )
    reg_fee_residential = fields.Monetary(
        bounds=AMOUNT, string="Registration, Housing", default=80
    )
    reg_fee_non_residential = fields.Monetary(
        bounds=AMOUNT, string="Registration, Non-Housing", default=550
    )
    reg_fee_parking = fields.Monetary(
        bounds=AMOUNT, string="Registration, Parking/Storage", default=80
    )
    reg_fee_extra_certificate = fields.Monetary(
        bounds=AMOUNT, string="Each Extra Certificate", default=10
    )
    maint_mode = fields.Selection(
        [
            ("per_m2", "Per m² of Building Area"),
            ("percent_of_price", "Percent of Price"),
        ],
        string="Maintenance Fund Basis",
        default="per_m2",
        required=True,
    )
    maint_elevator_residential = fields.Monetary(
        bounds=AMOUNT, string="Maintenance Fund, Elevator Housing (per m²)", default=100
    )
    maint_non_elevator_residential = fields.Monetary(
        bounds=AMOUNT,
        string="Maintenance Fund, Non-Elevator Housing (per m²)",
        default=100,
    )
    maint_non_residential = fields.Monetary(
        bounds=AMOUNT, string="Maintenance Fund, Non-Housing (per m²)", default=100
    )
    maint_percent = fields.Float(
        bounds=RATIO, string="Maintenance Fund Percent", digits=(5, 4), default=0.02
    )
    fee_item_ids = fields.One2many("realty.fee.item", "policy_id", string="Other Fees")

    # ------------------------------------------------------------ calculations
    def _min_down_ratio(self, loan_type, home_tier, residential):
        """The §5.2 minimum down-payment ratio for a loan (exact decimal)."""
        self.ensure_one()
        return loans.minimum_down_payment_ratio(
            loan_type,
            home_tier,
            residential=residential,
            commercial_first=to_decimal(self.min_dp_commercial_first),
            commercial_second=to_decimal(self.min_dp_commercial_second),
            provident_first=to_decimal(self.min_dp_provident_first),
            provident_second=to_decimal(self.min_dp_provident_second),
            non_residential=to_decimal(self.min_dp_non_residential),
        )

    def _loan_split(
        self,
        deal_total,
        payment_method,
        *,
        usage,
        home_tier,
        down_payment_ratio=0,
        pf_account_balance=0,
    ):
        """tools.LoanSplit of a sale paid with `payment_method` under this policy
        (§5.2, §5.4), or None when the method takes no loan. The one place the deal
        and the price calculator split a loan.

        The down payment is the buyer's ratio, else the method's default, and never
        below the §5.2 minimum for the loan type, the home tier (a third home counts
        as a second one for loans) and the usage. Reads the fields named in
        LOAN_SPLIT_FIELDS and LOAN_METHOD_FIELDS.

        :raises RealtyError: ERR_INVALID_INPUT or ERR_LOAN_EXCEEDS_MAX (tools).
        """
        self.ensure_one()
        loan_type = payment_method._loan_type() if payment_method else None
        if not loan_type:
            return None
        tier = loans.FIRST_HOME if home_tier == "first" else loans.SECOND_HOME
        min_dp = self._min_down_ratio(loan_type, tier, usage == "residential")
        chosen = to_decimal(down_payment_ratio or payment_method.down_payment_ratio)
        return loans.split_loan(
            to_decimal(deal_total),
            min_dp,
            loan_type=loan_type,
            down_ratio=max(chosen, min_dp),
            pf_city_cap=to_decimal(self.pf_cap_family) or None,
            pf_account_balance=to_decimal(pf_account_balance)
            if loan_type != loans.COMMERCIAL
            else None,
            pf_multiple=to_decimal(self.pf_multiple) or None,
            rounding_unit=to_decimal(self.loan_rounding_unit),
            rounding_mode=self.loan_rounding_mode,
        )

    def _loan_rates(self, on_date, months, home_tier):
        """``{"commercial": rate, "provident": rate}`` (annual fractions) for a loan
        of `months` taken on `on_date` (§5.3): the dated LPR plus this policy's
        spread, and the dated provident-fund rate of the tier."""
        self.ensure_one()
        tier = loans.FIRST_HOME if home_tier == "first" else loans.SECOND_HOME
        lpr_1y, lpr_5y = self.env["realty.rate.lpr"]._on(on_date)
        spread = (
            self.commercial_spread_first_bp
            if tier == loans.FIRST_HOME
            else self.commercial_spread_second_bp
        )
        provident = self.env["realty.rate.provident"]._on(on_date, tier)
        return {
            loans.COMMERCIAL: loans.commercial_rate(months, lpr_1y, lpr_5y, spread),
            loans.PROVIDENT: loans.provident_rate(months, *provident),
        }

    def _collection_fees(
        self,
        contract_total,
        building_area,
        *,
        usage,
        has_elevator=True,
        home_tier=fees.FIRST_HOME,
        individual_buyer=True,
        certificates=1,
        land_cost_per_m2=0,
        property_right=fees.FULL_RIGHT,
    ):
        """The fees collected for others on a sale (§6, V-19 … V-25), in yuan.

        :param contract_total: house plus decoration (§3.7).
        :param property_right: ``use_right`` for a use-right sale (e.g.
            civil-defence parking), which is not a transfer of title and pays no
            deed tax.
        :returns: tools.CollectionFees (each fee and their ``total``).
        """
        self.ensure_one()
        residential = usage == "residential"
        total = to_decimal(contract_total)
        area = to_decimal(building_area)
        vat = fees.vat_breakdown(
            total,
            building_area=area,
            land_cost_per_m2=to_decimal(land_cost_per_m2),
            method=self.vat_method,
            rate=to_decimal(self.vat_rate),
            simple_rate=to_decimal(self.vat_simple_rate),
        )
        deed = fees.deed_tax(
            total,
            area,
            home_tier,
            vat.vat,
            base_mode=self.deed_tax_base_mode,
            residential=residential,
            individual_buyer=individual_buyer,
            relief_area_threshold=to_decimal(self.deed_tax_relief_area),
            statutory_rate=to_decimal(self.deed_tax_statutory_rate),
            property_right=property_right,
        )
        stamp = fees.stamp_duty(
            total,
            residential=residential,
            individual_buyer=individual_buyer,
            rate=to_decimal(self.stamp_duty_rate),
        )
        if residential:
            kind = fees.RESIDENTIAL
        elif usage in ("parking", "storage"):
            kind = fees.PARKING_STORAGE
        else:
            kind = fees.NON_RESIDENTIAL
        registration = fees.registration_fee(
            kind,
            certificates,
            residential=to_decimal(self.reg_fee_residential),
            non_residential=to_decimal(self.reg_fee_non_residential),
            parking_storage=to_decimal(self.reg_fee_parking),
            extra_certificate=to_decimal(self.reg_fee_extra_certificate),
        )
        maintenance = fees.maintenance_fund(
            mode=self.maint_mode,
            building_area=area,
            rate_per_m2=fees.maintenance_fund_rate(
                has_elevator,
                residential,
                elevator_residential=to_decimal(self.maint_elevator_residential),
                non_elevator_residential=to_decimal(
                    self.maint_non_elevator_residential
                ),
                non_residential=to_decimal(self.maint_non_residential),
            ),
            deal_total=total,
            percent=to_decimal(self.maint_percent),
        )
        others = tuple(
            (item.name, item._amount(total))
            for item in self.fee_item_ids
            if item._applies_to(usage)
        )
        return fees.CollectionFees(
            vat=vat,
            deed_tax=deed,
            stamp_duty=stamp,
            registration_fee=registration,
            maintenance_fund=maintenance,
            others=others,
        )

    def _area_settlement(
        self,
        contract_area,
        measured_area,
        unit_price,
        contract_total,
        *,
        other_contract_area,
        other_measured_area,
        basis,
        usage,
        has_elevator=True,
        home_tier=fees.FIRST_HOME,
        individual_buyer=True,
        certificates=1,
        land_cost_per_m2=0,
        property_right=fees.FULL_RIGHT,
        manual_adjustment=0,
        deed_tax_collected=None,
        maintenance_fund_collected=None,
        **band_rules,
    ):
        """The settlement of a room's area difference with its fees recomputed under
        this policy (§7.3, §7.6, V-33): tools.area_settlement fed the way
        :meth:`_collection_fees` feeds tools.fees.

        :param band_rules: ``mode``, ``band``, ``over_band_buyer_share``,
            ``under_band_refund_multiplier`` of tools.area_adjustment (the
            project's area-adjustment settings).
        :returns: tools.AreaSettlement.
        """
        self.ensure_one()
        residential = usage == "residential"
        kind = fees.RESIDENTIAL
        if usage in ("parking", "storage"):
            kind = fees.PARKING_STORAGE
        elif not residential:
            kind = fees.NON_RESIDENTIAL
        return area_settlement(
            to_decimal(contract_area),
            to_decimal(measured_area),
            to_decimal(unit_price),
            to_decimal(contract_total),
            other_contract_area=to_decimal(other_contract_area),
            other_measured_area=to_decimal(other_measured_area),
            basis=basis,
            manual_adjustment=to_decimal(manual_adjustment),
            home_tier=home_tier,
            residential=residential,
            individual_buyer=individual_buyer,
            property_right=property_right,
            vat_method=self.vat_method,
            vat_rate=to_decimal(self.vat_rate),
            vat_simple_rate=to_decimal(self.vat_simple_rate),
            land_cost_per_m2=to_decimal(land_cost_per_m2),
            deed_tax_base_mode=self.deed_tax_base_mode,
            relief_area_threshold=to_decimal(self.deed_tax_relief_area),
            statutory_rate=to_decimal(self.deed_tax_statutory_rate),
            maintenance_mode=self.maint_mode,
            maintenance_rate_per_m2=fees.maintenance_fund_rate(
                has_elevator,
                residential,
                elevator_residential=to_decimal(self.maint_elevator_residential),
                non_elevator_residential=to_decimal(
                    self.maint_non_elevator_residential
                ),
                non_residential=to_decimal(self.maint_non_residential),
            ),
            maintenance_percent=to_decimal(self.maint_percent),
            registration_fee=fees.registration_fee(
                kind,
                certificates,
                residential=to_decimal(self.reg_fee_residential),
                non_residential=to_decimal(self.reg_fee_non_residential),
                parking_storage=to_decimal(self.reg_fee_parking),
                extra_certificate=to_decimal(self.reg_fee_extra_certificate),
            ),
            deed_tax_collected=deed_tax_collected,
            maintenance_fund_collected=maintenance_fund_collected,
            **band_rules,
        )
