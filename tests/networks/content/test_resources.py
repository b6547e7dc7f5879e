"""Resources: documents staff upload (checked by name and content, capped, stored under new
names) or link to; how their links describe them; downloads; the home page."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from networks.content.documents import format_size
from networks.models import Resource
from tests.networks.content.documents import DOCX, EXE, ODT, PDF, VALID, ResourceFactory, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

STORED_NAME = re.compile(r"resources/[0-9a-f]{32}\.(\w+)")


@pytest.mark.parametrize("name", VALID)
def test_each_document_type_is_accepted_and_stored_under_a_new_name(name, media_root):
    resource = ResourceFactory(file=upload(name, VALID[name]))
    extension = name.rsplit(".", 1)[1].lower()
    assert STORED_NAME.fullmatch(resource.file.name)[1] == extension
    assert name.rsplit(".", 1)[0] not in resource.file.name
    assert resource.file_type == extension
    assert resource.file_size == len(VALID[name])
    assert (media_root / resource.file.name).read_bytes() == VALID[name]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.exe", EXE, "“setup.exe” is not a document we accept"),
        ("page.html", b"<html><script>alert(1)</script>", "is not a document we accept"),
        ("image.svg", b"<svg onload='x()'/>", "is not a document we accept"),
        ("report", PDF, "“report” is not a document we accept"),
        ("report.pdf.exe", EXE, "is not a document we accept"),
        ("report.pdf", EXE, "“report.pdf” is not really a PDF file"),
        ("report.docx", EXE, "is not really a DOCX file"),
        ("budget.xlsx", DOCX, "“budget.xlsx” is not really a XLSX file"),
        ("notes.odt", DOCX, "is not really a ODT file"),
        ("notes.ods", ODT, "is not really a ODS file"),
        ("notes.doc", PDF, "is not really a DOC file"),
        ("contacts.csv", EXE, "is not really a CSV file"),
        ("report.pdf", b"", "“report.pdf” is empty"),
    ],
)
def test_other_and_disguised_files_are_refused(name, content, message):
    with pytest.raises(ValidationError) as refused:
        ResourceFactory(file=upload(name, content))
    assert message in refused.value.message_dict["file"][0]
    assert not Resource.objects.exists()


def test_a_file_over_the_cap_is_refused(settings):
    settings.RESOURCE_MAX_UPLOAD_MB = 1
    ResourceFactory(file=upload("ok.pdf", PDF + bytes(1024 * 1024 - len(PDF))))
    with pytest.raises(ValidationError) as refused:
        ResourceFactory(file=upload("big.pdf", PDF + bytes(1024 * 1024)))
    assert refused.value.message_dict["file"] == [
        "“big.pdf” is 1.0 MB. Upload a file of 1 MB or less."
    ]


@pytest.mark.parametrize("both", [True, False])
def test_a_resource_is_a_file_or_a_link_not_both_nor_neither(both):
    with pytest.raises(ValidationError, match="Upload a file or give a link"):
        ResourceFactory(
            file=upload("r.pdf", PDF) if both else None,
            external_url="https://example.org/r" if both else "",
        )


def admin_form(title, slug, file, **more):
    """What the admin's resource form sends: a published file and its order."""
    return {"title": title, "slug": slug, "file": file, "is_published": "on", "display_order": 0,
            **more}  # fmt: skip


def test_the_admin_refuses_a_disguised_upload_and_saves_nothing(admin_client, media_root):
    response = admin_client.post(
        reverse("admin:networks_resource_add"),
        admin_form("Report", "report", upload("report.pdf", EXE)),
    )
    assert response.status_code == 200
    assert "is not really a PDF file" in response.content.decode()
    assert not Resource.objects.exists()
    assert not list(media_root.rglob("*.*"))


def test_the_admin_uploads_a_document(admin_client, media_root):
    response = admin_client.post(
        reverse("admin:networks_resource_add"),
        admin_form(
            "Research into skills sharing",
            "research",
            upload("Research report FINAL v2.pdf", PDF),
            on_home_page="on",
        ),
    )
    assert response.status_code == 302, response.content.decode()
    resource = Resource.objects.get()
    assert (resource.file_type, resource.file_size) == ("pdf", len(PDF))
    assert STORED_NAME.fullmatch(resource.file.name)


