"""Failure, tested on loopback and bounded in count and time, against the benchmark's gunicorn:

1. 200 concurrent volunteer form submissions make exactly 200 records and 200 acknowledgements.
2. With the SMTP server unreachable, submissions still succeed, and their emails go out once it
   returns (send_unsent_emails, the cron command).
3. PostgreSQL is restarted while load runs: the site recovers without restarting the app, no
   accepted submission is lost, and no answer is a 5xx other than 503.
4. (When the cache is Redis) Redis is stopped: pages are still served, forms still accepted and
   stored, /healthz says the cache is degraded; once Redis is back, /healthz says ok.
"""

import json
import re
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from http.cookies import SimpleCookie

from aiosmtpd.controller import Controller

from bench.services import PYTHON, ROOT, Gunicorn, free_port, shell, wait_for


class SmtpSink:
    """A local SMTP server that keeps every message it receives, and can be taken down."""

    def __init__(self):
        self.port = free_port()
        self.recipients = Counter()
        self.controller = None

    async def handle_DATA(self, server, session, envelope):
        self.recipients.update(envelope.rcpt_tos)
        return "250 Message accepted"

    def start(self):
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        self.controller.stop()

    def received(self, prefix):
        return sum(n for address, n in self.recipients.items() if address.startswith(prefix))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def _request(url, data=None, cookies=None):
    request = urllib.request.Request(url, data=data)
    if cookies:
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()))
    try:
        response = _opener.open(request, timeout=60)
    except urllib.error.HTTPError as error:
        response = error
    body = response.read().decode(errors="replace")
    jar = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        jar.load(header)
    return response.status, response.headers, body, {k: m.value for k, m in jar.items()}


def volunteer_form(base):
    """GET the form: its cookies and the hidden fields a browser would send back."""
    status, _, html, cookies = _request(f"{base}/mentoring/volunteer/")
    assert status == 200, status
    hidden = dict(
        re.findall(r'name="(csrfmiddlewaretoken|submission_token)" value="([^"]+)"', html)
    )
    region = re.search(r'name="sub_regions" value="([^"]+)"', html).group(1)
    return cookies, {**hidden, "sub_regions": region}


def post_volunteer(base, form, email):
    cookies, fields = form
    data = {
        **fields,
        "name": "Bench Volunteer",
        "email": email,
        "job_title": "Curator",
        "organisation": "Bench Museum",
        "roles": "mentor",
        "accreditation_experience": "mentor",
        "capacity": "2",
        "availability": "Weekdays",
        "privacy_consent": "on",
    }
    status, headers, _, _ = _request(
        f"{base}/mentoring/volunteer/", urllib.parse.urlencode(data).encode(), cookies
    )
    accepted = status == 302 and "confirmation" in headers.get("Location", "")
    return status, accepted


def count(env, model, email_prefix):
    return int(
        shell(
            env,
            f"from mentoring.models import {model}\n"
            f"print({model}.objects.filter(email__startswith={email_prefix!r}).count())",
        )
    )


def unsent(env, email_prefix):
    return int(
        shell(
            env,
            "from core.models import Notification\n"
            "print(Notification.objects.filter(sent_at__isnull=True, "
            f"to__startswith={email_prefix!r}).count())",
        )
    )


def check(name, ok, detail):
    print(f"{'PASS' if ok else 'FAIL'}: {name}: {detail}", flush=True)
    return ok


