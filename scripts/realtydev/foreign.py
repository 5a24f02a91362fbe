"""`make test`'s install check: the realty addons, demo data included, installed
into an existing Odoo 18 database that already trades, as a partner would.

The existing database has Odoo's own apps (APPS) with their demo data: the main
company has posted journal items in dollars and l10n_cn has added its demo company.
It is a copy of a template that click-odoo-initdb (click-odoo-contrib) builds once
and caches, keyed on the files of those modules. The check fails when Odoo logs that
a demo data file failed (Odoo then installs the module without its demo data and
carries on, so the install itself "succeeds"), when any company that existed before
changed (name, currency, address), or when the demo developer, its project and its
deals are not there.

A passed check is remembered for the files it ran on (the product addons, without
their tests, this file, Odoo's tree and the venv), so an ordinary `make test` that
changed none of them does not run it again.
"""

import hashlib
import re
import shutil
import time
from pathlib import Path

from . import bootstrap
from .common import LOGS, PRODUCT_ADDONS, REPO, STATE, DevError, info, run_logged, step
from .testrun import TEST_DB, Outcome

APPS = ("sale", "stock", "account", "crm", "website", "hr", "project", "l10n_cn")
CACHE_PREFIX = "rforeign"  # click-odoo-initdb's template names: rforeign-<date>-<hash>
FOREIGN_DB = f"{TEST_DB}_foreign"
STAMP = STATE / "foreign-install.passed"
DEMO_FAILED = re.compile(r"Module (\S+) demo data failed to install")
LOG_PROBLEM = re.compile(r"^\d{4}-\d\d-\d\d [\d:,]+ \d+ (ERROR|CRITICAL) ")

COMPANIES = """
    SELECT c.id, c.name, cur.name, p.name, p.street, p.city, co.code, p.phone
      FROM res_company c
      JOIN res_currency cur ON cur.id = c.currency_id
      JOIN res_partner p ON p.id = c.partner_id
      LEFT JOIN res_country co ON co.id = p.country_id
     ORDER BY c.id
"""
TRADING = """
    SELECT count(*) FROM account_move_line l
      JOIN account_move m ON m.id = l.move_id
     WHERE m.state = 'posted' AND l.company_id = %s
"""
DEVELOPER = """
    SELECT c.id, cur.name
      FROM ir_model_data d
      JOIN res_company c ON c.id = d.res_id
      JOIN res_currency cur ON cur.id = c.currency_id
     WHERE d.module = 'realty_base' AND d.name = 'res_company_developer_demo'
"""
PROJECT = """
    SELECT p.company_id,
           (SELECT count(*) FROM realty_room r WHERE r.project_id = p.id),
           (SELECT count(*) FROM realty_deal x WHERE x.project_id = p.id)
      FROM ir_model_data d
      JOIN realty_project p ON p.id = d.res_id
     WHERE d.module = 'realty_base' AND d.name = 'realty_project_demo'
"""


