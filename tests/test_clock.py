"""The suite's --clock-offset: every test runs on another date, and a test's own moment wins."""

import datetime
import time

import pytest
import time_machine

from tests.conftest import clock_offset


def real_now():
    hatch = time_machine.escape_hatch
    seconds = hatch.time.time() if hatch.is_travelling() else time.time()
    return datetime.datetime.fromtimestamp(seconds, datetime.UTC)


@pytest.mark.parametrize(
    ("text", "days"),
    [("400d", 400), ("400", 400), ("+3w", 21), ("-2d", -2), ("10y", 3652), ("1Y", 365)],
)
def test_an_offset_is_days_weeks_or_years(text, days):
    assert clock_offset(text) == datetime.timedelta(days=days)


@pytest.mark.parametrize("text", ["", "soon", "10 months", "1.5y", "d"])
def test_a_bad_offset_is_a_clear_usage_error(text):
    with pytest.raises(pytest.UsageError, match="give a number of days"):
        clock_offset(text)


def test_the_clock_is_moved_by_the_offset_and_ticks(pytestconfig):
    text = pytestconfig.getoption("--clock-offset")
    expected = real_now() + (clock_offset(text) if text else datetime.timedelta(0))
    first = datetime.datetime.now(datetime.UTC)
    assert abs(first - expected) < datetime.timedelta(minutes=1)
    assert time_machine.escape_hatch.is_travelling() is bool(text)
    while datetime.datetime.now(datetime.UTC) == first:  # it ticks: time moves on
        pass


def test_a_test_that_sets_its_moment_gets_exactly_it_and_then_the_run_goes_on():
    before = datetime.datetime.now(datetime.UTC)
    moment = datetime.datetime(2026, 11, 30, 9, tzinfo=datetime.UTC)
    with time_machine.travel(moment, tick=False):
        assert datetime.datetime.now(datetime.UTC) == moment
        assert datetime.date.today() == datetime.date(2026, 11, 30)
    assert abs(datetime.datetime.now(datetime.UTC) - before) < datetime.timedelta(minutes=1)
