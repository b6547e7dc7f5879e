"""The form a network's contact fills in to post or change one of its meetings.

A ModelForm of Event, so the rules are the model's own (Event.clean and its field validation,
as the admin applies them) and their messages are the admin's. Only the fields a contact may
set are here: kind, organiser, slug, publishing and status are set by the views, never by what
is posted."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import from_current_timezone
from django.utils import timezone

from core.forms import (
    DateField,
    DayMonthYearWidget,
    ErrorSummaryMixin,
    ModelChoiceField,
    checkboxes,
    radios,
)
from networks.calendar.models import Event, Venue
from networks.places.models import Topic

from . import changes

# Fields a contact sets, in the order of the form.
MEETING_FIELDS = [
    "title",
    "summary",
    "description",
    "start",
    "end",
    "attendance_mode",
    "venue",
    "online_url",
    "booking_url",
    "booking_email",
    "is_free",
    "cost",
    "topics",
]
# What a copy keeps of the meeting it is copied from: all but its dates.
COPIED_FIELDS = [name for name in MEETING_FIELDS if name not in ("start", "end")]

TIME = re.compile(r"(?P<hour>[0-9]{1,2})(?:[:.]?(?P<minute>[0-9]{2}))?\s*(?P<half>am|pm)?")


class DateTimeWidget(DayMonthYearWidget):
    """The GOV.UK date input's three boxes and a fourth for the time (24-hour clock)."""

    parts = (*DayMonthYearWidget.parts, ("time", "Time", 4))

    def decompress(self, value):
        if isinstance(value, datetime.datetime):
            value = timezone.localtime(value)
            return [value.day, value.month, value.year, f"{value:%H:%M}"]
        return [None, None, None, None]


def parse_time(text):
    """18:30, 18.30, 1830, 6pm or 6.30pm as a time, or None."""
    match = TIME.fullmatch(text.strip().lower())
    if not match:
        return None
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    if match["half"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match["half"] == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return datetime.time(hour, minute)


class LondonDateTimeField(forms.MultiValueField):
    """A day, month, year and time, London time, with GOV.UK's messages for the date. `noun`
    names it in them: "The start must include a month"."""

    widget = DateTimeWidget

    def __init__(self, *, noun, **kwargs):
        self.noun = noun
        self.date = DateField(noun=noun, required=False)
        parts = [forms.CharField(required=False) for _ in DateTimeWidget.parts]
        kwargs.setdefault("error_messages", {"required": f"Enter {noun.lower()}"})
        super().__init__(parts, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list:
            return None
        *date_parts, time_text = data_list
        day = self.date.compress(date_parts)
        time_text = (time_text or "").strip()
        if not time_text:
            raise ValidationError(f"{self.noun} must include a time")
        time = parse_time(time_text)
        if time is None:
            raise ValidationError(f"{self.noun} must be a real time, like 18:30")
        # As the admin reads its date and time: London time, refusing an hour that the clocks
        # skip or repeat, with Django's own message.
        return from_current_timezone(datetime.datetime.combine(day, time))


class MeetingForm(ErrorSummaryMixin, forms.ModelForm):
    """A meeting of `network`, new or changed. Event.clean runs on the instance with its
    network and kind already set, so every rule the admin applies applies here."""

    title = forms.CharField(
        label="Title",
        max_length=200,
        error_messages={
            "required": "Enter the meeting's title",
            "max_length": "Title must be 200 characters or fewer",
        },
    )
    start = LondonDateTimeField(
        noun="The start",
        label="Starts",
        error_messages={"required": "Enter when the meeting starts"},
        help_text="London time. For example, 27 3 2027 and 18:30.",
    )
    end = LondonDateTimeField(
        noun="The end",
        label="Ends",
        error_messages={"required": "Enter when the meeting ends"},
        help_text="London time. For example, 27 3 2027 and 20:00.",
    )

    class Meta:
        model = Event
        fields = MEETING_FIELDS
        labels = {
            "summary": "Summary",
            "description": "Description",
            "online_url": "Online joining link",
            "booking_url": "Booking link",
            "booking_email": "Booking email address",
            "is_free": "It is free",
            "cost": "Cost",
        }
        help_texts = {
            "summary": "One or two sentences shown in lists of meetings.",
            "description": "What happens, who it is for, what to bring. You can use Markdown: "
            "a blank line between paragraphs, **bold**, [a link](https://example.org).",
            "online_url": "Leave blank if you send it to people who book.",
            "booking_url": "Where people book a place, if they book online.",
            "booking_email": "Where people write to book, if they book by email.",
            "cost": 'For example "£10, or free for members". Leave blank if it is free.',
        }
        widgets = {
            "summary": forms.TextInput(),
            "description": forms.Textarea(attrs={"rows": 8}),
            "online_url": forms.URLInput(attrs={"spellcheck": "false"}),
            "booking_url": forms.URLInput(attrs={"spellcheck": "false"}),
            "booking_email": forms.EmailInput(attrs={"spellcheck": "false"}),
        }
        error_messages = {
            "summary": {"max_length": "Summary must be 300 characters or fewer"},
            "online_url": {"invalid": "Enter the joining link as a web address, like https://…"},
            "booking_url": {"invalid": "Enter the booking link as a web address, like https://…"},
            "booking_email": {
                "invalid": "Enter an email address in the correct format, like name@example.com"
            },
            "cost": {"max_length": "Cost must be 200 characters or fewer"},
        }

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network
        self.instance.network = network
        if not self.instance.pk:
            self.instance.kind = Event.Kind.NETWORK_MEETING
        self.fields["attendance_mode"] = radios(
            "How people attend",
            Event.AttendanceMode.choices,
            "Choose how people attend the meeting",
        )
        self.fields["venue"] = ModelChoiceField(
            queryset=Venue.objects.order_by("name", "postcode"),
            required=False,
            label="Venue",
            empty_label="Choose a venue",
            help_text="For a meeting in person. If the venue is not listed, choose none and say "
            "where it is in the description, or ask the Museum Development team to add it.",
            error_messages={"invalid_choice": "Choose one of the venues listed"},
        )
        self.fields["topics"] = checkboxes(
            "Topics",
            Topic.objects.order_by("name"),
            hint="Optional: what it is about, beyond the network's own topics.",
        )
        self.fields["topics"].required = False
        for name in ("summary", "description", "online_url", "booking_url", "booking_email"):
            self.fields[name].required = False

    def clean(self):
        data = super().clean()
        mode = data.get("attendance_mode")
        if mode == Event.AttendanceMode.ONLINE:
            data["venue"] = None
        return data

    def changed_values(self):
        """{field: value} of what differs from the meeting as stored, as ContactChange keeps it."""
        stored = changes.field_values(Event.objects.get(pk=self.instance.pk), MEETING_FIELDS)
        wanted = self.values()
        return {name: value for name, value in wanted.items() if stored.get(name) != value}

    def values(self):
        """{field: value} of what was typed, as ContactChange keeps it."""
        values = {}
        for name in MEETING_FIELDS:
            value = self.cleaned_data[name]
            if name == "topics":
                value = sorted(topic.pk for topic in value)
            elif name == "venue":
                value = value.pk if value else None
            elif isinstance(value, datetime.datetime):
                # As stored and read back: in UTC, so one moment is always the same text.
                value = value.astimezone(datetime.UTC).isoformat()
            values[name] = value
        return values
