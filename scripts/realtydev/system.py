"""The Debian/Ubuntu packages a command needs, installed when we may.

`make test` and `make run` prepare what they need as they prepare .venv: missing
system packages are installed with apt-get when we are root or sudo needs no
password; otherwise the command stops with the one line to run. Standard library
only (it runs before the virtualenv exists).
"""

import os
import shutil
import subprocess

from .common import LOGS, DevError, info, run_logged, step, warn

# What each purpose needs, with why. wkhtmltopdf (patched Qt, from PyPI) needs the X
# and font libraries; chromium runs the browser tours; poppler-utils' pdftotext reads
# the PDFs the tests render; without fonts-noto-cjk Chinese glyphs vanish from PDFs.
PDF_PACKAGES = ("libxrender1", "libfontconfig1", "libxext6", "libx11-6")
PACKAGES = {
    "run": (*PDF_PACKAGES, "fonts-noto-cjk"),
    "test": (*PDF_PACKAGES, "fonts-noto-cjk", "chromium", "poppler-utils"),
    # make bench-opening puts Debian's nginx in front of two Odoo servers
    "bench": ("nginx",),
}
# How we know a package is there on a machine without dpkg (another distribution):
# a command or a file it provides. None: nothing to check, trust the machine.
PROBES = {
    "chromium": ("command", ("chromium", "chromium-browser", "google-chrome")),
    "poppler-utils": ("command", ("pdftotext",)),
    "nginx": ("command", ("nginx",)),
}


def _dpkg_installed(package):
    proc = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", package],
        capture_output=True,
        text=True,
        check=False,
    )
    return proc.returncode == 0 and "install ok installed" in proc.stdout


def _probe(package):
    kind, names = PROBES.get(package, (None, ()))
    if kind == "command":
        return any(shutil.which(name) for name in names)
    return True


def missing_packages(purpose):
    have_dpkg = shutil.which("dpkg-query") is not None
    check = _dpkg_installed if have_dpkg else _probe
    return [p for p in PACKAGES[purpose] if not check(p)]


def _privilege():
    """The prefix that makes apt-get run as root, or None if we cannot."""
    if os.geteuid() == 0:
        return []
    if (
        shutil.which("sudo")
        and not subprocess.run(
            ["sudo", "-n", "true"], capture_output=True, check=False
        ).returncode
    ):
        return ["sudo", "-n"]
    return None


def ensure_packages(purpose, required=True):
    """Install what `purpose` needs and is missing, or say the one command to run
    (an error if `required`, else a warning)."""
    missing = missing_packages(purpose)
    if not missing:
        return
    names = " ".join(missing)
    prefix = _privilege()
    if prefix is None or not shutil.which("apt-get"):
        fix = (
            f"sudo apt-get install -y --no-install-recommends {names}"
            if shutil.which("apt-get")
            else f"install the equivalents of the Debian packages {names}"
        )
        if not required:
            warn(
                f"missing system packages: {names} (PDFs may lack Chinese); fix: {fix}"
            )
            return
        raise DevError(f"missing system packages: {names}", fix)
    step(f"Installing system packages: {names}")
    info("once per machine (a minute or two); log in .realty/logs/apt.log")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    log = LOGS / "apt.log"
    apt = [*prefix, "apt-get"]
    install = [*apt, "install", "-y", "-q", "--no-install-recommends", *missing]
    # Install from the lists already on the machine; refresh them only if that fails.
    if run_logged(install, log, env=env, quiet=True) and (
        run_logged([*apt, "update", "-q"], LOGS / "apt-update.log", env=env)
        or run_logged(install, log, env=env)
    ):
        raise DevError(
            f"apt-get could not install {names} (log: {log})",
            f"{' '.join(apt)} update && {' '.join(install)}",
        )
    still = missing_packages(purpose)
    if still:
        raise DevError(f"still missing after apt-get: {' '.join(still)} (log: {log})")
    info("done")
