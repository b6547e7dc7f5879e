"""The booking form, asked in two steps the GOV.UK way: the answers, then "check your answers"
(the same answers carried in hidden fields), then the booking."""

from django import forms
from django.core.exceptions import ValidationError

from core.forms import ErrorSummaryMixin, PublicForm, consent_field, email_field, text

from . import places
from .models import Booking

NEEDS_HINT = "Optional. Only the Museum Development team sees this."


class BookingForm(PublicForm, forms.ModelForm):
    name = text(
        "Full name",
        required_message="Enter your full name",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = email_field("We send your booking, a reminder and any changes to this address.")
    organisation = text(
        "Museum or organisation",
        required_message='Enter your museum or organisation, or "none"',
        help_text='Where you work or volunteer, or "none".',
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    access_needs = text(
        "Access needs",
        required_message="",
        max_length=1000,
        required=False,
        help_text="Optional. Anything we should arrange so that you can take part. "
        + NEEDS_HINT.removeprefix("Optional. "),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    dietary_needs = text(
        "Dietary needs",
        required_message="",
        max_length=1000,
        required=False,
        help_text=NEEDS_HINT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    privacy_consent = consent_field()

    class Meta:
        model = Booking
        fields = ["name", "email", "organisation", "access_needs", "dietary_needs"]

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = self.instance.event = event
        if not event.ask_access_needs:
            del self.fields["access_needs"]
        if not event.ask_dietary_needs:
            del self.fields["dietary_needs"]

    def clean(self):
        cleaned = super().clean()
        if reason := places.closed_because(self.event):
            raise ValidationError(reason)
        organisation = cleaned.get("organisation", "")
        email = cleaned.get("email", "")
        again = email and places.active_with_email(self.event, email)
        if (
            self.event.one_place_per_museum
            and not again
            and places.museum_has_place(self.event, organisation)
        ):
            self.add_error("organisation", places.museum_message(organisation))
        return cleaned

    def carried(self):
        """[(name, value)] of what was typed, for the hidden fields of "check your answers"."""
        return [
            (name, value)
            for name in self.fields
            if name != "website"
            for value in self.data.getlist(name)
        ]

    def answers(self):
        """[(label, answer)] for "check your answers"."""
        shown = [name for name in self.fields if name not in ("website", "privacy_consent")]
        return [(self.fields[name].label, self.cleaned_data.get(name) or "None") for name in shown]


class ChangeBookingForm(ErrorSummaryMixin, forms.ModelForm):
    """What a person may change of their booking from its link (not the email it is under)."""

    name = BookingForm.base_fields["name"]
    organisation = BookingForm.base_fields["organisation"]
    access_needs = BookingForm.base_fields["access_needs"]
    dietary_needs = BookingForm.base_fields["dietary_needs"]

    class Meta:
        model = Booking
        fields = ["name", "organisation", "access_needs", "dietary_needs"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        event = self.instance.event
        if not event.ask_access_needs:
            del self.fields["access_needs"]
        if not event.ask_dietary_needs:
            del self.fields["dietary_needs"]

    def clean_organisation(self):
        organisation = self.cleaned_data["organisation"]
        event = self.instance.event
        if event.one_place_per_museum and places.museum_has_place(
            event, organisation, exclude=self.instance
        ):
            raise ValidationError(places.museum_message(organisation))
        return organisation
