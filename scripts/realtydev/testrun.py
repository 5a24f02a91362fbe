"""`make test`: pure tests, then every realty addon's Odoo tests on a clean database.

A template database with every realty addon installed (demo data included) and its
web assets built is kept on the test cluster and rebuilt only when the addons'
manifests or data files change. Each run copies it (database and filestore), updates
the realty addons on the copy with --test-enable (at_install tests run during the
update, post_install tests after it, browser tours included) and reads Odoo's log.

Why not click-odoo-initdb's template cache (it does build the database of the
install check, foreign.py): this template installs base alone and makes the company
Chinese before the other addons (so that account loads l10n_cn's chart in yuan), and
carries prebuilt web assets; initdb snapshots the database right after one install.
Its key hashes every file of the 87 modules involved, Python included (1.1 s), so a
one-line change to a model would rebuild the template (80-180 s measured here) where
this key follows manifests, data and demo files and the copy is updated (-u). And a
cached copy costs it 7-8 s (a registry load for update_list) against 0.4 s here.
"""

import contextlib
import fcntl
import hashlib
import os
import re
import shutil
import socket
import subprocess
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from . import bootstrap
from .common import (
    LOGS,
    PRODUCT_ADDONS,
    REPO,
    TEST_ADDONS,
    DevError,
    info,
    is_ci,
    require_command,
    step,
    warn,
)
from .odoo import create_database

ALL_ADDONS = PRODUCT_ADDONS + TEST_ADDONS
TEMPLATE_PREFIX = "realty_tmpl_"
# Several runs at once (two terminals, helpers) each use their own database.
TEST_DB = os.environ.get("REALTY_TEST_DB", "realty_test")
PURE_TEST_DIRS = sorted(
    str(p.relative_to(REPO)) for p in REPO.glob("addons/*/tests/pure")
) + ["tests/bench/opening"]  # the opening bench's checks
# The files whose change requires a new template: manifests and data (XML, CSV), and
# what the demo data runs or reads at install only (an update re-runs no demo):
# the Python demo builders in demo/ and the images under static/img.
TEMPLATE_INPUTS = ("__manifest__.py", "*.xml", "*.csv", "demo/*.py", "static/img/*")
MISSING_BROWSER_DEPS = (
    "websocket-client module is not installed",
    "Chrome executable not found",
)


@dataclass
class Outcome:
    passed: int = 0
    failed: int = 0
    skipped: list = field(default_factory=list)  # (test, reason)
    failures: list = field(default_factory=list)  # test descriptions
    notes: list = field(default_factory=list)  # failures that are not a test


# pure tests ---------------------------------------------------------------------------


def run_pure(extra_args=()):
    """Plain pytest over the pure (no database) tests; returns an Outcome."""
    outcome = Outcome()
    if not PURE_TEST_DIRS:
        return outcome
    step("Running the pure tests (no database)")
    report = LOGS / "pure-junit.xml"
    report.parent.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(
        [str(bootstrap.venv_python()), "-m", "pytest", "-q", "-p", "no:cacheprovider"]
        + ["--import-mode=importlib", f"--junitxml={report}", *extra_args]
        + PURE_TEST_DIRS,
        cwd=REPO,
        check=False,
    )
    if not report.is_file():
        outcome.failed += 1
        outcome.notes.append(f"pytest did not run (exit code {proc.returncode})")
        return outcome
    for case in ET.parse(report).getroot().iter("testcase"):
        name = f"{case.get('classname')}.{case.get('name')}"
        if case.find("skipped") is not None:
            outcome.skipped.append((name, case.find("skipped").get("message", "")))
        elif case.find("failure") is not None or case.find("error") is not None:
            outcome.failed += 1
            outcome.failures.append(name)
        else:
            outcome.passed += 1
    if proc.returncode and not outcome.failed:  # e.g. a collection error
        outcome.failed += 1
        outcome.notes.append(f"pytest exited with {proc.returncode}")
    return outcome


# the template -------------------------------------------------------------------------


