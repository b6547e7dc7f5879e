"""Our directory as HSDS 3.0 objects.

Every public network is an organization, and what it offers (meetings, a way to join, people to
ask) is one service of that organization. Its kind, topics and sub-region are terms of three
taxonomies, attached to both as attributes. The venues where its published, in-person events
are held are its locations.

Identifiers are UUIDs made from a fixed namespace and what the object is (uuid5), so the same
row always has the same identifier and no column stores it. Primary keys rather than slugs go
into them, since staff may change a slug.

Only what the public pages show goes out, and of a network's contacts only what its page shows
(people who agreed to be listed: their role, name and email address; never a phone number),
and only for one network at a time (contacts=True), as its page does: never in a list, so the
API is no more a bulk copy of contacts than the open data files are.
"""

import datetime
import functools
import uuid
from dataclasses import dataclass, field

from django.urls import reverse

from networks.calendar.models import Event, Venue
from networks.directory.models import Network

HSDS_VERSION = "3.0"
OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"

# Never change this: every identifier the API has ever given out is made from it.
NAMESPACE = uuid.UUID("45797c3f-04d9-4536-9565-013cb1de2ad8")


@functools.lru_cache(maxsize=16384)
def hsds_id(kind, key):
    """The identifier of one object: the same for the same kind and key, always. Remembered,
    since finding an object by its id makes the ids of every network to compare."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def organization_id(network_pk):
    return hsds_id("organization", network_pk)


def service_id(network_pk):
    return hsds_id("service", network_pk)


def _utc(moment):
    """Date-time with milliseconds, in UTC, as HSDS's last_modified asks."""
    return moment.astimezone(datetime.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


# --- Taxonomies and their terms -------------------------------------------------------------


@dataclass(frozen=True)
class Taxonomy:
    key: str  # in identifiers: never change it
    name: str
    description: str
    filter: str  # the networks page's filter for its terms

    @property
    def id(self):
        return hsds_id("taxonomy", self.key)

    def as_hsds(self, url):
        return {
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "uri": url(reverse("networks:open_data")) + f"#hsds-{self.key}",
            "version": HSDS_VERSION,
        }


KINDS = Taxonomy(
    "kinds",
    "Kinds of network",
    "The four kinds of museum network in the London skills-sharing directory: area, "
    "sub-regional, subject and practitioner networks.",
    "kind",
)
TOPICS = Taxonomy(
    "topics",
    "Topics",
    "What museum networks in the London skills-sharing directory are about.",
    "topic",
)
SUB_REGIONS = Taxonomy(
    "sub_regions",
    "Sub-regions of London",
    "The parts of London that museum networks in the directory serve.",
    "region",
)
TAXONOMIES = [KINDS, TOPICS, SUB_REGIONS]


@dataclass(frozen=True)
class Term:
    taxonomy: Taxonomy
    key: object  # the kind's value, or the topic's or sub-region's primary key
    code: str  # what the networks page's filter takes
    name: str
    description: str

    @property
    def id(self):
        return hsds_id(f"taxonomy_term:{self.taxonomy.key}", self.key)

    def as_hsds(self, url):
        return {
            "id": self.id,
            "code": self.code,
            "name": self.name,
            "description": self.description,
            "taxonomy": self.taxonomy.name,
            "taxonomy_id": self.taxonomy.id,
            "taxonomy_detail": self.taxonomy.as_hsds(url),
            "language": "en",
            "term_uri": url(reverse("networks:list")) + f"?{self.taxonomy.filter}={self.code}",
        }


def kind_term(value):
    label = Network.Kind(value).label
    return Term(KINDS, value, value, label, f"{label}s in the directory.")


def topic_term(topic):
    return Term(TOPICS, topic.pk, topic.slug, topic.name, f"Networks about {topic.name}.")


def sub_region_term(region):
    return Term(
        SUB_REGIONS, region.pk, region.slug, region.name, f"Networks serving {region.name}."
    )


def network_terms(network):
    """The terms a network carries: its kind, its sub-region if it has one, its topics."""
    terms = [kind_term(network.kind)]
    if network.sub_region:
        terms.append(sub_region_term(network.sub_region))
    terms.extend(topic_term(topic) for topic in network.topics.all())
    return terms


def attributes(entity, entity_id, terms, url):
    return [
        {
            "id": hsds_id(f"attribute:{entity}:{entity_id}", term.id),
            "link_id": entity_id,
            "link_entity": entity,
            "taxonomy_term_id": term.id,
            "taxonomy_term": term.as_hsds(url),
        }
        for term in terms
    ]


# --- Locations: the venues of a network's events ---------------------------------------------


def venues_by_network(network_pks):
    """{network pk: [venues]}: where each network's published events are held in person, in two
    queries however many networks and events there are."""
    pairs = (
        Event.objects.published()
        .filter(network__in=network_pks, venue__isnull=False)
        .exclude(attendance_mode=Event.AttendanceMode.ONLINE)
        .exclude(status=Event.Status.MOVED_ONLINE)
        .order_by()
        .values_list("network_id", "venue_id")
        .distinct()
    )
    pairs = list(pairs)
    venues = Venue.objects.in_bulk({venue for _, venue in pairs})
    found = {pk: [] for pk in network_pks}
    for network, venue in pairs:
        found[network].append(venues[venue])
    for listed in found.values():
        listed.sort(key=lambda venue: (venue.name, venue.postcode, venue.pk))
    return found


def location(venue, network):
    location_id = hsds_id("location", venue.pk)
    data = {
        "id": location_id,
        "location_type": "physical",
        "organization_id": organization_id(network.pk),
        "name": venue.name,
    }
    if venue.website:
        data["url"] = venue.website
    lines = venue.street_lines
    # A London directory: the city is London, which staff often write as the last line.
    if lines and lines[-1].casefold() == "london":
        lines = lines[:-1]
    if lines or venue.postcode:
        address = {
            "id": hsds_id("address", venue.pk),
            "location_id": location_id,
            "address_1": lines[0] if lines else venue.name,
            "city": "London",
            "state_province": "Greater London",
            "postal_code": venue.postcode,
            "country": "GB",
            "address_type": "physical",
        }
        if len(lines) > 1:
            address["address_2"] = ", ".join(lines[1:])
        data["addresses"] = [address]
    if venue.access_notes:
        data["accessibility"] = [
            {
                "id": hsds_id("accessibility", venue.pk),
                "location_id": location_id,
                "description": venue.access_notes,
            }
        ]
    return data


# --- Contacts: exactly what the network's page shows -----------------------------------------


def contacts(network):
    """The contacts the network's page lists: roles shown publicly (network.public_roles,
    prefetched as the page does), with the role, name and email address the page shows."""
    listed = []
    for role in network.public_roles:
        contact = {
            "id": hsds_id("contact", role.pk),
            "organization_id": organization_id(network.pk),
            "service_id": service_id(network.pk),
            "name": role.person.name,
            "title": role.get_role_display(),
        }
        if role.person.email:
            contact["email"] = role.person.email
        listed.append(contact)
    return listed


# --- Organizations and services ---------------------------------------------------------------


@dataclass
class Shape:
    """How much of each network to give: the one-to-one fields (a list's items), or fully
    nested (full), with full services inside an organization (full_service), with contacts
    (only for one network at a time)."""

    url: object  # request.build_absolute_uri
    full: bool = False
    full_service: bool = False
    contacts: bool = False
    venues: dict = field(default_factory=dict)  # from venues_by_network, when full


def organization(network, shape):
    data = {
        "id": organization_id(network.pk),
        "name": network.name,
        "description": network.summary or network.description,
        "uri": shape.url(network.get_absolute_url()),
    }
    if network.website:
        data["website"] = network.website
    if network.parent and network.parent.status != Network.Status.CLOSED:
        data["parent_organization_id"] = organization_id(network.parent_id)
    if not shape.full:
        return data
    data["attributes"] = attributes("organization", data["id"], network_terms(network), shape.url)
    data["locations"] = [location(venue, network) for venue in shape.venues.get(network.pk, [])]
    if shape.contacts:
        data["contacts"] = contacts(network)
    nested = Shape(shape.url, full=shape.full_service, contacts=shape.contacts, venues=shape.venues)
    data["services"] = [service(network, nested, with_organization=False)]
    return data


def service(network, shape, with_organization=True):
    data = {
        "id": service_id(network.pk),
        "organization_id": organization_id(network.pk),
        "name": network.name,
        "description": network.description or network.summary,
        "url": network.website or shape.url(network.get_absolute_url()),
        "status": "active" if network.status == Network.Status.ACTIVE else "inactive",
        "last_modified": _utc(network.updated_at),
    }
    if network.how_to_join:
        data["application_process"] = network.how_to_join
    if network.last_confirmed_on:
        data["assured_date"] = network.last_confirmed_on.isoformat()
    if not shape.full:
        return data
    if with_organization:
        data["organization"] = organization(network, Shape(shape.url))
    data["attributes"] = attributes("service", data["id"], network_terms(network), shape.url)
    data["service_at_locations"] = [
        {
            "id": hsds_id(f"service_at_location:{network.pk}", venue.pk),
            "service_id": data["id"],
            "location_id": hsds_id("location", venue.pk),
            "location": location(venue, network),
        }
        for venue in shape.venues.get(network.pk, [])
    ]
    if shape.contacts:
        data["contacts"] = contacts(network)
    return data


def minimal_service(network):
    """For ?minimal=true: enough to tell what changed (the id and when), with the two other
    fields HSDS requires of a service."""
    return {
        "id": service_id(network.pk),
        "name": network.name,
        "status": "active" if network.status == Network.Status.ACTIVE else "inactive",
        "last_modified": _utc(network.updated_at),
    }
