"""Helpers for the calendar's pages."""


def titles(response):
    """The titles of the events an events page lists, month by month, in order."""
    return [event.display_title for _, events in response.context["months"] for event in events]


def event_form(day="03/03/2027", **overrides):
    """The admin's add-event form for a free online morning on `day` (DD/MM/YYYY)."""
    data = {
        "title": "Digitisation basics",
        "slug": "digitisation-basics",
        "kind": "mdo_training",
        "status": "scheduled",
        "is_published": "on",
        "start_0": day,
        "start_1": "10:00",
        "end_0": day,
        "end_1": "13:00",
        "attendance_mode": "online",
        "organiser_name": "MDO team",
        "is_free": "on",
        "booking_mode": "elsewhere",
    }
    return {**data, **overrides}
