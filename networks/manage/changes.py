"""Changes by a network's contacts: published at once, or kept for MDO staff to review when
the network's `changes_need_review` is set. Either way each is a ContactChange with the values
before and after, so staff see what changed, are told in their daily summary, and can revert it
from the record's history (where it is recorded under the contact's name)."""

import datetime

from django.db import models, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from .models import ContactChange

# Kinds that never wait: a cancelled meeting must reach people at once, and a contact's own
# details and handing over their role concern only them.
AT_ONCE = {
    ContactChange.Kind.EVENT_CANCEL,
    ContactChange.Kind.CONTACT,
    ContactChange.Kind.HANDOVER,
}


def field_values(instance, names):
    """{name: value} of these fields, as stored in a ContactChange: related records as primary
    keys, many-to-many as a sorted list of them, dates and times as ISO text."""
    values = {}
    for name in names:
        field = instance._meta.get_field(name)
        if field.many_to_many:
            values[name] = (
                sorted(getattr(instance, name).values_list("pk", flat=True)) if instance.pk else []
            )
        elif field.is_relation:
            values[name] = getattr(instance, field.attname)
        else:
            value = getattr(instance, name)
            if isinstance(value, datetime.date | datetime.datetime):
                value = value.isoformat()
            values[name] = value
    return values


def assign(instance, values, reason):
    """Set these stored values on the instance and save it, with `reason` in its history."""
    many = {}
    for name, value in values.items():
        field = instance._meta.get_field(name)
        if field.many_to_many:
            many[name] = value
        elif field.is_relation:
            setattr(instance, field.attname, value)
        elif isinstance(field, models.DateTimeField) and isinstance(value, str):
            setattr(instance, name, parse_datetime(value))
        elif isinstance(field, models.DateField) and isinstance(value, str):
            setattr(instance, name, parse_date(value))
        else:
            setattr(instance, name, value)
    instance._change_reason = reason[:100]
    instance.save()
    for name, pks in many.items():
        getattr(instance, name).set(pks)


def history_reason(change):
    return f"By {change.person_name}, a contact of the network, from their page"


def target(change):
    """The record a change applies to."""
    if change.kind == ContactChange.Kind.NETWORK:
        return change.network
    if change.kind == ContactChange.Kind.CONTACT:
        return change.person
    return change.event


def propose(*, network, person, kind, instance, after, event=None):
    """Record a change a contact made to `instance` (the network, their person record or a
    meeting), `after` being {field: new value} as field_values() gives. Applied now unless the
    network's changes wait for review. Returns the ContactChange."""
    with transaction.atomic():
        change = ContactChange(
            network=network,
            person=person,
            person_name=person.name,
            kind=kind,
            event=event,
            before=field_values(instance, after) if instance.pk else {},
            after=after,
        )
        if network.changes_need_review and kind not in AT_ONCE:
            change.status = ContactChange.Status.PENDING
            change.save()
        else:
            change.status = ContactChange.Status.PUBLISHED
            change.save()
            assign(instance, after, history_reason(change))
        if kind == ContactChange.Kind.EVENT_CANCEL:
            withdraw_waiting(event, change)
    return change


def withdraw_waiting(event, cancellation):
    """A cancelled meeting's changes still waiting for review are moot: approving one later
    would publish or change a meeting that is not happening. They leave the queue as sent
    back, saying why; the contact cancelled it, so no email is sent."""
    ContactChange.objects.filter(event=event, status=ContactChange.Status.PENDING).exclude(
        pk=cancellation.pk
    ).update(
        status=ContactChange.Status.SENT_BACK,
        reason=f"{cancellation.person_name} cancelled the meeting before it was reviewed.",
        reviewed_at=timezone.now(),
    )


def approve(change, user):
    """Staff publish a change that waited for review."""
    with transaction.atomic():
        change = ContactChange.objects.select_for_update().get(pk=change.pk)
        if change.status != ContactChange.Status.PENDING:
            return change
        record = target(change)
        if record is not None:
            assign(record, change.after, history_reason(change))
        change.status = ContactChange.Status.PUBLISHED
        change.reviewed_at, change.reviewed_by = timezone.now(), user
        change.save(update_fields=["status", "reviewed_at", "reviewed_by"])
    return change


def send_back(change, user, reason):
    """Staff decline a change that waited for review, saying why (the caller emails it)."""
    with transaction.atomic():
        change = ContactChange.objects.select_for_update().get(pk=change.pk)
        if change.status != ContactChange.Status.PENDING:
            return change
        change.status = ContactChange.Status.SENT_BACK
        change.reason = reason
        change.reviewed_at, change.reviewed_by = timezone.now(), user
        change.save(update_fields=["status", "reason", "reviewed_at", "reviewed_by"])
    return change
