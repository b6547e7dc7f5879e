"""Time the admin's import of a generated 5,000-row networks file: the preview, then the
confirmed import, through Django's test client (the whole admin stack, in one process), in the
benchmark's database. Everything it adds is removed again. Run with the benchmark's
environment: python bench/imports.py [rows]"""

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

from networks.models import Network, SubRegion, Topic  # noqa: E402


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


def main(rows):
    user = get_user_model().objects.create_superuser("bench-importer", "", None)
    device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    upload = SimpleUploadedFile("networks.csv", networks_csv(rows).encode())
    try:
        started = time.monotonic()
        preview = client.post(
            reverse("admin:networks_network_import"),
            {"import_file": upload, "format": "0", "resource": "0"},
        )
        preview_s = time.monotonic() - started
        form = preview.context["confirm_form"] if preview.context else None
        if preview.status_code != 200 or form is None:
            raise SystemExit(f"The preview failed ({preview.status_code}).")
        started = time.monotonic()
        done = client.post(reverse("admin:networks_network_process_import"), form.initial)
        import_s = time.monotonic() - started
        imported = Network.objects.filter(name__startswith="Bench Import ").count()
        if done.status_code != 302 or imported != rows:
            raise SystemExit(f"The import failed ({done.status_code}, {imported} rows).")
    finally:
        Network.history.filter(name__startswith="Bench Import ").delete()
        Network.objects.filter(name__startswith="Bench Import ").delete()
        user.delete()
    print(f"{'step':<24} {'seconds':>8}")
    print(f"{f'preview ({rows} rows)':<24} {preview_s:>8.1f}")
    print(f"{f'import ({rows} rows)':<24} {import_s:>8.1f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
