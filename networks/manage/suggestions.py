"""A signed-in contact's view of what the public has suggested about their network: each open
suggestion, with the sender's email address only if they agreed to share it, and buttons to
mark it done or not needed. Another network's suggestions are a 404, whatever id is guessed."""

from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from core import formkit
from networks.freshness.models import Suggestion

from .session import contact_required, managed_network

# What a contact's buttons send, and the status each sets.
ACTIONS = {"done": Suggestion.Status.DONE, "not_needed": Suggestion.Status.REJECTED}
CLOSED_MESSAGES = {
    Suggestion.Status.DONE: "marked done",
    Suggestion.Status.REJECTED: "marked not needed",
}


def open_suggestions(network):
    return network.suggestions.open().order_by("-created_at", "-pk")


def suggestions_page(request, network, *, error="", status=200):
    closed = None
    reference = request.GET.get("closed", "")
    if reference:
        closed = (
            network.suggestions.filter(reference=reference, status__in=Suggestion.CLOSED_STATUSES)
            .only("reference", "status")
            .first()
        )
    return render(
        request,
        "manage/suggestions.html",
        {
            "network": network,
            "suggestions": open_suggestions(network),
            "closed": closed,
            "closed_message": CLOSED_MESSAGES.get(closed.status) if closed else "",
            "error": error,
        },
        status=status,
    )


@require_GET
@contact_required
def suggestions(request, slug):
    return suggestions_page(request, managed_network(request, slug))


@require_POST
@contact_required
def close_suggestion(request, slug, pk):
    if formkit.too_large(request):
        return render(request, "form_too_large.html", status=413)
    network = managed_network(request, slug)
    suggestion = get_object_or_404(network.suggestions.all(), pk=pk)
    status = ACTIONS.get(request.POST.get("action", ""))
    if status is None:
        return suggestions_page(
            request, network, error="Choose done or not needed for the suggestion", status=400
        )
    with transaction.atomic():
        suggestion = network.suggestions.select_for_update().get(pk=suggestion.pk)
        if suggestion.status == Suggestion.Status.OPEN:
            suggestion.closed_by_contact = request.contact
            suggestion.save(update_fields=["closed_by_contact"])
            suggestion.change_status(status)
    url = reverse("manage:suggestions", args=[network.slug])
    return redirect(f"{url}?closed={suggestion.reference}")
