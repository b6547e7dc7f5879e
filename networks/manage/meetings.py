"""A network's contacts post its meetings: list, add, change, copy and cancel them.

Every meeting is looked up among the signed-in contact's own network's meetings (never MDO
training), so another network's meeting, or a guessed slug, is a 404. What a contact changes
goes through changes.propose(): published at once, or waiting for staff when the network's
changes need review. A cancellation is always published at once."""

import datetime

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify

from core.formkit import too_large
from networks.calendar.models import RESERVED_EVENT_SLUGS, Event

from . import changes
from .meeting_forms import COPIED_FIELDS, MeetingForm
from .models import ContactChange
from .session import contact_required, managed_network

PENDING = ContactChange.Status.PENDING


def network_meetings(network):
    """The meetings of this network a contact may look after, with whether each waits for
    review as a new meeting or with changes: one query however many there are."""
    waiting = ContactChange.objects.filter(event=OuterRef("pk"), status=PENDING)
    return (
        Event.objects.filter(network=network)
        .exclude(kind=Event.Kind.MDO_TRAINING)
        .select_related("venue")
        .annotate(
            waiting_new=Exists(waiting.filter(kind=ContactChange.Kind.EVENT_NEW)),
            waiting_change=Exists(waiting.filter(kind=ContactChange.Kind.EVENT_CHANGE)),
        )
    )


def managed_meeting(network, slug):
    return get_object_or_404(network_meetings(network), slug=slug)


def new_slug(title):
    base = slugify(title)[:190] or "meeting"
    if base in RESERVED_EVENT_SLUGS:
        base = f"{base}-meeting"
    return Event.unused_slug(base)


def pending_values(event):
    """The meeting's fields as the contact last asked for them: the stored values with any
    changes still waiting for review on top, so a second change starts from the first."""
    values = {}
    waiting = event.contact_changes.filter(status=PENDING, kind=ContactChange.Kind.EVENT_CHANGE)
    for change in waiting.order_by("created_at", "pk"):
        values.update(change.after)
    return values


def initial_from(values):
    """Form initial data from stored ContactChange values (dates as ISO text)."""
    initial = {}
    for name, value in values.items():
        field = Event._meta.get_field(name)
        if field.get_internal_type() == "DateTimeField" and isinstance(value, str):
            value = datetime.datetime.fromisoformat(value)
        initial[name] = value
    return initial


def post_or_none(request):
    return request.POST if request.method == "POST" else None


@contact_required
def meeting_list(request, slug):
    network = managed_network(request, slug)
    now = timezone.now()
    meetings = network_meetings(network)
    return render(
        request,
        "manage/meeting_list.html",
        {
            "network": network,
            "upcoming": list(meetings.filter(end__gt=now).order_by("start", "title")),
            "past": list(meetings.filter(end__lte=now).order_by("-start", "title")),
        },
    )


def save_new(request, network, form):
    """Save a new meeting as a draft under the contact's name, then publish it (or leave it
    waiting for review) through propose(). Returns the ContactChange."""
    person = request.contact
    for _ in range(3):
        event = form.instance
        event.slug = new_slug(event.title)
        event.is_published = False
        event.status = Event.Status.SCHEDULED
        event._change_reason = f"Added by {person.name}, a contact of the network"[:100]
        try:
            with transaction.atomic():
                form.save()
                return changes.propose(
                    network=network,
                    person=person,
                    kind=ContactChange.Kind.EVENT_NEW,
                    instance=event,
                    after={"is_published": True},
                    event=event,
                )
        except IntegrityError:
            # Another meeting took the same slug at the same moment: choose again.
            event.pk = None
    raise IntegrityError("No unused slug for the meeting")


def saved(request, network, change, *, waiting, published):
    """Back to the list, saying plainly whether the change is published or waits for review."""
    messages.success(request, waiting if change.status == PENDING else published)
    return redirect("manage:meetings", network.slug)


def form_page(request, network, form, **context):
    return render(
        request, "manage/meeting_form.html", {"network": network, "form": form, **context}
    )


def add_or_copy(request, slug, source=None):
    network = managed_network(request, slug)
    if request.method == "POST" and too_large(request):
        return render(request, "form_too_large.html", status=413)
    original = managed_meeting(network, source) if source else None
    initial = {}
    if original is not None:
        initial = initial_from(changes.field_values(original, COPIED_FIELDS))
    form = MeetingForm(post_or_none(request), network=network, initial=initial)
    if form.is_bound and form.is_valid():
        change = save_new(request, network, form)
        title = change.event.title
        return saved(
            request,
            network,
            change,
            waiting=f"“{title}” is saved and waiting for review by the Museum Development "
            "team. It will appear on the network's page and in calendars once they publish it.",
            published=f"“{title}” is published on the network's page and calendars.",
        )
    return form_page(request, network, form, original=original)


@contact_required
def add_meeting(request, slug):
    return add_or_copy(request, slug)


@contact_required
def copy_meeting(request, slug, event):
    return add_or_copy(request, slug, source=event)


@contact_required
def change_meeting(request, slug, event):
    network = managed_network(request, slug)
    if request.method == "POST" and too_large(request):
        return render(request, "form_too_large.html", status=413)
    meeting = managed_meeting(network, event)
    waiting = pending_values(meeting)
    form = MeetingForm(
        post_or_none(request),
        network=network,
        instance=Event.objects.get(pk=meeting.pk),
        initial=initial_from(waiting),
    )
    if form.is_bound and form.is_valid():
        after = form.changed_values()
        if not after:
            messages.info(request, f"You did not change anything in “{meeting.title}”.")
        elif meeting.waiting_new:
            # Not yet published: the public sees nothing of it, and staff publish it as it
            # stands when they approve it.
            changes.assign(
                Event.objects.get(pk=meeting.pk),
                after,
                f"By {request.contact.name}, a contact of the network, from their page",
            )
            messages.success(
                request,
                f"Your changes to “{form.cleaned_data['title']}” are saved. It is still waiting "
                "for review by the Museum Development team before it is published.",
            )
        else:
            change = changes.propose(
                network=network,
                person=request.contact,
                kind=ContactChange.Kind.EVENT_CHANGE,
                instance=Event.objects.get(pk=meeting.pk),
                after=after,
                event=meeting,
            )
            return saved(
                request,
                network,
                change,
                waiting=f"Your changes to “{meeting.title}” are waiting for review by the "
                "Museum Development team. Until they publish them, the meeting's page and "
                "calendars show it as it was.",
                published=f"Your changes to “{meeting.title}” are published.",
            )
        return redirect("manage:meetings", network.slug)
    return form_page(request, network, form, meeting=meeting, waiting=bool(waiting))


@contact_required
def cancel_meeting(request, slug, event):
    network = managed_network(request, slug)
    meeting = managed_meeting(network, event)
    cancellable = meeting.status != Event.Status.CANCELLED and meeting.end > timezone.now()
    if request.method == "POST" and cancellable:
        changes.propose(
            network=network,
            person=request.contact,
            kind=ContactChange.Kind.EVENT_CANCEL,
            instance=Event.objects.get(pk=meeting.pk),
            after={"status": Event.Status.CANCELLED},
            event=meeting,
        )
        messages.success(
            request,
            f"“{meeting.title}” is cancelled. Its page and calendar feeds now say so, and "
            "calendars that subscribe show it as cancelled.",
        )
        return redirect("manage:meetings", network.slug)
    return render(
        request,
        "manage/meeting_cancel.html",
        {"network": network, "meeting": meeting, "cancellable": cancellable},
    )
