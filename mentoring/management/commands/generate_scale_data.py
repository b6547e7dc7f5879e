"""A large, deterministic data set for benchmarks: `manage.py generate_scale_data`.

The same --seed always makes the same rows. Rows go in with bulk_create, in batches, so the
whole set (2,000 networks, 10,000 people, 50,000 events, 20,000 volunteers and requests at
--scale 1) builds in seconds and in little memory. Meant for an empty, throwaway database.
"""

import datetime
import random
import uuid
from itertools import islice

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from mentoring.models import SupportRequest, Volunteer
from networks.booking.models import Booking
from networks.models import Event, Network, NetworkRole, Person, SubRegion, Topic, Venue

BATCH = 2000
FULL_SIZE = {
    "networks": 2_000,
    "people": 10_000,
    "venues": 500,
    "events": 50_000,
    "volunteers": 10_000,
    "requests": 10_000,
    "bookings": 20_000,
}
REGIONS = [
    "West London", "North and East London", "Central London", "South East London",
    "South West London", "North London",
]  # fmt: skip
TOPICS = [
    "Accreditation", "Archives", "Audience development", "Collections care", "Conservation",
    "Digital", "Documentation", "Exhibitions", "Fundraising", "Governance", "Health and medicine",
    "Learning", "Marketing", "Natural history", "Oral history", "Photography", "Registrars",
    "Social history", "Textiles", "Volunteering", "Military history", "Art", "Science",
    "Community engagement",
]  # fmt: skip
WORDS = [
    "museum",
    "collections",
    "care",
    "volunteers",
    "training",
    "mentor",
    "mentors",
    "peer",
    "review",
    "accreditation",
    "skills",
    "sharing",
    "learning",
    "digital",
    "documentation",
    "conservation",
    "archive",
    "community",
    "exhibition",
    "display",
    "storage",
    "pest",
    "management",
    "environmental",
    "monitoring",
    "fundraising",
    "governance",
    "trustees",
    "audiences",
    "outreach",
    "schools",
    "families",
    "heritage",
    "oral",
    "history",
    "textiles",
    "photographs",
    "objects",
    "loans",
    "registrar",
    "cataloguing",
    "inventory",
    "insurance",
    "risk",
    "planning",
    "workshop",
    "session",
    "network",
    "meeting",
    "practitioners",
    "curators",
    "small",
    "independent",
    "local",
    "London",
    "borough",
]


def batched(iterable, size=BATCH):
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


