"""Booking a place: the form, "check your answers", the confirmation; and the signed page
where a person sees, changes or cancels their booking, or accepts a place offered to them."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core import formkit
from networks.calendar.models import Event

from . import places
from .forms import BookingForm, ChangeBookingForm
from .models import Booking

SCOPE = "booking"


def bookable(slug):
    event = get_object_or_404(Event.objects.published().for_listing(), slug=slug)
    if not event.books_here:
        raise Http404("This event does not take bookings on this site.")
    return event


def on_saved(request, booking):
    if getattr(booking, "_again", False):
        messages.info(
            request,
            "You had already booked with this email address, so we have not booked again: we "
            "have emailed you the details once more.",
        )


class SaveThroughPlaces(BookingForm):
    """The form's save() books through places.book(): a place or the waiting list, under the
    event's lock; the same address again returns the booking it already has."""

    def save(self, commit=True):
        booking = super().save(commit=False)
        saved, is_new = places.book(booking)
        saved._again = not is_new
        return saved


@require_http_methods(["GET", "POST"])
def book(request, slug):
    event = bookable(slug)
    place = places.places(event)
    context = {
        "event": event,
        "places": place,
        "offer_hours": settings.BOOKING_OFFER_HOURS,
        "retention_months": settings.BOOKING_RETENTION_MONTHS,
    }
    if request.method == "POST" and "confirm" not in request.POST:
        # Step one sent: check the answers, or show the form again with its errors.
        form = BookingForm(request.POST, event=event)
        if "change" not in request.POST and form.is_valid():
            return render(request, "booking/check.html", {**context, "form": form})
        if "change" in request.POST:
            form = BookingForm(initial=request.POST.dict(), event=event)
            form.submission_token = BookingForm(request.POST, event=event).submission_token
        return render(request, "booking/book.html", {**context, "form": form})
    try:
        return formkit.handle(
            request,
            SaveThroughPlaces,
            "booking/book.html",
            scope=SCOPE,
            success_url=reverse("booking:done", args=[event.slug]),
            on_saved=on_saved,
            context=context,
            form_kwargs={"event": event},
        )
    except ValidationError as error:
        # Checked again under the event's lock: booking closed, or the museum's one place
        # taken, between the check and the confirmation.
        form = BookingForm(request.POST, event=event)
        form.is_valid()
        form.add_error(None, error)
        return render(request, "booking/book.html", {**context, "form": form}, status=409)


def done(request, slug):
    event = bookable(slug)
    last = formkit.last_submission(request, SCOPE)
    booking = (
        Booking.objects.filter(reference=last["reference"], event=event).first() if last else None
    )
    return formkit.confirmation(
        request,
        SCOPE,
        "booking/done.html",
        reverse("booking:book", args=[event.slug]),
        {"event": event, "booking": booking},
    )


def from_link(token):
    booking = Booking.from_token(token)
    if booking is None:
        raise Http404("This booking link is not valid.")
    return booking


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request, token):
    booking = from_link(token)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "cancel" and booking.is_active:
            places.cancel(booking)
            messages.success(request, "Your booking is cancelled. We have emailed you to say so.")
        elif action == "accept" and booking.status == Booking.Status.OFFERED:
            if places.accept(booking):
                messages.success(request, "The place is yours. We have emailed you the details.")
            else:
                messages.error(request, "The offer has run out, so the place went to someone else.")
        return redirect("booking:manage", token)
    now = timezone.now()
    return render(
        request,
        "booking/manage.html",
        {
            "booking": booking,
            "event": booking.event,
            "token": token,
            "is_past": booking.event.end <= now,
            "offer_open": booking.status == Booking.Status.OFFERED
            and booking.offer_expires_at > now,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def change(request, token):
    booking = from_link(token)
    if not booking.is_active or booking.event.end <= timezone.now():
        return redirect("booking:manage", token)
    if request.method == "POST" and formkit.too_large(request):
        return render(request, "form_too_large.html", status=413)
    form = ChangeBookingForm(request.POST if request.method == "POST" else None, instance=booking)
    if form.is_bound and form.is_valid():
        form.save()
        messages.success(request, "Your booking is changed.")
        return redirect("booking:manage", token)
    return render(
        request, "booking/change.html", {"form": form, "booking": booking, "token": token}
    )
