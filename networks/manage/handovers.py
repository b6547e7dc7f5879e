"""Handing a role to someone else: the contact names them, they get a link by email, and the
role moves only when they accept it from that link."""

import datetime

from django.db import transaction
from django.utils import timezone

from networks.directory.models import NetworkRole, Person

from . import changes, notifications
from .models import ContactChange, LinkProblem, RoleHandover, new_token, token_hash

HANDOVER_DAYS = 14


def offer(role, from_person, name, email):
    """Ask someone to take this role; an earlier offer of it that was not accepted is withdrawn."""
    token, digest = new_token()
    with transaction.atomic():
        RoleHandover.objects.filter(
            role=role, accepted_at__isnull=True, withdrawn_at__isnull=True
        ).update(withdrawn_at=timezone.now())
        handover = RoleHandover.objects.create(
            role=role, from_person=from_person, to_name=name, to_email=email, token_hash=digest
        )
        notifications.handover_invitation(handover, token)
    return handover


def pending_for(roles):
    """{role id: the handover waiting to be accepted} for these roles."""
    waiting = RoleHandover.objects.filter(
        role__in=roles, accepted_at__isnull=True, withdrawn_at__isnull=True
    )
    return {handover.role_id: handover for handover in waiting}


def handover_for(token, lock=False):
    """The handover this token can accept; raises LinkProblem."""
    handovers = RoleHandover.objects.select_related("role__network", "role__person")
    if lock:
        handovers = handovers.select_for_update(of=("self",))
    handover = handovers.filter(token_hash=token_hash(token)).first()
    if handover is None:
        raise LinkProblem("invalid")
    if handover.accepted_at:
        raise LinkProblem("used")
    if handover.withdrawn_at or handover.role.person_id != handover.from_person_id:
        raise LinkProblem("withdrawn")
    if handover.role.network.is_closed:
        raise LinkProblem("invalid")
    if timezone.now() >= handover.created_at + datetime.timedelta(days=HANDOVER_DAYS):
        raise LinkProblem("expired")
    return handover


def accept(token):
    """The new person accepts: the role is theirs (a person matched by email, or a new one), the
    old person no longer holds it, and the change is recorded. Returns the new person."""
    with transaction.atomic():
        handover = handover_for(token, lock=True)
        role, old_person = handover.role, handover.from_person
        if clashing_role(role, handover.to_email):
            raise LinkProblem("already")
        new_person = Person.objects.filter(email__iexact=handover.to_email).first()
        if new_person is None:
            new_person = Person(name=handover.to_name, email=handover.to_email)
            new_person._change_reason = f"Took on a role handed over by {old_person.name}"
            new_person.save()
        changes.propose(
            network=role.network,
            person=old_person,
            kind=ContactChange.Kind.HANDOVER,
            instance=role,
            after={"person": new_person.pk, "confirmed_on": timezone.localdate().isoformat()},
        )
        handover.accepted_at = timezone.now()
        handover.save(update_fields=["accepted_at"])
        notifications.handover_accepted(handover, old_person)
    return new_person


def clashing_role(role, email):
    """True when the person with this email already holds this very role."""
    return NetworkRole.objects.filter(
        network=role.network, role=role.role, person__email__iexact=email
    ).exists()