class Command(BaseCommand):
    help = "Fill an empty database with a large, deterministic data set for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--scale", type=float, default=1.0, help="Fraction of the full size (1.0)."
        )

    def handle(self, *args, seed, scale, **options):
        if Network.objects.exists() or Event.objects.exists():
            raise CommandError("The database already has networks or events: use an empty one.")
        self.rng = random.Random(seed)
        self.now = timezone.now().replace(minute=0, second=0, microsecond=0)
        sizes = {name: max(1, round(count * scale)) for name, count in FULL_SIZE.items()}
        with transaction.atomic():
            self.regions = [
                SubRegion.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0]
                for name in REGIONS
            ]
            self.topics = [
                Topic.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0]
                for name in TOPICS
            ]
            networks = self.make_networks(sizes["networks"])
            self.make_people_and_roles(sizes["people"], networks)
            venues = self.make_venues(sizes["venues"])
            self.make_events(sizes["events"], networks, venues)
            self.make_volunteers(sizes["volunteers"])
            self.make_requests(sizes["requests"])
            self.make_bookings(sizes["bookings"])
        if connection.vendor == "postgresql":
            # As after any bulk load: planner statistics and the visibility map now, rather
            # than whenever autovacuum gets round to it, so the benchmark measures plans that a
            # settled database would use.
            # (VACUUM cannot run in a transaction, as under a test; ANALYZE can.)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")
        self.stdout.write(
            self.style.SUCCESS(", ".join(f"{count:,} {name}" for name, count in sizes.items()))
        )

    def text(self, low, high):
        return " ".join(self.rng.choices(WORDS, k=self.rng.randint(low, high)))

    def make_networks(self, count):
        kinds = Network.Kind.values
        rows = (
            Network(
                name=f"{self.text(2, 4).title()} Network {i}",
                slug=f"network-{i}",
                kind=kinds[i % len(kinds)],
                summary=self.text(8, 20).capitalize() + ".",
                description=self.text(60, 200).capitalize() + ".",
                how_to_join=self.text(10, 30).capitalize() + ".",
                sub_region=self.rng.choice(self.regions),
                status=self.rng.choices(Network.Status.values, weights=[90, 7, 3])[0],
                display_order=self.rng.randint(0, 50),
            )
            for i in range(count)
        )
        for batch in batched(rows):
            Network.objects.bulk_create(batch)
        networks = list(Network.objects.order_by("pk").only("pk", "kind"))
        through = Network.topics.through
        for batch in batched(
            through(network_id=network.pk, topic_id=topic.pk)
            for network in networks
            for topic in self.rng.sample(self.topics, 2)
        ):
            through.objects.bulk_create(batch)
        return networks

    def make_people_and_roles(self, count, networks):
        for batch in batched(
            Person(
                name=f"Person {i}",
                email=f"person{i}@museum.example",
                phone=f"020 7946 {i % 10000:04d}",
                organisation=f"{self.text(1, 3).title()} Museum",
            )
            for i in range(count)
        ):
            Person.objects.bulk_create(batch)
        people = Person.objects.order_by("pk").values_list("pk", flat=True)
        roles = NetworkRole.Role.values
        today = self.now.date()
        for batch in batched(
            NetworkRole(
                person_id=person_id,
                network_id=networks[i % len(networks)].pk,
                role=roles[i % len(roles)],
                is_public=self.rng.random() < 0.8,
                confirmed_on=(
                    today - datetime.timedelta(days=self.rng.randint(0, 1000))
                    if self.rng.random() < 0.85
                    else None
                ),
            )
            for i, person_id in enumerate(people.iterator(chunk_size=BATCH))
        ):
            NetworkRole.objects.bulk_create(batch)

    def make_venues(self, count):
        for batch in batched(
            Venue(
                name=f"{self.text(1, 3).title()} Museum {i}",
                address=f"{i} Museum Street\nLondon",
                postcode=f"N{i % 20 + 1} {i % 9 + 1}AA",
                sub_region=self.rng.choice(self.regions),
                access_notes="Step-free access through the main entrance.",
            )
            for i in range(count)
        ):
            Venue.objects.bulk_create(batch)
        return list(Venue.objects.values_list("pk", flat=True))

    def make_events(self, count, networks, venues):
        kinds = Event.Kind.values
        modes = Event.AttendanceMode.values
        for batch in batched(self.event(i, kinds, modes, networks, venues) for i in range(count)):
            Event.objects.bulk_create(batch)

    def event(self, i, kinds, modes, networks, venues):
        start = self.now + datetime.timedelta(hours=self.rng.randint(-730 * 24, 730 * 24))
        mode = self.rng.choice(modes)
        by_network = self.rng.random() < 0.6
        free = self.rng.random() < 0.7
        return Event(
            title=f"{self.text(3, 6).capitalize()} {i}",
            slug=f"event-{i}",
            kind=self.rng.choice(kinds),
            network_id=self.rng.choice(networks).pk if by_network else None,
            organiser_name="" if by_network else "MDO team",
            summary=self.text(8, 20).capitalize() + ".",
            description=self.text(40, 150).capitalize() + ".",
            start=start,
            end=start + datetime.timedelta(hours=self.rng.randint(1, 6)),
            attendance_mode=mode,
            venue_id=self.rng.choice(venues) if mode != "online" else None,
            online_url="https://meet.example/session" if mode != "in_person" else "",
            booking_email="training@museum.example",
            is_free=free,
            cost="" if free else f"£{self.rng.randint(5, 60)}",
            status=self.rng.choices(Event.Status.values, weights=[94, 3, 2, 1])[0],
            is_published=self.rng.random() < 0.95,
            uid=uuid.UUID(int=self.rng.getrandbits(128), version=4),
        )

    def make_volunteers(self, count):
        statuses = Volunteer.Status.values
        experience = Volunteer.Experience.values
        for batch in batched(
            Volunteer(
                reference=f"MV-B{i:06d}",
                name=f"Volunteer {i}",
                email=f"volunteer{i}@museum.example",
                job_title="Curator",
                organisation=f"{self.text(1, 3).title()} Museum",
                offers_mentoring=i % 3 != 1,
                offers_peer_review=i % 3 != 2,
                accreditation_experience=self.rng.choice(experience),
                capacity=self.rng.randint(1, 3),
                availability=self.text(5, 15),
                status=self.rng.choice(statuses),
                privacy_consent_at=self.now,
                privacy_notice_version="bench",
            )
            for i in range(count)
        ):
            Volunteer.objects.bulk_create(batch)
        volunteers = Volunteer.objects.values_list("pk", flat=True).iterator(chunk_size=BATCH)
        through_rows = (
            row
            for pk in volunteers
            for row in (
                Volunteer.expertise.through(
                    volunteer_id=pk, topic_id=self.rng.choice(self.topics).pk
                ),
                Volunteer.sub_regions.through(
                    volunteer_id=pk, subregion_id=self.rng.choice(self.regions).pk
                ),
            )
        )
        for batch in batched(through_rows):
            for model in {type(row) for row in batch}:
                model.objects.bulk_create([row for row in batch if type(row) is model])

    def make_requests(self, count):
        kinds = SupportRequest.SupportType.values
        statuses = SupportRequest.Status.values
        accreditation = SupportRequest.AccreditationStatus.values
        for batch in batched(
            SupportRequest(
                reference=f"MR-B{i:06d}",
                museum_name=f"{self.text(1, 3).title()} Museum {i}",
                contact_name=f"Contact {i}",
                email=f"museum{i}@museum.example",
                phone="020 7946 0000",
                support_type=self.rng.choice(kinds),
                accreditation_status=self.rng.choice(accreditation),
                has_paid_staff=self.rng.random() < 0.3,
                sub_region=self.rng.choice(self.regions),
                description=self.text(20, 60),
                status=self.rng.choice(statuses),
                privacy_consent_at=self.now,
                privacy_notice_version="bench",
            )
            for i in range(count)
        ):
            SupportRequest.objects.bulk_create(batch)

    def make_bookings(self, count):
        """Bookings of MDO training, a few dozen for each of the events they go to."""
        events = list(
            Event.objects.filter(kind=Event.Kind.MDO_TRAINING).values_list("pk", flat=True)[:500]
        )
        if not events:
            return
        statuses = Booking.Status.values
        for batch in batched(
            Booking(
                reference=f"BK-B{i:06d}",
                event_id=self.rng.choice(events),
                name=f"Booker {i}",
                email=f"booker{i}@museum.example",
                organisation=f"{self.text(1, 3).title()} Museum",
                status=self.rng.choices(statuses, weights=[80, 2, 10, 7, 1])[0],
                created_at=self.now,
                privacy_consent_at=self.now,
                privacy_notice_version="bench",
            )
            for i in range(count)
        ):
            Booking.objects.bulk_create(batch)
