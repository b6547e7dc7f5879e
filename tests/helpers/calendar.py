"""Helpers for the calendar's pages."""


def titles(response):
    """The titles of the events an events page lists, month by month, in order."""
    return [event.display_title for _, events in response.context["months"] for event in events]
