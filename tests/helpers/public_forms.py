"""Answers to the public forms, as a browser sends them, for tests outside the apps' own."""

import uuid

from tests.networks.factories import SubRegionFactory


def volunteer_answers(email="ada@example.org"):
    """A complete, valid volunteer form (mentoring:volunteer), each time a new submission."""
    region = SubRegionFactory(name="West London", slug="west-london")
    return {
        "submission_token": str(uuid.uuid4()),
        "website": "",
        "name": "Ada O'Brien",
        "email": email,
        "job_title": "Collections Manager",
        "organisation": "Example Museum",
        "roles": ["mentor"],
        "accreditation_experience": "mentor",
        "capacity": "2",
        "sub_regions": [str(region.pk)],
        "availability": "Weekday afternoons",
        "privacy_consent": "on",
    }


def support_request_answers(deadline, email="grace@tram.example", region=None):
    """A complete, valid request for support (mentoring:request), due on `deadline`, from
    `region` (by default a new West London)."""
    region = region or SubRegionFactory(name="West London", slug="west-london")
    return {
        "submission_token": str(uuid.uuid4()),
        "website": "",
        "museum_name": "Tiny Tram Museum",
        "contact_name": "Grace Hopper",
        "email": email,
        "phone": "+44 7700 900 982",
        "support_type": "mentor",
        "accreditation_status": "working_towards",
        "deadline_day": str(deadline.day),
        "deadline_month": str(deadline.month),
        "deadline_year": str(deadline.year),
        "has_paid_staff": "no",
        "sub_region": str(region.pk),
        "description": "We are all volunteers and need a mentor for Accreditation.",
        "privacy_consent": "on",
    }


def suggestion_answers(email="visitor@example.org"):
    """A suggested update for a network's page (networks:suggest)."""
    return {
        "submission_token": str(uuid.uuid4()),
        "website": "",
        "kind": "contact_changed",
        "details": "The chair is now Grace Hopper.",
        "email": email,
    }
