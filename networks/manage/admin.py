"""The review queue: changes networks' contacts made from their pages, for MDO staff to approve
and publish or send back with a reason (emailed to the contact). What a change was, before and
after, is read-only; role handovers are read-only too. Sign-in links are not shown at all."""

import datetime

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.template.defaultfilters import pluralize
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.html import format_html, format_html_join, linebreaks

from core.admin import ExportCsvMixin, admin_change_url
from core.models import Notification
from core.notifications import queue_email
from networks.calendar.models import Event
from networks.directory.models import Network, Person

from . import changes
from .models import ContactChange, RoleHandover

# The record each kind of change is about, to read its fields' names and values.
KIND_MODELS = {
    ContactChange.Kind.NETWORK: Network,
    ContactChange.Kind.CONTACT: Person,
    ContactChange.Kind.EVENT_NEW: Event,
    ContactChange.Kind.EVENT_CHANGE: Event,
    ContactChange.Kind.EVENT_CANCEL: Event,
}
EMPTY = "(empty)"


class StatusFilter(admin.SimpleListFilter):
    """Waiting for review unless staff choose another status, or all."""

    title = "status"
    parameter_name = "status"
    ALL = "all"

    def lookups(self, request, model_admin):
        return [*ContactChange.Status.choices, (self.ALL, "All")]

    def value(self):
        return super().value() or ContactChange.Status.PENDING

    def choices(self, changelist):
        for value, label in self.lookup_choices:
            yield {
                "selected": self.value() == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        if self.value() == self.ALL:
            return queryset
        return queryset.filter(status=self.value())


def field_of(model, name):
    try:
        return model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        return None


def related_names(field, values):
    """{pk: name} of the records these stored values point at, in one query."""
    pks = set()
    for value in values:
        if isinstance(value, list):
            pks.update(value)
        elif value is not None:
            pks.add(value)
    if not pks:
        return {}
    return {record.pk: str(record) for record in field.related_model.objects.filter(pk__in=pks)}


def readable(field, value, names):
    """A stored value as staff would write it: names not ids, London dates, Yes or No."""
    if value is None or value == "" or value == []:
        return EMPTY
    if field is None:
        return str(value)
    if field.many_to_many:
        return ", ".join(sorted(names.get(pk, f"(removed, id {pk})") for pk in value))
    if field.is_relation:
        return names.get(value, f"(removed, id {value})")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return "Yes" if value else "No"
    if isinstance(field, models.DateTimeField) and isinstance(value, str):
        moment = parse_datetime(value)
        if moment is not None:
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment, datetime.UTC)
            return f"{timezone.localtime(moment):%-d %B %Y, %H:%M} (London time)"
    if isinstance(field, models.DateField) and isinstance(value, str):
        day = parse_date(value)
        if day is not None:
            return f"{day:%-d %B %Y}"
    return str(value)


def differences(change):
    """[(label, before, after, changed)] of a change, field by field, readable."""
    model = KIND_MODELS.get(change.kind)
    names = list(dict.fromkeys([*change.after, *change.before]))
    rows = []
    for name in names:
        field = field_of(model, name)
        before, after = change.before.get(name), change.after.get(name)
        lookup = related_names(field, [before, after]) if field and field.is_relation else {}
        label = str(field.verbose_name) if field else name.replace("_", " ")
        rows.append(
            (
                label[:1].upper() + label[1:],
                readable(field, before, lookup) if change.before else EMPTY,
                readable(field, after, lookup),
                before != after,
            )
        )
    return rows


class SendBackForm(forms.Form):
    reason = forms.CharField(
        label="Why it is sent back",
        help_text="Emailed to the contact who made the change, with what they changed.",
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
        max_length=2000,
        error_messages={"required": "Say why the change is sent back."},
    )


def email_sent_back(change):
    """Tell the contact their change was sent back, and why. False when they have no email."""
    person = change.person
    if person is None or not person.email:
        return False
    queue_email(
        kind=Notification.Kind.ACKNOWLEDGEMENT,
        to=person.email,
        reply_to=settings.MDO_INBOX_EMAIL,
        subject=f"Your change to {change.network.name} was not published",
        template_name="manage/email/sent_back.txt",
        context={
            "change": change,
            "rows": [row for row in differences(change) if row[3]],
            "manage_url": settings.SITE_URL + reverse("manage:start"),
            "inbox": settings.MDO_INBOX_EMAIL,
        },
        about=change.network,
    )
    return True


