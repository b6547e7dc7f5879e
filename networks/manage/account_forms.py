"""The forms a network's contact fills in: asking for a sign-in link, their network's details,
their own details, and handing a role over. Built from the shared form kit (core/forms.py)."""

from django import forms

from core.forms import ErrorSummaryMixin, ModelChoiceField, checkboxes, email_field, phone_field
from core.forms import text as text_field
from networks.directory.models import Network, Person
from networks.places.models import SubRegion, Topic

NETWORK_FIELDS = ["summary", "description", "website", "how_to_join", "sub_region", "topics"]
CONTACT_FIELDS = ["name", "email", "phone", "organisation"]


class StartForm(ErrorSummaryMixin, forms.Form):
    email = email_field("The address the Museum Development team has for you as a contact.")


class NetworkForm(ErrorSummaryMixin, forms.ModelForm):
    summary = text_field(
        "Summary",
        required_message="Enter a summary",
        max_length=300,
        required=False,
        help_text="One or two sentences shown in lists of networks.",
    )
    description = text_field(
        "Description",
        required_message="Enter a description",
        max_length=10000,
        required=False,
        help_text="What the network does and who it is for. You can use Markdown: a blank line "
        "between paragraphs, * for a list, [words](https://example.org) for a link.",
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    website = forms.URLField(
        label="Website",
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text="For example, https://www.example.org",
        error_messages={
            "invalid": "Enter a website address in the correct format, like "
            "https://www.example.org",
            "max_length": "Website must be 200 characters or fewer",
        },
        # Text, not type=url: a wrong address sent back in the box would be invalid HTML.
        widget=forms.TextInput(
            attrs={"autocomplete": "url", "inputmode": "url", "spellcheck": "false"}
        ),
    )
    how_to_join = text_field(
        "How to join",
        required_message="Say how to join",
        max_length=5000,
        required=False,
        help_text="Who can join and how. Markdown, as the description.",
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    sub_region = ModelChoiceField(
        label="Sub-region",
        queryset=SubRegion.objects.all(),
        required=False,
        empty_label="None: the whole of London",
        error_messages={"invalid_choice": "Select one of the sub-regions shown"},
    )
    topics = checkboxes("Topics", Topic.objects.all())

    class Meta:
        model = Network
        fields = NETWORK_FIELDS


class ContactForm(ErrorSummaryMixin, forms.ModelForm):
    """The contact's own details, and for each of their roles whether it is shown publicly."""

    name = text_field(
        "Your name",
        required_message="Enter your name",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = email_field("Sign-in links are sent here.")
    phone = phone_field(required=False, hint="Shown only to MDO staff.")
    organisation = text_field(
        "Organisation", required_message="Enter your organisation", required=False
    )

    class Meta:
        model = Person
        fields = CONTACT_FIELDS

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.roles = list(roles)
        for role in self.roles:
            self.fields[self.role_field(role)] = forms.BooleanField(
                label=f"Show me as {role.get_role_display().lower()} of {role.network.name} on "
                "its public page",
                required=False,
                initial=role.is_public,
            )

    @staticmethod
    def role_field(role):
        return f"public_{role.pk}"

    def role_values(self):
        """[(role, shown publicly)] as chosen."""
        return [(role, self.cleaned_data[self.role_field(role)]) for role in self.roles]


class HandoverForm(ErrorSummaryMixin, forms.Form):
    name = text_field("Their name", required_message="Enter the new person's name")
    email = email_field(
        "We email them a link. The role moves to them only when they accept it.",
        label="Their email address",
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.fields["email"].error_messages["required"] = "Enter the new person's email address"

    def clean_email(self):
        email = self.cleaned_data["email"]
        if self.person.email and email.lower() == self.person.email.lower():
            raise forms.ValidationError("Enter someone else's email address, not your own")
        return email