def template_key(odoo):
    digest = hashlib.sha256()
    digest.update(str(odoo.src).encode())
    digest.update(bootstrap.VENV_STAMP.read_bytes())
    digest.update(Path(__file__).read_bytes())  # how the template is built
    digest.update(Path(__file__).with_name("odoo.py").read_bytes())  # create_database
    roots = [REPO / "addons", REPO / "tests"]
    for root in roots:
        for pattern in TEMPLATE_INPUTS:
            for path in sorted(root.rglob(pattern)):
                if "static" in path.parts and "img" not in path.parts:
                    continue  # bundles are versioned by Odoo itself
                digest.update(str(path.relative_to(REPO)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@contextlib.contextmanager
def template_lock():
    """One process at a time builds, replaces or copies the template."""
    LOGS.mkdir(parents=True, exist_ok=True)
    with open(LOGS.parent / "template.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def copy_template(odoo, dbname):
    """A fresh copy (database and filestore) of the current template."""
    with template_lock():
        template = ensure_template(odoo)
        step(f"Copying {template} to {dbname} (database and filestore)")
        odoo.pg.copy(template, dbname)
        shutil.rmtree(odoo.filestore(dbname), ignore_errors=True)
        if odoo.filestore(template).is_dir():
            shutil.copytree(odoo.filestore(template), odoo.filestore(dbname))


def ensure_template(odoo):
    key = template_key(odoo)
    name = TEMPLATE_PREFIX + key
    pg = odoo.pg
    if pg.exists(name) and _template_ready(pg, name):
        step(f"Template database {name}: up to date")
        return name
    for old in pg.databases(TEMPLATE_PREFIX):
        pg.drop(old)
        shutil.rmtree(odoo.filestore(old), ignore_errors=True)
    step(f"Building the template database {name} (addons, demo data, web assets)")
    info("needed when manifests or data files change; log in .realty/logs/template.log")
    started = time.monotonic()
    pg.drop(name)
    create_database(odoo, name, "template.log", ALL_ADDONS)
    _build_assets(odoo, name)
    pg.query(
        "INSERT INTO ir_config_parameter (key, value, create_date, write_date) "
        "VALUES ('realty.template_key', %s, now(), now())",
        (key,),
        dbname=name,
    )
    info(f"built in {time.monotonic() - started:.0f} s")
    return name


def _template_ready(pg, name):
    rows = pg.query(
        "SELECT value FROM ir_config_parameter WHERE key = 'realty.template_key'",
        dbname=name,
    )
    return bool(rows)


def _build_assets(odoo, dbname):
    # The bundles Odoo pregenerates before post_install tests (28 s per run otherwise;
    # the version hash in their names keeps them valid until a static file changes).
    script = "env['ir.qweb']._pregenerate_assets_bundles()\nenv.cr.commit()\n"
    log = LOGS / "template-assets.log"
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.run(
            odoo.cmd("-d", dbname, "--no-http", command="shell"),
            input=script,
            text=True,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=odoo.env,
            check=False,
        )
    if proc.returncode:
        raise DevError(f"building the web assets failed; log: {log}")


# Odoo tests ---------------------------------------------------------------------------


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def check_browser_deps():
    """Tours need Chromium and websocket-client; without them Odoo skips them."""
    browsers = ("chromium", "chromium-browser", "google-chrome")
    if not any(shutil.which(cmd) for cmd in browsers):
        message = "Chromium is not installed: browser tours will be skipped"
        if is_ci():
            raise DevError(message, "apt-get install -y chromium")
        warn(message)


def run_odoo_tests(odoo, tags=None):
    require_command("pdftotext", "poppler-utils")
    check_browser_deps()
    copy_template(odoo, TEST_DB)
    tags = tags or ",".join(f"/{name}" for name in ALL_ADDONS)
    step(f"Updating the realty addons with their tests (tags {tags})")
    log = LOGS / f"{TEST_DB}.log"
    info(f"full log: {log}")
    cmd = odoo.cmd(
        "-d",
        TEST_DB,
        "-u",
        ",".join(ALL_ADDONS),
        "--test-enable",
        f"--test-tags={tags}",
        "--stop-after-init",
        "--workers=0",
        "--max-cron-threads=0",
        f"--db-filter=^{TEST_DB}$",
        "--http-interface=127.0.0.1",
        f"--http-port={_free_port()}",
        "--log-level=info",
    )
    outcome = Outcome()
    parser = OdooLogParser(outcome)
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            cmd,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            env=odoo.env,
        )
        for line in proc.stdout:
            out.write(line)
            parser.feed(line)
        code = proc.wait()
    parser.finish(code)
    return outcome


_LOG_LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ "
    r"(?P<level>[A-Z]+) (?P<db>\S+) (?P<logger>\S+): (?P<msg>.*)$"
)
_RESULT = re.compile(
    r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database"
)
_SKIPPED = re.compile(r"^skipped (?P<test>.+?) : (?P<reason>.*)$")
_FAILED = re.compile(r"^(?:FAIL|ERROR): (?P<test>.+)$")
_STARTING = re.compile(r"^Starting (?P<test>.+) \.\.\.$")


class OdooLogParser:
    """Reads odoo-bin's log as it streams: prints progress and problems, counts."""

    def __init__(self, outcome):
        self.outcome = outcome
        self.result = None
        self.failing = set()
        self.echo_continuation = False

    def feed(self, line):
        line = line.rstrip("\n")
        match = _LOG_LINE.match(line)
        if not match:
            if self.echo_continuation:
                print(f"      {line}")
            return
        level, msg = match["level"], match["msg"].rstrip()
        self.echo_continuation = level in ("ERROR", "CRITICAL")
        if result := _RESULT.search(msg):
            self.result = tuple(int(n) for n in result.groups())
        elif skipped := _SKIPPED.match(msg):
            self.outcome.skipped.append((skipped["test"], skipped["reason"]))
        elif starting := _STARTING.match(msg):
            print(f"    {starting['test']}", flush=True)
            return
        if failed := _FAILED.match(msg):
            test = failed["test"]
            if test.startswith("Subtest "):
                test = test.split(" ")[1]
            self.failing.add(test)
            self.outcome.failures.append(test)
        if level in ("WARNING", "ERROR", "CRITICAL"):
            print(f"    {level} {match['logger']}: {msg}", flush=True)

    def finish(self, returncode):
        out = self.outcome
        if self.result is None:
            out.failed += 1
            out.notes.append(
                f"odoo-bin ended (exit code {returncode}) without a test report: "
                "the update itself failed, see the log"
            )
            return
        failures, errors, run = self.result
        out.failed += failures + errors
        out.passed += max(run - len(out.skipped) - len(self.failing), 0)
        if returncode and not failures + errors:
            out.failed += 1
            out.notes.append(f"odoo-bin exited with {returncode}")


# pytest-odoo --------------------------------------------------------------------------

PYTEST_DB = os.environ.get("REALTY_PYTEST_DB", "realty_pytest")


def run_pytest_odoo(odoo, pytest_args):
    """pytest (with the pytest-odoo plugin) on `pytest_args`, e.g. one test file,
    against PYTEST_DB: a copy of the template, copied again when the template
    changes and updated (-u, without tests) when the addons' files changed since
    the last run, since pytest-odoo never installs or updates a module."""
    if not pytest_args:
        raise DevError(
            "name the tests to run",
            "make pytest FILE=addons/realty_base/tests/test_room_state.py",
        )
    from .odoo import addons_key

    pg = odoo.pg
    if _param(pg, PYTEST_DB, "realty.template_key") != template_key(odoo):
        copy_template(odoo, PYTEST_DB)
    key = addons_key()
    if _param(pg, PYTEST_DB, "realty.pytest_addons_key") != key:
        step(f"Updating the realty addons in {PYTEST_DB} (their files changed)")
        odoo.run_init(PYTEST_DB, "pytest-update.log", "-u", ",".join(ALL_ADDONS))
        pg.query(
            "INSERT INTO ir_config_parameter (key, value, create_date, write_date) "
            "VALUES ('realty.pytest_addons_key', %s, now(), now()) "
            "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            (key,),
            dbname=PYTEST_DB,
        )
    conf = odoo.write_config()
    cmd = [
        str(bootstrap.venv_python().parent / "pytest"),
        f"--odoo-config={conf.relative_to(REPO)}",
        f"--odoo-database={PYTEST_DB}",
        *pytest_args,
    ]
    step("Running pytest-odoo: " + " ".join(cmd[1:]))
    return subprocess.run(cmd, cwd=REPO, env=odoo.env, check=False).returncode


def _param(pg, dbname, key):
    if not pg.exists(dbname):
        return None
    rows = pg.query(
        "SELECT value FROM ir_config_parameter WHERE key = %s", (key,), dbname=dbname
    )
    return rows[0][0] if rows else None


# summary ------------------------------------------------------------------------------


def report(*outcomes):
    """Print the skipped and failed tests, then the closing `N passed, N failed` line.
    Returns the process exit code."""
    passed = sum(o.passed for o in outcomes)
    failed = sum(o.failed for o in outcomes)
    skipped = [s for o in outcomes for s in o.skipped]
    for test, reason in skipped:
        missing_dep = any(dep in reason for dep in MISSING_BROWSER_DEPS)
        if missing_dep and is_ci():
            failed += 1
            warn(
                f"FAILED (skipped for a missing dependency, CI=true): {test}: {reason}"
            )
        else:
            warn(f"SKIPPED (not a pass): {test}: {reason}")
    for outcome in outcomes:
        for test in outcome.failures:
            print(f"FAILED: {test}")
        for note in outcome.notes:
            print(f"FAILED: {note}")
    if skipped:
        print(f"{len(skipped)} skipped")
    print(f"{passed} passed, {failed} failed", flush=True)
    return 1 if failed else 0
