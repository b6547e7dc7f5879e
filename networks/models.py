"""The directory's models, by concept: each lives in its package's models module."""

from networks.booking.models import Booking
from networks.calendar.models import RESERVED_EVENT_SLUGS, Event, EventQuerySet, Venue
from networks.content.models import PageSection, Resource, resource_file_name
from networks.directory.models import (
    CONFIRMATION_SALT,
    Network,
    NetworkKind,
    NetworkQuerySet,
    NetworkRole,
    Person,
    freshness_cutoff,
    kind_order,
)
from networks.freshness.models import Suggestion, suggestion_reference
from networks.manage.models import ContactChange, RoleHandover, SignInLink
from networks.places.models import SubRegion, Topic

__all__ = [
    "CONFIRMATION_SALT",
    "RESERVED_EVENT_SLUGS",
    "Booking",
    "ContactChange",
    "Event",
    "EventQuerySet",
    "Network",
    "NetworkKind",
    "NetworkQuerySet",
    "NetworkRole",
    "PageSection",
    "Person",
    "Resource",
    "RoleHandover",
    "SignInLink",
    "SubRegion",
    "Suggestion",
    "Topic",
    "Venue",
    "freshness_cutoff",
    "kind_order",
    "resource_file_name",
    "suggestion_reference",
]
