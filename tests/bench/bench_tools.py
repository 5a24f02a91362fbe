"""Benchmark of the pure calculation library (addons/realty_base/tools).

Times, with ``time.perf_counter`` over a few repetitions (best taken):

* 10,000 installment schedules (INST3: 30 % on contract with 定金 credited, 30 % at
  contract + 3 months, remainder at the earlier of + 6 months and 30 days before
  delivery), with varied totals and dates;
* 10,000 repayment schedules of 360 months, equal installments and equal
  principal.

Each figure is compared with a naive binary-float implementation of the same work
timed in the same run, so the ratio is the cost of exact decimal arithmetic. A
workload whose full size would take too long is timed on a subset and its rate
extrapolated; the line says so.

Plain Python, no pytest and no Odoo: ``python tests/bench/bench_tools.py``, or
``run()`` from a harness, which returns ``(name, value, unit, ratio_or_None)``.
"""

from __future__ import annotations

import calendar
import importlib
import random
import sys
import time
import types
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from bench.harness import best_of

ADDON_DIR = Path(__file__).resolve().parents[2] / "addons" / "realty_base"
SCHEDULES = 10_000
MONTHS = 360
REPETITIONS = 3
REPETITION_BUDGET = 3.0
"""Seconds one repetition may take; a longer workload is timed on a subset."""


def _load_tools():
    """Import ``realty_base.tools`` without running the addon's ``__init__``."""
    if "realty_base" not in sys.modules:
        package = types.ModuleType("realty_base")
        package.__path__ = [str(ADDON_DIR)]
        sys.modules["realty_base"] = package
    return importlib.import_module("realty_base.tools")


tools = _load_tools()

INST3 = (
    tools.PlanLine(
        "installment", "percent", tools.DueRule("on_contract"), 30, credit_deposit=True
    ),
    tools.PlanLine(
        "installment", "percent", tools.DueRule("months_after_contract", 3), 30
    ),
    tools.PlanLine(
        "balance",
        "remainder",
        (
            tools.DueRule("months_after_contract", 6),
            tools.DueRule("before_delivery", 30),
        ),
    ),
)


def _installment_cases(count: int) -> list[tuple[int, date, date]]:
    rng = random.Random(20250601)
    cases = []
    for _ in range(count):
        contract = date(2025, 1, 1) + timedelta(days=rng.randrange(730))
        delivery = contract + timedelta(days=rng.randrange(150, 400))
        cases.append((rng.randrange(500_000, 5_000_000), contract, delivery))
    return cases


def _loan_cases(count: int) -> list[tuple[int, str]]:
    rng = random.Random(20250520)
    return [
        (rng.randrange(10, 300) * 10_000, f"0.0{rng.randrange(200, 400)}")
        for _ in range(count)
    ]


def _decimal_installments(cases) -> None:
    for total, contract, delivery in cases:
        tools.build_schedule(
            total, INST3, contract_date=contract, delivery_date=delivery, credit=50_000
        )


def _float_add_months(start: date, months: int) -> date:
    year, month = divmod(start.year * 12 + start.month - 1 + months, 12)
    day = min(start.day, calendar.monthrange(year, month + 1)[1])
    return date(year, month + 1, day)


def _float_installments(cases) -> None:
    schedules = []
    for total, contract, delivery in cases:
        first = round(total * 0.30)
        second = round(total * 0.30)
        last_due = min(_float_add_months(contract, 6), delivery - timedelta(days=30))
        schedules.append(
            [
                (contract, first, first - 50_000.0),
                (_float_add_months(contract, 3), second, second),
                (last_due, total - first - second, total - first - second),
            ]
        )


def _decimal_repayments(method: str) -> Callable[[list], None]:
    def work(cases) -> None:
        for principal, rate in cases:
            tools.repayment_schedule(principal, rate, MONTHS, method)

    return work


def _float_repayments(method: str) -> Callable[[list], None]:
    def work(cases) -> None:
        for principal, rate_text in cases:
            r = float(rate_text) / 12
            if method == "equal_installment":
                growth = (1 + r) ** MONTHS
                monthly = round(principal * r * growth / (growth - 1), 2)
            else:
                monthly = round(principal / MONTHS, 2)
            balance = float(principal)
            rows = []
            for period in range(1, MONTHS + 1):
                interest = round(balance * r, 2)
                if period == MONTHS:
                    part = balance
                elif method == "equal_installment":
                    part = monthly - interest
                else:
                    part = monthly
                balance -= part
                rows.append((period, part + interest, part, interest, balance))

    return work


def _best_time(work: Callable[[list], None], cases: list) -> float:
    return best_of(lambda: work(cases), REPETITIONS)


def _measure(
    name: str,
    cases: list,
    exact_work: Callable[[list], None],
    float_work: Callable[[list], None],
) -> tuple[tuple[str, float, str, float], str]:
    """Time both implementations; returns the result tuple and its printed line."""
    probe = cases[: max(1, len(cases) // 100)]
    start = time.perf_counter()
    exact_work(probe)
    estimate = (time.perf_counter() - start) * len(cases) / len(probe)
    timed = cases
    if estimate > REPETITION_BUDGET:
        timed = cases[: max(len(probe), int(len(cases) * REPETITION_BUDGET / estimate))]
    exact_rate = len(timed) / _best_time(exact_work, timed)
    float_rate = len(cases) / _best_time(float_work, cases)
    ratio = float_rate / exact_rate
    line = f"{name}: {exact_rate:.0f} per second ({ratio:.2f} x a float baseline)"
    if len(timed) < len(cases):
        line += (
            f"; timed on {len(timed):,} of {len(cases):,} schedules and the rate"
            " extrapolated"
        )
    return (name, exact_rate, "per second", ratio), line


def run(verbose: bool = False) -> list[tuple[str, float, str, float | None]]:
    """Run every figure; returns ``(name, value, unit, ratio_or_None)`` tuples."""
    workloads = [
        (
            "tools.installment_schedules",
            _installment_cases(SCHEDULES),
            _decimal_installments,
            _float_installments,
        ),
    ]
    loans = _loan_cases(SCHEDULES)
    for method in ("equal_installment", "equal_principal"):
        workloads.append(
            (
                f"tools.repayment_schedules_{method}_360m",
                loans,
                _decimal_repayments(method),
                _float_repayments(method),
            )
        )
    results = []
    for name, cases, exact_work, float_work in workloads:
        result, line = _measure(name, cases, exact_work, float_work)
        if verbose:
            print(line, flush=True)
        results.append(result)
    return results


def main() -> None:
    """Print one line per figure."""
    run(verbose=True)


if __name__ == "__main__":
    main()