def test_a_replaced_or_deleted_file_leaves_the_disk(
    admin_client, media_root, django_capture_on_commit_callbacks
):
    resource = ResourceFactory(file=upload("one.pdf", PDF))
    first = media_root / resource.file.name
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:networks_resource_change", args=[resource.pk]),
            admin_form(resource.title, resource.slug, upload("two.docx", DOCX)),
        )
    resource.refresh_from_db()
    assert resource.file_type == "docx"
    assert not first.exists()
    second = media_root / resource.file.name
    assert second.exists()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:networks_resource_delete", args=[resource.pk]), {"post": "yes"}
        )
    assert not Resource.objects.exists()
    assert not second.exists()


@pytest.mark.parametrize(
    ("size", "shown"),
    [(1, "1 KB"), (1536, "2 KB"), (518 * 1024, "518 KB"), (5 * 1024 * 1024, "5.0 MB")],
)
def test_sizes_read_as_people_write_them(size, shown):
    assert format_size(size) == shown


def test_a_link_says_what_the_file_is_and_how_big(client):
    resource = ResourceFactory(title="Research into skills sharing", file=upload("r.pdf", PDF))
    Resource.objects.filter(pk=resource.pk).update(file_size=518 * 1024)
    ResourceFactory(title="Our blog post", external_url="https://blog.example/post")
    html = client.get(reverse("networks:resources")).content.decode()
    assert re.search(
        r'<a href="/resources/[\w-]+/download/" download>Research into skills sharing'
        r'<span class="visually-hidden"> \(PDF, 518 KB\)</span></a>',
        html,
    )
    assert re.search(
        r'<a href="https://blog.example/post" rel="external noopener">Our blog post'
        r'<span class="visually-hidden"> \(on another website\)</span></a>',
        html,
    )


def test_a_download_is_the_checked_file_as_an_attachment(client):
    resource = ResourceFactory(slug="research-report", file=upload("Report (final).pdf", PDF))
    response = client.get(resource.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="research-report.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


def test_drafts_links_and_missing_files_have_no_download(client, admin_client, media_root):
    draft = ResourceFactory(file=upload("d.pdf", PDF), is_published=False)
    assert client.get(draft.url).status_code == 404
    assert admin_client.get(draft.url).status_code == 200  # staff may check a draft
    link = ResourceFactory(external_url="https://example.org/x")
    url = reverse("networks:resource_download", kwargs={"slug": link.slug})
    assert client.get(url).status_code == 404
    gone = ResourceFactory(file=upload("g.pdf", PDF))
    (media_root / gone.file.name).unlink()
    assert client.get(gone.url).status_code == 404


def test_the_report_appears_on_the_home_page_once_staff_publish_it(client):
    home = reverse("networks:home")
    assert "/download/" not in client.get(home).content.decode()
    report = ResourceFactory(
        title="Research into suitable skills sharing models",
        file=upload("report.pdf", PDF),
        is_published=False,
        on_home_page=True,
    )
    assert report.url not in client.get(home).content.decode()
    report.is_published = True
    report.save()
    html = client.get(home).content.decode()
    assert f'<a href="{report.url}" download>{report.title}' in html
    assert "(PDF, 1 KB)" in html
    ResourceFactory(title="Not for the home page")
    assert "Not for the home page" not in client.get(home).content.decode()


@pytest.mark.parametrize("rows", [3, 30])
def test_resources_page_queries(client, django_assert_num_queries, rows):
    for i in range(rows):
        ResourceFactory(file=upload(f"r{i}.pdf", PDF) if i % 2 else None)
    # The introduction and the resources.
    with django_assert_num_queries(2):
        html = client.get(reverse("networks:resources")).content.decode()
    assert html.count('class="resource"') == rows


def test_mdo_staff_upload_resources_without_being_superusers(django_user_model, media_root):
    from django.contrib.auth.models import Group
    from django.test import Client

    from tests.helpers.admin import verified_login

    user = django_user_model.objects.create_user("mdo", is_staff=True)
    user.groups.add(Group.objects.get(name="MDO staff"))
    client = verified_login(Client(), user)
    response = client.post(
        reverse("admin:networks_resource_add"),
        admin_form("Research report", "research", upload("report.pdf", PDF)),
    )
    assert response.status_code == 302
    assert Resource.objects.get().file_type == "pdf"
