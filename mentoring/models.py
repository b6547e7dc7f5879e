from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.models import PublicSubmission, new_reference
from networks.models import SubRegion, Topic

MAX_CAPACITY = 10
WITHDRAW_SALT = "mentoring.volunteer.withdraw"


def volunteer_reference():
    return new_reference("MV")


def request_reference():
    return new_reference("MR")


class Role(models.TextChoices):
    MENTOR = "mentor", "Museum Mentor"
    PEER_REVIEWER = "peer_reviewer", "Survive and Thrive peer reviewer"
    SPEAKER = "speaker", "Speaker at a skills session"


def current_load(volunteer):
    """How many museums the volunteer (the outer query's field `volunteer`) supports now."""
    load = (
        Match.objects.current()
        .filter(volunteer=OuterRef(volunteer))
        .order_by()
        .values("volunteer")
        .annotate(museums=Count("support_request", distinct=True))
        .values("museums")
    )
    return Coalesce(Subquery(load), 0)


class VolunteerQuerySet(models.QuerySet):
    def with_load(self):
        """Annotate `current_load`: how many museums the volunteer supports now."""
        return self.annotate(current_load=current_load("pk"))

    def with_room(self):
        return (
            self.with_load()
            .filter(status=Volunteer.Status.ACTIVE)
            .filter(current_load__lt=F("capacity"))
        )


class Volunteer(PublicSubmission):
    class Status(models.TextChoices):
        NEW = "new", "New"
        REVIEWING = "reviewing", "Reviewing"
        ACTIVE = "active", "Active"
        PAUSED = "paused", "Paused"
        WITHDRAWN = "withdrawn", "Withdrawn"
        DECLINED = "declined", "Declined"

    class Experience(models.TextChoices):
        NONE = "none", "None yet"
        OWN_MUSEUM = "own_museum", "I have worked on my own museum's Accreditation"
        MENTOR = "mentor", "I have been a Museum Mentor for a museum working towards Accreditation"
        ASSESSOR = "assessor", "I have assessed or advised on Accreditation applications"

    # Each role a volunteer may offer, and the field that records the offer.
    ROLE_FIELDS = {
        Role.MENTOR: "offers_mentoring",
        Role.PEER_REVIEWER: "offers_peer_review",
        Role.SPEAKER: "offers_speaking",
    }
    CLOSED_STATUSES = (Status.DECLINED, Status.WITHDRAWN)
    PERSONAL_FIELDS = {
        "name": "Anonymised volunteer",
        "email": "",
        "phone": "",
        "job_title": "",
        "organisation": "",
        "availability": "",
    }

    reference = models.CharField(
        max_length=12, unique=True, editable=False, default=volunteer_reference
    )
    name = models.CharField(max_length=200)
    email = models.EmailField()
    phone = models.CharField(max_length=40, blank=True)
    job_title = models.CharField("current role", max_length=200)
    organisation = models.CharField(max_length=200)
    offers_mentoring = models.BooleanField(Role.MENTOR.label, default=False)
    offers_peer_review = models.BooleanField(Role.PEER_REVIEWER.label, default=False)
    offers_speaking = models.BooleanField(Role.SPEAKER.label, default=False)
    expertise = models.ManyToManyField(
        Topic, blank=True, related_name="volunteers", verbose_name="areas of expertise"
    )
    accreditation_experience = models.CharField(
        "experience of Accreditation", max_length=20, choices=Experience.choices
    )
    capacity = models.PositiveSmallIntegerField(
        "museums at once", help_text="How many museums they offered to support at the same time."
    )
    sub_regions = models.ManyToManyField(
        SubRegion, related_name="volunteers", verbose_name="sub-regions they can reach"
    )
    availability = models.TextField(blank=True)
    opportunities_consent = models.BooleanField(
        "happy to hear about other opportunities", default=False
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)

    objects = VolunteerQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[expertise, sub_regions])

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "status_changed_at"]),
            # The admin's list, newest first: a page read from the index (read backwards), so
            # each row's count of matches is made for that page alone, not for every volunteer.
            models.Index(fields=["created_at", "id"], name="volunteer_created_order_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(offers_mentoring=True)
                | Q(offers_peer_review=True)
                | Q(offers_speaking=True),
                name="volunteer_offers_a_role",
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1, capacity__lte=MAX_CAPACITY),
                name="volunteer_capacity_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.reference})"

    def clean(self):
        super().clean()
        if self.capacity is not None and not 1 <= self.capacity <= MAX_CAPACITY:
            raise ValidationError(
                {"capacity": f"Enter a number of museums from 1 to {MAX_CAPACITY}."}
            )
        if not self.roles_offered:
            raise ValidationError("A volunteer must offer at least one role.")

    @property
    def roles_offered(self):
        return [role for role, field in self.ROLE_FIELDS.items() if getattr(self, field)]

    def get_roles_offered_display(self):
        return [role.label for role in self.roles_offered]

    def set_roles(self, roles):
        for role, field in self.ROLE_FIELDS.items():
            setattr(self, field, role in roles)

    @property
    def can_withdraw(self):
        return self.status not in self.CLOSED_STATUSES

    def remove_listing(self):
        """Take the volunteer out of the public register at once (withdrawing, anonymising)."""
        Listing.objects.filter(volunteer=self).delete()

    def log_status(self, *, by=None):
        # Every status change, from the withdraw link or the admin, is logged here: a closed
        # offer leaves the register with it.
        super().log_status(by=by)
        if self.status in self.CLOSED_STATUSES:
            self.remove_listing()

    def anonymise(self):
        with transaction.atomic():
            self.remove_listing()
            return super().anonymise()

    def withdraw_token(self):
        return signing.dumps(self.reference, salt=WITHDRAW_SALT)

    @classmethod
    def from_withdraw_token(cls, token):
        """The volunteer a withdraw link is for. Raises signing.SignatureExpired for an old
        link, signing.BadSignature for a forged one and DoesNotExist for a deleted record."""
        max_age = settings.WITHDRAW_LINK_MAX_AGE_DAYS * 24 * 3600
        reference = signing.loads(token, salt=WITHDRAW_SALT, max_age=max_age)
        return cls.objects.get(reference=reference)


