"""The register's forms: its filters, and what a volunteer chooses to show in it."""

import re

from django import forms
from django.core.exceptions import ValidationError

from core.filters import ChoiceFilterForm
from core.forms import ErrorSummaryMixin, checkboxes, text
from networks.models import SubRegion

from .models import Listing, Role, Skill

NAME_HINT = (
    "Leave this empty to show your first name and the first letter of your last name, like "
    "\u201cAda O.\u201d. Do not put contact details here."
)
# A name to show is a name: no email address, web address or phone number to publish.
CONTACT_DETAILS = re.compile(r"@|https?:|www\.|\.(com|org|uk|net)\b|[0-9]{4}", re.I)


def validate_shown_name(value):
    if CONTACT_DETAILS.search(value):
        raise ValidationError(
            "Enter only a name to show, without an email address, web address or phone number"
        )


def shown_name_field(label="Name to show in the register"):
    return text(
        label,
        required_message="",
        max_length=60,
        required=False,
        help_text=NAME_HINT,
        validators=[validate_shown_name],
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


def skills_field():
    return checkboxes(
        "Skills and areas of practice to show in the register",
        Skill.objects.all(),
        hint="Select all that apply. The register shows only these, never words you type.",
    )


class ListingForm(ErrorSummaryMixin, forms.Form):
    """What a volunteer shows in the register, changed from the signed link in their email:
    roles among those they offer, and sub-regions among those they can reach."""

    chosen_name = shown_name_field()
    roles = forms.MultipleChoiceField(
        label="Roles to show",
        help_text="Select all that apply.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select at least one role to show",
            "invalid_choice": "Select only the options shown",
        },
    )
    skills = skills_field()
    sub_regions = checkboxes(
        "Parts of London to show that you can reach",
        SubRegion.objects.none(),
        required_message="Select at least one part of London to show",
    )

    def __init__(self, *args, volunteer, **kwargs):
        super().__init__(*args, **kwargs)
        self.volunteer = volunteer
        self.fields["roles"].choices = [
            (role.value, role.label) for role in volunteer.roles_offered
        ]
        self.fields["sub_regions"].queryset = volunteer.sub_regions.all()

    @classmethod
    def initial_for(cls, volunteer):
        listing = getattr(volunteer, "listing", None)
        if listing is None:
            return {
                "roles": [role.value for role in volunteer.roles_offered],
                "sub_regions": list(volunteer.sub_regions.all()),
            }
        return {
            "chosen_name": listing.chosen_name,
            "roles": [role.value for role in listing.roles_shown],
            "skills": list(listing.skills.all()),
            "sub_regions": list(listing.sub_regions.all()),
        }

    def save(self):
        """Create or change the listing. A new name to show waits for staff again; everything
        else, chosen from our own lists, is shown at once."""
        data = self.cleaned_data
        listing = Listing.objects.filter(volunteer=self.volunteer).first()
        if listing is None:
            listing = Listing(volunteer=self.volunteer)
        elif (
            data["chosen_name"]
            and data["chosen_name"] != listing.chosen_name
            and listing.status == Listing.Status.APPROVED
        ):
            listing.status = Listing.Status.WAITING
        listing.chosen_name = data["chosen_name"]
        listing.set_roles(data["roles"])
        listing.save()
        listing.skills.set(data["skills"])
        listing.sub_regions.set(data["sub_regions"])
        return listing


class RegisterFilterForm(ChoiceFilterForm):
    role = forms.ChoiceField(label="Role", required=False)
    skill = forms.ChoiceField(label="Skill or area of practice", required=False)
    region = forms.ChoiceField(label="Sub-region they can reach", required=False)
    now = forms.ChoiceField(label="Can take someone on now", required=False)

    blanks = {
        "role": "All roles",
        "skill": "All skills",
        "region": "All sub-regions",
        "now": "Whether or not they can now",
    }

    def get_options(self):
        return {
            "role": dict(Role.choices),
            "skill": {skill.slug: skill for skill in Skill.objects.all()},
            "region": {region.slug: region for region in SubRegion.objects.all()},
            "now": {"yes": "Only those who can take someone on now"},
        }

    def apply(self, queryset, name, key, value):
        match name:
            case "role":
                return queryset.showing_role(key)
            case "skill":
                return queryset.filter(skills=value)
            case "region":
                return queryset.filter(sub_regions=value)
            case "now":
                return queryset.filter(can_take_now=True)
