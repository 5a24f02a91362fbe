"""Pure calculations of the 售楼管理 addons: plain functions over ``Decimal``.

No ORM, no database, no settings: the models pass the §11 configuration values as
arguments; the defaults are §11's. Errors are :class:`RealtyError` with a stable
``code`` (§2.7). Section numbers refer to ``domain.md``.

Public entry points:

* Errors and rounding (§0, §2.7): :class:`RealtyError`, :func:`rnd`,
  :func:`to_decimal`, :func:`percent`.
* Floors and room codes (§1.4): :func:`nominal_floor_labels`,
  :func:`nominal_floor_label`, :func:`check_floor_label`, :func:`room_code`,
  :func:`parse_room_code`, :class:`RoomCode`.
* Areas (§1.3): :func:`check_area_sum`, :func:`efficiency_percent`,
  :func:`shared_ratio`, :func:`apportionment_coefficient`.
* Pricing (§3.1-§3.5, §3.7, §3.8): :func:`list_unit_price`,
  :class:`Coefficient`, :func:`coefficient_unit_price`, :func:`total_price`,
  :func:`unit_price_from_total`, :func:`convert_unit_price`, :func:`reprice`,
  :class:`PriceChange`, :data:`REPRICEABLE_STATES`, :func:`check_filed_price`,
  :func:`deal_price`, :class:`DealPrice` (the deal total and unit price),
  :func:`contract_price`, :class:`ContractPrice` (house plus decoration).
* Discounts (§4.1-§4.5): :class:`DiscountLine`, :func:`apply_discounts`,
  :class:`DiscountResult`, :class:`DiscountStep`, :class:`ApprovalRung`,
  :data:`DEFAULT_DISCOUNT_LADDER`, :func:`required_approval`.
* Loans (§5.2-§5.5): :func:`minimum_down_payment_ratio`, :func:`check_loan_amount`,
  :func:`commercial_rate`, :func:`provident_rate`, :func:`split_loan`,
  :class:`LoanSplit`, :func:`repayment_quote`, :class:`RepaymentQuote`,
  :func:`equal_principal_payment`, :func:`repayment_schedule`,
  :class:`RepaymentRow`, :func:`loan_quote`, :class:`LoanQuote` (one loan, both
  repayment methods), :func:`combined_loan_quote`, :class:`CombinedLoanQuote`
  (commercial plus provident, the buyer's monthly sums).
* Schedules (§0.6, §5.1): :func:`add_months`, :class:`DueRule`, :class:`PlanLine`,
  :func:`build_schedule`, :class:`ScheduleLine`.
* Deposits (§5.8, §2.4 R3): :func:`split_deposit`, :class:`DepositSplit`,
  :func:`deposit_outcome`, :class:`DepositOutcome`.
* Taxes and fees (§6, §9.2, §9.5): :func:`vat_breakdown`, :class:`VatBreakdown`,
  :func:`deed_tax_rate`, :func:`deed_tax`, :class:`DeedTax` (by home tier, area
  and property right), :func:`stamp_duty`, :func:`registration_fee`,
  :func:`maintenance_fund_rate`, :func:`maintenance_fund`,
  :class:`CollectionFees` (the fees of a sale and their total), :func:`pos_fee`,
  :class:`PosFee`.
* Area adjustment (§7.2, §7.3): :func:`area_adjustment`, :class:`AreaAdjustment`,
  :func:`rescission_refund`, :class:`RescissionRefund`; the settlement of a room
  with its fees recomputed (§7.6): :func:`area_settlement`, :class:`AreaSettlement`.
* Identity and phones (§8.5, §8.6): :func:`validate_personal_id`,
  :class:`PersonalId`, :func:`age_on`, :func:`validate_uscc`, :func:`parse_phone`,
  :class:`PhoneNumber`.
* Numbering (§9.3, §10.1): :func:`format_receipt_number`,
  :func:`parse_receipt_number`, :class:`ReceiptNumber`, :func:`format_queue_number`,
  :func:`parse_queue_number`, :class:`QueueNumber`.
* Late payment and aging (§9.7): :func:`late_penalty`, :func:`days_overdue`,
  :func:`aging_bucket`.
* Dunning (§9.7): :class:`DunningStep`, :data:`DEFAULT_DUNNING_STEPS`,
  :func:`dunning_steps`, :func:`parse_dunning_steps`, :func:`format_dunning_steps`,
  :func:`dunning_date`, :func:`due_steps` (the one letter to send, if any),
  :func:`demand_amounts`, :class:`DemandAmounts` (a letter's outstanding amount,
  penalty so far and days overdue).
* Mortgage disbursement lists (§9.6): :func:`read_table_bytes`,
  :func:`read_csv_bytes`, :func:`read_xlsx_bytes`, :func:`parse_disbursement_rows`,
  :class:`DisbursementFile`, :class:`DisbursementRow`, :class:`RowError`,
  :func:`parse_cell_amount`, :func:`parse_cell_date`.
* Capital numerals (§9.9): :func:`amount_to_capital`.
* Draw (§10.3): :func:`draw_key`, :func:`input_list_hash`, :func:`run_draw`,
  :class:`DrawResult`.
* Sale states (§2.1, §2.3, §2.4): :data:`STATES`, :data:`TRANSITIONS`,
  :data:`GUARDS`, :class:`Transition`, :class:`StateOptions`, :class:`Move`,
  :func:`check_transition`, :func:`allowed_actions`, :func:`change_room_states`.

The string constants of each module (modes, kinds, states, error codes) are read
from the module itself, e.g. ``tools.errors.ERR_AREA_SUM`` or ``tools.states.HELD``.
"""

