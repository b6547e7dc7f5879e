"""The emails mentoring sends, through the outbox (core.notifications)."""

from django.conf import settings
from django.urls import reverse

from core.models import Notification
from core.notifications import queue_email, submission_received

from .models import listing_token


def volunteer_submitted(request, volunteer):
    withdraw_url = reverse("mentoring:withdraw", args=[volunteer.withdraw_token()])
    listing_url = reverse("mentoring:listing", args=[listing_token(volunteer)])
    submission_received(
        request,
        volunteer,
        templates="mentoring/email/volunteer",
        acknowledgement=f"Thank you for offering to volunteer (reference {volunteer.reference})",
        staff=f"New volunteer offer {volunteer.reference}",
        context={
            # SITE_URL, never the request's Host header, which the sender chooses.
            "withdraw_url": settings.SITE_URL + withdraw_url,
            "listing_url": settings.SITE_URL + listing_url,
            "listed": hasattr(volunteer, "listing"),
            "withdraw_days": settings.WITHDRAW_LINK_MAX_AGE_DAYS,
        },
    )


def support_request_submitted(request, support_request):
    submission_received(
        request,
        support_request,
        templates="mentoring/email/request",
        acknowledgement=f"We have your request for support (reference {support_request.reference})",
        staff=f"New support request {support_request.reference}",
    )


def volunteer_withdrew(request, volunteer):
    queue_email(
        kind=Notification.Kind.STAFF,
        to=settings.MDO_INBOX_EMAIL,
        reply_to=volunteer.email,
        subject=f"Volunteer {volunteer.reference} has withdrawn",
        template_name="mentoring/email/volunteer_withdrew.txt",
        context={
            "volunteer": volunteer,
            "current_matches": volunteer.matches.current().count(),
            "admin_url": settings.SITE_URL + volunteer.get_admin_url(),
        },
        about=volunteer,
    )
