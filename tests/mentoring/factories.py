import datetime

import factory
from django.utils import timezone

from mentoring.models import Match, Role, SupportRequest, Volunteer
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
