"""Odoo servers with workers on loopback, nginx in front of two of them, and the
faults the bench injects (a worker killed, PostgreSQL restarted)."""

import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request

from realtydev.common import LOGS, STATE, DevError, info, step

WORKERS = 2


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_http(url, proc, what, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise DevError(f"{what} exited with {proc.returncode} while starting")
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise DevError(f"{what} did not answer {url} within {timeout} s")


class OdooServer:
    """odoo-bin --workers=2 with its gevent port, on 127.0.0.1."""

    def __init__(self, odoo, dbname, name, cron=False):
        self.odoo, self.dbname, self.name = odoo, dbname, name
        self.cron = cron  # one cron worker: the opening's deal writer runs
        self.http_port, self.gevent_port = free_port(), free_port()
        self.log = LOGS / f"bench-{name}.log"
        self.proc = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.http_port}"

    def start(self):
        args = [
            "-d",
            self.dbname,
            f"--db-filter=^{self.dbname}$",
            f"--workers={WORKERS}",
            f"--max-cron-threads={1 if self.cron else 0}",
            "--http-interface=127.0.0.1",
            f"--http-port={self.http_port}",
            f"--gevent-port={self.gevent_port}",
            f"--logfile={self.log}",
            "--log-level=warn",
            # one line per request with its query count and times (request_costs)
            "--log-handler=werkzeug:INFO",
        ]
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self.log.write_text("", encoding="utf-8")
        self.proc = subprocess.Popen(
            self.odoo.cmd(*args), env=self.odoo.env, start_new_session=True
        )
        _wait_http(f"{self.url}/web/health", self.proc, f"Odoo {self.name}")
        _wait_http(
            f"http://127.0.0.1:{self.gevent_port}/websocket/health",
            self.proc,
            f"Odoo {self.name} (gevent)",
        )
        info(
            f"Odoo {self.name}: http {self.http_port}, gevent {self.gevent_port}, "
            f"{WORKERS} workers (log {self.log.relative_to(STATE.parent)})"
        )
        return self

    def http_workers(self):
        """The forked HTTP workers' pids; the master forks them before its cron
        worker, so they come first in pid order."""
        import psutil

        workers = []
        children = sorted(psutil.Process(self.proc.pid).children(), key=lambda c: c.pid)
        for child in children[: WORKERS + 1]:
            try:
                # forked HTTP workers; the gevent worker is an `odoo-bin gevent`
                if "gevent" not in child.cmdline():
                    workers.append(child.pid)
            except psutil.Error:
                continue
        return workers

    def request_costs(self):
        """{path kind: (requests, mean queries, mean ms in queries, mean ms
        besides)} from this server's log: what one request costs the server,
        apart from the clients and the network."""
        return request_costs(self.log.read_text(encoding="utf-8", errors="replace"))

    def kill_worker(self):
        """SIGKILL one HTTP worker (the master spawns a new one); its pid."""
        workers = self.http_workers()
        if not workers:
            return None
        os.kill(workers[0], signal.SIGKILL)
        return workers[0]

    def stop(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


_REQUEST = re.compile(
    r'"(?:GET|POST) (?P<path>/\S*) HTTP/[\d.]+" (?P<status>\d+) - '
    r"(?P<queries>\d+) (?P<query_s>[\d.]+) (?P<other_s>[\d.]+)"
)


def _kind(path):
    if path.startswith("/realty/opening/") and path.endswith("/pick"):
        return "pick"
    return {
        "/realty_bench/floor": "floor",
        "/realty_bench/naive_pick": "naive",
    }.get(path)


def request_costs(log_text):
    """See OdooServer.request_costs (tested in test_checks.py)."""
    costs = {}
    for match in _REQUEST.finditer(log_text):
        kind = _kind(match["path"])
        if kind:
            costs.setdefault(kind, []).append(
                (
                    int(match["queries"]),
                    float(match["query_s"]),
                    float(match["other_s"]),
                )
            )
    return {
        kind: (
            len(rows),
            round(sum(r[0] for r in rows) / len(rows), 1),
            round(1000 * sum(r[1] for r in rows) / len(rows), 2),
            round(1000 * sum(r[2] for r in rows) / len(rows), 2),
        )
        for kind, rows in costs.items()
    }


NGINX_CONF = """\
{user}worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {dir}/tmp/body;
    proxy_temp_path {dir}/tmp/proxy;
    fastcgi_temp_path {dir}/tmp/fastcgi;
    uwsgi_temp_path {dir}/tmp/uwsgi;
    scgi_temp_path {dir}/tmp/scgi;
    # several Odoo servers on one database; no stickiness needed (the sessions
    # live in the shared data dir, every request may go to any server)
    upstream odoo_http {{
{http}
        keepalive 32;
    }}
    upstream odoo_bus {{
{bus}
    }}
    map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
    server {{
        listen 127.0.0.1:{port};
        proxy_read_timeout 720s;
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-Host $host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_set_header X-Real-IP $remote_addr;
        location /websocket {{
            proxy_pass http://odoo_bus;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
        }}
        location / {{
            proxy_pass http://odoo_http;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
        }}
    }}
}}
"""


class Nginx:
    """Debian's nginx in front of `servers`, config in .realty/nginx-bench."""

    def __init__(self, servers):
        self.servers = servers
        self.port = free_port()
        self.dir = STATE / "nginx-bench"
        self.proc = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def write_conf(self):
        for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.dir / "tmp" / sub).mkdir(parents=True, exist_ok=True)
        conf = NGINX_CONF.format(
            user="user root;\n" if os.geteuid() == 0 else "",
            dir=self.dir,
            port=self.port,
            http="\n".join(
                f"        server 127.0.0.1:{s.http_port};" for s in self.servers
            ),
            bus="\n".join(
                f"        server 127.0.0.1:{s.gevent_port};" for s in self.servers
            ),
        )
        path = self.dir / "nginx.conf"
        path.write_text(conf, encoding="utf-8")
        return path

    def start(self):
        path = self.write_conf()
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        self.proc = subprocess.Popen(
            [nginx, "-c", str(path), "-p", str(self.dir), "-g", "daemon off;"],
            start_new_session=True,
        )
        _wait_http(f"{self.url}/web/health", self.proc, "nginx")
        info(f"nginx: {self.url} -> {len(self.servers)} Odoo servers ({path})")
        return self

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def restart_postgres(pg):
    """pg_ctl restart -m fast on the bench cluster (the same socket and port)."""
    from pgserver._commands import pg_ctl

    server = pg._server
    step("Fault: pg_ctl restart -m fast")
    started = time.monotonic()
    pg_ctl(
        ["-w", "-m", "fast", "restart"],
        pgdata=server.pgdata,
        user=server.system_user,
        timeout=60,
    )
    return time.monotonic() - started
