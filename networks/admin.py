"""The directory's admin, by concept: each lives in its package's admin module."""

from networks.booking import admin as booking_admin
from networks.calendar import admin as calendar_admin
from networks.content import admin as content_admin
from networks.directory import admin as directory_admin
from networks.freshness import admin as freshness_admin
from networks.manage import admin as manage_admin
from networks.places import admin as places_admin

__all__ = [
    "booking_admin",
    "calendar_admin",
    "content_admin",
    "directory_admin",
    "freshness_admin",
    "manage_admin",
    "places_admin",
]