class SupportRequestQuerySet(models.QuerySet):
    def open(self):
        """Requests that still need staff to act: new, or in progress."""
        return self.filter(status__in=SupportRequest.OPEN_STATUSES)


class SupportRequest(PublicSubmission):
    class Status(models.TextChoices):
        NEW = "new", "New"
        IN_PROGRESS = "in_progress", "In progress"
        MATCHED = "matched", "Matched"
        CLOSED = "closed", "Closed"
        DECLINED = "declined", "Declined"

    class SupportType(models.TextChoices):
        MENTOR = "mentor", "A Museum Mentor for Accreditation"
        PEER_REVIEW = "peer_review", "A Survive and Thrive peer review"
        ADVICE = "advice", "One-to-one advice"
        OBSERVE = "observe", "To observe a skills session"

    class AccreditationStatus(models.TextChoices):
        ACCREDITED = "accredited", "Accredited"
        PROVISIONAL = "provisional", "Provisionally accredited"
        WORKING_TOWARDS = "working_towards", "Working towards Accreditation"
        NOT_APPLYING = "not_applying", "Not yet applying"

    OPEN_STATUSES = (Status.NEW, Status.IN_PROGRESS)
    CLOSED_STATUSES = (Status.CLOSED, Status.DECLINED)
    PERSONAL_FIELDS = {
        "contact_name": "Anonymised contact",
        "email": "",
        "phone": "",
        "description": "",
    }

    reference = models.CharField(
        max_length=12, unique=True, editable=False, default=request_reference
    )
    museum_name = models.CharField(max_length=200)
    contact_name = models.CharField(max_length=200)
    email = models.EmailField()
    phone = models.CharField(max_length=40)
    support_type = models.CharField("support wanted", max_length=20, choices=SupportType.choices)
    accreditation_status = models.CharField(max_length=20, choices=AccreditationStatus.choices)
    deadline = models.DateField(null=True, blank=True)
    has_paid_staff = models.BooleanField("has paid professional staff")
    sub_region = models.ForeignKey(
        SubRegion, on_delete=models.PROTECT, related_name="support_requests"
    )
    description = models.TextField("what they need")
    requested_mentor = models.ForeignKey(
        Volunteer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="requests_naming_them",
        verbose_name="mentor they asked for",
        help_text="Chosen from the public register. Staff still make the match.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)

    objects = SupportRequestQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "support request"
        indexes = [
            models.Index(fields=["status", "status_changed_at"]),
            models.Index(fields=["created_at", "id"], name="request_created_order_idx"),
        ]

    def __str__(self):
        return f"{self.museum_name} ({self.reference})"

    def follow_matches(self, *, by=None):
        """Matched while it has a current match. When its last match is ended or deleted it
        goes back to the open status it had before, so that it shows as open again for staff
        to match someone else or close it. A request staff have closed or declined is left
        as it is. Returns the new status, or None when it stays as it was."""
        with transaction.atomic():
            # Locked, so that two matches saved at once change and log the status once.
            current = SupportRequest.objects.select_for_update().get(pk=self.pk)
            matched = current.matches.current().exists()
            if matched and current.status in self.OPEN_STATUSES:
                status = self.Status.MATCHED
            elif not matched and current.status == self.Status.MATCHED:
                status = current.status_before_matching()
            else:
                return None
            current.change_status(status, by=by)
        self.status, self.status_changed_at = current.status, current.status_changed_at
        return status

    def status_before_matching(self):
        """The open status logged last; a request never logged as open was new."""
        logged = self.status_changes.filter(status__in=self.OPEN_STATUSES)
        return logged.order_by("-changed_at", "-pk").values_list("status", flat=True).first() or (
            self.Status.NEW
        )


class MatchQuerySet(models.QuerySet):
    def current(self):
        """Matches not yet ended: an end date today or earlier means it is over."""
        return self.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=timezone.localdate()))


