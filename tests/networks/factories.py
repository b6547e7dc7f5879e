import datetime
import struct
import zlib

import factory
from django.utils import timezone

from networks.models import Event, Network, NetworkRole, Person, SubRegion, Topic, Venue


class SubRegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubRegion
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Sub-region {n}")
    slug = factory.Sequence(lambda n: f"sub-region-{n}")


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Museum Network {n}")
    slug = factory.Sequence(lambda n: f"museum-network-{n}")
    kind = Network.Kind.SUB_REGIONAL
    summary = "Museum workers sharing skills."
    sub_region = factory.SubFactory(SubRegionFactory)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"person{n}@museum.example")
    organisation = "Example Museum"


class NetworkRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkRole

    network = factory.SubFactory(NetworkFactory)
    person = factory.SubFactory(PersonFactory)
    role = NetworkRole.Role.CONTACT
    is_public = True
    confirmed_on = datetime.date(2026, 3, 2)


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Museum Site {n}")
    address = "1 Museum Street\nLondon"
    postcode = factory.Sequence(lambda n: f"E{n % 20 + 1} 1AA")
    sub_region = factory.SubFactory(SubRegionFactory)
    access_notes = "Step-free entrance on Museum Street."


def days_from_now(days, hour=10):
    """10am London time (or `hour`), `days` from today: negative days are in the past."""
    today = timezone.localtime().replace(hour=hour, minute=0, second=0, microsecond=0)
    return today + datetime.timedelta(days=days)


class EventFactory(factory.django.DjangoModelFactory):
    """A published, in-person MDO training session in the days ahead."""

    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Caring for collections {n}")
    slug = factory.Sequence(lambda n: f"caring-for-collections-{n}")
    kind = Event.Kind.MDO_TRAINING
    organiser_name = "MDO team"
    summary = "A practical session for museum workers."
    start = factory.Sequence(lambda n: days_from_now(n % 300 + 1))
    end = factory.LazyAttribute(lambda event: event.start + datetime.timedelta(hours=3))
    venue = factory.SubFactory(VenueFactory)
    booking_email = "training@museum.example"
    is_free = True
    is_published = True


def tiny_png(width=1, height=1):
    """A real PNG, grey all over (1x1 unless asked): what a browser and the Nu checker take for
    an image."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = (b"\x00" + b"\x80" * width) * height
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(pixels))
        + chunk(b"IEND", b"")
    )


class EventWithImageFactory(EventFactory):
    """An event with a picture; use it with the media_root fixture, so the file stays out of
    the checkout."""

    image = factory.django.FileField(filename="photo.png", data=tiny_png())
    image_type = "png"
    image_alt = "Conservators examining a quilt under a lamp."
