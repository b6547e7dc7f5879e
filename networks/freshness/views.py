"""Keeping the directory true: the public's "suggest an update" form, and the page a contact's
reminder email links to, where they confirm their details or say what has changed."""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from core import formkit
from core.page_cache import reads_query
from networks.directory.models import Network, Person

from . import notifications
from .forms import ContactChangesForm, SuggestionForm
from .models import Suggestion

CONFIRMED_SCOPE = "contact-confirmed"
CHANGES_SCOPE = "contact-changes"


def suggestion_scope(network):
    return f"suggestion-{network.pk}"


@reads_query("kind")
def suggest(request, slug):
    network = get_object_or_404(Network.objects.public(), slug=slug)
    return formkit.handle(
        request,
        SuggestionForm,
        "networks/suggest.html",
        scope=suggestion_scope(network),
        rate_limit_scope="suggestion",
        success_url=reverse("networks:suggest_done", args=[slug]),
        on_saved=notifications.suggestion_from_public,
        context={"network": network},
        # The network page's first step (a GET form) chooses what is wrong; carry it over.
        form_kwargs={
            "instance": Suggestion(network=network),
            "initial": {"kind": request.GET.get("kind")}
            if request.GET.get("kind") in Suggestion.Kind.values
            else {},
        },
    )


def suggest_done(request, slug):
    network = get_object_or_404(Network.objects.public(), slug=slug)
    return formkit.confirmation(
        request,
        suggestion_scope(network),
        "networks/suggest_done.html",
        reverse("networks:suggest", args=[slug]),
        {"network": network},
    )


def link_problem_page(request, problem, status):
    return render(
        request,
        "networks/contact_link_problem.html",
        {"problem": problem, "inbox": settings.MDO_INBOX_EMAIL},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def confirm_contact(request, token):
    """From a contact's reminder email: confirm every detail with one button, or propose
    changes. GET only shows the page, so mail scanners following the link change nothing; the
    link stops working once answered, or when a newer reminder is sent."""
    if request.method == "POST" and formkit.too_large(request):
        return render(request, "form_too_large.html", status=413)
    try:
        person, state = Person.objects.from_confirmation_token(token)
    except signing.SignatureExpired:
        return link_problem_page(request, "expired", 410)
    except (signing.BadSignature, Person.DoesNotExist):
        return link_problem_page(request, "invalid", 400)
    if problem := person.link_problem(state):
        return link_problem_page(request, problem, 410)
    action = request.POST.get("action")
    form = ContactChangesForm(request.POST if action == "propose" else None, person=person)
    if action == "confirm" or (action == "propose" and form.is_valid()):
        with transaction.atomic():
            # Locked and checked again: two clicks at once answer the reminder once.
            person = Person.objects.select_for_update().get(pk=person.pk)
            if problem := person.link_problem(state):
                return link_problem_page(request, problem, 410)
            if action == "confirm":
                person.confirm_details()
                return formkit.remember(redirect("networks:contact_confirmed"), CONFIRMED_SCOPE, "")
            suggestion = form.save()
            person.mark_answered()
            notifications.suggestion_received(request, suggestion)
        return formkit.remember(
            redirect("networks:contact_changes_sent"), CHANGES_SCOPE, suggestion.reference
        )
    return render(
        request,
        "networks/confirm_contact.html",
        {"person": person, "roles": person.current_roles, "form": form},
    )


def contact_confirmed(request):
    return formkit.confirmation(
        request, CONFIRMED_SCOPE, "networks/contact_confirmed.html", reverse("networks:home")
    )


def contact_changes_sent(request):
    return formkit.confirmation(
        request, CHANGES_SCOPE, "networks/contact_changes_sent.html", reverse("networks:home")
    )