from .area_adjust import AreaAdjustment, RescissionRefund, area_adjustment
from .area_adjust import rescission_refund
from .area_settlement import AreaSettlement, area_settlement
from .areas import (
    apportionment_coefficient,
    check_area_sum,
    efficiency_percent,
    shared_ratio,
)
from .capital import amount_to_capital
from .deposits import DepositOutcome, DepositSplit, deposit_outcome, split_deposit
from .discounts import (
    DEFAULT_DISCOUNT_LADDER,
    ApprovalRung,
    DiscountLine,
    DiscountResult,
    DiscountStep,
    apply_discounts,
    required_approval,
)
from .disbursement import (
    DisbursementFile,
    DisbursementRow,
    RowError,
    parse_cell_amount,
    parse_cell_date,
    parse_disbursement_rows,
    read_csv_bytes,
    read_table_bytes,
    read_xlsx_bytes,
)
from .draw import DrawResult, draw_key, input_list_hash, run_draw
from .dunning import (
    DEFAULT_DUNNING_STEPS,
    DemandAmounts,
    DunningStep,
    demand_amounts,
    due_steps,
    dunning_date,
    dunning_steps,
    format_dunning_steps,
    parse_dunning_steps,
)
from .errors import RealtyError
from .fees import (
    CollectionFees,
    DeedTax,
    PosFee,
    VatBreakdown,
    deed_tax,
    deed_tax_rate,
    maintenance_fund,
    maintenance_fund_rate,
    pos_fee,
    registration_fee,
    stamp_duty,
    vat_breakdown,
)
from .floors import (
    RoomCode,
    check_floor_label,
    nominal_floor_label,
    nominal_floor_labels,
    parse_room_code,
    room_code,
)
from .identity import (
    PersonalId,
    age_on,
    id_check_character,
    validate_personal_id,
    validate_uscc,
)
from .late import aging_bucket, days_overdue, late_penalty
from .loans import (
    CombinedLoanQuote,
    LoanQuote,
    LoanSplit,
    RepaymentQuote,
    RepaymentRow,
    check_loan_amount,
    combined_loan_quote,
    commercial_rate,
    equal_principal_payment,
    loan_quote,
    minimum_down_payment_ratio,
    provident_rate,
    repayment_quote,
    repayment_schedule,
    split_loan,
)
from .numbering import (
    QueueNumber,
    ReceiptNumber,
    format_queue_number,
    format_receipt_number,
    parse_queue_number,
    parse_receipt_number,
)
from .phone import PhoneNumber, parse_phone
from .pricing import (
    REPRICEABLE_STATES,
    ContractPrice,
    DealPrice,
    contract_price,
    Coefficient,
    PriceChange,
    check_filed_price,
    coefficient_unit_price,
    convert_unit_price,
    deal_price,
    list_unit_price,
    reprice,
    total_price,
    unit_price_from_total,
)
from .rounding import percent, rnd, to_decimal
from .schedule import DueRule, PlanLine, ScheduleLine, add_months, build_schedule
from .states import (
    GUARDS,
    STATES,
    TRANSITIONS,
    Move,
    StateOptions,
    Transition,
    allowed_actions,
    change_room_states,
    check_transition,
)

