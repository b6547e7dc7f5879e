"""Words and files staff keep: page texts (home page sections, whole pages such as the privacy
notice) and resources to download."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import (
    Q,
)
from django.urls import reverse

from core.dates import describe_period

from .documents import TYPES, format_size, inspect_upload


class PageSectionQuerySet(models.QuerySet):
    def texts(self, *keys):
        """{key: section} for these keys: the staff's text where it is saved, otherwise the
        initial text (unsaved), so that a page never loses its words. One query."""
        saved = {section.key: section for section in self.filter(key__in=keys)}
        return {key: saved.get(key) or PageSection.initial(key) for key in keys}

    def text(self, key):
        return self.texts(key)[key]


class PageSection(models.Model):
    """Staff-written text: a section of the home page, a page's introduction, or a whole page
    such as the privacy notice."""

    class Key(models.TextChoices):
        INTRODUCTION = "introduction", "Home page: introduction"
        RESEARCH = "research", "Home page: research into skills sharing"
        MDO_TRAINING = "mdo_training", "Home page: MDO training and advice"
        AREA = "area", "Home page: area networks"
        SUB_REGIONAL = "sub_regional", "Home page: sub-regional networks"
        SUBJECT = "subject", "Home page: subject networks"
        PRACTITIONER = "practitioner", "Home page: practitioner networks"
        MENTORING = "mentoring", "Home page: mentoring and peer support"
        NETWORKS_INTRO = "networks_intro", "Networks page: introduction"
        EVENTS_INTRO = "events_intro", "Events page: introduction"
        MENTORING_INTRO = "mentoring_intro", "Mentoring page: introduction"
        RESOURCES_INTRO = "resources_intro", "Resources page: introduction"
        OPEN_DATA_LICENCE = "open_data_licence", "Open data page: licence"
        PRIVACY = "privacy", "Privacy notice (the whole page)"
        ACCESSIBILITY = "accessibility", "Accessibility statement (the whole page)"

    # Written as {name} in the text, replaced by the site's settings when it is shown, so that
    # what a page says (how long we keep data, where to write) cannot drift from what we do.
    PLACEHOLDERS = {
        "retention_months": "months after which closed records lose their personal data",
        "inbox": "the MDO team's email address",
        "rate_limit_period": "how long a count of forms sent from one address is kept",
        "site_name": "the name of this website",
        "freshness_months": "how often contacts are asked to confirm their details",
        "booking_months": "months after an event when its bookings lose their personal data",
    }
    REQUIRED_PLACEHOLDERS = {"privacy": ["retention_months", "inbox"]}

    key = models.SlugField(
        max_length=50,
        unique=True,
        choices=Key.choices,
        help_text="Where the text appears.",
    )
    heading = models.CharField(
        max_length=200,
        help_text="The section's heading, or the page's title for a whole page. Introductions "
        "show no heading.",
    )
    body = models.TextField(
        help_text="Markdown. These words are replaced by the site's settings: "
        + ", ".join(f"{{{name}}} ({meaning})" for name, meaning in PLACEHOLDERS.items())
        + "."
    )
    display_order = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField("last changed", auto_now=True)

    objects = PageSectionQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "key"]
        verbose_name = "page text"

    def __str__(self):
        return self.heading

    def clean(self):
        super().clean()
        missing = [
            f"{{{name}}}"
            for name in self.REQUIRED_PLACEHOLDERS.get(self.key, [])
            if f"{{{name}}}" not in self.body
        ]
        if missing:
            raise ValidationError(
                {
                    "body": f"Keep {' and '.join(missing)} in this text, so that it always says "
                    "what the site's settings are."
                }
            )

    @classmethod
    def initial(cls, key):
        """The initial text of `key` as an unsaved section (None if it has none)."""
        from .initial_content import PAGE_SECTIONS

        for order, (known, heading, body) in enumerate(PAGE_SECTIONS, start=1):
            if known == key:
                return cls(key=key, heading=heading, body=body, display_order=order)
        return None

    @property
    def filled_body(self):
        """The Markdown with each {placeholder} replaced by its setting."""
        values = {
            "retention_months": str(settings.PERSONAL_DATA_RETENTION_MONTHS),
            "inbox": settings.MDO_INBOX_EMAIL,
            "rate_limit_period": describe_period(settings.FORM_RATE_LIMIT_PERIOD),
            "site_name": settings.SITE_NAME,
            "freshness_months": str(settings.FRESHNESS_PERIOD_MONTHS),
            "booking_months": str(settings.BOOKING_RETENTION_MONTHS),
        }
        body = self.body
        for name, value in values.items():
            body = body.replace(f"{{{name}}}", value)
        return body


def resource_file_name(resource, filename):
    """A generated name: nothing of the uploader's file name reaches the disk or the URL."""
    return f"resources/{uuid.uuid4().hex}.{resource.file_type or 'bin'}"


class ResourceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Resource(models.Model):
    """A document staff upload (such as the skills-sharing research report) or link to."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200, unique=True, help_text="Names the file when someone downloads it."
    )
    description = models.TextField(blank=True, help_text="Markdown. What it is and who it is for.")
    file = models.FileField(
        upload_to=resource_file_name,
        blank=True,
        max_length=200,
        help_text="A document (PDF, Word, Excel, PowerPoint, OpenDocument, RTF or CSV). Its type "
        "and size are shown beside the link. Or give a link instead.",
    )
    external_url = models.URLField(
        "link to another website",
        blank=True,
        help_text="Instead of a file: where the document is published elsewhere.",
    )
    file_type = models.CharField(max_length=10, blank=True, editable=False)
    file_size = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    is_published = models.BooleanField(
        "published", default=False, help_text="Drafts are seen only by staff."
    )
    on_home_page = models.BooleanField(
        "show on the home page",
        default=False,
        help_text="Listed under the research section of the home page, as well as on the "
        "resources page.",
    )
    display_order = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "title"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(external_url="")) | (~Q(file="") & Q(external_url="")),
                name="resource_file_or_link",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("networks:resources") + f"#{self.slug}"

    def clean(self):
        super().clean()
        if bool(self.file) == bool(self.external_url):
            raise ValidationError(
                "Upload a file or give a link to another website (one, not both)."
            )
        if self.file and not self.file._committed:  # a new upload
            try:
                kind = inspect_upload(self.file)
            except ValidationError as error:
                raise ValidationError({"file": error}) from None
            self.file_type, self.file_size = kind.extension, self.file.size
        elif not self.file:
            self.file_type, self.file_size = "", None

    @property
    def url(self):
        """Where the link goes: our download address, or the other website."""
        if self.file:
            return reverse("networks:resource_download", kwargs={"slug": self.slug})
        return self.external_url

    @property
    def is_external(self):
        return not self.file

    @property
    def format_description(self):
        """What a link says about the file: "PDF, 518 KB"."""
        if not self.file:
            return ""
        kind = TYPES.get(self.file_type)
        parts = [kind.label if kind else "Document"]
        if self.file_size:
            parts.append(format_size(self.file_size))
        return ", ".join(parts)
