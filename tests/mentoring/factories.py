import datetime

import factory
from django.utils import timezone
from django.utils.text import slugify

from mentoring.models import Listing, Match, Role, Skill, SupportRequest, Volunteer
from tests.networks.factories import SubRegionFactory


class VolunteerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Volunteer
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Volunteer {n}")
    email = factory.Sequence(lambda n: f"volunteer{n}@example.org")
    job_title = "Collections Manager"
    organisation = "Example Museum"
    offers_mentoring = True
    accreditation_experience = Volunteer.Experience.MENTOR
    capacity = 2
    availability = "Weekday afternoons"
    status = Volunteer.Status.ACTIVE
    privacy_consent_at = factory.LazyFunction(timezone.now)
    privacy_notice_version = "2026-11"

    @factory.post_generation
    def sub_regions(self, create, extracted, **kwargs):
        if create:
            self.sub_regions.set(extracted or [SubRegionFactory()])

    @factory.post_generation
    def expertise(self, create, extracted, **kwargs):
        if create and extracted:
            self.expertise.set(extracted)


class SupportRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportRequest

    museum_name = factory.Sequence(lambda n: f"Small Museum {n}")
    contact_name = factory.Sequence(lambda n: f"Contact {n}")
    email = factory.Sequence(lambda n: f"contact{n}@museum.example")
    phone = "020 7946 0000"
    support_type = SupportRequest.SupportType.MENTOR
    accreditation_status = SupportRequest.AccreditationStatus.WORKING_TOWARDS
    has_paid_staff = False
    sub_region = factory.SubFactory(SubRegionFactory)
    description = "We need a mentor to help with our Accreditation return."
    privacy_consent_at = factory.LazyFunction(timezone.now)
    privacy_notice_version = "2026-11"


class MatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Match

    support_request = factory.SubFactory(SupportRequestFactory)
    volunteer = factory.SubFactory(VolunteerFactory)
    role = Role.MENTOR
    started_on = datetime.date(2026, 10, 1)


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Skill {n}")
    slug = factory.LazyAttribute(lambda skill: slugify(skill.name))


class ListingFactory(factory.django.DjangoModelFactory):
    """An approved listing of an active volunteer, showing every role and sub-region offered."""

    class Meta:
        model = Listing
        skip_postgeneration_save = True

    volunteer = factory.SubFactory(VolunteerFactory)
    status = Listing.Status.APPROVED
    shows_mentoring = factory.LazyAttribute(lambda listing: listing.volunteer.offers_mentoring)
    shows_peer_review = factory.LazyAttribute(lambda listing: listing.volunteer.offers_peer_review)
    shows_speaking = factory.LazyAttribute(lambda listing: listing.volunteer.offers_speaking)

    @factory.post_generation
    def sub_regions(self, create, extracted, **kwargs):
        if create:
            self.sub_regions.set(extracted or self.volunteer.sub_regions.all())

    @factory.post_generation
    def skills(self, create, extracted, **kwargs):
        if create and extracted:
            self.skills.set(extracted)
