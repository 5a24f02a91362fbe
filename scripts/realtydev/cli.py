"""Command line: setup, run, shell, test, test-fast, pytest, bench, lint (see the
Makefile)."""

import argparse
import os
import subprocess
import sys
from pathlib import Path

from . import bootstrap, foreign, i18n, pg, readme, smoke, system, testrun
from .common import REPO, DevError, step
from .odoo import Odoo, ensure_dev_database, serve

LINT_PATHS = ["addons", "tests", "scripts"]


def _dev_dbname():
    return pg.read_odoo_conf().get("db_name") or "realty"


def cmd_setup(src, _args):
    bootstrap.ensure_wkhtmltopdf(required=False)
    step("Ready")
    return 0


def cmd_run(src, _args):
    system.ensure_packages("run", required=False)
    wkhtmltopdf = bootstrap.ensure_wkhtmltopdf(required=False)
    odoo = Odoo(src, pg.start("dev"), wkhtmltopdf)
    dbname = _dev_dbname()
    ensure_dev_database(odoo, dbname)
    return serve(odoo, dbname)


def cmd_shell(src, _args):
    wkhtmltopdf = bootstrap.ensure_wkhtmltopdf(required=False)
    odoo = Odoo(src, pg.start("dev"), wkhtmltopdf)
    dbname = _dev_dbname()
    ensure_dev_database(odoo, dbname)
    if not sys.stdin.isatty():
        step(
            f"Running the script from standard input on {dbname} "
            "(it must end with env.cr.commit() to keep its changes)"
        )
    # stdin is inherited: a script piped in (make shell < script.py) is executed
    return subprocess.run(
        odoo.cmd("-d", dbname, "--no-http", command="shell"), env=odoo.env, check=False
    ).returncode


def cmd_test_fast(_src, args):
    return testrun.report(testrun.run_pure(args.pytest_args))


def cmd_test(src, args):
    system.ensure_packages("test")
    wkhtmltopdf = bootstrap.ensure_wkhtmltopdf(required=True)
    smoke.check_toolchain(wkhtmltopdf)
    outcomes = [] if args.tags else [testrun.run_pure()]
    odoo = Odoo(src, pg.start("test"), wkhtmltopdf, purpose="test")
    outcomes.append(testrun.run_odoo_tests(odoo, args.tags))
    if not args.tags:
        outcomes.append(foreign.run(odoo))
    return testrun.report(*outcomes)


def cmd_pytest(src, args):
    wkhtmltopdf = bootstrap.ensure_wkhtmltopdf(required=False)
    odoo = Odoo(src, pg.start("test"), wkhtmltopdf, purpose="test")
    return testrun.run_pytest_odoo(odoo, args.pytest_args)


def cmd_bench(src, _args):
    wkhtmltopdf = bootstrap.ensure_wkhtmltopdf(required=False)
    odoo = Odoo(src, pg.start("test"), wkhtmltopdf, purpose="test")
    sys.path.insert(0, str(REPO / "tests"))
    from bench import harness

    return harness.main(odoo)


def cmd_bench_opening(src, args):
    """tests/bench/opening: its own cluster (.realty/pg-bench), Odoo servers with
    workers, nginx, 620 buyer processes (not part of `make test`)."""
    system.ensure_packages("bench")
    wkhtmltopdf = bootstrap.ensure_wkhtmltopdf(required=False)
    sys.path.insert(0, str(REPO / "tests"))
    from bench.opening import database, run

    def odoo_factory():
        return database.BenchOdoo(src, database.start_cluster(), wkhtmltopdf)

    return run.main(odoo_factory, args.pytest_args)


def cmd_lint(_src, _args):
    venv_bin = bootstrap.venv_python().parent
    checks = [
        ("ruff check", [venv_bin / "ruff", "check", "--no-fix", *LINT_PATHS]),
        ("ruff format --check", [venv_bin / "ruff", "format", "--check", *LINT_PATHS]),
        (
            "pylint-odoo (mandatory checks)",
            [venv_bin / "pylint", "--rcfile=.pylintrc-mandatory", *_addon_dirs()],
        ),
    ]
    failed = []
    step("README.md files generated from readme/ fragments")
    if stale := readme.stale():
        print("stale (run `make readme`): " + ", ".join(str(a) for a in stale))
        failed.append("readme")
    for name, command in checks:
        step(name)
        if subprocess.run([str(c) for c in command], cwd=REPO, check=False).returncode:
            failed.append(name)
    if failed:
        print(f"lint failed: {', '.join(failed)}")
        return 1
    step("lint passed")
    return 0


def _addon_dirs():
    return [str(a.relative_to(REPO)) for a in readme.addon_dirs()]


def cmd_readme(_src, _args):
    readme.write_all()
    step("README.md written for every addon")
    return 0


def cmd_i18n(src, _args):
    wkhtmltopdf = bootstrap.ensure_wkhtmltopdf(required=False)
    odoo = Odoo(src, pg.start("test"), wkhtmltopdf, purpose="test")
    return i18n.run(odoo)


COMMANDS = {
    "setup": cmd_setup,
    "run": cmd_run,
    "shell": cmd_shell,
    "test": cmd_test,
    "test-fast": cmd_test_fast,
    "pytest": cmd_pytest,
    "bench": cmd_bench,
    "bench-opening": cmd_bench_opening,
    "lint": cmd_lint,
    "readme": cmd_readme,
    "i18n": cmd_i18n,
}


def _parser():
    parser = argparse.ArgumentParser(prog="scripts/dev.py", description=__doc__)
    parser.add_argument("command", choices=sorted(COMMANDS))
    parser.add_argument(
        "--tags",
        help="Odoo --test-tags for `test` (e.g. /realty_base:TestRoom); "
        "the pure tests are then skipped",
    )
    parser.add_argument(
        "pytest_args",
        nargs="*",
        help="pytest arguments (test-fast: extra ones; pytest: test files and "
        "options, after --)",
    )
    return parser


def main(argv):
    args = _parser().parse_args(argv)
    try:
        if os.environ.get("REALTY_IN_VENV") != "1":
            src = bootstrap.find_odoo_source()
            bootstrap.ensure_venv(src)
            python = str(bootstrap.venv_python())
            env = dict(os.environ, REALTY_IN_VENV="1", REALTY_ODOO_SRC=str(src))
            script = str(Path(sys.argv[0]).resolve())
            os.execve(python, [python, script, *argv], env)
        return COMMANDS[args.command](Path(os.environ["REALTY_ODOO_SRC"]), args)
    except DevError as exc:
        print(f"\nerror: {exc.message}", file=sys.stderr)
        if exc.fix:
            print(f"  fix: {exc.fix}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
