"""Running odoo-bin: command lines, the `realty` database, the server."""

import hashlib
import os
import re
import signal
import socket
import subprocess
import threading
import time
import urllib.request

from . import bootstrap
from .common import (
    LOGS,
    PRODUCT_ADDONS,
    REPO,
    STATE,
    DevError,
    info,
    run_logged,
    step,
)
from .front import start_front
from .pg import read_odoo_conf


class Odoo:
    """odoo-bin with our configuration, addons path, data dir and database server."""

    def __init__(self, src, pg, wkhtmltopdf_dir, purpose="dev"):
        self.src = src
        self.pg = pg
        self.purpose = purpose  # "dev" or "test": separate data dirs (filestores)
        self.data_dir = STATE / f"data-{purpose}"
        self.env = dict(os.environ)
        self.env["PATH"] = f"{wkhtmltopdf_dir}{os.pathsep}{self.env.get('PATH', '')}"
        self.env.setdefault("TZ", "UTC")  # Odoo expects the server in UTC

    def addons_path(self):
        paths = [*bootstrap.odoo_addons_paths(self.src), REPO / "addons"]
        if self.purpose == "test":
            paths.append(REPO / "tests")  # the cross-addon test addon realty_e2e
        return ",".join(str(p) for p in paths)

    def cmd(self, *args, command=None):
        """odoo-bin [command] with our options; `command` is e.g. "shell"."""
        return [
            str(bootstrap.venv_python()),
            str(self.src / "odoo-bin"),
            *([command] if command else []),
            "-c",
            str(REPO / "odoo.conf"),
            f"--addons-path={self.addons_path()}",
            f"--data-dir={self.data_dir}",
            *self.pg.odoo_args,
            *args,
        ]

    def write_config(self, dbname=None):
        """A complete configuration file for the tools that read only a file
        (pytest-odoo, click-odoo): odoo.conf's options, plus the addons path, data
        dir and database server that `cmd` passes on the command line. Returns its
        path, .realty/odoo-<purpose>.conf."""
        options = dict(read_odoo_conf())
        options["addons_path"] = self.addons_path()
        options["data_dir"] = str(self.data_dir)
        for arg in self.pg.odoo_args:  # --db_host=..., --db_port=..., --db_user=...
            key, _, value = arg[2:].partition("=")
            options[key] = value
        options.pop("db_name", None)  # the database is named on each command line
        options.pop("dbfilter", None)
        if dbname:
            options["db_name"] = dbname
            options["dbfilter"] = f"^{dbname}$"
        path = STATE / f"odoo-{self.purpose}.conf"
        path.parent.mkdir(parents=True, exist_ok=True)
        lines = [
            "; written by scripts/dev.py for each command; edit odoo.conf",
            "[options]",
        ]
        lines += [f"{key} = {value}" for key, value in options.items()]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    def filestore(self, dbname):
        return self.data_dir / "filestore" / dbname

    def run_init(self, dbname, log_name, *args):
        """A one-shot odoo-bin (install/update) with its log in .realty/logs."""
        log = LOGS / log_name
        code = run_logged(
            self.cmd("-d", dbname, "--stop-after-init", "--workers=0")
            + ["--max-cron-threads=0", "--no-http", *args],
            log,
            env=self.env,
        )
        if code:
            raise DevError(f"odoo-bin failed on database {dbname}; full log: {log}")

    def installed_addons(self, dbname, names):
        if not self.pg.exists(dbname):
            return set()
        rows = self.pg.query(
            "SELECT name FROM ir_module_module "
            "WHERE state = 'installed' AND name = ANY(%s)",
            (list(names),),
            dbname=dbname,
        )
        return {row[0] for row in rows}


# the realty db ------------------------------------------------------------------------


