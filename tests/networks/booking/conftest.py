import functools

import pytest

from tests.helpers.booking import booking_event


@pytest.fixture
def event(db):
    return booking_event()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """`with commit():` runs what commits inside it as production would: its emails are sent."""
    return functools.partial(django_capture_on_commit_callbacks, execute=True)
