"""Throwaway services for the benchmark: PostgreSQL 15, Redis and gunicorn, on loopback only.

Each is a context manager that starts the service in a temporary folder and stops it, and
removes the folder, however the block ends.
"""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

PG_BIN = Path("/usr/lib/postgresql/15/bin")
ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv/bin/python")


def shell(env, code):
    """Run Python code in `manage.py shell` with this environment; returns what it printed."""
    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "-v", "0", "-c", code],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return out.stdout.strip()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, what, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            if check():
                return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not start within {timeout}s")


def as_postgres(command):
    """Run a shell command as the postgres user: the server refuses to run as root."""
    prefix = [] if os.geteuid() != 0 else ["su", "postgres", "-s", "/bin/sh", "-c"]
    args = [*prefix, command] if prefix else ["/bin/sh", "-c", command]
    return subprocess.run(args, check=True, capture_output=True, text=True, cwd="/")


class PostgreSQL:
    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix="bench-postgres-"))
        self.data = self.root / "data"
        self.port = free_port()
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def start(self):
        as_postgres(
            f"{PG_BIN}/pg_ctl -D '{self.data}' -l '{self.root}/server.log' -w start "
            f"-o \"-k '{self.root}' -p {self.port} -c listen_addresses=127.0.0.1 "
            f'-c max_connections=200 -c shared_buffers=256MB"'
        )

    def stop(self, mode="fast"):
        as_postgres(f"{PG_BIN}/pg_ctl -D '{self.data}' -m {mode} -w stop")

    def restart(self):
        # stop then start, not `pg_ctl restart`: start sends the server's output to its log file,
        # where restart would leave it holding our pipes open.
        self.stop()
        self.start()

    def __enter__(self):
        as_postgres(f"{PG_BIN}/initdb -D '{self.data}' -A trust -U postgres")
        self.start()
        return self

    def __exit__(self, *exc):
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


class Redis:
    def __init__(self):
        self.port = free_port()

    @property
    def url(self):
        return f"rediscache://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
             "--appendonly", "no", "--maxmemory", "512mb", "--maxmemory-policy", "allkeys-lru"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(lambda: socket.create_connection(("127.0.0.1", self.port), 1), "Redis", 10)

    def stop(self):
        """Stop it (its data goes with it); start() brings it back, empty, on the same port."""
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()


class Gunicorn:
    def __init__(self, env, workers):
        self.port = free_port()
        self.env = {
            **env,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "WEB_CONCURRENCY": str(workers),
        }
        self.log_fd, self.log_path = tempfile.mkstemp(prefix="bench-gunicorn-", suffix=".log")

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def worker_pids(self):
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError):
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == self.process.pid:
                    pids.append(int(stat.parent.name))
        return pids

    def __enter__(self):
        self.process = subprocess.Popen(
            [".venv/bin/gunicorn", "-c", "config/gunicorn.py", "--access-logfile", "/dev/null",
             "config.wsgi"],
            cwd=ROOT, env=self.env, stdout=self.log_fd, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            wait_for(
                lambda: urllib.request.urlopen(f"{self.url}/healthz", timeout=2).status == 200,
                "gunicorn",
            )
        except RuntimeError:
            self.process.kill()
            print(Path(self.log_path).read_text(), file=sys.stderr)
            raise
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.close(self.log_fd)
        Path(self.log_path).unlink(missing_ok=True)
