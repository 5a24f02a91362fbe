"""The bench's own PostgreSQL cluster (.realty/pg-bench) and its databases.

Two cached templates, each rebuilt only when what it is made of changes:

* ``realty_bench_base_<key>``: every realty addon (with its demo data) and the
  bench addon ``realty_bench``, installed as ``make run`` installs them;
* ``realty_bench_fix_<key>``: a copy of the base with the opening fixture
  (fixture.py) loaded.

Each scenario of the bench runs on a fresh copy of the fixture template.
"""

import hashlib
import shutil
import subprocess
from pathlib import Path

from realtydev import pg as pgtools
from realtydev.common import LOGS, PRODUCT_ADDONS, REPO, DevError, info, step
from realtydev.odoo import Odoo, addons_key, create_database

HERE = Path(__file__).resolve().parent
BENCH_ADDONS = HERE.parent / "addons"
BASE_PREFIX = "realty_bench_base_"
FIXTURE_PREFIX = "realty_bench_fix_"
RUN_DB = "realty_bench_run"


class BenchOdoo(Odoo):
    """odoo-bin on the bench cluster, with tests/bench/addons on the path."""

    def __init__(self, src, pg, wkhtmltopdf_dir):
        super().__init__(src, pg, wkhtmltopdf_dir, purpose="bench")

    def addons_path(self):
        return f"{super().addons_path()},{BENCH_ADDONS}"


def start_cluster():
    """The embedded cluster .realty/pg-bench (durable settings: a restart during
    the burst must keep what was committed)."""
    return pgtools._start_embedded("bench")


def _digest(*roots):
    digest = hashlib.sha256()
    for root in roots:
        paths = [root] if root.is_file() else sorted(root.rglob("*"))
        for path in paths:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(REPO)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _fresh(odoo, prefix, key, build):
    name = prefix + key
    if odoo.pg.exists(name):
        step(f"Template {name}: up to date")
        return name
    for old in odoo.pg.databases(prefix):
        odoo.pg.drop(old)
    build(name)
    return name


def ensure_fixture(odoo):
    """The fixture template's name, built if needed."""
    base_key = _digest(BENCH_ADDONS) + addons_key()[:8]

    def build_base(name):
        step(f"Building {name}: the realty addons and realty_bench (a few minutes)")
        info("log in .realty/logs/bench-base.log")
        create_database(odoo, name, "bench-base.log", [*PRODUCT_ADDONS, "realty_bench"])

    base = _fresh(odoo, BASE_PREFIX, base_key, build_base)
    # the whole base key: a fixture on an older base has its older schema
    fix_key = base_key + _digest(HERE / "fixture.py")

    def build_fixture(name):
        step(f"Loading the opening fixture into {name}")
        odoo.pg.copy(base, name)
        script = (
            f"import sys\nsys.path.insert(0, {str(HERE.parent.parent)!r})\n"
            "from bench.opening import fixture\nfixture.build(env)\nenv.cr.commit()\n"
        )
        log = LOGS / "bench-fixture.log"
        with open(log, "w", encoding="utf-8") as out:
            proc = subprocess.run(
                odoo.cmd("-d", name, "--no-http", "--log-level=warn", command="shell"),
                input=script,
                text=True,
                env=odoo.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                check=False,
            )
        if proc.returncode or "Traceback" in log.read_text(encoding="utf-8"):
            odoo.pg.drop(name)
            raise DevError(f"the opening fixture failed; log: {log}")
        info(log.read_text(encoding="utf-8").strip().splitlines()[-1])

    return _fresh(odoo, FIXTURE_PREFIX, fix_key, build_fixture)


def fresh_run_db(odoo, fixture):
    """A new copy of the fixture for one scenario (its filestore is not needed:
    the buyers call JSON routes only)."""
    odoo.pg.copy(fixture, RUN_DB)
    shutil.rmtree(odoo.filestore(RUN_DB), ignore_errors=True)
    return RUN_DB
