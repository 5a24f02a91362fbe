"""Loan limits, rates, the loan split and repayment tables (§5.2-§5.5).

Rates are annual fractions (0.0305 for 3.05 %). The monthly rate ``r = annual / 12``
is never materialised: every formula multiplies by the annual rate and divides by
12 (× n) last, in one division, so an exact half-fen is never cut below .5 (§0.1).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .errors import ERR_INVALID_INPUT, ERR_LOAN_EXCEEDS_MAX, RealtyError
from .rounding import CENT, DOWN, ONE, ZERO, Number, exact, rnd, to_decimal

COMMERCIAL = "commercial"
PROVIDENT = "provident"
COMBINED = "combined"
LOAN_TYPES = (COMMERCIAL, PROVIDENT, COMBINED)

FIRST_HOME = "first"
SECOND_HOME = "second"

EQUAL_INSTALLMENT = "equal_installment"
"""等额本息."""
EQUAL_PRINCIPAL = "equal_principal"
"""等额本金."""

LOAN_ROUNDING_UNIT = Decimal(10000)
_TWELVE = Decimal(12)
_BASIS_POINT = Decimal("0.0001")


@exact
def minimum_down_payment_ratio(
    loan_type: str,
    home_tier: str = FIRST_HOME,
    *,
    residential: bool = True,
    commercial_first: Number = Decimal("0.15"),
    commercial_second: Number = Decimal("0.15"),
    provident_first: Number = Decimal("0.20"),
    provident_second: Number = Decimal("0.20"),
    non_residential: Number = Decimal("0.50"),
) -> Decimal:
    """The minimum down-payment ratio ``loan.min_dp.*`` (§5.2).

    A combined loan takes the larger of the commercial and provident minimums;
    non-residential property takes ``loan.min_dp.non_residential``.
    """
    if loan_type not in LOAN_TYPES or home_tier not in (FIRST_HOME, SECOND_HOME):
        raise RealtyError(
            ERR_INVALID_INPUT,
            "unknown loan type {type!r} or home tier {tier!r}",
            type=loan_type,
            tier=home_tier,
        )
    if not residential:
        return to_decimal(non_residential, "non_residential")
    first = home_tier == FIRST_HOME
    commercial = to_decimal(commercial_first if first else commercial_second)
    provident = to_decimal(provident_first if first else provident_second)
    if loan_type == COMMERCIAL:
        return commercial
    if loan_type == PROVIDENT:
        return provident
    return max(commercial, provident)


@exact
def check_loan_amount(loan: Number, deal_total: Number, min_down_ratio: Number) -> None:
    """Exact check ``loan ≤ deal_total × (1 − min_dp)`` (§5.2).

    :raises RealtyError: ``ERR_LOAN_EXCEEDS_MAX``.
    """
    amount, total = to_decimal(loan, "loan"), to_decimal(deal_total, "deal total")
    limit = total * (ONE - to_decimal(min_down_ratio, "min_down_ratio"))
    if amount > limit:
        raise RealtyError(
            ERR_LOAN_EXCEEDS_MAX,
            "loan {loan} exceeds the maximum {limit}",
            loan=amount,
            limit=limit,
        )


def _annual(value: Number, name: str = "annual rate") -> Decimal:
    rate = to_decimal(value, name)
    if rate < ZERO:
        raise RealtyError(ERR_INVALID_INPUT, "{name} is negative", name=name)
    return rate


@exact
def commercial_rate(
    term_months: int, lpr_1y: Number, lpr_5y: Number, spread_bp: Number = -45
) -> Decimal:
    """Commercial mortgage rate = LPR + spread (§5.3).

    The 5-year LPR applies to terms over 60 months, else the 1-year LPR. LPR values
    come from the dated ``rate.lpr`` table; *spread_bp* from
    ``loan.commercial.spread_bp.{first,second}`` (−45 / −5).
    """
    lpr = _annual(lpr_5y if term_months > 60 else lpr_1y, "LPR")
    return lpr + to_decimal(spread_bp, "spread_bp") * _BASIS_POINT


@exact
def provident_rate(
    term_months: int, rate_up_to_5y: Number, rate_over_5y: Number
) -> Decimal:
    """Provident-fund rate for a term from the dated ``rate.provident`` row (§5.3)."""
    return _annual(rate_over_5y if term_months > 60 else rate_up_to_5y)


@dataclass(frozen=True)
class LoanSplit:
    """Loan derivation (§5.4, V-11 … V-13)."""

    deal_total: Decimal
    loan_max: Decimal
    provident: Decimal
    commercial: Decimal
    down_payment: Decimal
    down_payment_ratio: Decimal
    min_down_ratio: Decimal = ZERO
    """The §5.2 minimum the split respected."""

    @property
    def loan(self) -> Decimal:
        """The total loan (provident + commercial)."""
        return self.provident + self.commercial


@exact
def split_loan(
    deal_total: Number,
    min_down_ratio: Number,
    *,
    loan_type: str = COMMERCIAL,
    down_ratio: Number | None = None,
    pf_city_cap: Number | None = None,
    pf_account_balance: Number | None = None,
    pf_multiple: Number | None = None,
    pf_repay_capacity: Number | None = None,
    rounding_unit: Number = LOAN_ROUNDING_UNIT,
    rounding_mode: str = DOWN,
    pf_rounding_unit: Number | None = None,
) -> LoanSplit:
    """Split a deal total into provident loan, commercial loan and down payment (§5.4).

    ``loan_max = rnd(T × (1 − max(d_c, d_min)), U, mode)``; the provident part is
    ``rnd_down(min(city cap, balance × multiple, repayment capacity, loan_max), U_pf)``
    (missing limits do not bind); the commercial part is the rest of ``loan_max``
    (zero for a provident-only loan).

    :param down_ratio: the buyer's chosen ratio ``d_c``; the larger of it and the
        minimum applies.
    :raises RealtyError: ``ERR_INVALID_INPUT`` for ratios outside [0, 1];
        ``ERR_LOAN_EXCEEDS_MAX`` when the rounding mode pushes the loan above the
        limit.
    """
    total = to_decimal(deal_total, "deal total")
    minimum = to_decimal(min_down_ratio, "min_down_ratio")
    chosen = minimum if down_ratio is None else to_decimal(down_ratio, "down_ratio")
    if (
        loan_type not in LOAN_TYPES
        or total < ZERO
        or not (ZERO <= minimum <= ONE and ZERO <= chosen <= ONE)
    ):
        raise RealtyError(
            ERR_INVALID_INPUT,
            "invalid loan split: {type!r}, total {total}, ratios {chosen}/{minimum}",
            type=loan_type,
            total=total,
            chosen=chosen,
            minimum=minimum,
        )
    cap_ratio = ONE - max(chosen, minimum)
    loan_max = rnd(total * cap_ratio, rounding_unit, rounding_mode)
    check_loan_amount(loan_max, total, minimum)
    provident = ZERO
    if loan_type != COMMERCIAL:
        limits = [loan_max]
        if pf_city_cap is not None:
            limits.append(to_decimal(pf_city_cap, "pf_city_cap"))
        if pf_account_balance is not None or pf_multiple is not None:
            limits.append(
                to_decimal(pf_account_balance or 0, "pf_account_balance")
                * to_decimal(pf_multiple or 0, "pf_multiple")
            )
        if pf_repay_capacity is not None:
            limits.append(to_decimal(pf_repay_capacity, "pf_repay_capacity"))
        unit = rounding_unit if pf_rounding_unit is None else pf_rounding_unit
        provident = rnd(max(min(limits), ZERO), unit, DOWN)
    commercial = ZERO if loan_type == PROVIDENT else loan_max - provident
    down_payment = total - provident - commercial
    return LoanSplit(
        deal_total=total,
        loan_max=loan_max,
        provident=provident,
        commercial=commercial,
        down_payment=down_payment,
        down_payment_ratio=down_payment / total if total else ZERO,
        min_down_ratio=minimum,
    )


@dataclass(frozen=True)
class RepaymentQuote:
    """Quote values of a repayment method (§5.5).

    For 等额本息 ``first_payment == last_payment`` (the monthly payment) and
    ``decrement`` is 0; for 等额本金 the payment falls by ``decrement`` each month.
    """

    method: str
    first_payment: Decimal
    last_payment: Decimal
    decrement: Decimal
    total_interest: Decimal

    @property
    def monthly(self) -> Decimal:
        """The (first) monthly payment."""
        return self.first_payment


@dataclass(frozen=True)
class RepaymentRow:
    """One month of a repayment table; *balance* is what remains after it."""

    period: int
    payment: Decimal
    principal: Decimal
    interest: Decimal
    balance: Decimal


def _loan_terms(
    principal: Number, annual_rate: Number, months: int
) -> tuple[Decimal, Decimal, Decimal]:
    """Validated principal, annual rate and term as Decimals."""
    amount = to_decimal(principal, "principal")
    if amount < ZERO or not isinstance(months, int) or months < 1:
        raise RealtyError(
            ERR_INVALID_INPUT,
            "invalid loan: principal {p}, {n} months",
            p=amount,
            n=months,
        )
    return amount, _annual(annual_rate), Decimal(months)


def _equal_installment(principal: Decimal, annual: Decimal, months: Decimal) -> Decimal:
    """Unrounded 等额本息 payment ``M = P·r·(1+r)^n / ((1+r)^n − 1)``."""
    if not annual:
        return principal / months
    growth = ((_TWELVE + annual) / _TWELVE) ** months
    return principal * annual * growth / (_TWELVE * (growth - ONE))


@exact
def equal_principal_payment(
    principal: Number, annual_rate: Number, months: int, period: int
) -> Decimal:
    """等额本金 quote payment of month *period* (§5.5, V-15).

    ``rnd(P/n + (P − (k−1)·P/n) × r)``, computed as the single quotient
    ``rnd(P × (12 + a × (n − k + 1)) / (12 n))``.
    """
    amount, annual, n = _loan_terms(principal, annual_rate, months)
    if not 1 <= period <= months:
        raise RealtyError(ERR_INVALID_INPUT, "period {k} outside the term", k=period)
    remaining_periods = n - period + ONE
    return rnd(amount * (_TWELVE + annual * remaining_periods) / (_TWELVE * n))


@exact
def repayment_quote(
    principal: Number, annual_rate: Number, months: int, method: str = EQUAL_INSTALLMENT
) -> RepaymentQuote:
    """Quote values as bank calculators show them (§5.5, V-14 … V-18)."""
    amount, annual, n = _loan_terms(principal, annual_rate, months)
    if method == EQUAL_INSTALLMENT:
        payment = _equal_installment(amount, annual, n)
        monthly = rnd(payment)
        return RepaymentQuote(method, monthly, monthly, ZERO, rnd(payment * n - amount))
    if method == EQUAL_PRINCIPAL:
        return RepaymentQuote(
            method,
            first_payment=equal_principal_payment(amount, annual, months, 1),
            last_payment=equal_principal_payment(amount, annual, months, months),
            decrement=rnd(amount * annual / (_TWELVE * n)),
            total_interest=rnd(amount * annual * (n + ONE) / (_TWELVE * 2)),
        )
    raise RealtyError(ERR_INVALID_INPUT, "unknown repayment method {m!r}", m=method)


@dataclass(frozen=True)
class LoanQuote:
    """One loan quoted both ways, as a bank calculator shows it (§5.5, V-14 … V-18):
    the 等额本息 monthly payment and the 等额本金 first/last payments, each with
    its total interest."""

    principal: Decimal
    annual_rate: Decimal
    months: int
    equal_installment: RepaymentQuote
    equal_principal: RepaymentQuote

    def by_method(self, method: str) -> RepaymentQuote:
        """The quote of one repayment method (``equal_installment`` or
        ``equal_principal``)."""
        if method == EQUAL_INSTALLMENT:
            return self.equal_installment
        if method == EQUAL_PRINCIPAL:
            return self.equal_principal
        raise RealtyError(ERR_INVALID_INPUT, "unknown repayment method {m!r}", m=method)


@exact
def loan_quote(principal: Number, annual_rate: Number, months: int) -> LoanQuote:
    """Quote one loan with both repayment methods (§5.5, V-14 … V-18)."""
    amount, annual, _n = _loan_terms(principal, annual_rate, months)
    return LoanQuote(
        principal=amount,
        annual_rate=annual,
        months=months,
        equal_installment=repayment_quote(amount, annual, months, EQUAL_INSTALLMENT),
        equal_principal=repayment_quote(amount, annual, months, EQUAL_PRINCIPAL),
    )


@dataclass(frozen=True)
class CombinedLoanQuote:
    """What the buyer of a 组合贷 pays each month (§5.5, V-16): the commercial and
    the provident loan are quoted separately, each at its own rate, and the buyer's
    figures are their sums (each rounded first, as each lender bills its own).

    A part without principal is None; the sums then are the other part's figures.
    """

    commercial: LoanQuote | None
    provident: LoanQuote | None
    equal_installment: RepaymentQuote
    equal_principal: RepaymentQuote

    @property
    def principal(self) -> Decimal:
        """The total loan."""
        return sum(
            (part.principal for part in (self.commercial, self.provident) if part),
            ZERO,
        )

    @property
    def monthly(self) -> Decimal:
        """The combined 等额本息 monthly payment."""
        return self.equal_installment.monthly

    def by_method(self, method: str) -> RepaymentQuote:
        """The combined quote of one repayment method."""
        if method == EQUAL_INSTALLMENT:
            return self.equal_installment
        if method == EQUAL_PRINCIPAL:
            return self.equal_principal
        raise RealtyError(ERR_INVALID_INPUT, "unknown repayment method {m!r}", m=method)


def _sum_quotes(method: str, quotes: list[RepaymentQuote]) -> RepaymentQuote:
    return RepaymentQuote(
        method,
        first_payment=sum((q.first_payment for q in quotes), rnd(ZERO)),
        last_payment=sum((q.last_payment for q in quotes), rnd(ZERO)),
        decrement=sum((q.decrement for q in quotes), rnd(ZERO)),
        total_interest=sum((q.total_interest for q in quotes), rnd(ZERO)),
    )


@exact
def combined_loan_quote(
    commercial: Number,
    commercial_rate: Number,
    provident: Number,
    provident_rate: Number,
    months: int,
) -> CombinedLoanQuote:
    """Quote a commercial plus a provident loan over the same term (§5.5, V-16).

    Either principal may be 0 (a commercial-only or provident-only loan), so this
    answers every loan split (:func:`split_loan`): pass ``split.commercial`` and
    ``split.provident``.
    """
    parts = {}
    for name, principal, rate in (
        (COMMERCIAL, commercial, commercial_rate),
        (PROVIDENT, provident, provident_rate),
    ):
        amount, _annual, _n = _loan_terms(principal, rate, months)
        parts[name] = loan_quote(amount, rate, months) if amount else None
    quotes = [part for part in parts.values() if part]
    return CombinedLoanQuote(
        commercial=parts[COMMERCIAL],
        provident=parts[PROVIDENT],
        equal_installment=_sum_quotes(
            EQUAL_INSTALLMENT, [q.equal_installment for q in quotes]
        ),
        equal_principal=_sum_quotes(
            EQUAL_PRINCIPAL, [q.equal_principal for q in quotes]
        ),
    )


@exact
def repayment_schedule(
    principal: Number, annual_rate: Number, months: int, method: str = EQUAL_INSTALLMENT
) -> tuple[RepaymentRow, ...]:
    """The full monthly table (§5.5); interest is ``rnd(balance × a / 12)`` each month.

    等额本息: principal = monthly − interest; 等额本金: principal = rnd(P/n). In both,
    the last month repays the remaining balance, so principals sum to P exactly.

    :raises RealtyError: ``ERR_INVALID_INPUT`` for an unknown method, or a loan too
        small for its term (the rounded monthly principal would overshoot P).
    """
    amount, annual, n = _loan_terms(principal, annual_rate, months)
    if method == EQUAL_INSTALLMENT:
        monthly = rnd(_equal_installment(amount, annual, n))
    elif method == EQUAL_PRINCIPAL:
        monthly_principal = rnd(amount / n)
    else:
        raise RealtyError(ERR_INVALID_INPUT, "unknown repayment method {m!r}", m=method)
    rows = []
    balance = amount
    for period in range(1, months + 1):
        interest = rnd(balance * annual / _TWELVE, CENT)
        if period == months:
            part = balance
        elif method == EQUAL_INSTALLMENT:
            part = monthly - interest
        else:
            part = monthly_principal
        balance -= part
        if balance < ZERO or part < ZERO:
            raise RealtyError(
                ERR_INVALID_INPUT,
                "loan {p} is too small for {n} months",
                p=amount,
                n=months,
            )
        rows.append(RepaymentRow(period, part + interest, part, interest, balance))
    return tuple(rows)
