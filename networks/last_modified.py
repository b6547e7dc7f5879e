"""Last-Modified for what programs poll: calendar feeds, open data files and the HSDS API.

Calendar programs and data harvesters ask again every few hours. With Last-Modified they can
send If-Modified-Since and get 304 Not Modified, and the view is not even run, so a poll of an
unchanged feed costs one or two indexed queries. ETags come from
django.middleware.http.ConditionalGetMiddleware as for every page, for those that send
If-None-Match.

What a feed or file holds changes when public content is saved or deleted (the content clock,
core.models.ContentClock) and, for the calendar, as time passes: an event that ends moves from
"to come" to "recent", and one that ended more than Event.FEED_HISTORY ago leaves the feeds.
So the calendar's time is the latest of the three moments.
"""

import functools

from django.db.models import Max, Q
from django.utils import timezone
from django.views.decorators.http import condition

from core.models import ContentClock
from networks.calendar.models import Event


def _once_per_request(function):
    """Asked by the conditional decorator and again by the view for its body: one answer per
    request, so one set of queries."""

    @functools.wraps(function)
    def wrapper(request=None, *args, **kwargs):
        if request is None:
            return function()
        remembered = request.__dict__.setdefault("_last_modified", {})
        if function.__name__ not in remembered:
            remembered[function.__name__] = function()
        return remembered[function.__name__]

    return wrapper


@_once_per_request
def directory_changed_at():
    """When the directory (networks, their contacts, topics, sub-regions) last changed."""
    return ContentClock.changed_at_or_none()


@_once_per_request
def calendar_changed_at(now=None):
    """When the calendar's feeds and files last changed, saves and the passing of time both."""
    now = now or timezone.now()
    history_from = now - Event.FEED_HISTORY
    ended = (
        Event.objects.published()
        .filter(end__lte=now)
        .aggregate(last=Max("end"), left_feeds=Max("end", filter=Q(end__lte=history_from)))
    )
    moments = [ContentClock.changed_at_or_none(), ended["last"]]
    if ended["left_feeds"]:
        moments.append(ended["left_feeds"] + Event.FEED_HISTORY)
    known = [moment for moment in moments if moment]
    return max(known) if known else None


directory_conditional = condition(last_modified_func=directory_changed_at)
calendar_conditional = condition(last_modified_func=calendar_changed_at)