class Match(models.Model):
    support_request = models.ForeignKey(
        SupportRequest, on_delete=models.CASCADE, related_name="matches"
    )
    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="matches")
    role = models.CharField(max_length=20, choices=Role.choices)
    started_on = models.DateField(default=timezone.localdate)
    agreement_signed_on = models.DateField(null=True, blank=True)
    next_review_on = models.DateField("next review due", null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)

    objects = MatchQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name_plural = "matches"
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="match_ends_after_it_starts",
            ),
            models.UniqueConstraint(
                fields=["support_request", "volunteer", "role"],
                condition=Q(ended_on__isnull=True),
                name="match_one_open_per_role",
            ),
        ]

    def __str__(self):
        return f"{self.volunteer.name} with {self.support_request.museum_name}"

    @property
    def is_current(self):
        return self.ended_on is None or self.ended_on > timezone.localdate()

    def clean(self):
        super().clean()
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": "The end date must be on or after the start date."})
        if not (self.volunteer_id and self.support_request_id):
            return
        volunteer = self.locked_volunteer()
        if self.role and self.role not in volunteer.roles_offered:
            raise ValidationError(
                {"role": f"{volunteer.name} has not offered to be a {self.get_role_display()}."}
            )
        others = Match.objects.filter(volunteer=volunteer).exclude(pk=self.pk)
        if (
            self.ended_on is None
            and others.filter(
                support_request_id=self.support_request_id, role=self.role, ended_on=None
            ).exists()
        ):
            raise ValidationError(
                f"{volunteer.name} is already matched to this request in this role."
            )
        if self.pk is None and volunteer.status != Volunteer.Status.ACTIVE:
            raise ValidationError(
                {"volunteer": f"{volunteer.name} is not active, so cannot take on a new match."}
            )
        self.check_capacity(volunteer, others)

    def locked_volunteer(self):
        """The volunteer, read afresh with their row locked until the transaction ends: two
        members of staff matching the same volunteer at once are then checked one after the
        other, the second seeing the first's match. The admin validates and saves in one
        transaction; outside one there is no save for a lock to cover."""
        volunteers = Volunteer.objects.all()
        if not transaction.get_autocommit():
            volunteers = volunteers.select_for_update()
        return volunteers.get(pk=self.volunteer_id)

    def check_capacity(self, volunteer, others):
        """A volunteer supports no more museums at once than they offered to."""
        if not self.is_current:
            return
        museums = set(others.current().values_list("support_request_id", flat=True))
        museums.add(self.support_request_id)
        if len(museums) > volunteer.capacity:
            raise ValidationError(
                {
                    "volunteer": f"{volunteer.name} offered to support "
                    f"{volunteer.capacity} museum{'s' if volunteer.capacity > 1 else ''}"
                    " at once and is already at that limit. End one of their matches first."
                }
            )


# The register's models live in their own module; imported here so that Django finds them.
from .listings import (  # noqa: E402, F401
    LISTING_SALT,
    Listing,
    ListingQuerySet,
    Skill,
    listing_token,
    short_name,
    volunteer_from_listing_token,
)
