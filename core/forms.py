"""Form fields and forms the public fills in, done the GOV.UK way, for any app that has one.

- `PublicForm`: mix into a (Model)Form for a honeypot, a one-time submission token and the
  error summary (`ErrorSummaryMixin` alone gives the error summary). Templates render it with
  `includes/public_form_protection.html`, `includes/error_summary.html` and one
  `includes/field.html` per field.
- `DateField`: a GOV.UK date input (day, month, year); `text`, `email_field`, `radios`,
  `checkboxes`, ...: fields with GOV.UK messages.

The view around such a form (size limit, rate limit, Post/Redirect/Get) is core.formkit.
"""

import datetime
import re
import uuid

from django import forms
from django.core.exceptions import ValidationError

HONEYPOT_NAME = "website"
TOKEN_NAME = "submission_token"


class DayMonthYearWidget(forms.MultiWidget):
    """Three text boxes, rendered by includes/field.html; values stay as typed."""

    parts = (("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4))

    def __init__(self, attrs=None):
        widgets = {
            name: forms.TextInput(attrs={"inputmode": "numeric"}) for name, _, _ in self.parts
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class DateField(forms.MultiValueField):
    """A date typed as day, month and year, with GOV.UK's messages. `noun` names the field in
    them: "The deadline must include a month"."""

    widget = DayMonthYearWidget

    def __init__(self, *, noun, **kwargs):
        self.noun = noun
        parts = [forms.CharField(required=False) for _ in DayMonthYearWidget.parts]
        kwargs.setdefault("error_messages", {"required": f"Enter {noun.lower()}"})
        super().__init__(parts, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list:
            return None
        values = dict(
            zip((name for name, _, _ in DayMonthYearWidget.parts), data_list, strict=True)
        )
        values = {name: (value or "").strip() for name, value in values.items()}
        missing = [name for name, value in values.items() if not value]
        if missing:
            raise ValidationError(f"{self.noun} must include a {' and a '.join(missing)}")
        if not all(re.fullmatch(r"[0-9]{1,2}", values[name]) for name in ("day", "month")):
            raise ValidationError(f"{self.noun} must be a real date")
        if not re.fullmatch(r"[0-9]{4}", values["year"]):
            raise ValidationError("Year must include 4 numbers")
        try:
            return datetime.date(int(values["year"]), int(values["month"]), int(values["day"]))
        except ValueError:
            raise ValidationError(f"{self.noun} must be a real date") from None


INTEGER_KEYS = {"AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField"}


class PrimaryKeyChoices:
    """Refuse a choice that cannot be a primary key before it reaches the database, where
    SQLite raises OverflowError for an integer beyond 64 bits."""

    def _check_key(self, value):
        if self.queryset.model._meta.pk.get_internal_type() not in INTEGER_KEYS:
            return
        try:
            if -(2**63) <= int(str(value).strip()) < 2**63:
                return
        except ValueError:
            pass
        raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")


class ModelChoiceField(PrimaryKeyChoices, forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values:
            self._check_key(value)
        return super().to_python(value)


class ModelMultipleChoiceField(PrimaryKeyChoices, forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for key in value if isinstance(value, list | tuple) else []:
            self._check_key(key)
        return super()._check_values(value)


def field_kind(bound_field):
    """Which of includes/field.html's layouts a field takes."""
    widget = bound_field.field.widget
    if isinstance(widget, DayMonthYearWidget):
        return "date"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    return "input"


def error_anchor(bound_field):
    """The id an error summary links to: the first box of a group."""
    kind = field_kind(bound_field)
    if kind in ("radios", "checkboxes"):
        return f"{bound_field.auto_id}_0"
    if kind == "date":
        return f"{bound_field.auto_id}_day"
    return bound_field.id_for_label


class ErrorSummaryMixin:
    """Mix in before forms.Form or forms.ModelForm for includes/error_summary.html."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def error_summary(self):
        """[(anchor or None, message)] in the order of the fields on the page."""
        items = [(None, message) for message in self.non_field_errors()]
        for name in self.fields:
            for message in self.errors.get(name, []):
                items.append((error_anchor(self[name]), message))
        return items


class PublicForm(ErrorSummaryMixin, forms.Form):
    """Mix in before forms.Form or forms.ModelForm. The model needs a `submission_token` and
    a `reference`."""

    website = forms.CharField(
        required=False,
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.submission_token = self._token_from_data() or uuid.uuid4()

    def _token_from_data(self):
        try:
            return uuid.UUID(str(self.data.get(TOKEN_NAME, "")))
        except ValueError:
            return None

    def is_spam(self):
        return bool(str(self.data.get(HONEYPOT_NAME, "")).strip())

    def previous_submission(self, reference=None):
        """The record this very page of the form made before (a double click), if any; or
        the record with `reference`."""
        records = type(self.instance)._default_manager
        if reference is not None:
            return records.filter(reference=reference).first()
        return records.filter(submission_token=self.submission_token).first()

    def save(self, commit=True):
        self.instance.submission_token = self.submission_token
        if self.cleaned_data.get("privacy_consent"):
            self.instance.record_consent()
        return super().save(commit)


# Fields built the GOV.UK way, with messages that say what to do.

PHONE_PATTERN = re.compile(r"\+?[0-9 ()\-]+")


def validate_phone(value):
    digits = re.sub(r"[^0-9]", "", value)
    if not PHONE_PATTERN.fullmatch(value) or not 7 <= len(digits) <= 15:
        raise ValidationError("Enter a phone number, like 020 7946 0000 or +44 7700 900 982")


def phone_field(*, required, hint):
    return forms.CharField(
        label="Phone number",
        required=required,
        max_length=40,
        help_text=hint,
        validators=[validate_phone],
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        error_messages={
            "required": "Enter a phone number",
            "max_length": "Phone number must be 40 characters or fewer",
        },
    )


def text(label, *, required_message, max_length=200, **kwargs):
    return forms.CharField(
        label=label,
        max_length=max_length,
        error_messages={
            "required": required_message,
            "max_length": f"{label} must be {max_length} characters or fewer",
        },
        **kwargs,
    )


def email_field(hint, *, required=True, label="Email address"):
    return forms.EmailField(
        label=label,
        help_text=hint,
        required=required,
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Email address must be 254 characters or fewer",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


def consent_field():
    return forms.BooleanField(
        label="I agree to the Museum Development team keeping and using these details as the "
        "privacy notice describes",
        error_messages={"required": "Agree to the privacy notice so that we can use your details"},
    )


def checkboxes(label, queryset_or_choices, *, required_message=None, hint="Select all that apply."):
    is_queryset = hasattr(queryset_or_choices, "model")
    field_class = ModelMultipleChoiceField if is_queryset else forms.MultipleChoiceField
    source = "queryset" if is_queryset else "choices"
    return field_class(
        label=label,
        help_text=hint,
        required=required_message is not None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": required_message or "",
            "invalid_choice": "Select only the options shown",
            "invalid_pk_value": "Select only the options shown",
            "invalid_list": "Select only the options shown",
        },
        **{source: queryset_or_choices},
    )


def radios(label, choices, required_message, hint=""):
    return forms.ChoiceField(
        label=label,
        help_text=hint,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": required_message,
            "invalid_choice": "Select one of the options shown",
        },
    )
