"""The two ways to tell MDO staff a network's page is wrong: the "suggest an update" form on
every network's page, and the changes a contact proposes from their reminder email. Both are
built from the shared form kit (core/forms.py, core/formkit.py)."""

from django import forms

from core.forms import ErrorSummaryMixin, ModelChoiceField, PublicForm, email_field, radios
from core.forms import text as text_field
from networks.directory.models import Network

from .models import Suggestion

DETAILS_MAX_LENGTH = 2000


def kind_field():
    return radios(
        "What is wrong or out of date?",
        Suggestion.Kind.choices,
        "Select what is wrong or out of date",
    )


def details_field(hint):
    return text_field(
        "What should it say?",
        required_message="Tell us what should change",
        max_length=DETAILS_MAX_LENGTH,
        help_text=hint,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class SuggestionForm(PublicForm, forms.ModelForm):
    kind = kind_field()
    details = details_field(
        "For example, the name and email address of the new contact, when the network closed, "
        "or the right address of its website."
    )
    email = email_field(
        "Only if you would like a reply. We will not add it to the directory.",
        required=False,
        label="Your email address",
    )
    share_email = forms.BooleanField(
        label="Share my email address with the network's contacts",
        required=False,
        help_text="We send what you suggest to the people who look after this network's page, "
        "so that they can put it right. They are told who sent it only if you tick this box.",
    )

    class Meta:
        model = Suggestion
        fields = ["kind", "details", "email", "share_email"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("share_email") and not cleaned.get("email") and "email" not in self.errors:
            self.add_error(
                "email", "Enter your email address, or untick the box to share it with the network"
            )
        return cleaned


class ContactChangesForm(ErrorSummaryMixin, forms.ModelForm):
    """A contact's proposal, from their reminder link: the link stands for who they are."""

    network = ModelChoiceField(
        label="Which network is it about?",
        queryset=Network.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Select the network it is about",
            "invalid_choice": "Select one of the networks shown",
        },
    )
    kind = kind_field()
    details = details_field(
        "For example, that you have handed the role on, and to whom (with their email address), "
        "or your new email address."
    )

    class Meta:
        model = Suggestion
        fields = ["network", "kind", "details"]

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        networks = Network.objects.filter(roles__person=person).public().distinct()
        self.fields["network"].queryset = networks
        if len(self.fields["network"].choices) == 1:
            # One network: nothing to choose, so the question is not asked.
            self.fields["network"].widget = forms.HiddenInput()
            self.fields["network"].initial = networks.first()

    def save(self, commit=True):
        self.instance.person = self.person
        self.instance.email = self.person.email
        return super().save(commit)
