"""`make bench`: the site under gunicorn with production settings, on a throwaway PostgreSQL
and Redis, loaded with the scale data set, driven by wrk from a second process on 127.0.0.1.

Prints, from one run: each page's requests per second, p50 and p99 latency and its ratio to a
static file, with the page cache on and off, and the admin's lists signed in; each gunicorn
worker's peak resident memory; the data generator's peak; where an uncached page's time goes
(bench/profile.py); EXPLAIN for the lists' filters; then the failure steps (bench/failures.py).
"""

import argparse
import contextlib
import json
import os
import secrets
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import failures
from bench.load import wrk
from bench.services import PYTHON, ROOT, Gunicorn, PostgreSQL, Redis, shell


def manage(env, *args):
    """Run a management command; returns its peak resident memory in MB."""
    process = subprocess.Popen([PYTHON, "manage.py", *args], cwd=ROOT, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed ({process.returncode})")
    return usage.ru_maxrss / 1024


def orm(env, expression):
    """The value of a Python expression over the models, in the benchmark's database."""
    return shell(env, f"from networks.models import Event, Network\nprint({expression})")


def production_env(database_url, cache_url, **extra):
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "CACHE_URL": cache_url,
        # Plain HTTP on loopback: no TLS proxy in front, so no redirect to HTTPS.
        "SECURE_SSL_REDIRECT": "false",
        "BEHIND_HTTPS_PROXY": "false",
        "LOG_LEVEL": "WARNING",
        **extra,
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def pages(env):
    manifest = json.loads((ROOT / "staticfiles/staticfiles.json").read_text())
    network = orm(env, "Network.objects.public().order_by('pk').first().slug")
    event = orm(env, "Event.objects.published().upcoming().first().slug")
    return {
        "static file": f"/static/{manifest['paths']['css/site.css']}",
        "/": "/",
        "/networks/": "/networks/",
        "network page": f"/networks/{network}/",
        "/events/": "/events/",
        "event page": f"/events/{event}/",
        "search": "/search/?q=collections+care",
        "calendar feed": "/events/calendar.ics",
    }


STAFF_SESSION = """
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

user = get_user_model().objects.filter(username="bench-staff").first()
if user is None:
    user = get_user_model().objects.create_superuser("bench-staff", "bench@localhost", None)
device, _ = TOTPDevice.objects.get_or_create(user=user, name="Phone", defaults={"confirmed": True})
client = Client()
client.force_login(user)
session = client.session
session[DEVICE_ID_SESSION_KEY] = device.persistent_id
session.save()
print(f"{settings.SESSION_COOKIE_NAME}={session.session_key}")
for name in ["networks_network", "networks_event", "mentoring_volunteer", "networks_booking"]:
    print(reverse(f"admin:{name}_changelist"))
"""


def admin_pages(env):
    """A signed-in staff session (password and authenticator code, as the admin requires) and
    the changelists staff use most: ({name: path}, the Cookie header)."""
    cookie, *paths = shell(env, STAFF_SESSION).splitlines()
    names = ["admin: networks", "admin: events", "admin: volunteers", "admin: bookings"]
    return dict(zip(names, paths, strict=True)), f"Cookie: {cookie}"


def peak_rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


class PeakMemory:
    """Each gunicorn worker's peak resident size, sampled every 0.1 s while the block runs, so
    a worker that exits (or is recycled) is counted too: {pid: MB}."""

    def __init__(self, server):
        self.server, self.peaks, self.done = server, {}, threading.Event()

    def sample(self):
        for pid in self.server.worker_pids():
            with contextlib.suppress(OSError):
                self.peaks[pid] = max(self.peaks.get(pid, 0.0), peak_rss_mb(pid))

    def watch(self):
        while not self.done.wait(0.1):
            self.sample()

    def __enter__(self):
        self.thread = threading.Thread(target=self.watch, daemon=True)
        self.thread.start()
        return self.peaks

    def __exit__(self, *exc):
        self.done.set()
        self.thread.join()
        self.sample()


def table(rows, static_rps):
    lines = [
        f"{'page':<18} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'vs static':>9} {'errors':>7}",
    ]
    for name, r in rows.items():
        if isinstance(r, str):
            lines.append(f"{name:<18} {r}")
            continue
        lines.append(
            f"{name:<18} {r['rps']:>9.0f} {r['p50']:>8.1f} {r['p99']:>8.1f} "
            f"{r['rps'] / static_rps:>8.0%} {r['errors']:>7}"
        )
    return "\n".join(lines)


def measure(base, urls, seconds, headers=()):
    results = {}
    for name, path in urls.items():
        request = urllib.request.Request(
            base + path, headers=dict(header.split(": ", 1) for header in headers)
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                response.read()
                if response.url != base + path:  # Sent to sign in: the session did not hold.
                    raise urllib.error.URLError(f"redirected to {response.url}")
        except (urllib.error.URLError, TimeoutError) as error:
            # Reported in the table, never hidden: a page that cannot answer one request in time.
            results[name] = f"first request failed: {getattr(error, 'code', None) or error}"
            continue
        wrk(base + path, seconds=1, headers=headers)  # warm up: caches, connections, imports
        results[name] = wrk(base + path, seconds=seconds, headers=headers)
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=8, help="wrk duration per page")
    parser.add_argument("--scale", type=float, default=1.0, help="data set size (1.0 = full)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--skip-failures", action="store_true")
    parser.add_argument("--only-failures", action="store_true", help="skip the load tables")
    args = parser.parse_args()
    started = time.monotonic()

    with PostgreSQL() as postgres, Redis() as redis:
        env = production_env(postgres.url, redis.url)
        print("== Preparing: migrate, scale data, collectstatic", flush=True)
        manage(env, "migrate", "--no-input", "-v0")
        generated_at = time.monotonic()
        generator_mb = manage(env, "generate_scale_data", "--scale", str(args.scale))
        generator_s = time.monotonic() - generated_at
        # A live database is vacuumed and analysed as it goes (autovacuum); one just loaded in
        # bulk is not yet, and its plans and index-only scans would be those of no real site.
        shell(
            env, "from django.db import connection\nconnection.cursor().execute('VACUUM ANALYZE')"
        )
        manage(env, "collectstatic", "--no-input", "-v0")

        report = []
        passes = (("page cache on (Redis)", "60"), ("page cache off", "0"))
        for label, cache_seconds in passes if not args.only_failures else ():
            run_env = {**env, "PAGE_CACHE_SECONDS": cache_seconds}
            with Gunicorn(run_env, args.workers) as server:
                urls = pages(run_env)
                print(f"== Load: {label}, {args.workers} workers, 8 connections", flush=True)
                with PeakMemory(server) as workers:
                    results = measure(server.url, urls, args.seconds)
                    if cache_seconds == "0":  # The admin is never cached: measured once.
                        staff_urls, cookie = admin_pages(run_env)
                        results |= measure(server.url, staff_urls, args.seconds, [cookie])
            static = results.pop("static file")
            report.append((label, static, results, workers))

        if report:
            print(f"\n== Results ({args.seconds}s per page, wrk -t2 -c8, 127.0.0.1)")
        for label, static, results, workers in report:
            print(f"\n-- {label}")
            print(table({"static file": static, **results}, static["rps"]))
            print(
                "gunicorn workers' peak RSS (MB): "
                + ", ".join(f"{mb:.0f}" for mb in sorted(workers.values()))
            )
        print(f"\nData generator: {generator_s:.1f}s, peak RSS {generator_mb:.0f} MB")

        if report:
            print("\n== Where an uncached page's time goes (one at a time, bench/profile.py)")
            profile_env = {**env, "ALLOWED_HOSTS": "testserver", "PAGE_CACHE_SECONDS": "0"}
            subprocess.run([PYTHON, "bench/profile.py"], cwd=ROOT, env=profile_env, check=True)

        print("\n== Staff import through the admin (test client): a 5,000-row networks CSV")
        subprocess.run([PYTHON, "bench/imports.py", "5000"], cwd=ROOT, env=env, check=True)

        print("\n== Booking: 100 people book the last 10 places at once (test client, threads)")
        subprocess.run([PYTHON, "bench/bookings.py", "100", "10"], cwd=ROOT, env=env, check=True)
        print("\n== EXPLAIN for the lists' filters and orderings")
        subprocess.run([PYTHON, "bench/explain.py"], cwd=ROOT, env=env, check=True)

        if not args.skip_failures:
            print("\n== Failure steps", flush=True)
            ok = failures.run_all(postgres, env, args.workers, redis=redis)
            if not ok:
                raise SystemExit("A failure step did not hold.")
    print(f"\nmake bench took {time.monotonic() - started:.0f}s")


if __name__ == "__main__":
    main()