def addons_key():
    """A digest of every file of the product addons: code, data, translations."""
    digest = hashlib.sha256()
    for path in sorted((REPO / "addons").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(REPO)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _stored_key(odoo, dbname):
    rows = odoo.pg.query(
        "SELECT value FROM ir_config_parameter WHERE key = 'realty.dev_addons_key'",
        dbname=dbname,
    )
    return rows[0][0] if rows else None


def _store_key(odoo, dbname, key):
    odoo.pg.query(
        "INSERT INTO ir_config_parameter (key, value, create_date, write_date) "
        "VALUES ('realty.dev_addons_key', %s, now(), now()) "
        "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, write_date = now()",
        (key,),
        dbname=dbname,
    )


CHINESE_COMPANY = """
    UPDATE res_currency SET active = true WHERE name = 'CNY';
    UPDATE res_company
       SET currency_id = (SELECT id FROM res_currency WHERE name = 'CNY');
    UPDATE res_partner
       SET country_id = (SELECT id FROM res_country WHERE code = 'CN'), state_id = NULL
     WHERE id IN (SELECT partner_id FROM res_company);
"""


ADMIN_PREFERENCES = """
    UPDATE res_partner SET lang = 'zh_CN', tz = 'Asia/Shanghai'
     WHERE id = (SELECT partner_id FROM res_users WHERE login = 'admin');
    UPDATE res_users SET company_id = d.res_id
      FROM ir_model_data d
     WHERE res_users.login = 'admin'
       AND d.module = 'realty_base' AND d.name = 'res_company_developer_demo';
"""


def create_database(odoo, dbname, log_name, addons):
    """A new database of a Chinese company with `addons`, their demo data and Chinese.

    base goes first, alone; its demo data gives the company a US address, which would
    make Odoo install the US localisation and, with `account`, the US chart in
    dollars. The company is made Chinese (country CN, currency CNY) before anything
    else installs, so that `account` loads l10n_cn's chart in yuan."""
    odoo.run_init(dbname, f"base-{log_name}", "-i", "base", "--load-language=zh_CN")
    odoo.pg.query(CHINESE_COMPANY, dbname=dbname)
    odoo.run_init(dbname, log_name, "-i", ",".join(addons))
    _check_demo_loaded(LOGS / log_name)


def _check_demo_loaded(log):
    """Odoo installs a module whose demo data fails without it, with one warning:
    a database without the demo is a broken demo and a broken test template."""
    failed = re.findall(
        r"Module (\S+) demo data failed to install",
        log.read_text(encoding="utf-8", errors="replace"),
    )
    if failed:
        raise DevError(
            f"the demo data of {', '.join(failed)} failed to load (traceback in {log})",
            "fix the demo data, or the rule that refuses it",
        )


def ensure_dev_database(odoo, dbname):
    """Create `dbname` with every realty addon, its demo data and Chinese, if
    missing; update the realty addons when their files changed since last time."""
    key = addons_key()
    installed = odoo.installed_addons(dbname, PRODUCT_ADDONS)
    missing = [a for a in PRODUCT_ADDONS if a not in installed]
    if not missing:
        if _stored_key(odoo, dbname) == key:
            step(f"Database {dbname}: ready")
            return
        step(f"Updating the realty addons in database {dbname} (their files changed)")
        started = time.monotonic()
        odoo.run_init(dbname, "update.log", "-u", ",".join(PRODUCT_ADDONS))
        _store_key(odoo, dbname, key)
        info(f"done in {time.monotonic() - started:.0f} s")
        return
    new = not odoo.pg.exists(dbname)
    step(
        f"Creating database {dbname} with the realty addons, demo data and Chinese"
        if new
        else f"Installing {', '.join(missing)} into database {dbname}"
    )
    info("a few minutes the first time; the log is in .realty/logs/init.log")
    started = time.monotonic()
    if new:
        create_database(odoo, dbname, "init.log", missing)
    else:
        odoo.run_init(dbname, "init.log", "-i", ",".join(missing))
    if new:
        # Chinese and Beijing time for the administrator (users.lang/tz live on the
        # partner), who opens on the demo developer (a company of its own); plain
        # SQL, since no server is running on the database yet.
        odoo.pg.query(ADMIN_PREFERENCES, dbname=dbname)
    _store_key(odoo, dbname, key)
    info(f"done in {time.monotonic() - started:.0f} s")


# serving ------------------------------------------------------------------------------


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _port_in_use(host, port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        return sock.connect_ex((host, port)) == 0


def _announce_when_up(url, proc):
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/web/login", timeout=5) as resp:
                if resp.status == 200:
                    print(
                        f"\n    Odoo is up: {url}\n"
                        "    Log in as admin / admin.  Stop with Ctrl-C.\n",
                        flush=True,
                    )
                    return
        except OSError:
            time.sleep(1)


def serve(odoo, dbname):
    conf = read_odoo_conf()
    host = conf.get("http_interface") or "127.0.0.1"
    port = int(conf.get("http_port") or 8069)
    if _port_in_use(host, port):
        raise DevError(
            f"port {port} on {host} is already in use (is another `make run` running?)",
            "stop the other server, or set http_port in odoo.conf",
        )
    url = f"http://{host}:{port}"
    workers = int(conf.get("workers") or 0)
    step(f"Serving Odoo on {url} with {workers} workers")
    args = ["-d", dbname, f"--db-filter=^{dbname}$"]
    if workers:
        # Odoo's http and gevent (websocket) ports stay inside; the front joins them
        http_port, gevent_port = _free_port(), _free_port()
        args += [
            "--http-interface=127.0.0.1",
            f"--http-port={http_port}",
            f"--gevent-port={gevent_port}",
        ]
        start_front(host, port, http_port, gevent_port)
        info(f"websockets (the bus) go to Odoo's gevent port {gevent_port}")
    proc = subprocess.Popen(
        odoo.cmd(*args),
        env=odoo.env,
        start_new_session=True,  # we forward Ctrl-C ourselves, once
    )
    threading.Thread(target=_announce_when_up, args=(url, proc), daemon=True).start()

    def forward(signum, _frame):
        if proc.poll() is None:
            proc.send_signal(signum)

    previous = {s: signal.signal(s, forward) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        code = proc.wait()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    step("Odoo stopped")
    return 0 if code in (0, -signal.SIGINT, -signal.SIGTERM) else code
