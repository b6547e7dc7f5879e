"""The README's backup and restore, rehearsed: pg_dump the database, restore it into an empty
one with pg_restore, and find the same directory there."""

import shutil
import subprocess
import uuid

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from networks.models import Network, PageSection


def pg_args(params):
    args = ["-U", params.get("user") or "postgres", "-h", params.get("host") or "localhost"]
    if params.get("port"):
        args += ["-p", str(params["port"])]
    return args


@pytest.mark.django_db(transaction=True)
def test_pg_dump_backup_restores_into_an_empty_database(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("backup and restore are rehearsed on PostgreSQL only")
    if not shutil.which("pg_dump") or not shutil.which("pg_restore"):
        pytest.fail("pg_dump and pg_restore are needed (Debian's postgresql-client)")
    call_command("load_initial_content", verbosity=0)
    params = connection.get_connection_params()
    env = {"PGPASSWORD": params.get("password") or ""}
    dump = tmp_path / "skills.dump"
    subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", *pg_args(params),
         params["dbname"]],
        check=True, env=env, capture_output=True,
    )  # fmt: skip
    target = f"restore_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{target}"')
    try:
        subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={target}",
             *pg_args(params), str(dump)],
            check=True, env=env, capture_output=True,
        )  # fmt: skip
        conninfo = {**params, "dbname": target}
        conninfo.pop("context", None)
        conninfo.pop("cursor_factory", None)
        with psycopg.connect(**conninfo) as restored:
            names = {row[0] for row in restored.execute("SELECT name FROM networks_network")}
            sections = restored.execute("SELECT count(*) FROM networks_pagesection").fetchone()
        assert names == set(Network.objects.values_list("name", flat=True))
        assert len(names) == 6
        assert sections[0] == PageSection.objects.count()
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{target}"')
