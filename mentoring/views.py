from django.conf import settings
from django.core import signing
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from core import formkit
from core.page_cache import reads_query
from networks.models import PageSection

from . import notifications
from .forms import SupportRequestForm, VolunteerForm, public_listing
from .models import Volunteer


def index(request):
    intro = PageSection.objects.text(PageSection.Key.MENTORING_INTRO)
    return render(request, "mentoring/index.html", {"intro": intro})


def volunteer(request):
    return formkit.handle(
        request,
        VolunteerForm,
        "mentoring/volunteer_form.html",
        scope="volunteer",
        success_url=reverse("mentoring:volunteer_done"),
        on_saved=notifications.volunteer_submitted,
    )


def volunteer_done(request):
    return formkit.confirmation(
        request, "volunteer", "mentoring/volunteer_done.html", reverse("mentoring:volunteer")
    )


@reads_query("mentor")
def support_request(request):
    # "Ask for this mentor" in the register: ?mentor= names a listing anyone may see.
    mentor = public_listing(request.GET.get("mentor", "").strip())
    return formkit.handle(
        request,
        SupportRequestForm,
        "mentoring/request_form.html",
        scope="request",
        success_url=reverse("mentoring:request_done"),
        on_saved=notifications.support_request_submitted,
        form_kwargs={"mentor": mentor},
    )


def support_request_done(request):
    return formkit.confirmation(
        request, "request", "mentoring/request_done.html", reverse("mentoring:request")
    )


@require_http_methods(["GET", "POST"])
def withdraw(request, token):
    """Withdraw a volunteer's offer from the signed link in their acknowledgement email.
    GET only asks, so that mail scanners following the link change nothing."""
    context = {
        "inbox": settings.MDO_INBOX_EMAIL,
        "retention_months": settings.PERSONAL_DATA_RETENTION_MONTHS,
    }
    try:
        volunteer = Volunteer.from_withdraw_token(token)
    except signing.SignatureExpired:
        context["expired"] = True
        return render(request, "mentoring/withdraw_invalid.html", context, status=410)
    except (signing.BadSignature, Volunteer.DoesNotExist):
        return render(request, "mentoring/withdraw_invalid.html", context, status=400)
    if request.method == "POST" and volunteer.can_withdraw:
        with transaction.atomic():
            volunteer.change_status(Volunteer.Status.WITHDRAWN)
            notifications.volunteer_withdrew(request, volunteer)
        return redirect(request.path)
    return render(request, "mentoring/withdraw.html", {"volunteer": volunteer, **context})