def concurrent_submissions(server, env, sink, n=200):
    forms = [volunteer_form(server.url) for _ in range(n)]
    barrier = threading.Barrier(n)
    statuses = [None] * n

    def submit(i):
        barrier.wait(timeout=120)
        statuses[i] = post_volunteer(server.url, forms[i], f"concurrent{i}@bench.example")

    started = time.monotonic()
    threads = [threading.Thread(target=submit, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    took = time.monotonic() - started
    accepted = sum(1 for _, ok in statuses if ok)
    records = count(env, "Volunteer", "concurrent")
    acks = sink.received("concurrent")
    return check(
        f"{n} concurrent volunteer submissions",
        accepted == records == acks == n,
        f"{accepted} accepted, {records} records, {acks} acknowledgements in {took:.1f}s "
        f"(statuses {dict(Counter(s for s, _ in statuses))})",
    )


def smtp_outage(server, env, sink, n=20):
    sink.stop()
    results = [
        post_volunteer(server.url, volunteer_form(server.url), f"outage{i}@bench.example")
        for i in range(n)
    ]
    accepted = sum(1 for _, ok in results if ok)
    waiting = unsent(env, "outage")
    sink.start()
    subprocess.run(
        [PYTHON, "manage.py", "send_unsent_emails", "--older-than", "0"],
        cwd=ROOT, env=env, check=True, capture_output=True,
    )  # fmt: skip
    delivered = sink.received("outage")
    return check(
        "SMTP server unreachable, then back",
        accepted == n and waiting == n and delivered == n and unsent(env, "outage") == 0,
        f"{accepted}/{n} accepted while it was down, {waiting} acknowledgements waiting, "
        f"{delivered} delivered by send_unsent_emails once it returned",
    )


def postgres_restart(server, env, postgres, seconds=8, threads=4):
    master = server.process.pid
    accepted_emails, statuses, lock = [], Counter(), threading.Lock()
    stop = time.monotonic() + seconds

    def load(worker):
        i = 0
        while time.monotonic() < stop:
            email = f"restart{worker}-{i}@bench.example"
            i += 1
            try:
                status, ok = post_volunteer(server.url, volunteer_form(server.url), email)
            except (AssertionError, AttributeError, OSError):
                status, ok = "form unavailable", False
            with lock:
                statuses[status] += 1
                if ok:
                    accepted_emails.append(email)

    workers = [threading.Thread(target=load, args=(w,)) for w in range(threads)]
    for worker in workers:
        worker.start()
    time.sleep(seconds / 3)
    restart_started = time.monotonic()
    postgres.restart()
    restart_took = time.monotonic() - restart_started
    for worker in workers:
        worker.join(timeout=seconds + 120)
    wait_for(
        lambda: urllib.request.urlopen(f"{server.url}/healthz", timeout=2).status == 200,
        "the site after the restart",
        30,
    )
    stored = set(
        shell(
            env,
            "from mentoring.models import Volunteer\n"
            "print('\\n'.join(Volunteer.objects.filter(email__startswith='restart')"
            ".values_list('email', flat=True)))",
        ).split()
    )
    lost = [email for email in accepted_emails if email not in stored]
    return check(
        "PostgreSQL restarted under load",
        server.process.poll() is None
        and server.process.pid == master
        and accepted_emails
        and not lost
        # A database away for a moment is a 503 with Retry-After, never a 500.
        and not any(
            isinstance(status, int) and status >= 500 and status != 503 for status in statuses
        ),
        f"restart took {restart_took:.1f}s; same gunicorn master; {len(accepted_emails)} "
        f"accepted, all but {len(lost)} stored ({len(stored)} stored in all); "
        f"responses {dict(statuses)}",
    )


def redis_outage(server, env, redis, n=10):
    redis.stop()
    try:
        pages = [_request(f"{server.url}{path}")[0] for path in ("/", "/networks/", "/events/")]
        results = [
            post_volunteer(server.url, volunteer_form(server.url), f"cacheless{i}@bench.example")
            for i in range(n)
        ]
        accepted = sum(1 for _, ok in results if ok)
        stored = count(env, "Volunteer", "cacheless")
        status, _, body, _ = _request(f"{server.url}/healthz")
        degraded = (status, json.loads(body).get("cache"))
    finally:
        redis.start()
    recovered = json.loads(_request(f"{server.url}/healthz")[2]).get("status")
    return check(
        "Redis stopped, then back",
        set(pages) == {200} and accepted == stored == n and degraded == (200, "degraded")
        and recovered == "ok",
        f"pages {pages}; {accepted}/{n} forms accepted, {stored} stored while it was down; "
        f"/healthz {degraded[0]} cache {degraded[1]!r}, then {recovered!r} once it returned",
    )  # fmt: skip


def run_all(postgres, env, workers, redis=None):
    """`redis`: the bench.services.Redis that env's CACHE_URL points at, if any, to stop."""
    sink = SmtpSink()
    sink.start()
    env = {
        **env,
        "EMAIL_URL": f"smtp://127.0.0.1:{sink.port}",
        "EMAIL_TIMEOUT": "5",
        # One address sends every form here; the per-address limit would stop the test itself.
        "FORM_RATE_LIMIT_COUNT": "100000",
    }
    try:
        with Gunicorn(env, workers) as server:
            results = [
                concurrent_submissions(server, env, sink),
                smtp_outage(server, env, sink),
                postgres_restart(server, env, postgres),
            ]
            if redis is not None:
                results.append(redis_outage(server, env, redis))
    finally:
        if sink.controller and sink.controller._thread:
            sink.stop()
    return all(results)
