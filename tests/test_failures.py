"""Failure, tested in CI: the steps of `make bench` (bench/failures.py), against gunicorn with
production settings on a throwaway PostgreSQL 15 of its own, on loopback, bounded in count and
time:

1. 200 concurrent volunteer form submissions make exactly 200 records and 200 acknowledgements
   (at a local SMTP sink);
2. with the SMTP server unreachable, submissions still succeed, and their emails go out once it
   returns;
3. PostgreSQL is stopped and started while submissions run: the same gunicorn recovers, and
   every submission it accepted is stored.

They run in the PostgreSQL pass of .ci/run, where the server's binaries are installed.
"""

import pytest
from django.conf import settings

from bench import failures
from bench.run import manage, production_env
from bench.services import PG_BIN, PostgreSQL

pytestmark = [
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="the failure steps run in the PostgreSQL pass of .ci/run, and in make bench",
    ),
    pytest.mark.skipif(not (PG_BIN / "initdb").exists(), reason="needs PostgreSQL 15's binaries"),
]


def test_the_site_survives_a_rush_a_mail_outage_and_a_database_restart(capsys):
    with PostgreSQL() as postgres:
        # The local-memory cache: these steps need no shared cache, and CI has no Redis.
        env = production_env(postgres.url, "locmemcache://")
        env.pop("PYTEST_CURRENT_TEST", None)
        for command in (
            ("migrate", "--no-input", "-v0"),
            ("load_initial_content",),
            ("collectstatic", "--no-input", "-v0"),
        ):
            manage(env, *command)
        held = failures.run_all(postgres, env, workers=2)
    report = capsys.readouterr().out
    # Each step prints PASS or FAIL with what it counted; all three must pass.
    assert report.count("PASS: ") == 3, report
    assert held, report
