"""Paths, messages and errors shared by every step of the development tool."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
STATE = REPO / ".realty"  # embedded PostgreSQL clusters, Odoo data dir, logs
VENV = REPO / ".venv"
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "realty"
ODOO_CACHE = CACHE / "odoo-18.0"
ODOO_GIT_URL = "https://github.com/odoo/odoo.git"
ODOO_BRANCH = "18.0"
LOGS = STATE / "logs"

# The product's addons, in dependency order, and the test-only addon that holds the
# cross-addon tests (tests/realty_e2e is on the addons path only for test runs).
PRODUCT_ADDONS = [
    "realty_base",
    "realty_sales",
    "realty_finance",
    "realty_aftersales",
    "realty_filing",
]
TEST_ADDONS = ["realty_e2e"]


class DevError(Exception):
    """A failure with a cause and the fix, printed as two lines, never a traceback."""

    def __init__(self, message, fix=None):
        super().__init__(message)
        self.message = message
        self.fix = fix


def step(message):
    print(f"==> {message}", flush=True)


def info(message):
    print(f"    {message}", flush=True)


def warn(message):
    print(f"!!! {message}", file=sys.stderr, flush=True)


def is_ci():
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def apt_fix(*packages):
    """The one-line fix for missing Debian/Ubuntu packages."""
    prefix = "" if os.geteuid() == 0 else "sudo "
    return f"{prefix}apt-get install -y {' '.join(packages)}"


def require_command(command, package):
    if shutil.which(command) is None:
        raise DevError(
            f"missing system package {package} (command '{command}' not found)",
            apt_fix(package),
        )


def run_logged(cmd, log_path, env=None, cwd=None, quiet=False):
    """Run a command with its output in a log file; on failure show the tail
    (unless `quiet`: the caller tries something else first)."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.run(
            cmd, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=cwd, check=False
        )
    if proc.returncode and not quiet:
        tail = log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        for line in tail[-25:]:
            print(f"    | {line}", file=sys.stderr)
    return proc.returncode