__all__ = [
    "DEFAULT_DISCOUNT_LADDER",
    "DEFAULT_DUNNING_STEPS",
    "GUARDS",
    "REPRICEABLE_STATES",
    "STATES",
    "TRANSITIONS",
    "ApprovalRung",
    "AreaAdjustment",
    "AreaSettlement",
    "Coefficient",
    "CollectionFees",
    "CombinedLoanQuote",
    "ContractPrice",
    "DealPrice",
    "DeedTax",
    "DemandAmounts",
    "DepositOutcome",
    "DepositSplit",
    "DisbursementFile",
    "DisbursementRow",
    "DiscountLine",
    "DiscountResult",
    "DiscountStep",
    "DrawResult",
    "DueRule",
    "DunningStep",
    "LoanQuote",
    "LoanSplit",
    "Move",
    "PersonalId",
    "PhoneNumber",
    "PlanLine",
    "PosFee",
    "PriceChange",
    "QueueNumber",
    "RealtyError",
    "ReceiptNumber",
    "RepaymentQuote",
    "RepaymentRow",
    "RescissionRefund",
    "RoomCode",
    "RowError",
    "ScheduleLine",
    "StateOptions",
    "Transition",
    "VatBreakdown",
    "add_months",
    "age_on",
    "aging_bucket",
    "allowed_actions",
    "amount_to_capital",
    "apply_discounts",
    "apportionment_coefficient",
    "area_adjustment",
    "area_settlement",
    "build_schedule",
    "change_room_states",
    "check_area_sum",
    "check_filed_price",
    "check_floor_label",
    "check_loan_amount",
    "check_transition",
    "coefficient_unit_price",
    "combined_loan_quote",
    "commercial_rate",
    "contract_price",
    "convert_unit_price",
    "days_overdue",
    "deal_price",
    "deed_tax",
    "deed_tax_rate",
    "demand_amounts",
    "deposit_outcome",
    "draw_key",
    "due_steps",
    "dunning_date",
    "dunning_steps",
    "efficiency_percent",
    "equal_principal_payment",
    "format_dunning_steps",
    "format_queue_number",
    "format_receipt_number",
    "input_list_hash",
    "late_penalty",
    "list_unit_price",
    "loan_quote",
    "maintenance_fund",
    "maintenance_fund_rate",
    "minimum_down_payment_ratio",
    "nominal_floor_label",
    "nominal_floor_labels",
    "parse_cell_amount",
    "parse_cell_date",
    "parse_disbursement_rows",
    "parse_dunning_steps",
    "parse_phone",
    "parse_queue_number",
    "parse_receipt_number",
    "parse_room_code",
    "percent",
    "pos_fee",
    "provident_rate",
    "read_csv_bytes",
    "read_table_bytes",
    "read_xlsx_bytes",
    "registration_fee",
    "repayment_quote",
    "repayment_schedule",
    "reprice",
    "required_approval",
    "rescission_refund",
    "rnd",
    "room_code",
    "run_draw",
    "shared_ratio",
    "split_deposit",
    "split_loan",
    "stamp_duty",
    "to_decimal",
    "total_price",
    "unit_price_from_total",
    "validate_personal_id",
    "validate_uscc",
    "vat_breakdown",
]