def _key(odoo):
    digest = hashlib.sha256()
    digest.update(str(odoo.src).encode())
    digest.update(bootstrap.VENV_STAMP.read_bytes())
    digest.update(Path(__file__).read_bytes())
    for name in PRODUCT_ADDONS:
        for path in sorted((REPO / "addons" / name).rglob("*")):
            parts = path.relative_to(REPO).parts
            if path.is_file() and "tests" not in parts and "__pycache__" not in parts:
                digest.update(str(path.relative_to(REPO)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _existing_database(odoo, dbname):
    """A fresh `dbname` with APPS and their demo data, from click-odoo-initdb's
    cache of templates (built on the first run and when Odoo's tree changes)."""
    odoo.pg.drop(dbname)
    shutil.rmtree(odoo.filestore(dbname), ignore_errors=True)
    initdb = bootstrap.venv_python().parent / "click-odoo-initdb"
    log = LOGS / "foreign-initdb.log"
    step(
        f"An existing database that trades: {dbname} with {', '.join(APPS)} "
        "and their demo data"
    )
    info(f"click-odoo-initdb, from its cache (built once, a few minutes); log {log}")
    started = time.monotonic()
    code = run_logged(
        [str(initdb), "-c", str(odoo.write_config()), "-n", dbname]
        + ["-m", ",".join(APPS), "--cache-prefix", CACHE_PREFIX]
        + ["--cache-max-size", "1", "--log-level", "info"],
        log,
        env=odoo.env,
    )
    if code:
        raise DevError(f"click-odoo-initdb failed; log: {log}")
    info(f"ready in {time.monotonic() - started:.0f} s")


def run(odoo, dbname=FOREIGN_DB):
    """Install the product addons into a copy of the existing database and check
    it; returns an Outcome (one pass or failure per check)."""
    outcome = Outcome()
    key = _key(odoo)
    if STAMP.is_file() and STAMP.read_text() == key:
        step("Install into an existing database: passed before with these files")
        info(f"not run again (rm {STAMP.relative_to(REPO)} to force it)")
        return outcome
    STAMP.unlink(missing_ok=True)
    _existing_database(odoo, dbname)
    pg = odoo.pg
    before = pg.query(COMPANIES, dbname=dbname)
    main_company = before[0][0]
    checks = {}
    checks["the existing main company has posted journal items"] = (
        pg.query(TRADING, (main_company,), dbname=dbname)[0][0] > 0
    )

    step(f"Installing {', '.join(PRODUCT_ADDONS)} into {dbname}, demo data included")
    log = LOGS / "foreign-install.log"
    info(f"full log: {log}")
    started = time.monotonic()
    try:
        odoo.run_init(dbname, log.name, "-i", ",".join(PRODUCT_ADDONS))
        checks["odoo-bin installs the realty addons"] = True
    except DevError:
        checks["odoo-bin installs the realty addons"] = False
    info(f"done in {time.monotonic() - started:.0f} s")

    text = log.read_text(encoding="utf-8", errors="replace") if log.is_file() else ""
    failed_demo = sorted(set(DEMO_FAILED.findall(text)))
    problems = [line for line in text.splitlines() if LOG_PROBLEM.match(line)]
    for line in problems[:10]:
        info(f"| {line}")
    checks["no demo data failed to load"] = not failed_demo
    if failed_demo:
        outcome.notes.append(f"demo data failed for: {', '.join(failed_demo)}")
    checks["no ERROR or CRITICAL in the install log"] = not problems
    installed = odoo.installed_addons(dbname, PRODUCT_ADDONS)
    checks["every realty addon is installed"] = installed == set(PRODUCT_ADDONS)

    after = {row[0]: row for row in pg.query(COMPANIES, dbname=dbname)}
    changed = [row for row in before if after.get(row[0]) != row]
    for row in changed:
        info(f"company changed: {row} -> {after.get(row[0])}")
    checks[
        "the existing companies are unchanged (currency, name, address)"
    ] = not changed
    developer = pg.query(DEVELOPER, dbname=dbname) if installed else []
    existing = {row[0] for row in before}
    checks["the demo developer is a company of its own, in yuan"] = bool(
        developer and developer[0][0] not in existing and developer[0][1] == "CNY"
    )
    project = pg.query(PROJECT, dbname=dbname) if developer else []
    checks["the demo project belongs to the developer, with rooms and deals"] = bool(
        project
        and project[0][0] == developer[0][0]
        and project[0][1] > 0
        and project[0][2] > 0
    )

    for name, ok in checks.items():
        info(f"{'passed' if ok else 'FAILED'}: {name}")
        if ok:
            outcome.passed += 1
        else:
            outcome.failed += 1
            outcome.failures.append(f"install into an existing database: {name}")
    if not outcome.failed:
        STAMP.write_text(key)
    return outcome
