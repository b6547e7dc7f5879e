"""Helpers for the admin: signing in as it requires, its URLs, and adding a network as staff do."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from networks.models import Network, NetworkRole
from tests.networks.factories import PersonFactory

PASSWORD = "a long and unusual passphrase"


def admin_url(model, action="changelist", *args):
    meta = model._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{action}", args=args)


def verified_login(client, user):
    """Sign `user` in as the admin requires: with a password (force_login stands for it) and a
    code from a confirmed TOTP device, recorded in the session as django-otp does."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user).first() or TOTPDevice.objects.create(
        user=user, name="Phone", confirmed=True
    )
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def add_network_with_a_role(client):
    """Add a network and its chair through the admin, as staff do; returns the role."""
    person = PersonFactory(name="Grace")
    response = client.post(
        admin_url(Network, "add"),
        {
            "name": "Registrars Group",
            "slug": "registrars-group",
            "kind": "practitioner",
            "status": "active",
            "display_order": 0,
            "roles-TOTAL_FORMS": 1,
            "roles-INITIAL_FORMS": 0,
            "roles-0-person": person.pk,
            "roles-0-role": "chair",
            "roles-0-is_public": "on",
            "roles-0-confirmed_on": "2026-11-02",
        },
    )
    assert response.status_code == 302
    role = NetworkRole.objects.get(network__slug="registrars-group")
    assert (role.person, role.role, role.confirmed_on) == (
        person,
        "chair",
        datetime.date(2026, 11, 2),
    )
    return role


NETWORKS_CSV = (
    "slug,name,kind,status,sub_region,parent,topics,summary,description,website,how_to_join,"
    "display_order\n"
    "textile-conservators,Textile Conservators,practitioner,active,,,,Textile people.,,,,0\n"
)


def import_file(client, model, content, *, name="import.csv", file_format="0", confirm=True):
    upload = SimpleUploadedFile(name, content if isinstance(content, bytes) else content.encode())
    preview = client.post(
        admin_url(model, "import"),
        {"import_file": upload, "format": file_format, "resource": "0"},
    )
    assert preview.status_code == 200
    form = preview.context.get("confirm_form")
    if not confirm or form is None:
        return preview
    return client.post(admin_url(model, "process_import"), form.initial, follow=True)


def many_networks_csv(count, *, sub_regions=(), topics=(), parent=""):
    """A networks file of `count` rows as staff write one: names, kinds and statuses as labels,
    no slugs; sub-regions and topics (slugs) taken in turn when given."""
    lines = ["name,kind,status,sub_region,topics,parent,website,summary"]
    kinds = ["Area network", "sub_regional", "Subject network", "practitioner"]
    for n in range(count):
        sub_region = sub_regions[n % len(sub_regions)] if sub_regions else ""
        topic = topics[n % len(topics)] if topics else ""
        lines.append(
            f"Imported Network {n},{kinds[n % 4]},{'Active' if n % 3 else 'dormant'},"
            f"{sub_region},{topic},{parent},https://network{n}.example.org/,"
            f"People who share skills in group {n}."
        )
    return "\n".join(lines) + "\n"
