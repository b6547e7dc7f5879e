"""Time the admin's import of a generated 5,000-row networks file and of a 5,000-row people
file: the preview, then the confirmed import, through Django's test client (the whole admin
stack, in one process), in the benchmark's database. People are saved row by row, so a file
that size runs as a task (core/import_jobs.py); with the immediate backend the task runs within
the confirmation, which is what its time measures. Everything it adds is removed again. Run
with the benchmark's environment: python bench/imports.py [rows]"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.test.utils import setup_test_environment  # noqa: E402

setup_test_environment()  # so that the preview's response carries its confirm form

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from core.import_jobs import ImportJob  # noqa: E402
from networks.models import Network, Person, SubRegion, Topic  # noqa: E402


def networks_csv(rows):
    regions = list(SubRegion.objects.values_list("slug", flat=True)) or [""]
    topics = list(Topic.objects.values_list("slug", flat=True)) or [""]
    lines = ["name,kind,status,sub_region,topics,website,summary"]
    for n in range(rows):
        lines.append(
            f"Bench Import {n},Practitioner network,Active,{regions[n % len(regions)]},"
            f"{topics[n % len(topics)]},https://bench{n}.example.org/,Imported for the bench."
        )
    return "\n".join(lines) + "\n"


def people_csv(rows):
    lines = ["name,email,organisation"]
    lines += [f"Bench Person {n},bench{n}@bench-import.example,Museum {n}" for n in range(rows)]
    return "\n".join(lines) + "\n"


def timed_import(client, model, content, rows, imported):
    """Seconds to preview and to confirm `content`; fails unless `imported()` finds the rows."""
    upload = SimpleUploadedFile(f"{model}.csv", content.encode())
    started = time.monotonic()
    preview = client.post(
        reverse(f"admin:networks_{model}_import"),
        {"import_file": upload, "format": "0", "resource": "0"},
    )
    preview_s = time.monotonic() - started
    form = preview.context["confirm_form"] if preview.context else None
    if preview.status_code != 200 or form is None:
        raise SystemExit(f"The {model} preview failed ({preview.status_code}).")
    started = time.monotonic()
    done = client.post(reverse(f"admin:networks_{model}_process_import"), form.initial)
    import_s = time.monotonic() - started
    if done.status_code != 302 or imported() != rows:
        raise SystemExit(f"The {model} import failed ({done.status_code}, {imported()} rows).")
    return preview_s, import_s


def main(rows):
    user = get_user_model().objects.create_superuser("bench-importer", "", None)
    device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    try:
        networks = timed_import(
            client,
            "network",
            networks_csv(rows),
            rows,
            Network.objects.filter(name__startswith="Bench Import ").count,
        )
        people = timed_import(
            client,
            "person",
            people_csv(rows),
            rows,
            Person.objects.filter(email__endswith="@bench-import.example").count,
        )
        jobs = list(ImportJob.objects.filter(user=user).values_list("status", flat=True))
    finally:
        Network.history.filter(name__startswith="Bench Import ").delete()
        Network.objects.filter(name__startswith="Bench Import ").delete()
        Person.history.filter(email__endswith="@bench-import.example").delete()
        Person.objects.filter(email__endswith="@bench-import.example").delete()
        ImportJob.objects.filter(user=user).delete()
        user.delete()
    print(f"{'step':<32} {'seconds':>8}")
    for label, (preview_s, import_s) in (("networks", networks), ("people", people)):
        print(f"{f'{label}: preview ({rows} rows)':<32} {preview_s:>8.1f}")
        print(f"{f'{label}: import ({rows} rows)':<32} {import_s:>8.1f}")
    print(f"import jobs: {', '.join(jobs) or 'none'}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