@admin.register(ContactChange)
class ContactChangeAdmin(ExportCsvMixin, admin.ModelAdmin):
    list_display = ["created_at", "network", "kind", "person_name", "status"]
    list_display_links = ["created_at"]
    list_filter = [StatusFilter, "kind"]
    list_select_related = ["network"]
    search_fields = ["network__name", "person_name"]
    actions = ["approve", "send_back"]
    fields = [
        "network_link",
        "kind",
        "status",
        "made_by",
        "created_at",
        "difference",
        "reason",
        "reviewed_at",
        "reviewed_by",
        "summarised_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Staff act through the actions; the form itself changes nothing.
        return False if obj is not None else super().has_change_permission(request, obj)

    def has_approve_permission(self, request):
        return super().has_change_permission(request)

    @admin.display(description="Network")
    def network_link(self, change):
        return format_html('<a href="{}">{}</a>', admin_change_url(change.network), change.network)

    @admin.display(description="Made by")
    def made_by(self, change):
        if change.person_id:
            return format_html(
                '<a href="{}">{}</a>', admin_change_url(change.person), change.person_name
            )
        return change.person_name

    @admin.display(description="What changed")
    def difference(self, change):
        rows = differences(change)
        if not rows:
            return "Nothing"
        body = format_html_join(
            "",
            "<tr><th scope='row'>{}</th><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (label, linebreaks(before), linebreaks(after), "Changed" if changed else "")
                for label, before, after, changed in rows
            ),
        )
        return format_html(
            "<table><thead><tr><th scope='col'>Field</th><th scope='col'>Before</th>"
            "<th scope='col'>After</th><th scope='col'><span class='visually-hidden'>"
            "Changed?</span></th></tr></thead><tbody>{}</tbody></table>",
            body,
        )

    @admin.action(description="Approve and publish the selected changes", permissions=["approve"])
    def approve(self, request, queryset):
        done = 0
        for change in queryset.filter(status=ContactChange.Status.PENDING):
            changes.approve(change, request.user)
            done += 1
        self.message_user(request, f"Published {done} change{pluralize(done)}.", messages.SUCCESS)

    @admin.action(description="Send back the selected changes, saying why", permissions=["approve"])
    def send_back(self, request, queryset):
        pending = queryset.filter(status=ContactChange.Status.PENDING).select_related(
            "network", "person"
        )
        form = SendBackForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            sent, unreached = 0, []
            with transaction.atomic():
                for change in pending:
                    change = changes.send_back(change, request.user, form.cleaned_data["reason"])
                    sent += 1
                    if not email_sent_back(change):
                        unreached.append(change.person_name)
            self.message_user(
                request, f"Sent back {sent} change{pluralize(sent)}.", messages.SUCCESS
            )
            if unreached:
                self.message_user(
                    request,
                    "No email address to tell: " + ", ".join(unreached) + ".",
                    messages.WARNING,
                )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Send back changes",
            "opts": self.model._meta,
            "changes": pending,
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
            "form": form,
            "action": "send_back",
        }
        return TemplateResponse(request, "admin/networks/contactchange/send_back.html", context)


@admin.register(RoleHandover)
class RoleHandoverAdmin(ExportCsvMixin, admin.ModelAdmin):
    """Read-only: a handover is made and accepted by the contacts themselves."""

    list_display = ["role", "to_name", "from_person", "created_at", "accepted_at", "withdrawn_at"]
    list_select_related = ["role__network", "role__person", "from_person"]
    search_fields = ["to_name", "to_email", "role__network__name"]
    fields = [
        "role",
        "from_person",
        "to_name",
        "to_email",
        "created_at",
        "accepted_at",
        "withdrawn_at",
    ]
    readonly_fields = fields
    csv_export_exclude = ("token_hash",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
