import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.forms import (
    DateField,
    ModelChoiceField,
    PublicForm,
    checkboxes,
    consent_field,
    email_field,
    phone_field,
    radios,
    text,
)
from networks.models import SubRegion, Topic

from .models import MAX_CAPACITY, Listing, Role, SupportRequest, Volunteer
from .register_forms import shown_name_field, skills_field

LATEST_DEADLINE_YEARS = 5


def public_listing(key):
    """The register listing with this id, if anyone may see it now; None for anything else."""
    if not key.isdigit() or len(key) > 18:
        return None
    return Listing.objects.public().select_related("volunteer").filter(pk=int(key)).first()


class VolunteerForm(PublicForm, forms.ModelForm):
    name = text(
        "Full name",
        required_message="Enter your full name",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = email_field("We will only use this to contact you about mentoring and peer support.")
    phone = phone_field(
        required=False, hint="In case email is hard for you. For example, 020 7946 0000."
    )
    job_title = text(
        "Your current role",
        required_message="Enter your current role",
        help_text="For example, Collections Manager, or volunteer curator. If you are retired, "
        "tell us what you did.",
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    organisation = text(
        "Organisation",
        required_message='Enter your organisation, or "none"',
        help_text='The museum or organisation you work or volunteer for, or "none".',
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    roles = checkboxes(
        "How could you help?",
        Role.choices,
        required_message="Select at least one way you could help",
    )
    expertise = checkboxes("Areas of expertise", Topic.objects.all())
    accreditation_experience = radios(
        "What is your experience of Accreditation?",
        Volunteer.Experience.choices,
        "Select your experience of Accreditation",
    )
    capacity = forms.IntegerField(
        label="How many museums could you support at the same time?",
        help_text=f"Enter a number from 1 to {MAX_CAPACITY}.",
        min_value=1,
        max_value=MAX_CAPACITY,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "input--width-2"}),
        error_messages={
            "required": "Enter how many museums you could support at the same time",
            "invalid": "Enter the number of museums as a number, like 2",
            "min_value": f"Enter a number of museums from 1 to {MAX_CAPACITY}",
            "max_value": f"Enter a number of museums from 1 to {MAX_CAPACITY}",
        },
    )
    sub_regions = checkboxes(
        "Which parts of London can you reach?",
        SubRegion.objects.all(),
        required_message="Select at least one part of London you can reach",
    )
    availability = text(
        "When are you available?",
        required_message="Tell us when you are available",
        max_length=1000,
        help_text="For example, weekday afternoons, or two days a month. Tell us about any "
        "months you cannot do.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    privacy_consent = consent_field()
    opportunities_consent = forms.BooleanField(
        label="Tell me about other volunteering and skills-sharing opportunities",
        required=False,
    )
    listed = forms.BooleanField(
        label="List me in the public register of mentors and peer reviewers",
        help_text="Separate from agreeing to be contacted by us. You can change or remove your "
        "listing at any time.",
        required=False,
    )
    listed_name = shown_name_field()
    listed_skills = skills_field()

    # The order of the page, which the error summary follows.
    field_order = [
        "name",
        "email",
        "phone",
        "job_title",
        "organisation",
        "roles",
        "expertise",
        "accreditation_experience",
        "capacity",
        "sub_regions",
        "availability",
        "privacy_consent",
        "opportunities_consent",
        "listed",
        "listed_name",
        "listed_skills",
    ]

    class Meta:
        model = Volunteer
        fields = [
            "name",
            "email",
            "phone",
            "job_title",
            "organisation",
            "expertise",
            "accreditation_experience",
            "capacity",
            "sub_regions",
            "availability",
            "opportunities_consent",
        ]

    def _post_clean(self):
        # The model checks that at least one role is offered. When none was chosen the roles
        # field has said so already, and the form will not save; don't say it twice.
        self.instance.set_roles(self.cleaned_data.get("roles") or Role.values)
        super()._post_clean()

    def clean(self):
        cleaned = super().clean()
        wants_listing = cleaned.get("listed_name") or cleaned.get("listed_skills")
        if wants_listing and not cleaned.get("listed"):
            self.add_error(
                "listed",
                "Select \u201cList me in the public register\u201d to be listed, or leave the "
                "name and skills for the register empty",
            )
        return cleaned

    def save(self, commit=True):
        volunteer = super().save(commit)
        if commit and self.cleaned_data.get("listed"):
            # Waiting for staff to approve it: every role and sub-region offered, at first.
            listing = Listing(volunteer=volunteer, chosen_name=self.cleaned_data["listed_name"])
            listing.set_roles(volunteer.roles_offered)
            listing.save()
            listing.skills.set(self.cleaned_data["listed_skills"])
            listing.sub_regions.set(volunteer.sub_regions.all())
        return volunteer


class SupportRequestForm(PublicForm, forms.ModelForm):
    museum_name = text(
        "Museum name",
        required_message="Enter the name of the museum",
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    contact_name = text(
        "Your name",
        required_message="Enter your name",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = email_field("We will use this to reply to you.")
    phone = phone_field(required=True, hint="For example, 020 7946 0000.")
    support_type = radios(
        "What support would you like?",
        SupportRequest.SupportType.choices,
        "Select the support you would like",
        hint="Choose the one you need most. You can tell us about anything else below.",
    )
    accreditation_status = radios(
        "What is the museum's Accreditation status?",
        SupportRequest.AccreditationStatus.choices,
        "Select the museum's Accreditation status",
    )
    deadline = DateField(
        noun="The deadline",
        label="Is there a deadline?",
        required=False,
        help_text="For example, when an Accreditation return is due: 27 3 2027.",
    )
    has_paid_staff = forms.TypedChoiceField(
        label="Does the museum have paid professional staff?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select yes if the museum has paid professional staff",
            "invalid_choice": "Select yes or no",
        },
    )
    sub_region = ModelChoiceField(
        label="Which part of London is the museum in?",
        queryset=SubRegion.objects.all(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Select the part of London the museum is in",
            "invalid_choice": "Select one of the options shown",
        },
    )
    description = text(
        "What do you need?",
        required_message="Tell us what you need",
        max_length=5000,
        help_text="In your own words: what is happening at the museum, and how could a mentor "
        "or adviser help?",
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    privacy_consent = consent_field()
    # The register listing of the mentor asked for, from "Ask for this mentor".
    mentor = forms.CharField(required=False, widget=forms.HiddenInput)

    MENTOR_GONE = (
        "The mentor you asked for is no longer in the register. Send the form to ask for "
        "support without naming a mentor, or choose another in the register."
    )

    def __init__(self, *args, mentor=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and mentor is not None:
            self.initial["mentor"] = mentor.pk
        self.mentor_listing = mentor if not self.is_bound else self.find_mentor()

    def find_mentor(self):
        key = str(self.data.get("mentor", "")).strip()
        if not key:
            return None
        return public_listing(key)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("mentor") and self.mentor_listing is None:
            # Hidden since the page was opened: say so, and send the form without it next time.
            self.data = self.data.copy()
            self.data["mentor"] = ""
            self.add_error(None, self.MENTOR_GONE)
        return cleaned

    def save(self, commit=True):
        if self.mentor_listing is not None:
            self.instance.requested_mentor = self.mentor_listing.volunteer
        return super().save(commit)

    class Meta:
        model = SupportRequest
        fields = [
            "museum_name",
            "contact_name",
            "email",
            "phone",
            "support_type",
            "accreditation_status",
            "deadline",
            "has_paid_staff",
            "sub_region",
            "description",
        ]

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline is None:
            return None
        today = timezone.localdate()
        if deadline < today:
            raise ValidationError("The deadline must be today or in the future")
        if deadline > today + datetime.timedelta(days=365 * LATEST_DEADLINE_YEARS):
            raise ValidationError(
                f"The deadline must be within the next {LATEST_DEADLINE_YEARS} years"
            )
        return deadline
