"""The task worker (manage.py run_tasks) survives a PostgreSQL restart: the same process
reconnects and sends what is queued after it, where django-tasks-db's db_worker exits.

Against a throwaway PostgreSQL 15 of its own (bench/services.py), restarted for real; in the
PostgreSQL pass of .ci/run, like tests/test_failures.py."""

import subprocess
import time

import pytest
from django.conf import settings

from bench.run import production_env
from bench.services import PG_BIN, PYTHON, ROOT, PostgreSQL, shell, wait_for

pytestmark = [
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="restarts a real PostgreSQL: runs in the PostgreSQL pass of .ci/run",
    ),
    pytest.mark.skipif(not (PG_BIN / "initdb").exists(), reason="needs PostgreSQL 15's binaries"),
]

QUEUE = """
from django.db import transaction
from core.models import Notification
from core.notifications import queue_email
with transaction.atomic():
    notification = queue_email(
        kind=Notification.Kind.STAFF, to="mdo@example.org", subject={subject!r},
        template_name="networks/email/suggestion_staff.txt", context={{}},
    )
print(notification.pk)
"""


def sent(env, pk):
    code = f"from core.models import Notification\nprint(Notification.objects.get(pk={pk}).sent_at)"
    return shell(env, code) != "None"


def test_the_worker_carries_on_after_postgresql_restarts():
    with PostgreSQL() as postgres:
        env = production_env(
            postgres.url,
            "locmemcache://",
            TASKS_BACKEND="django_tasks_db.DatabaseBackend",
            EMAIL_URL="consolemail://",
            LOG_LEVEL="INFO",
        )
        env.pop("PYTEST_CURRENT_TEST", None)
        subprocess.run(
            [PYTHON, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True
        )
        worker = subprocess.Popen(
            [PYTHON, "manage.py", "run_tasks", "--no-startup-delay", "--interval", "0.2"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        try:
            before = shell(env, QUEUE.format(subject="Before the restart"))
            wait_for(lambda: sent(env, before), "the first email", 30)

            postgres.stop()
            time.sleep(2)  # The worker polls in this time, and finds no database.
            postgres.start()

            after = shell(env, QUEUE.format(subject="After the restart"))
            wait_for(lambda: sent(env, after), "the email queued after the restart", 60)
            assert worker.poll() is None, "the worker exited"
        finally:
            worker.terminate()
            output, _ = worker.communicate(timeout=30)
    assert "Task worker lost the database; waiting for it" in output, output
    assert "Task worker has the database again; carrying on" in output, output
    assert "Subject: After the restart" in output, output
