"""`make bench`: every tests/bench/bench_*.py, one printed line per figure.

A benchmark module defines either

* ``run(verbose)`` for plain-Python work (no database), or
* ``run_odoo(env, verbose)`` for work that needs Odoo; these run together in one
  ``odoo-bin shell`` on ``realty_bench``, a fresh copy of the test template.

Each prints ``name: value unit (ratio x baseline)`` lines when verbose and returns
``(name, value, unit, ratio_or_None)`` tuples. Figures are ratios against a baseline
measured in the same run (a float implementation, a hand-written SQL query, ...),
never absolute time limits: the machine's speed cancels out.
"""

import importlib
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
BENCH_DB = "realty_bench"


def best_of(call, repeat=5):
    """The best of `repeat` wall times of ``call()``, in seconds (the least
    disturbed run)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - start)
    return best


def bench_modules():
    return [
        importlib.import_module(f"bench.{path.stem}")
        for path in sorted(BENCH_DIR.glob("bench_*.py"))
    ]


def run_in_odoo(env):
    """Called inside `odoo-bin shell`: every run_odoo benchmark, rolled back after."""
    for module in bench_modules():
        if hasattr(module, "run_odoo"):
            module.run_odoo(env, verbose=True)
            env.cr.rollback()


def main(odoo):
    modules = bench_modules()
    for module in modules:
        if hasattr(module, "run"):
            module.run(verbose=True)
    if not any(hasattr(m, "run_odoo") for m in modules):
        return 0
    from realtydev.common import PRODUCT_ADDONS, TEST_ADDONS
    from realtydev.testrun import copy_template

    copy_template(odoo, BENCH_DB)
    # the template follows the data files; the code of the addons may be newer
    odoo.run_init(
        BENCH_DB, "bench-update.log", "-u", ",".join(PRODUCT_ADDONS + TEST_ADDONS)
    )
    script = (
        f"import sys\nsys.path.insert(0, {str(BENCH_DIR.parent)!r})\n"
        "from bench import harness\nharness.run_in_odoo(env)\n"
    )
    proc = subprocess.run(
        odoo.cmd("-d", BENCH_DB, "--no-http", "--log-level=warn", command="shell"),
        input=script,
        text=True,
        env=odoo.env,
        check=False,
    )
    odoo.pg.drop(BENCH_DB)
    sys.stdout.flush()
    return proc.returncode
