"""The task worker for production: django-tasks-db's `db_worker`, surviving the database.

`db_worker` exits on the first database error that is not a lock: a PostgreSQL restart or
failover stops it, and no queued email goes out until someone restarts it. This runs the same
worker, with the same options, and when the database goes away it closes its connections,
waits (1, 2, 4... up to MAX_WAIT seconds between tries) until the database answers, and carries
on. The loss is logged once, and the return.

A task that was running when the database went is left as it was (its result cannot be
written); for an email, its Notification row stays unsent, and send_unsent_emails (cron) or
staff send it.
"""

import logging
import time

from django.db import InterfaceError, OperationalError, connections
from django_tasks_db.management.commands import db_worker

logger = logging.getLogger(__name__)

DATABASE_LOST = (OperationalError, InterfaceError)
MAX_WAIT = 30.0


class Command(db_worker.Command):
    help = (
        "Run the database task worker (db_worker's options), reconnecting and carrying on when "
        "the database restarts or fails over. For production, under a process manager."
    )

    def handle(self, *args, **options):
        while True:
            try:
                return super().handle(*args, **options)
            except DATABASE_LOST as error:
                started = time.monotonic()
                logger.warning(
                    "Task worker lost the database; waiting for it",
                    extra={"error": type(error).__name__, "detail": str(error).strip()[:200]},
                )
                wait_for_database()
                logger.warning(
                    "Task worker has the database again; carrying on",
                    extra={"down_seconds": round(time.monotonic() - started, 1)},
                )


def wait_for_database(first_wait=1.0):
    """Return once the default database answers, trying again after longer and longer waits.
    A signal (SIGTERM from the process manager) still stops the worker meanwhile."""
    wait = first_wait
    while True:
        connections.close_all()
        time.sleep(wait)
        try:
            with connections["default"].cursor() as cursor:
                cursor.execute("SELECT 1")
            return
        except DATABASE_LOST as error:
            logger.debug("Database still unreachable: %s", type(error).__name__)
            wait = min(wait * 2, MAX_WAIT)
