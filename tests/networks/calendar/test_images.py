"""An event's picture: uploaded by staff in the admin, checked by its content, shown on the
event's page with its description."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from networks.calendar.images import MAX_IMAGE_MB
from networks.models import Event, Topic
from tests.helpers.calendar import event_form
from tests.networks.factories import (
    EventFactory,
    EventWithImageFactory,
    TopicFactory,
    tiny_png,
)

pytestmark = pytest.mark.django_db

ADD = reverse("admin:networks_event_add")
FUTURE_DAY = "03/03/2037"  # after the suite's furthest clock, ten years on
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 64


def upload(content, name="photo.png"):
    return SimpleUploadedFile(name, content, content_type="image/png")


@pytest.mark.parametrize(
    ("content", "name", "kind", "mime"),
    [
        (tiny_png(), "photo.png", "png", "image/png"),
        (JPEG, "photo.jpeg", "jpg", "image/jpeg"),
        (WEBP, "picture.webp", "webp", "image/webp"),
        # The content decides, not the name.
        (tiny_png(), "photo.jpg", "png", "image/png"),
    ],
)
def test_staff_add_an_image_with_its_description(
    admin_client, media_root, content, name, kind, mime
):
    response = admin_client.post(
        ADD,
        event_form(FUTURE_DAY, image=upload(content, name), image_alt="A quilt under a lamp."),
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.image_type == kind
    assert event.image.name.endswith(f".{kind}")
    assert name.split(".")[0] not in event.image.name  # a generated name, none of the upload's
    assert (media_root / event.image.name).read_bytes() == content
    image = admin_client.get(reverse("events:image", kwargs={"slug": event.slug}))
    assert image["Content-Type"] == mime
    assert image["X-Content-Type-Options"] == "nosniff"
    assert b"".join(image.streaming_content) == content


def test_an_image_without_a_description_is_refused(admin_client, media_root):
    response = admin_client.post(
        ADD, event_form(FUTURE_DAY, image=upload(tiny_png()), image_alt="  ")
    )
    assert response.status_code == 200
    assert "Describe the image for people who cannot see it" in response.content.decode()
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    "content",
    [b"<html><script>alert(1)</script></html>", b"MZ\x90\x00" + b"\x00" * 60, b"GIF89a" + b"0" * 9],
)
def test_a_file_that_is_not_a_jpeg_png_or_webp_is_refused(admin_client, media_root, content):
    response = admin_client.post(
        ADD, event_form(FUTURE_DAY, image=upload(content, "photo.png"), image_alt="A photo.")
    )
    assert response.status_code == 200
    assert "“photo.png” is not a JPEG, PNG or WebP image." in response.content.decode()
    assert not Event.objects.exists()
    assert not media_root.exists() or not any(media_root.rglob("*.*"))


def test_a_large_image_is_refused(admin_client, media_root, settings):
    big = tiny_png() + b"\x00" * (MAX_IMAGE_MB * 1024 * 1024)
    response = admin_client.post(
        ADD, event_form(FUTURE_DAY, image=upload(big), image_alt="A photo.")
    )
    assert response.status_code == 200
    assert f"Upload an image of {MAX_IMAGE_MB} MB or less." in response.content.decode()
    assert not Event.objects.exists()


def test_database_refuses_an_image_without_alt_text(media_root):
    event = EventWithImageFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(image_alt="")  # as a careless import might


def test_event_page_shows_the_image_with_its_description(client, media_root):
    event = EventWithImageFactory(image_alt="Conservators examining a quilt under a lamp.")
    html = client.get(event.get_absolute_url()).content.decode()
    assert (
        f'<img src="/events/{event.slug}/image" '
        'alt="Conservators examining a quilt under a lamp." class="event-image">'
    ) in html
    assert "<img" not in client.get(EventFactory().get_absolute_url()).content.decode()


def test_a_drafts_image_is_seen_only_by_staff(client, admin_client, media_root):
    draft = EventWithImageFactory(is_published=False)
    url = reverse("events:image", kwargs={"slug": draft.slug})
    assert client.get(url).status_code == 404
    assert admin_client.get(url).status_code == 200
    assert (
        client.get(reverse("events:image", kwargs={"slug": EventFactory().slug})).status_code == 404
    )


def test_a_missing_image_file_is_a_404_not_a_500(client, media_root):
    event = EventWithImageFactory()
    (media_root / event.image.name).unlink()
    assert client.get(reverse("events:image", kwargs={"slug": event.slug})).status_code == 404


def test_staff_choose_an_events_topics_in_the_admin(admin_client):
    topic = TopicFactory(name="Conservation")
    page = admin_client.get(ADD).content.decode()
    assert 'name="topics"' in page
    assert 'data-model-name="topic"' in page or "admin-autocomplete" in page
    response = admin_client.post(ADD, event_form(FUTURE_DAY, topics=[topic.pk]))
    assert response.status_code == 302
    assert list(Event.objects.get().topics.all()) == [topic]
    assert Topic.objects.count() == 1
