"""Dates and times as people read them (GOV.UK style): "Tuesday 3 March 2026, 10am to 1pm"."""

import calendar
import datetime
import functools

from django.utils import dateformat, timezone, translation


def months_before(moment, months):
    """The same day (and time) `months` earlier, or the month's last day if it is shorter."""
    year, month = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def format_time(value):
    """10am, 10:30am, midday, midnight."""
    if value.hour == 0 and value.minute == 0:
        return "midnight"
    if value.hour == 12 and value.minute == 0:
        return "midday"
    hour = value.hour % 12 or 12
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes}{'am' if value.hour < 12 else 'pm'}"


def format_date(value, year=True):
    return dateformat.format(value, "l j F Y" if year else "l j F")


def format_range(start, end):
    """When an event happens, in London time.

    One day: "Tuesday 3 March 2026, 10am to 1pm" (an evening that ends at midnight still counts
    as one day). Longer: "Tuesday 3 March, 10am to Wednesday 4 March 2026, 4pm".
    """
    zone, language = timezone.get_current_timezone_name(), translation.get_language()
    return _format_range(start, end, zone, language)


# A pure function of its arguments (the time zone and language it is read in among them):
# remembered, since a feed or list formats the same few hundred events on every request.
@functools.lru_cache(maxsize=4096)
def _format_range(start, end, zone, language):
    start, end = timezone.localtime(start), timezone.localtime(end)
    ends_at_midnight = end.time() == datetime.time(0) and end.date() == start.date() + (
        datetime.timedelta(days=1)
    )
    if start.date() == end.date() or ends_at_midnight:
        return f"{format_date(start)}, {format_time(start)} to {format_time(end)}"
    first = format_date(start, year=start.year != end.year)
    return f"{first}, {format_time(start)} to {format_date(end)}, {format_time(end)}"


def describe_period(seconds):
    """3600 -> "an hour", 7200 -> "2 hours", 90 -> "90 seconds"."""
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size and seconds % size == 0:
            count = seconds // size
            if count == 1:
                return ("an " if unit == "hour" else "a ") + unit
            return f"{count} {unit}s"
    return f"{seconds} seconds"
