"""The public register of mentors and peer reviewers: its page, the page behind the signed link
where a volunteer chooses what it shows, and keeping the page cache true to it."""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from core.page_cache import bump_content_version, reads_query
from core.pagination import paginate
from networks.models import PageSection

from .models import Listing, Volunteer, short_name, volunteer_from_listing_token
from .register_forms import ListingForm, RegisterFilterForm

LISTINGS_PER_PAGE = 20


@reads_query(*RegisterFilterForm.base_fields, "page")
def register(request):
    form = RegisterFilterForm(request.GET)
    listings, applied, notes = form.filter(Listing.objects.for_register())
    page, page_note = paginate(
        request, listings.order_by("volunteer__name", "pk"), LISTINGS_PER_PAGE, form.query_string()
    )
    return render(
        request,
        "mentoring/register.html",
        {
            "intro": PageSection.objects.text(PageSection.Key.MENTORING_INTRO),
            "form": form,
            "page": page,
            "count": page.paginator.count,
            "applied": applied,
            "notes": [*notes, page_note] if page_note else notes,
        },
    )


@require_http_methods(["GET", "POST"])
def listing(request, token):
    """Join, change or leave the register from the signed link in the acknowledgement email.
    GET only shows, so that mail scanners following the link change nothing."""
    context = {"inbox": settings.MDO_INBOX_EMAIL}
    try:
        volunteer = volunteer_from_listing_token(token)
    except signing.SignatureExpired:
        context["expired"] = True
        return render(request, "mentoring/listing_invalid.html", context, status=410)
    except (signing.BadSignature, Volunteer.DoesNotExist):
        return render(request, "mentoring/listing_invalid.html", context, status=400)
    current = Listing.objects.filter(volunteer=volunteer).with_room().first()
    open_offer = volunteer.can_withdraw and volunteer.anonymised_at is None
    form = ListingForm(
        request.POST if request.method == "POST" and "remove" not in request.POST else None,
        volunteer=volunteer,
        initial=ListingForm.initial_for(volunteer),
    )
    if request.method == "POST" and open_offer:
        if "remove" in request.POST:
            volunteer.remove_listing()
            return redirect(request.path)
        if form.is_valid():
            with transaction.atomic():
                form.save()
            return redirect(request.path)
    return render(
        request,
        "mentoring/listing.html",
        {
            **context,
            "volunteer": volunteer,
            "listing": current,
            "default_name": short_name(volunteer.name),
            "form": form,
            "open": open_offer,
        },
    )


def _on_change(sender, **kwargs):
    # Mentoring is not one of PAGE_CACHE_APPS (its records are private), but the register
    # shows listings, and whether a volunteer can take someone on depends on their matches
    # and status: any change to them shows at once.
    if sender._meta.app_label == "mentoring":
        bump_content_version()


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_change, dispatch_uid=f"mentoring-register-{signal!r}")
